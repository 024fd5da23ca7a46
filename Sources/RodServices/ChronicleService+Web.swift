import RodCore
import RodStore

/// What a chronicle's page shows on the web: the chronicle and its members as READY shows them (everyone to its
/// storytellers and admins, a player only themselves), and its characters (every one to staff, a player their own).
/// Non-members learn nothing: `noMember`, as for a chronicle that does not exist.
extension ChronicleService {
    /// A chronicle seen by one of its members.
    public struct Seen: Sendable {
        public let chronicle: Chronicle
        /// The user's own membership.
        public let membership: Member
        /// The members the user may see, with their users.
        public let members: [(member: Member, user: User?)]

        public var isStaff: Bool { membership.isStaff }
    }

    /// The user's membership of the chronicle: what every chronicle route starts from.
    public func membership(chronicleID: Int64, by user: User) async throws(CommunityError) -> Member {
        guard let membership = try await communityCall({ try await store.member(chronicleID: chronicleID, userID: user.id) })
        else { throw .noMember }
        return membership
    }

    public func seen(chronicleID: Int64, by user: User) async throws(CommunityError) -> Seen {
        let membership = try await membership(chronicleID: chronicleID, by: user)
        guard let chronicle = try await communityCall({ try await store.chronicle(id: chronicleID) }) else { throw .noMember }
        var members: [(Member, User?)] = [(membership, user)]
        if membership.isStaff {
            members = []
            for member in try await communityCall({ try await store.members(chronicleID: chronicleID) }) {
                members.append(
                    (
                        member,
                        member.userID == user.id ? user : try await communityCall({ try await store.user(id: member.userID) })
                    ))
            }
        }
        return Seen(chronicle: chronicle, membership: membership, members: members)
    }

    /// A page of characters, and the id to continue after when there are more.
    public struct CharacterPage: Sendable {
        public let characters: [CharacterRecord]
        public let next: Int64?
    }

    /// A page of the chronicle's characters the user may see, in id order after `afterID`, optionally of one splat
    /// and one status.
    public func characters(
        chronicleID: Int64, by user: User, splat: String?, status: Int64?, afterID: Int64?, limit: Int
    ) async throws(CommunityError) -> CharacterPage {
        let membership = try await membership(chronicleID: chronicleID, by: user)
        let query = CharacterQuery(
            userID: membership.isStaff ? nil : user.id, chronicle: .id(chronicleID), splats: splat.map { [$0] }, status: status,
            afterID: afterID, limit: limit + 1)
        let found = try await communityCall { try await store.characters(query) }
        let page = Array(found.prefix(limit))
        return CharacterPage(characters: page, next: found.count > limit ? page.last?.id : nil)
    }
}
