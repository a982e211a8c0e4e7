// Loaded by jest before each test file: n8n-core must not write to ~/.n8n.
const os = require('node:os');
const path = require('node:path');
const fs = require('node:fs');
if (!process.env.N8N_USER_FOLDER) {
	process.env.N8N_USER_FOLDER = fs.mkdtempSync(path.join(os.tmpdir(), 'imkit-n8n-'));
}
process.env.N8N_DIAGNOSTICS_ENABLED = 'false';
