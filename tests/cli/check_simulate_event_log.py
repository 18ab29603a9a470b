#!/usr/bin/env python3
"""paperflow-simulate --event-log writes its file whole or not at all, and changes no report.

A run with --event-log FILE writes the same log as --event-log - does, and
a report byte-identical to one of a run without the log; a run that fails
(a bad flag, a bad holidays file, the log naming the input) leaves no file
behind and an existing one as it was.

usage: check_simulate_event_log.py SIMULATE PROCESS HOLIDAYS BAD_HOLIDAYS
"""
import os
import pathlib
import subprocess
import sys
import tempfile

simulate, process, holidays, bad_holidays = sys.argv[1:5]
run_flags = ["--cases", "50", "--replications", "2", "--seed", "7", "--color", "never"]
log_flags = ["--start-date", "2025-10-01", "--holidays", holidays]
failures = []


def run(*arguments):
    env = dict(os.environ, LANG="C")
    env.pop("LC_ALL", None)
    return subprocess.run([simulate, *arguments], capture_output=True, env=env, timeout=120)


with tempfile.TemporaryDirectory() as tmp:
    log = pathlib.Path(tmp) / "log.csv"
    report = pathlib.Path(tmp) / "report.txt"

    plain = run(*run_flags, process)
    written = run(*run_flags, *log_flags, "--event-log", str(log), process)
    to_stdout = run(*run_flags, *log_flags, "--event-log", "-", "-o", str(report), process)
    for name, result in (("plain", plain), ("with FILE", written), ("with -", to_stdout)):
        if result.returncode != 0 or result.stderr:
            failures.append(f"run {name}: exit {result.returncode}, {result.stderr.decode(errors='replace')}")
    if written.stdout != plain.stdout:
        failures.append("the report with --event-log differs from the one without")
    if report.read_bytes() != plain.stdout:
        failures.append("the report with -o and --event-log - differs from the one without")
    if not log.exists() or log.read_bytes() != to_stdout.stdout:
        failures.append("--event-log FILE and --event-log - wrote different logs")
    elif not log.read_text(encoding="utf-8").startswith("case,activity,start,end,unit\n"):
        failures.append("the log does not start with its header")

    # Failed runs: no new file, an existing one untouched.
    bad_calls = {
        "working hours of another length": ["--start-date", "2025-10-01", "--work-hours", "08:00-12:00"],
        "a bad holidays line": ["--start-date", "2025-10-01", "--holidays", bad_holidays],
        "no date": ["--start-date", "someday"],
    }
    for why, flags in bad_calls.items():
        fresh = pathlib.Path(tmp) / "fresh.csv"
        result = run(*run_flags, *flags, "--event-log", str(fresh), process)
        if result.returncode != 2 or fresh.exists():
            failures.append(f"{why}: exit {result.returncode}, a new log {'written' if fresh.exists() else 'not written'}")
        log.write_text("kept\n", encoding="utf-8")
        result = run(*run_flags, *flags, "--event-log", str(log), process)
        if result.returncode != 2 or log.read_text(encoding="utf-8") != "kept\n":
            failures.append(f"{why}: exit {result.returncode}, the existing log changed")
        if list(pathlib.Path(tmp).glob(".*")):
            failures.append(f"{why}: a temporary file was left: {list(pathlib.Path(tmp).glob('.*'))}")

    # The log naming the process file: refused, the process untouched.
    copy = pathlib.Path(tmp) / "process.yaml"
    copy.write_bytes(pathlib.Path(process).read_bytes())
    result = run(*run_flags, *log_flags, "--event-log", str(copy), str(copy))
    if result.returncode != 2 or copy.read_bytes() != pathlib.Path(process).read_bytes():
        failures.append(f"--event-log naming the input: exit {result.returncode}, the input changed or kept")
    elif b"is the input" not in result.stderr:
        failures.append("--event-log naming the input: " + result.stderr.decode(errors="replace"))

if failures:
    print("\n".join(failures))
    sys.exit(1)
