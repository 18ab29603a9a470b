#!/usr/bin/env python3
"""The event log benchmark (issue 16): paperflow-calibrate on logs of 100,000
to 1,000,000 rows, its time and peak memory, as CSV and as XES.

usage: bench/event_log.py [--build BUILD_DIR] [--sizes 100000,300000,1000000] [--xes] [--rounds N]

For each size it writes a log of examples/wohngeld.yaml with
paperflow-simulate --event-log (one replication, as many cases as give the
rows; about 15 rows a case), keeps it in bench/out/logs-N.csv, and runs
`paperflow-calibrate --format json examples/wohngeld.yaml LOG` under
/usr/bin/time: wall and CPU seconds (user + system, the best of --rounds)
and peak RSS (the largest). With --xes it converts each log to XES (start
and complete events) and times that too. The table gives CPU seconds and
megabytes per 100,000 rows, which stay flat when cost grows linearly.
Exit 1 when a call fails, when 1,000,000 rows take 500 MB or more, or when
the CPU time per row of the largest log is more than 1.5 times that of the
smallest. Figures in bench/README.md ("Event log benchmark").
"""
import argparse
import csv
import pathlib
import subprocess
import sys
from xml.sax.saxutils import quoteattr

ROOT = pathlib.Path(__file__).resolve().parent.parent
ROWS_PER_CASE = 15.2  # examples/wohngeld.yaml, as simulated


def timed(command):
    result = subprocess.run(["/usr/bin/time", "-f", "%e %U %S %M"] + command, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"{' '.join(command)}: exit {result.returncode}\n{result.stderr[-2000:]}")
    wall, user, system, peak = result.stderr.strip().splitlines()[-1].split()
    return float(wall), float(user) + float(system), int(peak) / 1024


def write_xes(csv_path, xes_path):
    with open(csv_path, newline="", encoding="utf-8") as f, open(xes_path, "w", encoding="utf-8") as out:
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n<log xes.version="1.0">\n')
        case = None
        for row in csv.DictReader(f):
            if row["case"] != case:
                if case is not None:
                    out.write("</trace>\n")
                case = row["case"]
                out.write(f'<trace><string key="concept:name" value={quoteattr(case)}/>\n')
            for transition, time in (("start", row["start"]), ("complete", row["end"])):
                out.write(f'<event><string key="concept:name" value={quoteattr(row["activity"])}/>'
                          f'<string key="lifecycle:transition" value="{transition}"/>'
                          f'<date key="time:timestamp" value="{time}.000+01:00"/>'
                          f'<string key="org:resource" value={quoteattr(row["unit"])}/></event>\n')
        out.write("</trace>\n</log>\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", default=str(ROOT / "build"))
    parser.add_argument("--sizes", default="100000,300000,1000000")
    parser.add_argument("--xes", action="store_true")
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    tools = pathlib.Path(args.build) / "tools"
    process = str(ROOT / "examples" / "wohngeld.yaml")
    out = ROOT / "bench" / "out"
    out.mkdir(parents=True, exist_ok=True)
    rows_table = []
    for size in [int(s) for s in args.sizes.split(",")]:
        log = out / f"logs-{size}.csv"
        if not log.exists():
            cases = int(size / ROWS_PER_CASE)
            subprocess.run([str(tools / "paperflow-simulate"), "--event-log", str(log), "--start-date", "2025-01-06",
                            "--cases", str(cases), "--replications", "1", "--seed", "3", process],
                           check=True, capture_output=True)
        rows = sum(1 for _ in open(log, encoding="utf-8")) - 1
        inputs = [("csv", log)]
        if args.xes:
            xes = out / f"logs-{size}.xes"
            if not xes.exists():
                write_xes(log, xes)
            inputs.append(("xes", xes))
        for kind, path in inputs:
            best_wall = best_cpu = float("inf")
            peak = 0.0
            for _ in range(args.rounds):
                wall, cpu, mb = timed([str(tools / "paperflow-calibrate"), "--format", "json", process, str(path)])
                best_wall, best_cpu, peak = min(best_wall, wall), min(best_cpu, cpu), max(peak, mb)
            rows_table.append((kind, rows, path.stat().st_size / 1e6, best_wall, best_cpu, peak))
    print(f"{'log':4} {'rows':>10} {'file MB':>8} {'wall s':>7} {'CPU s':>7} {'peak MB':>8} "
          f"{'CPU s/100k rows':>16} {'MB/100k rows':>13}")
    for kind, rows, size_mb, wall, cpu, peak in rows_table:
        print(f"{kind:4} {rows:>10,} {size_mb:>8.1f} {wall:>7.2f} {cpu:>7.2f} {peak:>8.1f} "
              f"{cpu / rows * 1e5:>16.3f} {peak / rows * 1e5:>13.1f}")
    failed = False
    for kind in ("csv", "xes"):
        runs = [r for r in rows_table if r[0] == kind]
        if not runs:
            continue
        largest, smallest = runs[-1], runs[0]
        if largest[1] >= 1_000_000 and largest[5] >= 500:
            print(f"FAIL {kind}: {largest[1]:,} rows take {largest[5]:.0f} MB, the goal is under 500 MB")
            failed = True
        if len(runs) > 1 and largest[4] / largest[1] > 1.5 * smallest[4] / smallest[1]:
            print(f"FAIL {kind}: CPU time per row grows with the log")
            failed = True
    print("FAIL" if failed else "PASS: under 500 MB for a million rows, time linear in the rows")
    sys.exit(1 if failed else 0)


main()
