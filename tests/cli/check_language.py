#!/usr/bin/env python3
"""The language of the reports: chosen by --lang or the locale, never
changing a machine format.

1. JSON (analyse, simulate, plan with --uncertainty) and every machine
   format of validate are byte-identical under a German and an English
   locale, and with --lang de where a tool takes it.
2. Without --lang the locale decides: LC_ALL, then LC_MESSAGES, then LANG;
   a value starting with "de" is German; --lang overrides the locale.
3. Without the German catalogue beside the tools, --lang de fails with
   exit status 2 and says why; a German locale falls back to English with
   a warning.
4. Diagnostics (validate's text, the errors of the other tools) stay
   English under a German locale and are German with --lang de: every
   message of the bad corpus is translated, with the same rules, places and
   number of lines.

usage: check_language.py TOOL_DIR EXAMPLES_DIR BAD_CORPUS_DIR
"""
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile

tool_dir, examples, bad = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2]), sys.argv[3]
wohngeld = str(examples / "wohngeld.yaml")
failures = []
checks = 0

GERMAN = {"LANG": "de_DE.UTF-8"}
ENGLISH = {"LANG": "C"}


def run(tool, args, locale, directory=tool_dir):
    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE", "NO_COLOR")}
    env.update(locale)
    return subprocess.run([str(directory / f"paperflow-{tool}")] + args, capture_output=True, timeout=120, env=env)


def expect(condition, message):
    global checks
    checks += 1
    if not condition:
        failures.append(message)


# 1. Machine formats never change with the language.
machine_calls = [
    ("analyse", ["--format", "json", wohngeld], True),
    ("simulate", ["--format", "json", "--cases", "300", "--replications", "2", "--threads", "1", wohngeld], True),
    ("plan", ["--format", "json", "--uncertainty", "50", "--threads", "1", wohngeld], True),
] + [("validate", ["--format", f, bad], True) for f in ("json", "sarif", "junit", "github", "codeclimate")]
for tool, args, takes_lang in machine_calls:
    english = run(tool, args, ENGLISH)
    expect(english.stdout and english.returncode in (0, 1), f"{tool} {args}: exit {english.returncode}, no output")
    variants = [("LANG=de_DE.UTF-8", args, GERMAN), ("LC_ALL=de_DE.UTF-8", args, {"LC_ALL": "de_DE.UTF-8"})]
    if takes_lang:
        variants.append(("--lang de", ["--lang", "de"] + args, ENGLISH))
    for name, variant_args, locale in variants:
        other = run(tool, variant_args, locale)
        expect(other.stdout == english.stdout and other.returncode == english.returncode,
               f"{tool} {' '.join(args)}: output differs under {name}")

# 2. The locale decides without --lang, in the order other tools use.
def speaks_german(locale, args=()):
    result = run("analyse", ["--color", "never"] + list(args) + [wohngeld], locale)
    out = result.stdout.decode()
    if result.returncode != 0 or not out:
        failures.append(f"analyse under {locale} {args}: exit {result.returncode}: {result.stderr.decode()}")
    return "Durchlaufzeit" in out and "21,0 Arbeitstage" in out and "Lead time" not in out


for locale, german in [
    ({"LANG": "de_DE.UTF-8"}, True),
    ({"LANG": "de_AT.UTF-8"}, True),
    ({"LANG": "de"}, True),
    ({"LANG": "C"}, False),
    ({}, False),
    ({"LANG": "en_GB.UTF-8"}, False),
    ({"LC_ALL": "C", "LANG": "de_DE.UTF-8"}, False),
    ({"LC_ALL": "", "LANG": "de_DE.UTF-8"}, True),
    ({"LC_MESSAGES": "de_CH.UTF-8", "LANG": "en_US.UTF-8"}, True),
    ({"LC_ALL": "en_US.UTF-8", "LC_MESSAGES": "de_DE.UTF-8"}, False),
    ({"LANG": "fr_FR.UTF-8"}, False),
]:
    expect(speaks_german(locale) == german, f"locale {locale}: expected {'German' if german else 'English'}")
expect(not speaks_german(GERMAN, ["--lang", "en"]), "--lang en under a German locale is not English")
expect(speaks_german(ENGLISH, ["--lang", "de"]), "--lang de under LANG=C is not German")

# The system's reasons stay English in German reports, as diagnostics do.
missing = run("analyse", ["--lang", "de", "/nonexistent/process.yaml"], ENGLISH)
expect(missing.returncode == 2 and b"No such file or directory" in missing.stderr,
       f"--lang de on a missing file: exit {missing.returncode}, stderr {missing.stderr!r}")

# 3. Without the catalogue: --lang de fails, a German locale falls back.
def refuses_without_catalogue(tool, path, bare):
    result = run(tool, ["--lang", "de", path], ENGLISH, bare)
    expect(result.returncode == 2 and b"German texts were not found" in result.stderr and not result.stdout,
           f"{tool} --lang de without the catalogue: exit {result.returncode}, stderr {result.stderr!r}")


with tempfile.TemporaryDirectory() as tmp:
    bare = pathlib.Path(tmp) / "bin"
    bare.mkdir()
    shutil.copy2(tool_dir / "paperflow-analyse", bare / "paperflow-analyse")
    refuses_without_catalogue("analyse", wohngeld, bare)
    result = run("analyse", ["--color", "never", wohngeld], GERMAN, bare)
    expect(result.returncode == 0 and b"Lead time" in result.stdout and b"writing English" in result.stderr,
           f"German locale without the catalogue: exit {result.returncode}, stderr {result.stderr!r}")

# 4. Diagnostics: English whatever the locale, German when asked for.
def diagnostics(args, locale):
    result = run("validate", ["--color", "never"] + args + [bad], locale)
    return result, result.stdout.decode().splitlines()


english, english_lines = diagnostics([], ENGLISH)
german_locale, german_locale_lines = diagnostics([], GERMAN)
german, german_lines = diagnostics(["--lang", "de"], ENGLISH)
expect(english.returncode == 1 and len(english_lines) > 100, f"validate of the bad corpus: exit {english.returncode}")
expect(german_locale.stdout == english.stdout, "validate's text changes under a German locale without --lang de")
expect(german.returncode == english.returncode and len(german_lines) == len(english_lines),
       f"validate --lang de: exit {german.returncode}, {len(german_lines)} lines against {len(english_lines)}")
messages = 0
for en, de in zip(english_lines, german_lines):
    # "FILE:LINE:COL: error: MESSAGE [rule]": the place and the rule stay, the words change.
    if ": error: " in en or ": warning: " in en:
        messages += 1
        place, _, rest = en.partition(": error: " if ": error: " in en else ": warning: ")
        word = "Fehler" if ": error: " in en else "Warnung"
        expect(de.startswith(f"{place}: {word}: "), f"German diagnostic has another place or severity: {de}")
        rule = rest[rest.rindex(" ["):]
        expect(de.endswith(rule), f"German diagnostic has another rule: {de}")
        expect(de[len(place) + len(word) + 4:-len(rule)] != rest[:-len(rule)], f"message not translated: {de}")
    elif not en.startswith(" "):
        expect(en != de, f"summary line not translated: {de}")
expect(messages > 100, f"only {messages} diagnostics compared")

invalid = bad + "/unknown-key-unit.yaml"
for args, locale, german_expected in [([], GERMAN, False), (["--lang", "de"], ENGLISH, True)]:
    result = run("analyse", ["--color", "never"] + args + [invalid], locale)
    err = result.stderr.decode()
    expect(result.returncode == 2 and ("unbekannter Schlüssel" in err) == german_expected
           and ("unknown key" in err) != german_expected and "[unknown-key]" in err,
           f"analyse {args} under {locale} on an invalid file: exit {result.returncode}, stderr {err!r}")

with tempfile.TemporaryDirectory() as tmp:
    bare = pathlib.Path(tmp) / "bin"
    bare.mkdir()
    shutil.copy2(tool_dir / "paperflow-validate", bare / "paperflow-validate")
    refuses_without_catalogue("validate", bad, bare)

for f in failures:
    print(f)
print(f"{checks - len(failures)} passed, {len(failures)} failed")
sys.exit(1 if failures else 0)
