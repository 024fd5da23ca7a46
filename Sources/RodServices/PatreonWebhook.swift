import Crypto
import Foundation
import RodCore
import RodStore

/// Why a webhook was refused.
public enum PatreonRefusal: Error, Sendable, Equatable {
    case missingSignature
    case invalidSignature
    /// The body is not the JSON Patreon sends; the value is DRF's error dictionary or message.
    case invalid(JSON)
}

/// What a webhook changed.
public enum PatreonOutcome: Sendable, Equatable {
    /// The user's supporter level was set.
    case applied(userID: Int64, level: Int64)
    /// The member has no entitled tier and the event is not a deletion: nothing to change.
    case noTiers
    /// The patron has not connected a Discord account: nothing to apply it to.
    case noDiscordAccount
    /// The same delivery (the same body) was received before: not applied again.
    case duplicate
    /// An event older than the last one applied for the patron (a delivery replayed or arriving late): not applied.
    case stale
}

/// Patreon's webhook: the `X-Patreon-Signature` header is the hex HMAC-MD5 of the raw body, keyed with the
/// webhook secret. Pledge events set the matching Discord user's supporter level from the member's entitled
/// tier (deletions set it to 0); every event is recorded with its outcome.
///
/// A signature proves who wrote a body, not when: a captured delivery stays valid for ever. So a body already received
/// is ignored, and so is an event older than the last one applied for its patron. Patreon's payloads carry no event
/// time; an event's time is the latest of the member's `last_charge_date` and `pledge_relationship_start` (the start
/// of the current pledge chain, which a new pledge after a cancellation moves forward), and between events of the
/// same time a deletion wins over what came before it.
public struct PatreonWebhook: Sendable {
    let secret: String
    let store: any PatreonStore & UserStore
    let broadcaster: Broadcaster
    /// Each event is posted to the operators' Discord channel, as the original does.
    let reporter: DiscordReporter
    let clock: @Sendable () -> Double

    /// Patreon tier ids and the supporter levels they grant (the original's `convert_patreon_id`).
    public static let levels: [String: Int64] = [
        "8618368": 2, "8618737": 3, "8618768": 4, "8618838": 5, "8618981": 6,
    ]

    public init(
        secret: String, store: any PatreonStore & UserStore, broadcaster: Broadcaster, reporter: DiscordReporter = .disabled,
        clock: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 }
    ) {
        self.reporter = reporter
        self.secret = secret
        self.store = store
        self.broadcaster = broadcaster
        self.clock = clock
    }

    /// True when `signature` is the body's HMAC-MD5 under the secret. An unset secret verifies nothing.
    public func isSigned(_ body: [UInt8], signature: String) -> Bool {
        guard !secret.isEmpty, let mac = Self.bytes(hex: signature) else { return false }
        return HMAC<Insecure.MD5>.isValidAuthenticationCode(
            mac, authenticating: body, using: SymmetricKey(data: Data(secret.utf8)))
    }

    /// Verifies and applies a webhook. Throws `PatreonRefusal` for requests to refuse; store failures propagate.
    public func receive(body: [UInt8], signature: String?, event: String?) async throws -> PatreonOutcome {
        guard let signature, !signature.isEmpty else { throw PatreonRefusal.missingSignature }
        guard isSigned(body, signature: signature) else { throw PatreonRefusal.invalidSignature }
        guard let payload = try? JSON.parse(body).objectValue else {
            throw PatreonRefusal.invalid(["detail": "JSON parse error"])
        }
        var missing = JSONObject()
        for key in ["data", "included"] where payload[key] == nil { missing[key] = ["This field is required."] }
        guard missing.isEmpty else { throw PatreonRefusal.invalid(.object(missing)) }

        let deliveryHash = SHA256.hash(data: body).lowercaseHex
        if try await store.patreonDeliveryExists(hash: deliveryHash) { return .duplicate }

        let event = event ?? ""
        let isDeletion = event.hasSuffix(":delete")
        let patron = payload["included"]?.arrayValue?.first { $0["type"] == "user" }
        let discordID = Snowflake.parse(patron?["attributes"]?["social_connections"]?["discord"]?["user_id"])
        let name = patron?["attributes"]?["vanity"]?.stringValue ?? patron?["attributes"]?["full_name"]?.stringValue ?? ""
        let tier = payload["data"]?["relationships"]?["currently_entitled_tiers"]?["data"]?.arrayValue?.first?["id"]?.stringValue
        let level: Int64?
        if isDeletion {
            level = 0
        } else {
            level = tier.map { Self.levels[$0] ?? 0 }
        }

        let patronID = patron?["id"]?.stringValue ?? discordID.map { String($0) }
        let eventTime = Self.eventTime(payload["data"]?["attributes"])

        let outcome: PatreonOutcome
        if let patronID, let eventTime, let last = try await store.lastAppliedPatreonEvent(patron: patronID),
            let lastTime = last.eventTime,
            eventTime < lastTime || (eventTime == lastTime && last.event.hasSuffix(":delete") && !isDeletion)
        {
            outcome = .stale
        } else if let level, let discordID {
            let now = clock()
            var user = try await store.user(id: discordID) ?? User(id: discordID, username: name, createdAt: now)
            user.supporter = level
            user.lastSaved = now
            try await store.save(user)
            broadcaster.userChanged(user)
            outcome = .applied(userID: discordID, level: level)
        } else {
            outcome = level == nil ? .noTiers : .noDiscordAccount
        }
        let record = PatreonEvent(
            event: event, discordID: discordID, tier: tier, level: level, outcome: Self.name(of: outcome),
            payload: String(decoding: body, as: UTF8.self), receivedAt: clock(), deliveryHash: deliveryHash, patron: patronID,
            eventTime: eventTime)
        try await store.record(record)
        reporter.report(
            Self.report(
                event: event, discordID: discordID, name: name, email: payload["data"]?["attributes"]?["email"]?.stringValue,
                tiers: payload["data"]?["relationships"]?["currently_entitled_tiers"]?["data"]?.arrayValue, level: level,
                outcome: outcome))
        return outcome
    }

    /// The original's message (`Patreon Webhook POST - <event>`, the patron's mention, name, email, tier ids and level)
    /// and what was done with the event.
    static func report(
        event: String, discordID: Int64?, name: String, email: String?, tiers: [JSON]?, level: Int64?, outcome: PatreonOutcome
    ) -> String {
        // The tier ids as the original prints them, a Python list: ['8618368'].
        let ids = (tiers ?? []).compactMap { $0["id"]?.stringValue }.map { "'\($0)'" }.joined(separator: ", ")
        return [
            "Patreon Webhook POST - \(event)", discordID.map { "<@\($0)>" } ?? "no Discord account", "Name: \(name)",
            "Email: \(email ?? "")", "Tier Ids: [\(ids)] || Tier: \(level ?? 0)", "Outcome: \(Self.name(of: outcome))",
        ].joined(separator: "\n")
    }

    static func name(of outcome: PatreonOutcome) -> String {
        switch outcome {
        case .applied: "applied"
        case .noTiers: "no_tiers"
        case .noDiscordAccount: "no_discord_account"
        case .duplicate: "duplicate"
        case .stale: "stale"
        }
    }

    /// The latest of the member's dates that order its events (`last_charge_date`, `pledge_relationship_start`), in
    /// seconds since 1970; nil when it has neither.
    static func eventTime(_ attributes: JSON?) -> Double? {
        let dates = ["last_charge_date", "pledge_relationship_start"].compactMap { key -> Double? in
            guard let text = attributes?[key]?.stringValue else { return nil }
            return seconds(iso8601: text)
        }
        return dates.max()
    }

    /// `2024-05-01T10:00:00.000+00:00` (Patreon's dates) or without the fraction, in seconds since 1970.
    static func seconds(iso8601 text: String) -> Double? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return date.timeIntervalSince1970 }
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)?.timeIntervalSince1970
    }

    static func bytes(hex: String) -> [UInt8]? {
        let digits = Array(hex.utf8)
        guard digits.count % 2 == 0, !digits.isEmpty else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits.count / 2)
        for index in stride(from: 0, to: digits.count, by: 2) {
            guard let high = nibble(digits[index]), let low = nibble(digits[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
        }
        return bytes
    }

    static func nibble(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
