#!/usr/bin/env python3
"""Makes examples/logs/wohngeld-2025.csv, the sample event log of
examples/wohngeld.yaml: paperflow-simulate writes 400 simulated cases as an
event log, and this script makes it look like an export of the
housing-benefit office's case system. The same simulate gives the same file.

What an export has that the simulation's log has not:
- case ids as file numbers (WG-2025-0001), a `resource` column naming the
  person in the housing-benefit office (a case's clerk when free, else a
  colleague, never two runs at once) and the unit id in the post room and
  the registry, and a free-text column `bemerkung` the tool ignores;
- no rows for what the system does not see: the applicant's steps (external
  unit) and the wait for the applicant's answer;
- deviations: 3 % of the cases skip `inhaltlich_prüfen`; 2 % have a row
  "Akte scannen", an activity the model does not know; from February on the
  system writes `berechnen` by its name, "Wohngeld berechnen".

Usage: make_wohngeld_log.py [--simulate PATH] [-o FILE]
(default: build/tools/paperflow-simulate of this repository, else the one on
PATH; the file beside this script). Standard library only."""
import argparse
import csv
import datetime
import pathlib
import random
import shutil
import subprocess
import sys
import tempfile

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent.parent
MODEL = ROOT / "examples" / "wohngeld.yaml"
SEED = 8  # of the simulation and of the deviations: change it and the file changes

# Not in a case system's export: the applicant's steps and the wait for the answer.
UNRECORDED = {"antrag_ausfüllen", "antrag_absenden", "unterlagen_nachreichen", "antwort_abwarten"}
# Twelve clerks, the staff of the unit `wohngeldstelle`.
CLERKS = ["Frau Albers", "Herr Yilmaz", "Frau Nowak", "Herr Becker", "Frau Schulte", "Herr Kowalski",
          "Frau Demir", "Herr Hoffmann", "Frau Lange", "Herr Brandt", "Frau Krüger", "Herr Schmidt"]
REMARKS = {
    "posteingang": ["", "", "", "", "", "", "", "", "per Fax vorab", "Eingang über Bürgerbüro"],
    "vollständigkeit_prüfen": ["", "", "", "", "Mietbescheinigung fehlt", "Einkommen, Miete unklar"],
    "unterlagen_nachfordern": ["Frist 14 Tage", "", "", "Frist 4 Wochen, Erinnerung geplant"],
    "entscheiden": ["", "", "", "", "Rücksprache Teamleitung"],
}


def simulate(tool):
    """The simulated log as a list of dicts, in the simulation's order."""
    with tempfile.TemporaryDirectory() as tmp:
        log = pathlib.Path(tmp) / "simuliert.csv"
        subprocess.run([tool, "--event-log", str(log), "--start-date", "2025-01-06", "--cases", "400",
                        "--replications", "1", "--seed", str(SEED), str(MODEL)],
                       stdout=subprocess.DEVNULL, check=True)
        with open(log, encoding="utf-8", newline="") as f:
            return list(csv.DictReader(f))


def case_number(case):
    return int(case.rsplit("-", 1)[1])


def export(rows):
    """The rows an export would have, in the simulation's order of cases."""
    rng = random.Random(SEED)
    cases = {}
    for row in rows:
        cases.setdefault(row["case"], []).append(row)
    out = []
    for case, runs in cases.items():
        file_number = f"WG-2025-{case_number(case):04d}"
        skip_assessment = rng.random() < 0.03
        scan = rng.random() < 0.02
        for run in runs:
            if run["activity"] in UNRECORDED:
                continue
            if run["activity"] == "inhaltlich_prüfen" and skip_assessment:
                continue
            out.append({"case": file_number, "activity": run["activity"], "start": run["start"],
                        "end": run["end"], "unit": run["unit"],
                        "bemerkung": rng.choice(REMARKS.get(run["activity"], [""]))})
            if run["activity"] == "akte_holen" and scan:
                # Scanned in the registry right after the file was pulled: a
                # few minutes the model does not know.
                scanned = datetime.datetime.fromisoformat(run["end"]) + datetime.timedelta(
                    seconds=rng.randrange(180, 600))
                out.append({"case": file_number, "activity": "Akte scannen", "start": run["end"],
                            "end": scanned.isoformat(), "unit": "registratur", "bemerkung": "Altakte digitalisiert"})
    assign_people(out, rng)
    for row in out:
        if row["activity"] == "berechnen" and row["start"] >= "2025-02-01":
            row["activity"] = "Wohngeld berechnen"
    return out


def assign_people(rows, rng):
    """resource: the unit id in the post room and the registry; in the
    housing-benefit office a person, the case's clerk when free, else the
    colleague free longest, so that no one has two runs at once."""
    clerk_of = {}
    free_at = {name: "" for name in CLERKS}
    office = [row for row in rows if row["unit"] == "wohngeldstelle"]
    for row in sorted(office, key=lambda r: (r["start"], r["end"], r["case"])):
        clerk = clerk_of.setdefault(row["case"], rng.choice(CLERKS))
        if free_at[clerk] > row["start"]:
            clerk = min(CLERKS, key=lambda name: (free_at[name], name))
        row["resource"] = clerk
        free_at[clerk] = max(free_at[clerk], row["end"])
    for row in rows:
        if row["unit"] != "wohngeldstelle":
            row["resource"] = row["unit"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    default_tool = ROOT / "build" / "tools" / "paperflow-simulate"
    parser.add_argument("--simulate", default=str(default_tool) if default_tool.exists()
                        else shutil.which("paperflow-simulate"), help="the paperflow-simulate to run")
    parser.add_argument("-o", "--output", default=str(HERE / "wohngeld-2025.csv"))
    args = parser.parse_args()
    if not args.simulate:
        sys.exit("paperflow-simulate not found: build it, or give --simulate PATH")
    rows = export(simulate(args.simulate))
    with open(args.output, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=["case", "activity", "start", "end", "resource", "bemerkung"],
                                extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"{args.output}: {len(rows)} rows, {len({r['case'] for r in rows})} cases")


if __name__ == "__main__":
    main()
