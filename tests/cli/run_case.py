#!/usr/bin/env python3
"""Runs one tool call of an end-to-end table and compares it with what is expected.

The expected file holds standard output exactly; "-" means "do not compare".
Standard error must be empty unless the expected exit status is 2, where it
must not be (a failure always says why). An argument "<FILE" is standard
input; an argument "2>FILE" compares standard error with FILE exactly, for a
failure whose message is part of the contract or the warnings of a run that
goes on (rows of a log left out). Set PAPERFLOW_UPDATE_GOLDEN=1
to rewrite the expected files from the tool's output (then review the diff).
"""
import argparse
import os
import subprocess
import sys

parser = argparse.ArgumentParser()
parser.add_argument("--tool", required=True)
parser.add_argument("--status", type=int, required=True)
parser.add_argument("--expected", required=True)
parser.add_argument("arguments", nargs="*")
args = parser.parse_args()

stdin_file = None
stderr_file = None
arguments = []
for argument in args.arguments:
    if argument.startswith("<"):
        stdin_file = argument[1:]
    elif argument.startswith("2>"):
        stderr_file = argument[2:]
    else:
        arguments.append(argument)

env = dict(os.environ)
env.pop("NO_COLOR", None)
# The reports speak the locale's language unless --lang is given: each call
# runs in the C locale, so that a developer's German desktop and CI's bare
# machine see the same English; German is asked for with --lang de.
for name in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
    env.pop(name, None)
env["LANG"] = "C"
with open(stdin_file, "rb") if stdin_file else open(os.devnull, "rb") as stdin:
    result = subprocess.run([args.tool] + arguments, stdin=stdin, capture_output=True, timeout=120, env=env)

failures = []
if result.returncode != args.status:
    failures.append(f"exit status {result.returncode}, expected {args.status}")
if args.status == 2 and not result.stderr:
    failures.append("exit status 2 but nothing on standard error")
if args.status != 2 and result.stderr and not stderr_file:
    failures.append("unexpected standard error:\n" + result.stderr.decode(errors="replace"))
if args.expected != "-":
    if os.environ.get("PAPERFLOW_UPDATE_GOLDEN"):
        with open(args.expected, "wb") as f:
            f.write(result.stdout)
    with open(args.expected, "rb") as f:
        expected = f.read()
    if result.stdout != expected:
        failures.append(
            f"standard output differs from {args.expected}:\n--- expected\n{expected.decode(errors='replace')}"
            f"--- actual\n{result.stdout.decode(errors='replace')}")
if stderr_file:
    if os.environ.get("PAPERFLOW_UPDATE_GOLDEN"):
        with open(stderr_file, "wb") as f:
            f.write(result.stderr)
    with open(stderr_file, "rb") as f:
        expected = f.read()
    if result.stderr != expected:
        failures.append(
            f"standard error differs from {stderr_file}:\n--- expected\n{expected.decode(errors='replace')}"
            f"--- actual\n{result.stderr.decode(errors='replace')}")
if failures:
    print(" ".join([args.tool] + arguments))
    print("\n".join(failures))
    sys.exit(1)
