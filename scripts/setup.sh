#!/usr/bin/env bash
# Installs the system packages Resume Agent builds and runs with, on Debian/Ubuntu, and the
# Python tools of the browser tests (from PyPI).
# Idempotent: does nothing when everything is already installed.
set -euo pipefail

packages=(
  # build: system libraries the Swift targets link
  pkg-config libsqlite3-dev libcurl4-openssl-dev libsystemd-dev
  libpoppler-glib-dev libcairo2-dev libpango1.0-dev libcmark-gfm-dev libcmark-gfm-extensions-dev
  # run: fonts for PDF export (Latin, metric-compatible body font, CJK)
  fonts-dejavu-core fonts-liberation2 fonts-wqy-microhei
  # tests: pdftotext/pdffonts/pdfinfo for export round trips, systemd-analyze for the units,
  # curl for the scripted API flow
  poppler-utils systemd curl
  # browser tests of the web UI (headless, no network): Debian's Chromium and its driver
  chromium chromium-driver python3-selenium python3-pytest python3-pip
)

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}" >&2
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Python tools the browser tests need beyond Debian's packages (Tests/browser/requirements.txt:
# the axe-core engines that axe-selenium-python bundles). The tests run with Debian's
# /usr/bin/python3, which is "externally managed" (PEP 668): rather than install into it
# (--user would need --break-system-packages), pip unpacks each pinned, hash-checked wheel into
# its own folder under .build/python-tools (two versions of one package cannot share a folder),
# where the tests find them. --ignore-requires-python: see the requirements file.
# Idempotent: a copy of the requirements file marks what is installed.
cd "$(dirname "$0")/.."
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
