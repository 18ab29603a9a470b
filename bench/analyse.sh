#!/usr/bin/env bash
# Large-process benchmark: paperflow-validate and paperflow-analyse on one
# generated process of 10,000 steps and one of 100,000 steps (with rework
# loops and parallel blocks). Goals: analyse under 0.5 s and 5 s on a 2-core
# machine (issue 3); for both tools, 100,000 steps take no more than 15
# times the time of 10,000 steps (linear, not quadratic) and under 300 MB
# (issue 12). Prints the wall time and peak memory of the whole call (read,
# validate, analyse, write), best of three.
set -euo pipefail
build=${1:-build-bench}
cd "$(dirname "$0")/.."
out=bench/out
mkdir -p "$out"
if [ "${2:-}" != "--no-build" ]; then
  cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DPAPERFLOW_BENCH=ON >/dev/null
  cmake --build "$build" --parallel "$(nproc)" >/dev/null
fi
status=0
pass() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a <= b) }'; }
printf '%-9s %-8s %10s %9s %8s  %s\n' tool steps bytes seconds "peak MB" goals
for tool in validate analyse; do
  small=""
  for steps in 10000 100000; do
    file="$out/process-$steps-steps.yaml"
    [ -f "$file" ] || python3 bench/generate_processes.py -q --single-steps "$steps" --out "$out"
    best=""
    peak=0
    for _ in 1 2 3; do
      # validate exits 0 on a clean file; analyse writes JSON.
      read -r seconds kb < <( { /usr/bin/time -f '%e %M' "$build/tools/paperflow-$tool" --format json "$file" >/dev/null; } 2>&1 | tail -n 1)
      if [ -z "$best" ] || awk -v a="$seconds" -v b="$best" 'BEGIN { exit !(a < b) }'; then best=$seconds; fi
      [ "$kb" -gt "$peak" ] && peak=$kb
    done
    goals=()
    if [ "$tool" = analyse ]; then
      limit=$([ "$steps" = 10000 ] && echo 0.5 || echo 5)
      if pass "$best" "$limit"; then goals+=("PASS <$limit s"); else goals+=("FAIL <$limit s"); status=1; fi
    fi
    if [ "$steps" = 10000 ]; then
      small=$best
    else
      ratio=$(awk -v a="$best" -v b="$small" 'BEGIN { printf "%.1f", a / (b > 0 ? b : 0.01) }')
      if pass "$ratio" 15; then goals+=("PASS ${ratio}x <=15x"); else goals+=("FAIL ${ratio}x <=15x"); status=1; fi
      if [ "$peak" -lt $((300 * 1024)) ]; then goals+=("PASS <300 MB"); else goals+=("FAIL <300 MB"); status=1; fi
    fi
    printf '%-9s %-8s %10s %9s %8s  %s\n' "$tool" "$steps" "$(stat -c %s "$file")" "$best" "$((peak / 1024))" "${goals[*]:-}"
  done
done
exit $status
