/** Parent side of bench/lib/sim-host.ts: starts the simulator process and talks to it over IPC. */
import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { repoRoot } from '../../test/e2e/lib/n8n-env.ts';

export interface SimOptions {
	onebotToken: string;
	heyboxToken: string;
	heyboxRatePerMinute: number;
	heyboxTimeScale: number;
}

export interface OneBotRunStats {
	requests: number;
	total: number;
	ok: number;
	maxInFlight: number;
}

export interface HeyboxRunStats {
	requests: number;
	total: number;
	ok: number;
	rateLimited: number;
	duplicateAcks: number;
	spanMs: number;
	minGapMs: number | null;
}

export interface Sims {
	onebotUrl: string;
	/** the same OneBot simulator's forward WebSocket (API frames on /) */
	onebotWsUrl: string;
	heyboxUrl: string;
	pid: number;
	reset(): Promise<void>;
	/** delay every OneBot send_private_msg answer by `ms` until the next reset */
	latency(ms: number): Promise<void>;
	onebotStats(action?: string): Promise<OneBotRunStats>;
	heyboxStats(path?: string): Promise<HeyboxRunStats>;
	close(): Promise<void>;
}

export async function startSims(options: SimOptions): Promise<Sims> {
	const child: ChildProcess = fork(path.join(repoRoot(), 'bench', 'lib', 'sim-host.ts'), [], {
		env: { ...process.env, BENCH_SIM_OPTIONS: JSON.stringify(options) },
		stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
	});
	const pending = new Map<number, { resolve: (v: any) => void; reject: (e: Error) => void }>();
	let seq = 0;
	const ready = new Promise<{ onebotUrl: string; onebotWsUrl: string; heyboxUrl: string }>((resolve, reject) => {
		child.once('exit', (code) => reject(new Error(`simulator process exited (code ${code}) before it was ready`)));
		child.on('message', (raw: any) => {
			if (raw?.ready) {
				resolve(raw.ready);
				return;
			}
			const p = pending.get(raw?.id);
			if (!p) return;
			pending.delete(raw.id);
			if (raw.ok) p.resolve(raw.result);
			else p.reject(new Error(raw.error));
		});
	});
	const urls = await ready;
	const call = <T>(cmd: string, args?: Record<string, unknown>): Promise<T> =>
		new Promise<T>((resolve, reject) => {
			const id = ++seq;
			pending.set(id, { resolve, reject });
			child.send({ id, cmd, args });
		});
	return {
		...urls,
		pid: child.pid ?? 0,
		reset: () => call<void>('reset'),
		latency: (ms) => call<void>('latency', { ms }),
		onebotStats: (action = 'send_private_msg') => call<OneBotRunStats>('onebotStats', { action }),
		heyboxStats: (p = 'channel_msg/send') => call<HeyboxRunStats>('heyboxStats', { path: p }),
		async close() {
			if (child.exitCode !== null) return;
			const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
			await call('close').catch(() => undefined);
			const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
			await exited;
			clearTimeout(timer);
		},
	};
}
