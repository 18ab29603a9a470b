#!/usr/bin/env python3
"""Every process file given gets a plan; the process it writes with
--emit-after is a valid process file, and analysing it gives the plan's
"after" figures exactly. With --require-measures, every plan must hold at
least one measure (the examples are paper processes the catalogue fits).
Usage: check_plan.py [--require-measures] BIN_DIR FILE..."""
import json
import os
import subprocess
import sys
import tempfile

arguments = sys.argv[1:]
require_measures = arguments[0] == "--require-measures"
if require_measures:
    arguments = arguments[1:]
bin_dir, files = arguments[0], arguments[1:]
if not files:
    sys.exit("no process files given: no plan checked")
failures = []
with tempfile.TemporaryDirectory() as directory:
    for path in files:
        after = os.path.join(directory, "after.yaml")
        if os.path.exists(after):
            os.unlink(after)  # so that the file checked is this plan's, not the one before
        plan = subprocess.run([os.path.join(bin_dir, "paperflow-plan"), "--format", "json", "--emit-after", after, path],
                              capture_output=True, timeout=120)
        if plan.returncode != 0:
            failures.append(f"{path}: plan exit {plan.returncode}: {plan.stderr.decode()}")
            continue
        if not os.path.exists(after):
            failures.append(f"{path}: plan wrote no --emit-after file")
            continue
        report = json.loads(plan.stdout)
        if require_measures and not report["measures"]:
            failures.append(f"{path}: no measure in the plan")
        check = subprocess.run([os.path.join(bin_dir, "paperflow-validate"), after], capture_output=True)
        if check.returncode != 0:
            failures.append(f"{path}: the emitted process is not valid:\n{check.stdout.decode()}")
            continue
        analysis = json.loads(subprocess.run([os.path.join(bin_dir, "paperflow-analyse"), "--format", "json", after],
                                             capture_output=True, check=True).stdout)
        for key, value in report["after"].items():
            if analysis[key] != value:
                failures.append(f"{path}: after.{key} is {value} in the plan, {analysis[key]} in the emitted file")
if failures:
    print("\n".join(failures))
    sys.exit(1)
print(f"{len(files)} plans, each emitted process valid and analysed to the plan's figures")
