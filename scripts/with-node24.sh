#!/usr/bin/env bash
# Runs a command with Node.js 24 first on PATH and the project's dev dependencies installed.
#   bash scripts/with-node24.sh <command> [args...]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
# shellcheck source=node24.sh
source "$here/node24.sh"
cd "$root"
stamp="node_modules/.imkit-deps-stamp"
want="$(node -p 'require("crypto").createHash("sha1").update(require("fs").readFileSync("package-lock.json")).digest("hex")+process.versions.node')"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "[imkit] installing dev dependencies with Node $(node -v)" >&2
  # --ignore-scripts: eslint-plugin-n8n-nodes-base has a `npx only-allow pnpm` preinstall that
  # fails under npm, and no other install script is needed except isolated-vm (n8n-core's
  # expression sandbox), which is rebuilt on its own below.
  # `npm install` (not `npm ci`): the registry here lacks some optional platform packages
  # (@unrs/resolver-binding-*), which makes `npm ci` refuse the lock file.
  npm install --no-audit --no-fund --ignore-scripts --loglevel=error >&2
  npm rebuild isolated-vm --loglevel=error >&2
  echo "$want" > "$stamp"
fi
exec "$@"
