#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The interchange schema is a valid JSON Schema (draft 2020-12), and the example files
(tests/fixtures/interchange-*.json and the fuzz seeds that are valid files) follow it.
Skipped (77) when python3-jsonschema is not installed."""
import json
import pathlib
import sys

try:
    import jsonschema
except ImportError:
    print("python3-jsonschema is not installed; skipped")
    sys.exit(77)

root = pathlib.Path(__file__).resolve().parent.parent
schema = json.loads((root / "data" / "alcove-interchange.schema.json").read_text())
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema)
examples = sorted((root / "tests" / "fixtures").glob("interchange-*.json"))
examples += sorted((root / "tests" / "fuzz" / "corpus-interchange").glob("*.json"))
failed = False
for path in examples:
    for error in validator.iter_errors(json.loads(path.read_text())):
        where = "/".join(str(part) for part in error.absolute_path)
        print(f"{path.relative_to(root)}: {where}: {error.message}")
        failed = True
if not examples:
    print("no example files found")
    failed = True
sys.exit(1 if failed else 0)
