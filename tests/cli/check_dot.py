#!/usr/bin/env python3
"""Every process file given produces DOT that Graphviz draws (neato -n2, which
takes paperflow's positions and routes) to SVG without a warning, plain and
with --heat; every edge is a chain of horizontal and vertical segments, and
none passes through a box (the lane headers included); the SVG has one cluster per unit
that has steps (a band drawn under the steps); the bands are of one width stacked top to bottom in
the file's order of units with the applicant's lane first; every step box
lies inside its unit's band and no two boxes overlap; every step's name
survives escaping. Usage: check_dot.py PAPERFLOW-DOT FILE..."""
import html
import re
import subprocess
import sys

import yaml  # python3-yaml



def boxes(svg, pattern=r"cluster_lane_\d+"):
    result = {}
    for m in re.finditer(r'<title>(' + pattern + r')</title>\s*<(?:path|polygon)[^>]*(?:d|points)="([^"]*)"', svg):
        numbers = [float(x) for x in re.findall(r"-?\d+(?:\.\d+)?", m.group(2))]
        xs, ys = numbers[0::2], numbers[1::2]
        result[m.group(1)] = (min(xs), min(ys), max(xs), max(ys))
    return result


def shapes(svg):
    """The bounding box of every node's outline, by the node's name."""
    result = {}
    for m in re.finditer(r'<g id="node\d+" class="node">\s*<title>([^<]*)</title>\s*(<[^>]*>)', svg):
        name, shape = html.unescape(m.group(1)), m.group(2)
        if shape.startswith("<ellipse"):
            a = {k: float(v) for k, v in re.findall(r'(cx|cy|rx|ry)="([-\d.]+)"', shape)}
            result[name] = (a["cx"] - a["rx"], a["cy"] - a["ry"], a["cx"] + a["rx"], a["cy"] + a["ry"])
            continue
        coordinates = re.search(r'(?:points|d)="([^"]*)"', shape)
        if not coordinates:
            continue
        numbers = [float(x) for x in re.findall(r"-?\d+(?:\.\d+)?", coordinates.group(1))]
        xs, ys = numbers[0::2], numbers[1::2]
        result[name] = (min(xs), min(ys), max(xs), max(ys))
    return result


def overlap(a, b):
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def inside(box, band, slack=0.5):
    return (box[0] >= band[0] - slack and box[1] >= band[1] - slack and box[2] <= band[2] + slack
            and box[3] <= band[3] + slack)


def edge_problems(svg, nodes):
    """Each edge's path must be orthogonal, and no segment may enter a box."""
    problems = []
    solid = {name: box for name, box in nodes.items() if not name.startswith("cluster_") and name != "legend"}
    for m in re.finditer(r'<g id="edge\d+" class="edge">\s*<title>([^<]*)</title>\s*<path[^>]* d="([^"]*)"', svg):
        name = html.unescape(m.group(1))
        numbers = [float(x) for x in re.findall(r"-?\d+(?:\.\d+)?", m.group(2))]
        points = list(zip(numbers[0::2], numbers[1::2]))
        corners = [p for i, p in enumerate(points) if i == 0 or abs(p[0] - points[i - 1][0]) + abs(p[1] - points[i - 1][1]) > 0.05]
        for (x1, y1), (x2, y2) in zip(corners, corners[1:]):
            if abs(x1 - x2) > 0.05 and abs(y1 - y2) > 0.05:
                problems.append(f"edge {name} has a slanted segment ({x1},{y1})-({x2},{y2})")
                continue
            for box_name, (bx1, by1, bx2, by2) in solid.items():
                if (min(x1, x2) < bx2 - 1 and max(x1, x2) > bx1 + 1 and min(y1, y2) < by2 - 1
                        and max(y1, y2) > by1 + 1):
                    problems.append(f"edge {name} passes through {box_name}")
    return problems


APPLICANT_FACING = {"fill_in", "submit", "sign", "pay"}

def main():
    tool = sys.argv[1]
    if len(sys.argv) < 3:
        sys.exit("no files given: nothing rendered")
    failures = []
    for path in sys.argv[2:]:
        with open(path, encoding="utf-8") as f:
            model = yaml.safe_load(f)
        defaults = model.get("defaults", {}) or {}
        unit_ids = [u["id"] for u in model.get("units", [])]
        unit_of = {s["id"]: s.get("unit", defaults.get("unit")) for s in model["steps"] if not s.get("end")}
        used = set(unit_of.values())
        used.discard(None)
        # The lane order the reader expects: the applicant (first external unit
        # with an applicant-facing step), then the file's order.
        external = {u["id"] for u in model.get("units", []) if u.get("external")}
        applicant = next((u for u in unit_ids if u in external and any(
            unit_of.get(s["id"]) == u and s.get("activity", defaults.get("activity")) in APPLICANT_FACING
            for s in model["steps"])), None)
        expected_order = [u for u in unit_ids if u in used]
        if applicant in expected_order:
            expected_order.remove(applicant)
            expected_order.insert(0, applicant)
        for flags in ([], ["--heat"]):
            if flags and "demand" not in model:
                continue
            made = subprocess.run([tool] + flags + [path], capture_output=True, timeout=60)
            if made.returncode != 0:
                failures.append(f"{path} {flags}: exit {made.returncode}: {made.stderr.decode()}")
                continue
            rendered = subprocess.run(["neato", "-n2", "-Tsvg"], input=made.stdout, capture_output=True, timeout=120)
            if rendered.returncode != 0 or rendered.stderr:
                failures.append(f"{path} {flags}: neato said: {rendered.stderr.decode()} (exit {rendered.returncode})")
                continue
            svg = rendered.stdout.decode()
            clusters = boxes(svg)
            if len(clusters) != len(used):
                failures.append(f"{path} {flags}: {len(clusters)} clusters for {len(used)} units with steps")
            items = sorted(clusters.items())
            for i, (a, ba) in enumerate(items):
                for b, bb in items[i + 1:]:
                    if overlap(ba, bb):
                        failures.append(f"{path} {flags}: lanes {a} and {b} overlap")
            # SVG y grows downwards: the top lane has the smallest y.
            order = [unit_ids[int(name.rsplit("_", 1)[1])] for name, _ in sorted(clusters.items(), key=lambda c: c[1][1])]
            if order != expected_order:
                failures.append(f"{path} {flags}: lanes top to bottom {order}, expected {expected_order}")
            if len({(round(b[0]), round(b[2])) for b in clusters.values()}) > 1:
                failures.append(f"{path} {flags}: lanes are not bands of one width: {sorted(clusters.values())}")
            nodes = shapes(svg)
            without_unit = boxes(svg, "cluster_without_unit").get("cluster_without_unit")
            for step_index, step in enumerate(model["steps"]):
                box, unit = nodes.get(f"s{step_index}"), unit_of.get(step["id"])
                if box is None:
                    failures.append(f"{path} {flags}: no box for step {step['id']!r}")
                elif unit is not None and not inside(box, clusters[f"cluster_lane_{unit_ids.index(unit)}"]):
                    failures.append(f"{path} {flags}: step {step['id']!r} lies outside its lane {unit!r}")
                elif unit is None and step["id"] in unit_of and not inside(box, without_unit or (0, 0, 0, 0)):
                    failures.append(f"{path} {flags}: step {step['id']!r} without a unit is not in the band for such steps")
            # The lanes' bands are boxes under the others; the rest must not overlap.
            visible = sorted((name, box) for name, box in nodes.items() if not name.startswith("cluster_"))
            for i, (a, ba) in enumerate(visible):
                for b, bb in visible[i + 1:]:
                    if overlap(ba, bb):
                        failures.append(f"{path} {flags}: boxes {a} and {b} overlap")
            for problem in edge_problems(svg, nodes):
                failures.append(f"{path} {flags}: {problem}")
            text = html.unescape(" ".join(re.findall(r"<text[^>]*>([^<]*)</text>", svg)))
            for step in model["steps"]:
                first_word = str(step["name"]).split()[0]
                if first_word not in text:
                    failures.append(f"{path} {flags}: step name {step['name']!r} not in the SVG")

    if failures:
        print("\n".join(failures))
        sys.exit(1)
    print(f"{len(sys.argv) - 2} files rendered without warnings")


if __name__ == "__main__":
    main()
