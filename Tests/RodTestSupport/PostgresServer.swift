import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A throwaway PostgreSQL cluster of its own (Debian's `postgresql` package) on a free loopback port, for tests that
/// stop and start the database under a running server. Run as the `postgres` user when the tests run as root, as
/// PostgreSQL requires. `scripts/test.sh` installs the package; where it is missing, such tests are skipped.
public final class PostgresServer: @unchecked Sendable {
    /// The newest installed version's programs (`initdb`, `pg_ctl`).
    public static let programs: URL? = {
        let root = URL(fileURLWithPath: "/usr/lib/postgresql")
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        return versions.compactMap(Int.init).sorted().reversed()
            .map { root.appendingPathComponent("\($0)/bin") }
            .first { FileManager.default.isExecutableFile(atPath: $0.appendingPathComponent("initdb").path) }
    }()

    public static var isInstalled: Bool { programs != nil }

    public let port: Int
    private let folder: URL
    private var data: URL { folder.appendingPathComponent("data") }

    /// Creates the cluster and starts it.
    public init() throws {
        guard let programs = Self.programs else { throw SupportError("PostgreSQL is not installed") }
        port = try freeLoopbackPort()
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("rod-postgres-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        if getuid() == 0 {
            try Self.run(URL(fileURLWithPath: "/bin/chown"), ["postgres", folder.path], asPostgres: false)
        }
        try Self.run(programs.appendingPathComponent("initdb"), ["-D", data.path, "-A", "trust", "-U", "postgres"])
        try start()
    }

    deinit {
        stop()
        try? FileManager.default.removeItem(at: folder)
    }

    /// The cluster's own `postgres` database.
    public var url: String { "postgresql://postgres@127.0.0.1:\(port)/postgres?sslmode=disable" }

    /// Starts (again) and waits until it accepts connections.
    public func start() throws {
        guard let programs = Self.programs else { return }
        let options = "-p \(port) -k \(folder.path) -c listen_addresses=127.0.0.1 -c fsync=off"
        try Self.run(
            programs.appendingPathComponent("pg_ctl"),
            ["-D", data.path, "-l", folder.appendingPathComponent("server.log").path, "-w", "-o", options, "start"])
    }

    /// Stops at once, as a crash would (`pg_ctl stop -m immediate`): every connection is cut.
    public func stop() {
        guard let programs = Self.programs else { return }
        try? Self.run(programs.appendingPathComponent("pg_ctl"), ["-D", data.path, "-m", "immediate", "-w", "stop"])
    }

    /// Runs a program to its end (as `postgres` when root); throws with its output when it fails. Spawned here rather
    /// than with Foundation's `Process`, which learns of a child's exit from a descriptor the child inherits: the
    /// server `pg_ctl start` leaves running would inherit it too, and the exit would never be seen.
    private static func run(_ program: URL, _ arguments: [String], asPostgres: Bool = true) throws {
        let command = asPostgres && getuid() == 0 ? ["/usr/sbin/runuser", "-u", "postgres", "--", program.path] : [program.path]
        let argv = (command + arguments).map { strdup($0) } + [nil]
        defer { for argument in argv { free(argument) } }
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("rod-postgres-\(UUID().uuidString).log")
        defer { try? FileManager.default.removeItem(at: log) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, log.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var pid = pid_t()
        let spawned = posix_spawn(&pid, argv[0]!, &actions, nil, argv, environ)
        guard spawned == 0 else { throw SupportError("cannot run \(program.path): error \(spawned)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        // Exited (the low seven bits zero) with status 0.
        guard status & 0x7f == 0, (status >> 8) & 0xff == 0 else {
            throw SupportError("\(program.lastPathComponent) \(arguments.joined(separator: " ")) failed: \(text)")
        }
    }
}
