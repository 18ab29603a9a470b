#!/usr/bin/env python3
"""Writes a well-formed BPMN file of exactly MEGABYTES MiB that is almost all
nested <a> elements inside the bpmn:definitions element: <a><a>...</a></a>,
about 150,000 levels per MiB (100 MiB: about 15 million levels).

The import must refuse such a file within bounded memory and time, naming the
file, instead of recursing per level or building a DOM of it. The file is made
at test time (never checked in): a test writes 100 MiB into its own temporary
directory.

usage: make_deep_nesting.py PATH MEGABYTES
"""
import sys

HEADER = ('<?xml version="1.0" encoding="UTF-8"?>\n'
          '<!-- Made by tests/cli/bpmn/import/make_deep_nesting.py: nested elements deep enough to exhaust a '
          'recursive or DOM-building reader. -->\n'
          '<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="Definitions_deep" '
          'targetNamespace="http://bpmn.io/schema/bpmn">\n').encode()
FOOTER = b'\n</bpmn:definitions>\n'
OPEN, CLOSE = b'<a>', b'</a>'
CHUNK = 1 << 16  # levels written per call


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__.strip().splitlines()[-1])
    path = sys.argv[1]
    try:
        megabytes = float(sys.argv[2])
    except ValueError:
        sys.exit(f"MEGABYTES must be a number, not {sys.argv[2]!r}")
    size = int(megabytes * 1024 * 1024)
    body = size - len(HEADER) - len(FOOTER)
    if body < len(OPEN) + len(CLOSE):
        sys.exit(f"{megabytes} MiB is too small for even one level")
    levels, padding = divmod(body, len(OPEN) + len(CLOSE))
    with open(path, "wb") as out:
        out.write(HEADER)
        for written in range(0, levels, CHUNK):
            out.write(OPEN * min(CHUNK, levels - written))
        out.write(b' ' * padding)  # text in the innermost element, so that the size comes out exact
        for written in range(0, levels, CHUNK):
            out.write(CLOSE * min(CHUNK, levels - written))
        out.write(FOOTER)


main()
