#!/usr/bin/env bash
# Runs every test: unit and end-to-end (real processes, sockets, SQLite, PDF tools), then
# checks the systemd units. Installs what it needs first.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh

echo "== build" >&2
swift build --build-tests 2>&1 | grep -vE '^\[[0-9]+/[0-9]+\] (Compiling|Emitting|Linking|Write|Wrapping|Planning)' >&2

echo "== systemd units" >&2
scripts/verify-units.sh .build/debug/resume-agent

echo "== tests" >&2
swift test --skip-build --parallel 2>&1 | tee .build/test-output.txt | grep -vE '^(◇|↳|✔ Test [^r])' || true
# `tee` hides swift test's status; read the summary it printed instead.
if grep -qE '✘|error: |Fatal error|failed \(' .build/test-output.txt || ! grep -qE '^✔ Test run with [0-9]+ tests? .*passed' .build/test-output.txt; then
  echo "tests failed" >&2
  exit 1
fi
