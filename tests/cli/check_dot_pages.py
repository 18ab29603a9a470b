#!/usr/bin/env python3
"""--page a4|a3 splits a long process into bands that each fit the width of
a landscape page (10 mm margins), drawn by Graphviz without a warning:

- every band's picture (lanes, pad, margin) is at most the page's usable
  width, and a process wider than the page has more than one band;
- each band shows the lanes it has boxes in, each with its header, and
  every step lies in a band of its own lane;
- the connectors pair up: every number that leaves a band arrives in
  another, and every arriving number left one; every edge label (a
  branch's share) is still there;
- every step is drawn once, inside a band of its lane;
- edges stay orthogonal and cross no box (as check_dot.py checks);
- no text is smaller than 8 pt, so the page prints at 100 % readable;
- -T pdf prints the last file's bands on several A3 landscape pages.

usage: check_dot_pages.py PAPERFLOW-DOT FILE...
"""
import html
import pathlib
import re
import subprocess
import sys
import tempfile

import check_dot
import yaml  # python3-yaml

WIDTH = {"a4": 297 / 25.4 * 72 - 2 * 10 / 25.4 * 72, "a3": 420 / 25.4 * 72 - 2 * 10 / 25.4 * 72}


def main():
    tool, paths = sys.argv[1], sys.argv[2:]
    failures, checks = [], 0

    def expect(condition, message):
        nonlocal checks
        checks += 1
        if not condition:
            failures.append(message)

    for path in paths:
        with open(path, encoding="utf-8") as f:
            model = yaml.safe_load(f)
        defaults = model.get("defaults", {}) or {}
        unit_ids = [u["id"] for u in model.get("units", [])]
        unit_of = {s["id"]: s.get("unit", defaults.get("unit")) for s in model["steps"] if not s.get("end")}
        for page in ("a4", "a3"):
            where = f"{path} --page {page}"
            made = subprocess.run([tool, "--page", page, path], capture_output=True, timeout=60)
            expect(made.returncode == 0, f"{where}: exit {made.returncode}: {made.stderr.decode()}")
            if made.returncode != 0:
                continue
            drawn = subprocess.run(["neato", "-n2", "-Tsvg"], input=made.stdout, capture_output=True, timeout=120)
            expect(drawn.returncode == 0 and not drawn.stderr, f"{where}: neato said {drawn.stderr.decode()}")
            svg = drawn.stdout.decode()
            nodes = check_dot.shapes(svg)
            bands = {name: box for name, box in nodes.items() if name.startswith("cluster_")}
            band_numbers = {int(m.group(1)) if m.group(1) else 0
                            for m in (re.search(r"_band(\d+)$|$", name) for name in bands)}
            # A band's picture is its lanes, the drawing's pad (0.3 inch a side)
            # and the 8 pt margin it is cut with: all of it within the page.
            for name, (x1, _, x2, _) in bands.items():
                picture = x2 - x1 + 2 * 0.3 * 72 + 2 * 8
                expect(picture <= WIDTH[page] + 1,
                       f"{where}: {name} makes a picture {picture:.0f} pt wide, the page {WIDTH[page]:.0f}")
            unbanded = subprocess.run([tool, path], capture_output=True, timeout=60).stdout.decode()
            # Every edge label (a branch's share, "Nacharbeit") survives the cut into bands.
            def labels(dot):
                return sorted(re.findall(r"->.*label=<([^>]*)>", dot))
            expect(labels(made.stdout.decode()) == labels(unbanded),
                   f"{where}: edge labels {labels(made.stdout.decode())}, unbanded {labels(unbanded)}")
            one_band_width = max((float(w) for w in re.findall(r'cluster_lane_\d+ \[pos="[^"]*", shape=box, '
                                                                 r'fixedsize=true, width=([\d.]+)', unbanded)),
                                 default=0) * 72
            if one_band_width > WIDTH[page] + 1:
                expect(len(band_numbers) > 1, f"{where}: {one_band_width:.0f} pt wide in one band")
            headers = [name for name in nodes if re.fullmatch(r"lane\d+(_band\d+)?", name)]
            expect(len(headers) == len(bands),
                   f"{where}: {len(headers)} lane headers for {len(bands)} lanes shown in {len(band_numbers)} bands")
            for index, step in enumerate(model["steps"]):
                box, unit = nodes.get(f"s{index}"), unit_of.get(step["id"])
                if box is None or unit is None:
                    continue
                lanes_of_unit = [b for name, b in bands.items()
                                 if re.fullmatch(rf"cluster_lane_{unit_ids.index(unit)}(_band\d+)?", name)]
                expect(any(check_dot.inside(box, b) for b in lanes_of_unit),
                       f"{where}: step {step['id']!r} is not in a band of its lane {unit!r}")
            texts = {}
            for m in re.finditer(r'<g id="node\d+" class="node">\s*<title>([^<]*)</title>(.*?)</g>', svg, re.S):
                texts[html.unescape(m.group(1))] = " ".join(re.findall(r"<text[^>]*>([^<]*)</text>", m.group(2)))
            left = {n for name, t in texts.items() if name.startswith("connector_out") for n in re.findall(r"\d+", t)}
            arrived = {n for name, t in texts.items() if name.startswith("connector_in") for n in re.findall(r"\d+", t)}
            expect(left == arrived, f"{where}: connectors leave {sorted(left)} and arrive {sorted(arrived)}")
            if len(band_numbers) > 1:
                expect(left, f"{where}: {len(band_numbers)} bands and no connector")
            steps = [name for name in nodes if re.fullmatch(r"s\d+", name)]
            expect(len(steps) == len(set(steps)), f"{where}: a step drawn twice")
            for problem in check_dot.edge_problems(svg, nodes):
                expect(False, f"{where}: {problem}")
            sizes = [float(x) for x in re.findall(r'font-size="([\d.]+)"', svg)]
            expect(sizes and min(sizes) >= 8, f"{where}: text of {min(sizes) if sizes else 0} pt")

    # -T pdf prints the bands of the last file on A3 landscape pages (a
    # headless browser is part of the test set-up), several of them.
    with tempfile.TemporaryDirectory() as tmp:
        pdf = pathlib.Path(tmp) / "pages.pdf"
        made = subprocess.run([tool, "-T", "pdf", "-o", str(pdf), paths[-1]], capture_output=True, timeout=300)
        data = pdf.read_bytes() if pdf.exists() else b""
        pages = data.count(b"/Type /Page") - data.count(b"/Type /Pages")
        expect(made.returncode == 0 and not made.stderr and data.startswith(b"%PDF"),
               f"-T pdf: exit {made.returncode}: {made.stderr.decode()}")
        expect(re.search(rb"/MediaBox \[\s*0 0 119[01](\.\d+)? 84[12]", data) is not None, "-T pdf: not A3 landscape")
        expect(pages >= 2, f"-T pdf: {pages} pages for {paths[-1]}")

    for f in failures:
        print(f)
    print(f"{checks - len(failures)} passed, {len(failures)} failed")
    sys.exit(1 if failures or checks == 0 else 0)


if __name__ == "__main__":
    main()
