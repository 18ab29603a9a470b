#!/usr/bin/env python3
"""Simulate a process with --event-log, calibrate the log back: the model returns.

For each example: 5,000 recorded cases of one replication, written as an
event log by paperflow-simulate --event-log, calibrated by
paperflow-calibrate. The measured cases a year lie within 3 % of the
model's, each choice's share within 0.02 of its p, each step's mean work
within 5 % of the model's (steps with work and at least 200 runs), and
every case fits (fitness 1.0).

Then deviating cases are mixed in: every tenth case leaves out a step the
log cannot skip (one with work at an internal unit, at the middle of the
case), so that the fitness is exactly the share of the others, and the
variants are named with the step after which they leave the model: the one
before the step left out, or, in a parallel block, a later step of another
branch that the replay could still take. Last,
--emit writes the measured process; calibrating it against the same log
gives back the measured values (work within 5 %, shares within 0.02).

usage: check_calibrate_round_trip.py SIMULATE CALIBRATE PROCESS...
"""
import csv
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

failures = []


def check(condition, message):
    if not condition:
        failures.append(message)


def calibrate(tool, process, log, *extra):
    result = subprocess.run([tool, "--format", "json", *extra, process, log], capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"{process} {log}: exit {result.returncode}\n{result.stderr}")
    return json.loads(result.stdout)


def skippable(process):
    """Steps the log may leave out: external units, no work, end steps."""
    external = {u["id"] for u in process["units"] if u.get("external")}
    return {s["id"] for s in process["steps"]
            if s.get("end") or s.get("unit") in external or s.get("work") in (None, 0, "0")}


def main():
    simulate, tool, processes = sys.argv[1], sys.argv[2], sys.argv[3:]
    with tempfile.TemporaryDirectory() as tmp:
        for path in processes:
            name = Path(path).stem
            log = Path(tmp) / f"{name}.csv"
            subprocess.run([simulate, "--event-log", str(log), "--start-date", "2025-01-06", "--cases", "5000",
                            "--replications", "1", "--seed", "7", path], check=True, capture_output=True)
            data = calibrate(tool, path, str(log))
            model, measured = data["cases_per_year"]["model"], data["cases_per_year"]["log"]
            check(abs(measured - model) <= 0.03 * model, f"{name}: {measured:.0f} cases a year, model {model}")
            check(data["fitness"] == 1.0, f"{name}: fitness {data['fitness']}")
            for choice in data["choices"]:
                check(abs(choice["p"]["log"] - choice["p"]["model"]) <= 0.02,
                      f"{name}: {choice['step']} -> {choice['to']}: {choice['p']}")
            worked = 0
            for step in data["steps"]:
                work = step["work_hours"]
                if work["model"] > 0 and step["runs"] >= 200:
                    worked += 1
                    check(abs(work["log"] - work["model"]) <= 0.05 * work["model"],
                          f"{name}: {step['id']} work {work['log']} h, model {work['model']} h")
            check(worked >= 3, f"{name}: only {worked} steps compared")

            # Deviations: every tenth case loses a step the log cannot skip.
            spec = yaml.safe_load(open(path, encoding="utf-8"))
            silent = skippable(spec)
            rows = list(csv.DictReader(open(log, newline="", encoding="utf-8")))
            by_case = {}
            for row in rows:
                by_case.setdefault(row["case"], []).append(row)
            deviating, expected_leaves = 0, {}
            for k, (case, runs) in enumerate(by_case.items()):
                if k % 10 != 0:
                    continue
                inner = [i for i in range(1, len(runs) - 1) if runs[i]["activity"] not in silent]
                if not inner:
                    continue
                drop = inner[len(inner) // 2]
                expected_leaves[case] = drop - 1
                del runs[drop]
                deviating += 1
            mixed = Path(tmp) / f"{name}-mixed.csv"
            with open(mixed, "w", newline="", encoding="utf-8") as out:
                writer = csv.DictWriter(out, fieldnames=list(rows[0].keys()))
                writer.writeheader()
                for runs in by_case.values():
                    writer.writerows(runs)
            data = calibrate(tool, path, str(mixed))
            share = 1 - deviating / len(by_case)
            check(abs(data["fitness"] - share) < 1e-12, f"{name}: fitness {data['fitness']} with {share} fitting")
            named = sum(d["cases"] for d in data["deviations"])
            check(data["deviations"] and all(d["leaves_at"] for d in data["deviations"]),
                  f"{name}: deviations not named: {data['deviations'][:2]}")
            check(data["log"]["cases_deviating"] == deviating,
                  f"{name}: {data['log']['cases_deviating']} deviating, {deviating} made")
            for d in data["deviations"]:
                # The step before the one left out, or, in a parallel block,
                # a step of another branch the replay could still take.
                case, before = d["first_case"], expected_leaves.get(d["first_case"])
                check(before is not None and d["leaves_at"] in d["variant"][before:],
                      f"{name}: {case} leaves at {d['leaves_at']}, before it is {before} in {d['variant']}")
            print(f"{name}: {len(by_case)} cases; {deviating} made to deviate, fitness {data['fitness']:.3f}, "
                  f"{len(data['deviations'])} variants named ({named} cases)")

            # --emit, calibrated again: the measured values come back.
            emitted = Path(tmp) / f"{name}-measured.yaml"
            subprocess.run([tool, "--emit", str(emitted), "--format", "json", path, str(log)], check=True,
                           capture_output=True)
            head = emitted.read_text(encoding="utf-8").splitlines()[0]
            check(head.startswith("# Measured by paperflow-calibrate from "),
                  f"{name} measured: the file does not open with where its values come from: {head!r}")
            again = calibrate(tool, str(emitted), str(log))
            for step in again["steps"]:
                work = step["work_hours"]
                if work["model"] > 0 and step["runs"] >= 200:
                    check(abs(work["log"] - work["model"]) <= 0.05 * work["model"],
                          f"{name} measured: {step['id']} work {work['log']} h, model {work['model']} h")
            for choice in again["choices"]:
                check(abs(choice["p"]["log"] - choice["p"]["model"]) <= 0.02,
                      f"{name} measured: {choice['step']} -> {choice['to']}: {choice['p']}")
            measured_model = again["cases_per_year"]["model"]
            check(abs(measured_model - measured) <= 1, f"{name}: emitted {measured_model} cases a year, measured {measured}")
    if failures:
        print("\n".join(failures))
        sys.exit(1)


main()
