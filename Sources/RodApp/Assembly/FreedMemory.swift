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

/// Returns freed memory to the system once many sockets have closed: every `interval` it hands the open sockets to
/// `SocketsClosed`, and when `closed` or more have gone since the most it saw, it calls `FreedMemory`. Not on a timer
/// alone: `malloc_trim` walks every heap holding each one's lock (about 2 ms with nothing to return and 18 ms for
/// 180 MB on this machine's kind, longer on a large heap), so it runs when there is something to give back.
struct FreedMemoryReturn: NamedService {
    /// Often enough to see a burst of sockets open and close (reading a counter costs nothing).
    var interval: Duration = .seconds(1)
    var closed = 500
    /// The sockets open now (`Gateway.connectionCount`).
    let openSockets: @Sendable () -> Int
    let logger: Logger

    func run() async throws {
        await cancelWhenGracefulShutdown {
            var watch = SocketsClosed(threshold: closed, open: openSockets())
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                if Task.isCancelled { break }
                guard watch.observe(open: openSockets()) else { continue }
                let took = ContinuousClock().measure { FreedMemory.returnToSystem() }
                logger.debug("returned freed memory to the system", metadata: ["took": "\(took)"])
            }
        }
    }
}

/// Whether `threshold` sockets or more have closed since the most seen open (since the last time it said so).
struct SocketsClosed {
    let threshold: Int
    private var most: Int

    init(threshold: Int, open: Int) {
        self.threshold = threshold
        most = open
    }

    mutating func observe(open: Int) -> Bool {
        most = max(most, open)
        guard most - open >= threshold else { return false }
        most = open
        return true
    }
}
