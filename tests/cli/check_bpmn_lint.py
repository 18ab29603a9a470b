#!/usr/bin/env python3
"""paperflow-bpmn's export of every example passes the tools BPMN users trust:
bpmnlint with its bpmnlint:recommended rules reports no error (nor a
warning: overlapping shapes are only a warning there), and
bpmn-moddle (the reader of bpmn.io and Camunda Modeler) reads it without a
warning.

Both are installed with npm, at the pinned versions, into CACHE_DIR (under
the build tree), once (npm_cache.py). Where npm cannot reach its registry the test prints
SKIPPED and exits with the skip code (77) that ctest's SKIP_RETURN_CODE
names; any other failure fails. An organisation file stands for the
processes it lists, each exported on its own (the tool exports one process).

usage: check_bpmn_lint.py TOOL CACHE_DIR FILE...
"""
import os
import pathlib
import subprocess
import sys
import tempfile

import yaml

from npm_cache import install

PACKAGES = {"bpmnlint": "11.15.0", "bpmn-moddle": "10.3.1"}

MODDLE_SCRIPT = r"""
import fs from 'fs';
import { BpmnModdle } from 'bpmn-moddle';
(async () => {
  let failed = 0;
  for (const file of process.argv.slice(2)) {
    const moddle = new BpmnModdle();
    try {
      const { warnings } = await moddle.fromXML(fs.readFileSync(file, 'utf8'));
      for (const w of warnings) console.log(`${file}: warning: ${w.message}`);
      if (warnings.length) failed = 1;
      else console.log(`${file}: read without a warning`);
    } catch (e) {
      console.log(`${file}: error: ${e.message}`);
      failed = 1;
    }
  }
  process.exit(failed);
})();
"""


def process_files(path):
    """The process files a FILE stands for: itself, or an organisation's processes."""
    with open(path, encoding="utf-8") as f:
        document = yaml.safe_load(f)
    if isinstance(document, dict) and "organisation" in document:
        return [(pathlib.Path(path).parent / listed).resolve() for listed in document.get("processes", [])]
    return [pathlib.Path(path)]


def main():
    tool, cache, files = os.path.abspath(sys.argv[1]), pathlib.Path(sys.argv[2]).resolve(), sys.argv[3:]
    if not files:
        sys.exit("no files given: nothing is checked")
    install(cache, PACKAGES)
    failures = []
    with tempfile.TemporaryDirectory() as work:
        work = pathlib.Path(work)
        (work / ".bpmnlintrc").write_text('{"extends": "bpmnlint:recommended"}\n')
        exported = []
        for given in files:
            for source in process_files(given):
                out = work / (source.stem + ".bpmn")
                if out in exported:
                    print(f"{given}: {source.name} exported already")
                    continue
                result = subprocess.run([tool, str(source), "-o", str(out)], capture_output=True, text=True)
                if result.returncode != 0:
                    failures.append(f"{source}: paperflow-bpmn exit {result.returncode}: {result.stderr}")
                    continue
                exported.append(out)
                print(f"{given}: {source.name} exported")
        env = dict(os.environ, NO_COLOR="1", FORCE_COLOR="0")
        # The checkers must see a broken file as broken, or their silence
        # proves nothing: the first export with its start event's name gone
        # (bpmnlint: label-required) and an id moddle refuses.
        if exported:
            text = exported[0].read_text(encoding="utf-8")
            broken = work / "broken.bpmn"
            broken.write_text(text.replace(' name="Start"', "", 1).replace('id="Flow_1"', 'id="Flüss_1"', 1),
                              encoding="utf-8")
            lint = subprocess.run([str(cache / "node_modules" / ".bin" / "bpmnlint"), broken.name], cwd=work,
                                  capture_output=True, text=True, env=env)
            if lint.returncode == 0 or "label-required" not in lint.stdout + lint.stderr:
                failures.append("bpmnlint passes a start event without a name: the check proves nothing\n"
                                + lint.stdout + lint.stderr)
        for out in exported:
            lint = subprocess.run([str(cache / "node_modules" / ".bin" / "bpmnlint"), out.name], cwd=work,
                                  capture_output=True, text=True, env=env)
            report = (lint.stdout + lint.stderr).strip()
            errors = sum(1 for line in report.splitlines() if " error " in line)
            warnings = sum(1 for line in report.splitlines() if " warning " in line)
            print(f"bpmnlint {out.name}: {errors} errors, {warnings} warnings")
            if report:
                print(report)
            # Overlapping shapes are only a warning in the recommended
            # rules; the export promises none, so a warning fails too.
            if lint.returncode != 0 or errors or warnings:
                failures.append(f"bpmnlint reports errors or warnings in {out.name}")
        # Beside node_modules, so that the module resolves from there.
        reader = cache / "read-bpmn.mjs"
        reader.write_text(MODDLE_SCRIPT)
        if exported:
            refused = subprocess.run(["node", str(reader), "broken.bpmn"], cwd=work, capture_output=True, text=True,
                                     env=env)
            if refused.returncode == 0 or "illegal ID" not in refused.stdout:
                failures.append("bpmn-moddle reads an illegal id without a warning: the check proves nothing\n"
                                + refused.stdout + refused.stderr)
        moddle = subprocess.run(["node", str(reader)] + [out.name for out in exported], cwd=work,
                                capture_output=True, text=True, env=env)
        print(moddle.stdout.strip())
        if moddle.returncode != 0:
            failures.append("bpmn-moddle warns or fails:\n" + moddle.stdout + moddle.stderr)
    for failure in failures:
        print("FAIL:", failure)
    if not failures:
        print(f"{len(exported)} exports: no bpmnlint error or warning, no bpmn-moddle warning")
    sys.exit(1 if failures else 0)


main()
