/**
 * `npm run bench`: P1–P5 of issue 8, side by side in one run, against local simulators and the
 * cached real n8n 2.41.1 with our freshly built package installed. Prints a table and writes
 * bench/results/<date>.json. See bench/README.md.
 *
 *   npm run bench                         # everything, 5 repetitions (P4: 3)
 *   npm run bench -- --runs 3 --only P1,P5
 *   npm run bench -- --profile            # also CPU-profile one run of each P1 contender in n8n
 *
 * Runs under Node 24 type stripping (erasable TypeScript, `.ts` imports).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { ensureN8n, n8nId, repoRoot } from '../test/e2e/lib/n8n-env.ts';
import { startN8n } from '../test/e2e/lib/n8n.ts';
import type { N8nInstance } from '../test/e2e/lib/n8n.ts';
import { SEED } from '../test/simulators/heybox/index.ts';
import { executeWorkflow, nodeTask } from './lib/execute.ts';
import type { ExecuteOutcome } from './lib/execute.ts';
import { measureDependencies, measureRequire, measureTarball } from './lib/package.ts';
import type { PackageResult } from './lib/package.ts';
import { printProfile, summarizeProfile } from './lib/profile.ts';
import type { ProfileSummary } from './lib/profile.ts';
import { rawSendPrivate } from './lib/raw-client.ts';
import { startSims } from './lib/sims.ts';
import { fmt, summarize } from './lib/stats.ts';
import type { Summary } from './lib/stats.ts';
import {
	ITEM_TEXT,
	NODE,
	USER_ID,
	setSettleSeconds,
	heyboxWorkflow,
	httpRequestWorkflow,
	itemsOnlyWorkflow,
	oneBotWorkflow,
} from './lib/workflows.ts';

// ---------------------------------------------------------------------------------------------
// settings

const { values: args } = parseArgs({
	options: {
		runs: { type: 'string', default: '5' },
		'mem-runs': { type: 'string', default: '3' },
		only: { type: 'string', default: 'P1,P2,P3,P4,P5' },
		profile: { type: 'boolean', default: false },
		'no-build': { type: 'boolean', default: false },
		'time-scale': { type: 'string', default: '10' },
		settle: { type: 'string', default: '4' },
		latency: { type: 'string', default: '5' },
		'package-dir': { type: 'string' },
		out: { type: 'string' },
	},
});

const RUNS = Math.max(1, Number(args.runs));
const MEM_RUNS = Math.max(1, Number(args['mem-runs']));
const ONLY = new Set(String(args.only).toUpperCase().split(/[\s,]+/).filter(Boolean));
const P1_ITEMS = 2000;
const P3_ITEMS = 600;
const P3_RATE = 300; // per (simulated) minute, the Heybox limit
const TIME_SCALE = Number(args['time-scale']);
const P4_ITEMS = 10_000;
/** P2, for information: the simulator answers each send after this many ms, like a real implementation would */
const P2_LATENCY_MS = Math.max(0, Number(args.latency));
const ONEBOT_TOKEN = 'bench-onebot-token-7d1e';
const HEYBOX_TOKEN = 'bench-heybox-token-3b9a';

const TARGETS = {
	p1VsHttp: 0.5,
	p1VsRaw: 3,
	p2VsRawSeq: 1.5,
	p3OverFloor: 0.05,
	p5RequireMs: 50,
	p5TarballBytes: 300_000,
	p5Deps: 0,
};

setSettleSeconds(Math.max(0, Number(args.settle)));
/** another build of the package to load into n8n (what-if experiments); default: this repository */
const PACKAGE_DIR = args['package-dir'] ? path.resolve(String(args['package-dir'])) : undefined;

const root = repoRoot();
const log = (msg: string) => process.stderr.write(`[bench] ${msg}\n`);

// ---------------------------------------------------------------------------------------------
// results

interface TimedRun {
	rep: number;
	ms: number;
	items: number;
	simOk: number;
	maxInFlight?: number;
	wallMs?: number;
}

const results: Record<string, any> = {
	date: new Date().toISOString(),
	settings: { settleSeconds: Number(args.settle), packageDir: PACKAGE_DIR ?? null, runs: RUNS, memRuns: MEM_RUNS, only: [...ONLY], p1Items: P1_ITEMS, p3Items: P3_ITEMS, p3Rate: P3_RATE, timeScale: TIME_SCALE, p4Items: P4_ITEMS },
	environment: environment(),
};

function environment() {
	const git = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' });
	const dirty = spawnSync('git', ['status', '--porcelain', '--', 'nodes', 'credentials'], { cwd: root, encoding: 'utf8' });
	return {
		node: process.version,
		n8n: process.env.IMKIT_N8N_VERSION || '2.41.1',
		cpu: os.cpus()[0]?.model,
		cpus: os.cpus().length,
		memGb: Math.round(os.totalmem() / 2 ** 30),
		loadAvgAtStart: os.loadavg().map((x) => Number(x.toFixed(2))),
		commit: git.stdout.trim(),
		nodesOrCredentialsModified: dirty.stdout.trim() !== '',
	};
}

// ---------------------------------------------------------------------------------------------
// helpers

function build() {
	log('building the package (npm run build:only)');
	const r = spawnSync('npm', ['run', 'build:only', '--silent'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
	if (r.status !== 0) throw new Error(`npm run build:only failed (exit ${r.status})`);
}

function ratioSummary(a: number[], b: number[]): Summary {
	return summarize(a.map((x, i) => x / b[i]).filter((x) => Number.isFinite(x)));
}

/** Rotates a list by `n` (the order of the contenders changes from one repetition to the next). */
const rotate = <T>(list: T[], n: number): T[] => list.map((_, i) => list[(i + n) % list.length]);

// ---------------------------------------------------------------------------------------------

async function main() {
	if (!args['no-build']) build();

	let pkg: PackageResult | undefined;
	if (ONLY.has('P5')) {
		log('P5: package');
		pkg = {
			require: measureRequire(root, RUNS, 'cold'),
			requireWarm: measureRequire(root, RUNS, 'warm'),
			tarball: measureTarball(root),
			dependencies: measureDependencies(root),
		};
		results.P5 = pkg;
	}

	const needN8n = ['P1', 'P2', 'P3', 'P4'].some((p) => ONLY.has(p)) || args.profile;
	if (needN8n) await benchInN8n();

	results.environment.loadAvgAtEnd = os.loadavg().map((x) => Number(x.toFixed(2)));
	const verdicts = evaluate();
	results.targets = verdicts;
	const table = renderTable(verdicts);
	results.table = table;
	process.stdout.write(`\n${table}\n`);
	if (results.profiles) {
		for (const [name, p] of Object.entries(results.profiles as Record<string, ProfileSummary>)) {
			process.stdout.write(`\n${printProfile(name, p)}\n`);
		}
	}
	const outFile = args.out ?? path.join(root, 'bench', 'results', `${results.date.slice(0, 10)}.json`);
	fs.mkdirSync(path.dirname(outFile), { recursive: true });
	fs.writeFileSync(outFile, JSON.stringify(results, null, 2) + '\n');
	log(`results written to ${path.relative(process.cwd(), outFile)}`);
}

async function benchInN8n() {
	const install = await ensureN8n();
	log('starting the simulators');
	const sims = await startSims({ onebotToken: ONEBOT_TOKEN, heyboxToken: HEYBOX_TOKEN, heyboxRatePerMinute: P3_RATE, heyboxTimeScale: TIME_SCALE });
	log(`starting n8n ${install.version} with the package installed`);
	let n8n: N8nInstance | undefined;
	try {
		n8n = await startN8n({ packageDir: PACKAGE_DIR });
		log(`n8n ready in ${(n8n.timings.totalMs / 1000).toFixed(1)} s (${n8n.baseUrl})`);
		const oneBotCred = { id: n8nId('bench-onebot'), name: 'OneBot (bench)' };
		const oneBotWsCred = { id: n8nId('bench-onebot-ws'), name: 'OneBot with WebSocket URL (bench)' };
		const headerCred = { id: n8nId('bench-header'), name: 'Header Auth (bench)' };
		const heyboxCred = { id: n8nId('bench-heybox'), name: 'Heybox (bench)' };
		await n8n.importCredentials([
			{ ...oneBotCred, type: 'oneBotApi', data: { baseUrl: sims.onebotUrl, accessToken: ONEBOT_TOKEN, tokenLocation: 'header', implementation: 'napcat' } },
			{
				...oneBotWsCred,
				type: 'oneBotApi',
				data: { baseUrl: sims.onebotUrl, wsUrl: sims.onebotWsUrl, accessToken: ONEBOT_TOKEN, tokenLocation: 'header', implementation: 'napcat' },
			},
			{ ...headerCred, type: 'httpHeaderAuth', data: { name: 'Authorization', value: `Bearer ${ONEBOT_TOKEN}` } },
			{ ...heyboxCred, type: 'heyboxApi', data: { token: HEYBOX_TOKEN, chatVersion: '1.30.0', baseUrl: sims.heyboxUrl, uploadUrl: sims.heyboxUrl } },
		]);
		const defs = {
			oneBotSeq: oneBotWorkflow('P1 OneBot node, sequential', P1_ITEMS, oneBotCred),
			oneBotFixedUser: oneBotWorkflow('P1 OneBot node, sequential, fixed user', P1_ITEMS, oneBotCred, {}, true),
			httpHeader: httpRequestWorkflow('P1 HTTP Request, header', P1_ITEMS, sims.onebotUrl, { kind: 'header', token: ONEBOT_TOKEN }),
			httpCred: httpRequestWorkflow('P1 HTTP Request, Header Auth credential', P1_ITEMS, sims.onebotUrl, { kind: 'credential', cred: headerCred }),
			oneBotC8: oneBotWorkflow('P2 OneBot node, concurrency 8', P1_ITEMS, oneBotCred, { concurrency: 8 }),
			// the same node settings (Connection: Auto) with a credential that also has the WebSocket URL
			oneBotWs: oneBotWorkflow('P1 OneBot node, sequential, credential with WebSocket URL', P1_ITEMS, oneBotWsCred),
			oneBotWsC8: oneBotWorkflow('P2 OneBot node, concurrency 8, credential with WebSocket URL', P1_ITEMS, oneBotWsCred, { concurrency: 8 }),
			heyboxRate: heyboxWorkflow('P3 Heybox rate limited', P3_ITEMS, heyboxCred, SEED.room1, SEED.room1Text, {
				rateLimit: P3_RATE * TIME_SCALE,
				rateLimitPer: 'minute',
			}),
			memItems: itemsOnlyWorkflow('P4 items only', P4_ITEMS),
			memOneBot: oneBotWorkflow('P4 OneBot node', P4_ITEMS, oneBotCred),
			memHttp: httpRequestWorkflow('P4 HTTP Request', P4_ITEMS, sims.onebotUrl, { kind: 'header', token: ONEBOT_TOKEN }),
		};
		const names = Object.keys(defs) as Array<keyof typeof defs>;
		const ids = await n8n.importWorkflows(names.map((k) => defs[k]));
		const wf = Object.fromEntries(names.map((k, i) => [k, ids[i]])) as Record<keyof typeof defs, string>;

		const exec = (workflowId: string, extra: { sampleEveryMs?: number; nodeOptions?: string } = {}) =>
			executeWorkflow({ bin: install.bin, userFolder: n8n!.userFolder, env: n8n!.env, workflowId, ...extra });

		const rawItems = Array.from({ length: P1_ITEMS }, (_, i) => ({ userId: USER_ID, text: ITEM_TEXT + i }));
		const runOneBotLike = async (workflowId: string, rep: number, count: number, latencyMs = 0): Promise<TimedRun> => {
			await sims.reset();
			if (latencyMs) await sims.latency(latencyMs);
			const out = await exec(workflowId);
			const task = nodeTask(out, NODE);
			if (task.error) throw new Error(`run failed: ${task.error.message ?? JSON.stringify(task.error)}`);
			const st = await sims.onebotStats();
			if (task.items !== count || st.ok !== count) {
				throw new Error(`expected ${count} sends, got ${task.items} output items and ${st.ok} accepted requests (${st.total} sent)`);
			}
			return { rep, ms: task.executionTime, items: task.items, simOk: st.ok, maxInFlight: st.maxInFlight, wallMs: out.wallMs };
		};
		const runRaw = async (rep: number, concurrency: number, latencyMs = 0): Promise<TimedRun> => {
			await sims.reset();
			if (latencyMs) await sims.latency(latencyMs);
			const r = await rawSendPrivate({ baseUrl: sims.onebotUrl, token: ONEBOT_TOKEN, items: rawItems, concurrency });
			const st = await sims.onebotStats();
			if (r.ok !== P1_ITEMS || st.ok !== P1_ITEMS) throw new Error(`raw client: ${r.ok} ok, ${r.failed} failed, simulator accepted ${st.ok}`);
			return { rep, ms: r.ms, items: r.ok, simOk: st.ok, maxInFlight: st.maxInFlight };
		};

		// ------------------------------------------------------------------ P1 + P2
		if (ONLY.has('P1') || ONLY.has('P2')) {
			log('warm-up (file caches, simulator JIT): one OneBot node run, one HTTP Request run, one raw loop');
			await runOneBotLike(wf.oneBotSeq, 0, P1_ITEMS);
			await runOneBotLike(wf.httpHeader, 0, P1_ITEMS);
			await runRaw(0, 1);
			const contenders: Array<{ key: string; run: (rep: number) => Promise<TimedRun> }> = [];
			if (ONLY.has('P1')) {
				contenders.push(
					{ key: 'oneBotSequential', run: (rep) => runOneBotLike(wf.oneBotSeq, rep, P1_ITEMS) },
					{ key: 'httpRequest', run: (rep) => runOneBotLike(wf.httpHeader, rep, P1_ITEMS) },
					{ key: 'httpRequestCredential', run: (rep) => runOneBotLike(wf.httpCred, rep, P1_ITEMS) },
					{ key: 'oneBotFixedUser', run: (rep) => runOneBotLike(wf.oneBotFixedUser, rep, P1_ITEMS) },
					{ key: 'oneBotWebSocket', run: (rep) => runOneBotLike(wf.oneBotWs, rep, P1_ITEMS) },
				);
			}
			if (ONLY.has('P2')) {
				contenders.push(
					{ key: 'oneBotConcurrency8', run: (rep) => runOneBotLike(wf.oneBotC8, rep, P1_ITEMS) },
					{ key: 'oneBotWebSocketC8', run: (rep) => runOneBotLike(wf.oneBotWsC8, rep, P1_ITEMS) },
				);
			}
			contenders.push({ key: 'rawSequential', run: (rep) => runRaw(rep, 1) }, { key: 'rawConcurrency8', run: (rep) => runRaw(rep, 8) });
			const runs: Record<string, TimedRun[]> = Object.fromEntries(contenders.map((c) => [c.key, []]));
			for (let rep = 1; rep <= RUNS; rep++) {
				for (const c of rotate(contenders, rep - 1)) {
					const r = await c.run(rep);
					runs[c.key].push(r);
					log(`P1/P2 rep ${rep}/${RUNS} ${c.key.padEnd(22)} ${r.ms.toFixed(0).padStart(6)} ms`);
				}
			}
			const ms = (k: string) => runs[k].map((r) => r.ms);
			const byRep = (k: string) => [...runs[k]].sort((a, b) => a.rep - b.rep).map((r) => r.ms);
			if (ONLY.has('P1')) {
				results.P1 = {
					items: P1_ITEMS,
					runs,
					ms: {
						oneBot: summarize(ms('oneBotSequential')),
						oneBotFixedUser: summarize(ms('oneBotFixedUser')),
						oneBotWebSocket: summarize(ms('oneBotWebSocket')),
						httpRequest: summarize(ms('httpRequest')),
						httpRequestCredential: summarize(ms('httpRequestCredential')),
						raw: summarize(ms('rawSequential')),
					},
					ratio: {
						oneBotVsHttpRequest: summarize(ms('oneBotSequential')).median / summarize(ms('httpRequest')).median,
						oneBotVsRaw: summarize(ms('oneBotSequential')).median / summarize(ms('rawSequential')).median,
						// the same ratios repetition by repetition (the contenders of one repetition ran back to back)
						oneBotVsHttpRequestPerRep: ratioSummary(byRep('oneBotSequential'), byRep('httpRequest')),
						oneBotVsRawPerRep: ratioSummary(byRep('oneBotSequential'), byRep('rawSequential')),
						// Connection = WebSocket (an option of the node, not its default)
						oneBotWsVsHttpRequest: summarize(ms('oneBotWebSocket')).median / summarize(ms('httpRequest')).median,
						oneBotWsVsRaw: summarize(ms('oneBotWebSocket')).median / summarize(ms('rawSequential')).median,
						oneBotWsVsHttpRequestPerRep: ratioSummary(byRep('oneBotWebSocket'), byRep('httpRequest')),
						oneBotWsVsRawPerRep: ratioSummary(byRep('oneBotWebSocket'), byRep('rawSequential')),
					},
				};
			}
			if (ONLY.has('P2')) {
				const thr = (k: string) => summarize(ms(k).map((x) => (P1_ITEMS * 1000) / x));
				results.P2 = {
					items: P1_ITEMS,
					runs: { oneBotConcurrency8: runs.oneBotConcurrency8, oneBotWebSocketC8: runs.oneBotWebSocketC8, rawSequential: runs.rawSequential, rawConcurrency8: runs.rawConcurrency8 },
					ms: {
						oneBotConcurrency8: summarize(ms('oneBotConcurrency8')),
						oneBotWebSocketC8: summarize(ms('oneBotWebSocketC8')),
						rawSequential: summarize(ms('rawSequential')),
						rawConcurrency8: summarize(ms('rawConcurrency8')),
					},
					throughputPerSecond: {
						oneBotConcurrency8: thr('oneBotConcurrency8'),
						oneBotWebSocketC8: thr('oneBotWebSocketC8'),
						rawSequential: thr('rawSequential'),
						rawConcurrency8: thr('rawConcurrency8'),
					},
					ratio: {
						oneBotC8VsRawSequential: summarize(ms('rawSequential')).median / summarize(ms('oneBotConcurrency8')).median,
						oneBotC8VsRawSequentialPerRep: ratioSummary(byRep('rawSequential'), byRep('oneBotConcurrency8')),
						oneBotWsC8VsRawSequential: summarize(ms('rawSequential')).median / summarize(ms('oneBotWebSocketC8')).median,
						oneBotWsC8VsRawSequentialPerRep: ratioSummary(byRep('rawSequential'), byRep('oneBotWebSocketC8')),
					},
				};
				if (P2_LATENCY_MS > 0) {
					// the same comparison when the server takes a few ms per send, as a real OneBot implementation does
					log(`P2 with ${P2_LATENCY_MS} ms simulated latency per send (for information)`);
					const lat: Record<string, TimedRun[]> = { oneBotConcurrency8: [], rawSequential: [] };
					for (let rep = 1; rep <= RUNS; rep++) {
						for (const key of rotate(['oneBotConcurrency8', 'rawSequential'], rep - 1)) {
							const r = key === 'rawSequential' ? await runRaw(rep, 1, P2_LATENCY_MS) : await runOneBotLike(wf.oneBotC8, rep, P1_ITEMS, P2_LATENCY_MS);
							lat[key].push(r);
							log(`P2 latency rep ${rep}/${RUNS} ${key.padEnd(20)} ${r.ms.toFixed(0).padStart(6)} ms`);
						}
					}
					const latMs = (k: string) => lat[k].map((r) => r.ms);
					const latByRep = (k: string) => [...lat[k]].sort((a, b) => a.rep - b.rep).map((r) => r.ms);
					results.P2.withLatency = {
						latencyMs: P2_LATENCY_MS,
						runs: lat,
						ms: { oneBotConcurrency8: summarize(latMs('oneBotConcurrency8')), rawSequential: summarize(latMs('rawSequential')) },
						ratio: {
							oneBotC8VsRawSequential: summarize(latMs('rawSequential')).median / summarize(latMs('oneBotConcurrency8')).median,
							oneBotC8VsRawSequentialPerRep: ratioSummary(latByRep('rawSequential'), latByRep('oneBotConcurrency8')),
						},
					};
				}
			}
		}

		// ------------------------------------------------------------------ P3
		if (ONLY.has('P3')) {
			const intervalMs = 60_000 / (P3_RATE * TIME_SCALE);
			const floorMs = (P3_ITEMS - 1) * intervalMs;
			log(`P3: ${P3_ITEMS} Heybox sends, simulator ${P3_RATE}/min at time scale ${TIME_SCALE}: floor ${floorMs.toFixed(0)} ms real`);
			const runs: Array<TimedRun & { rateLimited: number; duplicateAcks: number; spanMs: number; minGapMs: number | null; requests: number }> = [];
			for (let rep = 1; rep <= RUNS; rep++) {
				await sims.reset();
				const out = await exec(wf.heyboxRate);
				const task = nodeTask(out, NODE);
				const st = await sims.heyboxStats();
				if (task.error) throw new Error(`P3 run failed: ${task.error.message ?? JSON.stringify(task.error)}`);
				if (task.items !== P3_ITEMS || st.ok !== P3_ITEMS) throw new Error(`P3: ${task.items} output items, ${st.ok} accepted sends of ${P3_ITEMS}`);
				runs.push({ rep, ms: task.executionTime, items: task.items, simOk: st.ok, rateLimited: st.rateLimited, duplicateAcks: st.duplicateAcks, spanMs: st.spanMs, minGapMs: st.minGapMs, requests: st.requests, wallMs: out.wallMs });
				log(`P3 rep ${rep}/${RUNS}: node ${task.executionTime} ms, arrivals span ${st.spanMs.toFixed(0)} ms, rejections ${st.rateLimited}, min gap ${st.minGapMs?.toFixed(1)} ms`);
			}
			const time = summarize(runs.map((r) => r.ms));
			results.P3 = {
				items: P3_ITEMS,
				ratePerMinute: P3_RATE,
				timeScale: TIME_SCALE,
				nodeRateOption: { rateLimit: P3_RATE * TIME_SCALE, rateLimitPer: 'minute' },
				intervalMs,
				floorMs,
				floorSimulatedSeconds: (floorMs * TIME_SCALE) / 1000,
				runs,
				ms: time,
				spanMs: summarize(runs.map((r) => r.spanMs)),
				overFloor: summarize(runs.map((r) => r.ms / floorMs - 1)),
				spanOverFloor: summarize(runs.map((r) => r.spanMs / floorMs - 1)),
				rejections: { total: runs.reduce((a, r) => a + r.rateLimited, 0), max: Math.max(...runs.map((r) => r.rateLimited)) },
			};
		}

		// ------------------------------------------------------------------ P4
		if (ONLY.has('P4')) {
			log(`P4: ${P4_ITEMS} items, peak RSS of the n8n process (${MEM_RUNS} runs each)`);
			const contenders = [
				{ key: 'itemsOnly', id: wf.memItems, sends: false },
				{ key: 'oneBot', id: wf.memOneBot, sends: true },
				{ key: 'httpRequest', id: wf.memHttp, sends: true },
			];
			const runs: Record<string, Array<{ rep: number; maxRssMb?: number; sampledHwmMb?: number; sampledRssMb?: number; ms?: number; samples: number }>> = {
				itemsOnly: [],
				oneBot: [],
				httpRequest: [],
			};
			for (let rep = 1; rep <= MEM_RUNS; rep++) {
				for (const c of rotate(contenders, rep - 1)) {
					await sims.reset();
					const out: ExecuteOutcome = await exec(c.id, { sampleEveryMs: 20 });
					let ms: number | undefined;
					if (c.sends) {
						const task = nodeTask(out, NODE);
						const st = await sims.onebotStats();
						if (task.error || task.items !== P4_ITEMS || st.ok !== P4_ITEMS) {
							throw new Error(`P4 ${c.key}: ${task.items} items, ${st.ok} accepted, error ${task.error?.message ?? 'none'}`);
						}
						ms = task.executionTime;
					} else if (out.error) throw new Error(`P4 items only failed: ${out.error.message}`);
					runs[c.key].push({ rep, maxRssMb: out.maxRssMb, sampledHwmMb: out.sampledHwmMb, sampledRssMb: out.sampledRssMb, ms, samples: out.samples });
					log(`P4 rep ${rep}/${MEM_RUNS} ${c.key.padEnd(12)} peak RSS ${out.maxRssMb?.toFixed(0)} MB (sampled VmHWM ${out.sampledHwmMb?.toFixed(0)} MB)${ms !== undefined ? `, node ${ms} ms` : ''}`);
				}
			}
			const peak = (k: string) => summarize(runs[k].map((r) => r.maxRssMb ?? r.sampledHwmMb ?? NaN));
			const base = peak('itemsOnly').median;
			results.P4 = {
				items: P4_ITEMS,
				runs,
				peakRssMb: { itemsOnly: peak('itemsOnly'), oneBot: peak('oneBot'), httpRequest: peak('httpRequest') },
				overItemsOnlyMb: { oneBot: peak('oneBot').median - base, httpRequest: peak('httpRequest').median - base },
				nodeMs: {
					oneBot: summarize(runs.oneBot.map((r) => r.ms ?? NaN)),
					httpRequest: summarize(runs.httpRequest.map((r) => r.ms ?? NaN)),
				},
			};
		}

		// ------------------------------------------------------------------ profiles
		if (args.profile) {
			const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'imkit-bench-prof-'));
			results.profiles = {};
			for (const [key, id, marker] of [
				['OneBot node, sequential', wf.oneBotSeq, { url: '/n8n-nodes-imkit/dist/nodes/OneBot/OneBot.node.js', functionName: 'worker' }],
				['OneBot node, sequential, user ID typed in', wf.oneBotFixedUser, { url: '/n8n-nodes-imkit/dist/nodes/OneBot/OneBot.node.js', functionName: 'worker' }],
				['OneBot node, concurrency 8', wf.oneBotC8, { url: '/n8n-nodes-imkit/dist/nodes/OneBot/OneBot.node.js', functionName: 'worker' }],
				['OneBot node, sequential, credential with WebSocket URL', wf.oneBotWs, { url: '/n8n-nodes-imkit/dist/nodes/OneBot/OneBot.node.js', functionName: 'worker' }],
				['OneBot node, concurrency 8, credential with WebSocket URL', wf.oneBotWsC8, { url: '/n8n-nodes-imkit/dist/nodes/OneBot/OneBot.node.js', functionName: 'worker' }],
				['HTTP Request v4.2', wf.httpHeader, { url: 'HttpRequest/V3/HttpRequestV3.node.js', functionName: 'execute' }],
			] as const) {
				const sub = fs.mkdtempSync(path.join(dir, 'run-'));
				await sims.reset();
				const out = await exec(id, { nodeOptions: `--cpu-prof --cpu-prof-dir=${sub} --cpu-prof-interval=200` });
				const task = nodeTask(out, NODE);
				const file = fs.readdirSync(sub).find((f) => f.includes(`.${out.pid}.`));
				if (!file) {
					log(`profile of ${key}: no .cpuprofile written by pid ${out.pid} (files: ${fs.readdirSync(sub).join(', ')})`);
					continue;
				}
				const summary = summarizeProfile(path.join(sub, file), marker, task.items);
				(summary as any).nodeExecutionTimeMs = task.executionTime;
				results.profiles[key] = summary;
				log(`profile of ${key}: ${path.join(sub, file)} (node ${task.executionTime} ms under the profiler)`);
			}
		}
	} finally {
		await n8n?.stop().catch(() => undefined);
		await sims.close();
	}
}

// ---------------------------------------------------------------------------------------------
// verdicts and the table

interface Verdict {
	id: string;
	what: string;
	value: string;
	target: string;
	met: boolean;
}

function evaluate(): Verdict[] {
	const v: Verdict[] = [];
	const { P1, P2, P3, P4, P5 } = results;
	/** A ratio target: the median ratio, its per-repetition spread, met when at most (≤) or at least (≥) the goal. */
	const ratio = (id: string, what: string, value: number, perRep: Summary, goal: number, at: '≤' | '≥'): Verdict => ({
		id,
		what,
		value: `${value.toFixed(2)}× (per repetition ${fmt(perRep, 2)})`,
		target: `${at} ${goal}×`,
		met: at === '≤' ? value <= goal : value >= goal,
	});
	if (P1) {
		const r = P1.ratio;
		v.push(
			ratio('P1', 'OneBot node ÷ HTTP Request node (2000 sends, sequential defaults, credential with the HTTP URL only)', r.oneBotVsHttpRequest, r.oneBotVsHttpRequestPerRep, TARGETS.p1VsHttp, '≤'),
			ratio('P1', 'OneBot node ÷ raw keep-alive loop (sequential, HTTP URL only)', r.oneBotVsRaw, r.oneBotVsRawPerRep, TARGETS.p1VsRaw, '≤'),
			ratio('P1', 'the same defaults, credential with a WebSocket URL: ÷ HTTP Request node', r.oneBotWsVsHttpRequest, r.oneBotWsVsHttpRequestPerRep, TARGETS.p1VsHttp, '≤'),
			ratio('P1', 'the same defaults, credential with a WebSocket URL: ÷ raw keep-alive loop', r.oneBotWsVsRaw, r.oneBotWsVsRawPerRep, TARGETS.p1VsRaw, '≤'),
		);
	}
	if (P2) {
		const r = P2.ratio;
		v.push(
			ratio('P2', 'OneBot node at concurrency 8, HTTP URL only: throughput ÷ raw sequential throughput', r.oneBotC8VsRawSequential, r.oneBotC8VsRawSequentialPerRep, TARGETS.p2VsRawSeq, '≥'),
			ratio('P2', 'the same, credential with a WebSocket URL', r.oneBotWsC8VsRawSequential, r.oneBotWsC8VsRawSequentialPerRep, TARGETS.p2VsRawSeq, '≥'),
		);
	}
	if (P3) {
		const over = P3.overFloor.median;
		v.push({
			id: 'P3',
			what: `Heybox ${P3.items} sends at ${P3.ratePerMinute}/min: rejections, time over the floor`,
			value: `${P3.rejections.total} rejections; +${(over * 100).toFixed(1)} % (${fmt(summarize(P3.overFloor.values.map((x: number) => x * 100)), 1, ' %')})`,
			target: `0, ≤ +${TARGETS.p3OverFloor * 100} %`,
			met: P3.rejections.total === 0 && over <= TARGETS.p3OverFloor,
		});
	}
	if (P4) {
		v.push({
			id: 'P4',
			what: `peak RSS, ${P4.items} items: OneBot node vs HTTP Request node`,
			value: `${P4.peakRssMb.oneBot.median.toFixed(0)} MB vs ${P4.peakRssMb.httpRequest.median.toFixed(0)} MB`,
			target: '≤ HTTP Request',
			met: P4.peakRssMb.oneBot.median <= P4.peakRssMb.httpRequest.median,
		});
	}
	if (P5) {
		v.push({
			id: 'P5',
			what: 'cold require of all nodes and credentials (fresh process, n8n-workflow already loaded)',
			value: `${fmt(P5.require.packageMs, 1, ' ms')}`,
			target: `< ${TARGETS.p5RequireMs} ms`,
			met: P5.require.packageMs.median < TARGETS.p5RequireMs,
		});
		v.push({
			id: 'P5',
			what: 'npm tarball',
			value: `${(P5.tarball.bytes / 1000).toFixed(1)} kB (${P5.tarball.files} files, ${(P5.tarball.unpackedBytes / 1000).toFixed(0)} kB unpacked)`,
			target: `< ${TARGETS.p5TarballBytes / 1000} kB`,
			met: P5.tarball.bytes < TARGETS.p5TarballBytes,
		});
		v.push({
			id: 'P5',
			what: 'runtime dependencies',
			value: String(P5.dependencies.count),
			target: String(TARGETS.p5Deps),
			met: P5.dependencies.count === TARGETS.p5Deps,
		});
	}
	return v;
}

function renderTable(verdicts: Verdict[]): string {
	const { P1, P2, P3, P4, P5 } = results;
	const L: string[] = [];
	const perItem = (s: Summary, n: number) => `${((s.median * 1000) / n).toFixed(0)} µs`;
	L.push(`Benchmarks, ${results.date.slice(0, 10)}: median (min–max) of ${RUNS} runs (P4: ${MEM_RUNS}); n8n ${results.environment.n8n}, Node ${results.environment.node}, ${results.environment.cpus} CPUs, load ${results.environment.loadAvgAtStart[0]}`);
	L.push('');
	if (P1 || P2 || P3) {
		L.push('| | Contender | Time (ms) | Per item | Note |');
		L.push('|---|---|---|---|---|');
	}
	if (P1) {
		L.push(`| P1 | OneBot node, sequential (defaults), credential with the HTTP URL only | ${fmt(P1.ms.oneBot)} | ${perItem(P1.ms.oneBot, P1.items)} | ${P1.items} private messages, user and text by expression |`);
		L.push(`| P1 | OneBot node, sequential, user ID typed in (1 expression/item) | ${fmt(P1.ms.oneBotFixedUser)} | ${perItem(P1.ms.oneBotFixedUser, P1.items)} | for information |`);
		L.push(`| P1 | OneBot node, sequential (defaults), credential with a WebSocket URL | ${fmt(P1.ms.oneBotWebSocket)} | ${perItem(P1.ms.oneBotWebSocket, P1.items)} | Connection: Auto → one WebSocket per run |`);
		L.push(`| P1 | HTTP Request v4.2, Authorization header | ${fmt(P1.ms.httpRequest)} | ${perItem(P1.ms.httpRequest, P1.items)} | sends all items at once |`);
		L.push(`| P1 | HTTP Request v4.2, Header Auth credential | ${fmt(P1.ms.httpRequestCredential)} | ${perItem(P1.ms.httpRequestCredential, P1.items)} | for information |`);
		L.push(`| P1 | raw keep-alive loop (node:http) | ${fmt(P1.ms.raw, 1)} | ${perItem(P1.ms.raw, P1.items)} | sequential |`);
	}
	if (P2) {
		L.push(`| P2 | OneBot node, Concurrency 8 | ${fmt(P2.ms.oneBotConcurrency8)} | ${perItem(P2.ms.oneBotConcurrency8, P2.items)} | ${fmt(P2.throughputPerSecond.oneBotConcurrency8)} msg/s |`);
		L.push(`| P2 | OneBot node, Concurrency 8, credential with a WebSocket URL | ${fmt(P2.ms.oneBotWebSocketC8)} | ${perItem(P2.ms.oneBotWebSocketC8, P2.items)} | ${fmt(P2.throughputPerSecond.oneBotWebSocketC8)} msg/s |`);
		L.push(`| P2 | raw keep-alive loop, sequential | ${fmt(P2.ms.rawSequential, 1)} | ${perItem(P2.ms.rawSequential, P2.items)} | ${fmt(P2.throughputPerSecond.rawSequential)} msg/s |`);
		if (P2.withLatency) {
			const W = P2.withLatency;
			L.push(`| P2 | OneBot node, Concurrency 8, server latency ${W.latencyMs} ms | ${fmt(W.ms.oneBotConcurrency8)} | ${perItem(W.ms.oneBotConcurrency8, P2.items)} | for information: ${W.ratio.oneBotC8VsRawSequential.toFixed(2)}× the raw loop's throughput |`);
			L.push(`| P2 | raw keep-alive loop, sequential, server latency ${W.latencyMs} ms | ${fmt(W.ms.rawSequential)} | ${perItem(W.ms.rawSequential, P2.items)} | for information |`);
		}
		L.push(`| P2 | raw keep-alive, 8 in flight | ${fmt(P2.ms.rawConcurrency8, 1)} | ${perItem(P2.ms.rawConcurrency8, P2.items)} | ${fmt(P2.throughputPerSecond.rawConcurrency8)} msg/s, for information |`);
	}
	if (P3) {
		L.push(`| P3 | Heybox node, Rate Limit ${P3.nodeRateOption.rateLimit}/min (= ${P3.ratePerMinute}/min × ${P3.timeScale}) | ${fmt(P3.ms)} | ${perItem(P3.ms, P3.items)} | floor ${P3.floorMs.toFixed(0)} ms; arrivals span ${fmt(P3.spanMs)} ms; ${P3.rejections.total} rejections |`);
	}
	if (P4) {
		L.push('');
		L.push('| | Contender | Peak RSS (MB) | Over items-only (MB) | Node time (ms) |');
		L.push('|---|---|---|---|---|');
		L.push(`| P4 | Code node only (${P4.items} items, baseline) | ${fmt(P4.peakRssMb.itemsOnly)} | 0 | |`);
		L.push(`| P4 | OneBot node | ${fmt(P4.peakRssMb.oneBot)} | ${P4.overItemsOnlyMb.oneBot.toFixed(0)} | ${fmt(P4.nodeMs.oneBot)} |`);
		L.push(`| P4 | HTTP Request v4.2 | ${fmt(P4.peakRssMb.httpRequest)} | ${P4.overItemsOnlyMb.httpRequest.toFixed(0)} | ${fmt(P4.nodeMs.httpRequest)} |`);
	}
	if (P5) {
		L.push('');
		L.push('| | Package | Value |');
		L.push('|---|---|---|');
		L.push(`| P5 | cold require, ${Object.keys(P5.require.perFileMedianMs).length} nodes + credentials (n8n-workflow loaded) | ${fmt(P5.require.packageMs, 1, ' ms')} |`);
		L.push(`| P5 | the same in CPU time (user + system) | ${fmt(P5.require.packageCpuMs, 1, ' ms')} |`);
		L.push(`| P5 | the same, ICU collator and updateDisplayOptions already used once (as in a running n8n) | ${fmt(P5.requireWarm.packageMs, 1, ' ms')} wall, ${fmt(P5.requireWarm.packageCpuMs, 1, ' ms')} CPU |`);
		L.push(`| P5 | modules loaded by the package | ${P5.require.modules} |`);
		L.push(`| P5 | require('n8n-workflow') itself (not counted; n8n has it loaded) | ${fmt(P5.require.n8nWorkflowMs, 1, ' ms')} |`);
		L.push(`| P5 | tarball (npm pack) | ${(P5.tarball.bytes / 1000).toFixed(1)} kB packed, ${(P5.tarball.unpackedBytes / 1000).toFixed(0)} kB unpacked, ${P5.tarball.files} files |`);
		L.push(`| P5 | runtime dependencies | ${P5.dependencies.count}${P5.dependencies.bareRequiresInDist.length ? ` (dist requires ${P5.dependencies.bareRequiresInDist.join(', ')})` : ''} |`);
	}
	if (verdicts.length) {
		L.push('');
		L.push('| | Target | Measured | Goal | Met |');
		L.push('|---|---|---|---|---|');
		for (const v of verdicts) L.push(`| ${v.id} | ${v.what} | ${v.value} | ${v.target} | ${v.met ? 'yes' : '**no**'} |`);
	}
	return L.join('\n');
}

main().catch((e: unknown) => {
	process.stderr.write(`[bench] failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
	process.exit(1);
});
