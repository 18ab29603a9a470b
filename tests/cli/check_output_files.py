#!/usr/bin/env python3
"""What the tools read and where they write, with hostile file names and
file types, one POINT a call, so that each has its own ctest entry:

- fifo-input: a FIFO with no writer given as input is an unreadable
  file (exit 2), not a hang.
- control-characters: a control character in a path cannot forge a
  line of a report or of a message.
- special, pdf: -o, --pdf and -T pdf write a FIFO or a device as it is,
  keep a symbolic link a link to a target that keeps its mode, refuse a
  read-only file.
- input: -o (plan's --emit-after, report's --pdf) never replaces an
  input, by any name.
- failed-run: a run that fails with exit 2 writes nothing.
- skipped-links: validate names the links under a directory that lead
  nowhere.

Usage: check_output_files.py TOOL-DIR PROCESS-FILE POINT
"""
import os
import stat
import subprocess
import sys
import tempfile
import threading
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


def unchanged(label, path, content, mode=None):
    if read(path) != content:
        failures.append(f"{label}: '{path}' was changed")
    if mode is not None and stat.S_IMODE(os.lstat(path).st_mode) != mode:
        failures.append(f"{label}: '{path}' has mode {oct(stat.S_IMODE(os.lstat(path).st_mode))}, not {oct(mode)}")


def fifo_reader(path, sink):
    with open(path, "rb") as f:
        sink.append(f.read())


def check_special(tmp):
    """Special files are written as they are; a symbolic link stays a link
    and its target keeps its mode; a read-only target is refused."""
    null_device = "/dev/null"
    if os.geteuid() == 0:
        try:
            os.mknod(os.path.join(tmp, "null"), stat.S_IFCHR | 0o666, os.makedev(1, 3))
            null_device = os.path.join(tmp, "null")
        except OSError:
            pass  # a container without CAP_MKNOD: the system's, then
    stdout_link = os.path.join(tmp, "stdout")
    os.symlink("/proc/self/fd/1", stdout_link)
    for name in TOOLS:
        arguments = [model]
        # A null device stays the device: one of our own where we may make
        # one (root), so that a regression cannot replace the system's.
        label = f"{name} -o a null device"
        if expect(label, run(name, arguments + ["-o", null_device]), 0):
            if not stat.S_ISCHR(os.stat(null_device).st_mode):
                failures.append(f"{label}: {null_device} is no longer a device")
        # /dev/stdout (here a link of our own to what it links to): the
        # output on standard output, appended where that is a file opened
        # for appending.
        log = os.path.join(tmp, f"{name}.log")
        write(log, b"earlier lines\n")
        with open(log, "ab") as out:
            done = subprocess.run([tool(name)] + TOOLS[name] + arguments + ["-o", stdout_link], stdout=out,
                                  stderr=subprocess.PIPE, timeout=120)
        label = f"{name} -o /dev/stdout (a link to /proc/self/fd/1) >> log"
        if expect(label, done, 0):
            content = read(log)
            if not content.startswith(b"earlier lines\n") or len(content) <= len(b"earlier lines\n"):
                failures.append(f"{label}: the log holds {content[:80]!r}")
        # A FIFO: written to the reader, still a FIFO.
        fifo = os.path.join(tmp, f"{name}.fifo")
        os.mkfifo(fifo)
        got = []
        reader = threading.Thread(target=fifo_reader, args=(fifo, got), daemon=True)
        reader.start()
        label = f"{name} -o FIFO"
        done = run(name, arguments + ["-o", fifo], timeout=60)
        if not got:
            # The tool never opened the FIFO (or gave up): free the reader.
            try:
                os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
            except OSError:
                pass
        reader.join(60)
        if expect(label, done, 0):
            if not stat.S_ISFIFO(os.lstat(fifo).st_mode):
                failures.append(f"{label}: the FIFO was replaced by a file")
            if not got or not got[0]:
                failures.append(f"{label}: the reader got nothing")
        # A symbolic link to a 0600 file, relative, from another directory.
        os.makedirs(os.path.join(tmp, "targets"), exist_ok=True)
        target = os.path.join(tmp, "targets", f"{name}.out")
        write(target, b"old\n", 0o600)
        link = os.path.join(tmp, f"{name}-link.out")
        os.symlink(os.path.join("targets", f"{name}.out"), link)
        label = f"{name} -o a link to a 0600 file"
        if expect(label, run(name, arguments + ["-o", link]), 0):
            if not os.path.islink(link):
                failures.append(f"{label}: the link was replaced by a file")
            if read(target) == b"old\n":
                failures.append(f"{label}: the target was not written")
            if stat.S_IMODE(os.stat(target).st_mode) != 0o600:
                failures.append(f"{label}: the target has mode {oct(stat.S_IMODE(os.stat(target).st_mode))}")
            leftovers = [f for f in os.listdir(os.path.join(tmp, "targets")) if ".tmp-" in f]
            if leftovers:
                failures.append(f"{label}: temporary files left: {leftovers}")
        # A dangling link: the target is made, the link stays.
        dangling = os.path.join(tmp, f"{name}-dangling.out")
        os.symlink(os.path.join("targets", f"{name}.new"), dangling)
        label = f"{name} -o a dangling link"
        if expect(label, run(name, arguments + ["-o", dangling]), 0):
            if not os.path.islink(dangling) or not os.path.isfile(os.path.join(tmp, "targets", f"{name}.new")):
                failures.append(f"{label}: the link or its new target is missing")
        # A plain 0600 file keeps its mode; a new file gets 0666 less the umask.
        private = os.path.join(tmp, f"{name}.private")
        write(private, b"old\n", 0o600)
        label = f"{name} -o a 0600 file"
        if expect(label, run(name, arguments + ["-o", private]), 0):
            if stat.S_IMODE(os.stat(private).st_mode) != 0o600:
                failures.append(f"{label}: mode {oct(stat.S_IMODE(os.stat(private).st_mode))} after the run")
        fresh = os.path.join(tmp, f"{name}.fresh")
        label = f"{name} -o a new file"
        if expect(label, run(name, arguments + ["-o", fresh]), 0):
            mask = os.umask(0)
            os.umask(mask)
            if stat.S_IMODE(os.stat(fresh).st_mode) != 0o666 & ~mask:
                failures.append(f"{label}: mode {oct(stat.S_IMODE(os.stat(fresh).st_mode))}")
        # Read-only, also through a link: refused, even for root, whom the
        # mode does not stop.
        readonly = os.path.join(tmp, f"{name}.readonly")
        write(readonly, b"keep\n", 0o444)
        readonly_link = os.path.join(tmp, f"{name}-readonly-link")
        os.symlink(readonly, readonly_link)
        for output in (readonly, readonly_link):
            label = f"{name} -o a read-only file{' through a link' if output == readonly_link else ''}"
            if expect(label, run(name, arguments + ["-o", output]), 2, "read-only"):
                unchanged(label, readonly, b"keep\n", 0o444)
        # A directory is no output file.
        label = f"{name} -o a directory"
        expect(label, run(name, arguments + ["-o", tmp]), 2, "directory")
    # dot -T svg goes through the same writer.
    target = os.path.join(tmp, "targets", "diagram.svg")
    write(target, b"old\n", 0o600)
    link = os.path.join(tmp, "diagram-link.svg")
    os.symlink(target, link)
    label = "dot -T svg -o a link"
    if expect(label, subprocess.run([tool("dot"), model, "-T", "svg", "-o", link], capture_output=True,
                                    timeout=120), 0):
        if not os.path.islink(link) or b"<svg" not in read(target) or stat.S_IMODE(os.stat(target).st_mode) != 0o600:
            failures.append(f"{label}: the link, the SVG or its mode is wrong")


def fresh_input(tmp):
    """A directory of its own with the process under four names: its own,
    another path, a symbolic link and a hard link."""
    directory = tempfile.mkdtemp(dir=tmp)
    process = os.path.join(directory, "in.yaml")
    write(process, read(model))
    os.mkdir(os.path.join(directory, "sub"))
    os.symlink(process, os.path.join(directory, "link.yaml"))
    os.link(process, os.path.join(directory, "hard.yaml"))
    return process, {"the same name": process, "another path": os.path.join(directory, "sub", "..", "in.yaml"),
                     "a symbolic link": os.path.join(directory, "link.yaml"),
                     "a hard link": os.path.join(directory, "hard.yaml")}


def check_pdf(tmp):
    """report --pdf and dot -T pdf go through the same writer: a link stays a
    link, its target keeps its mode; --pdf naming the input is refused."""
    process, names = fresh_input(tmp)
    label = "report --pdf the input"
    if expect(label, run("report", [process, "--pdf", names["a hard link"], "-o", "/dev/null"]), 2, "is the input"):
        unchanged(label, process, read(model))
    target = os.path.join(tmp, "printed.pdf")
    write(target, b"old\n", 0o600)
    link = os.path.join(tmp, "link.pdf")
    os.symlink("printed.pdf", link)
    for name, arguments in (("report", ["--pdf", link, "-o", os.path.join(tmp, "report.html")]),
                            ("dot", ["-T", "pdf", "-o", link])):
        write(target, b"old\n", 0o600)
        label = f"{name} PDF into a link to a 0600 file"
        if expect(label, run(name, [process] + arguments, timeout=300), 0):
            if not os.path.islink(link) or not read(target).startswith(b"%PDF"):
                failures.append(f"{label}: the link was replaced, or its target holds no PDF")
            if stat.S_IMODE(os.stat(target).st_mode) != 0o600:
                failures.append(f"{label}: mode {oct(stat.S_IMODE(os.stat(target).st_mode))}")
            leftovers = [f for f in os.listdir(tmp) if ".tmp-" in f]
            if leftovers:
                failures.append(f"{label}: temporary files left: {leftovers}")


def check_input(tmp):
    """-o naming an input, by any name, is refused with exit 2 and the
    input stays as it was; so is --emit-after, and a measures file."""
    source = read(model)
    for name in TOOLS:
        for how in ("the same name", "another path", "a symbolic link", "a hard link"):
            process, names = fresh_input(tmp)
            label = f"{name} -o the input by {how}"
            if expect(label, run(name, [process, "-o", names[how]]), 2, "is the input"):
                unchanged(label, process, source)
    process, names = fresh_input(tmp)
    # A directory stands for the files below it: -o one of them is refused.
    label = "validate DIR -o a file below DIR"
    if expect(label, run("validate", [os.path.dirname(process), "-o", process]), 2, "is the input"):
        unchanged(label, process, source)
    # Standard input that is a file: "-" and -o that file.
    with open(process, "rb") as stdin:
        label = "analyse - -o the file on standard input"
        if expect(label, run("analyse", ["-", "-o", process], stdin=stdin), 2, "is the input"):
            unchanged(label, process, source)
    label = "plan --emit-after the input"
    if expect(label, run("plan", [process, "--emit-after", names["a hard link"]]), 2, "is the input"):
        unchanged(label, process, source)
    measures = os.path.join(tmp, "measures.yaml")
    write(measures, b"paperflow: 1\nmeasures: []\n")
    label = "plan --measures M -o M"
    if expect(label, run("plan", [process, "--measures", measures, "-o", measures]), 2, "is the input"):
        unchanged(label, measures, b"paperflow: 1\nmeasures: []\n")
    # Two outputs into one file: the second would silently replace the first.
    label = "plan --emit-after F -o F"
    same = os.path.join(tmp, "same.txt")
    expect(label, run("plan", [process, "--emit-after", same, "-o", same]), 2, "same file")


def check_failed_run(tmp):
    """A run that ends with exit 2 leaves an existing output as it was."""
    missing = os.path.join(tmp, "missing.yaml")
    invalid = os.path.join(tmp, "invalid.yaml")
    write(invalid, b"paperflow: 1\nsteps: 3\n")
    report = os.path.join(tmp, "report.txt")
    for name in TOOLS:
        for what, process in (("a missing input", missing), ("an invalid input", invalid)):
            if name == "validate" and process == invalid:
                continue  # an invalid file is what validate reports, with exit 1
            write(report, b"old report\n")
            label = f"{name} with {what} -o report.txt"
            if expect(label, run(name, [process, "-o", report]), 2):
                unchanged(label, report, b"old report\n")
    # validate reads the files it can and still fails: no report either.
    write(report, b"old report\n")
    label = "validate GOOD MISSING -o report.txt"
    if expect(label, run("validate", [model, missing, "-o", report]), 2, "cannot read"):
        unchanged(label, report, b"old report\n")
    # plan writes two files: when the second cannot be written, neither is.
    after, readonly = os.path.join(tmp, "after.yaml"), os.path.join(tmp, "readonly.txt")
    write(readonly, b"keep\n", 0o444)
    label = "plan --emit-after A -o READ-ONLY"
    if expect(label, run("plan", [model, "--emit-after", after, "-o", readonly]), 2, "read-only"):
        unchanged(label, readonly, b"keep\n", 0o444)
        if os.path.lexists(after):
            failures.append(f"{label}: wrote --emit-after though -o was refused")


def check_skipped_links(tmp):
    """Links under a directory that lead nowhere are named in a note on
    standard error; the exit status is that of the files checked."""
    directory = os.path.join(tmp, "processes")
    os.mkdir(directory)
    write(os.path.join(directory, "good.yaml"), read(model))
    os.symlink("nowhere.yaml", os.path.join(directory, "dangling.yaml"))
    os.symlink("loop.yaml", os.path.join(directory, "loop.yaml"))
    os.symlink("../processes/good.yaml", os.path.join(directory, "alias.yaml"))
    done = run("validate", ["--color", "never", directory])
    if expect("validate DIR with a dangling and a looping link", done, 0):
        error = done.stderr.decode()
        for expected in (f"paperflow-validate: note: skipped dangling symlink '{directory}/dangling.yaml'",
                         f"paperflow-validate: note: skipped looping symlink '{directory}/loop.yaml'"):
            if expected not in error.splitlines():
                failures.append(f"validate DIR: no line {expected!r} on standard error: {error}")
        if "alias.yaml" in error or "2 files checked" not in done.stdout.decode():
            failures.append(f"validate DIR: a link to a file is a file to check: {done.stdout.decode()} {error}")


POINTS = {
    "fifo-input": check_fifo_input,
    "control-characters": check_control_characters,
    "special": check_special,
    "pdf": check_pdf,
    "input": check_input,
    "failed-run": check_failed_run,
    "skipped-links": check_skipped_links,
}

with tempfile.TemporaryDirectory() as tmp:
    POINTS[point](tmp)
if failures:
    print("\n".join(failures))
    sys.exit(1)
