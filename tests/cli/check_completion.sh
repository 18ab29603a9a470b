#!/usr/bin/env bash
# Drives the bash completion as bash does (COMP_WORDS, COMP_CWORD) for a few
# cases: tool names, flags, values of --format, --color, -T, rule ids.
# Every tool of the table (the arguments after TOOL_DIR) has a completion:
# the script takes them from `paperflow --list-tools`, so it must be sourced
# with the dispatcher on PATH, as bash-completion finds the installed one.
# Usage: check_completion.sh COMPLETION_FILE TOOL_DIR TOOL...
set -uo pipefail
export PATH="$2:$PATH"
source "$1"
shift 2
failures=0
expect() {  # expect "WORDS..." CWORD FUNCTION WANTED
  local words=$1 cword=$2 function=$3 wanted=$4
  read -r -a COMP_WORDS <<<"$words"
  [[ $words == *" " ]] && COMP_WORDS+=("")
  COMP_CWORD=$cword
  COMPREPLY=()
  "$function"
  if [[ " ${COMPREPLY[*]} " != *" $wanted "* ]]; then
    echo "FAIL: '$words' offers '${COMPREPLY[*]}', not '$wanted'"
    failures=$((failures + 1))
  fi
}
complete -p paperflow >/dev/null || { echo "FAIL: no completion for paperflow"; exit 1; }
[ $# -gt 0 ] || { echo "FAIL: no tools given"; exit 1; }
for tool in "$@"; do
  complete -p "paperflow-$tool" >/dev/null || { echo "FAIL: no completion for paperflow-$tool"; failures=$((failures + 1)); }
  expect "paperflow ${tool:0:2}" 1 _paperflow "$tool"
done
expect "paperflow val" 1 _paperflow validate
expect "paperflow si" 1 _paperflow simulate
expect "paperflow help pl" 2 _paperflow plan
expect "paperflow validate --for" 2 _paperflow --format
expect "paperflow validate --format " 3 _paperflow sarif
expect "paperflow-validate --format cod" 2 _paperflow_single codeclimate
expect "paperflow-validate --disable unu" 2 _paperflow_single unused-unit
expect "paperflow-analyse --format mark" 2 _paperflow_single markdown
expect "paperflow-dot -T " 2 _paperflow_single svg
expect "paperflow-plan --color al" 2 _paperflow_single always
expect "paperflow-plan --obj" 1 _paperflow_single --objective
expect "paperflow-simulate --rep" 1 _paperflow_single --replications
[ $failures = 0 ] && echo "completion offers what it should"
exit $failures
