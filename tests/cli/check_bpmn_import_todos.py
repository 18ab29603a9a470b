#!/usr/bin/env python3
"""Every foreign BPMN file given imports (with --lenient) to a process file
that paperflow-validate passes, with exactly one `# TODO` line per
bpmn-guess warning and each warning at a line of the BPMN file: the
consultant finds every guess in the file and in the report alike.

usage: check_bpmn_import_todos.py TOOL_DIR FILE...
"""
import pathlib
import re
import subprocess
import sys
import tempfile


def main():
    tools = pathlib.Path(sys.argv[1])
    failures, checked = [], 0
    with tempfile.TemporaryDirectory() as tmp:
        for path in sys.argv[2:]:
            lines = len(pathlib.Path(path).read_bytes().split(b"\n"))
            result = subprocess.run([str(tools / "paperflow-bpmn"), "--lenient", "--import", path],
                                    capture_output=True, text=True, timeout=60)
            if result.returncode != 0:
                failures.append(f"{path}: exit {result.returncode}\n{result.stderr}")
                continue
            todos = sum(1 for line in result.stdout.splitlines() if "# TODO" in line)
            guesses = re.findall(r"^(.*?):(\d+):(\d+): warning: .*\[bpmn-guess\]$", result.stderr, re.M)
            if todos != len(guesses) or todos == 0:
                failures.append(f"{path}: {todos} TODO lines, {len(guesses)} bpmn-guess warnings")
            for _, line, _ in guesses:
                if not 1 <= int(line) <= lines:
                    failures.append(f"{path}: a warning at line {line}, which the file does not have")
            out = pathlib.Path(tmp) / (pathlib.Path(path).stem + ".yaml")
            out.write_text(result.stdout)
            check = subprocess.run([str(tools / "paperflow-validate"), "--color", "never", "--disable", "unused-unit",
                                    str(out)], capture_output=True, text=True, timeout=60)
            if check.returncode != 0:
                failures.append(f"{path}: the process file does not validate:\n{check.stdout}{check.stderr}")
                continue
            checked += 1
            print(f"{path}: {todos} TODO lines, as many warnings; the process file is valid")
    for failure in failures:
        print("FAIL " + failure)
    return 1 if failures or checked == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
