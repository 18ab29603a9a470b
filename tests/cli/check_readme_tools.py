#!/usr/bin/env python3
"""The README's table of tools and the dispatcher's man page name every
tool of the build's table (PAPERFLOW_TOOL_TABLE), and no tool that is not
in it: a new row in CMake without its documentation fails here.
Usage: check_readme_tools.py README.md paperflow.1 TOOL..."""
import re
import sys

readme, manual, tools = sys.argv[1], sys.argv[2], sys.argv[3:]
if not tools:
    sys.exit("no tools given: nothing is checked")
failures = []
rows = re.findall(r"^\| `paperflow-([a-z]+)` \|", open(readme, encoding="utf-8").read(), re.M)
if sorted(rows) != sorted(tools):
    failures.append(f"README's table names {sorted(rows)}, the build's table {sorted(tools)}")
entries = re.findall(r"^\.TP(?: \d+)?\n\.B ([a-z]+)\n", open(manual, encoding="utf-8").read(), re.M)
if sorted(entries) != sorted(tools):
    failures.append(f"paperflow(1) lists {sorted(entries)}, the build's table {sorted(tools)}")
for f in failures:
    print("FAIL:", f)
if not failures:
    print(f"{len(tools)} tools: each in the README's table and in paperflow(1)")
sys.exit(1 if failures else 0)
