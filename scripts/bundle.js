/*
 * Builds dist/: every node and credential file named in package.json's `n8n` field becomes one
 * CommonJS file with its own code inlined (esbuild; n8n-workflow and Node built-ins stay
 * external). n8n requires each of these files at start-up; one file instead of a tree of ~150
 * small modules saves the module resolution and per-file compile work (cold require of the
 * whole package: see bench/README.md, P5). Type checking stays with tsc (`tsc --noEmit`).
 */
const path = require('node:path');
const fs = require('node:fs');
const esbuild = require('esbuild');

const root = path.resolve(__dirname, '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const entryPoints = [...pkg.n8n.nodes, ...pkg.n8n.credentials].map((file) =>
	path.join(root, file.replace(/^dist\//, '').replace(/\.js$/, '.ts')),
);

fs.rmSync(path.join(root, 'dist'), { recursive: true, force: true });
esbuild
	.build({
		absWorkingDir: root,
		entryPoints,
		outdir: path.join(root, 'dist'),
		outbase: root,
		bundle: true,
		platform: 'node',
		format: 'cjs',
		target: 'node20',
		external: ['n8n-workflow'],
		legalComments: 'none',
		logLevel: 'warning',
		metafile: true,
	})
	.then((result) => {
		const outputs = Object.entries(result.metafile.outputs);
		const bytes = outputs.reduce((sum, [, o]) => sum + o.bytes, 0);
		console.log(`bundle: ${outputs.length} files, ${(bytes / 1024).toFixed(0)} kB in dist/`);
	})
	.catch(() => process.exit(1));
