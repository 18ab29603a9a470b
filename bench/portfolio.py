#!/usr/bin/env python3
"""The portfolio benchmark (issue 15): an organisation of N processes of 30
steps sharing 50 units, and the time and peak memory of paperflow-validate
and paperflow-analyse --format json on it.

usage: bench/portfolio.py generate --processes N [--seed S] [--overload] [--external-shared] --out DIR
       bench/portfolio.py [--build BUILD_DIR] [--sizes 1000,3000,10000] [--seed S]

`generate` writes DIR/organisation.yaml and DIR/prozesse/verfahren-NNNNN.yaml
(Python standard library only, deterministic: the same seed gives the same
bytes, and process i does not depend on N; the shared units' staff does, as
it is sized to the load of all N). The tests use it with a small N
(tests/cli/check_portfolio_oracle.py). `--overload` sizes the first post
room to a utilisation of about 1.2, so the portfolio is unstable;
`--external-shared` lists the applicant as a shared external unit and makes
one shared unit, which the processes write as internal, external in the
organisation.

Without `generate` it measures, for each size, the whole call of
`paperflow-validate ORG` and of `paperflow-analyse ORG --format json`, with
--threads 1 and with the default (all cores), wall seconds and peak RSS
and CPU seconds (user + system) and peak RSS (/usr/bin/time), best of
--rounds (peak: the largest), and prints a table with the CPU seconds per
1,000 steps, which stays flat when the time grows linearly in the total
number of steps. --build is a build directory or a directory of the tools. Figures in bench/README.md ("Portfolio benchmark"). Exit 1
when a call fails or 10,000 processes take more than 10 s to analyse.
"""
import argparse
import math
import os
import pathlib
import random
import subprocess
import sys
import tempfile

SHARED_UNITS = 50
STEPS = 30
HOURS_PER_YEAR = 8 * 250

# The 50 shared units: 3 post rooms, 3 registries, 2 cash offices, then
# central services. (id, name, cost per hour)
SHARED = ([(f"poststelle_{k}", f"Zentrale Poststelle {k}", 52) for k in range(3)] +
          [(f"registratur_{k}", f"Zentrale Registratur {k}", 55) for k in range(3)] +
          [(f"kasse_{k}", f"Stadtkasse {k}", 56) for k in range(2)] +
          [(f"service_{k:02d}", f"Zentraler Dienst {k} (Scan und Druck)", 50 + k % 15)
           for k in range(8, SHARED_UNITS)])
OWN = {"sachbearbeitung": ("Sachbearbeitung", 62), "fachstelle": ("Fachstelle", 66), "leitung": ("Amtsleitung", 78)}
ACTIVITIES = ["transcribe", "check", "assess", "print", "archive", "retrieve", "transport", "scan", "other", "approve"]


def minutes(x):
    return f"{x:g}min"


def work_of(rng):
    """A work estimate: (YAML text, mean hours)."""
    m = rng.choice([2, 3, 5, 8, 10, 15, 20, 30, 45])
    kind = rng.random()
    if kind < 0.7:
        a, b = max(1, round(m * 0.5)), round(m * 2.5)
        return f"[{minutes(a)}, {minutes(m)}, {minutes(b)}]", (a + m + b) / 3 / 60
    if kind < 0.8:
        return minutes(m), m / 60
    if kind < 0.87:
        return f"{{dist: exponential, mean: {minutes(m)}}}", m / 60
    if kind < 0.94:
        return f"{{dist: uniform, min: {minutes(max(1, m // 2))}, max: {minutes(2 * m)}}}", (max(1, m // 2) + 2 * m) / 2 / 60
    return f"{{dist: lognormal, mean: {minutes(m)}, sd: {minutes(m * 0.6)}}}", m / 60


def process(i, seed):
    """Process i: (id, YAML text without the units, unit rows, {unit: load hours per case}, cases a year).

    Visits are known in closed form from the shape: a completeness check
    with rework (pr) and an early exit (pe), a parallel block of two
    branches, a chain with an optional fee, a review that sends the decision
    back (pb), and two or three end steps."""
    rng = random.Random(f"portfolio:{seed}:{i}")
    pid = f"verfahren_{i:05d}"
    cases = int(math.exp(rng.uniform(math.log(100), math.log(20000))))
    maturity = rng.choice([0, 0, 1, 1, 2])  # paper, digital form, digital throughout
    post = rng.randrange(0, 3)
    registry = rng.randrange(3, 6)
    cash = rng.randrange(6, 8)
    services = rng.sample(range(8, SHARED_UNITS), rng.randint(1, 3))
    shared = [post, registry, cash] + services
    pr, pe, pb = rng.choice([0.1, 0.2, 0.3, 0.45]), rng.choice([0.01, 0.02, 0.05]), rng.choice([0.05, 0.1, 0.15])
    pf, pg = rng.choice([0.3, 0.6, 0.9]), rng.choice([0.7, 0.8, 0.9])
    v04 = 1 / (1 - pr)
    flow = (1 - pr - pe) * v04
    loop = flow / (1 - pb)

    def internal_medium():
        return "digital" if rng.random() < 0.3 + 0.3 * maturity else "paper"

    def own_unit():
        r = rng.random()
        return "sachbearbeitung" if r < 0.6 else "fachstelle" if r < 0.85 else "leitung"

    def chain_unit():
        return SHARED[rng.choice(shared[1:])][0] if rng.random() < 0.4 else own_unit()

    applicant_medium = "paper" if maturity == 0 else "digital"
    submit_channel = "online" if maturity == 2 else rng.choice(["post", "in_person"]) if maturity == 0 else "post"
    submit_medium = "digital" if maturity == 2 else "paper"
    # (id, name, unit, activity, medium, visits, extra keys, next)
    rows = [
        ("antrag_ausfuellen", "Antrag ausfüllen", "antragsteller", "fill_in", applicant_medium, 1,
         {"produces": "[antrag]"}, "antrag_einreichen"),
        ("antrag_einreichen", "Antrag einreichen", "antragsteller", "submit", submit_medium, 1,
         {"channel": submit_channel}, "eingang_erfassen"),
        ("eingang_erfassen", "Eingang erfassen", SHARED[post][0], "receive", submit_medium, 1,
         {"uses": "[antrag]"}, "vollstaendigkeit_pruefen"),
        ("vollstaendigkeit_pruefen", "Vollständigkeit prüfen", "sachbearbeitung", "check", internal_medium(), v04, {},
         [("unterlagen_nachfordern", pr, True), ("ruecknahme", pe, False),
          ("beteiligung_einleiten", round(1 - pr - pe, 2), False)]),
        ("unterlagen_nachfordern", "Unterlagen nachfordern", "sachbearbeitung", "request", "paper", pr * v04,
         {"channel": "post", "delay": "[1d, 3d, 2wk]"}, "unterlagen_nachreichen"),
        ("unterlagen_nachreichen", "Unterlagen nachreichen", "antragsteller", "submit", applicant_medium, pr * v04,
         {}, "vollstaendigkeit_pruefen"),
        ("beteiligung_einleiten", "Beteiligung einleiten", "sachbearbeitung", "consult", internal_medium(), flow,
         {"parallel": "[stellungnahme_a, stellungnahme_b]", "join": "stellungnahmen_zusammenfuehren"}, None),
        ("stellungnahme_a", "Stellungnahme A vorbereiten", SHARED[rng.choice(services)][0], "assess", internal_medium(),
         flow, {}, "stellungnahme_a_pruefen"),
        ("stellungnahme_a_pruefen", "Stellungnahme A prüfen", chain_unit(), "check", internal_medium(), flow, {},
         "stellungnahmen_zusammenfuehren"),
        ("stellungnahme_b", "Stellungnahme B einholen", "fachstelle", "consult", internal_medium(), flow,
         {"delay": "[1d, 2d, 1wk]"}, "stellungnahme_b_ablegen"),
        ("stellungnahme_b_ablegen", "Stellungnahme B ablegen", SHARED[registry][0], "archive", internal_medium(), flow,
         {}, "stellungnahmen_zusammenfuehren"),
        ("stellungnahmen_zusammenfuehren", "Stellungnahmen zusammenführen", "sachbearbeitung", "check",
         internal_medium(), flow, {}, "bearbeitung_01"),
    ]
    for k in range(1, 10):  # bearbeitung_01 .. bearbeitung_09, the fee between 05 and 06
        sid = f"bearbeitung_{k:02d}"
        nxt = f"bearbeitung_{k + 1:02d}" if k < 9 else "entscheidung_vorbereiten"
        if k == 5:
            nxt = [("gebuehr_zahlen", pf, False), ("bearbeitung_06", round(1 - pf, 2), False)]
        rows.append((sid, f"Bearbeitung Schritt {k}", chain_unit(), rng.choice(ACTIVITIES), internal_medium(), flow,
                     {"delay": "1d"} if rng.random() < 0.2 else {}, nxt))
        if k == 5:
            rows.append(("gebuehr_zahlen", "Gebühr zahlen", SHARED[cash][0], "pay", applicant_medium, pf * flow,
                         {}, "bearbeitung_06"))
    rows += [
        ("entscheidung_vorbereiten", "Entscheidung vorbereiten", "sachbearbeitung", "assess", internal_medium(), loop,
         {}, "entscheiden"),
        ("entscheiden", "Entscheiden", "leitung", "decide", internal_medium(), loop, {}, "entscheidung_pruefen"),
        ("entscheidung_pruefen", "Entscheidung gegenzeichnen", "leitung", "approve", internal_medium(), loop, {},
         [("entscheidung_vorbereiten", pb, True), ("bescheid_drucken", round(1 - pb, 2), False)]),
        ("bescheid_drucken", "Bescheid drucken", chain_unit(), "print", internal_medium(), flow,
         {"produces": "[bescheid]"}, "bescheid_versenden"),
        ("bescheid_versenden", "Bescheid versenden", SHARED[post][0], "send", "digital" if maturity == 2 else "paper",
         flow, {"channel": "online" if maturity == 2 else "post", "uses": "[bescheid]"},
         [("bewilligt", pg, False), ("abgelehnt", round(1 - pg, 2), False)]),
        ("bewilligt", "Bewilligt", None, None, None, 0, {}, None),
        ("abgelehnt", "Abgelehnt", None, None, None, 0, {}, None),
        ("ruecknahme", "Zurückgenommen", None, None, None, 0, {}, None),
    ]
    assert len(rows) == STEPS, len(rows)

    load = {}
    used = set()
    lines = []
    for sid, name, unit, activity, medium, visits, extra, nxt in rows:
        if unit is None:
            lines.append(f"  - {{id: {sid}, name: {name}, end: true}}")
            continue
        used.add(unit)
        fields = [f"id: {sid}", f"name: {name}", f"unit: {unit}", f"activity: {activity}", f"medium: {medium}"]
        if activity == "transport":
            fields.append("delay: [2h, 1d, 2d]")
            extra = {k: v for k, v in extra.items() if k != "delay"}
        else:
            text, mean = work_of(rng)
            fields.append(f"work: {text}")
            load[unit] = load.get(unit, 0.0) + visits * mean
        fields += [f"{k}: {v}" for k, v in extra.items()]
        if isinstance(nxt, str):
            fields.append(f"next: {nxt}")
        elif nxt:
            fields.append("next: [" + ", ".join(f"{{to: {to}, p: {p:g}{', rework: true' if rw else ''}}}"
                                                 for to, p, rw in nxt) + "]")
        lines.append("  - {" + ", ".join(fields) + "}")

    lam = cases / HOURS_PER_YEAR
    units = [("antragsteller", "  - {id: antragsteller, name: Antragsteller:in, external: true}")]
    for uid, (uname, cost) in OWN.items():
        units.append((uid, own_unit_row(uid, uname, cost, lam * load.get(uid, 0.0), rng)))
    for uid, uname, cost in (s for s in SHARED if s[0] in used):
        units.append((uid, own_unit_row(uid, uname, cost, lam * load.get(uid, 0.0), rng)))
    text = "\n".join([
        "paperflow: 1",
        f"process: {{id: {pid}, name: Verfahren {i} der Stadtverwaltung, owner: Fachamt {i % 40},"
        f" legal_basis: [Satzung {i}]}}",
        "calendar: {hours_per_day: 8, days_per_year: 250}" if i % 2 else "# calendar: the defaults",
        f"demand: {{cases_per_year: {cases}}}",
        "units:", *(row for _, row in units),
        "documents:",
        f"  - {{id: antrag, name: Antrag, medium: {applicant_medium}}}",
        "  - {id: bescheid, name: Bescheid, medium: paper}",
        "steps:", *lines]) + "\n"
    return pid, text, load, cases


def own_unit_row(uid, name, cost, load_per_hour, rng):
    """A unit sized to a utilisation of 0.4 to 0.85 on this process's own load."""
    target = rng.uniform(0.4, 0.85)
    staff = max(1, math.ceil(load_per_hour / target))
    availability = max(0.001, math.ceil(load_per_hour / (staff * target) * 1000) / 1000)  # up: below the target
    return f"  - {{id: {uid}, name: {name}, staff: {staff}, availability: {availability:g}, cost_per_hour: {cost}}}"


def generate(out, n, seed, overload=False, external_shared=False):
    """Writes the organisation into `out`; returns the path of organisation.yaml."""
    out = pathlib.Path(out)
    (out / "prozesse").mkdir(parents=True, exist_ok=True)
    shared_load = {uid: 0.0 for uid, _, _ in SHARED}
    for i in range(1, n + 1):
        pid, text, load, cases = process(i, seed)
        (out / "prozesse" / f"verfahren-{i:05d}.yaml").write_text(text, encoding="utf-8")
        for uid in shared_load:
            shared_load[uid] += cases / HOURS_PER_YEAR * load.get(uid, 0.0)
    rng = random.Random(f"organisation:{seed}:{n}")
    units = []
    if external_shared:
        units.append("  - {id: antragsteller, name: Antragsteller:innen, external: true}")
    for k, (uid, name, cost) in enumerate(SHARED):
        target = 1.2 if overload and k == 0 else rng.uniform(0.5, 0.85)
        if external_shared and k == 8:
            units.append(f"  - {{id: {uid}, name: {name} (extern vergeben), external: true}}")
            continue
        availability = 0.9 if k % 3 else 1
        staff = max(0.001, round(shared_load[uid] / (availability * target), 3)) if shared_load[uid] else 1
        units.append(f"  - {{id: {uid}, name: {name}, staff: {staff:g}, availability: {availability}, "
                     f"cost_per_hour: {cost}}}")
    text = "\n".join([
        "paperflow: 1",
        f"organisation: {{id: stadt-{seed}, name: Stadtverwaltung {seed} mit {n} Verfahren}}",
        "calendar: {hours_per_day: 8, days_per_year: 250}",
        "units:", *units,
        "processes:",
        "  - prozesse/"]) + "\n"
    path = out / "organisation.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def timed(command):
    """(exit code, wall seconds, CPU seconds, peak MB, end of stderr) of one call under /usr/bin/time."""
    with tempfile.NamedTemporaryFile("r") as timing:
        result = subprocess.run(["/usr/bin/time", "-o", timing.name, "-f", "%e %U %S %M", *command],
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        wall, user, system, kilobytes = timing.read().split()[-4:]
    return (result.returncode, float(wall), float(user) + float(system), int(kilobytes) * 1024 / 1e6,
            result.stderr.decode()[-2000:])


def bench(arguments):
    tools = pathlib.Path(arguments.build)
    tools = tools / "tools" if (tools / "tools").is_dir() else tools
    sizes = [int(s) for s in arguments.sizes.split(",")]
    failed = False
    rows = []
    print(f"{'tool':<9} {'threads':>7} {'processes':>9} {'steps':>7} {'wall s':>7} {'CPU s':>7} "
          f"{'CPU s/1000 steps':>16} {'peak MB':>8}")
    with tempfile.TemporaryDirectory() as directory:
        for n in sizes:
            org = generate(pathlib.Path(directory) / f"n{n}", n, arguments.seed)
            for path in sorted((org.parent / "prozesse").iterdir()):
                path.read_bytes()  # into the page cache
            for name, command in (("validate", [str(tools / "paperflow-validate"), str(org)]),
                                  ("analyse", [str(tools / "paperflow-analyse"), str(org), "--format", "json"])):
                for threads in ("1", None):
                    call = command + (["--threads", threads] if threads else [])
                    best, cpu, peak = math.inf, math.inf, 0.0
                    for _ in range(arguments.rounds):
                        code, wall, seconds, megabytes, err = timed(call)
                        if code != 0:
                            print(f"{' '.join(call)}: exit {code}\n{err}", file=sys.stderr)
                            failed = True
                        best, cpu, peak = min(best, wall), min(cpu, seconds), max(peak, megabytes)
                    rows.append((name, threads or "all", n, best))
                    print(f"{name:<9} {threads or 'all':>7} {n:>9} {n * STEPS:>7} {best:>7.2f} {cpu:>7.2f} "
                          f"{cpu / (n * STEPS) * 1000:>16.3f} {peak:>8.0f}", flush=True)
    for name, threads, n, best in rows:
        if name == "analyse" and n >= 10000 and best > 10:
            print(f"goal missed: analyse of {n} processes ({threads} threads) took {best:.1f} s", file=sys.stderr)
            failed = True
    return 1 if failed else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command")
    g = sub.add_parser("generate", help="write an organisation")
    g.add_argument("--processes", type=int, required=True)
    g.add_argument("--seed", type=int, default=1)
    g.add_argument("--overload", action="store_true")
    g.add_argument("--external-shared", action="store_true")
    g.add_argument("--out", required=True)
    parser.add_argument("--build", default="build")
    parser.add_argument("--sizes", default="1000,3000,10000")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rounds", type=int, default=1)
    arguments = parser.parse_args()
    if arguments.command == "generate":
        print(generate(arguments.out, arguments.processes, arguments.seed, arguments.overload,
                       arguments.external_shared))
        return 0
    return bench(arguments)


if __name__ == "__main__":
    sys.exit(main())
