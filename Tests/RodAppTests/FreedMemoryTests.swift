import Foundation
import Logging
import Synchronization
import Testing

@testable import RodApp

/// The server gives back what it freed: memory freed in the middle of the allocator's heaps (a thousand sockets'
/// worth, with a block kept here and there as live objects do) leaves the process's resident memory, every interval.
@Suite struct FreedMemoryTests {
    @Test func freedMemoryLeavesTheProcess() throws {
        // Tests running beside this one allocate too, so the resident size is read just before and just after the
        // call, and three tries are allowed: one that returns 16 of the 63 MiB freed shows it works.
        var returned: [Int] = []
        for _ in 1...3 {
            let blocks = Self.fragmentedFree(megabytes: 64)
            defer { for block in blocks { free(block) } }
            let before = try Self.residentBytes()
            #expect(FreedMemory.returnToSystem())
            returned.append(before - (try Self.residentBytes()))
            if returned.last! >= 16 << 20 { break }
        }
        #expect(returned.contains { $0 >= 16 << 20 }, "returned \(returned.map { $0 >> 20 }) MiB")
    }

    @Test func theServiceReturnsFreedMemoryEveryInterval() async throws {
        let calls = Atomic(0)
        var logger = Logger(label: "freed-memory")
        logger.logLevel = .critical
        let service = FreedMemoryReturn(interval: .milliseconds(20), logger: logger) {
            calls.add(1, ordering: .relaxed)
        }
        try await running(service, logger: logger) {
            try await waitUntil("three calls") { calls.load(ordering: .relaxed) >= 3 }
        }
        let stopped = calls.load(ordering: .relaxed)
        try await Task.sleep(for: .milliseconds(100))
        #expect(calls.load(ordering: .relaxed) == stopped)
    }

    /// `megabytes` in 1 KB blocks, all but every 64th freed: the free space is not at a heap's top, so the allocator
    /// keeps it on its own. Returns the blocks still held.
    static func fragmentedFree(megabytes: Int) -> [UnsafeMutableRawPointer] {
        let blocks = (0..<megabytes * 1024).map { _ in
            let block = malloc(1024)!
            memset(block, 1, 1024)
            return block
        }
        for index in blocks.indices where index % 64 != 0 { free(blocks[index]) }
        return stride(from: 0, to: blocks.count, by: 64).map { blocks[$0] }
    }

    /// This process's resident memory (the second field of /proc/self/statm, in pages).
    static func residentBytes() throws -> Int {
        let fields = try String(contentsOfFile: "/proc/self/statm", encoding: .utf8).split(separator: " ")
        return Int(fields[1])! * Int(sysconf(Int32(_SC_PAGESIZE)))
    }
}

/// ServiceLifecycle keeps each service's `"\(service)"` for the process's life: the server's own say only their type.
@Suite struct ServiceNameTests {
    @Test func servicesAreNamedByTheirType() {
        #expect("\(FreedMemoryReturn(logger: Logger(label: "test")))" == "FreedMemoryReturn")
    }
}
