#!/usr/bin/env bash
# The Python tools the tests use beyond Debian's packages, from PyPI, pinned (nothing touches the
# system Python): schemathesis for the API fuzz run, in a virtual environment under .build (so
# Debian's older libraries do not shadow the ones it needs), and the axe-core engines of the
# browser tests' accessibility audit, unpacked under .build/python-tools.
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

# Python tools the browser tests need beyond Debian's packages (Tests/browser/requirements.txt:
# the axe-core engines that axe-selenium-python bundles). The tests run with Debian's
# /usr/bin/python3, which is "externally managed" (PEP 668): rather than install into it
# (--user would need --break-system-packages), pip unpacks each pinned, hash-checked wheel into
# its own folder under .build/python-tools (two versions of one package cannot share a folder),
# where the tests find them. --ignore-requires-python: see the requirements file.
# Idempotent: a copy of the requirements file marks what is installed.
requirements=Tests/browser/requirements.txt
tools=.build/python-tools
if ! cmp -s "$requirements" "$tools/.requirements.txt"; then
  echo "setup: installing Python tools from $requirements into $tools" >&2
  rm -rf "$tools"
  mkdir -p "$tools"
  grep -E '^[A-Za-z0-9]' "$requirements" | while read -r line; do
    pin=${line%% *}                       # name==version
    printf '%s\n' "$line" > "$tools/.one.txt"
    /usr/bin/python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore \
      --no-deps --require-hashes --only-binary=:all: --ignore-requires-python \
      --target "$tools/${pin/==/-}" -r "$tools/.one.txt"
  done
  rm -f "$tools/.one.txt"
  cp "$requirements" "$tools/.requirements.txt"
fi
