#!/usr/bin/env python3
"""Every doctest case of the unit binary has exactly one ctest entry, which runs it alone.

doctest_discover_tests lists the binary's test cases and adds one ctest entry
per line, named PREFIX + name, that runs the binary with --test-case=NAME.
Two readings can mangle a name on the way: CMake's list syntax (a ';' splits
it into two entries, '[' and ']' join the lines between them, a '\\' escapes
the separator after it) and doctest's filter syntax ('*' and '?' are
wildcards, ',' separates filters, which the discovery script escapes as
'\\,'). A mangled name runs no test case or more than one, and doctest exits
0 either way. So this check compares the test cases in the binary with the
entries ctest holds, and asks doctest how many cases each entry's own
command selects: exactly one each, or the check fails.

Usage: check_ctest_entries.py CTEST TEST_DIR UNIT_BINARY PREFIX
"""
import json
import re
import subprocess
import sys

ctest, test_dir, binary, prefix = sys.argv[1:5]

# Characters a name must not hold, and why.
HAZARDS = {
    ";": "CMake's list separator: ctest gets one entry per part, each selecting nothing",
    "[": "opens a CMake list bracket: the names after it merge into one entry",
    "]": "closes a CMake list bracket, and ']==]' ends the argument in the generated file",
    "\\": "escapes in CMake lists and in doctest filters",
    "*": "a doctest wildcard: the entry also runs every case it matches",
    "?": "a doctest wildcard: the entry also runs every case it matches",
}


def run(command):
    result = subprocess.run(command, capture_output=True, text=True, timeout=60)
    if result.returncode != 0:
        sys.exit(f"{' '.join(command)} exited with {result.returncode}:\n{result.stdout}{result.stderr}")
    return result.stdout


def listed_names(*options):
    lines = run([binary, "--list-test-cases", *options]).splitlines()
    return [line for line in lines if not line.startswith("[doctest] ") and not re.fullmatch("=+", line)]


def count(command):
    match = re.search(r"test cases passing the current filters: (\d+)", run(command + ["--count"]))
    if not match:
        sys.exit(f"{' '.join(command)} --count printed no count")
    return int(match.group(1))


failures = []
names = listed_names("--no-skip")
total = count([binary, "--no-skip"])
if len(names) != total:
    failures.append(f"the binary lists {len(names)} lines but counts {total} test cases: a name spans lines")
if total == 0:
    failures.append("the binary holds no test case")
for name in sorted(set(names) - set(listed_names())):
    failures.append(f"test case {name!r} is marked skip, so no ctest entry runs it")
for name in names:
    for character, why in HAZARDS.items():
        if character in name:
            failures.append(f"test case {name!r} holds {character!r}, {why}")

shown = json.loads(run([ctest, "--test-dir", test_dir, "--show-only=json-v1"]))
entries = {}
for test in shown["tests"]:
    if "_NOT_BUILT" in test["name"]:
        failures.append(f"ctest entry {test['name']!r}: the unit binary's test list was never generated")
    elif test["name"].startswith(prefix):
        entries.setdefault(test["name"][len(prefix):], []).append(test["command"])
if not entries:
    failures.append(f"ctest holds no entry named {prefix!r}...: nothing was discovered")

for name in sorted(set(names) - set(entries)):
    failures.append(f"test case {name!r} has no ctest entry")
for name in sorted(set(entries) - set(names)):
    failures.append(f"ctest entry {prefix + name!r} is no test case: a name was split or changed on the way")
for name, commands in sorted(entries.items()):
    if len(commands) > 1:
        failures.append(f"ctest holds {len(commands)} entries {prefix + name!r}")
    for command in commands:
        selected = count(command)
        if selected != 1:
            failures.append(f"ctest entry {prefix + name!r} runs {selected} test cases, not 1: {command[1:]}")

if failures:
    print("\n".join(failures))
    sys.exit(1)
print(f"{total} test cases, {len(entries)} ctest entries, each running its own case alone")
