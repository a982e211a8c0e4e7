#!/usr/bin/env bash
# Makes sure Debian's Chromium is installed for the browser checks (test/e2e/browser.e2e.test.ts)
# and prints its path on stdout. Idempotent: when the browser is already there it only prints it.
#   bash scripts/install-chromium.sh            # → /usr/bin/chromium
# IMKIT_CHROMIUM=/path/to/chrome uses that browser instead (nothing is installed).
# Never downloads a browser of its own (no `npx playwright install`): only Debian's package
# `chromium`, through apt-get (as root, or with sudo when not root).
set -euo pipefail

log() { echo "[install-chromium] $*" >&2; }
fail() {
  log "ERROR: $*"
  log "Install Debian's chromium package yourself (apt-get install chromium) or set IMKIT_CHROMIUM to a Chromium binary."
  exit 1
}
works() { "$1" --version >/dev/null 2>&1; }

if [ -n "${IMKIT_CHROMIUM:-}" ]; then
  [ -x "$IMKIT_CHROMIUM" ] || fail "IMKIT_CHROMIUM=$IMKIT_CHROMIUM is not an executable file"
  works "$IMKIT_CHROMIUM" || fail "IMKIT_CHROMIUM=$IMKIT_CHROMIUM does not run (--version failed)"
  echo "$IMKIT_CHROMIUM"
  exit 0
fi

bin=/usr/bin/chromium
if [ -x "$bin" ] && works "$bin"; then
  echo "$bin"
  exit 0
fi

command -v apt-get >/dev/null 2>&1 || fail "$bin is missing and apt-get is not available (not a Debian/Ubuntu machine?)"
if [ "$(id -u)" -eq 0 ]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  sudo=(sudo -n)
else
  fail "$bin is missing; installing it needs root, and passwordless sudo is not available"
fi

start=$(date +%s)
log "$bin is missing: installing Debian's chromium package (apt-get, once)"
"${sudo[@]}" apt-get update -qq >&2 || fail "apt-get update failed"
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >&2 \
  || fail "apt-get install chromium failed"
[ -x "$bin" ] || fail "the chromium package installed, but $bin is not there"
works "$bin" || fail "$bin was installed but does not run (--version failed)"
log "installed $("$bin" --version 2>/dev/null) in $(( $(date +%s) - start )) s"
echo "$bin"
