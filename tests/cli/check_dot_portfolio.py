#!/usr/bin/env python3
"""The overview of an organisation (paperflow-dot ORG.yaml) has one row per
process and one column per shared unit, in the analysis's order; each cell
holds the load share that paperflow-analyse --format json gives, rounded as
the diagram shows it, exactly where the process sends the unit work; the
organisation's bottleneck, and it alone, is marked; Graphviz draws it to
SVG without a warning (neato -n2, as -T runs it, and dot). A generated
organisation of 60 processes and 10 shared units shows the 50 processes
with the most hours at shared units and sums up the other 10, so that each
column still adds up. Usage: check_dot_portfolio.py PAPERFLOW-DOT
PAPERFLOW-ANALYSE ORG.yaml"""
import html
import json
import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ElementTree

failures = []


def share_label(share):
    """As the diagram writes a load share (overview_share_label)."""
    label = f"{share * 100:.0f} %"
    if share > 0 and label == "0 %":
        return "< 1 %"
    if share < 1 and label == "100 %":
        return "> 99 %"
    return label


def text_of(cell):
    return " ".join("".join(cell.itertext()).split())


def run(command):
    result = subprocess.run(command, capture_output=True, timeout=120)
    if result.returncode != 0 or result.stderr:
        failures.append(f"{' '.join(command)}: exit {result.returncode}, stderr {result.stderr.decode()!r}")
    return result.stdout.decode()


def table_of(dot, where):
    """The overview node's HTML-like label, parsed: Graphviz's HTML labels are XML."""
    match = re.search(r"overview \[[^\n]*label=<\n(.*)>\];\n\}\n\Z", dot, re.S)
    if not match:
        failures.append(f"{where}: no overview node with an HTML label in the DOT")
        return None
    try:
        return ElementTree.fromstring(match.group(1))
    except ElementTree.ParseError as error:
        failures.append(f"{where}: the label is not well-formed: {error}")
        return None


def check_renders(dot, where, texts):
    """Graphviz draws the DOT without a word on standard error, and every
    text of a cell that must be read is in the SVG (as often as in the table)."""
    for command in (["neato", "-n2", "-Tsvg"], ["dot", "-Tsvg"]):
        rendered = subprocess.run(command, input=dot.encode(), capture_output=True, timeout=120)
        if rendered.returncode != 0 or rendered.stderr:
            failures.append(f"{where}: {' '.join(command)} said: {rendered.stderr.decode()} "
                            f"(exit {rendered.returncode})")
            continue
        drawn = [html.unescape(t) for t in re.findall(r"<text[^>]*>([^<]*)</text>", rendered.stdout.decode())]
        missing = [t for t in set(texts) if drawn.count(t) < texts.count(t)]
        if missing:
            failures.append(f"{where}: {' '.join(command)}: texts missing in the SVG: {missing[:5]}")


def check_overview(dot_tool, analyse_tool, org, shown_at_most=50):
    where = os.path.basename(os.path.dirname(org)) + "/" + os.path.basename(org)
    dot = run([dot_tool, org])
    figures = json.loads(run([analyse_tool, "--format", "json", org]) or "{}")
    table = table_of(dot, where)
    if table is None or not figures:
        return
    processes = [p["id"] for p in figures["processes"]]
    units = [u["id"] for u in figures["shared_units"]]
    share = {(p, u["id"]): s for u in figures["shared_units"] for p, s in u["load_share"].items()}

    # Columns: the second header row, after the four columns of a process.
    rows = table.findall("TR")
    heads = [td.get("ID") for td in rows[1].findall("TD")[4:]]
    if heads != [f"unit:{u}" for u in units]:
        failures.append(f"{where}: unit columns {heads}, expected {units}")

    # Rows: every process when they fit, else those with the most hours at
    # shared units, in the file's order, and a row for the rest.
    hours = {p: sum(s * u["staff_hours_per_year"] for u in figures["shared_units"]
                    for q, s in u["load_share"].items() if q == p) for p in processes}
    expected_rows = processes
    if len(processes) > shown_at_most:
        top = sorted(range(len(processes)), key=lambda i: (-hours[processes[i]], i))[:shown_at_most]
        expected_rows = [processes[i] for i in sorted(top)]
    body = [tr for tr in rows[2:] if tr.find("TD").get("ID", "").startswith(("process:", "rest"))]
    row_ids = [tr.find("TD").get("ID") for tr in body]
    expected_ids = [f"process:{p}" for p in expected_rows] + (["rest"] if len(expected_rows) < len(processes) else [])
    if row_ids != expected_ids:
        failures.append(f"{where}: rows {row_ids[:8]}..., expected {expected_ids[:8]}...")

    # Cells: a share exactly where the process sends the unit work, in its column.
    hidden = [p for p in processes if p not in expected_rows]
    for tr in body:
        cells = tr.findall("TD")
        if len(cells) != 4 + len(units):
            failures.append(f"{where}: row {cells[0].get('ID')} has {len(cells)} cells, expected {4 + len(units)}")
            continue
        process = cells[0].get("ID").split(":", 1)[-1]
        for u, cell in zip(units, cells[4:]):
            if process == "rest":
                values = [share[(p, u)] for p in hidden if (p, u) in share]
                value = sum(values) if values else None
            else:
                value = share.get((process, u))
            text = text_of(cell)
            if value is None:
                if text or cell.get("ID"):
                    failures.append(f"{where}: {process} sends {u} no work, but its cell says {text!r}")
            elif cell.get("ID") != (f"rest:{u}" if process == "rest" else f"share:{process}:{u}") \
                    or text != share_label(value):
                failures.append(f"{where}: cell {process}/{u} is {cell.get('ID')} {text!r}, "
                                f"expected {share_label(value)!r} (load_share {value})")

    # The bottleneck: marked once, where it is.
    bottleneck = figures["bottleneck"]
    marked = [td.get("ID") for tr in rows for td in tr.findall("TD")
              if td.get("ID") and "Engpass" in text_of(td)]
    if bottleneck in units:
        expected_mark = [f"unit:{bottleneck}"]
    else:
        expected_mark = [f"process:{bottleneck.split('/')[0]}"] if bottleneck else []
    if marked != expected_mark:
        failures.append(f"{where}: 'Engpass' in {marked}, expected in {expected_mark} (bottleneck {bottleneck})")
    for td in (td for tr in rows for td in tr.findall("TD") if td.get("ID") in expected_mark):
        if td.get("BORDER") != "3" or td.get("COLOR") != "#b30000":
            failures.append(f"{where}: the bottleneck's cell has no red border: {td.attrib}")

    texts = [text_of(td) for tr in body for td in tr.findall("TD")[4:] if text_of(td)]
    texts += ["Engpass"] if bottleneck in units else []
    check_renders(dot, where, texts)
    if len(processes) > shown_at_most and f"Gezeigt sind die {shown_at_most} von {len(processes)} Verfahren" not in dot:
        failures.append(f"{where}: no note that says which processes are shown")


def write_large_organisation(directory, processes=60, units=10):
    """60 processes; process k sends work to the shared units k mod 10 and
    (k + 3) mod 10, with its own unit between; cases grow with k, so the
    processes with the most hours at shared units are the last ones."""
    with open(os.path.join(directory, "organisation.yaml"), "w", encoding="utf-8") as f:
        f.write("paperflow: 1\norganisation: {id: gross, name: Großes Amt}\nunits:\n")
        for u in range(units):
            f.write(f"  - {{id: stelle{u}, name: Gemeinsame Stelle Nummer {u}, staff: 40, cost_per_hour: 50}}\n")
        f.write("processes: [prozesse/]\n")
    os.mkdir(os.path.join(directory, "prozesse"))
    for k in range(processes):
        first, second = f"stelle{k % units}", f"stelle{(k + 3) % units}"
        with open(os.path.join(directory, "prozesse", f"p{k:03d}.yaml"), "w", encoding="utf-8") as f:
            f.write(f"""paperflow: 1
process: {{id: verfahren_{k:03d}, name: "Verfahren {k} mit einem langen Namen, der umbricht"}}
demand: {{cases_per_year: {1000 + 37 * k}}}
units:
  - {{id: {first}, name: Stelle, staff: 1, cost_per_hour: 50}}
  - {{id: eigen, name: Sachbearbeitung, staff: 5, cost_per_hour: 60}}
  - {{id: {second}, name: Stelle, staff: 1, cost_per_hour: 50}}
steps:
  - {{id: eingang, name: Eingang, unit: {first}, medium: paper, work: 6min, next: pruefen}}
  - {{id: pruefen, name: Prüfen, unit: eigen, medium: paper, work: 30min, next: ablage}}
  - {{id: ablage, name: Ablage, unit: {second}, medium: paper, work: {3 + k % 5}min, next: fertig}}
  - {{id: fertig, name: Fertig, end: true}}
""")


def main():
    dot_tool, analyse_tool, org = sys.argv[1:4]
    check_overview(dot_tool, analyse_tool, org)
    with tempfile.TemporaryDirectory() as directory:
        write_large_organisation(directory)
        check_overview(dot_tool, analyse_tool, os.path.join(directory, "organisation.yaml"))
    if failures:
        print("\n".join(failures))
        sys.exit(1)
    print("the overviews have their rows, columns, shares and bottleneck, and render without warnings")


if __name__ == "__main__":
    main()
