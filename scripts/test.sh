#!/usr/bin/env bash
# The README's test command (`npm test`): builds the package and runs every test suite
# (unit, real-engine, end-to-end in real n8n) under Node.js 24.
# Pass jest arguments to narrow it down, e.g. `npm test -- test/onebot`.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
exec bash "$here/with-node24.sh" bash "$here/test-inner.sh" "$@"
