#!/usr/bin/env python3
"""Hostile files of about 1 MB, one of each kind issue 18 names: each must
be validated in under 2 s and 200 MB, in the text and the JSON format.

usage: bench/hostile.py [PAPERFLOW_VALIDATE]   (default build/tools/paperflow-validate)

Prints one row per file and format (seconds, peak MB, output bytes) and
exits 1 when a goal is missed; a second goal: the valid file in flow style
needs at most 1.15 times the memory of the one in block style. Figures in bench/README.md ("Hostile files").
"""
import os
import pathlib
import subprocess
import sys
import tempfile

SECONDS, MEGABYTES = 2.0, 200
# A file in flow style costs what the same steps cost in block style: the
# parser streams (yaml-cpp, before libyaml, held an open flow collection
# whole: 47 against 36 MB).
FLOW_OVER_BLOCK = 1.15
HEAD = ["paperflow: 1", "process: {id: p, name: P}", "demand: {cases_per_year: 1}",
        "units: [{id: a, name: A, staff: 1}]", "steps:"]


def lines_of(steps):
    return ("\n".join(HEAD + steps) + "\n").encode()


def step(i, **fields):
    body = {"id": f"s{i}", "name": "S", "unit": "a", "medium": "paper", "next": "e"}
    body.update(fields)
    return "  - {" + ", ".join(f"{k}: {v}" for k, v in body.items()) + "}"


def kinds():
    """(name, bytes) of each hostile kind, about 1 MB each."""
    big = "x" * (1 << 19)
    yield "alias-bytes", lines_of([f"  - {{id: s0, name: &n {big}, unit: a, medium: paper, next: e}}"] +
                                  [step(i, name="*n") for i in range(1, 3000)] + ["  - {id: e, name: E, end: true}"])
    key = "k" * 300_000
    yield "aliased-keys", ("\n".join(HEAD[:3] + [f"x-key: &k {key}"] + HEAD[3:]) + "\n" +
                           "\n".join(step(i, **{"*k ": 1}) for i in range(8000)) +
                           "\n  - {id: e, name: E, end: true}\n").encode()
    yield "unknown-references", lines_of([step(i, next=f"t{i:05d}") for i in range(16000)] +
                                         ["  - {id: e, name: E, end: true}"])
    yield "errors-one-line", ("{paperflow: 1, process: {id: p, name: P}, units: [{id: a, name: A, staff: 1}], steps: [" +
                              ",".join(f"{{id: s{i}, name: S, unit: a, medium: papr, next: e}}" for i in range(20000)) +
                              ", {id: e, name: E, end: true}]}\n").encode()
    yield "errors-many-lines", lines_of([step(i, medium="papr") for i in range(18000)] +
                                        ["  - {id: e, name: E, end: true}"])
    yield "valid-flow", ("{paperflow: 1, process: {id: p, name: P}, demand: {cases_per_year: 1}, "
                         "units: [{id: a, name: A, staff: 1}], steps: [" +
                         ",".join(f"{{id: s{i}, name: S, unit: a, medium: paper, next: s{i + 1}}}" for i in range(17000)) +
                         ", {id: s17000, name: E, end: true}]}\n").encode()
    yield "valid-block", lines_of([step(i, next=f"s{i + 1}") for i in range(16000)] +
                                  ["  - {id: s16000, name: E, end: true}"])
    yield "deep-nesting", b"paperflow: 1\nsteps: " + b"[" * 500_000 + b"]" * 500_000 + b"\n"
    yield "long-line-key", ("paperflow: 1\n" + "k" * 1_000_000 + ": 1\n").encode()


def main():
    tool = sys.argv[1] if len(sys.argv) > 1 else "build/tools/paperflow-validate"
    missed = 0
    peaks = {}
    print(f"{'file':<22} {'MB':>5} {'format':<6} {'s':>6} {'peak MB':>8} {'output':>10}")
    with tempfile.TemporaryDirectory() as directory:
        for name, content in kinds():
            path = pathlib.Path(directory) / f"{name}.yaml"
            path.write_bytes(content)
            for format in ("text", "json"):
                timing = pathlib.Path(directory) / "time"
                result = subprocess.run(["/usr/bin/time", "-o", str(timing), "-f", "%e %M", tool, "--color", "never",
                                         "--format", format, str(path)], capture_output=True, timeout=120)
                seconds, kilobytes = timing.read_text().split()[-2:]
                seconds, megabytes = float(seconds), int(kilobytes) / 1024
                peaks[name, format] = megabytes
                ok = result.returncode in (0, 1) and seconds < SECONDS and megabytes < MEGABYTES
                missed += not ok
                print(f"{name:<22} {len(content) / 1e6:>5.2f} {format:<6} {seconds:>6.2f} {megabytes:>8.0f} "
                      f"{len(result.stdout):>10} {'' if ok else 'MISSED (exit %d)' % result.returncode}")
    print(f"goal: every file under {SECONDS} s and {MEGABYTES} MB: {'PASS' if not missed else 'FAIL'}")
    ratio = peaks["valid-flow", "text"] / peaks["valid-block", "text"]
    flow_ok = ratio <= FLOW_OVER_BLOCK
    print(f"goal: flow style at most {FLOW_OVER_BLOCK} times the memory of block style: {ratio:.2f}, "
          f"{'PASS' if flow_ok else 'FAIL'}")
    return 1 if missed or not flow_ok else 0


if __name__ == "__main__":
    sys.exit(main())
