// swift-tools-version:6.1
// Realm of Darkness backend. See ARCHITECTURE.md for the layering; each target has a README.
import PackageDescription

let package = Package(
    name: "rod",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "rod", targets: ["rod"]),
        .executable(name: "rod-bench", targets: ["rod-bench"]),
    ],
    dependencies: [
        // `traits: []` turns off Hummingbird's default traits, whose flags otherwise trigger random full rebuilds.
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.0", traits: []),
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket.git", from: "2.8.0"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.0"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.0"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.0"),
        // zlib, for the original's compressed session data (already built for the WebSocket's compression).
        .package(url: "https://github.com/adam-fowler/compress-nio.git", from: "1.5.0"),
        // Already in the graph (Hummingbird, postgres-nio); rod-bench compares OrderedDictionary with JSONObject.
        .package(url: "https://github.com/apple/swift-collections.git", from: "1.1.0"),
    ],
    targets: [
        // The trait model, the YAML manifest loader, the registry, validation and the sheet views.
        .target(
            name: "RodCore",
            dependencies: [.product(name: "Yams", package: "Yams")],
            exclude: ["README.md"]
        ),
        // Rules of the 5th-edition base (advantages: merits, flaws, backgrounds, haven, loresheets).
        .target(name: "Splat5th", dependencies: ["RodCore"], exclude: ["README.md"]),
        // Rules of Vampire: the Masquerade 5th edition (disciplines).
        .target(name: "SplatVampire5th", dependencies: ["RodCore"], exclude: ["README.md"]),
        // The one list of splat modules.
        .target(name: "RodSplats", dependencies: ["RodCore", "Splat5th", "SplatVampire5th"], exclude: ["README.md"]),
        // libhiredis, the C client of Redis (Debian: libhiredis-dev).
        .systemLibrary(name: "CHiredis", providers: [.apt(["libhiredis-dev"])]),
        // What frontends read, generated from the registry: JSON Schema per splat, OpenAPI, TypeScript, the docs page.
        .target(name: "RodSchema", dependencies: ["RodCore"], exclude: ["README.md"]),
        // Channel layers: how gateway events reach every process (in-process, or Redis pub/sub through hiredis).
        .target(
            name: "RodChannels",
            dependencies: [
                "RodCore",
                "CHiredis",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            exclude: ["README.md"]
        ),
        // The store: its protocol and records, and its SQL written once for every engine (SQLStore, Schema).
        .target(
            name: "RodStore",
            dependencies: ["RodCore", .product(name: "Metrics", package: "swift-metrics")],
            exclude: ["README.md"]
        ),
        // The SQLite engine (the embedded default), through GRDB.
        .target(
            name: "RodStoreSQLite",
            dependencies: ["RodCore", "RodStore", .product(name: "GRDB", package: "GRDB.swift")],
            exclude: ["README.md"]
        ),
        // The PostgreSQL engine, through postgres-nio; a service of the server's service group.
        .target(
            name: "RodStorePostgres",
            dependencies: [
                "RodCore",
                "RodStore",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            exclude: ["README.md"]
        ),
        // Use cases shared by every face: character writes, limits, avatars, what the gateway reads and writes.
        .target(
            name: "RodServices",
            dependencies: [
                "RodCore",
                "RodStore",
                "RodChannels",
                "RodGateway",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            exclude: ["README.md"]
        ),
        // The original backend's data: `rod import` reads its SQLite file (through GRDB) or a `dumpdata` file into a store;
        // `rod export` writes ours back in its `dumpdata` format.
        .target(
            name: "RodImport",
            dependencies: [
                "RodCore",
                "RodStore",
                "RodServices",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            exclude: ["README.md"]
        ),
        // The WebSocket gateway's protocol without the socket or the store: frames, each connection's state machine, who
        // sees each event; what it reads and writes it asks of a GatewayBackend (RodServices' GatewayService).
        .target(
            name: "RodGateway",
            dependencies: ["RodCore", "RodChannels", .product(name: "Logging", package: "swift-log")],
            exclude: ["README.md"]
        ),
        // HTTP faces on Hummingbird: bot/, api/, auth/, patreon/, media, the frontend, the gateway's socket.
        // Routes and middleware only: what they are mounted with (`HTTPFaces`) is built by RodApp.
        .target(
            name: "RodHTTP",
            dependencies: [
                "RodCore",
                "RodStore",
                "RodServices",
                "RodChannels",
                "RodGateway",
                "RodSchema",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            exclude: ["README.md"]
        ),
        // The composition root: the configuration (one part per component, each listing its keys) and the assembly of
        // the store, the channel layer, the services and the HTTP faces that `rod serve` and the tests run.
        .target(
            name: "RodApp",
            dependencies: [
                "RodCore",
                "RodStore",
                "RodStoreSQLite",
                "RodStorePostgres",
                "RodServices",
                "RodChannels",
                "RodGateway",
                "RodSchema",
                "RodHTTP",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Yams", package: "Yams"),
            ],
            exclude: ["README.md"]
        ),
        .executableTarget(
            name: "rod",
            dependencies: [
                "RodCore",
                "RodSplats",
                "RodStore",
                "RodStoreSQLite",
                "RodStorePostgres",
                "RodServices",
                "RodImport",
                "RodChannels",
                "RodHTTP",
                "RodApp",
                "RodSchema",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            exclude: ["README.md"]
        ),
        // What several test targets share: the assembled test world, a throwaway redis-server, an inbox to wait on.
        .target(
            name: "RodTestSupport",
            dependencies: [
                "RodCore", "RodSplats", "RodStore", "RodStoreSQLite", "RodStorePostgres", "RodServices", "RodGateway",
                "RodHTTP", "RodApp", "FixtureSplats", .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tests/RodTestSupport"
        ),
        // A game line with rules YAML cannot state, written as a maintainer writes a splat module (issue 23's fixture).
        .target(name: "FixtureSplats", dependencies: ["RodCore"], path: "Tests/FixtureSplats"),
        .testTarget(
            name: "RodChannelsTests",
            dependencies: ["RodCore", "RodChannels", "RodTestSupport", .product(name: "Logging", package: "swift-log")]
        ),
        // `rod-bench`: load tools for scripts/bench.sh (the gateway's fan-out); not part of the server.
        .executableTarget(
            name: "rod-bench",
            dependencies: [
                "RodCore",
                "RodSplats",
                "RodStore",
                "RodStoreSQLite",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
                .product(name: "OrderedCollections", package: "swift-collections"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            path: "Sources/RodBench",
            exclude: ["README.md"]
        ),
        // The gateway's protocol: the connection's state machine as values, and the protocol over fake sockets.
        .testTarget(
            name: "RodGatewayTests",
            dependencies: [
                "RodCore", "RodStore", "RodStoreSQLite", "RodChannels", "RodServices", "RodGateway", "RodApp", "RodTestSupport",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The splat targets' own rules: validators, bot routes, aliases.
        .testTarget(name: "SplatTests", dependencies: ["RodCore", "Splat5th", "SplatVampire5th"]),
        .testTarget(
            name: "RodCoreTests",
            dependencies: ["RodCore", "RodSplats"]
        ),
        .testTarget(
            name: "RodSchemaTests",
            dependencies: ["RodCore", "RodSplats", "RodSchema", "RodHTTP"],
            exclude: ["Golden"]
        ),
        .testTarget(
            name: "RodStoreTests",
            dependencies: [
                "RodCore",
                "RodStore",
                "RodStoreSQLite",
                "RodStorePostgres",
                "RodTestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "RodServicesTests",
            dependencies: [
                "RodCore",
                "RodChannels",
                "RodSplats",
                "RodStore",
                "RodStoreSQLite",
                "RodServices",
                "RodTestSupport",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "RodAppTests",
            dependencies: [
                "RodCore", "RodStore", "RodStorePostgres", "RodServices", "RodChannels", "RodHTTP", "RodApp", "RodTestSupport",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .testTarget(
            name: "RodHTTPTests",
            dependencies: [
                "RodCore",
                "RodSplats",
                "RodStore",
                "RodStoreSQLite",
                "RodStorePostgres",
                "RodServices",
                "RodImport",
                "RodChannels",
                "RodGateway",
                "RodHTTP",
                "RodApp",
                "RodTestSupport",
                .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
    ]
)
