#!/usr/bin/env bash
# Lints and format-checks protos/ with the buf CLI pinned in tools/buf/package-lock.json.
# Exits non-zero on any lint finding or on a file that `buf format` would change (the diff is printed).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"

# npm ci only when the pinned CLI is missing, so repeated runs stay offline and fast.
if [ ! -x "$here/node_modules/.bin/buf" ]; then
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
fi

# npx resolves buf from tools/buf/node_modules; buf itself runs from the root to find buf.yaml.
buf=(npx --prefix "$here" --no-install buf)
cd "$root"
"${buf[@]}" lint
"${buf[@]}" format -d --exit-code

# Breaking-change check against the previous commit, once that commit has the contract.
if git -C "$root" cat-file -e HEAD~1:protos/kuberpc/v1 2>/dev/null; then
  "${buf[@]}" breaking --against "$root/.git#ref=HEAD~1"
fi
