#!/usr/bin/env python3
"""-T svg|png|pdf -o FILE renders through Graphviz into FILE (atomically,
nothing left beside it); without dot on PATH the tool exits 2 and says how
to install it; an existing output file survives a failed run."""
import os
import subprocess
import sys
import tempfile

tool, model = sys.argv[1], sys.argv[2]
failures = []
with tempfile.TemporaryDirectory() as directory:
    for kind, magic in (("svg", b"<?xml"), ("png", b"\x89PNG"), ("pdf", b"%PDF")):
        out = os.path.join(directory, "diagram." + kind)
        result = subprocess.run([tool, "-T", kind, "-o", out, model], capture_output=True, timeout=120)
        if result.returncode != 0:
            failures.append(f"-T {kind}: exit {result.returncode}: {result.stderr.decode()}")
        elif not open(out, "rb").read(8).startswith(magic):
            failures.append(f"-T {kind}: {out} is not a {kind} file")
    leftovers = [f for f in os.listdir(directory) if not f.startswith("diagram.")]
    if leftovers:
        failures.append(f"temporary files left: {leftovers}")
    precious = os.path.join(directory, "diagram.svg")
    before = open(precious, "rb").read()
    env = dict(os.environ, PATH="/nonexistent")
    result = subprocess.run([os.path.abspath(tool), "-T", "svg", "-o", precious, model], capture_output=True,
                            env=env, timeout=60)
    if result.returncode != 2 or b"apt-get install graphviz" not in result.stderr:
        failures.append(f"without dot: exit {result.returncode}, stderr {result.stderr!r}")
    if open(precious, "rb").read() != before:
        failures.append("a failed run changed the existing output file")
if failures:
    print("\n".join(failures))
    sys.exit(1)
