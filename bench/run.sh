#!/usr/bin/env bash
# Builds in release mode and prints the benchmark table.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
swift build -c release --static-swift-stdlib >&2
.build/release/resume-agent-bench "${1:-all}"
