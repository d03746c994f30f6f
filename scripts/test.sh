#!/usr/bin/env bash
# Runs every test: unit tests, then end-to-end tests (real processes, sockets, SQLite, PDF
# tools) one at a time so timing assertions are not starved on a 2-core machine, then the
# scripted curl flow, then checks the systemd units. Installs what it needs first.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/test-tools.sh

echo "== build" >&2
swift build --build-tests 2>&1 | grep -vE '^\[[0-9]+/[0-9]+\] (Compiling|Emitting|Linking|Write|Wrapping|Planning)' >&2

echo "== systemd units" >&2
scripts/verify-units.sh .build/debug/resume-agent

status=0
run_tests() {
  local log="$1"; shift
  set +e
  swift test --skip-build "$@" 2>&1 | tee "$log" | grep -vE '^(◇|↳|✔ Test [^r]|✔ Suite)'
  local rc=${PIPESTATUS[0]}
  set -e
  # Trust swift test's exit status, and its own summary line as a second witness.
  if [ "$rc" -ne 0 ] || grep -qE '^✘' "$log" || ! grep -qE '^✔ Test run with [0-9]+ tests? .*passed' "$log"; then
    status=1
  fi
}

echo "== unit tests" >&2
run_tests .build/unit-tests.txt --parallel --skip EndToEndTests
echo "== end-to-end tests" >&2
rm -rf .build/e2e-logs
e2e_status=$status
RESUME_AGENT_TEST_LOG_DIR=.build/e2e-logs run_tests .build/e2e-tests.txt --no-parallel --filter EndToEndTests
if [ "$status" -ne "$e2e_status" ]; then
  # The services' own account of a failure (one log file per service under .build/e2e-logs).
  echo "-- service log lines at warning or above (all logs: .build/e2e-logs)" >&2
  grep -HE ' (warning|error|critical) ' .build/e2e-logs/*.log 2>/dev/null | tail -60 >&2 || true
fi

echo "== curl flow" >&2
if ! RESUME_AGENT_BIN_DIR=.build/debug scripts/e2e-curl.sh; then status=1; fi

echo "== load + chaos suite: smoke, chaos-short (bench/README.md; bounded to 2 minutes)" >&2
if ! timeout --kill-after=10 120 .build/debug/resume-agent-load --profile smoke,chaos-short --bin-dir .build/debug \
    --json .build/load-ci.json >.build/load-ci.txt 2>&1; then
  grep -E "^FAIL|could not run|FAILED" .build/load-ci.txt >&2 || tail -40 .build/load-ci.txt >&2
  status=1
fi
grep -E "^resume-agent-load: " .build/load-ci.txt >&2 || true

echo "== API fuzzing (schemathesis, every check, against the real server)" >&2
if ! RESUME_AGENT_BIN_DIR=.build/debug API_FUZZ_LOG=.build/api-fuzz.txt scripts/api-fuzz.sh >/dev/null; then
  tail -60 .build/api-fuzz.txt >&2
  status=1
fi
grep -E "generated, .* passed|failures?," .build/api-fuzz.txt | tail -1 >&2 || true

echo "== browser tests (headless Chromium against the real server)" >&2
if ! RESUME_AGENT_BIN_DIR=.build/debug /usr/bin/python3 -m pytest -q -p no:cacheprovider Tests/browser; then status=1; fi

[ $status -eq 0 ] || { echo "tests failed" >&2; exit 1; }
