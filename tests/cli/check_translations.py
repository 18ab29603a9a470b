#!/usr/bin/env python3
"""The German catalogue holds every text of the sources, each translated.

Extracts the texts marked for translation (xgettext with the keywords of
po/CMakeLists.txt) and checks po/de.po against them: every text is there,
translated and not fuzzy; a plural has both forms; no entry is left over
that the sources no longer use; and a translation has as many {} as its
text, so that no figure goes missing in German.

usage: check_translations.py XGETTEXT SOURCE_DIR PO_FILE KEYWORD...
"""
import pathlib
import re
import subprocess
import sys
import tempfile


def read_po(text):
    """Entries of a PO file: dicts with msgid, msgid_plural, msgstr (a list), fuzzy."""
    entries, entry, field = [], None, None

    def close():
        if entry is not None and "msgid" in entry:
            entries.append(entry)

    for line in text.splitlines():
        line = line.strip()
        if not line:
            close()
            entry, field = None, None
            continue
        if entry is None:
            entry = {"msgstr": [], "fuzzy": False}
        if line.startswith("#,") and "fuzzy" in line:
            entry["fuzzy"] = True
        if line.startswith("#"):
            continue
        m = re.match(r'^(msgid|msgid_plural|msgstr(?:\[\d+\])?) "(.*)"$', line)
        if m:
            field = m.group(1)
            value = m.group(2)
            if field.startswith("msgstr"):
                entry["msgstr"].append(value)
            else:
                entry[field] = value
            continue
        m = re.match(r'^"(.*)"$', line)
        if m and field:
            if field.startswith("msgstr"):
                entry["msgstr"][-1] += m.group(1)
            else:
                entry[field] += m.group(1)
            continue
        raise SystemExit(f"cannot read PO line: {line}")
    close()
    return entries


def placeholders(text):
    """The arguments a pattern uses: {} {} as [0, 1], {1} {0} {1} as [0, 1]."""
    fields = re.findall(r"\{([0-9]*)\}", text.replace("{{", "").replace("}}", ""))
    return sorted({int(f) for f in fields}) if any(fields) else list(range(len(fields)))


def main():
    xgettext, source_dir, po_file, keywords = sys.argv[1], pathlib.Path(sys.argv[2]), sys.argv[3], sys.argv[4:]
    sources = sorted(str(p) for d in ("lib", "tools") for p in (source_dir / d).rglob("*")
                     if p.suffix in (".cpp", ".h"))
    with tempfile.TemporaryDirectory() as tmp:
        pot = pathlib.Path(tmp) / "paperflow.pot"
        subprocess.run([xgettext, "--from-code=UTF-8", "-C", "--no-location", "-o", str(pot)] + keywords + sources,
                       check=True, capture_output=True)
        wanted = {e["msgid"]: e for e in read_po(pot.read_text(encoding="utf-8")) if e["msgid"]}
    have = {e["msgid"]: e for e in read_po(pathlib.Path(po_file).read_text(encoding="utf-8")) if e["msgid"]}

    problems = []
    if len(wanted) < 100:
        problems.append(f"only {len(wanted)} texts extracted from {len(sources)} files: are the keywords right?")
    for msgid, e in sorted(wanted.items()):
        if msgid not in have:
            problems.append(f"not in {po_file}: {msgid!r}")
            continue
        t = have[msgid]
        if t["fuzzy"]:
            problems.append(f"fuzzy: {msgid!r}")
        if not t["msgstr"] or any(not s for s in t["msgstr"]):
            problems.append(f"untranslated: {msgid!r}")
        if ("msgid_plural" in e) != ("msgid_plural" in t):
            problems.append(f"plural in one file and not the other: {msgid!r}")
        if "msgid_plural" in e and len(t["msgstr"]) != 2:
            problems.append(f"a German plural needs two forms: {msgid!r}")
        for s in t["msgstr"]:
            if placeholders(s) != placeholders(msgid):
                problems.append(f"arguments differ ({placeholders(msgid)} in the text, {placeholders(s)} in German): {msgid!r}")
    for msgid in sorted(set(have) - set(wanted)):
        problems.append(f"left over in {po_file}, no source uses it: {msgid!r}")

    for p in problems:
        print(p)
    print(f"{len(wanted)} texts, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
