#!/usr/bin/env bash
# Load + chaos suite (issue 13; bench/README.md): builds the service, the fake model and the
# load driver, then runs profiles against a fresh `resume-agent serve`.
#
#   bench/load.sh --profile peak64                 # release build, one profile
#   bench/load.sh --profile smoke --chaos --json out.json
#   bench/load.sh --profile all                     # every profile, one after another
#   bench/load.sh --ci                              # debug build: smoke + chaos-short, bounded
#
# Every other argument goes to resume-agent-load (see `--help`). Exit status: 0 all
# verifications passed, 1 a verification failed, 2 a profile could not run.
set -euo pipefail
cd "$(dirname "$0")/.."
products=(resume-agent resume-agent-gateway resume-agent-worker resume-agent-document-worker resume-agent-fakemodel resume-agent-load)
scripts/setup.sh

if [ "${1:-}" = "--ci" ]; then
  shift
  for product in "${products[@]}"; do
    swift build --product "$product" >&2
  done
  # Bounded: smoke (20 s) and chaos-short (30 s), each with start-up and verification.
  exec timeout --kill-after=10 120 .build/debug/resume-agent-load \
    --profile smoke,chaos-short --bin-dir .build/debug --json .build/load-ci.json "$@"
fi

for product in "${products[@]}"; do
  swift build -c release --static-swift-stdlib --product "$product" >&2
done
exec .build/release/resume-agent-load --bin-dir .build/release "$@"
