import Logging
import ServiceLifecycle

#if canImport(Glibc)
    import Glibc
#endif

/// Gives the memory the process freed back to the system. glibc's allocator keeps what was freed in its heaps for
/// later use, and returns it only when the free space sits at a heap's top: after a thousand sockets closed, the
/// server held 51 of the 53 MB they had grown it by; `malloc_trim` returned 31 MB of them (bench.sh's fan-out).
enum FreedMemory {
    private typealias Trim = @convention(c) (Int) -> Int32

    /// glibc's `malloc_trim`, looked up at run time: it is not in the Glibc module Swift imports, and other C
    /// libraries (musl) do not have it.
    private static let trim: Trim? = {
        #if canImport(Glibc)
            guard let symbol = dlsym(dlopen(nil, RTLD_NOW), "malloc_trim") else { return nil }
            return unsafeBitCast(symbol, to: Trim.self)
        #else
            return nil
        #endif
    }()

    /// Returns the free memory of every heap to the system; false where the C library cannot or had nothing to return.
    @discardableResult
    static func returnToSystem() -> Bool {
        trim.map { $0(0) == 1 } ?? false
    }
}

/// Returns freed memory to the system every `interval` (`FreedMemory`). A call costs about 2 ms when there is
/// nothing to return and about 18 ms when 180 MB are (measured on this machine's kind): every 10 s, not at every
/// socket's close.
struct FreedMemoryReturn: NamedService {
    var interval: Duration = .seconds(10)
    let logger: Logger
    /// What it calls (tests count the calls).
    var release: @Sendable () -> Void = { FreedMemory.returnToSystem() }

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                if Task.isCancelled { break }
                let took = ContinuousClock().measure { release() }
                logger.trace("returned freed memory to the system", metadata: ["took": "\(took)"])
            }
        }
    }
}
