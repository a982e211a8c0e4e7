// Checks what n8n and its verification need from the built package: every file the `n8n`
// field names exists in dist/, icons and codex files are copied, and there are no runtime
// dependencies.
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const problems = [];
if (pkg.dependencies && Object.keys(pkg.dependencies).length) problems.push(`runtime dependencies: ${Object.keys(pkg.dependencies).join(', ')}`);
for (const file of [...pkg.n8n.nodes, ...pkg.n8n.credentials]) {
	if (!fs.existsSync(path.join(root, file))) problems.push(`missing ${file}`);
}
for (const file of pkg.n8n.nodes) {
	const dir = path.dirname(path.join(root, file));
	const codex = path.join(root, file.replace(/\.js$/, '.json'));
	if (!fs.existsSync(codex)) problems.push(`missing codex ${path.relative(root, codex)}`);
	const svgs = fs.readdirSync(dir).filter((f) => f.endsWith('.svg'));
	if (svgs.length < 2) problems.push(`missing light/dark icons in ${path.relative(root, dir)}`);
}
if (problems.length) {
	console.error(problems.map((p) => `package: ${p}`).join('\n'));
	process.exit(1);
}
console.log(`package: ${pkg.n8n.nodes.length} node(s), ${pkg.n8n.credentials.length} credential(s) in dist/, no runtime dependencies`);
