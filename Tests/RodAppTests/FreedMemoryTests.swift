import Foundation
import Logging
import Testing

@testable import RodApp

/// The server gives back what it freed: memory freed in the middle of the allocator's heaps (a thousand sockets'
/// worth, with a block kept here and there as live objects do) leaves the process's resident memory.
@Suite struct FreedMemoryTests {
    @Test func freedMemoryLeavesTheProcess() async throws {
        // 64 MiB in 1 KB blocks, all but every 64th freed: the free space is not at a heap's top, so the allocator
        // keeps it on its own.
        var blocks = (0..<65_536).map { _ in
            let block = malloc(1024)!
            memset(block, 1, 1024)
            return block
        }
        defer { for block in blocks { free(block) } }
        for index in blocks.indices where index % 64 != 0 { free(blocks[index]) }
        blocks = stride(from: 0, to: blocks.count, by: 64).map { blocks[$0] }
        let before = try residentBytes()

        var logger = Logger(label: "freed-memory")
        logger.logLevel = .critical
        try await running(FreedMemoryReturn(interval: .milliseconds(50), logger: logger), logger: logger) {
            // Tests running beside this one allocate too: at least 24 of the 63 MiB freed must leave.
            try await waitUntil("the freed memory returned") { try residentBytes() < before - 24 << 20 }
        }
    }

    /// This process's resident memory (the second field of /proc/self/statm, in pages).
    func residentBytes() throws -> Int {
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
