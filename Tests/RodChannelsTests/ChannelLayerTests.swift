import Logging
import RodCore
import RodTestSupport
import Testing

@testable import RodChannels

@Suite struct GroupRegistryTests {
    static let character = GatewayEvent.CharacterEvent(
        id: 1, splat: "vampire5th", revision: 1, owner: 7, chronicle: nil, tracker: ["user": "7"], sheet: nil)

    @Test func deliversToTheMembersOfTheMessagesGroupOnly() {
        let groups = GroupRegistry()
        let first = Inbox<String>()
        let second = Inbox<String>()
        let a = groups.register { first.append("\($0.group) \($0.event.type)") }
        let b = groups.register { second.append("\($0.group) \($0.event.type)") }
        groups.join(a, ["characterUpdate_1", "characterNew"])
        groups.join(b, ["characterNew"])
        groups.deliver(ChannelMessage(group: "characterUpdate_1", event: .characterDelete(id: 1)))
        groups.deliver(ChannelMessage(group: "characterNew", event: .characterNew(Self.character)))
        groups.deliver(ChannelMessage(group: "characterUpdate_2", event: .characterDelete(id: 1)))
        #expect(first.pending == ["characterUpdate_1 character.delete", "characterNew character.new"])
        #expect(second.pending == ["characterNew character.new"])

        groups.leave(a, ["characterNew"])
        groups.unregister(b)
        groups.deliver(ChannelMessage(group: "characterNew", event: .characterNew(Self.character)))
        #expect(first.pending.count == 2)
        #expect(second.pending.count == 1)
        #expect(groups.groups(of: a) == ["characterUpdate_1"])
        #expect(groups.count == 1)
    }

    @Test func aMemberWatchingAllReceivesEveryGroupUntilItStops() {
        let groups = GroupRegistry()
        let inbox = Inbox<String>()
        let member = groups.register { inbox.append($0.group) }
        groups.watchAll(member, true)
        groups.deliver(ChannelMessage(group: "userUpdate_7", event: .sessionEnd))
        groups.watchAll(member, false)
        groups.deliver(ChannelMessage(group: "userUpdate_8", event: .sessionEnd))
        #expect(inbox.pending == ["userUpdate_7"])
    }

    @Test func aGroupIsHeardWhileItHasAMemberOrSomeoneWatchesAll() {
        let groups = GroupRegistry()
        let member = groups.register { _ in }
        #expect(!groups.isHeard("characterUpdate_1"))
        groups.join(member, ["characterUpdate_1"])
        #expect(groups.isHeard("characterUpdate_1"))
        #expect(!groups.isHeard("characterUpdate_2"))
        groups.watchAll(member, true)
        #expect(groups.isHeard("characterUpdate_2"))
        groups.watchAll(member, false)
        groups.unregister(member)
        #expect(!groups.isHeard("characterUpdate_1"))
    }

    @Test func aFrameBuiltFromAMessageIsBuiltOnce() {
        let message = ChannelMessage(group: "g", event: .sessionEnd)
        let builds = Inbox<Int>()
        for _ in 0..<3 {
            _ = message.rendering("frame") {
                builds.append(1)
                return [1, 2, 3]
            }
        }
        #expect(builds.pending.count == 1)
        #expect(message.rendering("frame") { [] } == [1, 2, 3])
    }

    @Test func theInProcessLayerDeliversAtOnce() {
        let layer = InProcessChannelLayer()
        let inbox = Inbox<GatewayEvent>()
        let member = layer.groups.register { inbox.append($0.event) }
        layer.groups.join(member, [GatewayGroups.userUpdate(5)])
        layer.send(.userUpdate(user: ["id": "5"]), to: "userUpdate_5")
        #expect(inbox.pending == [.userUpdate(user: ["id": "5"])])
    }
}

@Suite struct RedisEndpointTests {
    @Test func readsRedisURLs() {
        #expect(RedisEndpoint(url: "redis://127.0.0.1:6380/2") == RedisEndpoint(host: "127.0.0.1", port: 6380, database: 2))
        #expect(RedisEndpoint(url: "redis://cache") == RedisEndpoint(host: "cache", port: 6379, database: 0))
        #expect(RedisEndpoint(url: "redis://:s%40cret@cache:7000/1")?.password == "s@cret")
        #expect(RedisEndpoint(url: "http://cache") == nil)
        #expect(RedisEndpoint(url: "redis://cache/one") == nil)
        #expect(RedisEndpoint(url: "redis://cache/3")?.channel == "rod:gateway:3")
        #expect(RedisEndpoint(url: "redis://:pw@cache:7000/1")?.description == "redis://cache:7000/1")
    }
}

@Suite struct RedisEnvelopeTests {
    @Test func aNumberIsTheEnvelopesFirstKey() {
        #expect(
            RedisChannelLayer.numbered(Array(#"{"origin":"a","group":"g"}"#.utf8), 7)
                == Array(#"{"seq":7,"origin":"a","group":"g"}"#.utf8))
        #expect(RedisChannelLayer.numbered(Array("{}".utf8), 1) == Array(#"{"seq":1}"#.utf8))
    }
}

/// Two Redis layers stand for two server processes sharing one Redis.
@Suite(.enabled(if: RedisServer.isInstalled, "needs redis-server (scripts/test.sh installs it)"), .serialized)
struct RedisProcessTests {
    static var logger: Logger {
        var logger = Logger(label: "redis-test")
        logger.logLevel = .critical
        return logger
    }

    static let resync = JSON.object(GatewayEvent.resync.json)

    /// An event told apart by its name, and its JSON as the sockets' inboxes hold it.
    static func named(_ name: String) -> GatewayEvent { .userUpdate(user: ["name": .string(name)]) }
    static func seen(_ name: String) -> JSON { .object(named(name).json) }

    /// Runs the layers while `body` runs.
    func running(_ layers: [RedisChannelLayer], _ body: () async throws -> Void) async throws {
        let tasks = layers.map { layer in Task { try await layer.run() } }
        defer { for task in tasks { task.cancel() } }
        try await body()
        for task in tasks {
            task.cancel()
            try await task.value
        }
    }

    func waitUntil(_ condition: @Sendable () -> Bool, timeout: Duration = .seconds(10)) async throws {
        let deadline = ContinuousClock.now + timeout
        while !condition() {
            guard ContinuousClock.now < deadline else { throw SupportError("condition not met within \(timeout)") }
            try await Task.sleep(for: .milliseconds(10))
        }
    }

    /// Two processes' layers on one Redis, each with one socket in `group`, running while `body` runs.
    func withTwoProcesses(
        socketsIn group: String,
        _ body: (RedisServer, RedisChannelLayer, RedisChannelLayer, _ seenByA: Inbox<JSON>, _ seenByB: Inbox<JSON>) async throws
            -> Void
    ) async throws {
        let redis = try RedisServer()
        let endpoint = try #require(RedisEndpoint(url: redis.url))
        let a = RedisChannelLayer(endpoint: endpoint, logger: Self.logger)
        let b = RedisChannelLayer(endpoint: endpoint, logger: Self.logger)
        let seenByA = Inbox<JSON>()
        let seenByB = Inbox<JSON>()
        a.groups.join(a.groups.register { seenByA.append(.object($0.event.json)) }, [group])
        b.groups.join(b.groups.register { seenByB.append(.object($0.event.json)) }, [group])
        try await running([a, b]) {
            // Generous: under the full suite on 2 cores the subscriber threads may take a while to be scheduled.
            try await waitUntil({ a.isSubscribed && b.isSubscribed }, timeout: .seconds(60))
            // Subscribing, each layer tells the sockets it already has to read their state again.
            _ = try await seenByA.take(where: { $0 == Self.resync })
            _ = try await seenByB.take(where: { $0 == Self.resync })
            try await body(redis, a, b, seenByA, seenByB)
        }
    }

    @Test func anEventSentInOneProcessReachesTheOtherOnce() async throws {
        try await withTwoProcesses(socketsIn: "characterUpdate_1") { _, a, _, seenByA, seenByB in
            let event = GatewayEvent.characterUpdate(
                .init(
                    id: 1, splat: "vampire5th", revision: 2, owner: 7, chronicle: nil, tracker: ["name": "Zoë", "user": "7"],
                    sheet: nil))
            a.send(event, to: "characterUpdate_1")
            a.send(.characterDelete(id: 2), to: "characterUpdate_2")
            let received = try await seenByB.take()
            #expect(received == .object(event.json))
            // A's own socket got it at once, and not a second time from Redis; B had no member in the other group.
            #expect(seenByA.pending == [.object(event.json)])
            #expect(await seenByB.staysWithout(where: { _ in true }))
            #expect(seenByA.pending.count == 1)
        }
    }

    @Test func eventsFlowAgainAfterRedisReturns() async throws {
        try await withTwoProcesses(socketsIn: "g") { redis, a, b, seenByA, seenByB in
            redis.stop()
            try await waitUntil { !a.isSubscribed && !b.isSubscribed }
            // Without Redis, sending still works and this process's members still get the event.
            a.send(Self.named("during"), to: "g")
            #expect(seenByA.pending == [Self.seen("during")])

            try redis.start()
            // Back once both listen again and A's publisher has found Redis answering (until then A drops events).
            try await waitUntil({ a.problem == nil && b.problem == nil }, timeout: .seconds(60))
            a.send(Self.named("after"), to: "g")
            _ = try await seenByB.take(where: { $0 == Self.seen("after") }, timeout: .seconds(60))
            // What A sent while Redis was away is dropped, not replayed later; B's sockets were told to read again.
            #expect(!seenByB.pending.contains(Self.seen("during")))
            #expect(seenByB.pending.contains(Self.resync))
        }
    }

    /// Publishes an envelope as another process would, straight to Redis.
    func publish(_ redis: RedisServer, origin: String, seq: Int64, _ event: JSON, to group: String) throws {
        let endpoint = try #require(RedisEndpoint(url: redis.url))
        let envelope: JSON = ["origin": .string(origin), "seq": .int(seq), "group": .string(group), "event": event]
        _ = try HiredisConnection(endpoint).command(
            [Array("PUBLISH".utf8), Array(endpoint.channel.utf8), envelope.serialized()])
    }

    @Test func aGapInAnotherProcessesNumbersHasEverySocketReadAgainAndAnOlderMessageIsDropped() async throws {
        try await withTwoProcesses(socketsIn: "g") { redis, _, b, _, seenByB in
            let other = b.groups.register { seenByB.append(.object($0.event.json)) }
            b.groups.join(other, ["elsewhere"])
            try publish(redis, origin: "c", seq: 1, Self.seen("first"), to: "g")
            _ = try await seenByB.take(where: { $0 == Self.seen("first") })
            // Messages 2 and 3 never came: every socket of B, whatever its groups, is told to read its state again,
            // then receives message 4.
            try publish(redis, origin: "c", seq: 4, Self.seen("fourth"), to: "g")
            _ = try await seenByB.take(where: { $0 == Self.seen("fourth") })
            #expect(seenByB.pending == [Self.resync, Self.resync])
            // Message 3 arriving late (a frozen Redis replays what it held) is older than 4: dropped.
            try publish(redis, origin: "c", seq: 3, Self.seen("third"), to: "g")
            try publish(redis, origin: "c", seq: 5, Self.seen("fifth"), to: "g")
            _ = try await seenByB.take(where: { $0 == Self.seen("fifth") })
            #expect(!seenByB.pending.contains(Self.seen("third")))
            // An event of no kind this server knows (a newer process's) is dropped on arrival, not delivered.
            try publish(redis, origin: "c", seq: 6, ["type": "character.rename", "id": 1], to: "g")
            try publish(redis, origin: "c", seq: 7, Self.seen("seventh"), to: "g")
            _ = try await seenByB.take(where: { $0 == Self.seen("seventh") })
            #expect(!seenByB.pending.contains { $0["type"] == "character.rename" })
        }
    }

    @Test func eventsSentAtOnceFromManyTasksAllArriveWithoutAGap() async throws {
        try await withTwoProcesses(socketsIn: "g") { _, a, _, _, seenByB in
            // Sixteen writes sending at once, as a busy process does: their numbers reach Redis in order, so B sees
            // no gap and tells its sockets nothing but the events.
            await withTaskGroup(of: Void.self) { group in
                for task in 0..<16 {
                    group.addTask { for index in 0..<25 { a.send(Self.named("\(task * 25 + index)"), to: "g") } }
                }
            }
            try await waitUntil({ seenByB.pending.count >= 400 }, timeout: .seconds(60))
            #expect(await seenByB.staysWithout(where: { _ in false }))
            #expect(seenByB.pending.count == 400)
            #expect(!seenByB.pending.contains(Self.resync))
        }
    }

    @Test func aFrozenRedisIsFoundByPingingAndSubscribingAgainHasSocketsReadAgain() async throws {
        try await withTwoProcesses(socketsIn: "g") { redis, a, b, _, seenByB in
            redis.freeze()
            defer { redis.thaw() }
            try await waitUntil({ !a.isSubscribed && !b.isSubscribed }, timeout: .seconds(60))
            #expect(b.problem?.hasPrefix("not subscribed") == true)
            redis.thaw()
            try await waitUntil({ a.problem == nil && b.problem == nil }, timeout: .seconds(60))
            _ = try await seenByB.take(where: { $0 == Self.resync }, timeout: .seconds(60))
            a.send(Self.named("after"), to: "g")
            _ = try await seenByB.take(where: { $0 == Self.seen("after") }, timeout: .seconds(60))
        }
    }
}
