#!/usr/bin/env python3
"""Every process file given produces DOT that Graphviz's dot renders to SVG
without a warning, plain and with --heat; the SVG has one cluster per unit
that has steps, the clusters do not overlap, and every step's name survives
escaping. Usage: check_dot.py PAPERFLOW-DOT FILE..."""
import html
import re
import subprocess
import sys

import yaml  # python3-yaml

tool = sys.argv[1]
failures = []


def boxes(svg):
    result = {}
    for m in re.finditer(r'<title>(cluster_lane_\d+)</title>\s*<(?:path|polygon)[^>]*(?:d|points)="([^"]*)"', svg):
        numbers = [float(x) for x in re.findall(r"-?\d+(?:\.\d+)?", m.group(2))]
        xs, ys = numbers[0::2], numbers[1::2]
        result[m.group(1)] = (min(xs), min(ys), max(xs), max(ys))
    return result


for path in sys.argv[2:]:
    with open(path, encoding="utf-8") as f:
        model = yaml.safe_load(f)
    defaults = model.get("defaults", {}) or {}
    used = {s.get("unit", defaults.get("unit")) for s in model["steps"] if not s.get("end")}
    used.discard(None)
    for flags in ([], ["--heat"]):
        if flags and "demand" not in model:
            continue
        made = subprocess.run([tool] + flags + [path], capture_output=True, timeout=60)
        if made.returncode != 0:
            failures.append(f"{path} {flags}: exit {made.returncode}: {made.stderr.decode()}")
            continue
        rendered = subprocess.run(["dot", "-Tsvg"], input=made.stdout, capture_output=True, timeout=120)
        if rendered.returncode != 0 or rendered.stderr:
            failures.append(f"{path} {flags}: dot said: {rendered.stderr.decode()} (exit {rendered.returncode})")
            continue
        svg = rendered.stdout.decode()
        clusters = boxes(svg)
        if len(clusters) != len(used):
            failures.append(f"{path} {flags}: {len(clusters)} clusters for {len(used)} units with steps")
        items = sorted(clusters.items())
        for i, (a, ba) in enumerate(items):
            for b, bb in items[i + 1:]:
                if ba[0] < bb[2] and bb[0] < ba[2] and ba[1] < bb[3] and bb[1] < ba[3]:
                    failures.append(f"{path} {flags}: lanes {a} and {b} overlap")
        text = html.unescape(" ".join(re.findall(r"<text[^>]*>([^<]*)</text>", svg)))
        for step in model["steps"]:
            first_word = str(step["name"]).split()[0]
            if first_word not in text:
                failures.append(f"{path} {flags}: step name {step['name']!r} not in the SVG")

if failures:
    print("\n".join(failures))
    sys.exit(1)
print(f"{len(sys.argv) - 2} files rendered without warnings")
