#!/usr/bin/env bash
# Installs the system packages Resume Agent builds and runs with, on Debian/Ubuntu (and those
# its tests use; the tests' Python tools from PyPI are scripts/test-tools.sh's).
# Idempotent: does nothing when everything is already installed.
set -euo pipefail

packages=(
  # build: system libraries the Swift targets link
  pkg-config libsqlite3-dev libcurl4-openssl-dev libsystemd-dev libseccomp-dev
  libpoppler-glib-dev libcairo2-dev libpango1.0-dev libcmark-gfm-dev libcmark-gfm-extensions-dev
  # run: fonts for PDF export (Latin, metric-compatible body font, CJK)
  fonts-dejavu-core fonts-liberation2 fonts-wqy-microhei
  # tests: pdftotext/pdffonts/pdfinfo for export round trips, systemd-analyze for the units,
  # curl for the scripted API flow
  poppler-utils systemd curl
  # browser tests of the web UI (headless, no network): Debian's Chromium and its driver;
  # pip and venv for the test tools installed from PyPI (scripts/test-tools.sh)
  chromium chromium-driver python3-selenium python3-pytest python3-pip python3-venv
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
