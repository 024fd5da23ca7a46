import Crypto
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import RodCore
import RodStore
import RodTestSupport
import Testing

@Suite struct PatreonTests {
    static let secret = "patreon-secret"

    /// A members:pledge webhook as Patreon sends it (trimmed), pretty-printed as Patreon's raw bodies are.
    static func payload(
        discordID: String? = "1001", tier: String? = "8618737", name: String = "Mirai", lastCharge: String? = nil,
        start: String? = nil, note: String = ""
    ) -> [UInt8] {
        var social: JSON = nil
        if let discordID { social = ["discord": ["user_id": .string(discordID), "url": nil]] }
        let tiers: JSON = tier.map { ["data": [["id": .string($0), "type": "tier"]]] } ?? ["data": []]
        let body: JSON = [
            "data": [
                "attributes": [
                    "email": "mirai@example.com", "patron_status": "active_patron", "note": .string(note),
                    "last_charge_date": lastCharge.map(JSON.string) ?? nil,
                    "pledge_relationship_start": start.map(JSON.string) ?? nil,
                ],
                "id": "member-1", "type": "member",
                "relationships": ["currently_entitled_tiers": tiers],
            ],
            "included": [
                [
                    "attributes": ["full_name": .string(name), "vanity": nil, "social_connections": social], "id": "42",
                    "type": "user",
                ],
                ["attributes": ["title": "Neonate"], "id": "8618737", "type": "tier"],
            ],
        ]
        // Pretty-printed with spaces: the original re-serialized the JSON before checking, so these failed there.
        return Array(body.serializedString(.python).replacingOccurrences(of: ", \"", with: ",\n  \"").utf8)
    }

    static func sign(_ body: [UInt8], secret: String = secret) -> String {
        HMAC<Insecure.MD5>.authenticationCode(for: body, using: SymmetricKey(data: Data(secret.utf8)))
            .map { String(format: "%02x", $0) }.joined()
    }

    static func post(_ client: any TestClientProtocol, _ body: [UInt8], signature: String?, event: String) async throws
        -> TestResponse
    {
        var headers: HTTPFields = [.contentType: "application/json", HTTPField.Name("X-Patreon-Event")!: event]
        if let signature { headers[HTTPField.Name("X-Patreon-Signature")!] = signature }
        return try await client.execute(uri: "/patreon/webhook", method: .post, headers: headers, body: ByteBuffer(bytes: body))
    }

    static func withWebhook(secret: String = secret, _ body: @escaping @Sendable (World) async throws -> Void) async throws {
        try await World.with(configure: { $0.services.patreonWebhookSecret = secret }, body)
    }

    @Test func aSignedPledgeSetsTheSupporterLevelAndIsRecorded() async throws {
        try await Self.withWebhook { world in
            try await world.store.save(User(id: 1001, username: "mirai", createdAt: 0))
            try await world.test { client in
                let body = Self.payload()
                let response = try await Self.post(client, body, signature: Self.sign(body), event: "members:pledge:create")
                #expect(response.status == .ok && response.body.readableBytes == 0)
            }
            #expect(try await world.store.user(id: 1001)?.supporter == 3)
            let events = try await world.store.patreonEvents()
            #expect(events.count == 1)
            #expect(events.first?.event == "members:pledge:create" && events.first?.outcome == "applied")
            #expect(events.first?.discordID == 1001 && events.first?.tier == "8618737" && events.first?.level == 3)
        }
    }

    @Test func anUnknownPatronIsCreatedWithTheirLevelAndADeletionResetsIt() async throws {
        try await Self.withWebhook { world in
            try await world.test { client in
                let body = Self.payload(discordID: "2002", tier: "8618981", name: "Lucita")
                #expect(
                    try await Self.post(client, body, signature: Self.sign(body), event: "members:pledge:update").status == .ok)
                let created = try #require(try await world.store.user(id: 2002))
                #expect(created.supporter == 6 && created.username == "Lucita" && !created.registered)
                let deleted = Self.payload(discordID: "2002", tier: nil)
                #expect(
                    try await Self.post(client, deleted, signature: Self.sign(deleted), event: "members:pledge:delete").status
                        == .ok)
                #expect(try await world.store.user(id: 2002)?.supporter == 0)
            }
        }
    }

    @Test func pledgesWithoutATierOrADiscordAccountChangeNothingButAreRecorded() async throws {
        try await Self.withWebhook { world in
            try await world.store.save(User(id: 1001, username: "mirai", supporter: 4, createdAt: 0))
            try await world.test { client in
                let noTier = Self.payload(tier: nil)
                let first = try await Self.post(client, noTier, signature: Self.sign(noTier), event: "members:pledge:update")
                #expect(first.status == .noContent)
                let noDiscord = Self.payload(discordID: nil)
                let second = try await Self.post(
                    client, noDiscord, signature: Self.sign(noDiscord), event: "members:pledge:create")
                #expect(second.status == .ok)
            }
            #expect(try await world.store.user(id: 1001)?.supporter == 4)
            #expect(try await world.store.patreonEvents().map(\.outcome) == ["no_tiers", "no_discord_account"])
        }
    }

    @Test func badOrMissingSignaturesAreRefusedAndChangeNothing() async throws {
        try await Self.withWebhook { world in
            try await world.store.save(User(id: 1001, username: "mirai", createdAt: 0))
            try await world.test { client in
                let body = Self.payload()
                let forged = try await Self.post(
                    client, body, signature: Self.sign(body, secret: "guess"), event: "members:pledge:create")
                #expect(forged.status == .forbidden && forged.json == ["error": "Invalid signature"])
                let notHex = try await Self.post(client, body, signature: "zz", event: "members:pledge:create")
                #expect(notHex.status == .forbidden)
                let tampered = try await Self.post(
                    client, body + [0x20], signature: Self.sign(body), event: "members:pledge:create")
                #expect(tampered.status == .forbidden)
                let missing = try await Self.post(client, body, signature: nil, event: "members:pledge:create")
                #expect(missing.status == .badRequest && missing.json == ["error": "Signature missing"])
                let incomplete = Array(#"{"data":{}}"#.utf8)
                let invalid = try await Self.post(
                    client, incomplete, signature: Self.sign(incomplete), event: "members:pledge:create")
                #expect(invalid.status == .badRequest && invalid.json == ["included": ["This field is required."]])
            }
            #expect(try await world.store.user(id: 1001)?.supporter == 0)
            #expect(try await world.store.patreonEvents().isEmpty)
        }
    }

    @Test func withoutASecretEveryWebhookIsRefused() async throws {
        try await Self.withWebhook(secret: "") { world in
            try await world.test { client in
                let body = Self.payload()
                let response = try await Self.post(
                    client, body, signature: Self.sign(body, secret: ""), event: "members:pledge:create")
                #expect(response.status == .forbidden)
            }
        }
    }
}
