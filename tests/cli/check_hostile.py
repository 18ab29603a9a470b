#!/usr/bin/env python3
"""Hostile inputs generated at test time: each must give a diagnostic and
exit 1 (or 2 for a file that cannot be read), within a time limit, without
a crash. Covers empty files, binary garbage, deep nesting, alias bombs,
files of many megabytes and unreadable paths."""
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile

tool = sys.argv[1]
failures = []


def check(name, content, status, rule=None, timeout=30):
    with tempfile.TemporaryDirectory() as directory:
        path = os.path.join(directory, name + ".yaml")
        with open(path, "wb") as f:
            f.write(content)
        try:
            result = subprocess.run([tool, "--format", "json", path], capture_output=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            failures.append(f"{name}: no answer within {timeout} s")
            return
    if result.returncode < 0 or result.returncode != status:
        failures.append(f"{name}: exit status {result.returncode}, expected {status}; "
                        f"stderr: {result.stderr.decode(errors='replace')[:300]}")
        return
    report = json.loads(result.stdout)
    rules = [d["rule"] for d in report["files"][0]["diagnostics"]]
    if rule and rule not in rules:
        failures.append(f"{name}: expected rule {rule}, got {rules}")
    for d in report["files"][0]["diagnostics"]:
        if d["line"] < 0 or d["column"] < 0:
            failures.append(f"{name}: negative place {d}")


check("empty", b"", 1, "yaml-syntax")
check("only-comment", b"# nothing here\n", 1, "yaml-syntax")
check("whitespace", b"\n\n   \n", 1, "yaml-syntax")
random.seed(7)
check("binary", bytes(random.randrange(256) for _ in range(4096)), 1, "yaml-syntax")
check("nul-byte", b"paperflow: 1\nprocess: {id: a, name: \x00}\n", 1, "yaml-syntax")
check("latin1", "paperflow: 1\nprocess: {id: a, name: Prüfung}\n".encode("latin-1"), 1, "yaml-syntax")
check("deep-flow-lists", b"paperflow: 1\nsteps: " + b"[" * 100000 + b"]" * 100000 + b"\n", 1, "limits")
check("deep-flow-maps", b"a: " + b"{b: " * 50000 + b"c" + b"}" * 50000 + b"\n", 1, "limits")
check("deep-block", "".join(" " * i + "k:\n" for i in range(3000)).encode(), 1, "limits")
bomb = ["paperflow: 1", "a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
for i in range(1, 12):
    bomb.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i-1}"] * 10) + "]")
bomb.append("steps: *a11")
check("alias-bomb", ("\n".join(bomb) + "\n").encode(), 1, "limits")
check("list-at-top", b"- paperflow: 1\n- steps: []\n", 1, "wrong-type")
check("scalar-at-top", b"hello\n", 1, "wrong-type")
check("two-documents", b"paperflow: 1\n---\npaperflow: 1\n", 1, "yaml-syntax")
check("unclosed-quote", b"paperflow: 1\nprocess: {id: \"a, name: b}\n", 1, "yaml-syntax")
check("bad-indent", b"paperflow: 1\nprocess:\n  id: a\n name: b\n", 1, "yaml-syntax")
check("nan", b"paperflow: 1\ndemand: {cases_per_year: .nan}\n", 1, "bad-value")
check("negative", b"paperflow: 1\ndemand: {cases_per_year: -5}\n", 1, "bad-value")
check("string-number", b"paperflow: 1\ndemand: {cases_per_year: \"12\"}\n", 1, "wrong-type")
check("huge-number", b"paperflow: 1\ndemand: {cases_per_year: 1e999}\n", 1, "bad-value")

# Many megabytes: 20,000 steps in a line, valid but for a missing end step.
lines = ["paperflow: 1", "process: {id: big, name: Groß}", "demand: {cases_per_year: 1}",
         "units: [{id: u, name: U, staff: 1000}]", "steps:"]
for i in range(20000):
    lines.append(f"  - {{id: s{i}, name: \"Schritt {i} " + "x" * 300 + f"\", unit: u, medium: paper, "
                 f"work: 1min, next: s{i + 1}}}")
lines.append("  - {id: s20000, name: Ende, unit: u, medium: paper, next: s0}")
check("many-megabytes", ("\n".join(lines) + "\n").encode(), 1, "closed-loop", timeout=60)
check("too-large", b"# " + b"x" * (65 << 20) + b"\n", 1, "limits", timeout=60)

# Aliases are bounded by the bytes they add, not only by nodes: a megabyte
# scalar named 3,000 times (as names or as keys) would be copied 3,000 times.
big = "x" * (1 << 20)
lines = ["paperflow: 1", f"process: {{id: p, name: &n {big}}}", "units: [{id: a, name: A, staff: 1}]", "steps:"]
lines += [f"  - {{id: s{i}, name: *n, unit: a, medium: paper, next: e}}" for i in range(3000)]
lines.append("  - {id: e, name: E, end: true}")
check("alias-bytes", ("\n".join(lines) + "\n").encode(), 1, "limits")
lines = ["paperflow: 1", "process: {id: p, name: P}", "x-key: &k " + "y" * (1 << 19),
         "units: [{id: a, name: A, staff: 1}]", "steps:"]
lines += [f"  - {{id: s{i}, *k : 1, name: S, unit: a, medium: paper, next: e}}" for i in range(2000)]
lines.append("  - {id: e, name: E, end: true}")
check("aliased-keys", ("\n".join(lines) + "\n").encode(), 1, "limits")


def run_on(name, content, args, timeout=30):
    """The tool's result on generated content, or None when it did not answer in time."""
    with tempfile.TemporaryDirectory() as directory:
        path = os.path.join(directory, name + ".yaml")
        with open(path, "wb") as f:
            f.write(content)
        try:
            return subprocess.run([tool] + args + [path], capture_output=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            failures.append(f"{name}: no answer within {timeout} s")
            return None


# Within the byte bound, a long key is quoted in a message cut short, with no
# "did you mean" worked out on 100 KB strings.
lines = ["paperflow: 1", "process: {id: p, name: P}", "x-key: &k " + "y" * 100_000,
         "units: [{id: a, name: A, staff: 1}]", "steps:"]
lines += [f"  - {{id: s{i}, *k : 1, name: S, unit: a, medium: paper, next: e}}" for i in range(100)]
lines.append("  - {id: e, name: E, end: true}")
result = run_on("long-keys", ("\n".join(lines) + "\n").encode(), ["--format", "json"])
if result:
    messages = [d["message"] for d in json.loads(result.stdout)["files"][0]["diagnostics"] if d["rule"] == "unknown-key"]
    if len(messages) != 100 or max(len(m) for m in messages) > 600:
        failures.append(f"long-keys: {len(messages)} unknown-key messages, longest {max(map(len, messages), default=0)}")

# Unknown references: each reported, the hints' work bounded (20,000 unknown
# ids against 20,000 known took over two minutes).
lines = ["paperflow: 1", "process: {id: p, name: P}", "units: [{id: a, name: A, staff: 1}]", "steps:"]
lines += [f"  - {{id: s{i:05d}, name: S, unit: a, medium: paper, next: t{i:05d}}}" for i in range(20000)]
lines.append("  - {id: e, name: E, end: true}")
result = run_on("unknown-references", ("\n".join(lines) + "\n").encode(), ["--format", "json"])
if result:
    rules = [d["rule"] for d in json.loads(result.stdout)["files"][0]["diagnostics"]]
    if rules.count("unknown-reference") != 20000:
        failures.append(f"unknown-references: {rules.count('unknown-reference')} of 20000 reported")

# A file on one line with 1,300 errors: the text report shows a window of the
# line under each, not the whole 66 KB line (which made 196 MB of text).
items = ",".join(f"{{id: s{i}, name: S, unit: a, medium: papr, next: e}}" for i in range(1300))
content = ("{paperflow: 1, process: {id: p, name: P}, units: [{id: a, name: A, staff: 1}], steps: [" + items +
           ", {id: e, name: E, end: true}]}\n").encode()
result = run_on("one-line", content, ["--color", "never"])
if result:
    diagnostics = result.stdout.count(b": error: ") + result.stdout.count(b": warning: ")
    if diagnostics < 1300 or len(result.stdout) > diagnostics * 500:
        failures.append(f"one-line: {diagnostics} diagnostics in {len(result.stdout)} bytes of text")

# Paths that cannot be read: exit 2 with the reason on standard error.
for args, label in [(["/nonexistent/process.yaml"], "missing file"), (["/proc/self/mem"], "unreadable file")]:
    result = subprocess.run([tool] + args, capture_output=True, timeout=30)
    if result.returncode != 2 or not result.stderr:
        failures.append(f"{label}: exit {result.returncode}, stderr {result.stderr!r}")
with tempfile.TemporaryDirectory() as directory:
    locked = os.path.join(directory, "locked.yaml")
    with open(locked, "w") as f:
        f.write("paperflow: 1\n")
    os.chmod(locked, 0)
    # root reads the file whatever its mode: run the tool as nobody then,
    # rather than skip the check without a word.
    command = [tool, locked]
    if os.geteuid() == 0:
        os.chmod(directory, 0o755)
        setpriv = shutil.which("setpriv")
        if not setpriv:
            failures.append("permission denied: running as root without setpriv to drop to nobody; not checked")
        # A copy of the tool beside the file: nobody may not reach the build
        # directory (a checkout under /root, say).
        reachable = os.path.join(directory, os.path.basename(tool))
        shutil.copy2(tool, reachable)
        os.chmod(reachable, 0o755)
        command = [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups", reachable, locked]
    if command[0]:
        result = subprocess.run(command, capture_output=True, timeout=30)
        if result.returncode != 2 or b"Permission denied" not in result.stderr:
            failures.append(f"permission denied: exit {result.returncode}, stderr {result.stderr!r}")

if failures:
    print("\n".join(failures))
    sys.exit(1)
