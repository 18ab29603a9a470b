#!/usr/bin/env bash
# Analysis benchmark: paperflow-analyse on one generated process of 10,000
# steps and one of 100,000 steps (with rework loops and parallel blocks).
# Goals (issue 3): under 0.5 s and under 5 s on a 2-core machine. Prints the
# wall time and peak memory of the whole call (read, validate, analyse,
# write JSON), best of three.
set -euo pipefail
build=${1:-build-bench}
cd "$(dirname "$0")/.."
out=bench/out
mkdir -p "$out"
if [ "${2:-}" != "--no-build" ]; then
  cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DPAPERFLOW_BENCH=ON >/dev/null
  cmake --build "$build" --parallel "$(nproc)" >/dev/null
fi
tool="$build/tools/paperflow-analyse"
status=0
printf '%-10s %10s %10s %10s %8s\n' steps bytes seconds "peak MB" goal
for spec in 10000:0.5 100000:5; do
  steps=${spec%%:*}
  limit=${spec##*:}
  file="$out/process-$steps-steps.yaml"
  [ -f "$file" ] || python3 bench/generate_processes.py -q --single-steps "$steps" --out "$out"
  best=""
  peak=0
  for _ in 1 2 3; do
    read -r seconds kb < <( { /usr/bin/time -f '%e %M' "$tool" --format json "$file" >/dev/null; } 2>&1 | tail -n 1)
    if [ -z "$best" ] || awk -v a="$seconds" -v b="$best" 'BEGIN { exit !(a < b) }'; then best=$seconds; fi
    [ "$kb" -gt "$peak" ] && peak=$kb
  done
  verdict=PASS
  awk -v a="$best" -v b="$limit" 'BEGIN { exit !(a < b) }' || { verdict=FAIL; status=1; }
  printf '%-10s %10s %10s %10s %8s\n' "$steps" "$(stat -c %s "$file")" "$best" "$((peak / 1024))" "$verdict <$limit s"
done
exit $status
