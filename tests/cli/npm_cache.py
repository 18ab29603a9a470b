"""npm packages for the tests, at pinned versions, installed once into a
cache directory under the build tree (its own node_modules and npm cache).

Where npm cannot reach its registry, install() prints SKIPPED and exits
with the skip code (77) that ctest's SKIP_RETURN_CODE names; any other
failure to install fails the test.
"""
import json
import subprocess
import sys

SKIP = 77


def installed(cache, packages):
    """Whether every package of {name: version} is in CACHE at its version."""
    for name, version in packages.items():
        manifest = cache / "node_modules" / name / "package.json"
        if not manifest.exists() or json.loads(manifest.read_text())["version"] != version:
            return False
    return True


def install(cache, packages):
    """Installs {name: version} into the directory CACHE (a pathlib.Path), unless it is there."""
    if installed(cache, packages):
        return
    names = " and ".join(packages)
    cache.mkdir(parents=True, exist_ok=True)
    (cache / "package.json").write_text('{"private": true}\n')
    command = ["npm", "install", "--no-audit", "--no-fund", "--prefix", str(cache), "--cache", str(cache / "npm-cache")]
    command += [f"{name}@{version}" for name, version in packages.items()]
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=600)
    except FileNotFoundError:
        sys.exit("npm is not installed (scripts/install-deps installs nodejs and npm)")
    if result.returncode == 0 and installed(cache, packages):
        return
    ping = subprocess.run(["npm", "ping", "--cache", str(cache / "npm-cache")], capture_output=True, text=True,
                          timeout=120)
    if ping.returncode != 0:
        print(f"SKIPPED: npm cannot reach its registry, so {names} cannot be installed:\n"
              + "\n".join(ping.stderr.strip().splitlines()[:3]))
        sys.exit(SKIP)
    sys.exit("npm install failed although the registry answers:\n" + result.stdout + result.stderr)
