#!/usr/bin/env bash
# Validation benchmark: paperflow-validate on 1,000 generated process files
# (about 100 steps each) in one call, side by side with the parser floor
# (yaml-cpp loading the same files on 2 threads) and with yamllint.
#
# Goals: validate <= 1.5 x floor in wall time, <= 100 MB peak memory, and a
# peak that does not grow with the number of files (1,000 vs 3,000 files).
# See bench/README.md.
set -euo pipefail

usage() {
  cat <<'EOF'
usage: bench/validate.sh [--no-yamllint] [--no-build] [--no-scaling] [BUILD_DIR]

  BUILD_DIR      CMake build directory (default build-bench), configured in
                 Release with -DPAPERFLOW_BENCH=ON and built first
  --no-yamllint  skip the yamllint comparison (it takes about a minute)
  --no-build     use BUILD_DIR as it is, do not configure or build
  --no-scaling   skip the 3,000-file memory scaling run

Exit status: 0 all goals met, 1 a goal missed or paperflow-validate failed,
2 the benchmark could not run.
EOF
}

build="build-bench"
with_yamllint=1
with_build=1
with_scaling=1
while [ $# -gt 0 ]; do
  case "$1" in
    -h|--help) usage; exit 0 ;;
    --no-yamllint) with_yamllint=0 ;;
    --no-build) with_build=0 ;;
    --no-scaling) with_scaling=0 ;;
    -*) echo "validate.sh: unknown option $1" >&2; usage >&2; exit 2 ;;
    *) build=$1 ;;
  esac
  shift
done

cd "$(dirname "$0")/.."
readonly FILES=1000 STEPS=100 SEED=1 SCALE_FILES=3000 ROUNDS=3
readonly FLOOR_LIMIT=1.5 MEMORY_LIMIT_MB=100
out=bench/out
set1=$out/processes
set3=$out/processes$SCALE_FILES
logs=$out/logs
mkdir -p "$logs"

die() { echo "validate.sh: $*" >&2; exit 2; }

[ -x /usr/bin/time ] || die "needs GNU time as /usr/bin/time (Debian package time)"
command -v python3 >/dev/null || die "needs python3 to generate the process files"

# ---- build ------------------------------------------------------------------
if [ "$with_build" = 1 ]; then
  echo "building $build (Release, PAPERFLOW_BENCH=ON) ..." >&2
  if ! { cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DPAPERFLOW_BENCH=ON &&
         cmake --build "$build" --parallel "$(nproc)"; } >"$logs/build.log" 2>&1; then
    tail -n 30 "$logs/build.log" >&2
    die "build failed, full log in $logs/build.log"
  fi
fi

find_binary() {  # NAME PREFERRED_PATH: print the path of a built executable
  if [ -x "$2" ]; then echo "$2"; return; fi
  find "$build" -type f -name "$1" -perm -u+x -print -quit 2>/dev/null
}
floor=$(find_binary paperflow-bench-yaml-floor "$build/bench/paperflow-bench-yaml-floor")
validate=$(find_binary paperflow-validate "$build/tools/paperflow-validate")
[ -n "$floor" ] || die "paperflow-bench-yaml-floor not found in $build (configure with -DPAPERFLOW_BENCH=ON)"
if [ -z "$validate" ]; then
  echo "validate.sh: paperflow-validate not found in $build/tools: measuring the rest only" >&2
fi

# ---- data -------------------------------------------------------------------
generator=bench/generate_processes.py
gen_hash=$(sha256sum "$generator" | cut -c1-16)
ensure_set() {  # DIR N: generate N files into DIR unless they are there already
  local dir=$1 n=$2 stamp="$1.stamp"
  local want="files=$n steps=$STEPS seed=$SEED generator=$gen_hash"
  if [ -d "$dir" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    return
  fi
  echo "generating $n process files into $dir ..." >&2
  rm -rf "$dir" "$stamp"
  python3 "$generator" --files "$n" --steps "$STEPS" --seed "$SEED" --out "$dir" --quiet
  echo "$want" >"$stamp"
}
ensure_set "$set1" "$FILES"
[ "$with_scaling" = 1 ] && [ -n "$validate" ] && ensure_set "$set3" "$SCALE_FILES"
bytes=$(find "$set1" -name '*.yaml' -type f -printf '%s\n' | awk '{s += $1} END {print s}')

# Timings on a busy machine mean little: say so when something else runs.
cpu_busy() {  # percentage of all CPU time in use over one second
  local cpu u n s i w q sq st t1 i1
  read -r cpu u n s i w q sq st _ </proc/stat
  t1=$((u + n + s + i + w + q + sq + st)) i1=$((i + w))
  sleep 1
  read -r cpu u n s i w q sq st _ </proc/stat
  t1=$((u + n + s + i + w + q + sq + st - t1)) i1=$((i + w - i1))
  echo $((t1 > 0 ? 100 * (t1 - i1) / t1 : 0))
}
busy_before=$(cpu_busy)
if [ "$busy_before" -gt 15 ]; then
  echo "validate.sh: other processes use $busy_before% of the CPUs: the timings will suffer" >&2
fi

# Read the files once so that every measured run finds them in the page cache.
find "$set1" -name '*.yaml' -type f -exec cat {} + >/dev/null

# ---- measuring --------------------------------------------------------------
# measure NAME CMD...: run under /usr/bin/time; sets SECS, KB, RC; keeps the
# output in $logs/NAME.out and $logs/NAME.err.
measure() {
  local name=$1 tf=$logs/$1.time
  shift
  RC=0
  /usr/bin/time -o "$tf" -f '%e %M' "$@" >"$logs/$name.out" 2>"$logs/$name.err" || RC=$?
  # GNU time writes "Command exited with non-zero status N" before the figures
  read -r SECS KB < <(tail -n 1 "$tf")
}

best_floor="" best_validate="" kb_floor=0 kb_validate=0 validate_failed=0
min() { awk -v a="$1" -v b="$2" 'BEGIN {print (a == "" || b + 0 < a + 0) ? b : a}'; }
max() { awk -v a="$1" -v b="$2" 'BEGIN {print (b + 0 > a + 0) ? b : a}'; }

for round in $(seq "$ROUNDS"); do
  echo "round $round of $ROUNDS ..." >&2
  measure floor "$floor" "$set1"
  [ "$RC" = 0 ] || { cat "$logs/floor.err" >&2; die "the floor program failed (exit $RC)"; }
  best_floor=$(min "$best_floor" "$SECS"); kb_floor=$(max "$kb_floor" "$KB")
  if [ -n "$validate" ]; then
    measure validate "$validate" "$set1"
    if [ "$RC" != 0 ]; then
      validate_failed=$RC
      cp "$logs/validate.out" "$logs/validate-failed.out"
      cp "$logs/validate.err" "$logs/validate-failed.err"
    fi
    best_validate=$(min "$best_validate" "$SECS"); kb_validate=$(max "$kb_validate" "$KB")
  fi
done

kb_validate3=""
secs_validate3=""
if [ -n "$validate" ] && [ "$with_scaling" = 1 ]; then
  echo "memory scaling: $SCALE_FILES files ..." >&2
  find "$set3" -name '*.yaml' -type f -exec cat {} + >/dev/null
  measure validate3000 "$validate" "$set3"
  [ "$RC" = 0 ] || validate_failed=$RC
  kb_validate3=$KB
  secs_validate3=$SECS
fi

secs_yamllint=""
kb_yamllint=""
yamllint_note=""
if [ "$with_yamllint" = 0 ]; then
  yamllint_note="skipped (--no-yamllint)"
elif ! command -v yamllint >/dev/null; then
  yamllint_note="skipped: yamllint is not installed (Debian package yamllint)"
else
  echo "yamllint -d relaxed (about a minute) ..." >&2
  measure yamllint yamllint -d relaxed "$set1"
  secs_yamllint=$SECS
  kb_yamllint=$KB
  problems=$(grep -c '^  [0-9]' "$logs/yamllint.out" || true)
  yamllint_note="exit $RC, $problems problems reported"
fi

# ---- report -----------------------------------------------------------------
mb() { awk -v kb="$1" 'BEGIN {printf "%.1f", kb * 1024 / 1e6}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
verdict() { if awk "BEGIN {exit !($1)}"; then echo PASS; else echo FAIL; fi; }

cpu=$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo 2>/dev/null || true)
echo
echo "paperflow validation benchmark"
echo "  data:    $FILES files of $STEPS steps in $set1, $(awk -v b="$bytes" 'BEGIN {printf "%.1f", b / 1e6}') MB"
echo "  machine: $(nproc) CPUs${cpu:+, $cpu}"
echo "  CPU use by other processes: ${busy_before}% before, $(cpu_busy)% after the runs"
echo "  best of $ROUNDS runs; peak memory is the largest maximum RSS seen; MB = 10^6 bytes"
echo
printf '  %-34s %9s %9s %9s\n' "" seconds "peak MB" "x floor"
printf '  %-34s %9.2f %9s %9s\n' "yaml-cpp floor (2 threads)" "$best_floor" "$(mb "$kb_floor")" 1.00
if [ -n "$validate" ]; then
  printf '  %-34s %9.2f %9s %9s\n' "paperflow-validate" "$best_validate" "$(mb "$kb_validate")" \
    "$(ratio "$best_validate" "$best_floor")"
else
  printf '  %-34s %s\n' "paperflow-validate" "not built"
fi
if [ -n "$secs_yamllint" ]; then
  printf '  %-34s %9.2f %9s %9s\n' "yamllint -d relaxed" "$secs_yamllint" "$(mb "$kb_yamllint")" \
    "$(ratio "$secs_yamllint" "$best_floor")"
fi
echo "  yamllint: $yamllint_note"

status=0
echo
if [ -z "$validate" ]; then
  echo "goals: not measured, paperflow-validate is not built"
  status=1
else
  if [ "$validate_failed" != 0 ]; then
    echo "paperflow-validate exited with status $validate_failed on valid files (expected 0);"
    echo "its output is in $logs/validate-failed.out and .err; the first lines:"
    head -n 10 "$logs/validate-failed.out" "$logs/validate-failed.err" | sed 's/^/    /'
    echo
    status=1
  fi
  diags=$(grep -cE ': (error|warning): ' "$logs/validate.out" || true)
  if [ "$diags" != 0 ]; then
    echo "note: paperflow-validate printed $diags diagnostics on files generated to be clean"
    echo "      (see $logs/validate.out; bench/check_processes.py checks the files independently)"
  fi
  r=$(ratio "$best_validate" "$best_floor")
  v1=$(verdict "$r <= $FLOOR_LIMIT")
  v2=$(verdict "$kb_validate * 1024 <= $MEMORY_LIMIT_MB * 1e6")
  echo "goals"
  printf '  %-34s %9s  %s\n' "time <= $FLOOR_LIMIT x floor" "${r} x" "$v1"
  printf '  %-34s %9s  %s\n' "peak memory <= $MEMORY_LIMIT_MB MB" "$(mb "$kb_validate") MB" "$v2"
  [ "$v1" = PASS ] && [ "$v2" = PASS ] || status=1
  if [ -n "$kb_validate3" ]; then
    growth=$(ratio "$kb_validate3" "$kb_validate")
    # flat: 3x the files may cost at most 10% or 5 MB more memory
    v3=$(verdict "$kb_validate3 * 1024 <= $MEMORY_LIMIT_MB * 1e6 && \
                  $kb_validate3 <= $kb_validate * 1.1 + 5e6 / 1024")
    echo "memory scaling"
    printf '  %-34s %9s  %s s\n' "$FILES files" "$(mb "$kb_validate") MB" "$best_validate"
    printf '  %-34s %9s  %s s\n' "$SCALE_FILES files" "$(mb "$kb_validate3") MB" "$secs_validate3"
    printf '  %-34s %9s  %s\n' "peak does not grow with files" "x $growth" "$v3"
    [ "$v3" = PASS ] || status=1
  fi
  if [ -n "$secs_yamllint" ]; then
    echo "paperflow-validate is $(ratio "$secs_yamllint" "$best_validate") times faster than yamllint"
  fi
fi
exit "$status"
