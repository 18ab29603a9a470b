#!/usr/bin/env python3
"""The JSON Schema of the process format against real files, with a real
validator (Debian's python3-jsonschema): every valid file given after
--good validates; every bad file of the corpus whose problem is one of
structure (unknown-key, wrong-type, missing-key) is rejected.
Usage: check_schema.py SCHEMA --good FILE... --bad FILE..."""
import json
import re
import sys

import jsonschema
import yaml

schema_path, rest = sys.argv[1], sys.argv[2:]
good = rest[rest.index("--good") + 1:rest.index("--bad")]
bad = rest[rest.index("--bad") + 1:]
if not good or not bad:
    sys.exit(f"{len(good)} valid and {len(bad)} bad files given: both are needed, or nothing is shown")
schema = json.load(open(schema_path, encoding="utf-8"))
jsonschema.Draft7Validator.check_schema(schema)
validator = jsonschema.Draft7Validator(schema)
failures = []
for path in good:
    errors = list(validator.iter_errors(yaml.safe_load(open(path, encoding="utf-8"))))
    if errors:
        failures.append(f"{path}: rejected: {errors[0].message[:200]}")
structural = 0
for path in bad:
    # A file of the corpus may be deliberately not UTF-8 (then not structural).
    text = open(path, encoding="utf-8", errors="replace").read()
    rules = set(re.findall(r"^# expect: ([a-z-]+)", text, re.M))
    # PyYAML reads YAML 1.1, where `yes` is a boolean; editors read 1.2.
    yaml11_boolean = re.search(r":[ \t]+(yes|no|on|off)[ \t]*$", text, re.M | re.I)
    if not rules & {"unknown-key", "wrong-type", "missing-key"} or yaml11_boolean:
        continue
    structural += 1
    if not list(validator.iter_errors(yaml.safe_load(text))):
        failures.append(f"{path}: a structural problem the schema accepts")
if not structural:
    failures.append("no bad file has a structural problem (unknown-key, wrong-type, missing-key): "
                    "nothing showed that the schema rejects one")
if failures:
    print("\n".join(failures))
    sys.exit(1)
print(f"{len(good)} valid files accepted, {structural} structurally bad files rejected")
