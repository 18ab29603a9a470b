#!/usr/bin/env python3
"""dot draws the process a plan leaves: for each model, with the shipped
catalogue and with extra measures (`--measures FILE`), `paperflow-dot
--after PLAN.json` with the plan's measure flags gives the diagram of the
plan's `--emit-after` file, line for line but for the title, which names
the measures. A plan whose measures dot could not find (the bug this
guards: dot rebuilt the list without --measures) fails the call.

Usage: check_dot_after_plan.py TOOL-DIR MEASURES-FILE MODEL...
"""
import json
import os
import subprocess
import sys
import tempfile


def run(command):
    done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    if done.returncode != 0:
        sys.exit(f"{' '.join(command)}: exit {done.returncode}: {done.stderr}")
    return done.stdout


def body(dot):
    # The graph's label (its title) is the one line that differs.
    return [line for line in dot.splitlines() if not line.lstrip().startswith("graph [")]


def main():
    tools, measures, models = sys.argv[1], sys.argv[2], sys.argv[3:]
    if not models:
        sys.exit("no models given")
    plan, dot = os.path.join(tools, "paperflow-plan"), os.path.join(tools, "paperflow-dot")
    failures, compared, own_measures_drawn = [], 0, 0
    own_ids = {line.split("id:", 1)[1].strip() for line in open(measures, encoding="utf-8") if line.strip().startswith("- id:")}
    with tempfile.TemporaryDirectory() as tmp:
        plan_json, after = os.path.join(tmp, "plan.json"), os.path.join(tmp, "after.yaml")
        for model in models:
            for flags in ([], ["--measures", measures]):
                run([plan, "--format", "json", "-o", plan_json, "--emit-after", after, *flags, model])
                ids = [m["id"] for m in json.load(open(plan_json, encoding="utf-8"))["measures"]]
                if flags and own_ids & set(ids):
                    own_measures_drawn += 1
                drawn = run([dot, "--after", plan_json, *flags, model])
                emitted = run([dot, after])
                compared += 1
                if body(drawn) != body(emitted):
                    failures.append(f"{model} {' '.join(flags)}: dot --after differs from the plan's after-process")
                if ids and "Soll-Prozess nach: " not in drawn:
                    failures.append(f"{model} {' '.join(flags)}: the title does not name the measures")
    for failure in failures:
        print(failure)
    print(f"{compared} plans drawn, {own_measures_drawn} with measures of --measures, {len(failures)} differ")
    if own_measures_drawn == 0:
        print("no plan chose a measure of --measures, so the check shows nothing")
        return 1
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
