#!/usr/bin/env bash
# `systemd-analyze verify` on the unit files, failing on any warning it prints (it exits 0
# on many bad values). ExecStart is pointed at the given binary so the check is real.
set -euo pipefail
binary="$(realpath "${1:?usage: verify-units.sh PATH-TO-resume-agent}")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for unit in deploy/systemd/*.service deploy/systemd/*.socket; do
  sed "s|/usr/local/bin/resume-agent|$binary|g" "$unit" > "$work/$(basename "$unit")"
done
output="$(cd "$work" && SYSTEMD_LOG_LEVEL=warning systemd-analyze verify --man=no ./*.service ./*.socket 2>&1 || true)"
if [ -n "$output" ]; then
  echo "systemd-analyze verify reported:" >&2
  echo "$output" >&2
  exit 1
fi
echo "systemd units verified: $(ls deploy/systemd | tr '\n' ' ')" >&2
