#!/usr/bin/env bash
# Drives the bash completion as bash does (COMP_WORDS, COMP_CWORD) for a few
# cases: tool names, flags, values of --format, --color, -T, rule ids.
# Usage: check_completion.sh COMPLETION_FILE TOOL_DIR
set -uo pipefail
source "$1"
export PATH="$2:$PATH"
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
complete -p paperflow-validate >/dev/null || { echo "FAIL: no completion for paperflow-validate"; exit 1; }
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
