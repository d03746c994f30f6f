#!/usr/bin/env bash
# The seed's Phase 1 exit criterion, with nothing but curl: create a session, upload a resume,
# give the JD, run an analysis, tailor with one approval and one rejection, interrupt a run,
# export. Starts its own server unless BASE_URL and TOKEN are given.
#   scripts/e2e-curl.sh                         # builds nothing; uses .build/debug binaries
#   BASE_URL=http://127.0.0.1:8080 TOKEN=ra_… scripts/e2e-curl.sh
set -euo pipefail
cd "$(dirname "$0")/.."
fixtures="${FIXTURES:-../shared/fixtures}"
bin="${RESUME_AGENT_BIN_DIR:-.build/debug}"

fail() { echo "e2e-curl: FAIL: $*" >&2; exit 1; }
# json EXPR: evaluates EXPR with the response as `d` (a leading [ indexes into d).
json() { python3 -c "import json,sys; d=json.load(sys.stdin); e=sys.argv[1]; print(eval('d' + e if e.startswith('[') else e))" "$1"; }

# shellcheck source=lib/test-server.sh
. scripts/lib/test-server.sh
start_test_server
api="$BASE_URL/api/v1"
auth=(-H "Authorization: Bearer $TOKEN")
step() { echo "== $*" >&2; }

step "create a session"
session="$(curl -sf "${auth[@]}" -X POST "$api/sessions" -H 'Content-Type: application/json' -d '{}' | json "['session_id']")"

step "upload the resume (PDF)"
curl -sf "${auth[@]}" -X POST "$api/sessions/$session/resume" -F "file=@$fixtures/resumes/alex-chen.pdf;type=application/pdf" | json "['state']" | grep -qx resume_uploaded || fail upload

step "give the job description"
python3 -c "import json,sys; print(json.dumps({'text': open(sys.argv[1]).read()}))" "$fixtures/jds/senior-backend-platform.txt" \
  | curl -sf "${auth[@]}" -X POST "$api/sessions/$session/jd" -H 'Content-Type: application/json' -d @- | json "['state']" | grep -qx jd_provided || fail jd

step "analyse (read-only tools, streamed)"
run="$(curl -sf "${auth[@]}" -X POST "$api/sessions/$session/messages" -H 'Content-Type: application/json' -d '{"content":"Analyze my gaps"}' | json "['run_id']")"
curl -sfN "${auth[@]}" "$api/sessions/$session/runs/$run/stream" | grep -q '^event: run_completed' || fail "analysis run did not complete"
curl -sf "${auth[@]}" "$api/sessions/$session/files/analysis/gap.md" | sed -n 1,3p >&2  # sed reads it all: head would close the pipe early and fail curl (exit 23) under pipefail

step "tailor: approve the first edit, reject the next"
run="$(curl -sf "${auth[@]}" -X POST "$api/sessions/$session/messages" -H 'Content-Type: application/json' -d '{"content":"Tailor my resume"}' | json "['run_id']")"
stream="$(mktemp)"
curl -sfN "${auth[@]}" "$api/sessions/$session/runs/$run/stream" >"$stream" &
reader=$!
decided=0
for _ in $(seq 1 200); do
  pending="$(curl -sf "${auth[@]}" "$api/sessions/$session/approvals" | json "' '.join(a['approval_id'] for a in d['approvals'])")"
  for approval in $pending; do
    if [ $decided -eq 0 ]; then verb=approve; else verb=reject; fi
    curl -sf "${auth[@]}" -X POST "$api/sessions/$session/approvals/$approval/$verb" -H 'Content-Type: application/json' -d '{"reason":"curl flow"}' >/dev/null
    decided=$((decided + 1))
  done
  kill -0 $reader 2>/dev/null || break
  sleep 0.05
done
wait $reader || true
grep -q '^event: tool_call_approved' "$stream" || fail "no approval event"
grep -q '^event: tool_call_rejected' "$stream" || fail "no rejection event"
grep -q '^event: run_completed' "$stream" || fail "tailoring run did not complete"
curl -sf "${auth[@]}" "$api/sessions/$session" | json "['state']" | grep -qx rewrite_applied || fail "state is not rewrite_applied"

step "interrupt a run"
run="$(curl -sf "${auth[@]}" -X POST "$api/sessions/$session/messages" -H 'Content-Type: application/json' -d '{"content":"Tailor my resume again"}' | json "['run_id']")"
curl -sf "${auth[@]}" -X POST "$api/sessions/$session/runs/$run/interrupt" >/dev/null
curl -sfN "${auth[@]}" "$api/sessions/$session/runs/$run/stream" | grep -Eq '^event: run_(interrupted|completed)' || fail "interrupted run has no terminal event"
curl -sf "${auth[@]}" "$api/sessions/$session/approvals" | json "len(d['approvals'])" | grep -qx 0 || fail "approvals left pending"

step "export PDF and DOCX"
for format in pdf docx; do
  path="$(curl -sf "${auth[@]}" -X POST "$api/sessions/$session/export" -H 'Content-Type: application/json' -d "{\"format\":\"$format\"}" | json "['path']")"
  curl -sf "${auth[@]}" "$api/sessions/$session/files/$path" -o "/tmp/ra-curl-export.$format"
done
head -c 4 /tmp/ra-curl-export.pdf | grep -q '%PDF' || fail "export is not a PDF"
head -c 2 /tmp/ra-curl-export.docx | grep -q 'PK' || fail "export is not a DOCX"
curl -sf "${auth[@]}" "$api/sessions/$session/audit" | json "len(d['audit'])" >&2
echo "e2e-curl: 1 passed, 0 failed"
