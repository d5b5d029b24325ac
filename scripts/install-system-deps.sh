#!/usr/bin/env bash
# Debian packages the project needs. `venv`: what python3 -m venv needs.
# `test`: Chromium for the browser tests, poppler-utils (pdftoppm) for PDF checks, DejaVu fonts.
set -euo pipefail
what=${1:?usage: install-system-deps.sh venv|test}
case "$what" in
  venv) packages=(python3-venv) commands=() ;;
  test) packages=(chromium poppler-utils fonts-dejavu-core) commands=(chromium pdftoppm pdfinfo) ;;
  *) echo "unknown set: $what" >&2; exit 2 ;;
esac
missing=0
for command in "${commands[@]}"; do command -v "$command" >/dev/null || missing=1; done
[ "$what" = test ] && [ ! -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] && missing=1  # fonts-dejavu-core
[ "$what" = venv ] && missing=1  # only called when venv creation failed
[ "$missing" = 0 ] && exit 0
sudo=""
[ "$(id -u)" = 0 ] || sudo=sudo
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
