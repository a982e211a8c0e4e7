/**
 * Summarises a V8 .cpuprofile (node --cpu-prof) of an `n8n execute` process, restricted to the
 * time window in which the measured node ran: the first to the last sample with a marker frame
 * (e.g. the node's `execute`, or our per-item loop) on the stack; module loading at start-up,
 * which also runs the node's files, is thereby left out.
 *
 * - self time by owner: each sample is charged to the innermost frame that belongs to a package
 *   (our package, n8n-core, n8n-workflow, axios, …), skipping node: internals and natives, so
 *   `node:http` work done for axios counts as axios; GC, idle and program are their own rows;
 * - top frames by self time (leaf frame);
 * - inclusive time of functions (a function counted once per sample even when recursive).
 *   Under async/await an inclusive figure covers only the synchronous stretches of a call.
 */
import * as fs from 'node:fs';

interface CpuNode {
	id: number;
	callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
	children?: number[];
}

interface CpuProfile {
	nodes: CpuNode[];
	startTime: number;
	endTime: number;
	samples: number[];
	timeDeltas: number[];
}

export interface ProfileRow {
	name: string;
	ms: number;
	/** µs per item */
	usPerItem: number;
	pct: number;
}

export interface ProfileSummary {
	file: string;
	windowMs: number;
	sampledMs: number;
	items: number;
	byOwner: ProfileRow[];
	/** the same time split by what is being done (first matching rule of PHASES, by stack) */
	byPhase: ProfileRow[];
	topSelf: ProfileRow[];
	topInclusive: ProfileRow[];
}

/** The package a script URL belongs to: 'n8n-core', '@n8n/foo', 'n8n-nodes-imkit', 'node:internal', … */
export function ownerOf(url: string): string | undefined {
	if (!url) return undefined;
	if (url.startsWith('node:')) return undefined;
	const file = url.replace(/^file:\/\//, '');
	const i = file.lastIndexOf('/node_modules/');
	if (i >= 0) {
		const rest = file.slice(i + '/node_modules/'.length).split('/');
		return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
	}
	return file;
}

/** What a sample is doing, judged by its whole stack; the first rule that matches wins. */
const PHASES: Array<{ name: string; test: (frames: CpuNode['callFrame'][]) => boolean }> = [
	{
		name: 'n8n: start-up work still running (module and class loading)',
		test: (f) => f.some((c) => /^(loadClassInIsolation|postProcessLoaders|wrapSafe|compileFunctionForCJSLoader)$/.test(c.functionName)),
	},
	{ name: 'n8n: expression evaluation', test: (f) => f.some((c) => c.functionName === 'renderExpression' || c.url.includes('/@n8n/expression-runtime/')) },
	{ name: 'n8n: getNodeParameter (without expressions)', test: (f) => f.some((c) => c.functionName === '_getNodeParameter') },
	{
		name: 'n8n: credentials (load, decrypt, authenticate)',
		test: (f) => f.some((c) => /credentials-helper|\/credentials\.js|credential-types/.test(c.url) || /^(getCredentials|authenticate|preAuthentication)$/.test(c.functionName)),
	},
	{
		name: 'n8n: HTTP helper (axios, follow-redirects, proxy lookup, sockets)',
		test: (f) =>
			f.some((c) => /\/(axios|follow-redirects|proxy-from-env|@n8n\/backend-network)\/|request-helpers|execute-context\.js/.test(c.url)) ||
			(f[0] !== undefined && /^node:(net|_http|http|internal\/(net|stream|http))/.test(f[0].url)),
	},
	{ name: 'our package (own code)', test: (f) => f.some((c) => c.url.includes('/node_modules/n8n-nodes-imkit/')) },
	{ name: 'n8n: other (run data, hooks, execution engine)', test: (f) => f.some((c) => /\/(n8n-core|n8n-workflow|n8n|@n8n\/[^/]+)\//.test(c.url)) },
];

function shortUrl(url: string): string {
	const file = url.replace(/^file:\/\//, '');
	const i = file.lastIndexOf('/node_modules/');
	return i >= 0 ? file.slice(i + '/node_modules/'.length) : file;
}

/** Which frames mark the measured node's execution: a script path fragment, optionally one function name. */
export interface WindowMarker {
	url: string;
	functionName?: string;
}

export function summarizeProfile(file: string, marker: WindowMarker, items: number, top = 25): ProfileSummary {
	const prof = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
	const byId = new Map<number, CpuNode>();
	const parent = new Map<number, number>();
	for (const n of prof.nodes) byId.set(n.id, n);
	for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
	const stackOf = (id: number): CpuNode[] => {
		const out: CpuNode[] = [];
		for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) out.push(byId.get(cur)!);
		return out; // leaf first
	};
	// sample times: timeDeltas[i] is the gap before sample i; a sample lasts until the next one
	const stamps: number[] = [];
	let t = prof.startTime;
	for (const d of prof.timeDeltas) stamps.push((t += d));
	const duration = (i: number) => (i + 1 < stamps.length ? stamps[i + 1] - stamps[i] : 0);
	const stackCache = new Map<number, CpuNode[]>();
	const stack = (id: number) => {
		let s = stackCache.get(id);
		if (!s) stackCache.set(id, (s = stackOf(id)));
		return s;
	};
	let first = -1;
	let last = -1;
	for (let i = 0; i < prof.samples.length; i++) {
		if (stack(prof.samples[i]).some((n) => n.callFrame.url.includes(marker.url) && (!marker.functionName || n.callFrame.functionName === marker.functionName))) {
			if (first < 0) first = i;
			last = i;
		}
	}
	if (first < 0) throw new Error(`no sample in ${file} has a frame ${marker.functionName ?? ''} from ${marker.url}`);
	const owner = new Map<string, number>();
	const phase = new Map<string, number>();
	const self = new Map<string, number>();
	const inclusive = new Map<string, number>();
	let sampled = 0;
	for (let i = first; i <= last; i++) {
		const us = duration(i);
		sampled += us;
		const s = stack(prof.samples[i]);
		const leaf = s[0].callFrame;
		const special = /^\((garbage collector|idle|program|root)\)$/.test(leaf.functionName) ? leaf.functionName : undefined;
		let who = special;
		if (!who) {
			for (const n of s) {
				const o = ownerOf(n.callFrame.url);
				if (o) {
					who = o;
					break;
				}
			}
			who ??= '(node internals, no package on the stack)';
		}
		owner.set(who, (owner.get(who) ?? 0) + us);
		const frames = s.map((n) => n.callFrame);
		const what = special ?? PHASES.find((p) => p.test(frames))?.name ?? 'other (node internals, timers, I/O callbacks)';
		phase.set(what, (phase.get(what) ?? 0) + us);
		const leafName = special ?? `${leaf.functionName || '(anonymous)'} ${shortUrl(leaf.url)}:${leaf.lineNumber + 1}`;
		self.set(leafName, (self.get(leafName) ?? 0) + us);
		const seen = new Set<string>();
		for (const n of s) {
			const cf = n.callFrame;
			if (!cf.url || cf.url.startsWith('node:')) continue;
			const name = `${cf.functionName || '(anonymous)'} ${shortUrl(cf.url)}:${cf.lineNumber + 1}`;
			if (seen.has(name)) continue;
			seen.add(name);
			inclusive.set(name, (inclusive.get(name) ?? 0) + us);
		}
	}
	const rows = (m: Map<string, number>, limit: number): ProfileRow[] =>
		[...m.entries()]
			.sort((a, b) => b[1] - a[1])
			.slice(0, limit)
			.map(([name, us]) => ({ name, ms: us / 1000, usPerItem: items ? us / items : 0, pct: sampled ? (100 * us) / sampled : 0 }));
	return {
		file,
		windowMs: (stamps[last] - stamps[first]) / 1000,
		sampledMs: sampled / 1000,
		items,
		byOwner: rows(owner, 30),
		byPhase: rows(phase, 30),
		topSelf: rows(self, top),
		topInclusive: rows(inclusive, top * 2),
	};
}

export function printProfile(title: string, p: ProfileSummary): string {
	const lines: string[] = [];
	lines.push(`${title}: window ${p.windowMs.toFixed(0)} ms, ${p.items} items (${((p.windowMs * 1000) / Math.max(1, p.items)).toFixed(0)} µs/item)`);
	lines.push('  time by activity (whole stack):');
	for (const r of p.byPhase) lines.push(`    ${r.pct.toFixed(1).padStart(5)}%  ${r.usPerItem.toFixed(0).padStart(5)} µs/item  ${r.name}`);
	lines.push('  self time by owner (innermost package frame):');
	for (const r of p.byOwner.slice(0, 14)) lines.push(`    ${r.pct.toFixed(1).padStart(5)}%  ${r.usPerItem.toFixed(0).padStart(5)} µs/item  ${r.name}`);
	lines.push('  top frames by self time:');
	for (const r of p.topSelf.slice(0, 15)) lines.push(`    ${r.pct.toFixed(1).padStart(5)}%  ${r.usPerItem.toFixed(0).padStart(5)} µs/item  ${r.name}`);
	lines.push('  top functions by inclusive (synchronous) time:');
	for (const r of p.topInclusive.slice(0, 30)) lines.push(`    ${r.pct.toFixed(1).padStart(5)}%  ${r.usPerItem.toFixed(0).padStart(5)} µs/item  ${r.name}`);
	return lines.join('\n');
}
