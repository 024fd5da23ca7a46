import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import RodChannels
import RodCore
import RodServices
import RodTestSupport
import Synchronization
import Testing

@testable import RodApp
@testable import RodHTTP

/// Reports to the operators' Discord channel, received by a local fake of Discord's API.
@Suite struct DiscordReportTests {
    static let channelID = "4242"

    /// A reporter posting to the fake: reports gathered for 100 ms, `burst` messages, then one an hour.
    static func reporter(_ discord: FakeDiscord, burst: Int = 2) -> DiscordReporter {
        var policy = DiscordReporter.Policy()
        policy.gather = .milliseconds(100)
        policy.burst = burst
        policy.interval = .seconds(3600)
        return DiscordReporter(
            channel: .init(apiURL: discord.apiURL, botToken: FakeDiscord.botToken, channelID: channelID),
            client: .shared, policy: policy)
    }

    static let quiet = {
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        return logger
    }()

    /// Runs the reporter while `body` runs.
    static func running(_ reporter: DiscordReporter, _ body: () async throws -> Void) async throws {
        let task = Task { await reporter.run() }
        defer { task.cancel() }
        try await body()
    }

    /// The reports a message stands for: each line once, or its `(×N)`, and `… and N more`.
    static func count(_ message: String) -> Int {
        message.split(separator: "\n").reduce(0) { total, line in
            if line.hasPrefix("… and "), let number = Int(line.dropFirst("… and ".count).prefix { $0.isNumber }) {
                return total + number
            }
            if line.hasSuffix(")"), let range = line.range(of: " (×", options: .backwards),
                let number = Int(line[range.upperBound...].dropLast())
            {
                return total + number
            }
            return total + 1
        }
    }

    @Test func aBurstOfAThousandErrorsSendsAHandfulOfMessages() async throws {
        try await FakeDiscord.run { discord in
            let reporter = Self.reporter(discord)
            for index in 0..<1000 {
                reporter.report(index < 600 ? "500 on POST /bot/character/save: database is locked" : "500 on GET /c/\(index)")
            }
            try await Self.running(reporter) {
                let first = try await discord.waitForMessages(1)[0]
                #expect(first.channel == Self.channelID && first.authorization == "Bot \(FakeDiscord.botToken)")
                #expect(first.body["allowed_mentions"] == ["parse": []], "a report never pings anyone")
                #expect(first.content.count <= 2000)
                #expect(first.content.hasPrefix("500 on POST /bot/character/save: database is locked (×600)\n"))
                #expect(first.content.contains("\n… and ") && first.content.hasSuffix("more (see the logs)"))
                #expect(Self.count(first.content) == 1000)

                // The outage goes on: the next thousand are one more message (all of them, unless the machine is so
                // loaded that queueing them outlasts the gathering), then the rate holds the rest back.
                for _ in 0..<1000 { reporter.report("500 on POST /bot/character/save: database is locked") }
                let second = try await discord.waitForMessages(2)[1]
                #expect(second.content.hasPrefix("500 on POST /bot/character/save: database is locked"))
                #expect((1...1000).contains(Self.count(second.content)))
                for _ in 0..<1000 { reporter.report("503 on GET /ready") }
                try await Task.sleep(for: .seconds(1))
                #expect(discord.messages.count == 2)
            }
        }
    }

    /// A 429 is answered by waiting exactly the `retry_after` Discord names (here 7.5 s, on a test clock that records
    /// the wait instead of sleeping), then sending once more.
    @Test func discordsRateLimitIsWaitedFor() async throws {
        try await FakeDiscord.run { discord in
            discord.channel.rateLimit(next: 1, retryAfter: 7.5)
            let waits = Shared<[Duration]>([])
            var policy = DiscordReporter.Policy()
            policy.gather = .milliseconds(10)
            policy.sleep = { duration in waits.withLock { $0.append(duration) } }
            let reporter = DiscordReporter(
                channel: .init(apiURL: discord.apiURL, botToken: FakeDiscord.botToken, channelID: Self.channelID),
                client: .shared, policy: policy)
            try await Self.running(reporter) {
                reporter.report("The database is unavailable: connection refused")
                let messages = try await discord.waitForMessages(1)
                #expect(messages.map(\.content) == ["The database is unavailable: connection refused"])
            }
            #expect(waits.withLock { $0 } == [.milliseconds(7500)])
            #expect(discord.channel.state.withLock { $0.arrivals.count } == 2)
        }
    }

    /// Reporters built as the assembly builds them, from the settings, against the fake: with only the bot token or
    /// only the channel nothing reaches Discord, in the time the reporter with both took to deliver its report.
    @Test func withoutTheTwoSettingsNothingIsSent() async throws {
        try await FakeDiscord.run { discord in
            func reporter(token: String, channel: String) -> DiscordReporter {
                var services = ExternalServices()
                services.discordAPIURL = discord.apiURL
                services.discordBotToken = token
                services.discordDebugChannel = channel
                var policy = DiscordReporter.Policy()
                policy.gather = .milliseconds(10)
                return DiscordReporter(channel: services.discordReports, client: .shared, policy: policy)
            }
            let reporters = [
                ("only the token", reporter(token: FakeDiscord.botToken, channel: "")),
                ("only the channel", reporter(token: "", channel: Self.channelID)),
                ("both", reporter(token: FakeDiscord.botToken, channel: Self.channelID)),
            ]
            #expect(reporters.map(\.1.isEnabled) == [false, false, true])
            let tasks = reporters.map { entry in Task { await entry.1.run() } }
            for (name, reporter) in reporters { reporter.report("sent by the reporter with \(name)") }
            let delivered = try await discord.waitForMessages(1)
            try await Task.sleep(for: .milliseconds(200))
            for task in tasks { task.cancel() }
            #expect(delivered.map(\.content) == ["sent by the reporter with both"])
            #expect(discord.channel.state.withLock { $0.arrivals.count } == 1)
        }
        #expect(throws: ConfigurationError.self) {
            try Configuration.load(environment: ["DISCORD_DEBUG_CHANNEL": "#debug"], configDirectory: "/nonexistent")
        }
    }

    /// Every 5xx, thrown or returned, is reported once with its method and path (never the query).
    @Test func serverErrorsAreReported() async throws {
        try await FakeDiscord.run { discord in
            let reporter = Self.reporter(discord)
            let router = Router()
            router.add(middleware: ErrorMiddleware(reporter: reporter))
            router.get("broken") { _, _ -> Response in throw CancellationError() }
            router.get("busy") { _, _ in Reply.detail("try again", status: .serviceUnavailable) }
            router.get("fine") { _, _ in Reply.detail("ok", status: .ok) }
            router.get("missing") { _, _ -> Response in throw HTTPError(.notFound) }
            try await Self.running(reporter) {
                let statuses = try await Application(router: router, logger: Self.quiet).test(.router) { client in
                    var statuses: [HTTPResponse.Status] = []
                    for uri in ["/broken?name=secret", "/busy", "/fine", "/missing"] {
                        statuses.append(try await client.execute(uri: uri, method: .get).status)
                    }
                    return statuses
                }
                #expect(statuses == [.internalServerError, .serviceUnavailable, .ok, .notFound])
                let message = try await discord.waitForMessages(1)[0]
                #expect(message.content == "500 on GET /broken: CancellationError()\n503 on GET /busy")
            }
        }
    }

    @Test func eachPatreonEventIsPosted() async throws {
        try await FakeDiscord.run { discord in
            let reporting: (inout Configuration) -> Void = { settings in
                settings.services.patreonWebhookSecret = PatreonTests.secret
                settings.services.discordAPIURL = discord.apiURL
                settings.services.discordBotToken = FakeDiscord.botToken
                settings.services.discordDebugChannel = Self.channelID
            }
            try await World.with(configure: reporting) { world in
                try await world.live { client in
                    let body = PatreonTests.payload()
                    let response = try await PatreonTests.post(
                        client, body, signature: PatreonTests.sign(body), event: "members:pledge:create")
                    #expect(response.status == .ok)
                    let message = try await discord.waitForMessages(1)[0]
                    #expect(
                        message.content == """
                            Patreon Webhook POST - members:pledge:create
                            <@1001>
                            Name: Mirai
                            Email: mirai@example.com
                            Tier Ids: ['8618737'] || Tier: 3
                            Outcome: applied
                            """)
                }
            }
        }
    }

    /// The database (or Redis) going away is reported once, and its return once.
    @Test func anOutageIsReportedWhenItStartsAndWhenItEnds() async throws {
        try await FakeDiscord.run { discord in
            let reporter = Self.reporter(discord, burst: 5)
            let problem = Mutex<String?>(nil)
            let watch = AvailabilityWatch(
                checks: [.init(name: "The database") { problem.withLock { $0 } }], interval: .milliseconds(20),
                reporter: reporter, logger: Self.quiet)
            let watching = Task { await watch.watch() }
            defer { watching.cancel() }
            try await Self.running(reporter) {
                try await Task.sleep(for: .milliseconds(200))
                problem.withLock { $0 = "connection refused" }
                let down = try await discord.waitForMessages(1)
                #expect(down.map(\.content) == ["The database is unavailable: connection refused"])
                try await Task.sleep(for: .milliseconds(300))
                problem.withLock { $0 = nil }
                let back = try await discord.waitForMessages(2)[1]
                #expect(back.content.hasPrefix("The database is back, after about "))
                try await Task.sleep(for: .milliseconds(300))
                #expect(discord.messages.count == 2)
            }
        }
        // A real Redis, killed as a crash would, then started again: the channel layer's state is what is watched.
        if RedisServer.isInstalled {
            try await FakeDiscord.run { discord in
                let redis = try RedisServer()
                let layer = RedisChannelLayer(endpoint: try #require(RedisEndpoint(url: redis.url)), logger: Self.quiet)
                let reporter = Self.reporter(discord, burst: 5)
                let watch = AvailabilityWatch(
                    checks: [.init(name: "Redis") { layer.problem }], interval: .milliseconds(100), reporter: reporter,
                    logger: Self.quiet)
                let running = Task { try await layer.run() }
                defer { running.cancel() }
                let deadline = ContinuousClock.now + .seconds(60)
                while !layer.isSubscribed, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
                let watching = Task { await watch.watch() }
                defer { watching.cancel() }
                try await Self.running(reporter) {
                    redis.stop()
                    let down = try await discord.waitForMessages(1, timeout: .seconds(60))[0]
                    #expect(down.content.hasPrefix("Redis is unavailable: "))
                    try redis.start()
                    let back = try await discord.waitForMessages(2, timeout: .seconds(60))[1]
                    #expect(back.content.hasPrefix("Redis is back, after about "))
                }
            }
        }
        try await World.with { world in
            #expect(AvailabilityWatch.serving(world.assembly).checks.map(\.name) == ["The database"])
        }
        let withRedis: (inout Configuration) -> Void = { $0.channels.redis = .init(database: 0) }
        try await World.with(configure: withRedis) { world in
            #expect(AvailabilityWatch.serving(world.assembly).checks.map(\.name) == ["The database", "Redis"])
        }
    }
}
