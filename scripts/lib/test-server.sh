# Sourced by the scripted test flows: starts `resume-agent serve` on a free port with its own
# data directory (stopped and removed on exit) unless BASE_URL and TOKEN are given, and sets
# BASE_URL and TOKEN. Needs `bin` (the directory of the binaries) and a `fail` function.
start_test_server() {
  [ -n "${BASE_URL:-}" ] && return 0
  data="$(mktemp -d /tmp/ra-test-XXXXXX)"
  "$bin/resume-agent" serve --port 0 --data-dir "$data/data" >"$data/out" 2>"$data/log" &
  server=$!
  trap 'kill -TERM $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$data"' EXIT
  # Not a terminal: the server prints where it is and keeps the first token in a 0600 file.
  for _ in $(seq 1 600); do grep -q 'ready at' "$data/out" 2>/dev/null && break; sleep 0.05; done
  TOKEN="$(cat "$data/data/initial-token" 2>/dev/null || true)"
  BASE_URL="$(grep -o 'http://127.0.0.1:[0-9]*' "$data/out" | head -1)"
  [ -n "$TOKEN" ] || fail "server did not start: $(tail -5 "$data/log")"
}
