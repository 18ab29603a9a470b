#!/usr/bin/env python3
"""import(export(F)) gives paperflow-analyse the same JSON, byte for byte, as
F itself, for every process file given (the import may repeat the
original's own warnings, never a guess) (an organisation file stands for the
processes it lists); and a second round trip gives the same process file as
the first (the import is a fixed point of the export). A file that is not
valid, or whose analysis needs demand it lacks, is compared by validate's
JSON instead, without the file name.

usage: check_bpmn_round_trip.py TOOL_DIR FILE...
"""
import json
import pathlib
import subprocess
import sys
import tempfile

import yaml


def run(tool, *args):
    return subprocess.run([tool, *args], capture_output=True, text=True, timeout=300)


def process_files(path):
    text = pathlib.Path(path).read_text()
    data = yaml.safe_load(text)
    if isinstance(data, dict) and "processes" in data and "steps" not in data:
        return [str((pathlib.Path(path).parent / p).resolve()) for p in data["processes"]]
    return [path]


def main():
    tools = pathlib.Path(sys.argv[1])
    bpmn, analyse = str(tools / "paperflow-bpmn"), str(tools / "paperflow-analyse")
    failures, checked = [], 0
    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        for given in sys.argv[2:]:
            for path in process_files(given):
                name = pathlib.Path(path).stem
                exported, back, again, back2 = (tmp / f"{name}{s}" for s in (".bpmn", ".yaml", "2.bpmn", "2.yaml"))
                for args in (["-o", str(exported), path], ["--import", str(exported), "-o", str(back)],
                             ["-o", str(again), str(back)], ["--import", str(again), "-o", str(back2)]):
                    result = run(bpmn, *args)
                    # The original's own warnings (an unstable unit) come back
                    # with the import; a guess never may.
                    warnings_only = all("warning:" in line for line in result.stderr.splitlines()
                                        if line and not line.startswith(" "))
                    if result.returncode != 0 or "bpmn-" in result.stderr or (result.stderr and not warnings_only):
                        failures.append(f"{path}: paperflow-bpmn {' '.join(args)}: exit {result.returncode}\n"
                                        f"{result.stderr}")
                        break
                else:
                    original, imported = run(analyse, "--format", "json", path), run(analyse, "--format", "json",
                                                                                      str(back))
                    if original.returncode != 0:
                        failures.append(f"{path}: does not analyse: {original.stderr}")
                    elif original.stdout != imported.stdout:
                        failures.append(f"{path}: the analysis differs after the round trip:\n"
                                        + first_difference(original.stdout, imported.stdout))
                    elif back.read_text() != back2.read_text():
                        failures.append(f"{path}: a second round trip gives another process file")
                    else:
                        checked += 1
                        print(f"{path}: same analysis, {len(original.stdout)} bytes of JSON")
    for failure in failures:
        print("FAIL " + failure)
    if checked == 0 and not failures:
        print("no file checked")
        return 1
    return 1 if failures else 0


def first_difference(a, b):
    for n, (x, y) in enumerate(zip(a.splitlines(), b.splitlines()), 1):
        if x != y:
            return f"  line {n}:\n  - {x}\n  + {y}"
    return "  one is a prefix of the other"


if __name__ == "__main__":
    sys.exit(main())
