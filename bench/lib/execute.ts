/**
 * `n8n execute --id <wf> --rawOutput` against the benchmark's n8n user folder, like
 * test/e2e/lib/n8n.ts's cli() but with what the benchmarks need on top:
 *
 * - the pid of the n8n process that runs the workflow, whose memory is sampled from
 *   /proc/<pid>/status (VmRSS, VmHWM) every few ms while it runs, and whose peak RSS is also
 *   written by a `--require` hook at exit (process.resourceUsage().maxRSS, i.e. getrusage: the
 *   kernel's own high-water mark over the whole life of the process; the most reliable figure);
 * - optional extra NODE_OPTIONS (e.g. --cpu-prof) for that process.
 *
 * The node's own time comes from the run data (runData[node][0].executionTime), not from the
 * CLI's wall time (which includes n8n's ≈ 2–5 s start-up).
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { freePort, node24, repoRoot } from '../../test/e2e/lib/n8n-env.ts';
import { parseRunJson } from '../../test/e2e/lib/n8n.ts';

const MAXRSS_HOOK = path.join(repoRoot(), 'bench', 'lib', 'maxrss.cjs');

export interface ExecuteOptions {
	bin: string;
	userFolder: string;
	env: Record<string, string>;
	workflowId: string;
	timeoutMs?: number;
	/** sample /proc/<pid>/status every this many ms (0 = off) */
	sampleEveryMs?: number;
	/** appended to NODE_OPTIONS of the n8n process (and inherited by its task runner) */
	nodeOptions?: string;
}

export interface ExecuteOutcome {
	pid: number;
	code: number | null;
	signal: NodeJS.Signals | null;
	wallMs: number;
	run: any;
	runData: Record<string, any[]>;
	error?: any;
	/** peak RSS of the n8n process over its whole life, from getrusage at exit (MB) */
	maxRssMb?: number;
	/** the highest VmHWM seen while sampling (MB) */
	sampledHwmMb?: number;
	/** the highest VmRSS seen while sampling (MB) */
	sampledRssMb?: number;
	samples: number;
	stdoutTail: string;
}

function readStatus(pid: number): { rssKb: number; hwmKb: number } | undefined {
	try {
		const text = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
		const rss = /VmRSS:\s+(\d+)/.exec(text);
		const hwm = /VmHWM:\s+(\d+)/.exec(text);
		if (!rss || !hwm) return undefined;
		return { rssKb: Number(rss[1]), hwmKb: Number(hwm[1]) };
	} catch {
		return undefined;
	}
}

export async function executeWorkflow(o: ExecuteOptions): Promise<ExecuteOutcome> {
	const rssFile = path.join(os.tmpdir(), `imkit-bench-maxrss-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}.jsonl`);
	const nodeOptions = [`--require=${MAXRSS_HOOK}`, o.nodeOptions ?? ''].filter(Boolean).join(' ');
	const env: Record<string, string> = {
		...o.env,
		N8N_RUNNERS_BROKER_PORT: String(await freePort()),
		NODE_OPTIONS: nodeOptions,
		BENCH_MAXRSS_FILE: rssFile,
	};
	const t0 = performance.now();
	const child = spawn(node24(), [o.bin, 'execute', `--id=${o.workflowId}`, '--rawOutput'], {
		cwd: o.userFolder,
		env,
		detached: true,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	const pid = child.pid ?? 0;
	const killGroup = (signal: NodeJS.Signals) => {
		try {
			process.kill(-pid, signal);
		} catch {
			/* gone */
		}
	};
	let stdout = '';
	let stderr = '';
	child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
	child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
	let sampledHwmKb = 0;
	let sampledRssKb = 0;
	let samples = 0;
	const sample = () => {
		const s = readStatus(pid);
		if (!s) return;
		samples++;
		sampledHwmKb = Math.max(sampledHwmKb, s.hwmKb);
		sampledRssKb = Math.max(sampledRssKb, s.rssKb);
	};
	const sampler = o.sampleEveryMs ? setInterval(sample, o.sampleEveryMs) : undefined;
	const timer = setTimeout(() => killGroup('SIGKILL'), o.timeoutMs ?? 300_000);
	const { code, signal } = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
		child.on('error', reject);
		child.on('exit', () => {
			// a task runner that outlives the CLI would keep the pipes open
			setTimeout(() => killGroup('SIGKILL'), 2000).unref();
		});
		child.on('close', (c, s) => resolve({ code: c, signal: s }));
	});
	clearTimeout(timer);
	if (sampler) clearInterval(sampler);
	killGroup('SIGKILL');
	const wallMs = performance.now() - t0;

	let maxRssMb: number | undefined;
	try {
		for (const line of fs.readFileSync(rssFile, 'utf8').split('\n')) {
			if (!line.trim()) continue;
			const rec = JSON.parse(line) as { pid: number; maxRssKb: number };
			if (rec.pid === pid) maxRssMb = rec.maxRssKb / 1024;
		}
	} catch {
		/* hook did not run (crash at exit) */
	}
	fs.rmSync(rssFile, { force: true });

	const run = parseRunJson(stdout);
	if (!run) {
		throw new Error(
			`n8n execute --id=${o.workflowId} printed no run JSON (exit ${code}, signal ${signal}):\n${(stdout + stderr).slice(-3000)}`,
		);
	}
	const resultData = run?.data?.resultData ?? {};
	return {
		pid,
		code,
		signal,
		wallMs,
		run,
		runData: resultData.runData ?? {},
		error: resultData.error,
		maxRssMb,
		sampledHwmMb: samples ? sampledHwmKb / 1024 : undefined,
		sampledRssMb: samples ? sampledRssKb / 1024 : undefined,
		samples,
		stdoutTail: stdout.slice(-500),
	};
}

/** The node's task (run 0) in the run data, or a clear error. */
export function nodeTask(outcome: ExecuteOutcome, nodeName: string): { executionTime: number; startTime: number; items: number; error?: any } {
	const task = outcome.runData[nodeName]?.[0];
	if (!task) {
		const why = outcome.error?.message ?? `ran: ${Object.keys(outcome.runData).join(', ') || 'none'}`;
		throw new Error(`node "${nodeName}" did not run (${why})`);
	}
	const items = (task.data?.main?.[0] ?? []).length as number;
	return { executionTime: Number(task.executionTime), startTime: Number(task.startTime), items, error: task.error };
}
