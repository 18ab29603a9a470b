#!/usr/bin/env python3
"""paperflow --help lists every tool of the build, --list-tools their names; paperflow TOOL passes
arguments, standard input and exit status through; an unknown tool is exit 2
with a did-you-mean; paperflow help TOOL shows the manual or --help.
Usage: check_dispatcher.py PAPERFLOW TOOL..."""
import subprocess
import sys

dispatcher, tools = sys.argv[1], sys.argv[2:]
if not tools:
    sys.exit("no tools given: the listing is not checked")
failures = []
listing = subprocess.run([dispatcher, "--help"], capture_output=True, text=True)
for tool in tools:
    if f"  {tool} " not in listing.stdout:
        failures.append(f"--help does not list {tool}")
names = subprocess.run([dispatcher, "--list-tools"], capture_output=True, text=True)
if names.returncode != 0 or names.stdout.split("\n") != tools + [""]:
    failures.append(f"--list-tools is not the table, one a line: {names.returncode} {names.stdout!r}")
minimal = b"paperflow: 1\nprocess: {id: m, name: M}\ndemand: {cases_per_year: 10}\nunits: [{id: a, name: A, staff: 1}]\n" \
          b"steps:\n  - {id: s, name: S, unit: a, medium: paper, work: 1h, next: e}\n  - {id: e, name: E, end: true}\n"
run = subprocess.run([dispatcher, "validate", "--format", "json", "-"], input=minimal, capture_output=True)
if run.returncode != 0 or b'"diagnostics":[]' not in run.stdout:
    failures.append(f"validate through the dispatcher: {run.returncode} {run.stdout!r}")
bad = subprocess.run([dispatcher, "validate", "-"], input=b"paperflow: 2\n", capture_output=True)
if bad.returncode != 1:
    failures.append(f"exit status 1 did not pass through: {bad.returncode}")
usage = subprocess.run([dispatcher, "analyse", "--format", "pdf", "-"], input=minimal, capture_output=True)
if usage.returncode != 2:
    failures.append(f"exit status 2 did not pass through: {usage.returncode}")
unknown = subprocess.run([dispatcher, "analyze"], capture_output=True, text=True)
if unknown.returncode != 2 or "did you mean 'analyse'" not in unknown.stderr:
    failures.append(f"unknown tool: {unknown.returncode} {unknown.stderr!r}")
helped = subprocess.run([dispatcher, "help", "plan"], capture_output=True, text=True, env={"PATH": "/usr/bin:/bin", "MANPAGER": "cat", "PAGER": "cat"})
if helped.returncode != 0 or "budget" not in helped.stdout:
    failures.append(f"help plan: {helped.returncode} {helped.stdout[:200]!r}")
if failures:
    print("\n".join(failures))
    sys.exit(1)
