#!/usr/bin/env bash
# Simulation benchmark: events per second of paperflow's engine on one core,
# wall time and peak memory of paperflow-simulate for 1,000,000 cases, and
# the same model written with SimPy (Debian's python3-simpy) for comparison.
# Goals (issue 5): >= 5 million events per second on one core, >= 100 times
# SimPy's rate, memory bounded but for the lead times percentiles need.
set -euo pipefail
build=${1:-build-bench}
model=${MODEL:-examples/wohngeld.yaml}
cd "$(dirname "$0")/.."
if [ "${2:-}" != "--no-build" ]; then
  cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DPAPERFLOW_BENCH=ON >/dev/null
  cmake --build "$build" --parallel "$(nproc)" >/dev/null
fi
python=/usr/bin/python3
"$python" -c "import SimPy, yaml" 2>/dev/null || { echo "needs python3-simpy and python3-yaml (apt-get install python3-simpy python3-yaml)" >&2; exit 2; }

echo "model: $model"
best=0
for _ in 1 2 3; do
  read -r _ cases _ events _ seconds _ rate < <("$build/bench/paperflow-bench-simulate" "$model" 200000)
  rate=${rate%.*}
  [ "$rate" -gt "$best" ] && best=$rate
done
echo "paperflow engine, 1 core:   $cases cases, $events events, best of 3: $best events/s"

for n in 100000 200000; do
  read -r seconds kb < <( { /usr/bin/time -f '%e %M' "$build/tools/paperflow-simulate" --cases "$n" --replications 10 \
      --format json "$model" >/dev/null; } 2>&1 | tail -n 1)
  echo "paperflow-simulate, $((n * 10)) cases (10 replications, all cores): $seconds s, peak $((kb / 1024)) MB"
done

read -r _ scases _ sevents _ sseconds _ srate _ _ < <("$python" bench/simpy_model.py "$model" 20000)
echo "SimPy $("$python" -c 'import SimPy; print(SimPy.__version__)'), 1 core:    $scases cases, $sevents events, $sseconds s: $srate events/s"
ratio=$(awk -v a="$best" -v b="$srate" 'BEGIN { printf "%.0f", a / b }')
echo "paperflow is $ratio times SimPy's event rate"
status=0
if [ "$best" -ge 5000000 ]; then echo "goal >= 5,000,000 events/s: PASS"; else echo "goal >= 5,000,000 events/s: FAIL"; status=1; fi
if [ "$ratio" -ge 100 ]; then echo "goal >= 100 x SimPy: PASS"; else echo "goal >= 100 x SimPy: FAIL"; status=1; fi
exit $status
