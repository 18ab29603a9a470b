#!/usr/bin/env python3
"""What the tools read and where they write, with hostile file names and
file types, one POINT a call, so that each has its own ctest entry:

- fifo-input: a FIFO with no writer given as input is an unreadable
  file (exit 2), not a hang.

Usage: check_output_files.py TOOL-DIR PROCESS-FILE POINT
"""
import os
import subprocess
import sys
import tempfile

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


POINTS = {
    "fifo-input": check_fifo_input,
}

with tempfile.TemporaryDirectory() as tmp:
    POINTS[point](tmp)
if failures:
    print("\n".join(failures))
    sys.exit(1)
