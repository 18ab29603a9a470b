#!/usr/bin/env python3
"""Every flag that a tool's --help lists appears in its man page's OPTIONS.

A flag counts only as a whole token (-f is not found inside --format, nor
--set inside --settings), and only in the OPTIONS section; a validate rule id
only as a whole token in the RULES section (version is not found in
--version). Run with --self-test to see the matching refuse those near misses.
"""
import re
import subprocess
import sys


def contains_token(text, token):
    """Whether token stands in text on its own, not as part of a longer word or flag."""
    return re.search(r"(?<![\w-])" + re.escape(token) + r"(?![\w-])", text) is not None


def plain(roff):
    """The man page as text: font escapes and the zero-width \\& dropped, \\- a hyphen."""
    roff = re.sub(r"\\f(\[[^\]]*\]|\(..|.)", "", roff)
    return roff.replace("\\&", "").replace("\\-", "-")


def section(page, title):
    """The text of the .SH section with this title, or "" when the page has none."""
    match = re.search(r"^\.SH \"?" + re.escape(title) + r"\"?\n(.*?)(?=^\.SH |\Z)", page, re.M | re.S)
    return match.group(1) if match else ""


def flags_of(help_text):
    return set(re.findall(r"(?<![\w-])(--[a-zA-Z][a-zA-Z0-9-]*|-[a-zA-Z])(?![\w-])", help_text))


def self_test():
    page = plain(".SH OPTIONS\n.BR \\-\\-format \" \" \\fIFORMAT\\fR\n.B \\-\\-settings\n"
                 ".B \\-\\-version\n.SH RULES\n.B bad\\-id\n.SH EXAMPLES\n\\-o out.txt\n")
    options = section(page, "OPTIONS")
    assert flags_of("  -f,--format FORMAT  Output\n  --utf8  digits\n  lead-time -") == {"-f", "--format", "--utf8"}
    assert contains_token(options, "--format") and not contains_token(options, "-f")
    assert not contains_token(options, "--set") and contains_token(options, "--settings")
    assert not contains_token(section(page, "RULES"), "version") and contains_token(section(page, "RULES"), "bad-id")
    assert not contains_token(section(page, "RULES"), "bad")
    assert contains_token(page, "-o") and not contains_token(options, "-o")
    assert section(page, "FILES") == ""
    print("check_man_page.py: the matching refuses -f in --format, --set in --settings, version in --version")


if sys.argv[1:] == ["--self-test"]:
    self_test()
    sys.exit(0)

tool, man_page = sys.argv[1], sys.argv[2]
result = subprocess.run([tool, "--help"], capture_output=True, text=True, timeout=30)
flags = flags_of(result.stdout)
if result.returncode != 0 or "--help" not in flags:
    print(f"{tool} --help exited with {result.returncode} and listed {sorted(flags)}: nothing to compare")
    sys.exit(1)
with open(man_page, encoding="utf-8") as f:
    page = plain(f.read())
options = section(page, "OPTIONS")
missing = sorted(flag for flag in flags if not contains_token(options, flag))
if missing:
    print(f"{man_page} lacks in OPTIONS: {', '.join(missing)}")
    sys.exit(1)

# validate: every rule id of the rule table is documented too.
if "--list-rules" in flags:
    rules = subprocess.run([tool, "--list-rules"], capture_output=True, text=True, timeout=30, check=True).stdout
    ids = [line.split()[0] for line in rules.splitlines() if line.strip()]
    if not ids:
        print(f"{tool} --list-rules listed no rule: nothing to compare")
        sys.exit(1)
    documented = section(page, "RULES")
    undocumented = [rule for rule in ids if not contains_token(documented, rule)]
    if undocumented:
        print(f"{man_page} lacks in RULES: {', '.join(undocumented)}")
        sys.exit(1)
