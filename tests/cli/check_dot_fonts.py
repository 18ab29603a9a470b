#!/usr/bin/env python3
"""The diagrams look the same on an office PC without DejaVu Sans.

The boxes are sized for DejaVu Sans (the first font of every text in the
SVG); the fonts after it are those an office PC has (Arial on Windows,
Helvetica on a Mac). For every text of every example's diagram, plain and
with --heat, this measures it set in DejaVu Sans and in Liberation Sans
(the free font with Arial's widths) and fails where the fallback would be
wider, that is, where a text could overflow its box on such a PC.

usage: check_dot_fonts.py PAPERFLOW-DOT FILE...
"""
import html
import re
import subprocess
import sys

from PIL import ImageFont  # python3-pil

FONTS = {
    (False, "dejavu"): "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    (True, "dejavu"): "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    (False, "arial"): "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
    (True, "arial"): "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
}
FAMILY = "DejaVu Sans,Arial,Liberation Sans,Helvetica,sans-serif"
cache = {}


def width(text, size, bold, font):
    key = (size, bold, font)
    if key not in cache:
        cache[key] = ImageFont.truetype(FONTS[(bold, font)], size=int(round(size * 10)))
    return cache[key].getlength(text) / 10


def main():
    tool, paths = sys.argv[1], sys.argv[2:]
    failures, checks = [], 0
    for path in paths:
        for flags in ([], ["--heat"]):
            svg = subprocess.run([tool, "-T", "svg"] + flags + [path], capture_output=True, timeout=120)
            if svg.returncode != 0:
                failures.append(f"{path} {flags}: exit {svg.returncode}: {svg.stderr.decode()}")
                continue
            for m in re.finditer(r"<text([^>]*)>([^<]*)</text>", svg.stdout.decode()):
                attributes, text = m.group(1), html.unescape(m.group(2))
                family = re.search(r'font-family="([^"]*)"', attributes)
                size = float(re.search(r'font-size="([\d.]+)"', attributes).group(1))
                bold = 'font-weight="bold"' in attributes
                checks += 1
                if not family or family.group(1) != FAMILY:
                    failures.append(f"{path} {flags}: {text!r} has font-family {family.group(1) if family else None!r}")
                    continue
                dejavu, arial = width(text, size, bold, "dejavu"), width(text, size, bold, "arial")
                if arial > dejavu + 0.5:
                    failures.append(f"{path} {flags}: {text!r} is {arial:.1f} pt in Arial, {dejavu:.1f} in DejaVu Sans")
    for f in failures:
        print(f)
    print(f"{checks - len(failures)} passed, {len(failures)} failed")
    sys.exit(1 if failures or checks == 0 else 0)


if __name__ == "__main__":
    main()
