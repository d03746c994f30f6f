#!/usr/bin/env bash
# The Python tools the tests use beyond Debian's packages, from PyPI, pinned, in a virtual
# environment under .build (nothing touches the system Python, and Debian's older libraries do
# not shadow the ones these need): schemathesis for the API fuzz run.
# Idempotent: does nothing when the pinned versions are installed.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=.build/venv
packages=(schemathesis==4.32.5)
if [ ! -x "$venv/bin/python" ]; then
  /usr/bin/python3 -m venv "$venv"
fi
missing=()
for package in "${packages[@]}"; do
  installed="$("$venv/bin/python" -m pip show "${package%%==*}" 2>/dev/null | sed -n 's/^Version: //p' || true)"
  [ "$installed" = "${package##*==}" ] || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "test-tools: installing ${missing[*]}" >&2
  "$venv/bin/python" -m pip install -q --disable-pip-version-check "${missing[@]}"
fi
