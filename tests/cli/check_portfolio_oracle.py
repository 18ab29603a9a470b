#!/usr/bin/env python3
"""A second implementation of the portfolio analysis
(docs/organisation.md#analysis-of-a-portfolio), written from the spec in
plain Python on top of the single-process oracle (check_analysis_oracle.py):
the shared units' Λ_u, λ_u, S_u, cs²_u, c_u, ρ_u and Wq_u summed over the
processes, each process's analysis with those waits, the load shares, the
bottleneck over all internal units, the OZG levels, the staff hours and cost
a year and `stable`. It checks every key of
`paperflow-analyse ORG --format json`, numbers to a relative 1e-9, and that
--threads 1 gives the same bytes as the default.

usage: check_portfolio_oracle.py PAPERFLOW-ANALYSE [--generator bench/portfolio.py]
                                 [--generate "--processes 30 --seed 1 ..."]... [ORG.yaml...]

Each --generate writes an organisation with the generator's `generate`
command into a temporary directory and checks it too.
"""
import argparse
import copy
import json
import os
import subprocess
import sys
import tempfile

import yaml  # python3-yaml

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import check_analysis_oracle as single  # noqa: E402


def load(path):
    with open(path, encoding="utf-8") as f:
        return yaml.safe_load(f)


def process_files(org_path, org):
    """(path to open, path as the JSON gives it) of each process, in the
    order of `processes`; a directory gives every *.yaml and *.yml below it,
    sorted by name in each directory, hidden directories and organisation
    files left out."""
    base = os.path.dirname(org_path) or "."
    found = []

    def walk(directory, listed):
        for name in sorted(os.listdir(directory)):
            path = os.path.join(directory, name)
            if os.path.isdir(path):
                if not name.startswith("."):
                    walk(path, f"{listed}/{name}")
            elif name.endswith((".yaml", ".yml")) and "organisation" not in (load(path) or {}):
                found.append((path, f"{listed}/{name}"))

    for listed in org["processes"]:
        opened = os.path.normpath(os.path.join(base, listed))
        if os.path.isdir(opened):
            walk(opened, os.path.normpath(listed))
        else:
            found.append((opened, os.path.normpath(listed)))
    return found


def in_organisation(doc, shared_by_id):
    """The process as it runs in the organisation: a unit with a shared
    unit's id takes the organisation's staff, availability, cost per hour
    and `external`; what the process writes for them is ignored."""
    doc = copy.deepcopy(doc)
    for i, unit in enumerate(doc["units"]):
        shared = shared_by_id.get(unit["id"])
        if shared is None:
            continue
        unit = {k: v for k, v in unit.items() if k not in ("staff", "availability", "cost_per_hour", "external")}
        unit.update({k: shared[k] for k in ("staff", "availability", "cost_per_hour", "external") if k in shared})
        doc["units"][i] = unit
    return doc


def expected(org_path):
    org = load(org_path)
    cal = org.get("calendar") or {}
    hours_per_year = cal.get("hours_per_day", 8) * cal.get("days_per_year", 250)
    shared_units = org.get("units") or []
    shared_by_id = {u["id"]: u for u in shared_units}

    members = []  # (id, listed path, the process as in the organisation, its model, its unit sums)
    for opened, listed in process_files(org_path, org):
        doc = in_organisation(load(opened), shared_by_id)
        model = single.prepare(doc)
        members.append((doc["process"]["id"], listed, doc, model, single.unit_sums(model)))

    # Λ_u, λ_u and Σ λ_p v_i E[W_i²] of each shared unit, over every process's
    # steps at it with nonzero mean work, each process with its own visits.
    shared_rows, queues = [], {}
    unstable = False
    for u in shared_units:
        uid = u["id"]
        big_lambda = sum(m.lam * sums[uid][1] for _, _, _, m, sums in members if uid in sums)
        visit_rate = sum(m.lam * sums[uid][0] for _, _, _, m, sums in members if uid in sums)
        second = sum(m.lam * sums[uid][2] for _, _, _, m, sums in members if uid in sums)
        share = {pid: m.lam * sums[uid][1] / big_lambda
                 for pid, _, _, m, sums in members if uid in sums and sums[uid][1] > 0}
        if u.get("external"):
            rho, wq = 0.0, 0.0
        else:
            c = u["staff"] * u.get("availability", 1)
            rho = big_lambda / c
            if rho >= 1:
                wq, unstable = None, True
            elif visit_rate > 0:
                s_mean = big_lambda / visit_rate
                wq = single.queue_wait(rho, c, s_mean, second / visit_rate / (s_mean * s_mean) - 1)
            else:
                wq = 0.0  # no process sends it work
            queues[uid] = (rho, wq)
        shared_rows.append({"id": uid, "external": bool(u.get("external")), "utilisation": rho,
                            "queue_wait_hours": wq, "staff_hours_per_year": big_lambda * hours_per_year,
                            "load_share": share})

    processes = []
    ozg = {str(level): 0 for level in range(5)}
    staff_hours = sum(row["staff_hours_per_year"] for row in shared_rows if not row["external"])
    staff_cost = 0.0
    # Bottleneck candidates in the order whose first of equals wins: the
    # shared units in the organisation's order, then each process's own
    # units in file order. The spec says "the highest utilisation" and does
    # not say which of equals; this is the tool's order.
    candidates = [(row["id"], row["utilisation"]) for row in shared_rows
                  if not row["external"] and row["staff_hours_per_year"] > 0]
    for pid, listed, doc, model, sums in members:
        analysis = single.expected(doc, {uid: q for uid, q in queues.items() if uid in model.unit_by_id})
        processes.append({"id": pid, "path": listed, "cases_per_year": model.cases, "analysis": analysis})
        if analysis["ozg_level"] is not None:
            ozg[str(analysis["ozg_level"])] += 1
        staff_cost += model.cases * analysis["staff_cost_per_case"]
        for unit in analysis["units"]:
            if unit["id"] in shared_by_id or unit["external"]:
                continue
            staff_hours += unit["staff_hours_per_year"]
            unstable |= unit["utilisation"] >= 1
            if sums.get(unit["id"], (0, 0, 0))[1] > 0:
                candidates.append((f"{pid}/{unit['id']}", unit["utilisation"]))
    bottleneck = max(candidates, key=lambda c: c[1])[0] if candidates else None  # max keeps the first of equals

    return {
        "paperflow": 1,
        "organisation": {"id": org["organisation"]["id"], "name": org["organisation"]["name"]},
        "stable": not unstable,
        "processes": processes,
        "shared_units": shared_rows,
        "bottleneck": bottleneck,
        "ozg_levels": ozg,
        "staff_hours_per_year": staff_hours,
        "staff_cost_per_year": staff_cost,
    }


def check(tool, org_path, problems):
    runs = [subprocess.run([tool, "--format", "json", *threads, org_path], capture_output=True, timeout=600)
            for threads in ([], ["--threads", "1"])]
    for result in runs:
        if result.returncode != 0 or result.stderr:
            problems.append(f"{org_path}: exit {result.returncode}: {result.stderr.decode()}")
            return
    if runs[0].stdout != runs[1].stdout:
        problems.append(f"{org_path}: --threads 1 and the default give different JSON")
    got = json.loads(runs[0].stdout)
    want = expected(org_path)
    single.compare(org_path, want, got, "", problems)
    return want


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("tool")
    parser.add_argument("--generator")
    parser.add_argument("--generate", action="append", default=[])
    parser.add_argument("organisations", nargs="*")
    arguments = parser.parse_args()
    if not arguments.organisations and not arguments.generate:
        sys.exit("no organisation given: nothing compared")
    problems = []
    checked = []
    with tempfile.TemporaryDirectory() as directory:
        paths = list(arguments.organisations)
        for k, generate in enumerate(arguments.generate):
            out = os.path.join(directory, f"organisation-{k}")
            subprocess.run([sys.executable, arguments.generator, "generate", *generate.split(), "--out", out],
                           check=True, stdout=subprocess.DEVNULL)
            paths.append(os.path.join(out, "organisation.yaml"))
        for path in paths:
            want = check(arguments.tool, path, problems)
            if want:
                checked.append(f"{path if path in arguments.organisations else 'generated'}: "
                               f"{len(want['processes'])} processes, stable {want['stable']}, "
                               f"bottleneck {want['bottleneck']}")
    if problems:
        print("\n".join(problems[:50]))
        if len(problems) > 50:
            print(f"... and {len(problems) - 50} more")
        sys.exit(1)
    print("\n".join(checked))
    print(f"{len(checked)} organisations agree with the independent computation")


if __name__ == "__main__":
    main()
