#!/usr/bin/env python3
"""`--set calendar.hours_per_day=H` and `hours_per_day: H` in the file tell
the same story: durations in days and weeks take their hours from the
calendar in force, not from the one the file was read with. For every model
given and several H, both ways (a file at its own calendar with --set H
against the file rewritten at H, and the file rewritten at H with --set
back to the original against the original), the JSON of analyse, simulate
and plan is byte for byte the same. A model needs a duration in d or wk
and a calendar under which it is stable (so that a lead time is compared),
or the check would not show anything.

Usage: check_calendar_set.py TOOL-DIR MODEL...
"""
import json
import os
import subprocess
import sys
import tempfile

import yaml  # python3-yaml

HOURS = (4, 9, 12)  # 4 h leaves most examples over capacity, 9 and 12 do not
TOOLS = {
    "analyse": [],
    "simulate": ["--cases", "400", "--replications", "3", "--warmup-days", "5", "--threads", "1"],
    "plan": [],
}


def run(tool_dir, tool, args):
    command = [os.path.join(tool_dir, f"paperflow-{tool}"), "--format", "json", *TOOLS[tool], *args]
    done = subprocess.run(command, capture_output=True, text=True, timeout=300)
    if done.returncode != 0:
        sys.exit(f"{' '.join(command)}: exit {done.returncode}: {done.stderr}")
    return done.stdout


def has_days(doc):
    text = yaml.safe_dump(doc.get("steps"), allow_unicode=True)
    return any(token.rstrip(",]}'\"").endswith(("d", "wk")) and token[:1].isdigit() for token in text.split())


def main():
    tool_dir, models = sys.argv[1], sys.argv[2:]
    if not models:
        sys.exit("no models given")
    failures, compared = [], 0
    with tempfile.TemporaryDirectory() as tmp:
        for model in models:
            with open(model, encoding="utf-8") as f:
                doc = yaml.safe_load(f)
            if not has_days(doc):
                failures.append(f"{model}: no duration in d or wk, so the check shows nothing")
                continue
            own = (doc.get("calendar") or {}).get("hours_per_day", 8)
            lead_times = 0
            for hours in HOURS:
                doc.setdefault("calendar", {})
                doc["calendar"] = dict(doc["calendar"] or {}, hours_per_day=hours)
                at_hours = os.path.join(tmp, f"{hours}-{os.path.basename(model)}")
                with open(at_hours, "w", encoding="utf-8") as f:
                    yaml.safe_dump(doc, f, allow_unicode=True, sort_keys=False)
                for tool in TOOLS:
                    pairs = [
                        (f"--set calendar.hours_per_day={hours}", [f"--set=calendar.hours_per_day={hours}", model],
                         f"hours_per_day: {hours} in the file", [at_hours]),
                        (f"the file at {hours} h, --set calendar.hours_per_day={own}",
                         [f"--set=calendar.hours_per_day={own}", at_hours], "the file as written", [model]),
                    ]
                    for one, one_args, other, other_args in pairs:
                        compared += 1
                        got, want = run(tool_dir, tool, one_args), run(tool_dir, tool, other_args)
                        if got != want:
                            failures.append(f"{model}: paperflow-{tool}: {one} differs from {other}")
                        if tool == "analyse" and json.loads(got)["lead_time_hours"] is not None:
                            lead_times += 1
            if not lead_times:
                failures.append(f"{model}: unstable under every calendar tried, so no lead time was compared")
    for failure in failures:
        print(failure)
    print(f"{compared} pairs compared, {len(failures)} differ")
    return 1 if failures or compared == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
