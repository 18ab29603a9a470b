#!/usr/bin/env python3
"""The same log as CSV and as XES gives identical figures.

Writes each CSV log given as XES (IEEE 1849): a trace per case, each row a
`start` and a `complete` event with the row's resource, the timestamps with
an offset and milliseconds as XES writers put them (working hours are local,
so the offset changes nothing), the events of a trace in a shuffled order
(the reader orders them by time), and the XES namespace declared. A row
whose timestamp is none (XES has a type for dates, and a converter cannot
write "3.3.2025" as one) is left out of the XES and counted out of the
CSV's rows. Then runs
paperflow-calibrate --format json on both and compares everything but the
log's path.

usage: check_calibrate_formats.py CALIBRATE PROCESS LOG.csv [PROCESS LOG.csv ...]
"""
import csv
import json
import random
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from xml.sax.saxutils import quoteattr


def xes_time(text):
    # 2025-03-03T08:00:00 -> 2025-03-03T08:00:00.000+01:00; anything else as it is.
    if len(text) == 19 and text[10] == "T":
        return text + ".000+01:00"
    return text


def write_xes(rows, path, seed):
    by_case = {}
    for row in rows:
        by_case.setdefault(row["case"], []).append(row)
    rng = random.Random(seed)
    with open(path, "w", encoding="utf-8") as out:
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        out.write('<log xes.version="1.0" xmlns="http://www.xes-standard.org/">\n')
        out.write('  <extension name="Concept" prefix="concept" uri="http://www.xes-standard.org/concept.xesext"/>\n')
        out.write('  <global scope="event"><string key="concept:name" value="__INVALID__"/></global>\n')
        for case, events in by_case.items():
            out.write(f'  <trace>\n    <string key="concept:name" value={quoteattr(case)}/>\n')
            items = []
            for row in events:
                for transition, time in (("start", row["start"]), ("complete", row["end"])):
                    item = (f'    <event>\n      <string key="concept:name" value={quoteattr(row["activity"])}/>\n'
                            f'      <string key="lifecycle:transition" value="{transition}"/>\n'
                            f'      <date key="time:timestamp" value={quoteattr(xes_time(time))}/>\n')
                    if row.get("resource"):
                        item += f'      <string key="org:resource" value={quoteattr(row["resource"])}/>\n'
                    items.append(item + "    </event>\n")
            rng.shuffle(items)
            out.write("".join(items) + "  </trace>\n")
        out.write("</log>\n")


def figures(calibrate, process, log):
    result = subprocess.run([calibrate, "--format", "json", process, log], capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"{log}: exit {result.returncode}\n{result.stderr}")
    data = json.loads(result.stdout)
    del data["log"]["path"]
    return data


def main():
    calibrate, pairs = sys.argv[1], sys.argv[2:]
    failures = 0
    with tempfile.TemporaryDirectory() as tmp:
        for k in range(0, len(pairs), 2):
            process, log = pairs[k], pairs[k + 1]
            with open(log, newline="", encoding="utf-8") as f:
                rows = [{key.lower(): value for key, value in row.items()} for row in csv.DictReader(f)]
            iso = re.compile(r"^\d{4}-\d\d-\d\d(T\d\d:\d\d(:\d\d(\.\d+)?)?)?$")
            unwritable = [row for row in rows if not (iso.match(row["start"]) and iso.match(row["end"]))]
            rows = [row for row in rows if row not in unwritable]
            xes = Path(tmp) / (Path(log).stem + ".xes")
            write_xes(rows, xes, k)
            from_csv, from_xes = figures(calibrate, process, log), figures(calibrate, process, str(xes))
            from_csv["log"]["rows"] -= len(unwritable)
            if from_csv != from_xes:
                failures += 1
                for key in from_csv:
                    if from_csv[key] != from_xes.get(key):
                        print(f"{log}: {key} differs:\n  csv {json.dumps(from_csv[key])[:400]}\n"
                              f"  xes {json.dumps(from_xes.get(key))[:400]}")
            else:
                print(f"{log}: {from_csv['log']['rows']} rows, {from_csv['log']['cases']} cases: the same figures "
                      f"from CSV and XES")
    sys.exit(1 if failures else 0)


main()
