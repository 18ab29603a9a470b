#!/usr/bin/env bash
# Diagram benchmark (issue 14): paperflow-dot -T svg on generated processes
# of 40 and 200 steps, beside Graphviz's own `dot` layout of the same graph
# (the same DOT with its positions and routes stripped, laid out and routed
# by dot). paperflow places the boxes and routes the edges itself and asks
# Graphviz only to draw (neato -n2). Goal: Graphviz draws the 200-step
# diagram in no more time than dot takes to lay out and draw it. Wall
# times, best of three: the whole paperflow-dot -T svg call, Graphviz
# drawing paperflow's DOT, dot laying out and drawing the stripped DOT.
set -euo pipefail
build=${1:-build-bench}
cd "$(dirname "$0")/.."
out=bench/out
mkdir -p "$out"
if [ "${2:-}" != "--no-build" ]; then
  cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DPAPERFLOW_BENCH=ON >/dev/null
  cmake --build "$build" --parallel "$(nproc)" >/dev/null
fi
# The best of three rounds of ten calls, in seconds a call: one call takes
# a few hundredths of a second, below what /usr/bin/time resolves.
best_of_three() {
  local best="" TIMEFORMAT=%R
  for _ in 1 2 3; do
    local total
    total=$( { time (for _ in 1 2 3 4 5 6 7 8 9 10; do "$@" >/dev/null 2>&1; done); } 2>&1)
    local seconds
    seconds=$(awk -v t="$total" 'BEGIN { printf "%.3f", t / 10 }')
    if [ -z "$best" ] || awk -v a="$seconds" -v b="$best" 'BEGIN { exit !(a < b) }'; then best=$seconds; fi
  done
  echo "$best"
}
status=0
printf '%-6s %12s %12s %12s  %s\n' steps "whole call" "draw (n2)" "dot layout" goal
for steps in 40 200; do
  file="$out/process-$steps-steps.yaml"
  [ -f "$file" ] || python3 bench/generate_processes.py -q --single-steps "$steps" --out "$out" >/dev/null
  whole=$(best_of_three "$build/tools/paperflow-dot" -T svg -o "$out/render-$steps.svg" "$file")
  "$build/tools/paperflow-dot" "$file" >"$out/render-$steps-paperflow.dot"
  draw=$(best_of_three neato -n2 -Tsvg "$out/render-$steps-paperflow.dot")
  # The same graph without paperflow's geometry: dot lays it out and routes it.
  sed -E 's/layout=neato, inputscale=72, //; s/pos="[^"]*"(, )?//g; s/lp="[^"]*"(, )?//g' \
    "$out/render-$steps-paperflow.dot" >"$out/render-$steps-dot.dot"
  layout=$(best_of_three dot -Tsvg "$out/render-$steps-dot.dot")
  goal=""
  if [ "$steps" = 200 ]; then
    if awk -v a="$draw" -v b="$layout" 'BEGIN { exit !(a <= b) }'; then goal="PASS draw <= dot"; else goal="FAIL draw > dot"; status=1; fi
  fi
  printf '%-6s %11ss %11ss %11ss  %s\n' "$steps" "$whole" "$draw" "$layout" "$goal"
done
exit $status
