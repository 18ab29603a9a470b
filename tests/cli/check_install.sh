#!/usr/bin/env bash
# Installs into a temporary prefix and uses what was installed: the
# dispatcher runs every tool from there (no PATH), the plan finds the
# installed catalogue, man pages, schema and completion are in place, and a
# tiny consumer project builds against find_package(paperflow).
# Usage: check_install.sh BUILD_DIR SOURCE_DIR TOOL...  (the tools: the build's table)
set -euo pipefail
build=$1 source=$2
shift 2
[ $# -gt 0 ] || { echo "FAIL: no tools given"; exit 1; }
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
cmake --install "$build" --prefix "$prefix/usr" >/dev/null
fail() { echo "FAIL: $*"; exit 1; }

for tool in "$@"; do
  [ -x "$prefix/usr/bin/paperflow-$tool" ] || fail "bin/paperflow-$tool missing"
  [ -f "$prefix/usr/share/man/man1/paperflow-$tool.1" ] || fail "man page of $tool missing"
  [ -f "$prefix/usr/share/bash-completion/completions/paperflow-$tool" ] || fail "completion of $tool missing"
done
for file in bin/paperflow share/man/man1/paperflow.1 share/paperflow/measures.yaml share/paperflow/paperflow.schema.json \
            include/paperflow/analysis.h lib/cmake/paperflow/paperflowConfig.cmake; do
  [ -e "$prefix/usr/$file" ] || fail "$file missing"
done

# Only the API is installed: not the headers the library keeps to itself,
# and no installed header needs one that is not installed, or nlohmann's.
for private in "$source"/lib/src/*/*.h; do
  name=$(basename "$private")
  [ ! -e "$prefix/usr/include/paperflow/$name" ] || fail "include/paperflow/$name is not API but was installed"
done
for header in "$prefix"/usr/include/paperflow/*.h; do
  grep -q 'nlohmann' "$header" && fail "$(basename "$header") exposes nlohmann's types"
  for needed in $(sed -n 's/^#include "\(.*\)"/\1/p' "$header"); do
    [ -e "$prefix/usr/include/$needed" ] || fail "$(basename "$header") includes $needed, which is not installed"
  done
done

# The installed dispatcher finds the installed tools beside it, with no PATH.
env -i "$prefix/usr/bin/paperflow" validate "$source/examples" >/dev/null || fail "paperflow validate"
env -i "$prefix/usr/bin/paperflow" analyse --format json "$source/examples/wohngeld.yaml" >/dev/null || fail "paperflow analyse"
env -i "$prefix/usr/bin/paperflow" simulate --cases 200 --replications 2 "$source/examples/wohngeld.yaml" >/dev/null || fail "simulate"
env -i "$prefix/usr/bin/paperflow" dot "$source/examples/wohngeld.yaml" >/dev/null || fail "paperflow dot"
# The installed tools find the installed German catalogue (share/locale).
env -i LANG=de_DE.UTF-8 "$prefix/usr/bin/paperflow" analyse "$source/examples/wohngeld.yaml" | grep -q "Durchlaufzeit" ||
  fail "the installed analyse does not speak German under LANG=de_DE.UTF-8"
# The plan uses the installed catalogue: a changed copy there changes the plan.
sed -i 's/name: Online-Antrag im Serviceportal/name: Installierter Katalog/' "$prefix/usr/share/paperflow/measures.yaml"
env -i "$prefix/usr/bin/paperflow" plan "$source/examples/wohngeld.yaml" | grep -q "Installierter Katalog" ||
  fail "the installed plan does not read the installed catalogue"
status=0
env -i "$prefix/usr/bin/paperflow" validate "$source/tests/cli/validate/bad/bad-id.yaml" >/dev/null || status=$?
[ "$status" = 1 ] || fail "exit status does not pass through the dispatcher ($status)"

# A consumer project.
mkdir -p "$prefix/consumer"
cat > "$prefix/consumer/CMakeLists.txt" <<'CMAKE'
cmake_minimum_required(VERSION 3.25)
project(consumer CXX)
find_package(paperflow REQUIRED)
add_executable(consumer main.cpp)
target_link_libraries(consumer PRIVATE paperflow::paperflow)
CMAKE
cat > "$prefix/consumer/main.cpp" <<'CPP'
#include <cstdio>
#include "paperflow/analysis.h"
#include "paperflow/source_file.h"
#include "paperflow/validate.h"
int main(int, char** argv) {
  paperflow::Diagnostic problem;
  auto text = paperflow::read_file(argv[1], problem);
  if (!text) return 2;
  auto result = paperflow::validate_process(*text, argv[1]);
  if (!result.valid()) return 1;
  auto analysis = paperflow::analyse_process(*result.process);
  std::printf("%.3f\n", *analysis.lead_time_hours);
  return 0;
}
CPP
cmake -S "$prefix/consumer" -B "$prefix/consumer/build" -DCMAKE_PREFIX_PATH="$prefix/usr" >/dev/null || fail "consumer configure"
cmake --build "$prefix/consumer/build" >/dev/null || fail "consumer build"
lead=$("$prefix/consumer/build/consumer" "$source/examples/wohngeld.yaml") || fail "consumer run"
expected=$("$prefix/usr/bin/paperflow-analyse" --format json "$source/examples/wohngeld.yaml" |
           python3 -c 'import json,sys; print("%.3f" % json.load(sys.stdin)["lead_time_hours"])')
[ "$lead" = "$expected" ] || fail "consumer computed $lead, analyse $expected"
echo "installed, ran every tool from the prefix, built a consumer ($lead h)"
