#!/usr/bin/env python3
"""Every flag that a tool's --help lists appears in its man page."""
import re
import subprocess
import sys

tool, man_page = sys.argv[1], sys.argv[2]
help_text = subprocess.run([tool, "--help"], capture_output=True, text=True, timeout=30).stdout
flags = set(re.findall(r"(?<![\w-])(--[a-z][a-z-]*|-[a-zA-Z])\b", help_text))
with open(man_page, encoding="utf-8") as f:
    page = f.read().replace("\\-", "-").replace("\\fB", "").replace("\\fR", "").replace("\\fI", "")
missing = sorted(flag for flag in flags if flag not in page)
if missing:
    print(f"{man_page} lacks: {', '.join(missing)}")
    sys.exit(1)

# validate: every rule id of the rule table is documented too.
if "--list-rules" in flags:
    rules = subprocess.run([tool, "--list-rules"], capture_output=True, text=True, timeout=30).stdout
    undocumented = [line.split()[0] for line in rules.splitlines() if line.split()[0] not in page]
    if undocumented:
        print(f"{man_page} lacks rules: {', '.join(undocumented)}")
        sys.exit(1)
