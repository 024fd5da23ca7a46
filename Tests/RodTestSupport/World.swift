import FixtureSplats
import Foundation
import Logging
import RodApp
import RodCore
import RodHTTP
import RodServices
import RodSplats
import RodStore
import Synchronization

/// The repository root, for `splats/`, `config/` and the fixtures.
public let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// The registry of the repository's `splats/`, with every splat module.
public let registry: Registry = {
    do {
        return try Registry.load(directory: packageRoot.appendingPathComponent("splats").path, modules: splatModules)
    } catch {
        fatalError("splats/ does not load:\n\(error)")
    }
}()

/// The repository's splat files and the files of fixture folders (`Tests/Fixtures/<folder>`), each text with the
/// `replacing` edits made (text → its replacement), loaded with every splat module and `modules`: the registry of a
/// deployment that adds game lines of its own, or changes its files.
public func registry(adding folders: [String], replacing: [String: String] = [:], modules: [SplatModule] = []) throws
    -> Registry
{
    var files: [(name: String, text: String)] = []
    for folder in [packageRoot.appendingPathComponent("splats")]
        + folders.map({ packageRoot.appendingPathComponent("Tests/Fixtures").appendingPathComponent($0) })
    {
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() where name.hasSuffix(".yaml") {
            var text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            for (old, new) in replacing { text = text.replacingOccurrences(of: old, with: new) }
            files.append((name, text))
        }
    }
    return try Registry.load(files: files, modules: splatModules + modules)
}

/// Chronicles of Darkness, 2nd edition: a base and a mortal line in YAML alone (`Tests/Fixtures/splats-cod`).
public let chroniclesOfDarkness: Registry = {
    do {
        return try registry(adding: ["splats-cod"])
    } catch {
        fatalError("Tests/Fixtures/splats-cod does not load:\n\(error)")
    }
}()

/// The same, with Mage: the Awakening, whose rules are a module (`Tests/Fixtures/splats-mage`, `FixtureMage2nd`).
public let awakening: Registry = {
    do {
        return try registry(adding: ["splats-cod", "splats-mage"], modules: [FixtureMage2nd.module])
    } catch {
        fatalError("Tests/Fixtures/splats-mage does not load:\n\(error)")
    }
}()

/// One test's server, assembled as `rod serve` assembles it (`Assembly`): a fresh data folder with a migrated SQLite
/// store (or a PostgreSQL schema of its own), the real registry, every service.
public struct World: Sendable {
    public let folder: URL
    public let assembly: Assembly

    public var store: SQLStore { assembly.store }
    public var configuration: Configuration { assembly.configuration }
    public var services: HTTPFaces.Services { assembly.services }
    public var registry: Registry { assembly.registry }
    public var media: MediaStore { assembly.media }
    public var clock: @Sendable () -> Double { assembly.services.clock }

    /// Runs `body` against a new world, then removes it. With `postgres`, the store is a fresh schema of the test
    /// server (`ROD_TEST_POSTGRES_URL`) instead of a SQLite file.
    public static func with(
        avatarHosts: [String] = [], clock: TestClock? = nil, postgres: Bool = false, registry: Registry = RodTestSupport.registry,
        configure: (inout Configuration) -> Void = { _ in }, _ body: (World) async throws -> Void
    ) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rod-world-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var configuration = Configuration(dataDirectory: folder.path)
        configuration.media.avatarHosts = avatarHosts
        configure(&configuration)
        var dependencies = Assembly.Dependencies()
        if let clock { dependencies.clock = { clock.now } }
        dependencies.logger = Logger(label: "rod-test")
        dependencies.logger.logLevel = .warning
        // Reports go out 50 ms after the first, when the configuration names a Discord channel.
        dependencies.reporterPolicy.gather = .milliseconds(50)
        if postgres {
            try await withPostgresSchema { endpoint in
                configuration.store = StoreConfiguration(postgres: endpoint)
                try await run(
                    folder: folder, configuration: configuration, registry: registry, dependencies: dependencies, body)
            }
        } else {
            try await run(folder: folder, configuration: configuration, registry: registry, dependencies: dependencies, body)
        }
    }

    private static func run(
        folder: URL, configuration: Configuration, registry: Registry, dependencies: Assembly.Dependencies,
        _ body: (World) async throws -> Void
    ) async throws {
        let assembly = try Assembly(configuration: configuration, registry: registry, dependencies: dependencies)
        try await assembly.withStore { _ in try await body(World(folder: folder, assembly: assembly)) }
    }

    public func character(named name: String, user: Int64 = 1001) async throws -> CharacterRecord? {
        try await store.characters(CharacterQuery(userID: user, name: name)).first
    }

    public func count(user: Int64 = 1001) async throws -> Int {
        try await store.characterCounts(userID: user, chronicleID: nil).total
    }
}

/// A clock the test moves by hand.
public final class TestClock: Sendable {
    private let time: Mutex<Double>

    public init(_ start: Double) { time = Mutex(start) }

    public var now: Double { time.withLock { $0 } }

    public func advance(by seconds: Double) { time.withLock { $0 += seconds } }
}
