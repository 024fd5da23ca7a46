import RodChannels
import RodCore
import Testing

/// Events travel between processes as the original's channel-layer JSON; each reads back as the event it was.
@Suite struct GatewayEventTests {
    static let tracker: JSON = ["name": "Vlad", "id": 7, "user": "1001", "chronicle": "900"]
    static let member = GatewayEvent.MemberEvent(
        shape: ["id": "5", "chronicle": "900", "user": "1001", "admin": false, "storyteller": true])!

    static let all: [GatewayEvent] = [
        .characterNew(.init(id: 7, splat: "vampire5th", revision: 3, owner: 1001, chronicle: 900, tracker: tracker, sheet: nil)),
        .characterUpdate(
            .init(id: 7, splat: "vampire5th", revision: 4, owner: 1001, chronicle: 900, tracker: tracker, sheet: ["name": "Vlad"])
        ),
        .characterDelete(id: 7), .chronicleUpdate(chronicle: ["id": "900"]), .userUpdate(user: ["id": "1001"]), .sessionEnd,
        .memberNew(member), .memberUpdate(member, staffStatusChanged: true), .memberDelete(member),
    ]

    @Test(arguments: all.indices)
    func eachEventReadsBackAsItWasSent(index: Int) {
        let event = Self.all[index]
        let wire = JSON.object(event.json).serializedString()
        let read = (try? JSON.parse(wire))?.objectValue.flatMap(GatewayEvent.init(json:))
        #expect(read == event, "\(wire)")
        #expect(event.json["type"]?.stringValue == event.type)
    }

    @Test func theCharacterEventSaysWhereTheCharacterSits() {
        guard case .characterNew(let character)? = GatewayEvent(json: Self.all[0].json) else {
            Issue.record("not a character event")
            return
        }
        #expect(character.owner == 1001 && character.chronicle == 900)
        #expect(Self.member.isStaff)
    }

    @Test func eventsOfNoKnownKindOrMissingTheirIdsAreNotRead() {
        #expect(GatewayEvent(json: ["type": "character.rename", "id": 1]) == nil)
        #expect(GatewayEvent(json: ["type": "character.update", "id": 1, "tracker": ["name": "no owner"]]) == nil)
        #expect(GatewayEvent(json: ["type": "member.new", "member": ["id": "5"]]) == nil)
    }
}
