"""The people of a unit as docs/format.md#capacity defines them, for
both SimPy models: ceil(staff) people, the last with the fractional share,
each present share x availability x hours_per_day hours a working day in one
block at an offset drawn once per person, a task stopped at the end of a
block resumed at the start of the person's next. The SimPy-version-specific
part (a process per person, interrupted when handed a task) is in each
model; this holds what both share: the blocks, the queue of waiting tasks
and which people are free and present."""
import collections
import math
import random


class Task:
    """A visit of a case to a unit: its work, when it asked, and the event
    the case waits on."""

    __slots__ = ("work", "asked", "step", "recorded", "done")

    def __init__(self, work, asked, step, recorded, done):
        self.work, self.asked, self.step, self.recorded, self.done = work, asked, step, recorded, done


class Staff:
    def __init__(self, unit, hpd):
        self.hpd = hpd
        staff, availability = unit["staff"], unit.get("availability", 1)
        whole = math.floor(staff)
        shares = [1.0] * whole + ([staff - whole] if staff > whole else [])
        # (offset, length) per person; a person present all day has length hpd.
        self.blocks = []
        for share in shares:
            length = share * availability * hpd
            offset = random.uniform(0, hpd - length) if length < hpd else 0.0
            self.blocks.append((offset, length))
        self.queue = collections.deque()
        self.idle = [False] * len(shares)  # free and present, waiting for a task

    def block_start(self, k, now):
        """The start of person k's block that is under way at now, or of the next."""
        offset, length = self.blocks[k]
        if length >= self.hpd:
            return now
        day = math.floor(now / self.hpd)
        begin = day * self.hpd + offset
        if now < begin:
            return begin
        return now if now < begin + length else begin + self.hpd

    def block_end(self, k, now):
        offset, length = self.blocks[k]
        if length >= self.hpd:
            return math.inf
        return math.floor(now / self.hpd) * self.hpd + offset + length

    def first_idle(self):
        """The first person free and present, or None."""
        for k, idle in enumerate(self.idle):
            if idle:
                return k
        return None
