#!/usr/bin/env python3
"""TOOL --version exits 0, prints "NAME VERSION" first and nothing on
standard error. (ctest's PASS_REGULAR_EXPRESSION alone ignores the exit
status: a tool that printed its version and then crashed would pass.)
Usage: check_version.py TOOL NAME"""
import re
import subprocess
import sys

tool, name = sys.argv[1], sys.argv[2]
result = subprocess.run([tool, "--version"], capture_output=True, text=True, timeout=30)
failures = []
if result.returncode != 0:
    failures.append(f"exit status {result.returncode}, expected 0")
if result.stderr:
    failures.append(f"unexpected standard error: {result.stderr!r}")
if not re.match(re.escape(name) + r" [0-9]", result.stdout):
    failures.append(f"standard output {result.stdout[:200]!r} does not start with '{name} VERSION'")
if failures:
    print(f"{tool} --version: " + "; ".join(failures))
    sys.exit(1)
