import RodChannels
import RodCore
import RodStore
import Testing

@testable import RodGateway

/// The rules of who follows what and sees which event, as the state machine states them: input in, actions out.
@Suite struct ConnectionStateTests {
    static let player: Int64 = 1001
    static let storyteller: Int64 = 1002
    static let chronicle: Int64 = 900

    static func character(_ id: Int64, owner: Int64 = player, chronicle: Int64? = chronicle, revision: Int64 = 2)
        -> CharacterRecord
    {
        CharacterRecord(
            id: id, splat: "vampire5th", userID: owner, chronicleID: chronicle, values: ["name": .string("C\(id)")],
            revision: revision,
            createdAt: 0, lastUpdated: 0)
    }

    static func event(
        _ id: Int64, owner: Int64 = player, chronicle: Int64? = chronicle, sheet: JSON? = nil, revision: Int64 = 3
    ) -> GatewayEvent.CharacterEvent {
        var tracker: JSONObject = ["id": .int(id), "user": .string(String(owner))]
        tracker["chronicle"] = chronicle.map { .string(String($0)) } ?? .null
        return .init(
            id: id, splat: "vampire5th", revision: revision, owner: owner, chronicle: chronicle, tracker: .object(tracker),
            sheet: sheet)
    }

    static func member(_ id: Int64, user: Int64, staff: Bool = false) -> GatewayEvent.MemberEvent {
        GatewayEvent.MemberEvent(
            shape: [
                "id": .string(String(id)), "chronicle": .string(String(chronicle)), "user": .string(String(user)),
                "admin": false, "storyteller": .bool(staff),
            ])!
    }

    /// READY as the connection hands it back once read.
    static func ready(
        chronicles: [Int64], staffIn: Set<Int64> = [], members: [FollowedMember] = [], characters: [CharacterRecord] = []
    ) -> GatewayReady {
        GatewayReady(
            user: ["id": "1001"], memberShapes: [:], chronicleShapes: [:],
            characters: characters.map {
                ReadyCharacter(
                    id: $0.id, owner: $0.userID, chronicle: $0.chronicleID, revision: $0.revision,
                    tracker: GatewayText(["id": .int($0.id)]))
            }, chronicles: chronicles, staffIn: staffIn, members: members)
    }

    /// Identifies and reads READY, as a connection does.
    static func identify(_ state: inout ConnectionState, _ ready: GatewayReady) -> [ConnectionState.Action] {
        _ = state.receive(.identify)
        return state.readyRead(ready, afterLoss: false)
    }

    /// The player after READY: a member of the chronicle, following their own character 7.
    static func identifiedPlayer(session: String? = nil) -> ConnectionState {
        var state = ConnectionState(user: player, sessionGroup: session)
        _ = identify(
            &state,
            ready(
                chronicles: [chronicle], members: [FollowedMember(id: 1, chronicle: chronicle, user: player)],
                characters: [character(7)]))
        return state
    }

    @Test func readyJoinsTheUsersGroupsAndFollowsWhatItShows() {
        var state = ConnectionState(user: Self.player)
        #expect(state.receive(.identify) == [.watchAll(true), .readReady(afterLoss: false)])
        let ready = Self.ready(
            chronicles: [Self.chronicle], members: [FollowedMember(id: 1, chronicle: 900, user: 1001)],
            characters: [Self.character(7)])
        let actions = state.readyRead(ready, afterLoss: false)
        #expect(
            actions == [
                .join([
                    "userUpdate_1001", "characterNew", "characterDelete", "memberNew", "memberDelete", "chronicleUpdate_900",
                    "memberUpdate_1", "characterUpdate_7",
                ]), .sendReady(ready), .watchAll(false),
            ])
        #expect(state.characters[7] == Placement(owner: 1001, chronicle: 900, revision: 2))
        // Identifying again starts over.
        #expect(state.receive(.identify).first.map { if case .leave = $0 { true } else { false } } == true)
        #expect(state.subscriptions.isEmpty && state.characters.isEmpty)
    }

    @Test func anAnonymousSocketFollowsNothingHearsNothingAndMayNotWrite() {
        var state = ConnectionState(user: nil, sessionGroup: "session_x")
        #expect(state.receive(.identify) == [.send(.ready(.emptyObject))])
        #expect(state.readyRead(Self.ready(chronicles: [900], characters: [Self.character(7)]), afterLoss: false) == [])
        #expect(state.receive(.characterNew(Self.event(8)), in: GatewayGroups.characterNew) == [])
        #expect(state.receive(.sessionEnd, in: "session_x") == [])
        let write = WriteRequest.undo(UndoRequest(nonce: 1, characterID: 7, revision: 2))
        #expect(
            state.receive(.write(write)) == [
                .send(
                    .refused(
                        write, reason: "forbidden",
                        errors: ValidationErrors(ValidationErrors.nonField, ValidationMessage("Sign in to edit characters."))))
            ])
    }

    @Test func eventsOfGroupsNotJoinedAreNotForThisSocket() {
        var state = Self.identifiedPlayer()
        #expect(state.receive(.characterUpdate(Self.event(8)), in: GatewayGroups.characterUpdate(8)) == [])
        #expect(state.receive(.userUpdate(user: ["id": "1002"]), in: GatewayGroups.userUpdate(1002)) == [])
    }

    @Test func anUpdateCarriesTheSheetOnlyToTheSocketThatHasItsPageOpen() {
        var state = Self.identifiedPlayer()
        let update = Self.event(7, sheet: ["name": "C7"])
        #expect(
            state.receive(.characterUpdate(update), in: "characterUpdate_7") == [.sendShared(.character(update, sheet: false))])
        state.selectSheet("7")
        let next = Self.event(7, sheet: ["name": "C7"], revision: 4)
        #expect(
            state.receive(.characterUpdate(next), in: "characterUpdate_7") == [.sendShared(.character(next, sheet: true))])
        state.selectSheet(.int(7))
        #expect(state.selectedSheet == "7")
        state.selectSheet("")
        #expect(state.selectedSheet == nil)
    }

    @Test func aStateTheSocketAlreadyHasOrAnOlderOneIsNeverSent() {
        var state = Self.identifiedPlayer()  // READY showed character 7 at revision 2
        #expect(state.receive(.characterUpdate(Self.event(7, revision: 2)), in: "characterUpdate_7") == [])
        #expect(state.receive(.characterUpdate(Self.event(7, revision: 1)), in: "characterUpdate_7") == [])
        let newer = Self.event(7, revision: 5)
        #expect(state.receive(.characterUpdate(newer), in: "characterUpdate_7") == [.sendShared(.character(newer, sheet: false))])
        // Revision 4, sent before 5 but arriving after it (another process's event crossing Redis), is not shown.
        #expect(state.receive(.characterUpdate(Self.event(7, revision: 4)), in: "characterUpdate_7") == [])
        // Not even one that would take the character away from the user: an older state decides nothing.
        #expect(state.receive(.characterUpdate(Self.event(7, owner: 1002, revision: 3)), in: "characterUpdate_7") == [])
        #expect(state.characters[7]?.revision == 5)
    }

    @Test func readingAgainSendsTheOpenSheetUnlessTheSocketHasANewerState() {
        var state = Self.identifiedPlayer()
        let current = Self.event(7, sheet: ["name": "C7"], revision: 2)
        // Only the page that has the sheet open gets it.
        #expect(state.refreshSheet(current) == [])
        state.selectSheet("7")
        #expect(state.refreshSheet(current) == [.sendShared(.character(current, sheet: true))])
        _ = state.receive(.characterUpdate(Self.event(7, revision: 6)), in: "characterUpdate_7")
        #expect(state.refreshSheet(current) == [])
        // A character the socket does not follow is never sent.
        state.selectSheet("8")
        #expect(state.refreshSheet(Self.event(8, sheet: ["name": "C8"], revision: 9)) == [])
    }

    @Test func aCharacterNobodyMaySeeAnyMoreIsDropped() {
        var state = ConnectionState(user: Self.storyteller)
        _ = Self.identify(&state, Self.ready(chronicles: [900], staffIn: [900], characters: [Self.character(7)]))
        // The player takes character 7 out of the chronicle: the storyteller no longer sees it.
        let actions = state.receive(.characterUpdate(Self.event(7, chronicle: nil)), in: "characterUpdate_7")
        #expect(actions == [.leave(["characterUpdate_7"]), .send(.characterDeleted(7))])
        #expect(state.characters[7] == nil)
        #expect(state.receive(.characterDelete(id: 7), in: "characterUpdate_7") == [])
    }

    @Test func aNewCharacterIsFollowedByItsOwnerAndTheChroniclesStaffOnly() {
        var storyteller = ConnectionState(user: Self.storyteller)
        _ = Self.identify(&storyteller, Self.ready(chronicles: [900], staffIn: [900]))
        let new = Self.event(8)
        #expect(
            storyteller.receive(.characterNew(new), in: GatewayGroups.characterNew) == [
                .join(["characterUpdate_8"]), .sendShared(.character(new, sheet: false)),
            ])
        var stranger = ConnectionState(user: 1003)
        _ = Self.identify(&stranger, Self.ready(chronicles: []))
        #expect(stranger.receive(.characterNew(new), in: GatewayGroups.characterNew) == [])
        // Already followed: nothing again.
        #expect(storyteller.receive(.characterNew(new), in: GatewayGroups.characterNew) == [])
    }

    @Test func becomingStaffFollowsTheChronicleAndLosingItDropsWhatOnlyStaffSee() {
        var state = Self.identifiedPlayer()
        let promoted = Self.member(1, user: Self.player, staff: true)
        #expect(
            state.receive(.memberUpdate(promoted, staffStatusChanged: true), in: "memberUpdate_1") == [
                .followAsStaff(900), .sendShared(.member(promoted.shape)),
            ])
        let others = state.followedAsStaff(
            GatewayStaffView(
                members: [
                    (FollowedMember(id: 1, chronicle: 900, user: 1001), ["id": "1"]),
                    (FollowedMember(id: 2, chronicle: 900, user: 1002), ["id": "2"]),
                ],
                characters: [Self.event(7), Self.event(9, owner: 1002)]))
        #expect(
            others.filter { if case .join = $0 { true } else { false } } == [
                .join(["memberUpdate_2"]), .join(["characterUpdate_9"]),
            ])
        #expect(state.staffIn == [900] && state.characters[9]?.owner == 1002)

        let demoted = Self.member(1, user: Self.player, staff: false)
        let actions = state.receive(.memberUpdate(demoted, staffStatusChanged: true), in: "memberUpdate_1")
        #expect(actions.contains(.leave(["characterUpdate_9"])) && actions.contains(.leave(["memberUpdate_2"])))
        #expect(!actions.contains(.leave(["characterUpdate_7"])))
        #expect(actions.last == .sendShared(.member(demoted.shape)))
        #expect(state.staffIn.isEmpty && state.characters.keys.sorted() == [7] && state.memberships.keys.sorted() == [1])
    }

    @Test func joiningAChronicleAnnouncesItAndStaffFollowTheNewcomer() {
        var state = ConnectionState(user: Self.storyteller)
        _ = Self.identify(&state, Self.ready(chronicles: []))
        let own = Self.member(5, user: Self.storyteller, staff: true)
        #expect(
            state.receive(.memberNew(own), in: GatewayGroups.memberNew) == [
                .join(["chronicleUpdate_900"]), .announceChronicle(900), .followAsStaff(900), .join(["memberUpdate_5"]),
                .sendShared(.member(own.shape)),
            ])
        let newcomer = Self.member(6, user: 1004)
        #expect(
            state.receive(.memberNew(newcomer), in: GatewayGroups.memberNew) == [
                .followAsStaff(900), .join(["memberUpdate_6"]), .sendShared(.member(newcomer.shape)),
            ])
    }

    @Test func leavingAChronicleLeavesEverythingFollowedThere() {
        var state = Self.identifiedPlayer()
        let own = Self.member(1, user: Self.player)
        let actions = state.receive(.memberDelete(own), in: GatewayGroups.memberDelete)
        #expect(
            actions == [
                .leave(["chronicleUpdate_900"]), .leave(["memberUpdate_1"]), .leave(["characterUpdate_7"]),
                .sendShared(.memberDeleted(own.shape)),
            ])
        #expect(state.subscriptions == ["userUpdate_1001", "characterNew", "characterDelete", "memberNew", "memberDelete"])
        // Somebody else's membership in a chronicle where the player is not staff: not for this socket.
        #expect(state.receive(.memberDelete(Self.member(2, user: 1002)), in: GatewayGroups.memberDelete) == [])
    }
}
