#!/usr/bin/env python3
"""--uncertainty adds the uncertainty block and changes no point figure:
the plan's JSON with it, the block taken out, equals the JSON without it.
Usage: check_point_figures.py PAPERFLOW-PLAN PROCESS..."""
import json
import subprocess
import sys

plan, processes = sys.argv[1], sys.argv[2:]
failed = False
for process in processes:
    plain = json.loads(subprocess.check_output([plan, "--format", "json", process]))
    drawn = json.loads(subprocess.check_output([plan, "--format", "json", "--uncertainty", "200", process]))
    block = drawn.pop("uncertainty", None)
    if block is None or block["samples"] != 200:
        print(f"{process}: no uncertainty block of 200 samples")
        failed = True
    if drawn != plain:
        print(f"{process}: --uncertainty changed the point figures")
        failed = True
sys.exit(1 if failed else 0)
