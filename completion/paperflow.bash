# bash completion for paperflow and its tools (paperflow-validate, -analyse,
# ...). The tools come from `paperflow --list-tools`, flags from each tool's
# --help and rule ids from `paperflow-validate --list-rules`, so completion
# follows the tools and names none of them itself.

# The dispatcher being completed (or the one on PATH), and the tools it lists.
_paperflow_dispatcher() {
  local here
  here=$(command -v "${1:-paperflow}" 2>/dev/null)
  if [[ -n $here && -x ${here%/*}/paperflow ]]; then echo "${here%/*}/paperflow"; else echo paperflow; fi
}
_paperflow_tools() { "$(_paperflow_dispatcher "${1:-}")" --list-tools 2>/dev/null; }

_paperflow_tool_flags() {
  "$1" --help 2>/dev/null | grep -oE '(^|[ ,])--?[a-zA-Z][a-zA-Z-]*' | sed 's/^[ ,]*//' | sort -u
}

_paperflow_complete_tool() {
  # $1: the tool's program name; words from COMP_WORDS[$2] on belong to it.
  local program=$1 start=$2
  local cur=${COMP_WORDS[COMP_CWORD]} prev=""
  (( COMP_CWORD > start )) && prev=${COMP_WORDS[COMP_CWORD-1]}
  local tool=${program##*/}
  tool=${tool#paperflow-}
  case $prev in
    -f|--format)
      case $tool in
        validate) COMPREPLY=($(compgen -W "text json sarif github junit codeclimate" -- "$cur")) ;;
        analyse|plan) COMPREPLY=($(compgen -W "text markdown json" -- "$cur")) ;;
        *) COMPREPLY=($(compgen -W "text json" -- "$cur")) ;;
      esac
      return ;;
    --color) COMPREPLY=($(compgen -W "auto always never" -- "$cur")); return ;;
    --lang) COMPREPLY=($(compgen -W "de en" -- "$cur")); return ;;
    --work-days) COMPREPLY=($(compgen -W "Mon-Fri Mon-Sat Mon-Thu" -- "$cur")); return ;;
    --page) COMPREPLY=($(compgen -W "a4 a3 none" -- "$cur")); return ;;
    -T) COMPREPLY=($(compgen -W "svg png pdf" -- "$cur")); return ;;
    --objective) COMPREPLY=($(compgen -W "cost lead-time media-breaks" -- "$cur")); return ;;
    --disable)
      COMPREPLY=($(compgen -W "$("$program" --list-rules 2>/dev/null | cut -d' ' -f1)" -- "$cur"))
      return ;;
    -o|--output|--emit-after|--emit|--measures|--catalogue|--after|--pdf|--event-log|--holidays)
      COMPREPLY=($(compgen -f -- "$cur")); return ;;
    --set|--cases|--days|--warmup-days|--replications|--seed|--threads|--top|--budget|--horizon|--uncertainty|--discount-rate|--optimism-bias|--start-date|--work-hours|--min-fitness)
      return ;;
  esac
  if [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W "$(_paperflow_tool_flags "$program")" -- "$cur"))
    return
  fi
  # Process files and directories; calibrate's event logs too.
  if [[ $program == *calibrate ]]; then
    COMPREPLY=($(compgen -d -- "$cur") $(compgen -f -X '!*.@(yaml|yml|csv|xes)' -- "$cur"))
    return
  fi
  COMPREPLY=($(compgen -d -- "$cur") $(compgen -f -X '!*.@(yaml|yml)' -- "$cur"))
}

_paperflow() {
  local cur=${COMP_WORDS[COMP_CWORD]}
  if (( COMP_CWORD == 1 )); then
    COMPREPLY=($(compgen -W "$(_paperflow_tools "${COMP_WORDS[0]}") help --help --version --list-tools" -- "$cur"))
    return
  fi
  local tool=${COMP_WORDS[1]}
  if [[ $tool == help ]]; then
    (( COMP_CWORD == 2 )) && COMPREPLY=($(compgen -W "$(_paperflow_tools "${COMP_WORDS[0]}")" -- "$cur"))
    return
  fi
  local program=paperflow-$tool
  # Prefer the tool next to the dispatcher that is being completed.
  local here
  here=$(command -v "${COMP_WORDS[0]}" 2>/dev/null)
  [[ -n $here && -x ${here%/*}/$program ]] && program=${here%/*}/$program
  _paperflow_complete_tool "$program" 2
}

_paperflow_single() {
  _paperflow_complete_tool "${COMP_WORDS[0]}" 1
}

shopt -s extglob 2>/dev/null
complete -F _paperflow paperflow
# Each tool by its own name: bash-completion loads this file as
# completions/paperflow-TOOL, and the tools are those the dispatcher lists.
for _paperflow_name in $(_paperflow_tools); do complete -F _paperflow_single "paperflow-$_paperflow_name"; done
unset _paperflow_name
