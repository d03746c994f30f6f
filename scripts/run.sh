#!/usr/bin/env bash
# Builds (release) and runs Resume Agent on its embedded defaults: SQLite and local disk
# under ./data, the built-in offline `local` provider, http://127.0.0.1:8080/.
# Extra arguments go to `resume-agent serve` (e.g. --port 9000).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
swift build -c release --product resume-agent >&2
swift build -c release --product resume-agent-gateway >&2
swift build -c release --product resume-agent-worker >&2
exec .build/release/resume-agent serve "$@"
