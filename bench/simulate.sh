#!/usr/bin/env bash
# Simulation benchmark: events per second of paperflow's engine on one core,
# wall time and peak memory of paperflow-simulate for 1,000,000 cases, and
# the same model written with SimPy, in both versions Debian ships
# (python3-simpy: SimPy 2.3; python3-simpy3: SimPy 3, the API in use today).
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
"$python" -c "import SimPy, simpy, yaml" 2>/dev/null || {
  echo "needs python3-simpy, python3-simpy3 and python3-yaml (apt-get install python3-simpy python3-simpy3 python3-yaml)" >&2
  exit 2
}

# Rounds of the three engines one after the other, best of three for each:
# on a shared machine a round sees about the same load for all three, so
# the ratios are fairer than those of three runs of one, then of the next.
echo "model: $model"
best=0 best2=0 best3=0 cbest=0 cbest2=0 cbest3=0
per_second() { awk -v n="$1" -v s="$2" 'BEGIN { printf "%.0f", n / s }'; }
for _ in 1 2 3; do
  read -r _ cases _ events _ seconds _ rate < <("$build/bench/paperflow-bench-simulate" "$model" 200000)
  rate=${rate%.*}
  [ "$rate" -gt "$best" ] && best=$rate
  crate=$(per_second "$cases" "$seconds")
  [ "$crate" -gt "$cbest" ] && cbest=$crate
  read -r _ cases2 _ events2 _ seconds2 _ rate2 _ _ < <("$python" bench/simpy_model.py "$model" 20000)
  [ "$rate2" -gt "$best2" ] && best2=$rate2
  crate2=$(per_second "$cases2" "$seconds2")
  [ "$crate2" -gt "$cbest2" ] && cbest2=$crate2
  read -r _ cases3 _ events3 _ seconds3 _ rate3 _ _ < <("$python" bench/simpy3_model.py "$model" 20000)
  [ "$rate3" -gt "$best3" ] && best3=$rate3
  crate3=$(per_second "$cases3" "$seconds3")
  [ "$crate3" -gt "$cbest3" ] && cbest3=$crate3
done
v2=$("$python" -c 'import SimPy; print(SimPy.__version__)')
v3=$("$python" -c 'import simpy; print(simpy.__version__)')
echo "paperflow engine, 1 core: $cases cases, $events events, best of 3: $best events/s"
echo "SimPy $v2, 1 core:       $cases2 cases, $events2 events, best of 3: $best2 events/s"
echo "SimPy $v3, 1 core:      $cases3 cases, $events3 events, best of 3: $best3 events/s"
ratio2=$(awk -v a="$best" -v b="$best2" 'BEGIN { printf "%.0f", a / b }')
ratio3=$(awk -v a="$best" -v b="$best3" 'BEGIN { printf "%.0f", a / b }')
echo "paperflow is $ratio2 times SimPy $v2's event rate and $ratio3 times SimPy $v3's"
cratio2=$(awk -v a="$cbest" -v b="$cbest2" 'BEGIN { printf "%.0f", a / b }')
cratio3=$(awk -v a="$cbest" -v b="$cbest3" 'BEGIN { printf "%.0f", a / b }')
echo "cases per second, best of 3: paperflow $cbest, SimPy $v2 $cbest2, SimPy $v3 $cbest3"
echo "paperflow is $cratio2 times SimPy $v2's case rate and $cratio3 times SimPy $v3's"

for n in 100000 200000; do
  read -r seconds kb < <( { /usr/bin/time -f '%e %M' "$build/tools/paperflow-simulate" --cases "$n" --replications 10 \
      --format json "$model" >/dev/null; } 2>&1 | tail -n 1)
  echo "paperflow-simulate, $((n * 10)) cases (10 replications, all cores): $seconds s, peak $((kb / 1024)) MB"
done

status=0
goal() {  # goal NAME MET
  if [ "$2" -eq 1 ]; then echo "goal $1: PASS"; else echo "goal $1: FAIL"; status=1; fi
}
goal ">= 5,000,000 events/s" "$([ "$best" -ge 5000000 ] && echo 1 || echo 0)"
goal ">= 100 x SimPy $v2" "$([ "$ratio2" -ge 100 ] && echo 1 || echo 0)"
goal ">= 100 x SimPy $v3" "$([ "$ratio3" -ge 100 ] && echo 1 || echo 0)"
goal ">= 100 x SimPy $v2 per case" "$([ "$cratio2" -ge 100 ] && echo 1 || echo 0)"
goal ">= 100 x SimPy $v3 per case" "$([ "$cratio3" -ge 100 ] && echo 1 || echo 0)"
exit $status
