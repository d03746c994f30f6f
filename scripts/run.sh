#!/usr/bin/env bash
# Builds (release) and runs Resume Agent on its embedded defaults: SQLite and local disk
# under ./data, the built-in offline `local` provider, http://127.0.0.1:8080/.
# Extra arguments go to `resume-agent serve` (e.g. --port 9000).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
# Static Swift runtime: a worker process is spawned per run, and skipping the dynamic
# loader's work on the Swift libraries cuts its start-up time.
# Our three executables only (building "everything" would also link GRDB's dynamic-library
# product, which cannot take a static Swift runtime).
for product in resume-agent resume-agent-gateway resume-agent-worker resume-agent-document-worker; do
  swift build -c release --static-swift-stdlib --product "$product" >&2
done
exec .build/release/resume-agent serve "$@"
