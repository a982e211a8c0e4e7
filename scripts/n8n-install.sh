#!/usr/bin/env bash
# Installs the pinned real n8n once into the cache (outside the repository) and prints the path
# of its `n8n` binary as the last line of stdout.
#   bash scripts/n8n-install.sh            # -> $IMKIT_CACHE/n8n-2.41.1/node_modules/.bin/n8n
#   IMKIT_N8N_VERSION=2.41.1 bash scripts/n8n-install.sh
#
# - keyed by version: $IMKIT_CACHE/n8n-<version>/
# - atomic: installs into a temporary folder next to it and renames it into place only when the
#   install and the sqlite3 rebuild both succeeded, so an interrupted install is simply redone
# - idempotent: when the folder exists (with its completion stamp), nothing is done
#
# Why the flags: n8n@2.41.3 (npm latest) is not installable from the registry here; 2.41.1 is,
# with `overrides.linkedom=0.18.12` (newer linkedom needs `cssomnom`, missing from the registry)
# and `--ignore-scripts` (a Kafka client's install script downloads from GitHub). sqlite3 is then
# built from source against Node 24's headers. isolated-vm ships a prebuilt binary for Node 24,
# rebuilt on its own (best effort: it only loads a prebuilt .node file).
# All progress goes to stderr; stdout carries only the binary path.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=node24.sh
source "$here/node24.sh"

IMKIT_N8N_VERSION="${IMKIT_N8N_VERSION:-2.41.1}"
LINKEDOM_VERSION="0.18.12"
dest="$IMKIT_CACHE/n8n-$IMKIT_N8N_VERSION"
bin="$dest/node_modules/.bin/n8n"
stamp="$dest/.imkit-install-complete"

if [ -f "$stamp" ] && [ -x "$bin" ]; then
  echo "$bin"
  exit 0
fi

mkdir -p "$IMKIT_CACHE"
# Only one installer at a time per version (concurrent jest workers, dev.sh + tests, ...).
lock="$IMKIT_CACHE/n8n-$IMKIT_N8N_VERSION.lock"
exec 9>"$lock"
if command -v flock >/dev/null 2>&1; then
  if ! flock -n 9; then
    echo "[imkit] another n8n $IMKIT_N8N_VERSION install is running; waiting for it" >&2
    flock 9
  fi
fi
if [ -f "$stamp" ] && [ -x "$bin" ]; then
  echo "$bin"
  exit 0
fi

# Remove leftovers of interrupted installs of this version.
rm -rf "$IMKIT_CACHE/n8n-$IMKIT_N8N_VERSION.tmp."* 2>/dev/null || true
# A destination without the stamp is an incomplete install from an older script: redo it.
[ -d "$dest" ] && rm -rf "$dest"

tmp="$(mktemp -d "$IMKIT_CACHE/n8n-$IMKIT_N8N_VERSION.tmp.XXXX")"
trap 'rm -rf "$tmp"' EXIT
start=$(date +%s)
echo "[imkit] installing n8n@$IMKIT_N8N_VERSION into $dest (once; 4–6 minutes, about 2.9 GB)" >&2
cat > "$tmp/package.json" <<JSON
{
  "name": "imkit-n8n-runtime",
  "private": true,
  "description": "Pinned n8n for n8n-nodes-imkit development (created by scripts/n8n-install.sh)",
  "dependencies": { "n8n": "$IMKIT_N8N_VERSION" },
  "overrides": { "linkedom": "$LINKEDOM_VERSION" }
}
JSON
(
  cd "$tmp"
  npm install --ignore-scripts --no-audit --no-fund --loglevel=error >&2
  echo "[imkit] building sqlite3 against Node $(node -v) headers ($IMKIT_NODEDIR)" >&2
  npm rebuild sqlite3 --build-from-source --nodedir="$IMKIT_NODEDIR" --loglevel=error >&2
  if [ -d node_modules/isolated-vm ]; then
    npm rebuild isolated-vm --loglevel=error >&2 || echo "[imkit] warning: isolated-vm rebuild failed" >&2
  fi
  # sanity check: the native sqlite3 binding loads under this Node
  node -e 'require("sqlite3")' >&2
)
[ -x "$tmp/node_modules/.bin/n8n" ] || { echo "[imkit] n8n binary missing after install" >&2; exit 1; }
echo "$IMKIT_N8N_VERSION $(node -v) $(date -u +%FT%TZ)" > "$tmp/.imkit-install-complete"
mv "$tmp" "$dest"
trap - EXIT
echo "[imkit] n8n@$IMKIT_N8N_VERSION installed in $(( $(date +%s) - start ))s" >&2
echo "$bin"
