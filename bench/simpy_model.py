#!/usr/bin/env python3
"""The same simulation as paperflow-simulate, written with SimPy (Debian's
python3-simpy, SimPy 2.3), for the speed comparison in bench/simulate.sh.

It reads a process file and simulates one replication: Poisson arrivals at
λ per working hour, the people of each internal unit as docs/format.md#capacity
defines them (bench/simpy_people.py: present in one block a day, a task
stopped at a block's end resumed at the next), each a Process that holds
until its block ends when idle and is interrupted when handed a task,
work and delay drawn from their distributions, choices, parallel branches
joined by a counter and an event, rework loops; 20 working days of warm-up,
then the first N arrivals recorded until they complete. It keeps the
figures paperflow-simulate reports (bench/simpy_figures.py) and counts
events as paperflow does (arrivals, step starts, step finishes), and prints
them with the wall time. Usage: simpy_model.py FILE [CASES]"""
import math
import random
import sys
import time

import yaml
from SimPy.Simulation import Process, SimEvent, Simulation, hold, waitevent
from simpy_figures import Level, UnitFigures, figures
from simpy_people import Staff, Task


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
    def __init__(self, doc):
        cal = doc.get("calendar", {}) or {}
        self.hpd = cal.get("hours_per_day", 8)
        days = cal.get("days_per_year", 250)
        self.rate = doc["demand"]["cases_per_year"] / (days * self.hpd)
        defaults = doc.get("defaults", {}) or {}
        self.units = {u["id"]: u for u in doc["units"]}
        self.steps = {}
        self.joins = set()
        for s in doc["steps"]:
            unit = s.get("unit", defaults.get("unit")) if not s.get("end") else None
            self.steps[s["id"]] = s
            s["_unit"] = unit
            s["_work"] = sampler(s.get("work"), self.hpd)
            s["_delay"] = sampler(s.get("delay"), self.hpd)
            s["_has_work"] = s.get("work") not in (None, 0, "0")
            s["_wait_sum"], s["_waits"] = 0.0, 0
            if "parallel" in s:
                self.joins.add(s["join"])
        self.start = doc.get("start", doc["steps"][0]["id"])


class Case(Process):
    def __init__(self, bench, recorded):
        Process.__init__(self, sim=bench.sim)
        self.bench, self.recorded = bench, recorded

    def run(self):
        arrived = self.sim.now()
        self.bench.wip.change(arrived, 1)
        for command in self.walk(self.bench.model.start, None):
            yield command
        self.bench.wip.change(self.sim.now(), -1)
        self.bench.done(self, arrived)

    def walk(self, step_id, stop_at):
        b, model = self.bench, self.bench.model
        while step_id != stop_at:
            step = model.steps[step_id]
            if step.get("end"):
                return
            unit = step["_unit"]
            queued = unit is not None and not model.units[unit].get("external") and step["_has_work"]
            if queued:
                staff, unit_figures = b.staff[unit], b.figures[unit]
                task = Task(step["_work"](), self.sim.now(), step, self.recorded, SimEvent(sim=self.sim))
                k = staff.first_idle()
                if k is not None:
                    staff.idle[k] = False
                    person = b.people[unit][k]
                    person.handed = task
                    self.interrupt(person)
                else:
                    staff.queue.append(task)
                    unit_figures.queue.change(self.sim.now(), 1)
                    if self.sim.now() >= b.warmup and unit_figures.queue.level > unit_figures.max_queue:
                        unit_figures.max_queue = unit_figures.queue.level
                yield waitevent, self, task.done
                delay = step["_delay"]()
                if delay > 0:
                    yield hold, self, delay
            else:
                b.events += 1
                yield hold, self, step["_work"]() + step["_delay"]()
            b.events += 1
            routing = step.get("next")
            if "parallel" in step:
                join = step["join"]
                signal = SimEvent(sim=self.sim)
                counter = [len(step["parallel"])]
                for branch in step["parallel"]:
                    runner = Branch(b, self, branch, join, counter, signal)
                    self.sim.activate(runner, runner.run())
                yield waitevent, self, signal
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


class Person(Process):
    """One person of a unit: present in a block a day, working the queue."""

    def __init__(self, bench, uid, k):
        Process.__init__(self, sim=bench.sim)
        self.bench, self.uid, self.k = bench, uid, k
        self.handed = None

    def run(self):
        b, sim, k = self.bench, self.sim, self.k
        staff, unit_figures = b.staff[self.uid], b.figures[self.uid]
        task, remaining = None, 0.0  # the task in hand, carried over to the next block
        while True:
            start = staff.block_start(k, sim.now())
            if start > sim.now():
                yield hold, self, start - sim.now()
            end = staff.block_end(k, sim.now())
            unit_figures.present.change(sim.now(), 1)
            while sim.now() < end:
                if task is None:
                    if staff.queue:
                        task = staff.queue.popleft()
                        unit_figures.queue.change(sim.now(), -1)
                    else:
                        staff.idle[k] = True
                        yield hold, self, (end - sim.now()) if end < math.inf else 1e300
                        if not self.interrupted():
                            staff.idle[k] = False  # the block is over
                            break
                        self.interruptReset()
                        task, self.handed = self.handed, None  # whoever handed it cleared idle
                    b.started(self.uid, task)
                    remaining = task.work
                unit_figures.busy.change(sim.now(), 1)
                if remaining <= end - sim.now():
                    yield hold, self, remaining
                    unit_figures.busy.change(sim.now(), -1)
                    task.done.signal()
                    task = None
                else:
                    worked = end - sim.now()
                    yield hold, self, worked
                    unit_figures.busy.change(sim.now(), -1)
                    remaining -= worked
            unit_figures.present.change(sim.now(), -1)


class Branch(Process):
    def __init__(self, bench, case, first, join, counter, signal):
        Process.__init__(self, sim=bench.sim)
        self.bench, self.case, self.first, self.join = bench, case, first, join
        self.recorded = case.recorded
        self.counter, self.signal = counter, signal

    def run(self):
        for command in Case.walk(self, self.first, self.join):
            yield command
        self.counter[0] -= 1
        if self.counter[0] == 0:
            self.signal.signal()


class Source(Process):
    def run(self, bench):
        while True:
            yield hold, self, random.expovariate(bench.model.rate)
            bench.events += 1
            recorded = self.sim.now() >= bench.warmup and bench.recorded < bench.cases
            if recorded:
                bench.recorded += 1
            case = Case(bench, recorded)
            self.sim.activate(case, case.run())


class Bench:
    def __init__(self, model, cases):
        self.model, self.cases = model, cases
        self.sim = Simulation()
        self.sim.initialize()
        self.warmup = 20 * model.hpd
        self.staff = {uid: Staff(u, model.hpd) for uid, u in model.units.items() if not u.get("external")}
        self.figures = {uid: UnitFigures(self.warmup) for uid in self.staff}
        self.people = {uid: [Person(self, uid, k) for k in range(len(staff.blocks))] for uid, staff in self.staff.items()}
        for people in self.people.values():
            for person in people:
                self.sim.activate(person, person.run())
        self.events = self.recorded = self.completed = 0
        self.lead = []
        self.wip = Level(self.warmup)

    def started(self, uid, task):
        waited = self.sim.now() - task.asked
        if task.recorded:
            unit_figures = self.figures[uid]
            unit_figures.wait_sum += waited
            unit_figures.waits += 1
            task.step["_wait_sum"] += waited
            task.step["_waits"] += 1
        self.events += 1

    def done(self, case, arrived):
        if case.recorded:
            self.completed += 1
            self.lead.append(self.sim.now() - arrived)
            if self.completed == self.cases:
                self.sim.stopSimulation()


def main():
    path = sys.argv[1]
    cases = int(sys.argv[2]) if len(sys.argv) > 2 else 20000
    random.seed(1)
    with open(path, encoding="utf-8") as f:
        model = Model(yaml.safe_load(f))
    bench = Bench(model, cases)
    source = Source(sim=bench.sim)
    bench.sim.activate(source, source.run(bench))
    start = time.perf_counter()
    bench.sim.simulate(until=1e12)
    result = figures(bench.sim.now(), bench.lead, bench.wip, bench.figures, model.steps)
    seconds = time.perf_counter() - start
    mean = sum(bench.lead) / len(bench.lead)
    print(f"cases {bench.completed} events {bench.events} seconds {seconds:.3f} "
          f"events_per_second {bench.events / seconds:.0f} lead_time_mean {mean:.1f} figures: {result}")


if __name__ == "__main__":
    main()
