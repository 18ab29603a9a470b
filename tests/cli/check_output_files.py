#!/usr/bin/env python3
"""What the tools read and where they write, with hostile file names and
file types, one POINT a call, so that each has its own ctest entry:

- fifo-input: a FIFO with no writer given as input is an unreadable
  file (exit 2), not a hang.
- control-characters: a control character in a path cannot forge a
  line of a report or of a message.

Usage: check_output_files.py TOOL-DIR PROCESS-FILE POINT
"""
import os
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ElementTree

tools, model, point = sys.argv[1], os.path.abspath(sys.argv[2]), sys.argv[3]
failures = []

# Each tool with the flags that keep its run short.
TOOLS = {
    "validate": [],
    "analyse": [],
    "simulate": ["--cases", "200", "--replications", "2"],
    "plan": [],
    "dot": [],
    "report": ["--no-simulate", "--no-plan"],
}


def tool(name):
    return os.path.join(tools, "paperflow-" + name)


def run(name, arguments, timeout=120, **kwargs):
    command = [tool(name)] + TOOLS[name] + arguments
    try:
        return subprocess.run(command, capture_output=True, timeout=timeout, **kwargs)
    except subprocess.TimeoutExpired:
        failures.append(f"{name} {arguments}: no answer within {timeout} s")
        return None


def expect(label, done, status, stderr_has=None):
    """The call `done` ended with `status`, and its standard error has the
    text `stderr_has`; False (and a failure noted) otherwise."""
    if done is None:
        return False
    error = done.stderr.decode(errors="replace")
    if done.returncode != status:
        failures.append(f"{label}: exit {done.returncode}, expected {status}; stderr: {error[:400]}")
        return False
    if stderr_has and stderr_has not in error:
        failures.append(f"{label}: standard error lacks {stderr_has!r}: {error[:400]}")
        return False
    return True


def read(path):
    with open(path, "rb") as f:
        return f.read()


def write(path, content, mode=None):
    with open(path, "wb") as f:
        f.write(content)
    if mode is not None:
        os.chmod(path, mode)


def check_fifo_input(tmp):
    """A FIFO nobody writes to is an unreadable input (exit 2), not a hang;
    a pipe with a writer (the shell's <(...)) is read as before."""
    fifo = os.path.join(tmp, "process.fifo")
    os.mkfifo(fifo)
    for name in TOOLS:
        expect(f"{name} FIFO-without-writer", run(name, [fifo], timeout=20), 2, "no writer")
    expect("plan --measures FIFO-without-writer", run("plan", [model, "--measures", fifo], timeout=20), 2,
           "no writer")
    # /dev/fd/N of a pipe whose writer is still at work, as bash's <(...) gives.
    for name in TOOLS:
        read_end, write_end = os.pipe()
        process = subprocess.Popen([tool(name)] + TOOLS[name] + [f"/dev/fd/{read_end}"], pass_fds=(read_end,),
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        os.close(read_end)
        with os.fdopen(write_end, "wb") as pipe:
            pipe.write(read(model))
        try:
            stdout, stderr = process.communicate(timeout=120)
        except subprocess.TimeoutExpired:
            process.kill()
            failures.append(f"{name} <(cat model): no answer")
            continue
        if process.returncode != 0 or not stdout:
            failures.append(f"{name} <(cat model): exit {process.returncode}: {stderr.decode(errors='replace')[:300]}")


def check_control_characters(tmp):
    """A path with a newline, a tab or an escape cannot forge a line: text,
    messages and JUnit show it escaped, GitHub's commands percent-escaped."""
    forged = "x\nforged.yaml:1:1: error: all is well [fake]\n\t\x1b[2J"
    missing = os.path.join(tmp, forged + "missing.yaml")
    escaped = forged.replace("\n", "\\n").replace("\t", "\\t").replace("\x1b", "\\x1B")
    for name in TOOLS:
        label = f"{name} with a missing file named with a newline"
        done = run(name, [missing])
        if expect(label, done, 2, escaped):
            lines = done.stderr.decode(errors="replace").splitlines()
            if any(line.startswith("forged") or "\x1b" in line for line in lines):
                failures.append(f"{label}: a forged line on standard error: {lines}")
    # -o a file that cannot be written, named with a newline.
    label = "analyse -o a path with a newline that cannot be written"
    done = run("analyse", [model, "-o", os.path.join(tmp, "no\ndirectory", "out.txt")])
    if expect(label, done, 2, "no\\ndirectory"):
        if any(line.startswith("directory") for line in done.stderr.decode().splitlines()):
            failures.append(f"{label}: a forged line on standard error")
    # An invalid process in a file with a newline in its name.
    invalid = os.path.join(tmp, forged + ".yaml")
    write(invalid, b"paperflow: 1\nsteps: 3\n")
    done = run("validate", ["--color", "never", invalid])
    if expect("validate text, a file named with a newline", done, 1):
        text = done.stdout.decode(errors="replace")
        if escaped not in text or any(line.startswith("forged") for line in text.splitlines()):
            failures.append(f"validate text: the path is not escaped: {text[:400]}")
    done = run("analyse", ["--color", "never", invalid])
    if expect("analyse, an invalid file named with a newline", done, 2, escaped):
        if any(line.startswith("forged") for line in done.stderr.decode(errors="replace").splitlines()):
            failures.append("analyse: a forged line on standard error for an invalid file")
    done = run("validate", ["--format", "github", invalid])
    if expect("validate github, a file named with a newline", done, 1):
        lines = done.stdout.decode(errors="replace").splitlines()
        if not lines or any(not line.startswith("::") for line in lines):
            failures.append(f"validate github: a line that is not a command: {lines}")
    done = run("validate", ["--format", "junit", invalid])
    if expect("validate junit, a file named with a newline", done, 1):
        report = done.stdout.decode()
        case = ElementTree.fromstring(report).find(".//testcase")
        # XML 1.0 has no escape (^[) for control characters but tab, newline
        # and carriage return: they become spaces.
        path = invalid.replace("\x1b", " ")
        if case is None or case.get("file") != path or case.get("name") != path:
            failures.append(f"validate junit: the attributes do not give the path back: {report[:400]}")
        failure = case.find("failure") if case is not None else None
        if failure is None or any(line.startswith("forged") for line in (failure.text or "").splitlines()):
            failures.append(f"validate junit: the failure's text has a forged line: {report[:400]}")


    # The process plan emits names its input in a comment: a carriage
    # return in the name must not end the comment and start a YAML line.
    named = os.path.join(tmp, "x\rsteps: 3\n.yaml")
    write(named, read(model))
    after = os.path.join(tmp, "after.yaml")
    if expect("plan --emit-after from a file named with a carriage return", run("plan", [named, "--emit-after", after]), 0):
        expect("the emitted process of a file named with a carriage return validates",
               run("validate", ["--color", "never", after]), 0)


POINTS = {
    "fifo-input": check_fifo_input,
    "control-characters": check_control_characters,
}

with tempfile.TemporaryDirectory() as tmp:
    POINTS[point](tmp)
if failures:
    print("\n".join(failures))
    sys.exit(1)
