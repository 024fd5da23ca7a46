import RodChannels
import RodCore
import RodServices
import RodStore
import Testing

@testable import RodGateway

/// A socket's life beyond who sees what, as the state machine states it: frames parsed once, writes admitted and
/// answered, the session's end, lost events. Input in, actions out; no socket, no store.
@Suite struct ConnectionLifecycleTests {
    typealias Tests = ConnectionStateTests

    static let update = FieldUpdateRequest(nonce: "n1", characterID: 7, field: "hunger", revision: 2, edit: .set(3))
    static let write = WriteRequest.field(update)

    static func refusal(_ reason: String, _ message: String, stored: StoredState? = nil) -> ServerFrame {
        .refused(write, reason: reason, errors: ValidationErrors("hunger", ValidationMessage(message)), stored: stored)
    }

    @Test func framesAreReadOnceIntoWhatTheyAsk() {
        #expect(ClientFrame(#"{"op": 3, "d": null, "t": null}"#) == .identify)
        #expect(ClientFrame(#"{"op": 2}"#) == .heartbeat)
        #expect(ClientFrame(#"{"op": 1, "t": "sheet_subscribe", "d": {"id": "7"}}"#) == .selectSheet("7"))
        #expect(
            ClientFrame(
                #"{"op": 1, "t": "field_update", "d": {"nonce": "n1", "id": "7", "key": "hunger", "revision": 2, "value": 3}}"#)
                == .write(Self.write))
        #expect(
            ClientFrame(#"{"op": 1, "t": "undo", "d": {"nonce": 1, "id": 7, "revision": 2}}"#)
                == .write(.undo(UndoRequest(nonce: 1, characterID: 7, revision: 2))))
        #expect(
            ClientFrame(#"{"op": 1, "t": "field_update", "d": {"nonce": "n1", "id": "7", "key": "hunger"}}"#)
                == .malformed(
                    MalformedWrite(
                        kind: .fieldUpdate, nonce: "n1",
                        message: "`revision` must be the character's revision the edit was made against.", id: "7",
                        field: "hunger")))
        #expect(ClientFrame("not json") == .ignored(op: nil, name: nil))
        #expect(ClientFrame(#"{"d": 1}"#) == .ignored(op: nil, name: nil))
        #expect(ClientFrame(#"{"op": 6, "d": null, "t": null}"#) == .ignored(op: 6, name: nil))
        #expect(ClientFrame(#"{"op": 1, "t": "other"}"#) == .ignored(op: 1, name: "other"))
    }

    @Test func framesAreWrittenAsTheOriginalWritesThem() {
        #expect(String(decoding: ServerFrame.welcome.bytes, as: UTF8.self) == #"{"op": 4, "d": null, "t": null}"#)
        #expect(
            String(decoding: ServerFrame.fieldUpdated(Self.update, revision: 3, value: 3).bytes, as: UTF8.self)
                == #"{"op": 0, "d": {"nonce": "n1", "id": "7", "key": "hunger", "revision": 3, "value": 3}, "t": "FIELD_UPDATED"}"#
        )
        #expect(
            String(decoding: Self.refusal("stale", "Changed.", stored: StoredState(revision: 4, value: 1)).bytes, as: UTF8.self)
                == #"{"op": 0, "d": {"nonce": "n1", "id": "7", "key": "hunger", "reason": "stale", "errors": {"hunger": ["Changed."]}, "revision": 4, "value": 1}, "t": "FIELD_ERROR"}"#
        )
    }

    @Test func aWriteIsAdmittedThenAppliedAndAnsweredToItsSender() {
        var state = Tests.identifiedPlayer()
        #expect(state.receive(.write(Self.write)) == [.admit(Self.write)])
        #expect(state.admission(Self.write, .admitted) == [.apply(Self.write)])
        #expect(
            state.applied(Self.write, .stored(revision: 3, value: 3)) == [
                .send(.fieldUpdated(Self.update, revision: 3, value: 3))
            ])
        // Stale: the sender gets the stored revision and the field as stored now, to show it and retry.
        let current = Tests.character(7, revision: 5)
        #expect(
            state.applied(Self.write, .refused(.stale(revision: current.revision, value: 1))) == [
                .send(
                    Self.refusal(
                        "stale", "The character changed since revision 2; it is at revision 5.",
                        stored: StoredState(revision: 5, value: 1)))
            ])
        #expect(
            state.applied(Self.write, .refused(.unavailable(retryAfter: 5))) == [
                .send(Self.refusal("unavailable", "The database is unavailable; try again in 5 seconds."))
            ])
    }

    @Test func aWriteIsRefusedWhenTheSessionEndedOrTheQuotaIsSpentOrOverTheRate() {
        let state = Tests.identifiedPlayer()
        #expect(
            state.admission(Self.write, .signedOut) == [
                .send(Self.refusal("signed_out", "Your session has ended; sign in again.")), .close(.signedOut),
            ])
        #expect(
            state.admission(Self.write, .throttled(seconds: 60)) == [
                .send(Self.refusal("throttled", "Request was throttled. Expected available in 60 seconds."))
            ])
        #expect(
            state.overRate(.write(Self.write)) == [
                .send(Self.refusal("rate_limited", "Too many messages on this socket; slow down."))
            ])
        #expect(state.overRate(.heartbeat) == [])
    }

    @Test func onlyItsOwnSessionsEndClosesTheSocket() {
        var state = Tests.identifiedPlayer(session: "session_abc")
        #expect(state.receive(.sessionEnd, in: "session_other") == [])
        #expect(state.receive(.sessionEnd, in: "session_abc") == [.close(.signedOut)])
    }

    @Test func afterLostEventsTheSocketReadsReadyAgainThenItsOpenSheet() {
        var fresh = ConnectionState(user: Tests.player)
        // Not identified yet: it holds nothing to read again.
        #expect(fresh.receive(.resync, in: "") == [])
        var state = Tests.identifiedPlayer()
        state.selectSheet("7")
        let again = state.receive(.resync, in: "")
        #expect(Array(again.suffix(2)) == [.watchAll(true), .readReady(afterLoss: true)])
        let ready = Tests.ready(
            chronicles: [Tests.chronicle], members: [FollowedMember(id: 1, chronicle: 900, user: 1001)],
            characters: [Tests.character(7, revision: 4)])
        let read = state.readyRead(ready, afterLoss: true)
        #expect(Array(read.suffix(3)) == [.sendReady(ready), .watchAll(false), .refreshSheet(7)])
        // Unread, the socket would follow nothing: it closes and the page reconnects.
        #expect(
            state.readyFailed(afterLoss: true) == [
                .watchAll(false), .send(.error("Failed to load your characters and chronicles.")), .close(.outOfDate),
            ])
        #expect(state.readyFailed(afterLoss: false).contains(.close(.outOfDate)) == false)
    }
}
