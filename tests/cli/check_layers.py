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


def opened(cxx, header, roots, extra):
    """Whether including HEADER with ROOTS compiles, the compiler's
    message if not, and every paperflow header it opened (resolved paths).

    The question is which files the preprocessor opened, not only whether it
    found one: a copy of the package installed in the system include dir (CI
    installs the .deb before the tests) satisfies an include from outside
    the source tree, and would hide both a broken guard and a header that
    reaches above its layer."""
    with tempfile.TemporaryDirectory() as tmp:
        probe = pathlib.Path(tmp) / "probe.cpp"
        probe.write_text(f'#include "paperflow/{header}"\n')
        depfile = pathlib.Path(tmp) / "probe.d"
        flags = [f"-I{r}" for r in roots] + extra
        run = subprocess.run([cxx, "-std=c++20", "-fsyntax-only", "-MD", "-MF", str(depfile),
                              *flags, str(probe)], capture_output=True, text=True)
        if run.returncode != 0:
            return False, run.stderr, []
        deps = depfile.read_text().replace("\\\n", " ").split()[1:]
        paths = [pathlib.Path(d).resolve() for d in deps]
        return True, "", [p for p in paths if p.parent.name == "paperflow"]


def within(path, roots):
    return any(path.is_relative_to(r.resolve()) for r in roots)


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
            ok, err, headers_read = opened(cxx, header.name, own_and_below, extra)
            if not ok:
                failures.append(f"{layer}/{header.name} does not compile with its own layer and below:\n{err}")
            for read in headers_read:
                if not within(read, own_and_below):
                    failures.append(f"{layer}/{header.name} reads {read}, outside its layer and those below")
            if index > 0:
                _, _, headers_read = opened(cxx, header.name, below, extra)
                if any(within(read, [source / "lib/include" / layer]) for read in headers_read):
                    failures.append(f"{layer}/{header.name} is reachable from {LAYERS[index - 1]}: the guard is gone")
    for f in failures:
        print("FAIL:", f)
    if failures:
        return 1
    print(f"{checked} public headers: each compiles in its layer, none of a higher layer compiles from below")
    return 0


sys.exit(main())
