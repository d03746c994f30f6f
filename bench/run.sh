#!/usr/bin/env bash
# Builds in release mode and prints the benchmark table.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
for product in resume-agent resume-agent-gateway resume-agent-worker resume-agent-document-worker resume-agent-bench; do
  swift build -c release --static-swift-stdlib --product "$product" >&2
done
.build/release/resume-agent-bench "${1:-all}"
