#!/usr/bin/env python3
"""The HTML report in a real browser: headless Chromium, every network name
unresolvable, driven over the DevTools protocol on a pipe (no extra
package). For each example, in German and in English:

- no console error or warning, no uncaught exception, no error in the
  browser's log, and no request but the page itself (no network, no font
  or picture from elsewhere);
- the figures the rendered page shows (data-key/data-value and the text a
  reader sees) agree with paperflow-analyse's and paperflow-simulate's
  JSON, and the shown text is the JSON's value formatted by this script's
  own German or English number formatting (an oracle independent of the
  C++ Wording class);
- the page is not wider than the window, every chart's text is at least
  8 pt on A4, and it prints to A4 PDF.

With --screenshot FILE it saves a picture of the first example's German
report (docs/ keeps one).

usage: check_report_browser.py TOOL_DIR EXAMPLE.yaml... [--screenshot FILE]
"""
import base64
import fcntl
import json
import os
import pathlib
import shutil
import signal
import subprocess
import sys
import tempfile
import time

BROWSERS = ["chromium-headless-shell", "chromium", "google-chrome"]


class Browser:
    """Chromium with --remote-debugging-pipe: commands on fd 3, answers on fd 4."""

    def __init__(self):
        exe = next((shutil.which(b) for b in BROWSERS if shutil.which(b)), None)
        if not exe:
            raise SystemExit("no headless browser (apt-get install chromium-headless-shell)")
        # The child reads fd 3 and writes fd 4. The pipes are moved above
        # them first, so that wiring one cannot overwrite the other.
        def high(fd):
            moved = fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10)
            os.close(fd)
            return moved
        to_child_r, self.to_child = map(high, os.pipe())
        self.from_child, from_child_w = map(high, os.pipe())

        def wire():
            os.dup2(to_child_r, 3)  # inheritable copies
            os.dup2(from_child_w, 4)
        self.profile = tempfile.mkdtemp(prefix="paperflow-browser-")
        self.process = subprocess.Popen(
            [exe, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--remote-debugging-pipe",
             "--host-resolver-rules=MAP * ~NOTFOUND", f"--user-data-dir={self.profile}", "about:blank"],
            # Python's pipes close on exec; the copies on 3 and 4 stay open.
            close_fds=False, preexec_fn=wire, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL, start_new_session=True)
        os.close(to_child_r)
        os.close(from_child_w)
        self.buffer = b""
        self.next_id = 0
        self.events = []
        self.session = None

    def send(self, method, params=None, session=True, timeout=60):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session and self.session:
            message["sessionId"] = self.session
        os.write(self.to_child, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            reply = self.read()
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)
        raise TimeoutError(method)

    def read(self):
        while b"\0" not in self.buffer:
            chunk = os.read(self.from_child, 1 << 20)
            if not chunk:
                raise RuntimeError("the browser closed its pipe")
            self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)

    def wait_for(self, method, timeout=60):
        deadline = time.monotonic() + timeout
        for i, e in enumerate(self.events):
            if e.get("method") == method:
                return self.events.pop(i)
        while time.monotonic() < deadline:
            e = self.read()
            if e.get("method") == method:
                return e
            self.events.append(e)
        raise TimeoutError(method)

    def open(self):
        target = self.send("Target.createTarget", {"url": "about:blank"}, session=False)["targetId"]
        self.session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True},
                                 session=False)["sessionId"]
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.send(f"{domain}.enable")
        self.send("Emulation.setDeviceMetricsOverride",
                  {"width": 1100, "height": 900, "deviceScaleFactor": 1, "mobile": False})

    def load(self, url):
        self.events.clear()
        self.send("Page.navigate", {"url": url})
        self.wait_for("Page.loadEventFired")

    def evaluate(self, expression):
        result = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True})
        if "exceptionDetails" in result:
            raise RuntimeError(result["exceptionDetails"])
        return result["result"].get("value")

    def problems(self, page_url):
        found = []
        for e in self.events:
            method, params = e.get("method"), e.get("params", {})
            if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "warning", "assert"):
                found.append(f"console {params['type']}: {params.get('args')}")
            elif method == "Runtime.exceptionThrown":
                found.append(f"exception: {params.get('exceptionDetails', {}).get('text')}")
            elif method == "Log.entryAdded" and params["entry"]["level"] in ("error", "warning"):
                found.append(f"log {params['entry']['level']}: {params['entry'].get('text')}")
            elif method == "Network.requestWillBeSent":
                url = params["request"]["url"]
                if url != page_url and not url.startswith("data:"):
                    found.append(f"request: {url}")
        return found

    def close(self):
        # The browser's whole process group: its helpers would write the
        # profile again after it is removed.
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.process.wait()
        time.sleep(0.2)
        shutil.rmtree(self.profile, ignore_errors=True)


def german_number(value, decimals):
    text = f"{abs(value):,.{decimals}f}".replace(",", "_").replace(".", ",").replace("_", ".")
    return ("-" if value < 0 and float(f"{abs(value):.{decimals}f}") != 0 else "") + text


def english_number(value, decimals):
    return f"{value:.{decimals}f}"


def expected_texts(lang, analysis, simulation, hours_per_day):
    """The text each key figure must show, formatted here from the JSON."""
    n = german_number if lang == "de" else english_number
    working_days = "{} Arbeitstage" if lang == "de" else "{} working days"
    euro = "{} €" if lang == "de" else "{} EUR"
    out = {
        "lead_time_days": working_days.format(n(analysis["lead_time_days"], 1)),
        "touch_time_hours": n(analysis["touch_time_hours"], 1) + " h",
        "staff_cost_per_case": euro.format(n(analysis["staff_cost_per_case"], 2)),
        "media_breaks_per_case": n(analysis["media_breaks_per_case"], 2),
    }
    if simulation:
        for p in ("p50", "p90"):
            out[f"lead_time_{p}_days"] = None  # hidden carriers: value checked, no text
    return out


def main():
    args = sys.argv[1:]
    screenshot = None
    if "--screenshot" in args:
        i = args.index("--screenshot")
        screenshot = args[i + 1]
        del args[i:i + 2]
    tool_dir, examples = pathlib.Path(args[0]), args[1:]
    failures, checks = [], 0

    def expect(condition, message):
        nonlocal checks
        checks += 1
        if not condition:
            failures.append(message)

    browser = Browser()
    try:
        browser.open()
        with tempfile.TemporaryDirectory() as tmp:
            for number, example in enumerate(examples):
                name = pathlib.Path(example).stem
                analysis = json.loads(subprocess.run([tool_dir / "paperflow-analyse", "--format", "json", example],
                                                     capture_output=True, check=True).stdout)
                simulation = json.loads(subprocess.run(
                    [tool_dir / "paperflow-simulate", "--format", "json", "--cases", "2000", "--replications", "4",
                     example], capture_output=True, check=True).stdout)
                hpd = analysis["lead_time_hours"] / analysis["lead_time_days"] if analysis.get("lead_time_days") else 8
                for lang in ("de", "en"):
                    page = pathlib.Path(tmp) / f"{name}.{lang}.html"
                    subprocess.run([tool_dir / "paperflow-report", "--lang", lang, "--cases", "2000",
                                    "--replications", "4", "--uncertainty", "200", example, "-o", page],
                                   check=True, capture_output=True)
                    url = page.as_uri()
                    browser.load(url)
                    where = f"{name} ({lang})"
                    for problem in browser.problems(url):
                        expect(False, f"{where}: {problem}")
                    shown = browser.evaluate(
                        "Object.fromEntries([...document.querySelectorAll('[data-key]')].map(e => [e.dataset.key,"
                        " {value: e.dataset.value, text: (e.querySelector('.value') || {}).textContent || null}]))")
                    for key in ("lead_time_days", "touch_time_hours", "staff_cost_per_case",
                                "media_breaks_per_case"):
                        expect(key in shown, f"{where}: no {key} in the page")
                        if key in shown and analysis.get(key) is not None:
                            expect(float(shown[key]["value"]) == analysis[key],
                                   f"{where}: {key} is {shown[key]['value']}, analyse says {analysis[key]}")
                    texts = expected_texts(lang, analysis, simulation, hpd)
                    for key, text in texts.items():
                        if text is not None and key in shown:
                            expect(shown[key]["text"] == text,
                                   f"{where}: {key} shows {shown[key]['text']!r}, expected {text!r}")
                    if analysis.get("ozg_level") is not None:
                        expect(float(shown["ozg_level"]["value"]) == analysis["ozg_level"], f"{where}: OZG level")
                    if simulation.get("stable"):
                        for p in ("p50", "p90", "mean"):
                            days = simulation["lead_time_hours"][p] / hpd
                            expect(abs(float(shown[f"lead_time_{p}_days"]["value"]) - days) <= 1e-9 * max(days, 1),
                                   f"{where}: {p} {shown[f'lead_time_{p}_days']['value']} days, simulate {days}")
                    layout = browser.evaluate(
                        "({overflow: document.documentElement.scrollWidth - window.innerWidth,"
                        " column: document.querySelector('main').clientWidth,"
                        " charts: document.querySelectorAll('svg.chart').length,"
                        " smallest: Math.min(...[...document.querySelectorAll('svg.chart')].map(s =>"
                        "   s.getBoundingClientRect().width / s.viewBox.baseVal.width * "
                        "   parseFloat(getComputedStyle(s).fontSize)))})")
                    expect(layout["overflow"] <= 0, f"{where}: the page is {layout['overflow']} px wider than the window")
                    expect(layout["charts"] >= 3, f"{where}: {layout['charts']} charts")
                    pdf = base64.b64decode(browser.send("Page.printToPDF", {"preferCSSPageSize": True,
                                                                            "printBackground": True})["data"])
                    pages = pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages")
                    expect(pdf.startswith(b"%PDF") and pages >= 2, f"{where}: the PDF has {pages} pages")
                    # In print the column is A4 less the margins, 186 mm: the screen's column shrinks to it.
                    points_on_a4 = layout["smallest"] * (186 / 25.4 * 72) / layout["column"]
                    expect(points_on_a4 >= 8, f"{where}: chart text of {points_on_a4:.1f} pt on A4")
                    if screenshot and number == 0 and lang == "de":
                        height = browser.evaluate("document.documentElement.scrollHeight")
                        image = browser.send("Page.captureScreenshot", {
                            "format": "png", "captureBeyondViewport": True,
                            "clip": {"x": 0, "y": 0, "width": 1100, "height": min(height, 2400), "scale": 1}})
                        pathlib.Path(screenshot).write_bytes(base64.b64decode(image["data"]))
    finally:
        browser.close()
    for f in failures:
        print(f)
    print(f"{checks - len(failures)} passed, {len(failures)} failed")
    return 1 if failures or checks == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
