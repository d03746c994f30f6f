#!/usr/bin/env bash
# Requirement-extraction quality on the SkillSpan train and dev splits, and the time one
# posting's analysis takes, in a release build. See bench/README-quality.md.
# Usage: bench/quality.sh [extra resume-agent-quality arguments, e.g. --splits dev --top 30]
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product resume-agent-quality >&2
exec .build/release/resume-agent-quality --data ../shared/datasets/skillspan \
  --resume ../shared/fixtures/resumes/alex-chen.md "$@"
