/**
 * Child process hosting the simulators for the benchmarks (started by bench/lib/sims.ts with
 * `fork`). They run in their own process so that neither n8n nor the raw client loop shares an
 * event loop with the server it talks to: every contender pays the same network round trip.
 *
 * IPC protocol: the parent sends `{ id, cmd, args }`, we answer `{ id, ok, result | error }`.
 * On start we send `{ ready: { onebotUrl, heyboxUrl } }`.
 *
 * Node 24 type stripping: erasable TypeScript only, `.ts` import extensions.
 */
import { OneBotSimulator } from '../../test/simulators/onebot/index.ts';
import { HeyboxSimulator } from '../../test/simulators/heybox/index.ts';

interface Options {
	onebotToken: string;
	heyboxToken: string;
	heyboxRatePerMinute: number;
	heyboxTimeScale: number;
}

const opts = JSON.parse(process.env.BENCH_SIM_OPTIONS ?? '{}') as Options;

async function main() {
	const onebot = await OneBotSimulator.start({ dialect: 'napcat', token: opts.onebotToken });
	const heybox = await HeyboxSimulator.start({
		token: opts.heyboxToken,
		rateLimitPerMinute: opts.heyboxRatePerMinute,
		timeScale: opts.heyboxTimeScale,
	});
	serve(onebot, heybox);
}

function serve(onebot: OneBotSimulator, heybox: HeyboxSimulator): void {
	/** What a run left in the simulators: request counts by action/path and status, concurrency seen. */
	function onebotStats(action: string) {
		let total = 0;
		let ok = 0;
		for (const r of onebot.requests) {
			if (r.action !== action) continue;
			total++;
			if (r.response.status === 200 && /"retcode":0\b/.test(r.response.body)) ok++;
		}
		return { requests: onebot.requests.length, total, ok, maxInFlight: onebot.load.maxInFlight };
	}

	function heyboxStats(path: string) {
		let total = 0;
		let ok = 0;
		let first = Infinity;
		let last = -Infinity;
		for (const r of heybox.requests) {
			if (!r.path.endsWith(path)) continue;
			total++;
			if (r.response.status === 200 && /"status":"ok"/.test(r.response.body)) ok++;
		}
		for (const stamp of heyboxArrivals) {
			first = Math.min(first, stamp);
			last = Math.max(last, stamp);
		}
		return {
			requests: heybox.requests.length,
			total,
			ok,
			rateLimited: heybox.stats.rateLimited,
			duplicateAcks: heybox.stats.duplicateAcks,
			/** real ms between the first and the last request that reached the simulator */
			spanMs: heyboxArrivals.length > 1 ? last - first : 0,
			/** smallest real gap between two consecutive arrivals (ms) */
			minGapMs: minGap(heyboxArrivals),
		};
	}

	function minGap(stamps: number[]): number | null {
		let min: number | null = null;
		for (let i = 1; i < stamps.length; i++) {
			const gap = stamps[i] - stamps[i - 1];
			if (min === null || gap < min) min = gap;
		}
		return min;
	}

	/** real arrival time (performance.now(), ms) of every Heybox request */
	const heyboxArrivals: number[] = [];
	// the simulator's own server: count arrivals as they come, before it answers
	(heybox as unknown as { server: { prependListener(e: string, f: () => void): void } }).server.prependListener('request', () => {
		heyboxArrivals.push(performance.now());
	});

	process.on('message', (raw: unknown) => {
		const msg = raw as { id: number; cmd: string; args?: Record<string, unknown> };
		try {
			let result: unknown;
			switch (msg.cmd) {
				case 'reset':
					onebot.reset();
					heybox.reset();
					heyboxArrivals.length = 0;
					result = true;
					break;
				case 'latency':
					// every send_private_msg answered after this delay (until the next reset)
					if (Number(msg.args?.ms) > 0) onebot.fault({ action: 'send_private_msg', delayMs: Number(msg.args?.ms), times: Infinity });
					result = true;
					break;
				case 'onebotStats':
					result = onebotStats(String(msg.args?.action ?? 'send_private_msg'));
					break;
				case 'heyboxStats':
					result = heyboxStats(String(msg.args?.path ?? 'channel_msg/send'));
					break;
				case 'close':
					Promise.all([onebot.close(), heybox.close()]).then(
						() => {
							process.send?.({ id: msg.id, ok: true, result: true });
							process.disconnect?.();
						},
						(e: unknown) => process.send?.({ id: msg.id, ok: false, error: String(e) }),
					);
					return;
				default:
					throw new Error(`unknown command ${msg.cmd}`);
			}
			process.send?.({ id: msg.id, ok: true, result });
		} catch (e) {
			process.send?.({ id: msg.id, ok: false, error: e instanceof Error ? e.message : String(e) });
		}
	});
	process.on('disconnect', () => {
		void Promise.all([onebot.close(), heybox.close()]).finally(() => process.exit(0));
	});

	process.send?.({ ready: { onebotUrl: onebot.url, onebotWsUrl: onebot.wsUrl, heyboxUrl: heybox.url } });
}

main().catch((e: unknown) => {
	process.stderr.write(`[bench] simulators failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
	process.exit(1);
});
