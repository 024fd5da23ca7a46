import RodCore

/// The WebSocket gateway's frames as JSON Schema: what a client sends (`GatewayClientFrame`) and what the server
/// sends (`GatewayServerFrame`), each a `{"op", "d", "t"}` envelope. The protocol is described in docs/gateway.md.
enum GatewaySchemas {
    static func schemas(registry: Registry) -> [(name: String, schema: JSON)] {
        let anyTracker: JSON = ["anyOf": .array(registry.splats.map { Common.ref(SplatSchemas.name($0.slug, .tracker)) })]
        let anySheet: JSON = ["anyOf": .array(registry.splats.map { Common.ref(SplatSchemas.name($0.slug, .sheet)) })]
        let characterID: JSON = ["anyOf": [["type": "string", "pattern": "^[0-9]+$"], ["type": "integer"]]]
        let map: (JSON) -> JSON = { ["type": "object", "additionalProperties": $0] }
        let edits: [(String, JSON)] = [
            ("value", ["description": "Replaces the trait."]),
            ("add", ["type": "integer", "description": "Adds to an integer trait (negative subtracts)."]),
            (
                "damage",
                [
                    "type": "object", "additionalProperties": ["type": "integer"],
                    "description":
                        "Marks (positive) or heals (negative) boxes of a damage track, by level: `{\"superficial\": 2}`.",
                ]
            ),
            ("append", ["description": "Adds one entry at the end of a list trait."]),
            (
                "remove",
                [
                    "anyOf": [["type": "integer", "minimum": 0], ["type": "string"]],
                    "description": "Removes one entry: a position, or a name.",
                ]
            ),
            (
                "entry",
                Common.object(
                    ["name": Common.string, "value": Common.any],
                    description: "Adds or replaces one named entry of an object trait.")
            ),
        ]
        var fieldUpdate = JSONObject()
        fieldUpdate.appendNew("nonce", ["description": "Any value; echoed in the answer."])
        fieldUpdate.appendNew("id", characterID)
        fieldUpdate.appendNew("key", ["type": "string", "description": "A trait key, or a damage track's name (`health`)."])
        fieldUpdate.appendNew("revision", ["type": "integer", "description": "The character's revision the page last saw."])
        for (key, schema) in edits { fieldUpdate.appendNew(key, schema) }
        let reasons: [JSON] = [
            "bad_request", "invalid", "stale", "locked", "forbidden", "not_found", "not_a_sheet", "busy", "unavailable",
            "rate_limited", "throttled", "signed_out",
        ]
        return [
            (
                "GatewayClientFrame",
                [
                    "description": "A frame a client sends.",
                    "oneOf": [
                        Common.ref("GatewayIdentify"), Common.ref("GatewayHeartbeat"), Common.ref("GatewaySheetSubscribe"),
                        Common.ref("GatewayFieldUpdate"), Common.ref("GatewayUndo"),
                    ],
                ]
            ),
            ("GatewayIdentify", frame(op: 3, name: nil, data: ["type": "null"], "Asks for READY.")),
            ("GatewayHeartbeat", frame(op: 2, name: nil, data: ["type": "null"], "Answered with a heartbeat ACK.")),
            (
                "GatewaySheetSubscribe",
                frame(
                    op: 1, name: "sheet_subscribe", data: Common.object(["id": ["anyOf": [characterID, ["type": "null"]]]]),
                    "Selects the sheet the page shows (its updates then carry the full sheet); a falsy id clears it.")
            ),
            (
                "GatewayFieldUpdate",
                frame(
                    op: 1, name: "field_update",
                    data: [
                        "type": "object", "properties": .object(fieldUpdate), "required": ["id", "key", "revision"],
                        "oneOf": .array(edits.map { ["required": [.string($0.0)]] }),
                    ], "Changes one trait with exactly one edit.")
            ),
            (
                "GatewayUndo",
                frame(
                    op: 1, name: "undo",
                    data: Common.object(
                        [
                            "nonce": ["description": "Any value; echoed in the answer."], "id": characterID,
                            "revision": ["type": "integer", "description": "The character's revision the page last saw."],
                        ], required: ["id", "revision"]),
                    "Undoes the sender's own last change to the character, if nobody changed it since (a restore of the revision before it)."
                )
            ),
            (
                "GatewayServerFrame",
                [
                    "description": "A frame the server sends.",
                    "oneOf": .array(
                        [
                            "GatewayWelcome", "GatewayHeartbeatACK", "GatewayReady", "GatewayUpdateCharacter",
                            "GatewayDeleteCharacter",
                            "GatewayUpdateUser", "GatewayUpdateChronicle", "GatewayUpdateMember", "GatewayDeleteMember",
                            "GatewayFieldUpdated", "GatewayFieldError", "GatewayUndone", "GatewayUndoError", "GatewayError",
                        ].map(Common.ref)),
                ]
            ),
            ("GatewayWelcome", frame(op: 4, name: nil, data: ["type": "null"], "Sent once, on connect.")),
            ("GatewayHeartbeatACK", frame(op: 5, name: nil, data: ["type": "null"], "Answers a heartbeat.")),
            (
                "GatewayReady",
                frame(
                    op: 0, name: "READY",
                    data: [
                        "anyOf": [
                            Common.object(
                                [
                                    "user": Common.ref("GatewayUser"),
                                    "members": map(map(Common.ref("GatewayMember"))),
                                    "characters": map(anyTracker), "chronicles": map(Common.ref("GatewayChronicle")),
                                    "revisions": map(["type": "integer"]),
                                ],
                                description: "Keyed by chronicle id (members: then by user id) and character id."),
                            ["type": "object", "maxProperties": 0, "description": "An anonymous socket's READY."],
                        ]
                    ], "Answers identify: what the user may see, followed from now on.")
            ),
            (
                "GatewayUpdateCharacter",
                frame(
                    op: 0, name: "UPDATE_CHARACTER",
                    data: Common.object(
                        ["character": anyTracker, "id": Common.integer, "sheet": anySheet, "revision": Common.integer],
                        required: ["character", "id"]),
                    "A followed character changed or appeared; `sheet` on the socket that selected it.")
            ),
            (
                "GatewayDeleteCharacter",
                frame(
                    op: 0, name: "DELETE_CHARACTER", data: Common.object(["id": Common.string]),
                    "A followed character was deleted or is no longer visible.")
            ),
            (
                "GatewayUpdateUser",
                frame(op: 0, name: "UPDATE_USER", data: Common.object(["user": Common.ref("GatewayUser")]), "The user changed.")
            ),
            (
                "GatewayUpdateChronicle",
                frame(
                    op: 0, name: "UPDATE_CHRONICLE", data: Common.object(["chronicle": Common.ref("GatewayChronicle")]),
                    "A chronicle of the user changed.")
            ),
            (
                "GatewayUpdateMember",
                frame(
                    op: 0, name: "UPDATE_MEMBER", data: Common.object(["member": Common.ref("GatewayMember")]),
                    "A followed membership changed or appeared.")
            ),
            (
                "GatewayDeleteMember",
                frame(
                    op: 0, name: "DELETE_MEMBER",
                    data: Common.object(
                        [
                            "member": Common.object(
                                ["id": Common.string, "user": Common.string, "chronicle": Common.string],
                                required: ["user", "chronicle"])
                        ]),
                    "A followed membership was removed.")
            ),
            (
                "GatewayFieldUpdated",
                frame(
                    op: 0, name: "FIELD_UPDATED",
                    data: Common.object(
                        [
                            "nonce": Common.any, "id": Common.string, "key": Common.string, "revision": Common.integer,
                            "value": Common.any,
                        ],
                        required: ["id", "key", "revision", "value"]), "A field update was saved (sent to its sender only).")
            ),
            (
                "GatewayFieldError",
                frame(
                    op: 0, name: "FIELD_ERROR",
                    data: Common.object(
                        [
                            "nonce": Common.any, "id": Common.any, "key": Common.any, "reason": ["enum": .array(reasons)],
                            "errors": Common.ref("ValidationErrors"), "revision": Common.integer, "value": Common.any,
                        ], required: ["reason", "errors"]), "A field update was refused (sent to its sender only).")
            ),
            (
                "GatewayUndone",
                frame(
                    op: 0, name: "UNDONE",
                    data: Common.object(
                        [
                            "nonce": Common.any, "id": Common.string, "revision": Common.integer,
                            "restored_revision": ["type": "integer", "description": "The revision the character went back to."],
                        ], required: ["id", "revision", "restored_revision"]),
                    "An undo was saved (sent to its sender only; followers receive `UPDATE_CHARACTER`).")
            ),
            (
                "GatewayUndoError",
                frame(
                    op: 0, name: "UNDO_ERROR",
                    data: Common.object(
                        [
                            "nonce": Common.any, "id": Common.any, "reason": ["enum": .array(reasons)],
                            "errors": Common.ref("ValidationErrors"), "revision": Common.integer,
                        ], required: ["reason", "errors"]),
                    "An undo was refused, with a field update's reasons (`stale`: the character changed since, or its last change is not the sender's)."
                )
            ),
            (
                "GatewayError",
                frame(op: 0, name: "ERROR", data: Common.object(["message": Common.string]), "READY could not be built.")
            ),
        ]
    }

    private static func frame(op: Int64, name: String?, data: JSON, _ description: String) -> JSON {
        Common.object(
            ["op": ["const": .int(op)], "d": data, "t": ["const": name.map(JSON.string) ?? .null]], description: description)
    }
}
