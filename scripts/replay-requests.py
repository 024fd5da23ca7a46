#!/usr/bin/env python3
"""Writes Tests/Fixtures/replay/requests.json: a fixed list of bot and web requests, replayed by
Tests/RodHTTPTests/ReplayTests.swift against the imported fixture original-A with a fixed clock. Its answers
(answers.json) are recorded once and must stay byte-for-byte the same across refactorings.

In a request, "$new" stands for the id of the character the last `character/new` (bot, found by its name) or
`/api/character/new` (web, from its answer) created. Web requests carry "as": the signed-in user's id.
"""
import json
import pathlib

root = pathlib.Path(__file__).resolve().parent.parent
expected = json.loads((root / "Tests/Fixtures/original-A/expected.json").read_text())
requests = []


def bot(path, body, key=True):
    requests.append({"face": "bot", "path": path, "body": body, "key": key})


def web(method, path, user, body=None, csrf=True):
    requests.append({"face": "web", "method": method, "path": path, "as": user, "body": body, "csrf": csrf})


users = list(expected["users"])
guilds = list(expected["chronicles"])
characters = expected["characters"]

# Reads of the imported data, as the bot makes them.
for user in users:
    bot("user/get", {"user_id": user})
    bot("user/supporter/get", {"user_id": user})
    bot("character/get/names", {"user_id": user})
    bot("character/get/names", {"user_id": user, "sheet_only": True, "splat": "vampire5th"})
    bot("character/count", {"user_id": user})
    bot("character/get/discipline/names", {"user_id": user})
bot("user/supporter/get_all", {})
bot("stats/get", {})
for guild, answers in expected["chronicles"].items():
    bot("chronicle/get", {"guild_id": guild})
    bot("chronicle/channel/get", {"guild_id": guild})
    bot("chronicle/storyteller/roles/get", {"guild_id": guild})
    bot("chronicle/storytellers/get", {"guild_id": guild})
    for user in answers["members"]:
        bot("chronicle/member/get", {"guild_id": guild, "user_id": user})
        bot("chronicle/member/defaults/get", {"guild_id": guild, "user_id": user})
        bot("character/get/names", {"guild_id": guild, "user_id": user})
        bot("character/count", {"guild_id": guild, "user_id": user})
for pk, answers in characters.items():
    meta = answers["meta"]
    bot("character/get", {"pk": int(pk)})
    bot("character/get", {"pk": int(pk), "splat": meta["splat"]})
    bot("sheet/get", {"name": meta["name"], "user": meta["user"]})
for channel in expected["initiative"]:
    bot("initiative/get", {"channel_id": channel})

# Web reads of every imported character by its owner and by a stranger.
slugs = {"vampire5th": "v5", "human5th": "mortal5th", "ghoul5th": "ghoul5th", "werewolf5th": "w5", "hunter5th": "h5"}
for pk, answers in characters.items():
    meta = answers["meta"]
    slug = slugs.get(meta["splat"], meta["splat"])
    web("GET", f"/api/character/get/{slug}?id={pk}", meta["user"])
    web("GET", f"/api/character/get/{slug}?id={pk}&sheet=true", users[0] if meta["user"] != users[0] else users[1])

# Writes: a new character of each splat, saved, read back and deleted, through the bot.
fifth = {"willpower_total": 5, "willpower_superficial": 1, "willpower_aggravated": 0, "health_total": 6,
         "health_superficial": 2, "health_aggravated": 1}
twentieth = {"willpower_total": 6, "willpower_current": 5, "health_total": 7, "health_bashing": 1, "health_lethal": 1,
             "health_aggravated": 0}
splats = {
    "vampire5th": ({"hunger": 2, "humanity": 7, "stains": 1}, {"hunger": 4, "stains": 3}),
    "human5th": ({"humanity": 6, "stains": 2}, {"stains": 4}),
    "ghoul5th": ({"humanity": 8, "stains": 0}, {"humanity": 7}),
    "werewolf5th": ({"rage": 3, "harano": 1, "hauglosk": 0, "form": "Crinos"}, {"rage": 5, "form": "Lupus"}),
    "hunter5th": ({"desperation": 2, "danger": 3, "despair": True}, {"danger": 4, "despair": False}),
    "vampire20th": ({"morality_name": "Path of Night", "morality_value": 5, "blood_total": 12, "blood_current": 8},
                    {"blood_current": 11}),
    "werewolf20th": ({"rage_total": 4, "rage_current": 2, "gnosis_total": 5, "gnosis_current": 3}, {"rage_current": 6}),
    "mage20th": ({"arete": 3, "quintessence": 5, "paradox": 2}, {"paradox": 4}),
    "changeling20th": ({"glamour_total": 5, "glamour_current": 3, "banality_total": 4, "banality_current": 2},
                       {"glamour_current": 5}),
    "wraith20th": ({"corpus_total": 10, "corpus_current": 8, "pathos": 5}, {"pathos": 2}),
    "human20th": ({"humanity": 6, "blood": 10}, {"blood": 7}),
    "ghoul20th": ({"humanity": 6, "blood": 10, "vitae": 3}, {"vitae": 5}),
    "demon20th": ({"faith_total": 5, "faith_current": 3, "torment_permanent": 4, "torment_temporary": 2},
                  {"torment_temporary": 6}),
}
owner = users[0]
guild = guilds[0]
for splat, (traits, changes) in splats.items():
    character = {"name": f"Replay {splat}", "splat": splat, "id": None, "user": owner, "chronicle": guild,
                 "theme": "#8a0303", "avatar": "", "exp_total": 10, "exp_current": 4}
    character.update(fifth if splat.endswith("5th") else twentieth)
    character.update(traits)
    bot("character/new", {"character": character})
    saved = dict(character, id="$new", exp_current=6, willpower_total=7, **changes)
    bot("character/save", {"character": saved})
    bot("character/get", {"pk": "$new"})
    bot("sheet/get", {"name": character["name"], "user": owner})
bot("character/new", {"character": dict(character)})  # the same name again
bot("character/save", {"character": dict(saved, hunger=9)})
bot("character/save", {"character": dict(saved, id=999999)})
bot("character/get/names", {"user_id": owner})
bot("character/get/discipline/names", {"user_id": owner, "guild_id": guild})
bot("character/delete", {"ids": ["$new"]})
bot("character/get", {"pk": "$new"})

# The web's character routes.
web("GET", "/api/character/new/v5?name=Replay+web+sheet", owner)
web("GET", "/api/character/get/v5?id=$new", owner)
web("PUT", "/api/character/update/v5/$new", owner, {"hunger": 3, "clan": "Toreador", "strength": 4})
web("PUT", "/api/character/update/v5/$new", owner, {"hunger": 9})
web("PUT", "/api/character/update/v5/$new", owner, {"disciplines": {"Auspex": {"name": "Auspex", "value": 2}}})
web("PUT", "/api/character/update/v5/$new", users[1], {"hunger": 1})
web("PUT", "/api/character/update/v5/$new", owner, {"hunger": 1}, csrf=False)
web("GET", "/api/character/get/v5?id=$new", owner)
web("GET", "/api/character/new/v5?name=Replay+web+sheet", owner)
web("GET", "/api/character/new/v5", owner)
web("DELETE", "/api/character/delete?id=$new", users[1])
web("DELETE", "/api/character/delete?id=$new", owner)
web("DELETE", "/api/character/delete?id=$new", owner)

# Chronicles, members, users, statistics, initiative.
bot("data/set", {"bot": {"id": "500", "username": "Replay bot", "discriminator": "0", "avatar_url": "", "shard_count": 2}})
bot("chronicle/set", {"guild": {"id": "900", "name": "Replay", "owner_id": owner, "bot": "500", "shard": 1, "icon_url": ""}})
bot("chronicle/set", {"guild": {"id": "900", "name": "Replay by Night", "bot": ["501"]}})
bot("user/update", {"user": {"id": owner, "username": "renamed", "discriminator": "0", "avatar_url": "", "create": False,
                             "member": {"nickname": "Nick", "guild_id": "900", "avatar_url": "", "admin": True,
                                        "storyteller": True}}})
bot("user/update", {"user": {"id": "1001", "username": "newcomer", "discriminator": "0", "avatar_url": "", "create": True}})
bot("user/update", {"user": {"id": "1001", "username": "newcomer", "discriminator": "0", "avatar_url": "", "create": True}})
newcomer = {"id": "1001", "username": "newcomer", "discriminator": "0"}
bot("user/supporter/set", {"user": newcomer, "level": "3"})
bot("user/supporter/set", {"user": newcomer, "level": "high"})
bot("user/supporter/get", {"user_id": "1001"})
bot("chronicle/get", {"guild_id": "900"})
bot("chronicle/member/get", {"guild_id": "900", "user_id": owner})
bot("chronicle/member/defaults/set", {"guild_id": guild, "user_id": owner, "name": characters[next(iter(characters))]["meta"]["name"]})
bot("chronicle/member/defaults/get", {"guild_id": guild, "user_id": owner})
bot("chronicle/storyteller/roles/set", {"guild_id": "900", "role_id": "55"})
bot("chronicle/storyteller/roles/set", {"guild_id": "900", "role_id": "56"})
bot("chronicle/storyteller/roles/set", {"guild_id": "900", "role_id": "55"})
bot("chronicle/storyteller/roles/get", {"guild_id": "900"})
bot("chronicle/storyteller/roles/delete", {"role_id": "56"})
bot("chronicle/storytellers/get", {"guild_id": "900"})
bot("chronicle/channel/set", {"guild_id": "900", "channel_id": "777"})
bot("chronicle/channel/get", {"guild_id": "900"})
bot("initiative/set", {"channel_id": "777", "chronicle_id": "900", "tracker": {"round": 1, "characters": []}})
bot("initiative/get", {"channel_id": "777"})
bot("initiative/delete", {"channel_id": "777"})
bot("initiative/get", {"channel_id": "777"})
bot("stats/command/update", {"user_id": owner, "bot_id": "500", "command": "/roll "})
bot("stats/command/update", {"user_id": "424242", "bot_id": "500", "command": "/roll "})
bot("stats/get", {})
bot("chronicle/member/delete", {"guild_id": guild, "member_id": owner})
bot("character/get/names", {"user_id": owner})
bot("chronicle/delete", {"guild_id": "900"})
bot("chronicle/get", {"guild_id": "900"})

# What the bot gets wrong.
bot("character/get", {"pk": 1}, key=False)
bot("character/get", {"pk": 1}, key="wrong")
bot("character/get", {"pk": "abc"})
bot("character/get", {"user_id": owner, "name": "Nobody"})
bot("character/new", {"character": "Vlad"})
bot("character/delete", {"ids": "1"})
bot("character/fly", {})
bot("chronicle/get", {})
bot("chronicle/storyteller/roles/get", {"guild_id": "abc"})
bot("user/update", {"user": owner})

out = root / "Tests/Fixtures/replay/requests.json"
out.write_text(json.dumps(requests, ensure_ascii=False, indent=1) + "\n")
print(f"{len(requests)} requests written to {out.relative_to(root)}")
