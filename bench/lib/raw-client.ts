/**
 * The "close to the wire" reference: a plain node:http keep-alive client that sends the same
 * OneBot send_private_msg requests as the n8n workflows (same URL, same Authorization header, same
 * JSON body: a one-segment text message, as the OneBot node sends it) and parses every answer. No n8n, no retries, no validation beyond retcode 0.
 */
import * as http from 'node:http';

export interface RawRunResult {
	ms: number;
	ok: number;
	failed: number;
}

export async function rawSendPrivate(opts: {
	baseUrl: string;
	token: string;
	items: Array<{ userId: number; text: string }>;
	/** requests in flight at once (1 = a sequential loop) */
	concurrency?: number;
}): Promise<RawRunResult> {
	const concurrency = Math.max(1, opts.concurrency ?? 1);
	const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
	const url = new URL(`${opts.baseUrl.replace(/\/+$/, '')}/send_private_msg`);
	const post = (payload: string) =>
		new Promise<{ status: number; body: string }>((resolve, reject) => {
			const req = http.request(
				{
					agent,
					host: url.hostname,
					port: url.port,
					path: url.pathname,
					method: 'POST',
					headers: {
						'Content-Type': 'application/json',
						Accept: 'application/json',
						Authorization: `Bearer ${opts.token}`,
						'Content-Length': Buffer.byteLength(payload),
					},
				},
				(res) => {
					const chunks: Buffer[] = [];
					res.on('data', (c: Buffer) => chunks.push(c));
					res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
					res.on('error', reject);
				},
			);
			req.on('error', reject);
			req.end(payload);
		});
	let ok = 0;
	let failed = 0;
	let next = 0;
	const t0 = performance.now();
	const worker = async () => {
		while (next < opts.items.length) {
			const item = opts.items[next++];
			const r = await post(JSON.stringify({ user_id: item.userId, message: [{ type: 'text', data: { text: item.text } }] }));
			const envelope = JSON.parse(r.body) as { retcode?: number };
			if (r.status === 200 && envelope.retcode === 0) ok++;
			else failed++;
		}
	};
	await Promise.all(Array.from({ length: concurrency }, worker));
	const ms = performance.now() - t0;
	agent.destroy();
	return { ms, ok, failed };
}
