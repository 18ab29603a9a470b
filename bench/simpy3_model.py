#!/usr/bin/env python3
"""The same simulation as paperflow-simulate and bench/simpy_model.py,
written with SimPy 3 (Debian's python3-simpy3, module `simpy`), the API in
use today, for the speed comparison in bench/simulate.sh.

The model is the one of simpy_model.py, written as a SimPy 3 user would:
one Environment, the people of each internal unit as docs/format.md#capacity
defines them (bench/simpy_people.py), each a process that is present in
one block a day, takes the next waiting task or waits for one with a
timeout at the end of its block, is interrupted when handed a task, and
carries a task it could not finish over to its next block; env.timeout for
work and delays, `yield from` for a case's walk, and env.all_of over the branch
processes for a parallel join. Poisson arrivals at λ per working hour; 20
working days of warm-up, then the first N arrivals recorded until they
complete. It keeps the figures paperflow-simulate reports
(bench/simpy_figures.py), counts events as paperflow does (arrivals, step
starts, step finishes) and prints the same line as simpy_model.py.
Usage: simpy3_model.py FILE [CASES]"""
import math
import random
import sys
import time

import simpy
from simpy_figures import Level, UnitFigures, figures
from simpy_people import Staff, Task
import yaml


def hours(text, hpd):
    text = str(text)
    if text == "0":
        return 0.0
    for unit, factor in (("min", 1 / 60), ("wk", 5 * hpd), ("s", 1 / 3600), ("h", 1.0), ("d", hpd)):
        if text.endswith(unit):
            return float(text[: -len(unit)]) * factor
    raise ValueError(text)


def sampler(value, hpd):
    if value is None:
        return lambda: 0.0
    if isinstance(value, list):
        a, m, b = (hours(v, hpd) for v in value)
        return lambda: random.triangular(a, b, m) if b > a else a
    if isinstance(value, dict):
        kind = value["dist"]
        p = {k: hours(v, hpd) for k, v in value.items() if k != "dist"}
        if kind == "triangular":
            return lambda: random.triangular(p["min"], p["max"], p["mode"])
        if kind == "uniform":
            return lambda: random.uniform(p["min"], p["max"])
        if kind == "exponential":
            return lambda: random.expovariate(1 / p["mean"])
        if kind == "lognormal":
            s2 = math.log1p(p["sd"] ** 2 / p["mean"] ** 2)
            mu = math.log(p["mean"]) - s2 / 2
            return lambda: random.lognormvariate(mu, math.sqrt(s2))
    x = hours(value, hpd)
    return lambda: x


class Model:
    """The process file, with each step's unit, samplers and routing resolved once."""

    def __init__(self, doc):
        cal = doc.get("calendar", {}) or {}
        self.hpd = cal.get("hours_per_day", 8)
        days = cal.get("days_per_year", 250)
        self.rate = doc["demand"]["cases_per_year"] / (days * self.hpd)
        defaults = doc.get("defaults", {}) or {}
        self.units = {u["id"]: u for u in doc["units"]}
        self.steps = {}
        for s in doc["steps"]:
            unit = s.get("unit", defaults.get("unit")) if not s.get("end") else None
            self.steps[s["id"]] = s
            s["_work"] = sampler(s.get("work"), self.hpd)
            s["_delay"] = sampler(s.get("delay"), self.hpd)
            has_work = s.get("work") not in (None, 0, "0")
            # Only internal units with work queue; the applicant never does.
            s["_queued_at"] = unit if unit is not None and not self.units[unit].get("external") and has_work else None
            s["_wait_sum"], s["_waits"] = 0.0, 0
        self.start = doc.get("start", doc["steps"][0]["id"])


class Bench:
    def __init__(self, model, cases):
        self.model, self.cases = model, cases
        self.env = simpy.Environment()
        self.warmup = 20 * model.hpd
        self.staff = {uid: Staff(u, model.hpd) for uid, u in model.units.items() if not u.get("external")}
        self.figures = {uid: UnitFigures(self.warmup) for uid in self.staff}
        self.people = {uid: [self.env.process(self.person(uid, k)) for k in range(len(staff.blocks))]
                       for uid, staff in self.staff.items()}
        self.events = self.recorded = self.completed = 0
        self.lead = []
        self.all_done = self.env.event()
        self.wip = Level(self.warmup)

    def person(self, uid, k):
        env, staff, unit_figures = self.env, self.staff[uid], self.figures[uid]
        task, remaining = None, 0.0  # the task in hand, carried over to the next block
        while True:
            start = staff.block_start(k, env.now)
            if start > env.now:
                yield env.timeout(start - env.now)
            end = staff.block_end(k, env.now)
            unit_figures.present.change(env.now, 1)
            while env.now < end:
                if task is None:
                    if staff.queue:
                        task = staff.queue.popleft()
                        unit_figures.queue.change(env.now, -1)
                    else:
                        staff.idle[k] = True
                        try:
                            yield env.timeout(end - env.now)
                            staff.idle[k] = False  # the block is over
                            break
                        except simpy.Interrupt as handed:
                            task = handed.cause  # whoever handed it cleared idle
                    self.started(uid, task)
                    remaining = task.work
                unit_figures.busy.change(env.now, 1)
                if remaining <= end - env.now:
                    yield env.timeout(remaining)
                    unit_figures.busy.change(env.now, -1)
                    task.done.succeed()
                    task = None
                else:
                    worked = end - env.now
                    yield env.timeout(worked)
                    unit_figures.busy.change(env.now, -1)
                    remaining -= worked
            unit_figures.present.change(env.now, -1)

    def started(self, uid, task):
        waited = self.env.now - task.asked
        if task.recorded:
            unit_figures = self.figures[uid]
            unit_figures.wait_sum += waited
            unit_figures.waits += 1
            task.step["_wait_sum"] += waited
            task.step["_waits"] += 1
        self.events += 1

    def source(self):
        env, rate = self.env, self.model.rate
        while True:
            yield env.timeout(random.expovariate(rate))
            self.events += 1
            recorded = env.now >= self.warmup and self.recorded < self.cases
            if recorded:
                self.recorded += 1
            env.process(self.case(recorded))

    def case(self, recorded):
        arrived = self.env.now
        self.wip.change(arrived, 1)
        yield from self.walk(self.model.start, None, recorded)
        self.wip.change(self.env.now, -1)
        if recorded:
            self.completed += 1
            self.lead.append(self.env.now - arrived)
            if self.completed == self.cases:
                self.all_done.succeed()

    def walk(self, step_id, stop_at, recorded):
        env, steps = self.env, self.model.steps
        while step_id != stop_at:
            step = steps[step_id]
            if step.get("end"):
                return
            unit = step["_queued_at"]
            if unit is not None:
                staff, unit_figures = self.staff[unit], self.figures[unit]
                task = Task(step["_work"](), env.now, step, recorded, env.event())
                k = staff.first_idle()
                if k is not None:
                    staff.idle[k] = False
                    self.people[unit][k].interrupt(task)
                else:
                    staff.queue.append(task)
                    unit_figures.queue.change(env.now, 1)
                    if env.now >= self.warmup and unit_figures.queue.level > unit_figures.max_queue:
                        unit_figures.max_queue = unit_figures.queue.level
                yield task.done
                delay = step["_delay"]()
                if delay > 0:
                    yield env.timeout(delay)
            else:
                self.events += 1
                yield env.timeout(step["_work"]() + step["_delay"]())
            self.events += 1
            routing = step.get("next")
            if "parallel" in step:
                join = step["join"]
                yield env.all_of([env.process(self.walk(branch, join, recorded)) for branch in step["parallel"]])
                step_id = join
            elif isinstance(routing, list):
                u, total = random.random(), 0.0
                for choice in routing:
                    total += choice["p"]
                    if u < total:
                        break
                step_id = choice["to"]
            else:
                step_id = routing


def main():
    path = sys.argv[1]
    cases = int(sys.argv[2]) if len(sys.argv) > 2 else 20000
    random.seed(1)
    with open(path, encoding="utf-8") as f:
        model = Model(yaml.safe_load(f))
    bench = Bench(model, cases)
    bench.env.process(bench.source())
    start = time.perf_counter()
    bench.env.run(until=bench.all_done)
    result = figures(bench.env.now, bench.lead, bench.wip, bench.figures, model.steps)
    seconds = time.perf_counter() - start
    mean = sum(bench.lead) / len(bench.lead)
    print(f"cases {bench.completed} events {bench.events} seconds {seconds:.3f} "
          f"events_per_second {bench.events / seconds:.0f} lead_time_mean {mean:.1f} figures: {result}")


if __name__ == "__main__":
    main()
