#!/usr/bin/env bash
# Scores and times PDF import on the real-resume development set (release build).
#   bench/import.sh                      # table of scores and ms/page
#   bench/import.sh --notes              # plus what each document lost points on
#   bench/import.sh --markdown /tmp/md   # plus the imported resume.md of each document
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product resume-agent-import-bench >&2
status=0
.build/release/resume-agent-import-bench --data ../shared/datasets/real-resumes --expected bench/import-expected "$@" || status=1
echo
echo "Generated layouts (bench/import-generated, made by its generate.py):"
.build/release/resume-agent-import-bench --data bench/import-generated --expected bench/import-generated "$@" || status=1
exit $status
