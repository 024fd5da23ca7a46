import Foundation
import RodCore
import RodStore

/// A user's data request: everything the platform stores about them as one JSON document, and its erasure. Served
/// to the user on the web (`api/user/me/export`, `DELETE api/user/me`) and to operators (`rod user export`,
/// `rod user erase`).
public struct DataRequests: Sendable {
    public let registry: Registry
    public let store: any CharacterStore & CommunityStore & UserStore
    /// Where their avatars' files are.
    public let media: MediaStore
    let broadcaster: Broadcaster?
    /// The day's request counts kept in memory, which an erasure forgets too.
    let quotaCounts: QuotaCounts?
    let clock: @Sendable () -> Double

    /// The confirmation an erasure must carry, so that no stray request erases anyone.
    public static let confirmation = "erase my data"

    public init(
        registry: Registry, store: any CharacterStore & CommunityStore & UserStore, media: MediaStore, broadcaster: Broadcaster?,
        quotaCounts: QuotaCounts? = nil, clock: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 }
    ) {
        self.registry = registry
        self.store = store
        self.media = media
        self.broadcaster = broadcaster
        self.quotaCounts = quotaCounts
        self.clock = clock
    }

    /// The user's data: their record, memberships with their chronicles, characters (the full sheet and every change
    /// kept), deleted characters and their history, and their other rows (`Store.userRecords`). Nil for an unknown user.
    public func export(userID: Int64) async throws -> JSON? {
        guard let user = try await store.user(id: userID) else { return nil }
        var document = JSONObject()
        document["exported_at"] = .double(clock())
        document["user"] = [
            "id": .string(String(user.id)), "username": .string(user.username), "discriminator": .string(user.discriminator),
            "avatar_url": .string(user.avatarURL), "email": user.email.map(JSON.string) ?? .null,
            "verified": .bool(user.verified),
            "registered": .bool(user.registered), "admin": .bool(user.admin), "supporter": .int(user.supporter),
            "created_at": .double(user.createdAt), "last_saved": .double(user.lastSaved), "last_active": .double(user.lastActive),
        ]
        var memberships: [JSON] = []
        for member in try await store.members(userID: userID) {
            let chronicle = try await store.chronicle(id: member.chronicleID)
            memberships.append([
                "chronicle": ["id": .string(String(member.chronicleID)), "name": .string(chronicle?.name ?? "")],
                "admin": .bool(member.admin), "storyteller": .bool(member.storyteller), "nickname": .string(member.nickname),
                "avatar_url": .string(member.avatarURL),
                "default_character": member.defaultCharacterID.map { .int($0) } ?? .null,
                "default_auto_hunger": .bool(member.defaultAutoHunger), "created_at": .double(member.createdAt),
                "last_updated": .double(member.lastUpdated),
            ])
        }
        document["memberships"] = .array(memberships)
        var characters: [JSON] = []
        for character in try await store.characters(CharacterQuery(userID: userID)) {
            characters.append([
                "id": .int(character.id), "splat": .string(character.splat), "revision": .int(character.revision),
                "sheet": registry.splat(character.splat)?.sheet(character)
                    ?? .object(JSONObject(character.values.map { ($0, $1) })),
                "history": try await history(character.id),
            ])
        }
        document["characters"] = .array(characters)
        var deleted: [JSON] = []
        for character in try await store.deletedCharacters(userID: userID) {
            deleted.append([
                "id": .int(character.id), "splat": .string(character.splat), "name": .string(character.name),
                "deleted_at": .double(character.deletedAt), "history": try await history(character.id),
            ])
        }
        document["deleted_characters"] = .array(deleted)
        for (key, value) in try await store.userRecords(id: userID) { document[key] = value }
        return .object(document)
    }

    /// A character's history rows as stored: each change of a trait as `[old, new]`, or for a list or an object only
    /// the entries that changed.
    private func history(_ id: Int64) async throws -> JSON {
        .array(
            try await store.history(characterID: id).map { entry in
                [
                    "revision": .int(entry.revision), "at": .double(entry.change.at),
                    "operation": .string(entry.change.operation.rawValue), "face": .string(entry.change.face.rawValue),
                    "actor": entry.change.actorID.map { .string(String($0)) } ?? .null,
                    "restored_from": entry.change.restoredFrom.map { .int($0) } ?? .null, "changes": entry.change.changes,
                ]
            })
    }

    /// Erases the user (`Store.eraseUser`), then removes their characters' avatar files (deleted characters' too),
    /// closes their sockets in every process and tells open pages that their characters and memberships are gone. What
    /// was removed, by kind; all zero for a user already erased.
    public func erase(userID: Int64) async throws -> [String: Int] {
        var erasure = try await store.eraseUser(id: userID)
        await quotaCounts?.forget(userID: userID, today: Int64((clock() / 86_400).rounded(.down)))
        for avatar in erasure.avatars { media.remove(avatar) }
        erasure.counts["avatar_files"] = erasure.avatars.count
        if let broadcaster {
            for hash in erasure.sessionTokenHashes { broadcaster.sessionEnded(tokenHash: hash) }
            broadcaster.charactersDeleted(erasure.characterIDs)
            for member in erasure.memberships { broadcaster.memberRemoved(member) }
        }
        return erasure.counts
    }
}
