"""The figures paperflow-simulate reports for one replication, collected the
way a SimPy user would, for bench/simpy_model.py and bench/simpy3_model.py.

A model that only timed its cases would do less than paperflow's engine,
which keeps per unit the people busy, the queue length, its maximum and the
waits, per step the waits, and the cases in the system, all over the
observed window after the warm-up, and ends with the lead times' mean,
percentiles and maximum. Both SimPy models keep the same, with the plain
accumulators below (SimPy 3 has no monitors; SimPy 2.3's Tally resets its
level to 0 at the end of the warm-up, which would be wrong here), and the
benchmark's clock includes computing the figures, as paperflow's does."""
import math


class Level:
    """A level over time (people busy, queue length, cases in the system),
    integrated from the end of the warm-up on."""

    __slots__ = ("level", "since", "area", "start")

    def __init__(self, start):
        self.level, self.since, self.area, self.start = 0, 0.0, 0.0, start

    def change(self, now, by):
        if now > self.start:
            self.area += self.level * (now - (self.since if self.since > self.start else self.start))
        self.level += by
        self.since = now

    def mean(self, now):
        self.change(now, 0)
        return self.area / (now - self.start)


class UnitFigures:
    __slots__ = ("present", "busy", "queue", "max_queue", "wait_sum", "waits")

    def __init__(self, warmup):
        # People present, people busy, cases waiting: utilisation is busy
        # time over time present.
        self.present, self.busy, self.queue = Level(warmup), Level(warmup), Level(warmup)
        self.max_queue = 0
        self.wait_sum, self.waits = 0.0, 0


def percentile(ordered, p):
    """Nearest rank, as paperflow computes it."""
    n = len(ordered)
    return ordered[min(n, max(math.ceil(p * n), 1)) - 1]


def figures(now, lead, wip, units, steps):
    """The figures of one replication, as one line of `name value` pairs."""
    ordered = sorted(lead)
    out = [f"lead_mean {sum(ordered) / len(ordered):.2f}", f"p50 {percentile(ordered, 0.5):.2f}",
           f"p90 {percentile(ordered, 0.9):.2f}", f"p95 {percentile(ordered, 0.95):.2f}",
           f"max {ordered[-1]:.2f}", f"wip {wip.mean(now):.2f}"]
    for uid, unit in units.items():
        out.append(f"{uid}: utilisation {unit.busy.mean(now) / unit.present.mean(now):.3f}"
                   f" queue_wait {unit.wait_sum / unit.waits if unit.waits else 0:.3f}"
                   f" queue_length {unit.queue.mean(now):.3f} max_queue {unit.max_queue}")
    waits = [s["_wait_sum"] / s["_waits"] for s in steps.values() if s.get("_waits")]
    out.append(f"step_waits {len(waits)}")
    return ", ".join(out)
