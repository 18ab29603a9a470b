#!/usr/bin/env python3
"""paperflow-report's HTML, read as a file (the browser test renders it):

- for every example, in German and English: exit 0, one self-contained file
  under 2 MB (no script, no stylesheet link, no source or link to fetch, no
  url() to another place), its tags balanced, in the language asked for;
- the figures it carries agree with paperflow-analyse's and
  paperflow-plan's JSON;
- the same flags give the same bytes for any --threads; --no-simulate and
  --no-plan leave their parts out;
- --pdf prints an A4 PDF with a browser on PATH, and without one fails with
  exit status 2, writing neither the PDF nor the HTML.

usage: check_report.py TOOL_DIR EXAMPLE.yaml...
"""
import html.parser
import json
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile

tool_dir, examples = pathlib.Path(sys.argv[1]), sys.argv[2:]
report_tool = tool_dir / "paperflow-report"
failures, checks = [], 0

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
# Headings one language has and the other must not.
ENGLISH = ["Where the time goes", "Utilisation of the units", "The digitisation plan", "Lead time", "Bottleneck"]
GERMAN = ["Wohin die Zeit geht", "Auslastung der Organisationseinheiten", "Der Digitalisierungsplan",
          "Durchlaufzeit", "Engpass"]


def expect(condition, message):
    global checks
    checks += 1
    if not condition:
        failures.append(message)


class Reader(html.parser.HTMLParser):
    """Collects the data-key figures, fetchable references and unbalanced tags."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.problems, self.figures, self.fetches = [], [], {}, []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "data-key" in a:
            self.figures[a["data-key"]] = a.get("data-value")
        if tag in ("script", "link", "iframe", "object", "embed", "img", "audio", "video"):
            self.fetches.append(f"<{tag}>")
        for name in ("src", "srcset", "action"):
            if name in a:
                self.fetches.append(f"{tag} {name}={a[name]}")
        for name in ("href", "xlink:href"):
            if name in a and a[name] and not a[name].startswith("#"):
                self.fetches.append(f"{tag} {name}={a[name]}")
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID and self.stack and self.stack[-1] == tag:
            self.stack.pop()

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes {self.stack[-1] if self.stack else 'nothing'}")
            return
        self.stack.pop()


def run(args, env=None):
    return subprocess.run([str(report_tool)] + [str(a) for a in args], capture_output=True, timeout=300, env=env)


def tool_json(tool, args):
    return json.loads(subprocess.run([str(tool_dir / f"paperflow-{tool}"), "--format", "json"] + args,
                                     capture_output=True, check=True).stdout)


with tempfile.TemporaryDirectory() as tmp:
    tmp = pathlib.Path(tmp)
    for example in examples:
        name = pathlib.Path(example).stem
        analysis = tool_json("analyse", [example])
        plan = tool_json("plan", [example])
        for lang in ("de", "en"):
            where = f"{name} ({lang})"
            out = tmp / f"{name}.{lang}.html"
            result = run(["--lang", lang, "--cases", "1000", "--replications", "3", example, "-o", out])
            expect(result.returncode == 0 and not result.stderr,
                   f"{where}: exit {result.returncode}: {result.stderr.decode(errors='replace')}")
            if result.returncode != 0:
                continue
            text = out.read_text(encoding="utf-8")
            expect(len(text.encode()) < 2 * 1024 * 1024, f"{where}: {len(text.encode())} bytes")
            reader = Reader()
            reader.feed(text)
            reader.close()
            expect(not reader.problems and not reader.stack,
                   f"{where}: unbalanced tags: {reader.problems[:3]} open {reader.stack[:3]}")
            expect(not reader.fetches, f"{where}: would fetch: {reader.fetches[:5]}")
            expect(not re.search(r"url\(\s*['\"]?(?!#)", text) and "@import" not in text,
                   f"{where}: a url() or @import to fetch")
            expect(f'<html lang="{lang}">' in text, f"{where}: not marked as {lang}")
            body = re.sub(r"<svg.*?</svg>", "", text, flags=re.S)  # the diagrams are German in both
            for word in (ENGLISH if lang == "de" else GERMAN):
                expect(word not in body, f"{where}: '{word}' in a {lang} report")
            for word in (GERMAN if lang == "de" else ENGLISH):
                expect(word in body, f"{where}: no '{word}'")
            for key in ("lead_time_days", "touch_time_hours", "staff_cost_per_case", "media_breaks_per_case"):
                if analysis.get(key) is not None:
                    expect(key in reader.figures and float(reader.figures[key]) == analysis[key],
                           f"{where}: {key} {reader.figures.get(key)} against analyse's {analysis[key]}")
            if plan["measures"]:
                freed = sum(m["staff_hours_freed_per_year"] for m in plan["measures"])
                shown = float(reader.figures.get("staff_hours_freed_per_year", "nan"))
                expect(abs(shown - freed) <= 1e-9 * max(freed, 1),
                       f"{where}: plan frees {shown} hours, paperflow-plan {freed}")

    wohngeld = next((e for e in examples if e.endswith("wohngeld.yaml")), examples[0])
    one = run(["--lang", "de", "--threads", "1", "--uncertainty", "100", "--cases", "500", wohngeld])
    two = run(["--lang", "de", "--threads", "2", "--uncertainty", "100", "--cases", "500", wohngeld])
    expect(one.returncode == 0 and one.stdout == two.stdout, "--threads 1 and 2 differ")
    expect(b"Kapitalwert" in one.stdout, "--uncertainty adds no business case under uncertainty")
    bare = run(["--lang", "de", "--no-simulate", "--no-plan", wohngeld]).stdout.decode()
    expect(bare.startswith("<!DOCTYPE html>") and bare.rstrip().endswith("</html>"),
           "to standard output: not a whole HTML document")
    expect("lead_time_p50_days" not in bare and "Der Digitalisierungsplan" not in bare,
           "--no-simulate --no-plan leave their parts in")
    expect("lead_time_p50_days" in one.stdout.decode(), "no simulated distribution without --no-simulate")

    # An organisation: the portfolio first, its figures analyse's, then the
    # plan across the processes, then each process with the shared waits.
    organisation = pathlib.Path(wohngeld).parent / "bezirksamt-nord" / "organisation.yaml"
    portfolio = tool_json("analyse", [organisation])
    org_plan = tool_json("plan", [organisation])
    out = tmp / "organisation.html"
    result = run(["--lang", "de", "--cases", "300", "--replications", "2", organisation, "-o", out])
    expect(result.returncode == 0 and not result.stderr, f"organisation: exit {result.returncode} {result.stderr!r}")
    if result.returncode == 0:
        text = out.read_text(encoding="utf-8")
        reader = Reader()
        reader.feed(text)
        reader.close()
        expect(not reader.problems and not reader.stack, f"organisation: unbalanced tags {reader.problems[:3]}")
        expect(text.index('class="portfolio"') < text.index('class="process"'), "organisation: the portfolio is not first")
        expect(float(reader.figures.get("staff_hours_per_year", "nan")) == portfolio["staff_hours_per_year"],
               "organisation: staff hours a year differ from analyse's")
        lead_times = [float(v) for v in re.findall(r'data-key="lead_time_days" data-value="([^"]*)"', text)]
        expected = [p["analysis"]["lead_time_days"] for p in portfolio["processes"]]
        expect(lead_times == expected, f"organisation: the processes' lead times {lead_times}, analyse's {expected}")
        for word in ("Gemeinsame Einheiten", "Welche gemeinsame Einheit welche Verfahren trägt", "Womit beginnen",
                     "Die Organisation vorher und nachher"):
            expect(word in text, f"organisation: no '{word}'")
        for measure in org_plan["measures"]:
            expect(measure["name"] in text, f"organisation: the plan's {measure['id']} is missing")
        expect(text.count("lead_time_p50_days") == len(expected), "organisation: not one distribution a process")
    refused = run(["--uncertainty", "100", organisation])
    expect(refused.returncode == 2 and b"one process" in refused.stderr and not refused.stdout,
           f"organisation --uncertainty: exit {refused.returncode} {refused.stderr!r}")

    pdf, html_out = tmp / "wohngeld.pdf", tmp / "wohngeld.html"
    if any(shutil.which(b) for b in ("chromium-headless-shell", "chromium", "google-chrome")):
        result = run(["--lang", "de", "--cases", "500", wohngeld, "--pdf", pdf, "-o", html_out])
        expect(result.returncode == 0 and pdf.read_bytes().startswith(b"%PDF") and html_out.exists(),
               f"--pdf: exit {result.returncode} {result.stderr!r}")
        expect(b"/MediaBox [0 0 595" in pdf.read_bytes() or b"/MediaBox [0 0 594" in pdf.read_bytes(),
               "--pdf: not A4 (595 × 842 pt)")
    else:
        expect(False, "no headless browser to test --pdf with (apt-get install chromium-headless-shell)")
    # Without a browser on PATH (only Graphviz's neato there): exit 2, no file written.
    lonely = tmp / "bin"
    lonely.mkdir()
    os.symlink(shutil.which("neato"), lonely / "neato")
    missing_pdf, missing_html = tmp / "none.pdf", tmp / "none.html"
    result = run([wohngeld, "--no-simulate", "--pdf", missing_pdf, "-o", missing_html],
                 env={**os.environ, "PATH": str(lonely)})
    expect(result.returncode == 2 and b"headless browser" in result.stderr and not missing_pdf.exists()
           and not missing_html.exists() and not list(tmp.glob(".none*")),
           f"--pdf without a browser: exit {result.returncode}, {result.stderr!r}")

for f in failures:
    print(f)
print(f"{checks - len(failures)} passed, {len(failures)} failed")
sys.exit(1 if failures or checks == 0 else 0)
