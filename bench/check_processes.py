#!/usr/bin/env python3
"""Independent check of generated process files (needs PyYAML).

Not part of the benchmark itself: it confirms that what generate_processes.py
writes is valid per the format (docs/format.md#validation), without using
paperflow, so that a failing paperflow-validate run in bench/validate.sh
points at the validator, not at the data.

    check_processes.py FILE|DIR...

Checks keys, ids, vocabularies, durations, references, routing, probability
sums, reachability from the start, that every step can reach an end step
(so every loop can be left), that parallel blocks are well formed, that
every unit is used, and that every internal unit has utilisation below 1
(visits solved from v = e_start + P^T v with v_join = v_split).
Exit status 0 if every file passes, 1 otherwise.
"""

import math
import os
import re
import sys

import yaml
from generate_processes import solve_visits  # one solver for both scripts

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

ID_RE = re.compile(r"^[A-Za-z0-9\u0080-\U0010FFFF][A-Za-z0-9_\-\u0080-\U0010FFFF]*$")
DUR_RE = re.compile(r"^([0-9]+(?:\.[0-9]+)?)(s|min|h|d|wk)$")

ACTIVITIES = set("fill_in submit receive transcribe scan check assess request consult approve "
                 "decide sign print send pay archive retrieve transport wait other".split())
MEDIA = {"paper", "digital"}
CHANNELS = {"in_person", "post", "phone", "email", "fax", "online", "internal"}
SIGNATURES = {"none", "wet", "qualified", "eid"}

TOP = {"paperflow", "process", "start", "calendar", "demand", "defaults", "units",
       "documents", "steps", "measures"}
PROCESS = {"id", "name", "owner", "description", "legal_basis"}
CALENDAR = {"hours_per_day", "days_per_year"}
DEMAND = {"cases_per_year"}
DEFAULTS = {"medium", "unit", "activity", "channel", "signature", "it_system", "work", "delay"}
UNIT = {"id", "name", "staff", "availability", "cost_per_hour", "external"}
DOCUMENT = {"id", "name", "medium"}
STEP = {"id", "name", "unit", "activity", "medium", "channel", "signature", "it_system",
        "work", "delay", "uses", "produces", "next", "parallel", "join", "end"}
CHOICE = {"to", "p", "rework"}
MEASURE = {"id", "name", "cost", "requires", "changes"}
COST = {"once", "per_year"}
CHANGE = {"where", "set", "remove", "rework", "work"}
WHERE = {"id", "activity", "medium", "channel", "signature", "unit", "external", "it_system"}


class FileCheck:
    def __init__(self, path):
        self.path = path
        self.errors = []
        self.stats = {}

    def err(self, msg):
        self.errors.append(msg)

    def keys(self, mapping, allowed, where):
        if not isinstance(mapping, dict):
            self.err(f"{where}: not a mapping")
            return False
        for k in mapping:
            if not isinstance(k, str):
                self.err(f"{where}: key {k!r} is not text")
            elif k not in allowed and not k.startswith("x-"):
                self.err(f"{where}: unknown key {k}")
        return True

    def ident(self, value, where):
        if not isinstance(value, str) or not ID_RE.match(value):
            self.err(f"{where}: bad id {value!r}")

    def text(self, value, where):
        if not isinstance(value, str) or not value:
            self.err(f"{where}: not text: {value!r}")

    def dur(self, text, where):
        """A single duration in hours."""
        if text == 0 and not isinstance(text, bool):
            return 0.0
        if not isinstance(text, str):
            self.err(f"{where}: not a duration: {text!r}")
            return 0.0
        m = DUR_RE.match(text)
        if not m:
            self.err(f"{where}: not a duration: {text!r}")
            return 0.0
        v = float(m.group(1))
        return v * {"s": 1 / 3600, "min": 1 / 60, "h": 1, "d": self.hpd, "wk": 5 * self.hpd}[m.group(2)]

    def uncertain(self, value, where):
        """Mean of an (uncertain) duration in hours."""
        if isinstance(value, list):
            if len(value) != 3:
                self.err(f"{where}: three-point estimate needs 3 values")
                return 0.0
            a, m, b = (self.dur(x, where) for x in value)
            if not a <= m <= b:
                self.err(f"{where}: not min <= mode <= max")
            return (a + m + b) / 3
        if isinstance(value, dict):
            dist = value.get("dist")
            need = {"triangular": {"min", "mode", "max"}, "uniform": {"min", "max"},
                    "exponential": {"mean"}, "lognormal": {"mean", "sd"}}.get(dist)
            if need is None:
                self.err(f"{where}: unknown dist {dist!r}")
                return 0.0
            if set(value) != need | {"dist"}:
                self.err(f"{where}: {dist} needs exactly {sorted(need)}")
                return 0.0
            v = {k: self.dur(value[k], where) for k in need}
            if dist == "triangular":
                if not v["min"] <= v["mode"] <= v["max"]:
                    self.err(f"{where}: not min <= mode <= max")
                return (v["min"] + v["mode"] + v["max"]) / 3
            if dist == "uniform":
                if not v["min"] < v["max"]:
                    self.err(f"{where}: not min < max")
                return (v["min"] + v["max"]) / 2
            if v["mean"] <= 0:
                self.err(f"{where}: mean must be > 0")
            return v["mean"]
        return self.dur(value, where)

    def number(self, value, where, lo, hi, lo_open=True, hi_open=False):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.err(f"{where}: not a number: {value!r}")
            return None
        if (value <= lo if lo_open else value < lo) or \
                (hi is not None and (value >= hi if hi_open else value > hi)):
            self.err(f"{where}: {value} out of range")
        return value

    # ------------------------------------------------------------------------

    def run(self):
        try:
            with open(self.path, encoding="utf-8") as f:
                doc = yaml.load(f, Loader=Loader)
        except Exception as e:      # noqa: BLE001 - report any parse problem
            self.err(f"does not parse: {e}")
            return self
        if not self.keys(doc, TOP, "top"):
            return self
        if doc.get("paperflow") != 1 or isinstance(doc.get("paperflow"), bool):
            self.err("paperflow: must be 1")
        proc = doc.get("process")
        if self.keys(proc, PROCESS, "process"):
            self.ident(proc.get("id"), "process.id")
            self.text(proc.get("name"), "process.name")
            if "legal_basis" in proc and not isinstance(proc["legal_basis"], list):
                self.err("process.legal_basis: not a list")
        cal = doc.get("calendar", {})
        self.keys(cal, CALENDAR, "calendar")
        self.hpd = self.number(cal.get("hours_per_day", 8), "calendar.hours_per_day", 0, 24) or 8
        dpy = self.number(cal.get("days_per_year", 250), "calendar.days_per_year", 0, 366) or 250
        demand = doc.get("demand")
        if demand is None:
            self.err("no demand (a warning in paperflow-validate)")
            demand = {}
        self.keys(demand, DEMAND, "demand")
        cases = self.number(demand.get("cases_per_year"), "demand.cases_per_year", 0, None) or 0
        defaults = doc.get("defaults", {})
        self.keys(defaults, DEFAULTS, "defaults")

        units = {}
        for i, u in enumerate(doc.get("units") or []):
            w = f"units[{i}]"
            if not self.keys(u, UNIT, w):
                continue
            self.ident(u.get("id"), w + ".id")
            self.text(u.get("name"), w + ".name")
            if u.get("id") in units:
                self.err(f"{w}: duplicate unit {u.get('id')}")
            ext = u.get("external", False)
            if not isinstance(ext, bool):
                self.err(f"{w}.external: not a boolean")
            if not ext:
                self.number(u.get("staff"), w + ".staff", 0, None)
            elif "staff" in u:
                self.number(u.get("staff"), w + ".staff", 0, None)
            self.number(u.get("availability", 1), w + ".availability", 0, 1)
            self.number(u.get("cost_per_hour", 0), w + ".cost_per_hour", 0, None, lo_open=False)
            units[u.get("id")] = u
        if not units:
            self.err("no units")
        docs = set()
        for i, d in enumerate(doc.get("documents") or []):
            w = f"documents[{i}]"
            if not self.keys(d, DOCUMENT, w):
                continue
            self.ident(d.get("id"), w + ".id")
            self.text(d.get("name"), w + ".name")
            if d.get("id") in docs:
                self.err(f"{w}: duplicate document")
            if "medium" in d and d["medium"] not in MEDIA:
                self.err(f"{w}.medium: {d['medium']!r}")
            docs.add(d.get("id"))

        steps = doc.get("steps") or []
        if not steps:
            self.err("no steps")
            return self
        ids = {}
        for i, s in enumerate(steps):
            if isinstance(s, dict):
                if s.get("id") in ids:
                    self.err(f"steps[{i}]: duplicate step {s.get('id')}")
                ids[s.get("id")] = i
        succ = [[] for _ in steps]          # (j, probability, kind)
        work = [0.0] * len(steps)
        unit_of = [None] * len(steps)
        is_end = [False] * len(steps)
        blocks = []
        n_rework = 0
        used_units = set()

        def target(name, where):
            if name not in ids:
                self.err(f"{where}: no step {name!r}")
                return None
            return ids[name]

        for i, s in enumerate(steps):
            w = f"steps[{i}]"
            if not self.keys(s, STEP, w):
                continue
            w = f"step {s.get('id')}"
            self.ident(s.get("id"), w + ".id")
            self.text(s.get("name"), w + ".name")
            for key, vocab in (("activity", ACTIVITIES), ("medium", MEDIA),
                               ("channel", CHANNELS), ("signature", SIGNATURES)):
                if key in s and s[key] not in vocab:
                    self.err(f"{w}.{key}: {s[key]!r}")
            for key in ("uses", "produces"):
                for d in s.get(key, []) or []:
                    if d not in docs:
                        self.err(f"{w}.{key}: no document {d!r}")
            routing = [k for k in ("next", "parallel") if k in s]
            if s.get("end") is True:
                is_end[i] = True
                if routing or "join" in s or "work" in s or "delay" in s:
                    self.err(f"{w}: end step with routing, work or delay")
                continue
            if "end" in s:
                self.err(f"{w}.end: must be true if given")
            if len(routing) != 1:
                self.err(f"{w}: needs exactly one of next / parallel")
            if "medium" not in s and "medium" not in defaults:
                self.err(f"{w}: no medium")
            unit = s.get("unit", defaults.get("unit"))
            if unit is not None:
                if unit not in units:
                    self.err(f"{w}.unit: no unit {unit!r}")
                else:
                    used_units.add(unit)
                    unit_of[i] = unit
            mean = self.uncertain(s.get("work", defaults.get("work", 0)), w + ".work")
            work[i] = mean
            self.uncertain(s.get("delay", defaults.get("delay", 0)), w + ".delay")
            if mean > 0 and unit is None:
                self.err(f"{w}: work without a unit")
            channel = s.get("channel", defaults.get("channel"))
            if unit in units and units[unit].get("external") and channel == "in_person" \
                    and mean == 0:
                self.err(f"{w}: in-person step of an external unit without work (warning)")
            nxt = s.get("next")
            if isinstance(nxt, str):
                j = target(nxt, w + ".next")
                if j is not None:
                    succ[i].append((j, 1.0, "next"))
            elif isinstance(nxt, list):
                total = 0.0
                for k, c in enumerate(nxt):
                    cw = f"{w}.next[{k}]"
                    if not self.keys(c, CHOICE, cw):
                        continue
                    p = c.get("p")
                    if isinstance(p, bool) or not isinstance(p, (int, float)) or not 0 < p <= 1:
                        self.err(f"{cw}.p: {p!r} not in (0, 1]")
                        p = 0.0
                    total += p
                    if "rework" in c and not isinstance(c["rework"], bool):
                        self.err(f"{cw}.rework: not a boolean")
                    if c.get("rework"):
                        n_rework += 1
                    j = target(c.get("to"), cw + ".to")
                    if j is not None:
                        succ[i].append((j, p, "choice"))
                if abs(total - 1) > 1e-6:
                    self.err(f"{w}.next: probabilities sum to {total}")
            elif nxt is not None:
                self.err(f"{w}.next: neither a step nor a list")
            if "parallel" in s:
                br = s["parallel"]
                if not isinstance(br, list) or len(br) < 2:
                    self.err(f"{w}.parallel: needs a list of at least 2 steps")
                    br = []
                js = [target(b, w + ".parallel") for b in br]
                jn = target(s.get("join"), w + ".join") if "join" in s else None
                if jn is None:
                    self.err(f"{w}: parallel without a valid join")
                for j in js:
                    if j is not None:
                        succ[i].append((j, 1.0, "branch"))
                if jn is not None and None not in js:
                    blocks.append((i, js, jn))
            elif "join" in s:
                self.err(f"{w}.join: without parallel")
        if self.errors:
            return self

        start_name = doc.get("start", steps[0].get("id"))
        if start_name not in ids:
            self.err(f"start: no step {start_name!r}")
            return self
        start = ids[start_name]
        n = len(steps)
        pred = [[] for _ in steps]
        for i in range(n):
            for j, _, _ in succ[i]:
                pred[j].append(i)

        # reachability from the start
        seen = {start}
        stack = [start]
        while stack:
            i = stack.pop()
            for j, _, _ in succ[i]:
                if j not in seen:
                    seen.add(j)
                    stack.append(j)
        for i in range(n):
            if i not in seen:
                self.err(f"step {steps[i]['id']}: not reachable from the start")
        # every step can reach an end step (so every loop can be left)
        seen = {i for i in range(n) if is_end[i]}
        if not seen:
            self.err("no end step")
        stack = list(seen)
        while stack:
            j = stack.pop()
            for i in pred[j]:
                if i not in seen:
                    seen.add(i)
                    stack.append(i)
        for i in range(n):
            if i not in seen:
                self.err(f"step {steps[i]['id']}: cannot reach an end step")
        # parallel blocks
        for split, branches, join in blocks:
            w = f"block {steps[split]['id']}"
            region = set()
            stack = [b for b in branches]
            if join in branches:
                self.err(f"{w}: a branch is the join itself")
            while stack:
                i = stack.pop()
                if i == join or i in region:
                    continue
                region.add(i)
                if is_end[i]:
                    self.err(f"{w}: reaches end step {steps[i]['id']} before the join")
                stack.extend(j for j, _, _ in succ[i])
            if split in region:
                self.err(f"{w}: a branch leads back to the split")
            for i in region:
                for j, _, _ in succ[i]:
                    if j not in region and j != join:
                        self.err(f"{w}: edge leaves the block: {steps[i]['id']} -> {steps[j]['id']}")
                for p in pred[i]:
                    if p not in region and not (p == split and i in branches):
                        self.err(f"{w}: edge enters the block: {steps[p]['id']} -> {steps[i]['id']}")
            for p in pred[join]:
                if p not in region:
                    self.err(f"{w}: join entered from outside: {steps[p]['id']}")
            # every branch step can get to the join
            ok = {join}
            stack = [join]
            while stack:
                j = stack.pop()
                for i in pred[j]:
                    if i in region and i not in ok:
                        ok.add(i)
                        stack.append(i)
            for i in region:
                if i not in ok:
                    self.err(f"{w}: {steps[i]['id']} cannot reach the join")
        for u in units:
            if u not in used_units:
                self.err(f"unit {u}: no step uses it (warning)")
        if self.errors:
            return self

        # visits; a join takes the visits of its split instead of its inflow
        join_split = {jn: sp for sp, _, jn in blocks}
        edges = [(i, j, p) for i in range(n) for j, p, _ in succ[i] if j not in join_split]
        edges += [(sp, jn, 1.0) for jn, sp in join_split.items()]
        try:
            v = solve_visits(n, start, edges)
        except ValueError as e:
            self.err(f"visits: {e}")
            return self
        lam = cases / (dpy * self.hpd)
        rho_max = 0.0
        for uid, u in units.items():
            if u.get("external"):
                continue
            load = sum(v[i] * work[i] for i in range(n) if unit_of[i] == uid and work[i] > 0)
            rho = lam * load / (u["staff"] * u.get("availability", 1))
            rho_max = max(rho_max, rho)
            if rho >= 1:
                self.err(f"unit {uid}: utilisation {rho:.3f} >= 1 (warning)")
        self.stats = {"steps": n, "blocks": len(blocks), "rework": n_rework,
                      "ends": sum(is_end), "units": len(units), "rho_max": rho_max,
                      "v_max": max(v)}
        return self


def files_of(args):
    for a in args:
        if os.path.isdir(a):
            for root, dirs, names in os.walk(a):
                dirs.sort()
                for name in sorted(names):
                    if name.endswith((".yaml", ".yml")):
                        yield os.path.join(root, name)
        else:
            yield a


def main():
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    bad = 0
    count = 0
    total = 0
    agg = {"steps": [], "blocks": [], "rework": [], "ends": [], "units": [], "rho_max": []}
    for path in files_of(sys.argv[1:]):
        count += 1
        total += os.path.getsize(path)
        c = FileCheck(path).run()
        if c.errors:
            bad += 1
            for e in c.errors[:20]:
                print(f"{path}: {e}")
        else:
            for k in agg:
                agg[k].append(c.stats[k])
    print(f"{count} files, {total} bytes ({total / 1e6:.1f} MB), {bad} with problems")
    if agg["steps"]:
        for k, vals in agg.items():
            print(f"  {k:8} min {min(vals):g}  mean {sum(vals) / len(vals):.3g}  max {max(vals):g}")
    return 1 if bad or count == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
