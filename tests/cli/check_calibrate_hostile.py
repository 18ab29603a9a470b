#!/usr/bin/env python3
"""Hostile event logs: calibrate's output stays proportional to what a person
reads, its time bounded, and it never crashes.

- 20,000 distinct activities the model does not know, each 1 KB long: the
  text and Markdown reports list 20 of them, cut short, and a count;
  standard error shows 20 rows left out and a count.
- one case of 50,000 runs of a rework loop never left: it is open; and one
  that ends wrongly after 50,000 runs: its variant is cut to 30 steps in
  text.
- a row of 2 MB (past the reader's 1 MiB bound) among good rows: a bad row,
  and the rest is read.
- 2,000 cases with control characters and 1 KB in their ids and resources.
- the same log through a pipe reads as from a file; a FIFO with no writer
  is refused (exit 2) at once.
Each call must finish within 20 s with exit 0 and write under 64 KB of text.

usage: check_calibrate_hostile.py CALIBRATE PROCESS
"""
import os
import subprocess
import sys
import tempfile
from pathlib import Path

calibrate, process = sys.argv[1], sys.argv[2]
failures = []


def run(log, *extra):
    try:
        result = subprocess.run([calibrate, "--color", "never", *extra, process, str(log)], capture_output=True,
                                timeout=20)
    except subprocess.TimeoutExpired:
        failures.append(f"{log.name}: more than 20 s")
        return None
    if result.returncode != 0:
        failures.append(f"{log.name}: exit {result.returncode}: {result.stderr[-500:]!r}")
    return result


def t(minute):
    day, minute = divmod(minute, 8 * 60)
    week, day = divmod(day, 5)
    return f"2025-{1 + week // 4:02}-{1 + (week % 4) * 7 + day:02}T{8 + minute // 60:02}:{minute % 60:02}:00"


with tempfile.TemporaryDirectory() as tmp:
    tmp = Path(tmp)
    good = "".join(f"G{k},erfassen,{t(k)},{t(k + 5)},amt\nG{k},prüfen,{t(k + 5)},{t(k + 20)},amt\n"
                   f"G{k},bescheiden,{t(k + 20)},{t(k + 30)},amt\n" for k in range(0, 3000, 30))

    unknown = tmp / "unknown.csv"
    unknown.write_text("case,activity,start,end,resource\n" + good +
                       "".join(f"U{k},{'x' * 1000}{k},{t(k)},{t(k + 1)},amt\n" for k in range(20000)))
    for extra in ([], ["--format", "markdown"]):
        result = run(unknown, *extra)
        if result:
            if len(result.stdout) > 64 * 1024:
                failures.append(f"unknown {extra}: {len(result.stdout)} bytes of report")
            if b"and 19980 more" not in result.stdout:
                failures.append(f"unknown {extra}: no count of the activities not listed")
            if len(result.stderr) > 64 * 1024 or b"19980 more rows left out" not in result.stderr:
                failures.append(f"unknown {extra}: standard error {len(result.stderr)} bytes: {result.stderr[-300:]!r}")

    loops = tmp / "loops.csv"
    rows = ["case,activity,start,end,resource\n", good]
    for case in ("L-open", "L-wrong"):
        for k in range(25000):
            rows.append(f"{case},erfassen,{t(k * 2)},{t(k * 2 + 1)},amt\n{case},prüfen,{t(k * 2 + 1)},{t(k * 2 + 2)},amt\n")
    rows.append(f"L-wrong,erledigt,{t(50001)},{t(50001)},amt\nL-wrong,erfassen,{t(50002)},{t(50003)},amt\n")
    loops.write_text("".join(rows))
    result = run(loops)
    if result and (len(result.stdout) > 64 * 1024 or b"more" not in result.stdout):
        failures.append(f"loops: {len(result.stdout)} bytes, variant not cut: {result.stdout[-600:]!r}")

    long_row = tmp / "long-row.csv"
    long_row.write_text("case,activity,start,end,resource\n" + good + "X,erfassen," + "9" * 2_000_000 + ",x,amt\n" + good.replace("G", "H"))
    result = run(long_row, "--format", "json")
    if result and b'"rows_used": 600' not in result.stdout:
        failures.append(f"long row: {result.stdout[:300]!r}")

    names = tmp / "names.csv"
    names.write_text("case,activity,start,end,resource\n" + "".join(
        f"\"C{k}\x1b[31m\n{'y' * 1000}\",erfassen,{t(k)},{t(k + 5)},\"Frau\rX{k}{'z' * 1000}\"\n" for k in range(2000)))
    result = run(names)
    if result and (b"\x1b" in result.stdout or b"\r" in result.stdout or len(result.stdout) > 64 * 1024):
        failures.append(f"names: raw control characters or {len(result.stdout)} bytes")

    # A pipe reads as a file does (nothing seeks back after the format is
    # told), and a FIFO nobody writes to is refused at once, not waited on.
    piped = subprocess.run([calibrate, "--format", "json", process, "/dev/stdin"], input=names.read_bytes(),
                           capture_output=True, timeout=20)
    if piped.returncode != 0 or b'"rows_used": 2000' not in piped.stdout:
        failures.append(f"pipe: exit {piped.returncode}: {piped.stderr[-300:]!r}")
    fifo = tmp / "fifo.csv"
    os.mkfifo(fifo)
    try:
        lonely = subprocess.run([calibrate, process, str(fifo)], capture_output=True, timeout=20)
        if lonely.returncode != 2 or b"FIFO with no writer" not in lonely.stderr:
            failures.append(f"fifo: exit {lonely.returncode}: {lonely.stderr[-300:]!r}")
    except subprocess.TimeoutExpired:
        failures.append("fifo: waited for a writer")

if failures:
    print("\n".join(failures))
    sys.exit(1)
print("hostile logs: bounded output, bounded time, no crash")
