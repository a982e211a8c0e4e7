#!/usr/bin/env bash
set -euo pipefail
npm run build:only --silent
mkdir -p test/results
npx jest --json --outputFile=test/results/jest.json "$@"
