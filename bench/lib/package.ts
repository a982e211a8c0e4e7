/**
 * P5: the package itself. Cold `require` of every node and credential listed in package.json's
 * n8n field (a fresh Node process per measurement), the npm tarball, and runtime dependencies.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { builtinModules } from 'node:module';
import * as path from 'node:path';
import { summarize, type Summary } from './stats.ts';

export interface RequireSample {
	/** require('n8n-workflow') alone: n8n has it loaded long before any community package */
	n8nWorkflowMs: number;
	/** every listed node and credential file, n8n-workflow already loaded (wall clock) */
	packageMs: number;
	/** the same in CPU time (user + system): less sensitive to other processes on a busy machine */
	packageCpuMs: number;
	/** modules loaded by the package (its own files and any built-ins not yet loaded) */
	modules: number;
	perFile: Record<string, number>;
}

export interface RequireFigures {
	packageMs: Summary;
	packageCpuMs: Summary;
	n8nWorkflowMs: Summary;
	totalMs: Summary;
	modules: number;
	perFileMedianMs: Record<string, number>;
}

export interface PackageResult {
	/** cold: a fresh process that has only required n8n-workflow (the target's figure) */
	require: RequireFigures;
	/** the same after the ICU collator and updateDisplayOptions were used once, as in a running n8n */
	requireWarm: RequireFigures;
	tarball: { bytes: number; unpackedBytes: number; files: number; name: string };
	dependencies: { declared: string[]; bareRequiresInDist: string[]; count: number };
}

const PROBE = `
const { performance } = require('node:perf_hooks');
const path = require('node:path');
const root = process.argv[1];
const files = JSON.parse(process.argv[2]);
const warm = process.argv[3] === 'warm';
const t0 = performance.now();
const workflow = require('n8n-workflow');
const t1 = performance.now();
if (warm) {
	// what n8n has done long before it loads a community package: used the ICU collator and
	// n8n-workflow's updateDisplayOptions (lodash merge), so their first-use costs are paid
	'b'.localeCompare('a');
	workflow.updateDisplayOptions({ show: { resource: ['x'] } }, [{ displayName: 'X', name: 'x', type: 'string', default: '', displayOptions: { show: { a: ['b'] } } }]);
}
const modulesBefore = Object.keys(require.cache).length;
const cpu0 = process.cpuUsage();
const perFile = {};
for (const f of files) {
	const a = performance.now();
	const mod = require(path.join(root, f));
	// instantiate the class named like the file, as n8n's loader does
	const className = path.basename(f).replace(/\\.(node|credentials)\\.js$/, '');
	new mod[className]();
	perFile[f] = performance.now() - a;
}
const t2 = performance.now();
const cpu = process.cpuUsage(cpu0);
const modules = Object.keys(require.cache).length - modulesBefore;
process.stdout.write(JSON.stringify({ n8nWorkflowMs: t1 - t0, packageMs: t2 - t1, packageCpuMs: (cpu.user + cpu.system) / 1000, modules, perFile }));
`;

export function measureRequire(root: string, runs: number, mode: 'cold' | 'warm' = 'cold'): RequireFigures {
	const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
	const files: string[] = [...(pkg.n8n?.nodes ?? []), ...(pkg.n8n?.credentials ?? [])];
	const samples: RequireSample[] = [];
	for (let i = 0; i < runs; i++) {
		const r = spawnSync(process.execPath, ['-e', PROBE, root, JSON.stringify(files), mode], { cwd: root, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
		if (r.status !== 0) throw new Error(`require probe failed (exit ${r.status}): ${r.stderr}`);
		samples.push(JSON.parse(r.stdout) as RequireSample);
	}
	const perFileMedianMs: Record<string, number> = {};
	for (const f of files) perFileMedianMs[f] = summarize(samples.map((s) => s.perFile[f])).median;
	return {
		packageMs: summarize(samples.map((s) => s.packageMs)),
		packageCpuMs: summarize(samples.map((s) => s.packageCpuMs)),
		modules: samples[0].modules,
		n8nWorkflowMs: summarize(samples.map((s) => s.n8nWorkflowMs)),
		totalMs: summarize(samples.map((s) => s.packageMs + s.n8nWorkflowMs)),
		perFileMedianMs,
	};
}

export function measureTarball(root: string): PackageResult['tarball'] {
	const r = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts', '--loglevel=error'], { cwd: root, encoding: 'utf8' });
	if (r.status !== 0) throw new Error(`npm pack --dry-run failed (exit ${r.status}): ${r.stderr}`);
	const info = (JSON.parse(r.stdout) as Array<{ size: number; unpackedSize: number; entryCount: number; filename: string }>)[0];
	return { bytes: info.size, unpackedBytes: info.unpackedSize, files: info.entryCount, name: info.filename };
}

/** Declared runtime dependencies, and any bare module the built code requires besides Node built-ins and the n8n-workflow peer. */
export function measureDependencies(root: string): PackageResult['dependencies'] {
	const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
	const declared = [
		...Object.keys(pkg.dependencies ?? {}),
		...Object.keys(pkg.optionalDependencies ?? {}),
		...(Array.isArray(pkg.bundleDependencies ?? pkg.bundledDependencies) ? (pkg.bundleDependencies ?? pkg.bundledDependencies) : []),
	];
	const allowed = new Set([...builtinModules, 'n8n-workflow', ...Object.keys(pkg.peerDependencies ?? {})]);
	const bare = new Set<string>();
	const walk = (dir: string) => {
		for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
			const p = path.join(dir, e.name);
			if (e.isDirectory()) walk(p);
			else if (e.name.endsWith('.js')) {
				const text = fs.readFileSync(p, 'utf8');
				for (const m of text.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)) {
					const spec = m[1];
					if (spec.startsWith('.') || spec.startsWith('/')) continue;
					const name = spec.replace(/^node:/, '').startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.replace(/^node:/, '').split('/')[0];
					if (!allowed.has(name) && !spec.startsWith('node:')) bare.add(name);
				}
			}
		}
	};
	walk(path.join(root, 'dist'));
	return { declared, bareRequiresInDist: [...bare].sort(), count: declared.length + [...bare].filter((b) => !declared.includes(b)).length };
}
