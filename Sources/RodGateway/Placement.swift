import RodChannels

/// Where a followed character sits: who owns it and which chronicle it is in.
struct Placement: Sendable, Equatable {
    var owner: Int64
    var chronicle: Int64?
    /// The newest revision the socket was sent; an event of this one or older is not sent again.
    var revision: Int64
}

extension Placement {
    init(_ character: GatewayEvent.CharacterEvent) {
        self.init(owner: character.owner, chronicle: character.chronicle, revision: character.revision)
    }
}

/// A followed membership.
struct Membership: Sendable, Equatable {
    var chronicle: Int64
    var user: Int64
}

extension Membership {
    init(_ member: GatewayEvent.MemberEvent) { self.init(chronicle: member.chronicle, user: member.user) }
}
