#!/usr/bin/env bash
# `npm test`: the type check, then every node:test suite (units, real Eleventy builds, the CLI,
# a link crawl under a sub-path, and a reader in headless Chromium). Nothing is skipped: when
# Chromium is missing it is installed (as root) or the run stops with the command to run.
set -euo pipefail
cd "$(dirname "$0")/.."

chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ ! -x "$chromium" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Chromium is missing; installing Debian's chromium for the browser test..."
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "The browser test needs Chromium at $chromium. Install it, then run npm test again:" >&2
    echo "  sudo apt-get update && sudo apt-get install -y chromium" >&2
    exit 1
  fi
fi

npx tsc --noEmit
node --import tsx --test test/*.test.ts
