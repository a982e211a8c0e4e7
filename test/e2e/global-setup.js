/* Makes sure the pinned n8n is in the cache before any test's timeout starts ticking. Builds nothing. */
const { spawnSync } = require('node:child_process');
const path = require('node:path');

module.exports = async function globalSetup() {
	const script = path.join(__dirname, '..', '..', 'scripts', 'n8n-install.sh');
	const r = spawnSync('bash', [script], { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
	if (r.status !== 0) throw new Error(`scripts/n8n-install.sh failed (exit ${r.status})`);
};
