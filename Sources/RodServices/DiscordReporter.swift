import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import RodCore
import Synchronization

/// Short messages to the operators' Discord channel (`DISCORD_BOT_TOKEN`, `DISCORD_DEBUG_CHANNEL`), as the original
/// posts its Patreon events there: server errors, the database or Redis going away and coming back, a failed import,
/// each Patreon webhook event.
///
/// `report` never waits and never fails: it queues the text. `run` sends the queue off the request path, so an
/// outage sends a handful of messages, not thousands:
/// - reports arriving within `gather` of the first are sent together, in one message;
/// - a report repeated while it waits is sent once with its count (`(×1000)`);
/// - at most `burst` messages go out at once, then one per `interval`; what waits meanwhile goes in the next one;
/// - at most `maxPending` different reports wait, and a message holds what fits in Discord's 2,000 characters; the
///   rest is counted (`… and 950 more`), the logs having each one.
///
/// Mentions in a report never notify anyone (`allowed_mentions` is empty): the text may hold what a client sent.
public final class DiscordReporter: Sendable {
    /// Where messages go. Without one, nothing is sent.
    public struct Channel: Sendable {
        /// Discord's API base, `https://discord.com/api`; tests point it at a local fake.
        public var apiURL: String
        public var botToken: String
        public var channelID: String

        public init(apiURL: String, botToken: String, channelID: String) {
            self.apiURL = apiURL.hasSuffix("/") ? String(apiURL.dropLast()) : apiURL
            self.botToken = botToken
            self.channelID = channelID
        }
    }

    public struct Policy: Sendable {
        public var gather: Duration = .seconds(2)
        public var burst = 5
        public var interval: Duration = .seconds(60)
        public var maxPending = 50
        /// Discord refuses a message over 2,000 characters.
        public var maxCharacters = 2000
        /// How a wait Discord asks for (`retry_after`) is waited: the clock's own sleep, or a test's.
        public var sleep: @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }

        public init() {}
    }

    /// Nothing is sent.
    public static let disabled = DiscordReporter(channel: nil, client: nil)

    public let channel: Channel?
    let policy: Policy
    let client: HTTPClient?
    let logger: Logger
    private let state: Mutex<State>
    private let wakeups: AsyncStream<Void>
    private let wake: AsyncStream<Void>.Continuation

    private struct State {
        var pending: [(text: String, count: Int)] = []
        var positions: [String: Int] = [:]
        /// Reports beyond `maxPending`, counted only.
        var uncounted = 0
        var tokens: Double
        var refilled = ContinuousClock.now
    }

    /// A report is cut to this many characters.
    static let maxReportCharacters = 300

    public init(channel: Channel?, client: HTTPClient?, policy: Policy = Policy(), logger: Logger = Logger(label: "rod.discord"))
    {
        self.channel = client == nil ? nil : channel
        self.client = client
        self.policy = policy
        self.logger = logger
        state = Mutex(State(tokens: Double(policy.burst)))
        (wakeups, wake) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    public var isEnabled: Bool { channel != nil }

    /// Queues `text` for the channel. Returns at once.
    public func report(_ text: String) {
        guard isEnabled else { return }
        let text = text.count > Self.maxReportCharacters ? String(text.prefix(Self.maxReportCharacters - 1)) + "…" : text
        state.withLock { state in
            if let position = state.positions[text] {
                state.pending[position].count += 1
            } else if state.pending.count < policy.maxPending {
                state.positions[text] = state.pending.count
                state.pending.append((text, 1))
            } else {
                state.uncounted += 1
            }
        }
        wake.yield()
    }

    /// Sends the queue until the task is cancelled, then what is left if the rate allows. Disabled, it only waits to
    /// be cancelled (a service that returns early would stop the server).
    public func run() async {
        for await _ in wakeups {
            try? await Task.sleep(for: policy.gather)
            if Task.isCancelled { break }
            await send(waiting: true)
        }
        // The last reports of a process that stops (cancelled, its requests would be): one attempt, no retry.
        await Task { await self.flush() }.value
    }

    /// Sends what is queued now, if the rate allows, in one attempt (`rod import` before it exits).
    public func flush() async {
        await send(waiting: false)
    }

    /// One message of everything queued, after waiting for the rate to allow it (or, not `waiting`, giving up).
    private func send(waiting: Bool) async {
        while true {
            let wait = state.withLock { state -> Duration? in
                guard !state.pending.isEmpty || state.uncounted > 0 else { return nil }
                let now = ContinuousClock.now
                let earned = (now - state.refilled) / policy.interval
                state.tokens = min(Double(policy.burst), state.tokens + earned)
                state.refilled = now
                return state.tokens >= 1 ? nil : policy.interval * (1 - state.tokens)
            }
            guard let wait else { break }
            guard waiting else { return }
            do { try await Task.sleep(for: wait) } catch { return }
        }
        let batch = state.withLock { state -> (entries: [(text: String, count: Int)], uncounted: Int)? in
            guard !state.pending.isEmpty || state.uncounted > 0 else { return nil }
            defer {
                state.pending = []
                state.positions = [:]
                state.uncounted = 0
                state.tokens -= 1
            }
            return (state.pending, state.uncounted)
        }
        guard let batch else { return }
        await post(Self.message(batch.entries, uncounted: batch.uncounted, limit: policy.maxCharacters), retry: waiting)
    }

    /// The reports as one message of at most `limit` characters, each repeated one with its count.
    static func message(_ entries: [(text: String, count: Int)], uncounted: Int, limit: Int) -> String {
        var lines: [String] = []
        var length = 0
        var unshown = uncounted
        // Room for the last line, `… and N more (see the logs)`.
        let room = limit - 40
        for entry in entries {
            let line = entry.count > 1 ? "\(entry.text) (×\(entry.count))" : entry.text
            if length + line.count + 1 > room {
                unshown += entry.count
            } else {
                lines.append(line)
                length += line.count + 1
            }
        }
        if unshown > 0 { lines.append("… and \(unshown) more (see the logs)") }
        return lines.joined(separator: "\n")
    }

    /// A number of seconds, whole or not.
    static func seconds(_ value: JSON?) -> Double? {
        switch value {
        case .int(let whole)?: Double(whole)
        case .double(let seconds)?: seconds
        default: nil
        }
    }

    private func post(_ content: String, retry: Bool) async {
        guard let channel, let client else { return }
        var request = HTTPClientRequest(url: "\(channel.apiURL)/v10/channels/\(channel.channelID)/messages")
        request.method = .POST
        request.headers.add(name: "Authorization", value: "Bot \(channel.botToken)")
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "User-Agent", value: "DiscordBot (https://realmofdarkness.app, 1)")
        let body: JSON = ["content": .string(content), "allowed_mentions": ["parse": []]]
        request.body = .bytes(ByteBuffer(bytes: body.serialized()))
        // One retry when asked, after the wait Discord asks for when it rate-limits (at most a minute).
        for attempt in 1...(retry ? 2 : 1) {
            do {
                let response = try await client.execute(request, timeout: .seconds(10))
                let reply = try await response.body.collect(upTo: 64 * 1024)
                if (200..<300).contains(response.status.code) { return }
                if response.status.code == 429, attempt == 1 {
                    let seconds = Self.seconds((try? JSON.parse(reply.readableBytesView))?["retry_after"]) ?? 1
                    try await policy.sleep(.milliseconds(Int(min(max(seconds, 0), 60) * 1000)))
                    continue
                }
                logger.warning("Discord refused an error report", metadata: ["status": "\(response.status.code)"])
                return
            } catch {
                logger.warning("cannot post an error report to Discord", metadata: ["error": "\(error)"])
                return
            }
        }
    }
}
