#!/usr/bin/env python3
"""The library's layers are guarded by the compiler: a source of a layer is
compiled with its own include root and those below it, so a header of a
higher layer is not found. This check proves the guard holds both ways: each
public header compiles with the roots of its layer and below, and fails to
compile with the roots of the layers below alone (so a lower layer that
included it would not build).

Usage: check_layers.py CXX SOURCE_DIR [-I DIR]...  (extra roots: dependencies)
"""
import pathlib
import subprocess
import sys
import tempfile

LAYERS = ["format", "core", "render"]


def compiles(cxx, header, roots, extra):
    with tempfile.TemporaryDirectory() as tmp:
        probe = pathlib.Path(tmp) / "probe.cpp"
        probe.write_text(f'#include "paperflow/{header}"\n')
        flags = [f"-I{r}" for r in roots] + extra
        run = subprocess.run([cxx, "-std=c++20", "-fsyntax-only", *flags, str(probe)],
                             capture_output=True, text=True)
        return run.returncode == 0, run.stderr


def main():
    cxx, source = sys.argv[1], pathlib.Path(sys.argv[2])
    extra = sys.argv[3:]
    failures = []
    checked = 0
    for index, layer in enumerate(LAYERS):
        own_and_below = [source / "lib/include" / l for l in LAYERS[: index + 1]]
        below = own_and_below[:-1]
        headers = sorted((source / "lib/include" / layer / "paperflow").glob("*.h"))
        if not headers:
            failures.append(f"layer {layer} has no public headers")
        for header in headers:
            checked += 1
            ok, err = compiles(cxx, header.name, own_and_below, extra)
            if not ok:
                failures.append(f"{layer}/{header.name} does not compile with its own layer and below:\n{err}")
            if index > 0:
                ok, _ = compiles(cxx, header.name, below, extra)
                if ok:
                    failures.append(f"{layer}/{header.name} is reachable from {LAYERS[index - 1]}: the guard is gone")
    for f in failures:
        print("FAIL:", f)
    if failures:
        return 1
    print(f"{checked} public headers: each compiles in its layer, none of a higher layer compiles from below")
    return 0


sys.exit(main())
