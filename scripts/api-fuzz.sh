#!/usr/bin/env bash
# Fuzzes the API with schemathesis (v4) from the OpenAPI document the server serves, with
# every check on: the server must never answer differently from what its document says.
# Starts its own server (debug binaries) unless BASE_URL and TOKEN are given. Bounded: a few
# hundred generated requests (API_FUZZ_EXAMPLES per operation and phase).
#   scripts/api-fuzz.sh
#   BASE_URL=http://127.0.0.1:8080 TOKEN=ra_… scripts/api-fuzz.sh
set -euo pipefail
cd "$(dirname "$0")/.."
bin="${RESUME_AGENT_BIN_DIR:-.build/debug}"
examples="${API_FUZZ_EXAMPLES:-15}"
st="${ST:-.build/venv/bin/st}"
[ -x "$st" ] || { echo "api-fuzz: schemathesis is not installed (scripts/test-tools.sh installs it)" >&2; exit 1; }

fail() { echo "api-fuzz: $*" >&2; exit 1; }
# shellcheck source=lib/test-server.sh
. scripts/lib/test-server.sh
start_test_server

# Path ids come from the responses themselves: the document links a new session's id to every
# route under it, and a new run's id to that run's routes (the stateful phase follows them).
set +e
"$st" --config-file Tests/api-fuzz/schemathesis.toml run "$BASE_URL/api/v1/openapi.json" --checks all \
  -H "Authorization: Bearer $TOKEN" \
  --phases examples,coverage,fuzzing,stateful --max-examples "$examples" --workers 1 \
  --generation-deterministic --seed 1 \
  --request-timeout 20 --no-color 2>&1 | tee "${API_FUZZ_LOG:-/dev/null}"
status=${PIPESTATUS[0]}
set -e
exit "$status"
