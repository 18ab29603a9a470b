#!/usr/bin/env python3
"""A second implementation of paperflow-calibrate's figures
(docs/event-log.md), written from the definitions in plain Python: the
working calendar, the CSV log read row by row, each case's runs in time
order, the replay of its activities on the routing (a search over markings,
parallel blocks included), arrivals, work and its percentiles, waiting,
visits, routing shares and lead time. It generates event logs itself
(random, seeded) for small processes written here and for the examples,
and checks `paperflow-calibrate --format json` on each, numbers to a
relative 1e-9.

usage: check_calibrate_oracle.py PAPERFLOW-CALIBRATE PAPERFLOW-ANALYSE
                                 [--simulate PAPERFLOW-SIMULATE] [--self-test] [--keep DIR]
                                 [--order clock|working-hours] [--no-wait-without-start]
                                 [EXAMPLE.yaml...]

Checked: log.{path,rows,rows_used,cases,cases_used,from,to,has_start,
cases_fitting,cases_deviating,cases_open,cases_begun_before},
cases_per_year, fitness, steps[].{id,runs,work_hours.{model,log,p10,p50,
p90},wait_hours.log,visits}, choices[].{step,to,p,runs,taken},
lead_time_hours, deviations, unknown_activities, steps_never_seen. Not
checked: the fitted form of work and its KS distance, queue and delay,
the model's waiting, rework per case, the log's days a year, --emit.

The model's figures (visits, work, lead time) come from paperflow-analyse on
the same file, whose own oracle is check_analysis_oracle.py. Each example
given gets generated logs too; with --simulate, a log written by
`paperflow-simulate --event-log` for the first example is checked as well
(said and passed over when that simulate has no --event-log yet).
--self-test checks the oracle itself against figures worked out by hand
(no tool needed); it also runs before every comparison. A case's runs are
ordered by the clock; --order working-hours orders them by working time
instead, and --no-wait-without-start gives no waiting for a log without a
start column: two readings of the definitions, for looking past those
differences at the rest.
"""
import argparse
import bisect
import csv
import datetime
import io
import json
import os
import random
import re
import subprocess
import sys
import tempfile

import yaml  # python3-yaml

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import check_analysis_oracle as analysis_oracle  # noqa: E402

EPOCH = datetime.date(1970, 1, 1)
WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


# ---------------------------------------------------------------- calendar

def parse_timestamp(text):
    """(days since 1970-01-01, seconds since midnight) of an ISO 8601
    timestamp; the offset is read and dropped (wall-clock time counts).
    None when it is no timestamp."""
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?"
                     r"(Z|[+-]\d{2}(?::?\d{2})?)?)?", text)
    if not m:
        return None
    try:
        day = (datetime.date(int(m[1]), int(m[2]), int(m[3])) - EPOCH).days
    except ValueError:
        return None
    hour, minute, second = int(m[4] or 0), int(m[5] or 0), int(m[6] or 0)
    if hour > 24 or minute > 59 or second > 60 or (hour == 24 and (minute or second or m[7])):
        return None
    return day, hour * 3600 + minute * 60 + second + (float("0" + m[7]) if m[7] else 0.0)


def format_timestamp(t):
    day, seconds = t
    whole = int(seconds + 0.5)  # half a second up, not to even
    moment = datetime.datetime.combine(EPOCH, datetime.time()) + datetime.timedelta(days=day, seconds=whole)
    return moment.strftime("%Y-%m-%dT%H:%M:%S")


def clock(text):
    hour, minute = text.split(":")
    return int(hour) + int(minute) / 60.0


class Calendar:
    """Working days of the week minus holidays; working hours [begin, end) of
    each. hours(t) counts from 1970-01-01, an origin like any other."""

    def __init__(self, hours_per_day, work_hours=None, work_days="Mon-Fri", holidays=()):
        if work_hours:
            a, b = work_hours.split("-")
            self.begin, self.end = clock(a), clock(b)
        else:
            self.begin, self.end = 8.0, 8.0 + hours_per_day
        self.per_day = self.end - self.begin
        self.days = [False] * 7
        for part in work_days.split(","):
            ends = [WEEKDAYS.index(x.strip().lower()[:3]) for x in part.split("-")]
            for d in range(ends[0], ends[-1] + 1):
                self.days[d] = True
        self.holidays = sorted({d for d in holidays if self.days[(d + 3) % 7]})  # 1970-01-01 was a Thursday

    def working_day(self, day):
        return self.days[(day + 3) % 7] and day not in self.holidays

    def days_before(self, day):
        weeks, rest = divmod(day, 7)
        count = weeks * sum(self.days) + sum(self.days[(d + 3) % 7] for d in range(weeks * 7, day))
        return count - bisect.bisect_left(self.holidays, day)

    def hours(self, t):
        day, seconds = t
        h = self.days_before(day) * self.per_day
        if self.working_day(day):
            h += min(max(seconds / 3600 - self.begin, 0.0), self.per_day)
        return h


def read_holidays(path):
    days = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith("#"):
                days.append(parse_timestamp(line.split()[0])[0])
    return days


# ---------------------------------------------------------------- the process

class Model:
    """The routing of a process: successors, silent steps, what each step
    can begin and show."""

    def __init__(self, doc):
        self.doc = doc
        steps = doc["steps"]
        self.ids = [s["id"] for s in steps]
        self.index = {s["id"]: i for i, s in enumerate(steps)}
        self.by_name = {}
        for i, s in enumerate(steps):
            self.by_name.setdefault(s["name"], i)
        cal = doc.get("calendar") or {}
        self.hours_per_day = cal.get("hours_per_day", 8)
        self.days_per_year = cal.get("days_per_year", 250)
        units = {u["id"]: u for u in doc["units"]}
        default_unit = (doc.get("defaults") or {}).get("unit")
        self.end = [bool(s.get("end")) for s in steps]
        self.silent = []
        self.kind, self.succ, self.p, self.join = [], [], [], []
        for s in steps:
            unit = units.get(s.get("unit", default_unit))
            work = analysis_oracle.moments(s.get("work"), self.hours_per_day)[0]
            self.silent.append(bool(s.get("end")) or work == 0 or bool(unit and unit.get("external")))
            nxt = s.get("next")
            if s.get("end"):
                self.kind.append("end"), self.succ.append([]), self.p.append([]), self.join.append(None)
            elif "parallel" in s:
                self.kind.append("parallel"), self.succ.append([self.index[x] for x in s["parallel"]])
                self.p.append([]), self.join.append(self.index[s["join"]])
            elif isinstance(nxt, list):
                self.kind.append("choice"), self.succ.append([self.index[c["to"]] for c in nxt])
                self.p.append([c["p"] for c in nxt]), self.join.append(None)
            else:
                self.kind.append("next"), self.succ.append([self.index[nxt]]), self.p.append([])
                self.join.append(None)
        self.start = self.index[doc["start"]] if doc.get("start") else 0
        self.can_begin, _ = self.observable(self.start)

    def step_of(self, activity):
        if activity in self.index:
            return self.index[activity]
        return self.by_name.get(activity)

    def observable(self, origin):
        """The steps a log may show next from `origin` (itself, and past
        silent steps), and whether an end step is among the ones passed."""
        seen, todo, reaches_end = {origin}, [origin], False
        while todo:
            i = todo.pop()
            reaches_end |= self.end[i]
            if self.silent[i]:
                for j in self.succ[i]:
                    if j not in seen:
                        seen.add(j)
                        todo.append(j)
        return seen, reaches_end

    # The replay: a marking is a sorted tuple of places; ("s", step, ctx) a
    # token ready to do step, ("j", split, ctx, branch) a branch of the
    # parallel block opened at `split` that has reached its join. ctx names
    # the blocks the token is in: ((split, branch), ...), outermost first.

    def _arrive(self, places, step, ctx):
        if ctx and step == self.join[ctx[-1][0]]:
            split, branch = ctx[-1]
            outer = ctx[:-1]
            places.append(("j", split, outer, branch))
            waiting = [p for p in places if p[0] == "j" and p[1] == split and p[2] == outer]
            if len(waiting) == len(self.succ[split]):
                for p in waiting:
                    places.remove(p)
                self._arrive(places, step, outer)
        else:
            places.append(("s", step, ctx))

    def _fire(self, marking, k):
        """The markings after the token marking[k] does its step."""
        _, step, ctx = marking[k]
        rest = list(marking[:k] + marking[k + 1:])
        kind = self.kind[step]
        outs = []
        if kind == "end":
            outs.append(rest)
        elif kind == "parallel":
            places = list(rest)
            for b, head in enumerate(self.succ[step]):
                self._arrive(places, head, ctx + ((step, b),))
            outs.append(places)
        else:
            for to in dict.fromkeys(self.succ[step]):
                places = list(rest)
                self._arrive(places, to, ctx)
                outs.append(places)
        return [tuple(sorted(o)) for o in outs]

    def _closure(self, markings):
        seen = set(markings)
        todo = list(markings)
        while todo:
            m = todo.pop()
            for k, place in enumerate(m):
                if place[0] == "s" and self.silent[place[1]]:
                    for n in self._fire(m, k):
                        if n not in seen:
                            seen.add(n)
                            todo.append(n)
            if len(seen) > 100_000:
                raise RuntimeError("replay: too many markings")
        return seen

    def replay(self, sequence):
        """("fits" | "open" | "deviates", index of the last event replayed or None)."""
        markings = self._closure({(("s", self.start, ()),)})
        for e, step in enumerate(sequence):
            after = set()
            for m in markings:
                for k, place in enumerate(m):
                    if place[0] == "s" and place[1] == step:
                        after.update(self._fire(m, k))
            if not after:
                return "deviates", (e - 1 if e > 0 else None)
            markings = self._closure(after)
        return ("fits" if () in markings else "open"), None


# ---------------------------------------------------------------- the log

def read_log(path, model, calendar):
    """The rows, the used rows and the cases of a CSV log, in the order of
    their first used row: {id, runs: [(step, start, end, row)]} with start
    and end as timestamps."""
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    header = [h.strip().lower() for h in rows[0]]
    col = {name: header.index(name) for name in ("case", "activity", "start", "end", "unit", "resource")
           if name in header}
    out = {"rows": 0, "rows_used": 0, "cases": {}, "unknown": {}, "from": None, "to": None,
           "has_start": "start" in col}
    for number, row in enumerate(rows[1:]):
        row = [x.strip(" \t") for x in row]
        if not any(row):
            continue
        out["rows"] += 1
        field = {name: (row[i] if i < len(row) else "") for name, i in col.items()}
        if not field["case"] or not field["activity"] or not field["end"]:
            continue
        end = parse_timestamp(field["end"])
        start = parse_timestamp(field["start"]) if field.get("start") else None
        if end is None or (field.get("start") and start is None) or (start is not None and end < start):
            continue
        step = model.step_of(field["activity"])
        if step is None:
            out["unknown"][field["activity"]] = out["unknown"].get(field["activity"], 0) + 1
            continue
        out["rows_used"] += 1
        first = start if start is not None else end
        out["from"] = first if out["from"] is None else min(out["from"], first)
        out["to"] = end if out["to"] is None else max(out["to"], end)
        out["cases"].setdefault(field["case"], []).append((step, start if start is not None else end, end, number))
    return out


def quantile(sorted_values, q):
    at = q * (len(sorted_values) - 1)
    low = int(at)
    high = min(low + 1, len(sorted_values) - 1)
    return sorted_values[low] + (at - low) * (sorted_values[high] - sorted_values[low])


def mean(values):
    return sum(values) / len(values) if values else None


def expected(model, log_path, calendar, analysis, listed_log_path, order="clock", wait_without_start=True):
    log = read_log(log_path, model, calendar)
    n = len(model.ids)
    wh = calendar.hours

    # Each case's runs in time order (start, then end), stably: by the clock,
    # or (order "working-hours") by working time, where moments outside the
    # working hours fall together.
    cases = []
    for case_id, runs in log["cases"].items():
        if order == "clock":
            runs = sorted(runs, key=lambda r: (r[1], r[2]))
        else:
            runs = sorted(runs, key=lambda r: (wh(r[1]), wh(r[2])))
        cases.append({"id": case_id, "runs": [(s, wh(a), wh(b)) for s, a, b, _ in runs]})

    # Cut off by the log's span only near its ends: within twice the model's
    # lead time without queues, Σ v (work + delay), at least a working day.
    free = sum(s["visits"] * (s["work_hours"] + s.get("delay_hours", 0)) for s in analysis["steps"])
    window = max(calendar.per_day, 2 * free)
    log_first = wh(log["from"]) if log["from"] else 0
    log_last = wh(log["to"]) if log["to"] else 0
    replayed = {}
    for c in cases:
        sequence = tuple(r[0] for r in c["runs"])
        begins = sequence[0] in model.can_begin
        if not begins and c["runs"][0][1] - log_first <= window:
            c["kind"] = "begun_before"
            continue
        if sequence not in replayed:
            replayed[sequence] = [*(model.replay(sequence) if begins else ("deviates", None)), 0, None]
        kind = replayed[sequence][0]
        if kind == "open" and log_last - max(r[2] for r in c["runs"]) > window:
            kind = "deviates"
            replayed[sequence][1] = len(sequence) - 1
        c["kind"] = kind
        if kind == "deviates":
            if replayed[sequence][2] == 0:
                replayed[sequence][3] = c["id"]
            replayed[sequence][2] += 1
    count = {k: sum(c["kind"] == k for c in cases) for k in ("fits", "deviates", "open", "begun_before")}
    used = count["fits"] + count["deviates"]
    complete = [c for c in cases if c["kind"] in ("fits", "deviates")]

    deviations = sorted((v for v in replayed.items() if v[1][2] > 0), key=lambda v: -v[1][2])[:10]

    arrivals = [c["runs"][0][1] for c in cases if c["kind"] != "begun_before"]
    cases_per_year = None
    if len(arrivals) >= 2 and max(arrivals) > min(arrivals):
        cases_per_year = ((len(arrivals) - 1) / (max(arrivals) - min(arrivals)) * calendar.per_day
                          * model.days_per_year)

    runs = [0] * n
    used_runs = [0] * n
    work = [[] for _ in range(n)]
    waits = [[] for _ in range(n)]
    for c in cases:
        for k, (step, start, end) in enumerate(c["runs"]):
            runs[step] += 1
            used_runs[step] += c["kind"] in ("fits", "deviates")
            if log["has_start"]:
                work[step].append(max(0.0, end - start))
            # Waiting counts only after a step that leads here directly: a
            # step the log leaves out in between (the applicant's reply)
            # would otherwise count as waiting.
            if k >= 1 and (log["has_start"] or wait_without_start) and step in model.succ[c["runs"][k - 1][0]]:
                waits[step].append(max(0.0, start - c["runs"][k - 1][2]))

    lead = sorted(max(r[2] for r in c["runs"]) - c["runs"][0][1] for c in complete)

    steps = []
    for i in range(n):
        w = sorted(work[i])
        a = analysis["steps"][i]
        steps.append({
            "id": model.ids[i], "runs": runs[i],
            "work_hours": {"model": a["work_hours"], "log": mean(w),
                           "p10": quantile(w, 0.1) if w else None, "p50": quantile(w, 0.5) if w else None,
                           "p90": quantile(w, 0.9) if w else None},
            "wait_hours": {"log": mean(waits[i])},
            # A silent step never shown: its visits are unknown.
            "visits": {"model": a["visits"],
                       "log": used_runs[i] / used if used and (runs[i] or not model.silent[i]) else None}})

    choices = []
    for i in range(n):
        if model.kind[i] != "choice":
            continue
        shows = [model.observable(t) for t in model.succ[i]]
        taken = [0] * len(shows)

        # The runs that go through choice i: its own, and, where i is a silent
        # step, a run of a step that reaches i for certain, by "next" over
        # silent steps (unless the log shows i's own run right after it).
        def leads_to_choice(step):
            seen = set()
            while model.kind[step] == "next" and step not in seen:
                seen.add(step)
                step = model.succ[step][0]
                if not model.silent[step]:
                    return False
                if model.kind[step] == "choice":
                    return step == i
            return False

        for c in cases:
            r = c["runs"]
            for k in range(len(r)):
                if r[k][0] != i and not (leads_to_choice(r[k][0]) and (k + 1 == len(r) or r[k + 1][0] != i)):
                    continue
                telling = [b for b, (seen, ends) in enumerate(shows)
                           if (r[k + 1][0] in seen if k + 1 < len(r) else c["kind"] == "fits" and ends)]
                if len(telling) == 1:
                    taken[telling[0]] += 1
        told = sum(taken)
        for b, to in enumerate(model.succ[i]):
            choices.append({"step": model.ids[i], "to": model.ids[to],
                            "p": {"model": model.p[i][b], "log": taken[b] / told if told else None},
                            "runs": told, "taken": taken[b]})

    return {
        "log": {"path": listed_log_path, "rows": log["rows"], "rows_used": log["rows_used"], "cases": len(cases),
                "cases_used": used,
                "from": format_timestamp(log["from"]) if log["from"] else None,
                "to": format_timestamp(log["to"]) if log["to"] else None,
                "has_start": log["has_start"],
                "cases_fitting": count["fits"], "cases_deviating": count["deviates"], "cases_open": count["open"],
                "cases_begun_before": count["begun_before"]},
        "cases_per_year": {"model": model.doc["demand"]["cases_per_year"], "log": cases_per_year},
        "fitness": count["fits"] / used if used else None,
        "steps": steps,
        "choices": choices,
        "lead_time_hours": {"model": analysis["lead_time_hours"], "log": mean(lead),
                            "log_p50": quantile(lead, 0.5) if lead else None,
                            "log_p90": quantile(lead, 0.9) if lead else None},
        "deviations": [{"variant": [model.ids[s] for s in seq], "cases": v[2],
                        "leaves_at": None if v[1] is None else model.ids[seq[v[1]]], "first_case": v[3]}
                       for seq, v in deviations],
        "unknown_activities": [{"activity": a, "rows": k}
                               for a, k in sorted(log["unknown"].items(), key=lambda x: (-x[1], x[0].encode()))],
        "steps_never_seen": [model.ids[i] for i in range(n) if runs[i] == 0],
    }


def compare(where, want, got, problems):
    """Every key of `want` in `got` (which may have more), numbers to a
    relative 1e-9 (absolute below 1: timestamps carry a few 1e-11 hours of
    rounding from the calendar's origin)."""
    if isinstance(want, dict):
        if not isinstance(got, dict):
            problems.append(f"{where}: expected an object, got {got!r}")
            return
        for key, value in want.items():
            if key not in got:
                problems.append(f"{where}.{key}: missing in the tool's JSON")
            else:
                compare(f"{where}.{key}", value, got[key], problems)
    elif isinstance(want, list):
        if not isinstance(got, list) or len(want) != len(got):
            problems.append(f"{where}: {len(got) if isinstance(got, list) else got!r} items, expected {len(want)}")
            return
        for k, (w, g) in enumerate(zip(want, got)):
            compare(f"{where}[{k}]", w, g, problems)
    elif isinstance(want, bool) or want is None or isinstance(want, str):
        if want != got:
            problems.append(f"{where}: expected {want!r} (oracle), got {got!r} (tool)")
    elif isinstance(got, bool) or not isinstance(got, (int, float)) or \
            not abs(want - got) <= 1e-9 * max(abs(want), 1.0):
        problems.append(f"{where}: expected {want!r} (oracle), got {got!r} (tool)")


# ---------------------------------------------------------------- generated logs

def walk(model, rng, limit=40):
    """A random path through the routing, parallel branches interleaved."""
    def run(step, stop, budget):
        out = []
        while step != stop and len(out) < budget:
            out.append(step)
            kind = model.kind[step]
            if kind == "end":
                break
            if kind == "parallel":
                branches = [run(h, model.join[step], budget) for h in model.succ[step]]
                merged = []
                while any(branches):
                    b = rng.choice([b for b in branches if b])
                    merged.append(b.pop(0))
                out += merged
                step = model.join[step]
            elif kind == "choice":
                p = list(model.p[step])
                if len(out) > budget // 2:  # end loops: the branch most likely taken
                    p = [x if x == max(p) else 0 for x in p]
                step = rng.choices(model.succ[step], weights=p)[0]
            else:
                step = model.succ[step][0]
        return out
    return run(model.start, None, limit)


def stamp(t, rng, exotic):
    """A timestamp as a case system may write it: the wall-clock time, now
    and then with fractional seconds or an offset (which counts nothing)."""
    day, seconds = t
    date = (EPOCH + datetime.timedelta(days=day)).isoformat()
    if seconds == 0 and exotic and rng.random() < 0.5:
        return date
    whole = int(seconds)
    text = f"{date}{rng.choice('T ') if exotic else 'T'}{whole // 3600:02d}:{whole % 3600 // 60:02d}:{whole % 60:02d}"
    if seconds != whole:
        text += f"{seconds - whole:.3f}"[1:]
    if exotic:
        text += rng.choice(["", "", "Z", "+01:00", "+02:00", "-05:00", "+0100"])
    return text


def generate_log(model, path, seed, cases=60, has_start=True, mess=True, exotic=False, start_day=None):
    """Writes a CSV log of random cases, with (mess) cases begun before,
    open, deviating, unknown activities, unreadable rows, names for ids,
    silent steps left out, ties, rows shuffled and a quoted extra column."""
    rng = random.Random(seed)
    steps = model.doc["steps"]
    units = {u["id"] for u in model.doc["units"]}
    default_unit = (model.doc.get("defaults") or {}).get("unit")
    origin = (datetime.date(2025, 1, 6) - EPOCH).days if start_day is None else start_day
    rows = []
    for c in range(cases):
        case = f"C-{seed}-{c:04d}"
        seq = walk(model, rng)
        if mess:
            seq = [s for s in seq if not (model.silent[s] and rng.random() < 0.6)]
            r = rng.random()
            if r < 0.08 and len(seq) > 2:
                seq = seq[rng.randint(1, 2):]                      # begun before the log
            elif r < 0.16 and len(seq) > 2:
                seq = seq[:rng.randint(1, len(seq) - 1)]           # still open, or cut short
            elif r < 0.26 and len(seq) > 3:
                k = rng.randrange(1, len(seq) - 1)
                seq = [*seq[:k], seq[k + 1], seq[k], *seq[k + 2:]] if rng.random() < 0.5 else seq[:k] + seq[k + 1:]
            elif r < 0.30:
                seq = seq + [rng.randrange(len(steps))]          # an activity after the end
            if not seq:
                seq = [model.start]
        t = (origin + rng.randrange(40), rng.choice([0, rng.randrange(86400), 8 * 3600 + rng.randrange(8 * 3600)]))
        for s in seq:
            gap = rng.choice([0, 0, rng.randrange(600), rng.randrange(86400), rng.randrange(10 * 86400)])
            length = rng.choice([0, rng.randrange(3600), rng.randrange(4 * 3600), rng.randrange(2 * 86400)])
            if exotic and rng.random() < 0.3:
                gap += rng.choice([0.25, 0.5, 0.125])
            start = add(t, gap)
            end = add(start, length)
            t = end
            unit = steps[s].get("unit", default_unit)
            if unit not in units or rng.random() < 0.3:
                unit = rng.choice(["Frau Albers", "Herr Yilmaz", "Müller, Jan"])
            name = steps[s]["id"] if rng.random() < 0.8 else steps[s]["name"]
            rows.append({"case": case, "activity": name, "start": stamp(start, rng, exotic),
                         "end": stamp(end, rng, exotic), "unit": unit or "", "note": ""})
            if mess and rng.random() < 0.02:
                rows.append({**rows[-1], "activity": "Telefonat mit Antragsteller:in", "note": 'sagt "später"'})
    if mess:
        rows.append({"case": "X-1", "activity": steps[0]["id"], "start": "2025-02-30T10:00:00",
                     "end": "2025-03-01T10:00:00", "unit": "", "note": "kein Datum"})
        rows.append({"case": "X-2", "activity": steps[0]["id"], "start": "2025-03-04T10:00:00",
                     "end": "2025-03-04T09:00:00", "unit": "", "note": "Ende vor Beginn,\nzweite Zeile"})
        rng.shuffle(rows)
    columns = ["case", "activity", *(["start"] if has_start else []), "end", "unit", "note"]
    header = {c: c for c in columns}
    header["unit"] = rng.choice(["unit", "resource", "Resource"])
    if mess:
        rng.shuffle(columns)
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow([header[c].upper() if mess and rng.random() < 0.3 else header[c] for c in columns])
        for row in rows:
            w.writerow([row[c] for c in columns])


def add(t, seconds):
    day, s = t
    s += seconds
    extra, s = divmod(s, 86400)
    return day + int(extra), s


# ---------------------------------------------------------------- hand-made processes

UNITS = """defaults: {medium: paper}
units:
  - {id: amt, name: Amt, staff: 6, cost_per_hour: 60}
  - {id: post, name: Poststelle, staff: 1, cost_per_hour: 50}
  - {id: bürger, name: Antragsteller:in, external: true}
"""

PROCESSES = {
    "chain": """paperflow: 1
process: {id: chain, name: Kette}
demand: {cases_per_year: 1200}
""" + UNITS + """steps:
  - {id: a0, name: Antrag stellen, unit: bürger, work: 10min, next: a}
  - {id: a, name: Eingang, unit: post, work: 5min, next: b}
  - {id: b, name: Prüfen, unit: amt, work: [10min, 20min, 1h], next: c}
  - {id: c, name: Bescheid, unit: amt, work: 15min, delay: 1d, next: fertig}
  - {id: fertig, name: Fertig, end: true}
""",
    "rework": """paperflow: 1
process: {id: rework, name: Nachforderung}
demand: {cases_per_year: 3000}
calendar: {hours_per_day: 7.8, days_per_year: 230}
""" + UNITS + """steps:
  - {id: ausfüllen, name: Antrag ausfüllen, unit: bürger, work: 1h, next: senden}
  - {id: senden, name: Antrag senden, unit: bürger, work: 5min, delay: 2d, next: eingang}
  - {id: eingang, name: Posteingang, unit: post, work: 3min, next: prüfen}
  - {id: prüfen, name: Vollständigkeit prüfen, unit: amt, work: [10min, 20min, 45min],
     next: [{to: nachfordern, p: 0.35, rework: true}, {to: entscheiden, p: 0.65}]}
  - {id: nachfordern, name: "Unterlagen nachfordern, Frist setzen", unit: amt, work: 10min, delay: 2d, next: warten}
  - {id: warten, name: Auf Antwort warten, unit: bürger, delay: [1wk, 2wk, 4wk],
     next: [{to: nachreichen, p: 0.9}, {to: rücknahme, p: 0.1}]}
  - {id: nachreichen, name: Unterlagen nachreichen, unit: bürger, work: 30min, next: zuordnen}
  - {id: zuordnen, name: Nachreichung zuordnen, unit: post, work: 5min, next: prüfen}
  - {id: rücknahme, name: Rücknahme erfassen, unit: amt, work: 10min, next: zurückgezogen}
  - {id: entscheiden, name: Entscheiden, unit: amt, work: [30min, 1h, 3h],
     next: [{to: bewilligt, p: 0.8}, {to: abgelehnt, p: 0.2}]}
  - {id: bewilligt, name: Bewilligt, end: true}
  - {id: abgelehnt, name: Abgelehnt, end: true}
  - {id: zurückgezogen, name: Zurückgezogen, end: true}
""",
    "parallel": """paperflow: 1
process: {id: parallel, name: Beteiligung}
demand: {cases_per_year: 800}
""" + UNITS + """steps:
  - {id: eingang, name: Eingang, unit: post, work: 5min, next: beteiligen}
  - {id: beteiligen, name: Beteiligen, unit: amt, work: 10min, parallel: [x1, y1, z1], join: zusammen}
  - {id: x1, name: Statik, unit: amt, work: 1h, next: x2}
  - {id: x2, name: Statik Vermerk, unit: amt, work: 10min, next: zusammen}
  - {id: y1, name: Denkmal, unit: amt, work: 2h,
     next: [{to: y_fix, p: 0.3, rework: true}, {to: zusammen, p: 0.7}]}
  - {id: y_fix, name: Denkmal Nachfrage, unit: amt, work: 15min, next: y1}
  - {id: z1, name: Feuerwehr, unit: bürger, delay: 1wk, next: zusammen}
  - {id: zusammen, name: Zusammenführen, unit: amt, work: 30min,
     next: [{to: beteiligen, p: 0.1, rework: true}, {to: bescheid, p: 0.9}]}
  - {id: bescheid, name: Bescheid, unit: amt, work: 20min, next: ende}
  - {id: ende, name: Ende, end: true}
""",
    # A start that is not the first step, a registration without work at
    # the start, and a choice whose two branches show the same next step
    # (its runs tell no branch).
    "start-ambiguous": """paperflow: 1
process: {id: start_ambiguous, name: Start und Mehrdeutigkeit}
demand: {cases_per_year: 500}
start: registrieren
""" + UNITS + """steps:
  - {id: ablegen, name: Ablegen, unit: amt, work: 5min, next: erledigt}
  - {id: registrieren, name: Registrieren, unit: amt, next: prüfen}
  - {id: prüfen, name: Prüfen, unit: amt, work: 20min,
     next: [{to: weg_a, p: 0.5}, {to: weg_b, p: 0.3}, {to: direkt, p: 0.2}]}
  - {id: weg_a, name: Weg A, unit: post, next: bescheiden}
  - {id: weg_b, name: Weg B, unit: bürger, work: 1d, next: bescheiden}
  - {id: direkt, name: Direkt, unit: amt, work: 10min, next: bescheiden}
  - {id: bescheiden, name: Bescheiden, unit: amt, work: 30min, next: ablegen}
  - {id: erledigt, name: Erledigt, end: true}
""",
}


# Small logs written by hand, each for one rule: (process, name, CSV, calibrate options).
LOGS = [
    # Two runs on a Saturday, listed in the wrong order: in working time both
    # lie at the same moment, by the clock a comes first.
    ("chain", "saturday", """case,activity,start,end
1,b,2025-03-08T11:00:00,2025-03-08T11:30:00
1,a,2025-03-08T10:00:00,2025-03-08T10:10:00
1,c,2025-03-10T09:00:00,2025-03-10T09:30:00
2,a,2025-03-10T10:00:00,2025-03-10T10:10:00
2,b,2025-03-10T11:00:00,2025-03-10T11:30:00
""", {}),
    # Without a start column: the time from one end to the next.
    ("chain", "no-start", """case,activity,end
1,a,2025-03-03T09:00:00
1,b,2025-03-03T11:00:00
1,c,2025-03-04T09:00:00
2,a,2025-03-04T10:00:00
2,b,2025-03-04T10:30:00
""", {}),
    # A step shown twice at the same moment, and a choice whose two
    # branches lead to the same next step.
    ("start-ambiguous", "ties", """case,activity,start,end,unit
1,registrieren,2025-03-03T09:00:00,2025-03-03T09:00:00,amt
1,prüfen,2025-03-03T09:00:00,2025-03-03T09:20:00,amt
1,bescheiden,2025-03-03T10:00:00,2025-03-03T10:30:00,amt
2,prüfen,2025-03-03T09:00:00,2025-03-03T09:20:00,amt
2,direkt,2025-03-03T09:20:00,2025-03-03T09:30:00,amt
2,bescheiden,2025-03-03T10:00:00,2025-03-03T10:30:00,amt
2,ablegen,2025-03-03T10:30:00,2025-03-03T10:35:00,amt
3,prüfen,2025-03-03T12:00:00,2025-03-03T12:20:00,amt
3,weg_b,2025-03-03T12:20:00,2025-03-04T12:20:00,bürger
3,bescheiden,2025-03-05T10:00:00,2025-03-05T10:30:00,amt
3,ablegen,2025-03-05T10:30:00,2025-03-05T10:35:00,amt
""", {}),
]


# ---------------------------------------------------------------- self-test

def self_test():
    """The oracle against figures worked out by hand."""
    problems = []

    def check(what, got, want):
        if not (got == want or (isinstance(want, float) and got is not None and abs(got - want) <= 1e-9)):
            problems.append(f"self-test: {what}: {got!r}, by hand {want!r}")

    cal = Calendar(8)
    t = lambda s: parse_timestamp(s)  # noqa: E731
    # Friday 15:00 to Monday 09:00 on 08:00-16:00: 1 h Friday, 1 h Monday.
    check("Fri 15:00 to Mon 09:00", cal.hours(t("2025-03-10T09:00:00")) - cal.hours(t("2025-03-07T15:00:00")), 2.0)
    check("an offset counts nothing", cal.hours(t("2025-03-04T09:12:00+02:00")), cal.hours(t("2025-03-04T09:12:00Z")))
    check("a date alone is 00:00", cal.hours(t("2025-03-04")), cal.hours(t("2025-03-04T07:59:59")))
    check("fractional seconds", round((cal.hours(t("2025-03-04T09:00:00.900")) - cal.hours(t("2025-03-04T09:00:00")))
                                      * 3600, 6), 0.9)
    check("Saturday to Monday 08:00", cal.hours(t("2025-03-10T08:00")) - cal.hours(t("2025-03-08T12:00")), 0.0)
    # 07:30-15:18 with 2025-10-03 (Friday) off: Thursday 15:00 to Monday 08:00
    # is 0.3 h Thursday and 0.5 h Monday.
    hol = Calendar(8, "07:30-15:18", "Mon-Fri", [(datetime.date(2025, 10, 3) - EPOCH).days])
    check("hours_per_day of 07:30-15:18", round(hol.per_day, 12), 7.8)
    check("over a holiday", hol.hours(t("2025-10-06T08:00")) - hol.hours(t("2025-10-02T15:00")), 0.8)
    check("Mon-Thu,Sat", Calendar(8, None, "Mon-Thu,Sat").days, [True] * 4 + [False, True, False])
    check("type 7", quantile([1.0, 2.0, 4.0, 8.0], 0.9), 6.8)
    check("type 7 P10", quantile([1.0, 2.0, 4.0, 8.0], 0.1), 1.3)

    rework = Model(yaml.safe_load(PROCESSES["rework"]))
    ids = rework.index
    seq = lambda *names: [ids[x] for x in names]  # noqa: E731
    check("replay: silent applicant steps left out", rework.replay(seq("eingang", "prüfen", "entscheiden")),
          ("fits", None))
    check("replay: rework with the applicant left out",
          rework.replay(seq("eingang", "prüfen", "nachfordern", "zuordnen", "prüfen", "entscheiden", "bewilligt")),
          ("fits", None))
    check("replay: open", rework.replay(seq("eingang", "prüfen")), ("open", None))
    check("replay: a skipped check", rework.replay(seq("eingang", "entscheiden")), ("deviates", 0))
    check("replay: withdrawn", rework.replay(seq("eingang", "prüfen", "nachfordern", "rücknahme")), ("fits", None))
    check("begins: eingang yes, prüfen no", (ids["eingang"] in rework.can_begin, ids["prüfen"] in rework.can_begin),
          (True, False))
    par = Model(yaml.safe_load(PROCESSES["parallel"]))
    pids = par.index
    pseq = lambda *names: [pids[x] for x in names]  # noqa: E731
    check("parallel: interleaved", par.replay(pseq("eingang", "beteiligen", "y1", "x1", "y_fix", "x2", "y1",
                                                   "zusammen", "bescheid")), ("fits", None))
    check("parallel: join before a branch is done",
          par.replay(pseq("eingang", "beteiligen", "x1", "y1", "zusammen")), ("deviates", 3))
    check("parallel: twice round the block",
          par.replay(pseq("eingang", "beteiligen", "x1", "x2", "y1", "zusammen", "beteiligen", "y1", "x1", "x2",
                          "zusammen", "bescheid")), ("fits", None))

    # A whole log by hand, on the rework process (7.8 h a day, 08:00-15:48,
    # 230 days a year). Case 1: eingang Mon 09:00-09:06, prüfen Mon 10:00-10:30,
    # nachfordern 10:30-10:40, zuordnen Tue 15:40 - Wed 08:10 (0.08 h + 0.1667 h),
    # prüfen Wed 09:00-09:12, entscheiden Wed 09:12-10:12. Fits.
    # Case 2: prüfen first: begun before. Case 3: eingang Tue 12:00-12:03 and
    # prüfen Tue 13:00-13:30: open. Case 4: eingang Wed 08:00-08:03,
    # entscheiden 09:00-10:00: deviates.
    text = """case,activity,start,end,unit
1,eingang,2025-03-03T09:00:00,2025-03-03T09:06:00,post
1,prüfen,2025-03-03T10:00:00,2025-03-03T10:30:00,amt
1,"Unterlagen nachfordern, Frist setzen",2025-03-03T10:30:00,2025-03-03T10:40:00,amt
1,zuordnen,2025-03-04T15:40:00,2025-03-05T08:10:00,post
1,prüfen,2025-03-05T09:00:00,2025-03-05T09:12:00,amt
1,entscheiden,2025-03-05T09:12:00,2025-03-05T10:12:00,amt
2,prüfen,2025-03-03T11:00:00,2025-03-03T11:30:00,amt
2,entscheiden,2025-03-03T11:30:00,2025-03-03T12:00:00,amt
3,eingang,2025-03-04T12:00:00,2025-03-04T12:03:00,post
3,prüfen,2025-03-04T13:00:00,2025-03-04T13:30:00,amt
4,eingang,2025-03-05T08:00:00,2025-03-05T08:03:00,post
4,entscheiden,2025-03-05T09:00:00,2025-03-05T10:00:00,amt
4,Telefonat,2025-03-05T09:00:00,2025-03-05T10:00:00,amt
"""
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "log.csv")
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        fake = {"steps": [{"visits": 0, "work_hours": 0}] * len(rework.ids), "lead_time_hours": 0}
        got = expected(rework, path, Calendar(7.8), fake, path)
    step = {s["id"]: s for s in got["steps"]}
    check("rows", (got["log"]["rows"], got["log"]["rows_used"], got["log"]["cases"]), (13, 12, 4))
    check("kinds", [got["log"][k] for k in ("cases_fitting", "cases_deviating", "cases_open", "cases_begun_before")],
          [1, 1, 1, 1])
    check("fitness", got["fitness"], 0.5)
    # Arrivals: Mon 09:00, Tue 12:00, Wed 08:00 = 0, 10.8, 14.6 working hours
    # from the first: 2 / 14.6 × 7.8 × 230.
    check("cases_per_year", got["cases_per_year"]["log"], 2 / 14.6 * 7.8 * 230)
    check("work of zuordnen", step["zuordnen"]["work_hours"]["log"], (8 / 60 + 10 / 60) - 0.0)
    check("work of prüfen", step["prüfen"]["work_hours"]["log"], (0.5 + 0.2 + 0.5 + 0.5) / 4)
    check("P90 of prüfen's work", step["prüfen"]["work_hours"]["p90"], 0.5)
    check("P10 of prüfen's work", step["prüfen"]["work_hours"]["p10"], 0.2 + 0.3 * 0.3)
    # prüfen waits: case 1 0.9 h and 0.8 h (Wed 08:10-09:00), case 3 0.95 h.
    check("wait before prüfen", step["prüfen"]["wait_hours"]["log"], (0.9 + 50 / 60 + 0.95) / 3)
    # entscheiden: case 1 0, case 2 0; case 4 comes from eingang, which does
    # not lead there: its 0.95 h is no wait of entscheiden.
    check("wait before entscheiden", step["entscheiden"]["wait_hours"]["log"], 0.0)
    check("visits of prüfen", step["prüfen"]["visits"]["log"], 1.0)
    check("visits of eingang", step["eingang"]["visits"]["log"], 1.0)
    # Lead times: case 1 Mon 09:00 to Wed 10:12 = 6.8 + 7.8 + 2.2 = 16.8 h; case 4 2.0 h.
    check("lead time", got["lead_time_hours"]["log"], (16.8 + 2.0) / 2)
    check("lead time P90", got["lead_time_hours"]["log_p90"], 2.0 + 0.9 * 14.8)
    choice = {(c["step"], c["to"]): c for c in got["choices"]}
    # prüfen: case 1 → nachfordern, then → entscheiden; case 2 → entscheiden;
    # case 3's last run tells nothing (open). entscheiden: case 1 fits, last
    # run: both ends reachable → no branch told.
    check("p of prüfen → nachfordern", choice[("prüfen", "nachfordern")]["p"]["log"], 1 / 3)
    check("runs told of prüfen", choice[("prüfen", "entscheiden")]["runs"], 3)
    check("entscheiden tells none", choice[("entscheiden", "bewilligt")]["p"]["log"], None)
    # warten (silent) is never shown, but case 1's nachfordern leads to it
    # by next, and its next run, zuordnen, follows the branch nachreichen.
    check("warten's choice", choice[("warten", "nachreichen")]["runs"], 1)
    check("warten's choice taken", choice[("warten", "nachreichen")]["taken"], 1)
    check("deviations", got["deviations"], [{"variant": ["eingang", "entscheiden"], "cases": 1,
                                             "leaves_at": "eingang", "first_case": "4"}])
    check("unknown", got["unknown_activities"], [{"activity": "Telefonat", "rows": 1}])
    return problems


# ---------------------------------------------------------------- main

def run_tool(tool, *arguments):
    result = subprocess.run([tool, *arguments], capture_output=True, timeout=600)
    return result.returncode, result.stdout.decode("utf-8", "replace"), result.stderr.decode("utf-8", "replace")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--simulate")
    parser.add_argument("--self-test", action="store_true")
    parser.add_argument("--keep", help="write the generated files into this directory and keep them")
    parser.add_argument("--order", choices=["clock", "working-hours"], default="clock",
                        help="the order of a case's runs: by the clock (the definition, default), or by working "
                             "time (to look past that difference for others)")
    parser.add_argument("--no-wait-without-start", action="store_true",
                        help="no wait_hours.log for a log without a start column (the definition gives the time "
                             "from one run's end to the next's)")
    parser.add_argument("files", nargs="*", help="PAPERFLOW-CALIBRATE PAPERFLOW-ANALYSE [EXAMPLE.yaml...]")
    arguments = parser.parse_intermixed_args()
    arguments.calibrate, arguments.analyse, *arguments.examples = arguments.files + [None, None][len(arguments.files):]

    problems = self_test()
    if problems:
        print("\n".join(problems))
        sys.exit(1)
    if arguments.self_test:
        print("the oracle agrees with the figures worked out by hand")
        return
    if not arguments.calibrate or not arguments.analyse:
        sys.exit("usage: check_calibrate_oracle.py PAPERFLOW-CALIBRATE PAPERFLOW-ANALYSE [EXAMPLE.yaml...]")

    checked = []
    with tempfile.TemporaryDirectory() as scratch:
        directory = arguments.keep or scratch
        os.makedirs(directory, exist_ok=True)
        holidays = os.path.join(directory, "feiertage.txt")
        with open(holidays, "w", encoding="utf-8") as f:
            f.write("# Feiertage\n2025-01-01 Neujahr\n2025-04-18\n2025-04-21\n2025-05-01\n2025-01-25 ein Samstag\n"
                    "\n2025-02-12\n2025-02-12\n")
        runs = []  # (process path, log path, calibrate options, calendar options)
        for name, text in PROCESSES.items():
            path = os.path.join(directory, f"{name}.yaml")
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
            runs.append((path, dict(seed=1), {}))
            runs.append((path, dict(seed=2, has_start=False), {}))
            runs.append((path, dict(seed=3, exotic=True), {"work_hours": "07:30-15:18", "holidays": holidays}))
            runs.append((path, dict(seed=4, mess=False, cases=30), {"work_days": "Mon-Thu,Sat"}))
        for name, log_name, text, options in LOGS:
            log = os.path.join(directory, f"{name}-{log_name}.csv")
            with open(log, "w", encoding="utf-8") as f:
                f.write(text)
            runs.append((os.path.join(directory, f"{name}.yaml"), log, options))
        for k, example in enumerate(arguments.examples):
            runs.append((example, dict(seed=10 + k, cases=300), {}))
            runs.append((example, dict(seed=20 + k, cases=200, exotic=True, has_start=k % 2 == 1),
                         {"work_hours": "07:30-15:18", "holidays": holidays}))

        simulated = None
        if arguments.simulate and arguments.examples:
            code, out, err = run_tool(arguments.simulate, "--help")
            if "--event-log" not in out:
                print("NOTE: paperflow-simulate has no --event-log yet: the simulated log is not checked")
            else:
                simulated = os.path.join(directory, "simuliert.csv")
                code, out, err = run_tool(arguments.simulate, "--event-log", simulated, "--start-date", "2025-01-06",
                                          "--cases", "500", arguments.examples[0])
                if code != 0:
                    print(f"paperflow-simulate --event-log: exit {code}: {err}")
                    sys.exit(1)

        analyses = {}
        jobs = []
        for k, (process, generate, options) in enumerate(runs):
            if isinstance(generate, str):  # written by hand
                jobs.append((process, generate, None, options))
                continue
            log = os.path.join(directory, f"log-{k}-{os.path.splitext(os.path.basename(process))[0]}.csv")
            jobs.append((process, log, generate, options))
        if simulated:
            jobs.append((arguments.examples[0], simulated, None, {}))

        problems = []
        for process, log, generate, options in jobs:
            with open(process, encoding="utf-8") as f:
                doc = yaml.safe_load(f)
            model = Model(doc)
            if generate is not None:
                generate_log(model, log, **generate)
            if process not in analyses:
                code, out, err = run_tool(arguments.analyse, "--format", "json", process)
                if code != 0:
                    problems.append(f"{process}: paperflow-analyse: exit {code}: {err}")
                    continue
                analyses[process] = json.loads(out)
            flags = []
            if "work_hours" in options:
                flags += ["--work-hours", options["work_hours"]]
            if "work_days" in options:
                flags += ["--work-days", options["work_days"]]
            hol = []
            if "holidays" in options:
                flags += ["--holidays", options["holidays"]]
                hol = read_holidays(options["holidays"])
            calendar = Calendar(model.hours_per_day, options.get("work_hours"), options.get("work_days", "Mon-Fri"),
                                hol)
            code, out, err = run_tool(arguments.calibrate, "--format", "json", *flags, process, log)
            what = f"{os.path.basename(process)} {os.path.basename(log)}{' ' + ' '.join(flags) if flags else ''}"
            if code != 0:
                problems.append(f"{what}: exit {code}: {err}")
                continue
            want = expected(model, log, calendar, analyses[process], log, arguments.order,
                            not arguments.no_wait_without_start)
            before = len(problems)
            compare(what, want, json.loads(out), problems)
            if len(problems) == before:
                checked.append(f"{what}: {want['log']['cases']} cases, {want['log']['cases_fitting']} fit, "
                               f"{want['log']['cases_deviating']} deviate, {want['log']['cases_open']} open, "
                               f"{want['log']['cases_begun_before']} begun before")
    print("\n".join(checked))
    if problems:
        print("\n".join(problems[:80]))
        if len(problems) > 80:
            print(f"... and {len(problems) - 80} more")
        sys.exit(1)
    print(f"{len(checked)} logs agree with the independent computation")


if __name__ == "__main__":
    main()
