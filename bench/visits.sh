#!/usr/bin/env bash
# Visit-equation benchmark (issue 18): paperflow-analyse on one rework loop
# of 10,000 steps and one of 100,000 steps, each listed backwards and left
# with p = 0.001, so that every step of it runs exactly 1,000 times. Goals:
# the visits exact (every step of the loop within 1e-9 of 1,000); 100,000
# steps in no more than 15 times the time of 10,000 (linear, not
# quadratic) and in under 300 MB. Prints the wall time and peak memory of
# the whole call (read, validate, solve, analyse, write JSON), best of three.
set -euo pipefail
build=${1:-build-bench}
cd "$(dirname "$0")/.."
out=bench/out
mkdir -p "$out"
if [ "${2:-}" != "--no-build" ]; then
  cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DPAPERFLOW_BENCH=ON >/dev/null
  cmake --build "$build" --parallel "$(nproc)" --target paperflow-analyse >/dev/null
fi
status=0
pass() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a <= b) }'; }
printf '%-8s %10s %9s %8s %20s  %s\n' steps bytes seconds "peak MB" "farthest from 1000" goals
small=""
for steps in 10000 100000; do
  file="$out/loop-$steps-steps.yaml"
  [ -f "$file" ] || python3 bench/generate_processes.py --loop-steps "$steps" --out "$out" >/dev/null
  best=""
  peak=0
  for _ in 1 2 3; do
    read -r seconds kb < <( { /usr/bin/time -f '%e %M' "$build/tools/paperflow-analyse" --format json "$file" \
                              >"$out/loop-$steps-steps.json"; } 2>&1 | tail -n 1)
    if [ -z "$best" ] || awk -v a="$seconds" -v b="$best" 'BEGIN { exit !(a < b) }'; then best=$seconds; fi
    [ "$kb" -gt "$peak" ] && peak=$kb
  done
  # The largest relative error of the loop's visits (every step but the end).
  farthest=$(python3 -c '
import json, sys
steps = json.load(open(sys.argv[1]))["steps"]
farthest = max(abs(s["visits"] - 1000) / 1000 for s in steps if s["id"] != "fertig")
print("%.1e" % farthest)' "$out/loop-$steps-steps.json")
  goals=()
  if pass "$farthest" 1e-9; then goals+=("PASS exact"); else goals+=("FAIL exact"); status=1; fi
  if [ "$steps" = 10000 ]; then
    small=$best
  else
    ratio=$(awk -v a="$best" -v b="$small" 'BEGIN { printf "%.1f", a / (b > 0 ? b : 0.01) }')
    if pass "$ratio" 15; then goals+=("PASS ${ratio}x <=15x"); else goals+=("FAIL ${ratio}x <=15x"); status=1; fi
    if [ "$peak" -lt $((300 * 1024)) ]; then goals+=("PASS <300 MB"); else goals+=("FAIL <300 MB"); status=1; fi
  fi
  printf '%-8s %10s %9s %8s %20s  %s\n' "$steps" "$(stat -c %s "$file")" "$best" "$((peak / 1024))" "$farthest" \
    "${goals[*]}"
done
exit $status
