#!/usr/bin/env bash
# The browser tests drive Debian's Chromium. Install it when it is missing and this user can
# (root, or passwordless sudo), with an emoji font so screenshots show persona avatars; otherwise
# say exactly what to run.
set -euo pipefail
chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$chromium" ]; then exit 0; fi
if command -v apt-get >/dev/null 2>&1; then
  echo "Chromium is missing; installing Debian's package for the browser tests…"
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-color-emoji
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-color-emoji
  fi
fi
if [ ! -x "$chromium" ]; then
  echo "Chromium is needed at $chromium for the browser tests. Install it with: sudo apt-get install -y chromium" >&2
  echo "(or point CHROMIUM_PATH at a Chromium binary)" >&2
  exit 1
fi
