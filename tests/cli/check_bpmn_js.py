#!/usr/bin/env python3
"""paperflow-bpmn's export of every example as bpmn.io shows it: bpmn-js,
the library of bpmn.io and Camunda Modeler, opens each file in headless
Chromium (driven over the DevTools protocol on a pipe, check_report_browser's
Browser, every network name unresolvable), and for each file

- importXML gives no warning and no error, and the page no console error,
  no exception and no request but its own files;
- the element registry has a shape for every flow node, lane, participant
  and data object reference, and a connection for every sequence flow and
  message flow the file has (counted here from the XML, independently),
  each of the kind the file says and drawn (its graphics have a size);
- no two flow nodes' shapes overlap;
- the canvas's viewbox around the diagram is not empty;

and a screenshot of the whole diagram at scale 1 is written to
SHOT_DIR/NAME.png (the registry's shapes beside it, NAME.json).

The check must see a broken file as broken, or its silence proves nothing:
a copy of the first export with a task's shape and a flow's edge removed,
another task moved onto a third node and a reference that resolves to
nothing, and a copy whose diagram has no shape at all, must each draw the
complaints they deserve.

bpmn-js is installed with npm, at the pinned version, into CACHE_DIR (under
the build tree), once (npm_cache.py); the page loads its prebuilt bundle
from there. Where npm cannot reach its registry the test prints SKIPPED and
exits with the skip code (77) that ctest's SKIP_RETURN_CODE names; any
other failure fails, a missing browser too (scripts/install-deps installs
chromium-headless-shell).

usage: check_bpmn_js.py TOOL CACHE_DIR SHOT_DIR PROCESS.yaml...
"""
import base64
import json
import pathlib
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

from check_report_browser import Browser
from npm_cache import install

PACKAGES = {"bpmn-js": "18.31.1"}
BPMN = "{http://www.omg.org/spec/BPMN/20100524/MODEL}"
FLOW_NODES = {"startEvent", "endEvent", "intermediateCatchEvent", "intermediateThrowEvent", "boundaryEvent",
              "task", "userTask", "manualTask", "sendTask", "receiveTask", "serviceTask", "scriptTask",
              "businessRuleTask", "callActivity", "subProcess", "transaction", "adHocSubProcess",
              "exclusiveGateway", "parallelGateway", "inclusiveGateway", "eventBasedGateway", "complexGateway"}
SHAPES = FLOW_NODES | {"lane", "participant", "dataObjectReference"}
CONNECTIONS = {"sequenceFlow", "messageFlow"}
MARGIN = 20
# Below the diagram, room for the bpmn.io logo that the viewer puts into the
# bottom right corner (its licence wants it shown), so that it covers nothing.
LOGO = 40

PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>bpmn-js</title>
<link rel="stylesheet" href="{assets}/diagram-js.css">
<link rel="stylesheet" href="{assets}/bpmn-js.css">
<style>html, body {{ margin: 0; background: #fff; }} #canvas {{ width: 800px; height: 600px; }}</style>
<script src="{bundle}"></script>
</head><body><div id="canvas"></div>
<script>
const xml = {xml};
window.shown = (async () => {{
  const container = document.getElementById('canvas');
  const viewer = new BpmnJS({{ container }});
  let warnings;
  try {{
    ({{ warnings }} = await viewer.importXML(xml));
  }} catch (e) {{
    return {{ error: String(e && e.message || e), warnings: (e.warnings || []).map(w => w.message) }};
  }}
  const canvas = viewer.get('canvas'), registry = viewer.get('elementRegistry');
  const inner = canvas.viewbox().inner;
  // The whole diagram at scale 1, a margin around it and the logo below it.
  const width = Math.ceil(inner.width + 2 * {margin}), height = Math.ceil(inner.height + 2 * {margin} + {logo});
  container.style.width = width + 'px';
  container.style.height = height + 'px';
  canvas.resized();
  canvas.viewbox({{ x: inner.x - {margin}, y: inner.y - {margin}, width, height }});
  const root = canvas.getRootElement();
  const elements = registry.getAll().filter(e => e !== root && e.type !== 'label').map(e => {{
    const gfx = registry.getGraphics(e);
    const box = gfx && gfx.getBBox();
    return {{
      id: e.businessObject ? e.businessObject.id : e.id, type: e.type,
      waypoints: e.waypoints ? e.waypoints.map(p => [p.x, p.y]) : null,
      x: e.x, y: e.y, width: e.width, height: e.height,
      drawn: box ? [box.width, box.height] : null,
    }};
  }});
  const viewbox = canvas.viewbox();
  return {{ warnings: warnings.map(w => w.message), elements, width, height,
           inner: {{ x: inner.x, y: inner.y, width: inner.width, height: inner.height }},
           viewbox: {{ x: viewbox.x, y: viewbox.y, width: viewbox.width, height: viewbox.height }} }};
}})();
</script></body></html>
"""


def expected(text):
    """The shapes and connections the file asks for: {id: kind}, counted from its XML."""
    shapes, connections = {}, {}
    for element in ET.fromstring(text.encode("utf-8")).iter():
        if not isinstance(element.tag, str) or not element.tag.startswith(BPMN):
            continue
        kind = element.tag[len(BPMN):]
        if kind in SHAPES:
            shapes[element.get("id")] = kind
        elif kind in CONNECTIONS:
            connections[element.get("id")] = kind
    return shapes, connections


def overlapping(a, b):
    return (a["x"] < b["x"] + b["width"] and b["x"] < a["x"] + a["width"]
            and a["y"] < b["y"] + b["height"] and b["y"] < a["y"] + a["height"])


def check(shown, text, where):
    """The complaints about what bpmn-js made of one file."""
    if "error" in shown:
        return [f"{where}: importXML fails: {shown['error']}"] + [f"{where}: import warning: {w}"
                                                                  for w in shown["warnings"]]
    complaints = [f"{where}: import warning: {w}" for w in shown["warnings"]]
    shapes, connections = expected(text)
    registry = {}
    for e in shown["elements"]:
        registry.setdefault(e["id"], e)
    type_of = {kind: "bpmn:" + kind[0].upper() + kind[1:] for kind in SHAPES | CONNECTIONS}
    for wanted, is_connection in ((shapes, False), (connections, True)):
        for id_, kind in wanted.items():
            e = registry.get(id_)
            what = "connection" if is_connection else "shape"
            if e is None or (e["waypoints"] is not None) != is_connection:
                complaints.append(f"{where}: no {what} for the {kind} {id_}")
            elif e["type"] != type_of[kind]:
                complaints.append(f"{where}: the {kind} {id_} is drawn as {e['type']}")
            elif not e["drawn"] or max(e["drawn"]) <= 0:
                complaints.append(f"{where}: the {what} of {id_} is not drawn")
    nodes = [registry[i] for i, kind in shapes.items() if kind in FLOW_NODES and i in registry
             and registry[i]["waypoints"] is None]
    for i, a in enumerate(nodes):
        for b in nodes[i + 1:]:
            if overlapping(a, b):
                complaints.append(f"{where}: the shapes of {a['id']} and {b['id']} overlap")
    inner = shown["inner"]
    if not (inner["width"] > 0 and inner["height"] > 0 and shown["viewbox"]["width"] > 0
            and shown["viewbox"]["height"] > 0):
        complaints.append(f"{where}: the viewbox is empty: {inner}")
    return complaints


def page_for(text, bundle, assets, work, name):
    page = work / f"{name}.html"
    script = json.dumps(text).replace("</", "<\\/")
    page.write_text(PAGE.format(assets=assets.as_uri(), bundle=bundle.as_uri(), xml=script, margin=MARGIN, logo=LOGO),
                    encoding="utf-8")
    return page


def show(browser, page, allowed):
    """Opens PAGE and returns what it says, and the browser's complaints."""
    url = page.as_uri()
    browser.send("Emulation.setDeviceMetricsOverride",
                 {"width": 800, "height": 600, "deviceScaleFactor": 1, "mobile": False})
    browser.load(url)
    result = browser.send("Runtime.evaluate", {"expression": "window.shown", "awaitPromise": True,
                                               "returnByValue": True}, timeout=120)
    if "exceptionDetails" in result:
        return {"error": str(result["exceptionDetails"]), "warnings": []}, []
    # A console error carries its stack trace: its start says enough.
    problems = [p[:300] for p in browser.problems(url) if not any(p == f"request: {a}" for a in allowed)]
    return result["result"]["value"], problems


def screenshot(browser, shown, png):
    browser.send("Emulation.setDeviceMetricsOverride",
                 {"width": shown["width"], "height": shown["height"], "deviceScaleFactor": 1, "mobile": False})
    image = browser.send("Page.captureScreenshot", {
        "format": "png", "clip": {"x": 0, "y": 0, "width": shown["width"], "height": shown["height"], "scale": 1}})
    png.write_bytes(base64.b64decode(image["data"]))


def broken_copies(text):
    """Broken copies of an export, each with the complaints it must draw (patterns)."""
    shapes, connections = expected(text)
    tasks = [i for i, kind in shapes.items() if kind.endswith("Task")]
    others = [i for i, kind in shapes.items() if kind in FLOW_NODES and i not in tasks[:2]]
    flow = next(i for i, kind in connections.items() if kind == "sequenceFlow")
    gone, moved, under = tasks[0], tasks[1], others[0]

    def without(text, ref, tag):
        return re.sub(rf'<bpmndi:{tag} id="[^"]*" bpmnElement="{re.escape(ref)}".*?</bpmndi:{tag}>\s*', "", text,
                      count=1, flags=re.S)

    def shape(text, ref):
        return re.search(rf'<bpmndi:BPMNShape id="[^"]*" bpmnElement="{re.escape(ref)}".*?</bpmndi:BPMNShape>', text,
                         flags=re.S)

    def bounds(text, ref):
        return re.search(r"<dc:Bounds [^>]*>", shape(text, ref).group(0)).group(0)

    damaged = without(without(text, gone, "BPMNShape"), flow, "BPMNEdge")
    block = shape(damaged, moved)
    damaged = (damaged[:block.start()] + block.group(0).replace(bounds(damaged, moved), bounds(damaged, under))
               + damaged[block.end():])
    damaged = damaged.replace("</bpmn:incoming>", "</bpmn:incoming><bpmn:incoming>Flow_nowhere</bpmn:incoming>", 1)
    empty = re.sub(r"<bpmndi:(BPMNShape|BPMNEdge) .*?</bpmndi:\1>\s*", "", text, flags=re.S)
    pair = f"({re.escape(moved)} and {re.escape(under)}|{re.escape(under)} and {re.escape(moved)})"
    return [("broken", damaged, [f"no shape for the {shapes[gone]} {re.escape(gone)}$",
                                 f"no connection for the sequenceFlow {re.escape(flow)}$",
                                 f"the shapes of {pair} overlap", "import warning: unresolved reference <Flow_nowhere>"]),
            ("empty", empty, ["the viewbox is empty", "no shape for the participant ",
                              "no connection for the sequenceFlow "])]


def main():
    if len(sys.argv) < 5:
        sys.exit(__doc__)
    tool = pathlib.Path(sys.argv[1]).resolve()
    cache, shots = pathlib.Path(sys.argv[2]).resolve(), pathlib.Path(sys.argv[3]).resolve()
    files = [pathlib.Path(f) for f in sys.argv[4:]]
    install(cache, PACKAGES)
    dist = cache / "node_modules" / "bpmn-js" / "dist"
    bundle, assets = dist / "bpmn-navigated-viewer.production.min.js", dist / "assets"
    allowed = [bundle.as_uri(), (assets / "diagram-js.css").as_uri(), (assets / "bpmn-js.css").as_uri()]
    shots.mkdir(parents=True, exist_ok=True)
    failures, checked = [], 0
    browser = Browser()
    try:
        browser.open()
        with tempfile.TemporaryDirectory() as work:
            work = pathlib.Path(work)
            exports = []
            for source in files:
                out = work / (source.stem + ".bpmn")
                result = subprocess.run([tool, str(source), "-o", str(out)], capture_output=True, text=True)
                if result.returncode != 0:
                    failures.append(f"{source}: paperflow-bpmn exit {result.returncode}: {result.stderr}")
                    continue
                exports.append(out)
            if exports:
                for name, text, wanted in broken_copies(exports[0].read_text(encoding="utf-8")):
                    shown, problems = show(browser, page_for(text, bundle, assets, work, name), allowed)
                    complaints = check(shown, text, name) + problems
                    print(f"the {name} copy of {exports[0].name}: {len(complaints)} complaints, among them")
                    for phrase in wanted:
                        found = next((c for c in complaints if re.search(phrase, c)), None)
                        if found:
                            print("  " + found)
                        else:
                            failures.append(f"the {name} copy of {exports[0].name} draws no complaint with "
                                            f"{phrase!r}: the check proves nothing\n" + "\n".join(complaints))
            for out in exports:
                text = out.read_text(encoding="utf-8")
                shown, problems = show(browser, page_for(text, bundle, assets, work, out.stem), allowed)
                complaints = check(shown, text, out.name) + [f"{out.name}: {p}" for p in problems]
                shapes, connections = expected(text)
                if "error" not in shown:
                    screenshot(browser, shown, shots / (out.stem + ".png"))
                    (shots / (out.stem + ".json")).write_text(json.dumps(shown, indent=1) + "\n")
                    print(f"{out.name}: {len(shapes)} shapes and {len(connections)} connections expected, "
                          f"{len(shown['elements'])} drawn, {len(complaints)} complaints; "
                          f"{shots / (out.stem + '.png')} ({shown['width']} x {shown['height']})")
                failures += complaints
                checked += 1
    finally:
        browser.close()
    for failure in failures:
        print("FAIL:", failure)
    if not failures:
        print(f"{checked} exports shown by bpmn-js {PACKAGES['bpmn-js']}: no warning, every shape and connection, "
              "no two nodes overlapping")
    sys.exit(1 if failures or checked == 0 else 0)


if __name__ == "__main__":
    main()
