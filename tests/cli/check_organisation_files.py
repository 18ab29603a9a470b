#!/usr/bin/env python3
"""The organisation file's listed directories, built in a temporary
directory because git keeps neither empty directories nor links that loop.
One POINT a call, each its own ctest entry:

- loop: a link under a listed directory that leads back above it is an
  error at the listing (rule organisation, exit 1), not a walk for ever;
  the files beside it are still checked.
- empty: a listed directory without a process file is an error at the
  listing.
- dangling: a *.yaml link under a listed directory that leads nowhere is
  an error at the listing, naming the link.
- nested: an organisation file inside a listed directory is not a process
  (left out, no error), and a hidden directory is skipped.
- only-organisations: a listed directory whose *.yaml files are all
  organisation files holds no process file: an error at the listing.
- lock-file: an editor's lock file (a hidden link `.#a.yaml` that leads
  nowhere) under a listed directory is no process and no error.
- json-once: validate --format json of a directory with process files and
  an organisation that adds a warning to one of them gives each file one
  entry, with the warning in it.
- analyse-invalid: paperflow-analyse of an organisation with an invalid
  process exits 2 and prints the process's error, with file, line and
  column, on standard error; nothing on standard output.

Usage: check_organisation_files.py TOOL-DIR PROCESS-FILE POINT
"""
import json
import os
import subprocess
import sys
import tempfile

tools, model, point = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2]), sys.argv[3]
failures = []


def check(condition, what):
    if not condition:
        failures.append(what)


def run(tool, *args, cwd):
    return subprocess.run([os.path.join(tools, "paperflow-" + tool), *args], cwd=cwd, capture_output=True,
                          text=True, timeout=60)


def organisation(directory, listed):
    text = "paperflow: 1\norganisation: {id: test, name: Test}\nprocesses:\n" + "".join(f"  - {p}\n" for p in listed)
    with open(os.path.join(directory, "org.yaml"), "w") as f:
        f.write(text)


with tempfile.TemporaryDirectory() as tmp:
    with open(model) as f:
        process = f.read()
    os.makedirs(os.path.join(tmp, "prozesse"))
    with open(os.path.join(tmp, "prozesse", "a.yaml"), "w") as f:
        f.write(process)
    if point == "loop":
        os.symlink("..", os.path.join(tmp, "prozesse", "zurück"))
        organisation(tmp, ["prozesse/"])
        out = run("validate", "--color", "never", "org.yaml", cwd=tmp)
        check(out.returncode == 1, f"exit {out.returncode}, not 1: {out.stderr}")
        check("org.yaml:4:5: error: the directory 'prozesse/zurück' leads back to a directory above it" in out.stdout,
              "no loop error at the listing: " + out.stdout)
        check("3 checked" not in out.stdout and "(2 checked)" in out.stdout, "prozesse/a.yaml not checked once: " + out.stdout)
    elif point == "empty":
        os.makedirs(os.path.join(tmp, "leer"))
        organisation(tmp, ["prozesse/a.yaml", "leer"])
        out = run("validate", "--color", "never", "org.yaml", cwd=tmp)
        check(out.returncode == 1, f"exit {out.returncode}, not 1")
        check("org.yaml:5:5: error: the directory 'leer' holds no process file (*.yaml or *.yml) [organisation]"
              in out.stdout, out.stdout)
    elif point == "dangling":
        os.symlink("nirgends.yaml", os.path.join(tmp, "prozesse", "b.yaml"))
        organisation(tmp, ["prozesse"])
        out = run("validate", "--color", "never", "org.yaml", cwd=tmp)
        check(out.returncode == 1, f"exit {out.returncode}, not 1")
        check("org.yaml:4:5: error: 'prozesse/b.yaml' is a link that leads nowhere [organisation]" in out.stdout,
              out.stdout)
    elif point == "nested":
        os.makedirs(os.path.join(tmp, "prozesse", ".git"))
        with open(os.path.join(tmp, "prozesse", ".git", "x.yaml"), "w") as f:
            f.write("not: [a process")
        organisation(os.path.join(tmp, "prozesse"), ["a.yaml"])  # prozesse/org.yaml
        organisation(tmp, ["prozesse/"])
        out = run("analyse", "--format", "json", "org.yaml", cwd=tmp)
        check(out.returncode == 0, f"exit {out.returncode}: {out.stderr}")
        if out.returncode == 0:
            paths = [p["path"] for p in json.loads(out.stdout)["processes"]]
            check(paths == ["prozesse/a.yaml"], f"processes {paths}, not only prozesse/a.yaml")
    elif point == "only-organisations":
        os.remove(os.path.join(tmp, "prozesse", "a.yaml"))
        organisation(os.path.join(tmp, "prozesse"), ["../x.yaml"])  # prozesse/org.yaml, an organisation
        organisation(tmp, ["prozesse/"])
        out = run("validate", "--color", "never", "org.yaml", cwd=tmp)
        check(out.returncode == 1, f"exit {out.returncode}, not 1: {out.stdout}")
        check("org.yaml:4:5: error: the directory 'prozesse/' holds no process file (*.yaml or *.yml) [organisation]"
              in out.stdout, out.stdout)
    elif point == "lock-file":
        os.symlink("user@host.1234:1700000000", os.path.join(tmp, "prozesse", ".#a.yaml"))
        organisation(tmp, ["prozesse/"])
        out = run("validate", "--color", "never", "org.yaml", cwd=tmp)
        check(out.returncode == 0 and "no problems" in out.stdout, f"exit {out.returncode}: {out.stdout}")
    elif point == "json-once":
        with open(os.path.join(tmp, "org.yaml"), "w") as f:
            f.write("paperflow: 1\norganisation: {id: test, name: Test}\n"
                    "units: [{id: amt, name: Amt, staff: 5, cost_per_hour: 99}]\nprocesses: [prozesse/]\n")
        out = run("validate", "--format", "json", ".", cwd=tmp)
        files = json.loads(out.stdout)["files"] if out.stdout else []
        paths = [f["path"] for f in files]
        check(len(paths) == len(set(paths)) == 2, f"entries {paths}")
        rules = [d["rule"] for f in files if f["path"].endswith("a.yaml") for d in f["diagnostics"]]
        check(rules == ["organisation-cost"], f"a.yaml's diagnostics {rules}")
    elif point == "analyse-invalid":
        with open(os.path.join(tmp, "prozesse", "b.yaml"), "w") as f:
            f.write(process.replace("paperflow: 1", "paperflow: 2", 1))
        organisation(tmp, ["prozesse/"])
        out = run("analyse", "--color", "never", "org.yaml", cwd=tmp)
        check(out.returncode == 2, f"exit {out.returncode}, not 2")
        check(out.stdout == "", "output on standard output: " + out.stdout[:200])
        check("prozesse/b.yaml:" in out.stderr and "[version]" in out.stderr, "the process's error is missing: " + out.stderr)
        check("paperflow-analyse: error: 'org.yaml' is not a valid organisation (1 error); see paperflow-validate"
              in out.stderr, out.stderr)
    else:
        sys.exit(f"unknown point {point}")

for failure in failures:
    print("FAIL:", failure)
sys.exit(1 if failures else 0)
