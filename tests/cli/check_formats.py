#!/usr/bin/env python3
"""Every example validates with exit 0; on the bad corpus every output
format exits 1 (the status never depends on --format) and is well formed:
JSON and SARIF 2.1.0 and Code Climate parse and have their required
fields, JUnit is XML with one test case per file, GitHub lines are
workflow commands."""
import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

tool, examples, bad = sys.argv[1], sys.argv[2], sys.argv[3]
failures = []

result = subprocess.run([tool, "--strict", examples], capture_output=True, timeout=60)
if result.returncode != 0:
    failures.append(f"examples: exit {result.returncode}\n{result.stdout.decode()}{result.stderr.decode()}")
examples_checked = re.search(r"^(\d+) files? checked", result.stdout.decode(), re.M)
if not examples_checked or int(examples_checked.group(1)) == 0:
    failures.append(f"examples: no file checked in {examples}: {result.stdout.decode()!r}")


def run(fmt):
    result = subprocess.run([tool, "--format", fmt, bad], capture_output=True, timeout=120)
    if result.returncode != 1:
        failures.append(f"--format {fmt}: exit {result.returncode}, expected 1")
    return result.stdout.decode()


text = run("text")
files = len(re.findall(r"\((\d+) checked\)", text)) and int(re.search(r"\((\d+) checked\)", text).group(1))

report = json.loads(run("json"))
if report.get("paperflow") != 1 or not report["files"]:
    failures.append("json: no paperflow: 1 or no files")
for f in report["files"]:
    for d in f["diagnostics"]:
        if set(d) != {"rule", "severity", "line", "column", "message"}:
            failures.append(f"json: keys {sorted(d)}")
        if d["severity"] not in ("error", "warning"):
            failures.append(f"json: severity {d['severity']}")
json_count = sum(len(f["diagnostics"]) for f in report["files"])
if files != len(report["files"]):
    failures.append(f"text: the summary says {files} checked, json has {len(report['files'])} files")

sarif = json.loads(run("sarif"))
if sarif.get("version") != "2.1.0" or "$schema" not in sarif:
    failures.append("sarif: version or $schema missing")
run0 = sarif["runs"][0]
rule_ids = [r["id"] for r in run0["tool"]["driver"]["rules"]]
if not run0["tool"]["driver"]["name"]:
    failures.append("sarif: no driver name")
for r in run0["results"]:
    if r["ruleId"] not in rule_ids or rule_ids[r["ruleIndex"]] != r["ruleId"]:
        failures.append(f"sarif: ruleId/ruleIndex {r['ruleId']}")
    if r["level"] not in ("error", "warning") or not r["message"]["text"]:
        failures.append(f"sarif: level or message {r}")
    loc = r["locations"][0]["physicalLocation"]
    if not loc["artifactLocation"]["uri"] or ("region" in loc and loc["region"]["startLine"] < 1):
        failures.append(f"sarif: location {loc}")
if len(run0["results"]) != json_count:
    failures.append(f"sarif: {len(run0['results'])} results, json has {json_count}")

climate = json.loads(run("codeclimate"))
fingerprints = set()
for issue in climate:
    for key in ("description", "check_name", "fingerprint", "severity", "location"):
        if key not in issue:
            failures.append(f"codeclimate: no {key}")
    if issue["location"]["lines"]["begin"] < 1:
        failures.append("codeclimate: line < 1")
    fingerprints.add(issue["fingerprint"])
if len(climate) != json_count or len(fingerprints) != json_count:
    failures.append(f"codeclimate: {len(climate)} issues, {len(fingerprints)} fingerprints, json has {json_count}")

junit = ET.fromstring(run("junit"))
cases = junit.findall(".//testcase")
if len(cases) != len(report["files"]) or int(junit.get("tests")) != len(cases):
    failures.append(f"junit: {len(cases)} test cases for {len(report['files'])} files")
if int(junit.get("failures")) != sum(1 for c in cases if c.find("failure") is not None):
    failures.append("junit: failures attribute does not match")

github = run("github").splitlines()
pattern = re.compile(r"^::(error|warning) file=[^,:]+(,line=\d+,col=\d+)?,title=[a-z-]+::.+$")
for line in github:
    if not pattern.match(line):
        failures.append(f"github: malformed line {line!r}")
if len(github) != json_count:
    failures.append(f"github: {len(github)} lines, json has {json_count}")

if failures:
    print("\n".join(failures))
    sys.exit(1)
