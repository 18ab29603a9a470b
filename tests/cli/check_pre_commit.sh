#!/usr/bin/env bash
# The pre-commit hook as a user adds it, offline with Debian's pre-commit:
# `pre-commit try-repo` on this repository in a temporary repository of
# process files passes on a valid file and fails, naming the problem, on a
# broken one. Usage: check_pre_commit.sh SOURCE_DIR TOOL_DIR
set -euo pipefail
source=$1
export PATH="$(cd "$2" && pwd):$PATH"
command -v pre-commit >/dev/null || { echo "pre-commit is not installed (apt-get install pre-commit)"; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export PRE_COMMIT_HOME="$work/cache" HOME="$work"
git config --global user.email test@localhost
git config --global user.name test
git config --global --add safe.directory '*'
cd "$work"
git init -q repo && cd repo
mkdir processes
cp "$source/tests/cli/validate/good/minimal.yaml" processes/
git add processes && git commit -qm processes
pre-commit try-repo "$source" paperflow-validate --all-files >"$work/ok.log" 2>&1 || { cat "$work/ok.log"; echo "FAIL: a valid file failed"; exit 1; }
cp "$source/tests/cli/validate/bad/bad-id.yaml" processes/
git add processes
if pre-commit try-repo "$source" paperflow-validate --all-files >"$work/bad.log" 2>&1; then
  cat "$work/bad.log"; echo "FAIL: a broken file passed"; exit 1
fi
grep -q "\[bad-id\]" "$work/bad.log" || { cat "$work/bad.log"; echo "FAIL: the problem is not named"; exit 1; }
echo "the hook passes a valid file and stops a broken one"
