#!/usr/bin/env bash
# CPack makes a .deb that declares its runtime dependencies (from the
# binaries' shared libraries, and Graphviz for the diagrams) and holds the
# tools, man pages, catalogue, schema, completion and the CMake package.
# Usage: check_package.sh BUILD_DIR
set -euo pipefail
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
cpack --config "$1/CPackConfig.cmake" -B "$out" >/dev/null
deb=$(ls "$out"/*.deb)
fields=$(dpkg-deb -I "$deb")
contents=$(dpkg-deb -c "$deb")
fail() { echo "FAIL: $*"; exit 1; }
for dependency in libyaml-0-2 libexpat1 libfmt graphviz libstdc++; do
  grep -q "Depends:.*$dependency" <<<"$fields" || fail "Depends lacks $dependency: $(grep Depends <<<"$fields")"
done
for file in usr/bin/paperflow usr/bin/paperflow-validate usr/bin/paperflow-plan usr/share/man/man1/paperflow-plan.1 \
            usr/share/paperflow/measures.yaml usr/share/paperflow/paperflow.schema.json \
            usr/share/bash-completion/completions/paperflow usr/share/locale/de/LC_MESSAGES/paperflow.mo usr/lib/cmake/paperflow/paperflowConfig.cmake; do
  grep -q "\./$file\$" <<<"$contents" || fail "$file is not in the package"
done
# apt can resolve every dependency from the machine's package lists.
if command -v apt-get >/dev/null && [ -n "$(ls /var/lib/apt/lists/ 2>/dev/null | grep -v lock)" ]; then
  apt-get install -s "$deb" >"$out/apt.log" 2>&1 || { cat "$out/apt.log"; fail "apt cannot install the package"; }
fi
echo "$(basename "$deb"): $(grep Depends <<<"$fields" | sed 's/^ *//')"
