#!/usr/bin/env python3
"""Checks one bad process file of the corpus.

The file states what it must produce in comment lines at its top:
    # expect: RULE LINE:COLUMN
(one line per diagnostic that must appear; more may appear, unless a line
    # nothing else
says that one mistake must give only the diagnostics expected), and optionally
    # status: N
(default 1; the warnings-only files say 0). It must exit with that status
and name every expected rule at its place, in JSON and text; with --strict
a file with warnings must exit 1.
"""
import json
import re
import subprocess
import sys

tool, path = sys.argv[1], sys.argv[2]
with open(path, "rb") as f:
    head = f.read(4096).decode("utf-8", errors="replace")
expected = [(m.group(1), int(m.group(2)), int(m.group(3)))
            for m in re.finditer(r"^# expect: ([a-z-]+) (\d+):(\d+)\s*$", head, re.M)]
status_match = re.search(r"^# status: (\d+)\s*$", head, re.M)
status = int(status_match.group(1)) if status_match else 1
if not expected:
    sys.exit(f"{path}: no '# expect: RULE LINE:COLUMN' line")

result = subprocess.run([tool, "--format", "json", path], capture_output=True, timeout=60)
failures = []
if result.returncode != status:
    failures.append(f"exit status {result.returncode}, expected {status}; stderr: {result.stderr.decode(errors='replace')}")
strict = subprocess.run([tool, "--strict", "--format", "json", path], capture_output=True, timeout=60)
if strict.returncode != 1:
    failures.append(f"--strict: exit status {strict.returncode}, expected 1")
report = json.loads(result.stdout)
found = [(d["rule"], d["line"], d["column"]) for d in report["files"][0]["diagnostics"]]
for item in expected:
    if item not in found:
        failures.append(f"missing {item[0]} at {item[1]}:{item[2]}")
if re.search(r"^# nothing else\s*$", head, re.M):
    for item in found:
        if item not in expected:
            failures.append(f"unexpected {item[0]} at {item[1]}:{item[2]} (the file says: nothing else)")

text = subprocess.run([tool, "--color", "never", path], capture_output=True, timeout=60)
text_lines = text.stdout.decode(errors="replace").splitlines()
for rule, line, column in expected:
    # The place and the rule on one line: either anywhere in the output let
    # one diagnostic's place pass with another's rule.
    if not any(l.startswith(f"{path}:{line}:{column}: ") and l.endswith(f"[{rule}]") for l in text_lines):
        failures.append(f"text format lacks {path}:{line}:{column} ... [{rule}]")
if failures:
    print("found:", found)
    print("\n".join(failures))
    sys.exit(1)
