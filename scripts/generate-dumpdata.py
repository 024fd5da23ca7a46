#!/usr/bin/env python3
"""Writes a large dumpdata file in the shape of the original's own data (Tests/Fixtures/original-A), for measuring
`rod import` (scripts/import-bench.sh): the fixture's characters cloned with new ids, users and names, with users,
chronicles and members in proportion (one user per 10 characters, one chronicle per 100, a membership per user).

    scripts/generate-dumpdata.py 100000 /tmp/big.json
    scripts/generate-dumpdata.py 0 /tmp/users.json 150000     # users (and their memberships) only
"""
import json
import sys
from pathlib import Path

characters = int(sys.argv[1])
output = Path(sys.argv[2])
fixture = json.loads((Path(__file__).parent.parent / "Tests/Fixtures/original-A/dumpdata-plain.json").read_text())

by_model = {}
for obj in fixture:
    by_model.setdefault(obj["model"], []).append(obj)
parts = {}  # pk -> list of (model, fields) of the fixture's character
for obj in fixture:
    if obj["model"].startswith("haven."):
        parts.setdefault(obj["pk"], []).append(obj)
templates = [sorted(parts[pk], key=lambda o: 0 if o["model"] == "haven.character" else 1 if "character" in o["model"] else 2)
             for pk in sorted(parts) if any(o["model"] == "haven.character" for o in parts[pk])]
user_template = by_model["discordauth.user"][0]["fields"]
chronicle_template = by_model["chronicle.chronicle"][0]["fields"]
member_template = by_model["chronicle.member"][0]["fields"]

users = int(sys.argv[3]) if len(sys.argv) > 3 else max(1, characters // 10)
chronicles = max(1, characters // 100)
user_id = lambda i: 100000000000000000 + i
chronicle_id = lambda i: 200000000000000000 + i

with output.open("w") as out:
    out.write("[")
    first = True

    def write(model, pk, fields):
        global first
        out.write(("\n" if first else ",\n") + json.dumps({"model": model, "pk": pk, "fields": fields}))
        first = False

    for bot in by_model["bot.bot"]:
        write("bot.bot", bot["pk"], bot["fields"])
    for i in range(users):
        fields = dict(user_template, username=f"user_{i}", supporter=i % 6)
        write("discordauth.user", user_id(i), fields)
    for i in range(chronicles):
        fields = dict(chronicle_template, name=f"Chronicle {i}", owner_id=user_id(i % users), bot=[by_model["bot.bot"][0]["pk"]])
        write("chronicle.chronicle", chronicle_id(i), fields)
    for i in range(users):
        fields = dict(member_template, chronicle=chronicle_id(i % chronicles), user=user_id(i), nickname=f"Member {i}",
                      default_character=None)
        write("chronicle.member", i + 1, fields)
    # Characters grouped by model, as dumpdata writes them: every base, then every edition part, then every leaf.
    for level in range(3):
        for i in range(characters):
            template = templates[i % len(templates)]
            if level >= len(template):
                continue
            part = template[level]
            fields = dict(part["fields"])
            if level == 0:
                owner = i % users
                fields.update(name=f"{fields['name']} {i}", user=owner, chronicle=chronicle_id(owner % chronicles),
                              member=owner + 1)
                fields["user"] = user_id(owner)
            write(part["model"], i + 1, fields)
    out.write("\n]\n")
print(f"{output}: {characters} characters, {users} users, {chronicles} chronicles, {output.stat().st_size // (1 << 20)} MiB")
