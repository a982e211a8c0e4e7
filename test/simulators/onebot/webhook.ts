/**
 * HTTP POST event reporting (reference 1.6): the request each implementation sends to a webhook.
 *
 * | dialect | headers |
 * |---|---|
 * | NapCat, LLOneBot | `Content-Type: application/json`, `x-self-id`, `x-signature` (lowercase; no Authorization) |
 * | go-cqhttp | `User-Agent: CQHttp/4.15.0`, `Content-Type: application/json`, `X-Api-Port`, `X-Self-Id`, `X-Signature`, `Accept-Encoding: gzip` (Go canonicalises `X-Self-ID` / `X-API-Port` on the wire) |
 * | Lagrange | `X-Self-ID`, `X-Signature`, `Content-Type: application/json; charset=utf-8` |
 *
 * `X-Signature` is `sha1=<hex HMAC-SHA1(secret, raw body bytes)>`.
 */
import { createHmac } from 'node:crypto';
import * as http from 'node:http';
import * as https from 'node:https';
import type { Dialect } from './dialects.ts';

export interface PostEventOptions {
	/** HMAC key; when set (and `signature` is not given) the dialect's signature header is sent */
	secret?: string;
	/** exact signature header value to send instead of the computed one; null = no signature header */
	signature?: string | null;
	/** send these exact bytes instead of JSON.stringify(event) (signed as given) */
	rawBody?: string;
	/** changes the body after signing (the signature no longer matches) */
	tamper?: (raw: string) => string;
	/** X-Self-ID value (default: event.self_id, else the simulator's bot id); null = omit the header */
	selfId?: number | null;
	/** default 10000 ms; on timeout the result has status 0 and `error: 'timeout'` */
	timeoutMs?: number;
}

export interface PostEventsOptions extends PostEventOptions {
	/** parallel requests (default 16) */
	concurrency?: number;
}

export interface PostEventResult {
	/** HTTP status; 0 when no answer arrived (connection error, timeout, simulator closed) */
	status: number;
	/** response headers, lower-case names */
	headers: Record<string, string>;
	body: string;
	/** the parsed body when it is JSON */
	json?: any;
	/** what was sent */
	request: { url: string; headers: Record<string, string>; body: string };
	/** network error text (status 0) */
	error?: string;
}

export function signBody(secret: string, raw: string): string {
	return 'sha1=' + createHmac('sha1', secret).update(raw, 'utf8').digest('hex');
}

/** Header names and values in the order and spelling the dialect sends them. */
export function webhookHeaders(dialect: Dialect, selfId: number | null, signature: string | null, apiPort: number): Record<string, string> {
	const h: Record<string, string> = {};
	switch (dialect) {
		case 'napcat':
		case 'llonebot':
			h['Content-Type'] = 'application/json';
			if (selfId !== null) h['x-self-id'] = String(selfId);
			if (signature !== null) h['x-signature'] = signature;
			break;
		case 'gocqhttp':
			h['User-Agent'] = 'CQHttp/4.15.0';
			h['Content-Type'] = 'application/json';
			h['X-Api-Port'] = String(apiPort);
			if (selfId !== null) h['X-Self-Id'] = String(selfId);
			if (signature !== null) h['X-Signature'] = signature;
			h['Accept-Encoding'] = 'gzip';
			break;
		case 'lagrange':
			if (selfId !== null) h['X-Self-ID'] = String(selfId);
			if (signature !== null) h['X-Signature'] = signature;
			h['Content-Type'] = 'application/json; charset=utf-8';
			break;
	}
	return h;
}

export interface SendHooks {
	agents: { http: http.Agent; https: https.Agent };
	/** called with a cancel function while the request is pending */
	track: (cancel: () => void) => () => void;
}

/** POSTs `body` to `url`; never rejects. */
export function sendPost(url: string, headers: Record<string, string>, body: string, timeoutMs: number, hooks: SendHooks): Promise<PostEventResult> {
	const request = { url, headers, body };
	let u: URL;
	try {
		u = new URL(url);
	} catch {
		return Promise.resolve({ status: 0, headers: {}, body: '', request, error: `invalid url ${url}` });
	}
	if (u.protocol !== 'http:' && u.protocol !== 'https:') {
		return Promise.resolve({ status: 0, headers: {}, body: '', request, error: `unsupported protocol ${u.protocol}` });
	}
	return new Promise((resolve) => {
		const mod = u.protocol === 'https:' ? https : http;
		const payload = Buffer.from(body, 'utf8');
		const req = mod.request(u, {
			method: 'POST',
			headers: { ...headers, 'Content-Length': String(payload.length) },
			agent: u.protocol === 'https:' ? hooks.agents.https : hooks.agents.http,
		});
		let settled = false;
		const finish = (r: Omit<PostEventResult, 'request'>) => {
			if (settled) return;
			settled = true;
			clearTimeout(timer);
			untrack();
			resolve({ ...r, request });
		};
		const fail = (msg: string) => {
			finish({ status: 0, headers: {}, body: '', error: msg });
			req.destroy();
		};
		const untrack = hooks.track(() => fail('simulator closed'));
		const timer = setTimeout(() => fail('timeout'), timeoutMs);
		req.on('error', (err) => fail(err.message));
		req.on('response', (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (c: Buffer) => chunks.push(c));
			res.on('error', (err) => fail(err.message));
			res.on('end', () => {
				const text = Buffer.concat(chunks).toString('utf8');
				const out: Record<string, string> = {};
				for (const [k, v] of Object.entries(res.headers)) {
					if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
				}
				const r: Omit<PostEventResult, 'request'> = { status: res.statusCode ?? 0, headers: out, body: text };
				if (text.trim() !== '') {
					try {
						r.json = JSON.parse(text);
					} catch {
						// not JSON
					}
				}
				finish(r);
			});
		});
		req.end(payload);
	});
}
