#!/usr/bin/env bash
# `npm test`: the type check, then every node:test suite (units, real Eleventy builds, the CLI,
# a link crawl under a sub-path, the Nu HTML checker, axe-core and a reader in headless Chromium).
# Nothing is skipped: when Chromium or Java is missing it is installed (as root) or the run stops
# with the command to run.
set -euo pipefail
cd "$(dirname "$0")/.."

# The browser tests need Chromium; the HTML check (the Nu checker, vnu.jar) needs Java.
chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
missing=()
[ -x "$chromium" ] || missing+=(chromium)
command -v java >/dev/null || missing+=(default-jre-headless)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing ${missing[*]} for the browser and HTML tests..."
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "The tests need ${missing[*]}. Install, then run npm test again:" >&2
    echo "  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi

npx tsc --noEmit
# Two test files at a time: on two cores node runs one (its default is one fewer than the cores),
# and most files spend part of their time waiting on a build's process, Chromium or Java.
node --import tsx --test --test-concurrency=2 test/*.test.ts
