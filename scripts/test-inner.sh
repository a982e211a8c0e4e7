#!/usr/bin/env bash
# Runs under Node 24 (see test.sh). Unit and real-engine suites, then the end-to-end suite in
# a real n8n, then one summary line for both.
set -uo pipefail
rm -rf test/results && mkdir -p test/results
npm run build:only --silent || { echo "build failed" >&2; echo "tests: 0 passed, 1 failed"; exit 1; }
status=0
npx jest --json --outputFile=test/results/unit.json "$@" || status=1
# The end-to-end suite needs the real n8n (installed once into the cache by scripts/n8n-install.sh).
# IMKIT_E2E=0 skips it, e.g. for a quick local run; a narrowed run (jest args given) skips it too.
if [ "${IMKIT_E2E:-1}" != "0" ] && [ $# -eq 0 ] && [ -f jest.e2e.config.js ]; then
  npx jest -c jest.e2e.config.js --json --outputFile=test/results/e2e.json || status=1
fi
node scripts/test-summary.js test/results/*.json || status=1
exit $status
