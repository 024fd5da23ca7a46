"""Checks the documents `rod schema export` writes with the standard validators, and checks real answers against them.

    schema_check.py <export folder> <server URL> <expected.json>

1. openapi.json: openapi-spec-validator, every error listed.
2. Every JSON Schema document: its metaschema (jsonschema's check_schema).
3. In every document, each `default` and `examples` entry must validate against the schema it sits in (a generator
   that checks defaults refuses a document where one does not).
4. Answers: a new character of every splat, made through the server's bot API, must validate against the splat's
   `<Splat>Sheet`; so must each of the original's answers recorded in the fixture (`expected.json`).

Prints each problem and exits 1 if there is any.
"""

import json
import sys
import urllib.request
from pathlib import Path

import jsonschema
from openapi_spec_validator import OpenAPIV31SpecValidator

problems = []


def problem(where, text):
    problems.append(f"{where}: {text}")


def check_openapi(path):
    document = json.loads(path.read_text())
    for error in OpenAPIV31SpecValidator(document).iter_errors():
        problem(path.name, f"openapi-spec-validator: {error.message}")


def walk(schema, pointer):
    """Every (pointer, subschema) of a schema, the subschema itself first."""
    if isinstance(schema, dict):
        yield pointer, schema
        for key, value in schema.items():
            if key in ("default", "examples", "const", "enum"):
                continue
            yield from walk(value, f"{pointer}/{key}")
    elif isinstance(schema, list):
        for index, value in enumerate(schema):
            yield from walk(value, f"{pointer}/{index}")


def check_defaults(name, root, cls):
    """Each default and example against the schema holding it, `$ref`s resolved in `root`."""
    validator = cls(root)
    for pointer, schema in walk(root, "#"):
        values = []
        if "default" in schema:
            values.append(("default", schema["default"]))
        for index, example in enumerate(schema.get("examples", []) if isinstance(schema.get("examples"), list) else []):
            values.append((f"examples/{index}", example))
        if not values:
            continue
        own = {key: value for key, value in schema.items() if key not in ("default", "examples")}
        for label, value in values:
            for error in validator.evolve(schema=own).iter_errors(value):
                problem(name, f"{pointer}/{label} {json.dumps(value)} is refused by its own schema: {error.message}")


def check_json_schemas(folder):
    documents = {}
    for path in sorted(folder.glob("*.json")):
        if path.name == "openapi.json":
            continue
        document = json.loads(path.read_text())
        cls = jsonschema.validators.validator_for(document)
        try:
            cls.check_schema(document)
        except jsonschema.SchemaError as error:
            problem(path.name, f"not a valid {cls.__name__} schema: {error.message}")
            continue
        check_defaults(path.name, document, cls)
        documents[path.stem] = (document, cls)
    return documents


def sheet_errors(documents, splat, answer):
    """The reasons `answer` is not a `<Splat>Sheet`."""
    document, cls = documents[splat]
    name = splat[0].upper() + splat[1:] + "Sheet"
    validator = cls(document).evolve(schema={"$ref": f"#/$defs/{name}"})
    return [f"{'/'.join(map(str, error.absolute_path)) or '(root)'}: {error.message}" for error in validator.iter_errors(answer)]


def post(url, body):
    request = urllib.request.Request(url, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        text = response.read()
        return response.status, json.loads(text) if text else None


def check_new_characters(documents, server, splats):
    """A new character of each splat, as the bot API returns it, against the splat's sheet schema."""
    for index, splat in enumerate(splats):
        user = str(1001 + index)
        name = f"Schema {splat}"
        status, _ = post(f"{server}/bot/character/new", {
            "APIKey": "dev-api-key", "character": {"name": name, "user": user, "splat": splat, "chronicle": None}})
        if status != 201:
            problem(f"bot/character/new {splat}", f"answered {status}")
            continue
        status, sheet = post(f"{server}/bot/character/get", {"APIKey": "dev-api-key", "user_id": user, "name": name})
        for error in sheet_errors(documents, splat, sheet):
            problem(f"new {splat} character (bot/character/get)", error)


def check_recorded_answers(documents, expected):
    """The original's answers about its own characters, against the sheets we document."""
    count = 0
    for key, character in json.loads(expected.read_text())["characters"].items():
        splat = character["meta"]["splat"]
        for route in ("bot/character/get", "bot/character/get?splat", "bot/sheet/get", "web/api/character/get/v5"):
            answer = character.get(route)
            if not answer or answer.get("status") != 200:
                continue
            count += 1
            for error in sheet_errors(documents, splat, answer["body"]):
                problem(f"expected.json characters/{key} {route}", error)
    return count


def main():
    folder, server, expected = Path(sys.argv[1]), sys.argv[2].rstrip("/"), Path(sys.argv[3])
    check_openapi(folder / "openapi.json")
    documents = check_json_schemas(folder)
    splats = [name for name, (document, _) in documents.items() if "$ref" in document and document["$ref"].endswith("Sheet")]
    check_new_characters(documents, server, splats)
    answers = check_recorded_answers(documents, expected)
    for line in problems:
        print(line, file=sys.stderr)
    print(f"schema check: openapi.json, {len(documents)} JSON Schemas, {len(splats)} new characters, "
          f"{answers} recorded answers: {len(problems)} problem(s)")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
