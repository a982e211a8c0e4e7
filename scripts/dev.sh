#!/usr/bin/env bash
# `npm run dev`: a local n8n with this package loaded, ready to click through.
#
#   npm run dev                      # build, start n8n on http://localhost:5678 + OneBot simulator on :5700
#                                    #   + Heybox simulator on :5701 + RelationLabs simulator on :5702
#   IMKIT_SANDBOX=0 npm run dev      # real bots: no simulator, no preloaded credential
#   npm run dev -- cli list:workflow # run an n8n CLI command against the dev user folder
#
# What it does:
#   1. builds the package (`npm run build:only` under Node 24, scripts/with-node24.sh);
#   2. installs the pinned n8n into the cache once (scripts/n8n-install.sh; ≈6 min the first time);
#   3. runs test/e2e/lib/dev-sandbox.ts with Node 24 (type stripping, no compile step), which
#      - copies package.json + dist/ into <user folder>/.n8n/nodes/node_modules/n8n-nodes-imkit
#        (an installed community package: node type `n8n-nodes-imkit.oneBot`, credential `oneBotApi`),
#      - starts n8n in the foreground and sets up the owner: admin@imkit.local / Imkit-sandbox-1,
#      - sandbox mode: starts the OneBot simulator (test/simulators/onebot, dialect napcat,
#        token `sandbox-token`, inbox http://127.0.0.1:5700/__inbox) and imports the credential
#        "OneBot (sandbox simulator)" (id imkitOneBotSandbox) pointing at it,
#      - sandbox mode: starts the Heybox simulator (test/simulators/heybox, token
#        `sandbox-heybox-token`, inbox http://127.0.0.1:5701/__inbox) and imports the credential
#        "Heybox (sandbox simulator)" (id imkitHeyboxSandbox, type heyboxApi) pointing at it,
#      - sandbox mode: starts the RelationLabs simulator (test/simulators/relationlabs, ApiKey
#        `sandbox-relationlabs-apikey`, inbox http://127.0.0.1:5702/__inbox) and imports the credential
#        "RelationLabs (sandbox simulator)" (id imkitRelationLabsSandbox, type relationLabsApi,
#        address auth token); its tokens are signed with a secret that is new at every start, so
#        every start issues a fresh address token and re-imports the credential under the same id,
#      - imports the workflows in examples/ that are not in the user folder yet,
#      - prints the editor URL and waits; Ctrl-C stops n8n and the simulators.
#
# Settings (environment):
#   IMKIT_PORT=5678          n8n's port
#   IMKIT_SANDBOX=1          0 = real bots: no simulator, no preloaded credential, user folder
#                            $IMKIT_CACHE/live with its own random encryption key
#   IMKIT_SIM_PORT=5700      simulator port;  IMKIT_SIM_DIALECT=napcat (llonebot | lagrange | gocqhttp)
#   IMKIT_HEYBOX_PORT=5701   Heybox simulator port (REST and upload on the same server)
#   IMKIT_RELATIONLABS_PORT=5702  RelationLabs simulator port
#   IMKIT_SANDBOX_DIR=…      user folder (default $IMKIT_CACHE/sandbox, reused between runs,
#                            outside the repository; IMKIT_CACHE defaults to ~/.cache/n8n-nodes-imkit)
#   IMKIT_RESET=1            start from an empty user folder (re-imports credential and examples)
#   IMKIT_LISTEN=127.0.0.1   address n8n listens on (0.0.0.0 to reach it from another machine)
#   IMKIT_N8N_LOGS=1         echo n8n's log here (it is always written to <user folder>/n8n.log)
#   IMKIT_SKIP_BUILD=1       do not rebuild the package first
#   IMKIT_EXAMPLES_DIR=…     workflows to import (default examples/)
# The sandbox encryption key is fixed and public, and so is the owner password: local use only.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
cd "$root"

if [ "${1:-}" != "cli" ] && [ "${IMKIT_SKIP_BUILD:-0}" != "1" ]; then
  echo "[imkit] building the package (npm run build:only)" >&2
  bash "$here/with-node24.sh" npm run build:only --silent
fi
# shellcheck source=node24.sh
source "$here/node24.sh"
bash "$here/n8n-install.sh" >/dev/null
export IMKIT_CACHE IMKIT_REPO_ROOT="$root"
exec node --disable-warning=MODULE_TYPELESS_PACKAGE_JSON --disable-warning=ExperimentalWarning \
  "$root/test/e2e/lib/dev-sandbox.ts" "$@"
