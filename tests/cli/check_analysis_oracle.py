#!/usr/bin/env python3
"""A second implementation of the normative analysis (docs/format.md#analysis), written from the spec in plain Python: one dense
linear system for the visits, the queueing formula, the lead time with
parallel blocks, the per-case figures and the OZG level. It checks every
key of `paperflow-analyse --format json` for each file given, numbers to a
relative 1e-9. Usage: check_analysis_oracle.py PAPERFLOW-ANALYSE FILE..."""
import json
import math
import subprocess
import sys
from types import SimpleNamespace

import yaml  # python3-yaml


def hours(value, hpd):
    text = str(value)
    if text in ("0", "0.0"):
        return 0.0
    for unit, factor in (("min", 1 / 60), ("wk", 5 * hpd), ("s", 1 / 3600), ("h", 1.0), ("d", hpd)):
        if text.endswith(unit):
            return float(text[: -len(unit)]) * factor
    raise ValueError(text)


def moments(value, hpd):
    """Mean and second moment of a duration."""
    if value is None:
        return 0.0, 0.0
    if isinstance(value, list):
        a, m, b = (hours(v, hpd) for v in value)
        mean, var = (a + m + b) / 3, (a * a + m * m + b * b - a * m - a * b - m * b) / 18
    elif isinstance(value, dict):
        p = {k: hours(v, hpd) for k, v in value.items() if k != "dist"}
        kind = value["dist"]
        if kind == "triangular":
            a, m, b = p["min"], p["mode"], p["max"]
            mean, var = (a + m + b) / 3, (a * a + m * m + b * b - a * m - a * b - m * b) / 18
        elif kind == "uniform":
            mean, var = (p["min"] + p["max"]) / 2, (p["max"] - p["min"]) ** 2 / 12
        elif kind == "exponential":
            mean, var = p["mean"], p["mean"] ** 2
        else:
            mean, var = p["mean"], p["sd"] ** 2
    else:
        mean, var = hours(value, hpd), 0.0
    return mean, var + mean * mean


def solve(a, b):
    n = len(b)
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(a[r][col]))
        a[col], a[pivot] = a[pivot], a[col]
        b[col], b[pivot] = b[pivot], b[col]
        for row in range(col + 1, n):
            f = a[row][col] / a[col][col]
            if f:
                for j in range(col, n):
                    a[row][j] -= f * a[col][j]
                b[row] -= f * b[col]
    x = [0.0] * n
    for row in reversed(range(n)):
        x[row] = (b[row] - sum(a[row][j] * x[j] for j in range(row + 1, n))) / a[row][row]
    return x


def prepare(doc):
    """What the analysis of one process starts from: its calendar and rate,
    units, steps, edges, joins and visits, and each step's unit, work
    moments and mean delay (defaults applied)."""
    cal = doc.get("calendar") or {}
    hpd, days = cal.get("hours_per_day", 8), cal.get("days_per_year", 250)
    cases = doc["demand"]["cases_per_year"]
    lam = cases / (days * hpd)
    defaults = doc.get("defaults") or {}
    units = doc["units"]
    unit_by_id = {u["id"]: u for u in units}
    steps = doc["steps"]
    ids = [s["id"] for s in steps]
    index = {sid: i for i, sid in enumerate(ids)}
    n = len(steps)

    def field(s, key):
        if s.get("end"):
            return s.get(key) if key not in ("unit", "medium") else None
        return s.get(key, defaults.get(key))

    edges = []  # (from, to, p)
    joins = set()
    for i, s in enumerate(steps):
        if "parallel" in s:
            joins.add(index[s["join"]])
    for i, s in enumerate(steps):
        nxt = s.get("next")
        if isinstance(nxt, str):
            edges.append((i, index[nxt], 1.0))
        elif isinstance(nxt, list):
            for c in nxt:
                edges.append((i, index[c["to"]], float(c["p"])))
        for b in s.get("parallel", []):
            edges.append((i, index[b], 1.0))
    # v = e_start + P'^T v, P' without edges into joins, with split -> join.
    a = [[1.0 if r == c else 0.0 for c in range(n)] for r in range(n)]
    for f, t, p in edges:
        if t not in joins:
            a[t][f] -= p
    for i, s in enumerate(steps):
        if "parallel" in s:
            a[index[s["join"]]][i] -= 1.0
    start = index[doc.get("start", ids[0])]
    visits = solve(a, [1.0 if i == start else 0.0 for i in range(n)])

    work = [moments(field(s, "work"), hpd) for s in steps]
    delay = [moments(field(s, "delay"), hpd)[0] for s in steps]
    unit_of = [field(s, "unit") for s in steps]
    return SimpleNamespace(hpd=hpd, lam=lam, cases=cases, units=units, unit_by_id=unit_by_id, steps=steps,
                           index=index, n=n, field=field, edges=edges, joins=joins, start=start, visits=visits,
                           work=work, delay=delay, unit_of=unit_of)


def unit_sums(m):
    """Per unit id, over its steps with nonzero mean work: (Σ v_i, Σ v_i·E[W_i], Σ v_i·E[W_i²])."""
    sums = {}
    for i in range(m.n):
        if m.unit_of[i] is not None and m.work[i][0] > 0:
            sv, load, second = sums.get(m.unit_of[i], (0.0, 0.0, 0.0))
            sums[m.unit_of[i]] = (sv + m.visits[i], load + m.visits[i] * m.work[i][0],
                                  second + m.visits[i] * m.work[i][1])
    return sums


def queue_wait(rho, c, s_mean, cs2):
    """Wq by the queue-wait formula of docs/format.md#queue-wait (rho < 1)."""
    return (1 + cs2) / 2 * rho ** (math.sqrt(2 * (c + 1)) - 1) / (c * (1 - rho)) * s_mean


def expected(doc, shared_queues=None):
    """analyse's JSON of the process `doc`. `shared_queues` maps the id of a
    unit whose queue other processes feed too (an organisation's shared
    unit) to its (utilisation, queue wait or None); those replace the
    unit's own, and an overloaded one makes the process unstable only when
    the process sends it work."""
    m = prepare(doc)
    hpd, lam, cases, units, unit_by_id, steps, index, n, field, edges, joins, start, visits, work, delay, unit_of = (
        m.hpd, m.lam, m.cases, m.units, m.unit_by_id, m.steps, m.index, m.n, m.field, m.edges, m.joins, m.start,
        m.visits, m.work, m.delay, m.unit_of)
    shared_queues = shared_queues or {}
    figures = {}
    loads = {}  # this process's load per unit: a shared unit busy with others' work is not its bottleneck
    stable = True
    for u in units:
        ext = bool(u.get("external"))
        mine = [i for i in range(n) if unit_of[i] == u["id"] and work[i][0] > 0]
        sv = sum(visits[i] for i in mine)
        load = sum(visits[i] * work[i][0] for i in mine)
        loads[u["id"]] = load
        if ext:
            figures[u["id"]] = {"id": u["id"], "external": True, "utilisation": 0.0, "queue_wait_hours": 0.0,
                                "staff_hours_per_year": cases * load}
            continue
        if u["id"] in shared_queues:
            rho, wq = shared_queues[u["id"]]
            if rho >= 1 and load > 0:
                stable = False
            figures[u["id"]] = {"id": u["id"], "external": False, "utilisation": rho, "queue_wait_hours": wq,
                                "staff_hours_per_year": cases * load}
            continue
        c = u["staff"] * u.get("availability", 1)
        rho = lam * load / c
        wq = 0.0
        if rho >= 1:
            wq, stable = None, False
        elif sv > 0 and load > 0:
            s_mean = load / sv
            cs2 = sum(visits[i] * work[i][1] for i in mine) / sv / (s_mean * s_mean) - 1
            wq = queue_wait(rho, c, s_mean, cs2)
        figures[u["id"]] = {"id": u["id"], "external": False, "utilisation": rho, "queue_wait_hours": wq,
                            "staff_hours_per_year": cases * load}

    step_rows, contribution = [], []
    for i, s in enumerate(steps):
        q = 0.0
        u = unit_of[i]
        if u is not None and not unit_by_id[u].get("external") and work[i][0] > 0:
            q = figures[u]["queue_wait_hours"]
        t = None if q is None else visits[i] * (q + work[i][0] + delay[i])
        step_rows.append({"id": s["id"], "visits": visits[i], "work_hours": work[i][0], "delay_hours": delay[i],
                          "queue_hours": q, "lead_time_hours": t})
        contribution.append(t)

    lead = None
    if stable:
        # Blocks from the inside out: a block's body is everything reachable
        # from its branches before the join; inner bodies are smaller.
        succ = {i: [t for f, t, _ in edges if f == i] for i in range(n)}
        blocks = []
        for i, s in enumerate(steps):
            if "parallel" in s:
                join = index[s["join"]]
                branches = []
                for b in s["parallel"]:
                    seen, todo = set(), [index[b]] if index[b] != join else []
                    while todo:
                        v = todo.pop()
                        if v in seen:
                            continue
                        seen.add(v)
                        todo += [t for t in succ[v] if t != join]
                    branches.append(seen)
                blocks.append((i, set().union(*branches) if branches else set(), branches))
        blocks.sort(key=lambda blk: len(blk[1]))
        contrib = list(contribution)
        for split, body, branches in blocks:
            vs = visits[split]
            longest = max((sum(contrib[v] for v in br) / vs for br in branches), default=0.0)
            for v in body:
                contrib[v] = 0.0
            contrib[split] += vs * longest
        lead = sum(contrib)

    touch = sum(visits[i] * work[i][0] for i in range(n))
    staff_cost = sum(visits[i] * work[i][0] * unit_by_id[unit_of[i]].get("cost_per_hour", 0)
                     for i in range(n) if unit_of[i] and not unit_by_id[unit_of[i]].get("external"))
    applicant = sum(visits[i] * work[i][0] for i in range(n) if unit_of[i] and unit_by_id[unit_of[i]].get("external"))
    media = sum(visits[f] * p for f, t, p in edges
                if field(steps[f], "medium") and field(steps[t], "medium") and field(steps[f], "medium") != field(steps[t], "medium"))
    handoffs = sum(visits[f] * p for f, t, p in edges if unit_of[f] and unit_of[t] and unit_of[f] != unit_of[t])
    # Times a case comes in person: at the start, and on every move onto an
    # in-person step from one that is not. The branches of a parallel block
    # meet at their join together, so an in-person join is one walk per run.
    at_counter = [field(s, "channel") == "in_person" for s in steps]
    in_person = 1.0 if at_counter[start] else 0.0  # the first arrival; returns are moves below
    in_person += sum(visits[f] * p for f, t, p in edges if at_counter[t] and not at_counter[f] and t not in joins)
    in_person += sum(visits[j] for j in joins
                     if at_counter[j] and any(not at_counter[f] for f, t, _ in edges if t == j))
    wet = sum(visits[i] for i, s in enumerate(steps) if field(s, "signature") == "wet")

    facing = [s for i, s in enumerate(steps) if at_counter[i] or (
        unit_of[i] and unit_by_id[unit_of[i]].get("external") and field(s, "activity") in ("fill_in", "submit", "sign", "pay"))]
    ozg = None
    if facing:
        level3 = all(field(s, "medium") == "digital" and field(s, "channel") not in ("in_person", "post")
                     and field(s, "signature") != "wet" for s in facing)
        level4 = level3 and not any(field(s, "activity") == "request" for s in steps) and all(
            field(s, "medium") == "digital" for s in steps if field(s, "activity") == "send")
        level2 = any(field(s, "activity") == "fill_in" and field(s, "medium") == "digital" for s in steps)
        ozg = 4 if level4 else 3 if level3 else 2 if level2 else 0
    internal = [u for u in units if not u.get("external")]
    busy = [u for u in internal if figures[u["id"]]["utilisation"] > 0 and loads[u["id"]] > 0]
    bottleneck = max(busy, key=lambda u: figures[u["id"]]["utilisation"])["id"] if busy else None
    # max() keeps the first of equal values: the file order, as the tool; no
    # work at any internal unit means no bottleneck.

    return {
        "paperflow": 1,
        "process": {"id": doc["process"]["id"], "name": doc["process"]["name"]},
        "stable": stable,
        "lead_time_hours": lead,
        "lead_time_days": None if lead is None else lead / hpd,
        "touch_time_hours": touch,
        "flow_efficiency": None if not lead else touch / lead,
        "staff_cost_per_case": staff_cost,
        "applicant_hours_per_case": applicant,
        "media_breaks_per_case": media,
        "handoffs_per_case": handoffs,
        "in_person_visits_per_case": in_person,
        "wet_signatures_per_case": wet,
        "ozg_level": ozg,
        "bottleneck": bottleneck,
        "units": [figures[u["id"]] for u in units],
        "steps": step_rows,
    }


def compare(path, want, got, where, problems):
    if isinstance(want, dict):
        if list(want) != list(got):
            problems.append(f"{path}: {where or 'top'}: keys {list(got)}, expected {list(want)}")
            return
        for key in want:
            compare(path, want[key], got[key], f"{where}.{key}" if where else key, problems)
    elif isinstance(want, list):
        if len(want) != len(got):
            problems.append(f"{path}: {where}: {len(got)} items, expected {len(want)}")
            return
        for k, (w, g) in enumerate(zip(want, got)):
            compare(path, w, g, f"{where}[{k}]", problems)
    elif isinstance(want, bool) or want is None or isinstance(want, str):
        if want != got:
            problems.append(f"{path}: {where}: expected {want!r} (independent), got {got!r} (tool)")
    else:
        # Written as "not within", so that a NaN on either side fails.
        if got is None or not abs(want - got) <= 1e-9 * max(abs(want), 1e-3):
            problems.append(f"{path}: {where}: expected {want!r} (independent), got {got!r} (tool)")


def main():
    tool = sys.argv[1]
    if len(sys.argv) < 3:
        sys.exit("no files given: nothing compared")
    problems = []
    for path in sys.argv[2:]:
        with open(path, encoding="utf-8") as f:
            doc = yaml.safe_load(f)
        result = subprocess.run([tool, "--format", "json", path], capture_output=True, timeout=60)
        if result.returncode != 0:
            problems.append(f"{path}: exit {result.returncode}: {result.stderr.decode()}")
            continue
        compare(path, expected(doc), json.loads(result.stdout), "", problems)
    if problems:
        print("\n".join(problems))
        sys.exit(1)
    print(f"{len(sys.argv) - 2} files agree with the independent computation")


if __name__ == "__main__":
    main()
