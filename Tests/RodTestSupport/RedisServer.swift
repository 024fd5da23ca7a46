import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A throwaway `redis-server` on a free loopback port, without persistence, for tests that need a real Redis.
/// `scripts/test.sh` installs redis-server; where it is missing, such tests are skipped.
public final class RedisServer: @unchecked Sendable {
    public static let executable: String? = ["/usr/bin/redis-server", "/usr/local/bin/redis-server"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    public static var isInstalled: Bool { executable != nil }

    public let port: Int
    private let log: URL
    private var process: Process?

    /// Starts a server on a free port.
    public init() throws {
        port = try freeLoopbackPort()
        log = FileManager.default.temporaryDirectory.appendingPathComponent("rod-redis-\(UUID().uuidString).log")
        try start()
    }

    deinit {
        stop()
        try? FileManager.default.removeItem(at: log)
    }

    public var url: String { "redis://127.0.0.1:\(port)/0" }

    /// Starts (again) on the same port and waits until it accepts connections.
    public func start() throws {
        guard let executable = Self.executable else { throw SupportError("redis-server is not installed") }
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = [
            "--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no",
        ]
        process.standardOutput = try FileHandle(forWritingTo: log)
        process.standardError = process.standardOutput
        try process.run()
        self.process = process
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            if text.contains("Ready to accept connections") { return }
            guard process.isRunning else { throw SupportError("redis-server exited: \(text)") }
            usleep(20_000)
        }
        throw SupportError("redis-server did not start within 10 s")
    }

    /// Freezes the server (SIGSTOP): its connections stay open and the kernel keeps accepting new ones, but nothing is
    /// answered until `thaw()`.
    public func freeze() {
        guard let process, process.isRunning else { return }
        kill(process.processIdentifier, SIGSTOP)
    }

    public func thaw() {
        guard let process else { return }
        kill(process.processIdentifier, SIGCONT)
    }

    /// Kills the server (as a crash would) and waits for it to exit. SIGKILL, because a child of the test process
    /// inherits a signal mask that blocks SIGTERM.
    public func stop() {
        guard let process, process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        while process.isRunning { usleep(5_000) }
        self.process = nil
    }
}

/// A loopback TCP port nothing listens on right now.
public func freeLoopbackPort() throws -> Int {
    let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard descriptor >= 0 else { throw SupportError("socket() failed") }
    defer { close(descriptor) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) { pointer in
        pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
            bind(descriptor, socketAddress, length) == 0 && getsockname(descriptor, socketAddress, &length) == 0
        }
    }
    guard bound else { throw SupportError("cannot bind a loopback port") }
    return Int(UInt16(bigEndian: address.sin_port))
}

public struct SupportError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
