#!/usr/bin/env python3
"""Generate valid paperflow process files for the benchmarks.

Standard library only, deterministic: the same --seed gives byte-identical
files, and file number i does not depend on how many files are written (the
first 1,000 files of a 3,000-file set are the 1,000-file set).

    generate_processes.py [--files N] [--steps N] [--out DIR] [--seed S]
    generate_processes.py --single-steps N [--out DIR] [--seed S]
    generate_processes.py --loop-steps N [--out DIR]

Every file is meant to pass paperflow-validate without a single diagnostic
(errors or warnings): every step reachable from the start and able to reach
an end step, choice probabilities that sum exactly to 1, rework loops that
can always be left, well-formed parallel blocks, every unit used and the
utilisation of every internal unit below 1 (staff is derived from the
demand and the expected work, see staff_units()).
"""

import argparse
import math
import os
import random
import sys

# --------------------------------------------------------------------------
# Vocabulary for realistic German administrative processes

PROCEDURES = [
    ("bewohnerparken", "Bewohnerparkausweis beantragen", ["StVO § 45 Abs. 1b"]),
    ("gewerbeanmeldung", "Gewerbe anmelden", ["GewO § 14"]),
    ("wohngeld", "Wohngeld beantragen", ["WoGG § 22"]),
    ("führungszeugnis", "Führungszeugnis beantragen", ["BZRG § 30"]),
    ("gartenhaus", "Baugenehmigung für ein Gartenhaus", ["BauO § 62"]),
    ("straßenfest", "Sondernutzung für ein Straßenfest", ["StrWG § 18"]),
    ("fischereischein", "Fischereischein ausstellen", ["LFischG § 31"]),
    ("hundesteuer", "Hund zur Hundesteuer anmelden", ["HuStS § 7"]),
    ("einbürgerung", "Einbürgerung beantragen", ["StAG § 10"]),
    ("elterngeld", "Elterngeld beantragen", ["BEEG § 7"]),
    ("lastenrad", "Zuschuss für ein Lastenfahrrad", ["Förderrichtlinie Lastenrad"]),
    ("grabnutzung", "Grabnutzungsrecht verlängern", ["Friedhofssatzung § 12"]),
    ("schankerlaubnis", "Gaststättenerlaubnis beantragen", ["GastG § 2"]),
    ("baumfällung", "Baumfällung genehmigen lassen", ["BaumSchVO § 4"]),
    ("kitaplatz", "Kita-Gutschein beantragen", ["KitaG § 6"]),
    ("schwerbehinderung", "Schwerbehindertenausweis beantragen", ["SGB IX § 152"]),
    ("umzug", "Wohnsitz ummelden", ["BMG § 17"]),
    ("anwohnerzufahrt", "Zufahrtsgenehmigung für Fußgängerzonen", ["StVO § 46"]),
    ("märkte", "Standplatz auf dem Wochenmarkt", ["Marktsatzung § 5"]),
    ("überfahrt", "Gehwegüberfahrt herstellen lassen", ["StrWG § 22"]),
]

OWNERS = [
    "Bezirksamt Hamburg-Nord",
    "Landratsamt Fürstenfeldbruck",
    "Stadt Köln – Bürgeramt Innenstadt",
    "Gemeinde Schönefeld",
    "Kreisverwaltung Düren",
    "Stadtverwaltung Görlitz",
    "Bezirksamt Tempelhof-Schöneberg",
    "Landeshauptstadt München – Kreisverwaltungsreferat",
    "Stadt Lübeck – Bürgerservice",
    "Landkreis Märkisch-Oderland",
    "Stadt Würzburg – Ordnungsamt",
    "Stadt Saarbrücken – Bürgeramt",
]

IT_SYSTEMS = ["OK.VERKEHR", "VOIS", "OK.EWO", "e²A", "Fachverfahren GEWAN",
              "SAP Kasse", "DMS enaio", "OPEN/PROSOZ", "ProBauG", "AKDB Ordnung"]

APPLICANTS = [
    ("antragsteller", "Antragsteller:in"),
    ("bürger", "Bürger:in"),
    ("unternehmen", "Antragstellendes Unternehmen"),
]
CASE_UNITS = [
    ("sachbearbeitung", "Sachbearbeitung"),
    ("bürgerdienste", "Bürgerdienste"),
    ("fachbereich", "Fachbereich Genehmigungen"),
]
INTAKE_UNITS = [("poststelle", "Zentrale Poststelle"), ("servicecenter", "Servicecenter")]
LEAD_UNITS = [("sachgebietsleitung", "Sachgebietsleitung"), ("amtsleitung", "Amtsleitung")]
CASH_UNITS = [("stadtkasse", "Stadtkasse"), ("zahlstelle", "Zahlstelle")]
REGISTRY_UNITS = [("registratur", "Registratur und Archiv"), ("schriftgut", "Schriftgutverwaltung")]
EXPERT_UNITS = [
    ("straßenverkehr", "Straßenverkehrsbehörde"),
    ("umweltamt", "Umweltamt"),
    ("bauaufsicht", "Bauaufsicht"),
    ("gesundheitsamt", "Gesundheitsamt"),
    ("ordnungsamt", "Ordnungsamt – Außendienst"),
]
AUTHORITIES = ["Polizei", "Feuerwehr", "Denkmalschutz", "Jobcenter",
               "Finanzamt", "Ausländerbehörde", "Tiefbauamt", "Grünflächenamt"]

# Middle-of-process tasks: (id, name, activity, role, work (s, s, s) or None,
# delays to choose from, documents used, documents produced)
MIN = 60
HOUR = 3600
TASKS = [
    ("zuständigkeit", "Zuständigkeit prüfen", "check", "case",
     (2 * MIN, 5 * MIN, 15 * MIN), [None], ["antrag"], []),
    ("anlegen", "Vorgang anlegen", "transcribe", "case",
     (5 * MIN, 8 * MIN, 20 * MIN), [None], ["antrag"], []),
    ("nachweise", "Nachweise prüfen", "check", "case",
     (5 * MIN, 10 * MIN, 30 * MIN), [None], ["nachweis"], []),
    ("bewerten", "Antrag bewerten", "assess", "case",
     (10 * MIN, 30 * MIN, 90 * MIN), [None], ["antrag", "nachweis"], []),
    ("akte_holen", "Akte anfordern", "retrieve", "registry",
     (5 * MIN, 10 * MIN, 30 * MIN), ["1d", "0.5d"], [], []),
    ("akte_leitung", "Akte zur Leitung bringen", "transport", "case",
     (1 * MIN, 2 * MIN, 5 * MIN), ["0.5d", "1d", "4h"], [], []),
    ("ortstermin", "Ortstermin durchführen", "assess", "expert",
     (30 * MIN, 1 * HOUR, 3 * HOUR), ["2d", "3d", "1wk"], [], ["stellungnahme"]),
    ("anhörung", "Anhörungsschreiben drucken", "print", "case",
     (2 * MIN, 3 * MIN, 6 * MIN), [None], [], []),
    ("anhörung_post", "Anhörung versenden", "send", "intake",
     (1 * MIN, 2 * MIN, 4 * MIN), ["2d"], [], []),
    ("frist", "Äußerungsfrist abwarten", "wait", "case",
     None, ["2wk", "1wk", "10d"], [], []),
    ("antwort", "Antwort erfassen", "receive", "intake",
     (2 * MIN, 3 * MIN, 8 * MIN), [None], [], []),
    ("mitzeichnen", "Entwurf mitzeichnen", "approve", "lead",
     (5 * MIN, 10 * MIN, 25 * MIN), [None, "1d"], [], []),
    ("scannen", "Unterlagen scannen", "scan", "intake",
     (1 * MIN, 3 * MIN, 6 * MIN), [None], ["nachweis"], []),
    ("register", "Im Register vermerken", "other", "case",
     (1 * MIN, 2 * MIN, 5 * MIN), [None], [], []),
    ("zahlen", "Gebühr überweisen", "pay", "applicant",
     (5 * MIN, 10 * MIN, 20 * MIN), ["3d", "1wk"], ["gebührenbescheid"], []),
    ("zahlung", "Zahlungseingang abgleichen", "pay", "cash",
     (2 * MIN, 5 * MIN, 12 * MIN), [None], [], []),
    ("gebühr", "Gebühr festsetzen", "decide", "case",
     (3 * MIN, 5 * MIN, 15 * MIN), [None], [], ["gebührenbescheid"]),
    ("rückfrage", "Telefonische Rückfrage", "consult", "case",
     (5 * MIN, 10 * MIN, 20 * MIN), [None, "1d"], [], []),
    ("abgleich", "Melderegister abfragen", "retrieve", "case",
     (2 * MIN, 4 * MIN, 10 * MIN), [None], [], []),
    ("vermerk", "Prüfvermerk schreiben", "other", "case",
     (5 * MIN, 15 * MIN, 40 * MIN), [None], [], []),
    ("ablage", "Zur Akte nehmen", "archive", "registry",
     (2 * MIN, 4 * MIN, 10 * MIN), [None], [], []),
]

MIDDLE_TASKS = [t for t in TASKS if t[2] != "pay"]   # payments come in seg_optional

ROLES = ["applicant", "case", "intake", "lead", "cash", "registry", "expert"]


def fmt_seconds(s):
    """A duration literal for s seconds (s > 0, whole seconds)."""
    s = int(round(s))
    if s % HOUR == 0:
        return f"{s // HOUR}h"
    if s >= HOUR and s % (HOUR // 2) == 0:
        return f"{s / HOUR:g}h"
    if s % MIN == 0:
        return f"{s // MIN}min"
    return f"{s}s"


def fmt_p(k):
    """A probability given in thousandths, as the shortest exact decimal."""
    text = f"{k / 1000:.3f}".rstrip("0")
    return text if not text.endswith(".") else text + "0"


def split_thousand(rng, n, smallest):
    """n integers >= smallest (thousandths) that sum exactly to 1000."""
    parts = [smallest] * n
    rest = 1000 - smallest * n
    for _ in range(rest // 5):
        parts[rng.randrange(n)] += 5
    parts[rng.randrange(n)] += rest % 5
    return parts


DELAY_HOURS = {"h": 1.0, "min": 1 / 60, "s": 1 / 3600}


def solve_visits(n, start, edges):
    """Expected visits v = e_start + W^T v for a graph of (i, j, weight) edges.

    Exact and linear in the size of the graph: the strongly connected
    components (rework loops) are solved one at a time, in topological order,
    each by Gaussian elimination. Raises ValueError if a component cannot be
    left (the system is singular).
    """
    out = [[] for _ in range(n)]
    for i, j, w in edges:
        out[i].append((j, w))
    # iterative Tarjan: components come out in reverse topological order
    index = [-1] * n
    low = [0] * n
    on_stack = [False] * n
    stack = []
    comps = []
    counter = 0
    for root in range(n):
        if index[root] != -1:
            continue
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack[root] = True
        work = [[root, 0]]
        while work:
            frame = work[-1]
            x, k = frame
            if k < len(out[x]):
                frame[1] += 1
                y = out[x][k][0]
                if index[y] == -1:
                    index[y] = low[y] = counter
                    counter += 1
                    stack.append(y)
                    on_stack[y] = True
                    work.append([y, 0])
                elif on_stack[y]:
                    low[x] = min(low[x], index[y])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[x])
            if low[x] == index[x]:
                comp = []
                while True:
                    y = stack.pop()
                    on_stack[y] = False
                    comp.append(y)
                    if y == x:
                        break
                comps.append(comp)
    v = [0.0] * n
    inflow = [0.0] * n
    inflow[start] = 1.0
    comp_of = [0] * n
    for c, comp in enumerate(comps):
        for x in comp:
            comp_of[x] = c
    for c in range(len(comps) - 1, -1, -1):
        comp = comps[c]
        if len(comp) == 1 and all(y != comp[0] for y, _ in out[comp[0]]):
            v[comp[0]] = inflow[comp[0]]
        else:
            pos = {x: k for k, x in enumerate(comp)}
            m = len(comp)
            a = [[0.0] * (m + 1) for _ in range(m)]
            for k, x in enumerate(comp):
                a[k][k] = 1.0
                a[k][m] = inflow[x]
            for x in comp:
                for y, w in out[x]:
                    if y in pos:
                        a[pos[y]][pos[x]] -= w
            for col in range(m):
                piv = max(range(col, m), key=lambda r: abs(a[r][col]))
                if abs(a[piv][col]) < 1e-12:
                    raise ValueError("a loop that cannot be left")
                a[col], a[piv] = a[piv], a[col]
                for r in range(m):
                    if r != col and a[r][col] != 0.0:
                        f = a[r][col] / a[col][col]
                        for cc in range(col, m + 1):
                            a[r][cc] -= f * a[col][cc]
            for k, x in enumerate(comp):
                v[x] = a[k][m] / a[k][k]
        for x in comp:
            for y, w in out[x]:
                if comp_of[y] != c:
                    inflow[y] += v[x] * w
    return v


class Hole:
    """A successor not known yet: the first step of the following segment."""

    def __init__(self):
        self.id = None


def ref(x):
    return x.id if isinstance(x, Hole) else x


class Step:
    __slots__ = ("id", "name", "unit", "activity", "medium", "channel", "signature",
                 "it_system", "work", "work_mean_h", "delay", "uses", "produces",
                 "route", "note")

    def __init__(self, sid, name):
        self.id = sid
        self.name = name
        self.unit = None        # role
        self.activity = None
        self.medium = None
        self.channel = None
        self.signature = None
        self.it_system = None
        self.work = None        # literal text
        self.work_mean_h = 0.0
        self.delay = None
        self.uses = []
        self.produces = []
        self.route = None       # ("next", x) | ("choice", [(x, k, rework)]) |
        #                         ("parallel", [ids], join) | ("end",)
        self.note = None


class Process:
    def __init__(self, rng, index, n_steps):
        self.rng = rng
        self.index = index
        self.n_steps = n_steps
        self.steps = []
        self.id_counts = {}
        self.blocks = 0
        self.reworks = 0
        self.choose_setting()

    # ---- file-level choices ------------------------------------------------

    def choose_setting(self):
        rng = self.rng
        base, title, legal = PROCEDURES[self.index % len(PROCEDURES)]
        self.pid = f"{base}-{self.index + 1:04d}"
        self.pname = f"{title} ({self.index + 1})"
        self.owner = rng.choice(OWNERS)
        self.legal = legal + (["VwVfG § 25"] if rng.random() < 0.4 else [])
        self.digital = rng.choice([0.1, 0.2, 0.3, 0.5, 0.7])
        self.hours_per_day = rng.choice([8, 8, 7.8, 7.5])
        self.days_per_year = rng.choice([250, 248, 251, 220])
        self.cases = rng.choice([150, 250, 400, 600, 900, 1200, 1800, 2500])
        if self.n_steps > 1000:
            self.cases = 50
        self.it_system = rng.choice(IT_SYSTEMS)

        units = {}
        units["applicant"] = rng.choice(APPLICANTS)
        units["case"] = rng.choice(CASE_UNITS)
        extra = rng.sample(["intake", "lead", "cash", "registry", "expert"], rng.randint(2, 4))
        pools = {"intake": INTAKE_UNITS, "lead": LEAD_UNITS, "cash": CASH_UNITS,
                 "registry": REGISTRY_UNITS, "expert": EXPERT_UNITS}
        for role in ["intake", "lead", "cash", "registry", "expert"]:
            if role in extra:
                units[role] = rng.choice(pools[role])
        self.units = units
        self.availability = {r: rng.choice([0.5, 0.6, 0.7, 0.75, 0.8, 0.9, 1])
                             for r in units if r != "applicant"}
        self.cost = {r: rng.choice([48, 52, 58, 61, 66, 72, 79]) for r in units if r != "applicant"}
        self.use_defaults = rng.random() < 0.9
        # an office works on paper files or in an e-file, with the odd exception
        self.unit_medium = {r: "digital" if rng.random() < self.digital else "paper"
                            for r in units}

        docs = {}
        form_medium = "digital" if rng.random() < self.digital else "paper"
        docs["formular"] = ("antragsformular", "Antragsformular", form_medium)
        docs["antrag"] = ("antrag", "Ausgefüllter Antrag", form_medium)
        docs["nachweis"] = rng.choice([("meldebescheinigung", "Meldebescheinigung", "paper"),
                                       ("fahrzeugschein", "Fahrzeugschein", "paper"),
                                       ("lageplan", "Lageplan", "paper"),
                                       ("einkommensnachweis", "Einkommensnachweise", "paper")])
        docs["bescheid"] = ("bescheid", "Bescheid", "paper" if rng.random() > self.digital else "digital")
        if rng.random() < 0.6:
            docs["stellungnahme"] = ("stellungnahme", "Fachliche Stellungnahme", "paper")
        if rng.random() < 0.5:
            docs["gebührenbescheid"] = ("gebührenbescheid", "Gebührenbescheid", "paper")
        self.docs = docs

    def unit_for(self, role):
        if role in self.units:
            return role
        if role == "registry" and "intake" in self.units and self.rng.random() < 0.3:
            return "intake"
        return "case"

    def doc_ids(self, roles):
        return [self.docs[r][0] for r in roles if r in self.docs]

    # ---- steps -------------------------------------------------------------

    def new_id(self, base):
        n = self.id_counts.get(base, 0) + 1
        self.id_counts[base] = n
        return base if n == 1 else f"{base}_{n}"

    def add(self, base, name, activity, role, work=None, delay=None,
            uses=(), produces=(), channel=None, medium=None, signature=None):
        rng = self.rng
        st = Step(self.new_id(base), name)
        st.activity = activity
        st.unit = self.unit_for(role)
        external = st.unit == "applicant"
        if medium is None:
            medium = self.unit_medium[st.unit]
            if rng.random() < 0.1:
                medium = "paper" if medium == "digital" else "digital"
        st.medium = medium
        if channel is None:
            if activity in ("send",):
                channel = "post" if medium == "paper" else "email"
            elif activity in ("consult",):
                channel = rng.choice(["phone", "email", "internal"])
            elif external:
                channel = ("post" if medium == "paper" else "online")
            elif rng.random() < 0.1:
                channel = "internal"
        st.channel = channel
        if signature is None and activity in ("sign", "approve") and rng.random() < 0.5:
            signature = "wet" if medium == "paper" else "qualified"
        st.signature = signature
        if not external and activity in ("transcribe", "assess", "decide", "check") \
                and rng.random() < 0.25:
            st.it_system = self.it_system
        if work is not None:
            st.work, st.work_mean_h = self.work_literal(work)
        if st.channel == "in_person" and external and st.work_mean_h == 0:
            st.work, st.work_mean_h = self.work_literal((10 * MIN, 15 * MIN, 30 * MIN))
        st.delay = delay
        if delay is None and rng.random() < 0.01:
            st.delay = "0"
        st.uses = list(uses) if rng.random() < 0.3 else []
        st.produces = list(produces)
        if rng.random() < 0.01:
            st.note = "Zeiten im Workshop von Sachbearbeiter:innen geschätzt"
        self.steps.append(st)
        return st

    def work_literal(self, tri):
        """A work duration in one of the accepted forms, and its mean in hours."""
        rng = self.rng
        a, m, b = tri
        jitter = rng.choice([0.5, 0.75, 1, 1, 1, 1.5, 2])
        a, m, b = (max(10, int(round(x * jitter / 10)) * 10) for x in (a, m, b))
        if a > m:
            a = m
        if b <= m:
            b = m + 60
        a, m, b = (x if x < MIN else x // MIN * MIN for x in (a, m, b))
        r = rng.random()
        if r < 0.78:
            return f"[{fmt_seconds(a)}, {fmt_seconds(m)}, {fmt_seconds(b)}]", (a + m + b) / 3 / HOUR
        if r < 0.90:
            return fmt_seconds(m), m / HOUR
        if r < 0.94:
            return f"{{dist: uniform, min: {fmt_seconds(a)}, max: {fmt_seconds(b)}}}", (a + b) / 2 / HOUR
        if r < 0.96:
            return (f"{{dist: triangular, min: {fmt_seconds(a)}, mode: {fmt_seconds(m)}, "
                    f"max: {fmt_seconds(b)}}}", (a + m + b) / 3 / HOUR)
        if r < 0.98:
            return f"{{dist: exponential, mean: {fmt_seconds(m)}}}", m / HOUR
        sd = max(MIN, (b - a) // 4 // MIN * MIN)
        return f"{{dist: lognormal, mean: {fmt_seconds(m)}, sd: {fmt_seconds(sd)}}}", m / HOUR

    def task(self, tpl=None):
        if tpl is None:
            last = self.steps[-1].id if self.steps else ""
            tpl = self.rng.choice(MIDDLE_TASKS)
            while last.startswith(tpl[0]):     # no task twice in a row
                tpl = self.rng.choice(MIDDLE_TASKS)
        base, name, activity, role, work, delays, uses, produces = tpl
        return self.add(base, name, activity, role, work, self.rng.choice(delays),
                        self.doc_ids(uses), self.doc_ids(produces))

    # ---- segments: each returns its entry id and links its exits to `out` --

    def seg_intake(self, size, out):
        rng = self.rng
        applicant_digital = rng.random() < self.digital
        med = "digital" if applicant_digital else "paper"
        fill = self.add("ausfüllen", "Antragsformular ausfüllen", "fill_in", "applicant",
                        (10 * MIN, 20 * MIN, 45 * MIN), None, self.doc_ids(["formular"]),
                        self.doc_ids(["antrag"]), medium=med,
                        channel="online" if applicant_digital else rng.choice([None, "in_person"]))
        if applicant_digital:
            sub = self.add("einreichen", "Antrag online einreichen", "submit", "applicant",
                           (2 * MIN, 5 * MIN, 10 * MIN), None, self.doc_ids(["antrag", "nachweis"]),
                           medium="digital", channel="online",
                           signature=rng.choice(["eid", "none", None]))
        elif rng.random() < 0.5:
            sub = self.add("einreichen", "Antrag per Post einreichen", "submit", "applicant",
                           (5 * MIN, 10 * MIN, 20 * MIN), "2d", self.doc_ids(["antrag", "nachweis"]),
                           medium="paper", channel="post", signature="wet")
        else:
            sub = self.add("abgabe", "Antrag im Bürgerbüro abgeben", "submit", "applicant",
                           (20 * MIN, 40 * MIN, 90 * MIN), None, self.doc_ids(["antrag", "nachweis"]),
                           medium="paper", channel="in_person", signature="wet")
        fill.route = ("next", sub.id)
        steps = [fill, sub]
        rec = self.add("eingang", "Posteingang registrieren", "receive", "intake",
                       (1 * MIN, 2 * MIN, 5 * MIN), None, self.doc_ids(["antrag"]),
                       medium=med)
        steps.append(rec)
        pool = [("scan", "Antrag scannen", "scan", "intake", (1 * MIN, 2 * MIN, 4 * MIN)),
                ("erfassen", "Antragsdaten erfassen", "transcribe", "case",
                 (5 * MIN, 10 * MIN, 20 * MIN)),
                ("bestätigung", "Eingangsbestätigung senden", "send", "case",
                 (1 * MIN, 2 * MIN, 5 * MIN))]
        while len(steps) < size:
            base, name, act, role, work = pool[(len(steps) - 3) % len(pool)]
            steps.append(self.add(base, name, act, role, work, None,
                                  self.doc_ids(["antrag"])))
        for a, b in zip(steps[1:], steps[2:]):
            a.route = ("next", b.id)
        steps[-1].route = ("next", out)
        return fill.id

    def seg_chain(self, size, out):
        steps = [self.task() for _ in range(size)]
        for a, b in zip(steps, steps[1:]):
            a.route = ("next", b.id)
        steps[-1].route = ("next", out)
        return steps[0].id

    def seg_rework(self, size, out):
        """A completeness check that sends the case back for missing documents.

        size 3: check -> request -> resubmit -> check
        size 4: + registering the resubmission
        size 5: + a transcription step before the check that the loop returns to
        """
        rng = self.rng
        self.reworks += 1
        pre = None
        if size >= 5:
            pre = self.add("sichten", "Unterlagen erfassen", "transcribe",
                           "case", (3 * MIN, 6 * MIN, 15 * MIN), None, self.doc_ids(["nachweis"]))
        chk = self.add("prüfen", "Vollständigkeit prüfen", "check", "case",
                       (5 * MIN, 10 * MIN, 30 * MIN), None, self.doc_ids(["antrag", "nachweis"]))
        req = self.add("nachfordern", "Unterlagen nachfordern", "request",
                       "case", (5 * MIN, 10 * MIN, 20 * MIN), None)
        res = self.add("nachreichen", "Unterlagen nachreichen", "submit", "applicant",
                       (10 * MIN, 20 * MIN, 60 * MIN), rng.choice(["1wk", "2wk", "5d"]),
                       produces=self.doc_ids(["nachweis"]))
        loop_target = pre.id if pre else chk.id
        last = res
        if size >= 4:
            reg = self.add("nacheingang", "Nachreichung erfassen", "receive",
                           "intake", (1 * MIN, 3 * MIN, 6 * MIN), None)
            res.route = ("next", reg.id)
            last = reg
        last.route = ("next", loop_target)
        if pre:
            pre.route = ("next", chk.id)
        k = rng.choice([50, 100, 150, 200, 250, 300, 350])
        chk.route = ("choice", [(req.id, k, True), (out, 1000 - k, False)])
        req.route = ("next", res.id)
        return pre.id if pre else chk.id

    def seg_optional(self, size, out):
        """An exclusive choice whose optional branch joins the main line again."""
        rng = self.rng
        dec = self.add("gebührenpflicht", "Gebührenpflicht prüfen", "decide", "case",
                       (2 * MIN, 4 * MIN, 10 * MIN), None)
        chain = [self.add("kostenbescheid", "Kostenbescheid erstellen", "print",
                          "case", (3 * MIN, 5 * MIN, 10 * MIN), None,
                          produces=self.doc_ids(["gebührenbescheid"]))]
        for tpl in (TASKS[14], TASKS[15]):
            if len(chain) < size - 1:
                chain.append(self.task(tpl))
        while len(chain) < size - 1:
            chain.append(self.task())
        for a, b in zip(chain, chain[1:]):
            a.route = ("next", b.id)
        chain[-1].route = ("next", out)
        k = rng.choice([300, 400, 500, 600, 700, 800, 900])
        dec.route = ("choice", [(chain[0].id, k, False), (out, 1000 - k, False)])
        return dec.id

    def seg_exit(self, size, out):
        rng = self.rng
        dec = self.add("rücknahme", "Rücknahme prüfen", "decide", "case",
                       (2 * MIN, 5 * MIN, 10 * MIN), None)
        k = rng.choice([20, 30, 40, 50, 80])
        dec.route = ("choice", [(self.end_ids["withdrawn"], k, False), (out, 1000 - k, False)])
        return dec.id

    def branch_steps(self, kind, length, authority):
        if kind == "expert":
            tpls = [("akte_fachamt", f"Akte an {self.unit_name('expert')} übersenden",
                     "transport", "case", (1 * MIN, 2 * MIN, 5 * MIN), "1d", [], []),
                    ("fachprüfung", "Fachliche Prüfung", "assess", "expert",
                     (20 * MIN, 45 * MIN, 2 * HOUR), None, ["antrag"], []),
                    ("votum", "Stellungnahme verfassen", "other", "expert",
                     (15 * MIN, 30 * MIN, 1 * HOUR), None, [], ["stellungnahme"])]
        elif kind == "authority":
            slug = authority.lower().replace("ä", "ae").replace("ö", "oe").replace("ü", "ue")
            tpls = [(f"anfrage_{slug}", f"Anfrage an {authority} senden", "send", "case",
                     (3 * MIN, 5 * MIN, 10 * MIN), "2d", [], []),
                    (f"warten_{slug}", f"Antwort {authority} abwarten", "wait", "case",
                     None, self.rng.choice(["1wk", "2wk", "3wk"]), [], []),
                    (f"antwort_{slug}", f"Antwort {authority} erfassen", "receive",
                     "intake", (1 * MIN, 3 * MIN, 6 * MIN), None, [], [])]
        else:
            tpls = [("altakte", "Altakte anfordern", "retrieve", "registry",
                     (5 * MIN, 10 * MIN, 20 * MIN), "1d", [], []),
                    ("altakte_prüfen", "Altakte auswerten", "check", "case",
                     (10 * MIN, 20 * MIN, 45 * MIN), None, [], [])]
        out = []
        for i in range(length):
            if i < len(tpls):
                base, name, act, role, work, delay, uses, prod = tpls[i]
                out.append(self.add(base, name, act, role, work, delay,
                                    self.doc_ids(uses), self.doc_ids(prod)))
            else:
                out.append(self.task(self.rng.choice(TASKS[:4] + TASKS[19:20])))
        return out

    def unit_name(self, role):
        return self.units[self.unit_for(role)][1]

    def seg_parallel(self, size, out):
        """A split into 2 or 3 branches that all lead to the join, and nowhere else."""
        rng = self.rng
        self.blocks += 1
        n_branches = 3 if size >= 8 and rng.random() < 0.5 else 2
        split = self.add("beteiligung", "Stellungnahmen einholen", "consult", "case",
                         (5 * MIN, 10 * MIN, 20 * MIN), None, self.doc_ids(["antrag"]))
        lengths = [1] * n_branches
        for _ in range(size - 2 - n_branches):
            lengths[rng.randrange(n_branches)] += 1
        kinds = ["expert", "authority", "registry"]
        rng.shuffle(kinds)
        authorities = rng.sample(AUTHORITIES, 3)
        branches = [self.branch_steps(kinds[i], lengths[i], authorities[i])
                    for i in range(n_branches)]
        join = self.add("auswertung", "Stellungnahmen auswerten", "assess", "case",
                        (10 * MIN, 20 * MIN, 45 * MIN), None,
                        self.doc_ids(["stellungnahme"]))
        for br in branches:
            for a, b in zip(br, br[1:]):
                a.route = ("next", b.id)
            last = br[-1]
            if len(br) >= 2 and rng.random() < 0.15:
                # a rework loop inside the branch, left towards the join
                self.reworks += 1
                last.activity = "check"
                k = rng.choice([50, 100, 150, 200])
                last.route = ("choice", [(br[0].id, k, True), (join.id, 1000 - k, False)])
            else:
                last.route = ("next", join.id)
        split.route = ("parallel", [br[0].id for br in branches], join.id)
        join.route = ("next", out)
        return split.id

    def seg_final(self, size):
        """The decision and its notices, leading to the end steps."""
        rng = self.rng
        dec = self.add("entscheidung", "Über Antrag entscheiden", "decide", "case",
                       (10 * MIN, 20 * MIN, 1 * HOUR), None, self.doc_ids(["antrag", "nachweis"]))
        n_refuse = 2
        n_grant = size - 1 - n_refuse
        grant = [self.add("ausfertigen", "Bescheid erstellen", "print", "case",
                          (5 * MIN, 10 * MIN, 20 * MIN), None, produces=self.doc_ids(["bescheid"]))]
        sig_medium = "paper" if rng.random() > self.digital else "digital"
        pool = [("zeichnen", "Bescheid zeichnen", "sign", "lead",
                 (2 * MIN, 5 * MIN, 10 * MIN), None, sig_medium),
                ("versand", "Bescheid versenden", "send", "intake",
                 (1 * MIN, 2 * MIN, 4 * MIN), "2d" if sig_medium == "paper" else None, sig_medium),
                ("archiv", "Vorgang archivieren", "archive", "registry",
                 (2 * MIN, 5 * MIN, 10 * MIN), None, None),
                ("statistik", "Statistik melden", "other", "case",
                 (1 * MIN, 2 * MIN, 4 * MIN), None, None)]
        i = 0
        while len(grant) < n_grant:
            if i < len(pool):
                base, name, act, role, work, delay, med = pool[i]
                grant.append(self.add(base, name, act, role, work, delay,
                                      self.doc_ids(["bescheid"]), medium=med))
            else:
                grant.append(self.task())
            i += 1
        refuse = [self.add("ablehnung", "Ablehnungsbescheid erstellen", "print", "case",
                           (10 * MIN, 20 * MIN, 40 * MIN), None,
                           produces=self.doc_ids(["bescheid"])),
                  self.add("zustellung", "Ablehnung zustellen", "send", "intake",
                           (1 * MIN, 2 * MIN, 5 * MIN), "3d", self.doc_ids(["bescheid"]),
                           medium="paper")]
        for chain, end in ((grant, self.end_ids["granted"]), (refuse, self.end_ids["refused"])):
            for a, b in zip(chain, chain[1:]):
                a.route = ("next", b.id)
            chain[-1].route = ("next", end)
        k = rng.choice([700, 750, 800, 850, 900, 950])
        dec.route = ("choice", [(grant[0].id, k, False), (refuse[0].id, 1000 - k, False)])
        return dec.id

    # ---- the whole process ---------------------------------------------------

    def build(self):
        rng = self.rng
        n = self.n_steps
        n_ends = rng.choice([2, 3])
        self.end_ids = {"granted": "bewilligt", "refused": "abgelehnt"}
        if n_ends == 3:
            self.end_ids["withdrawn"] = "zurückgezogen"
        intake = rng.randint(3, 5)
        final = rng.randint(5, 7)
        middle = n - intake - final - n_ends
        if middle < 12:
            raise SystemExit(f"--steps {n} is too small (at least {n - middle + 12})")
        scale = max(1.0, n / 100)
        plan = []
        for _ in range(max(1, round(scale * rng.choice([1, 2])))):
            plan.append(("parallel", rng.randint(5, 9)))
        for _ in range(max(1, round(scale * rng.choice([1, 1, 2])))):
            plan.append(("rework", rng.randint(3, 5)))
        for _ in range(round(scale * rng.choice([0, 1, 2]))):
            plan.append(("optional", rng.randint(3, 4)))
        if n_ends == 3:
            for _ in range(max(1, round(scale * rng.choice([0.5, 1])))):
                plan.append(("exit", 1))
        used = sum(s for _, s in plan)
        while used > middle:            # tiny --steps: drop optional pieces
            for i, (kind, s) in enumerate(plan):
                if kind in ("optional", "parallel", "rework") and \
                        sum(1 for k, _ in plan if k == kind) > (0 if kind == "optional" else 1):
                    del plan[i]
                    break
            else:
                break
            used = sum(s for _, s in plan)
        rest = middle - used
        while rest > 0:
            s = min(rest, rng.randint(1, 4))
            plan.append(("chain", s))
            rest -= s
        rng.shuffle(plan)
        # the first segments after the intake look better as checks, the exits late
        funcs = {"parallel": self.seg_parallel, "rework": self.seg_rework,
                 "optional": self.seg_optional, "exit": self.seg_exit, "chain": self.seg_chain}

        prev = Hole()
        self.start = self.seg_intake(intake, prev)
        for kind, size in plan:
            hole = Hole()
            prev.id = funcs[kind](size, hole)
            prev = hole
        prev.id = self.seg_final(final)
        for key, name in (("granted", "Antrag bewilligt"), ("refused", "Antrag abgelehnt"),
                          ("withdrawn", "Antrag zurückgezogen")):
            if key in self.end_ids:
                st = Step(self.end_ids[key], name)
                st.route = ("end",)
                self.steps.append(st)
        assert len(self.steps) == n, (len(self.steps), n)
        self.ensure_units_used()
        self.staff_units()

    def ensure_units_used(self):
        used = {s.unit for s in self.steps if s.route[0] != "end"}
        for role in self.units:
            if role not in used:
                # hand an internal task of the case unit to this unit
                for s in self.steps:
                    if s.unit == "case" and s.work_mean_h > 0 and s.activity in (
                            "other", "archive", "retrieve", "transport", "check"):
                        s.unit = role
                        break
                else:
                    raise AssertionError(f"unit {role} unused")

    def visits(self):
        """v = e_start + P^T v; a join is not entered through its incoming
        edges but takes the visits of its split (docs/format.md#visits)."""
        index = {s.id: i for i, s in enumerate(self.steps)}
        joins = {index[s.route[2]] for s in self.steps if s.route[0] == "parallel"}
        edges = []
        for i, s in enumerate(self.steps):
            r = s.route
            if r[0] == "next":
                edges.append((i, index[ref(r[1])], 1.0))
            elif r[0] == "choice":
                edges.extend((i, index[ref(to)], k / 1000) for to, k, _ in r[1])
            elif r[0] == "parallel":
                edges.extend((i, index[b], 1.0) for b in r[1])
                edges.append((i, index[r[2]], 1.0))
        edges = [e for e in edges if e[1] not in joins or self.steps[e[0]].route[0] == "parallel"]
        return solve_visits(len(self.steps), index[self.start], edges)

    def staff_units(self):
        lam = self.cases / (self.days_per_year * self.hours_per_day)
        load = {r: 0.0 for r in self.units}
        for vi, s in zip(self.visits(), self.steps):
            if s.route[0] != "end":
                load[s.unit] += vi * s.work_mean_h
        self.staff = {}
        for role in self.units:
            if role == "applicant":
                continue
            target = self.rng.choice([0.45, 0.55, 0.65, 0.7, 0.75, 0.8, 0.85])
            need = lam * load[role] / self.availability[role] / target
            self.staff[role] = max(0.5, math.ceil(need * 2) / 2)

    # ---- output --------------------------------------------------------------

    def yaml(self):
        rng = self.rng
        uid = {r: u[0] for r, u in self.units.items()}
        out = []
        w = out.append
        w("# generiert von bench/generate_processes.py\n")
        w("paperflow: 1\n")
        w("process:\n")
        w(f"  id: {self.pid}\n")
        w(f"  name: {self.pname}\n")
        w(f"  owner: {self.owner}\n")
        if rng.random() < 0.5:
            w("  description: >-\n    Ist-Prozess aus dem Workshop mit der Sachbearbeitung,\n"
              "    Zeiten als Dreipunktschätzung (minimal, üblich, maximal).\n")
        w(f"  legal_basis: [{', '.join(self.legal)}]\n")
        if rng.random() < 0.5:
            w(f"start: {self.start}\n")
        w("calendar:\n")
        w(f"  hours_per_day: {self.hours_per_day:g}\n")
        w(f"  days_per_year: {self.days_per_year}\n")
        w("demand:\n")
        w(f"  cases_per_year: {self.cases}\n")
        default_medium = self.unit_medium["case"]
        if self.use_defaults:
            w("defaults:\n")
            w(f"  medium: {default_medium}\n")
            w(f"  unit: {uid['case']}\n")
        if rng.random() < 0.3:
            w("x-workshop:\n  datum: 2024-03-12\n  moderation: Organisationsberatung\n")
        w("\nunits:\n")
        for role in ROLES:
            if role not in self.units:
                continue
            u_id, u_name = self.units[role]
            w(f"  - id: {u_id}\n")
            w(f"    name: {u_name}\n")
            if role == "applicant":
                w("    external: true\n")
                continue
            staff = self.staff[role]
            w(f"    staff: {int(staff) if staff == int(staff) else staff}\n")
            if self.availability[role] != 1 or rng.random() < 0.3:
                w(f"    availability: {self.availability[role]:g}\n")
            w(f"    cost_per_hour: {self.cost[role]}\n")
        w("\ndocuments:\n")
        for d_id, d_name, d_medium in self.docs.values():
            w(f"  - id: {d_id}\n    name: {d_name}\n    medium: {d_medium}\n")
        w("\nsteps:\n")
        for s in self.steps:
            w(f"  - id: {s.id}\n")
            w(f"    name: {s.name}\n")
            r = s.route
            if r[0] == "end":
                w("    end: true\n")
                continue
            if not (self.use_defaults and s.unit == "case"):
                w(f"    unit: {uid[s.unit]}\n")
            if s.activity != "other" or rng.random() < 0.5:
                w(f"    activity: {s.activity}\n")
            if not (self.use_defaults and s.medium == default_medium):
                w(f"    medium: {s.medium}\n")
            if s.channel:
                w(f"    channel: {s.channel}\n")
            if s.signature:
                w(f"    signature: {s.signature}\n")
            if s.it_system:
                w(f"    it_system: {s.it_system}\n")
            if s.work:
                w(f"    work: {s.work}\n")
            if s.delay:
                w(f"    delay: {s.delay}\n")
            if s.uses:
                w(f"    uses: [{', '.join(s.uses)}]\n")
            if s.produces:
                w(f"    produces: [{', '.join(s.produces)}]\n")
            if s.note:
                w(f"    x-notiz: {s.note}\n")
            if r[0] == "next":
                w(f"    next: {ref(r[1])}\n")
            elif r[0] == "choice":
                w("    next:\n")
                for to, k, rework in r[1]:
                    w(f"      - to: {ref(to)}\n        p: {fmt_p(k)}\n")
                    if rework:
                        w("        rework: true\n")
            else:
                w(f"    parallel: [{', '.join(r[1])}]\n")
                w(f"    join: {r[2]}\n")
        self.write_measures(w)
        return "".join(out)

    def write_measures(self, w):
        rng = self.rng
        if rng.random() >= 0.4:
            return
        acts = {s.activity for s in self.steps}
        w("\nmeasures:\n")
        w("  - id: online_antrag\n    name: Online-Antrag im Serviceportal\n"
          "    cost: {once: 40000, per_year: 4000}\n    changes:\n"
          "      - where: {activity: [fill_in, submit], medium: paper}\n"
          "        set: {medium: digital, channel: online, delay: 0}\n")
        if "transcribe" in acts and rng.random() < 0.7:
            w("      - where: {activity: transcribe}\n        remove: true\n")
        if rng.random() < 0.6:
            w("  - id: e_akte\n    name: Elektronische Akte\n"
              "    cost: {once: 120000, per_year: 15000}\n"
              "    requires: [online_antrag]\n    changes:\n"
              "      - where: {activity: check}\n        rework: x0.5\n"
              "      - where: {activity: assess}\n        work: x0.7\n")


def generate(index, n_steps, seed):
    rng = random.Random(seed * 1_000_003 + index)
    proc = Process(rng, index, n_steps)
    proc.build()
    return proc.yaml()


def loop_process(n_steps, p_return=0.999):
    """One rework loop of n_steps steps, listed backwards: the hard case of
    the visit equations (issue 18). The case runs s1 -> s2 -> ... -> sN and
    sN sends it back to s1 with p_return, so every step of the loop runs
    1 / (1 - p_return) times (1,000 for 0.999). The file lists sN first and
    s1 last, so a solver that sweeps in file order carries the inflow one
    step a sweep. Each step takes a second of the one unit's work, so that it
    stays stable (utilisation N / 360,000) up to 100,000 steps."""
    assert n_steps >= 2
    lines = ["# One loop of %d steps, listed backwards, returning with p = %s." % (n_steps, p_return),
             "paperflow: 1",
             "process: {id: schleife, name: Schleife}",
             "demand: {cases_per_year: 1}",
             "units: [{id: amt, name: Amt, staff: 50}]",
             "start: s1",
             "steps:"]
    exit_p = round(1 - p_return, 12)
    lines.append(f"  - {{id: s{n_steps}, name: S{n_steps}, unit: amt, medium: paper, work: 1s, "
                 f"next: [{{to: s1, p: {p_return}, rework: true}}, {{to: fertig, p: {exit_p}}}]}}")
    for i in range(n_steps - 1, 0, -1):
        lines.append(f"  - {{id: s{i}, name: S{i}, unit: amt, medium: paper, work: 1s, next: s{i + 1}}}")
    lines.append("  - {id: fertig, name: Fertig, end: true}")
    return "\n".join(lines) + "\n"


def write_file(path, text):
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    os.replace(tmp, path)


def main(argv=None):
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--files", type=int, default=1000, help="number of files (default 1000)")
    ap.add_argument("--steps", type=int, default=100, help="steps per file (default 100)")
    ap.add_argument("--single-steps", type=int, metavar="N",
                    help="write one file of N steps instead (for analysis benchmarks)")
    ap.add_argument("--loop-steps", type=int, metavar="N",
                    help="write one file whose N steps form one rework loop, listed backwards "
                         "(for the visit equations' benchmark)")
    ap.add_argument("--out", help="output directory (default bench/out/processes, "
                                  "or bench/out with --single-steps or --loop-steps)")
    ap.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    ap.add_argument("-q", "--quiet", action="store_true", help="no summary on standard error")
    args = ap.parse_args(argv)

    if args.loop_steps is not None:
        if args.loop_steps < 2:
            ap.error("--loop-steps must be at least 2")
        out = args.out or os.path.join(here, "out")
        os.makedirs(out, exist_ok=True)
        path = os.path.join(out, f"loop-{args.loop_steps}-steps.yaml")
        write_file(path, loop_process(args.loop_steps))
        print(path)
        return 0

    if args.single_steps is not None:
        out = args.out or os.path.join(here, "out")
        os.makedirs(out, exist_ok=True)
        path = os.path.join(out, f"process-{args.single_steps}-steps.yaml")
        text = generate(0, args.single_steps, args.seed)
        write_file(path, text)
        if not args.quiet:
            print(f"wrote {path}: {args.single_steps} steps, {len(text.encode())} bytes",
                  file=sys.stderr)
        print(path)
        return 0

    if args.files < 1:
        ap.error("--files must be at least 1")
    out = args.out or os.path.join(here, "out", "processes")
    os.makedirs(out, exist_ok=True)
    width = max(4, len(str(args.files)))
    total = 0
    for i in range(args.files):
        text = generate(i, args.steps, args.seed)
        write_file(os.path.join(out, f"process-{i + 1:0{width}d}.yaml"), text)
        total += len(text.encode())
    if not args.quiet:
        print(f"wrote {args.files} files of {args.steps} steps to {out}: "
              f"{total} bytes ({total / 1e6:.1f} MB)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
