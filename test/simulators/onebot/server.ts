/**
 * A local OneBot v11 HTTP API server that answers like NapCat, go-cqhttp, LLOneBot or Lagrange
 * (reference: /work/shared/reference/onebot-v11.md). Built on node:http only.
 *
 *   const sim = await OneBotSimulator.start({ dialect: 'lagrange', token: 's3cret' });
 *   await fetch(`${sim.url}/send_group_msg`, { method: 'POST', headers: {...}, body: '...' });
 *   sim.last('send_group_msg'); sim.state.messages; sim.fault({ action: 'send_msg', status: 502 });
 *   await sim.close();
 */
import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { HANDLERS } from './actions.ts';
import { PROFILES, checkAuth, envelope, isDialect, resolveAction, unknownAction } from './dialects.ts';
import { OneBotState } from './state.ts';
import { ActionError } from './validate.ts';
import { renderInbox } from './inbox.ts';
import type { Dialect, DialectProfile } from './dialects.ts';
import type { ActionContext } from './actions.ts';
import type { Params } from './validate.ts';

export type { Dialect } from './dialects.ts';

export interface OneBotFault {
	/** only requests for this action (default: any) */
	action?: string;
	/** how many matching requests it applies to (default 1; Infinity = until reset) */
	times?: number;
	/** HTTP status to answer with */
	status?: number;
	/** wait before answering (then answer normally unless other fields set) */
	delayMs?: number;
	/** destroy the socket without answering */
	reset?: boolean;
	/** raw body to answer with (e.g. '<html>502</html>' or '{"status":') */
	body?: string;
	/** content type for `body` (default text/html when it starts with '<', else application/json) */
	contentType?: string;
	/** answer a failed envelope with this retcode ... */
	retcode?: number;
	/** ... and this error text (placed in the dialect's text fields) */
	message?: string;
}

export interface RecordedRequest {
	method: string;
	path: string;
	action: string;
	query: Record<string, string>;
	headers: Record<string, string | string[] | undefined>;
	rawBody: string;
	/** parsed JSON body, or null */
	body: any;
	/** status 0 = the socket was destroyed (reset fault) or the simulator closed first */
	response: { status: number; body: string };
}

export interface OneBotSimulatorOptions {
	dialect?: Dialect;
	/** '' (default) = no auth */
	token?: string;
	selfId?: number;
	nickname?: string;
	port?: number;
	host?: string;
}

interface Reply {
	status: number;
	body: string;
	contentType?: string;
	headers?: Record<string, string>;
}

interface QueuedFault {
	fault: OneBotFault;
	remaining: number;
}

const JSON_TYPE: Record<Dialect, string> = {
	gocqhttp: 'application/json; charset=utf-8',
	napcat: 'application/json; charset=utf-8',
	llonebot: 'application/json; charset=utf-8',
	lagrange: 'application/json',
};

function isPlainObject(v: unknown): v is Record<string, unknown> {
	return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function parseForm(raw: string): Params {
	const out: Params = {};
	for (const [k, v] of new URLSearchParams(raw)) out[k] = v;
	return out;
}

function tryJson(raw: string): { ok: true; value: unknown } | { ok: false } {
	try {
		return { ok: true, value: JSON.parse(raw) };
	} catch {
		return { ok: false };
	}
}

export class OneBotSimulator {
	readonly dialect: Dialect;
	readonly requests: RecordedRequest[] = [];
	readonly state: OneBotState;
	private readonly profile: DialectProfile;
	private readonly token: string;
	private readonly server: http.Server;
	private readonly sockets = new Set<Socket>();
	private readonly sleepers = new Set<() => void>();
	private faults: QueuedFault[] = [];
	private baseUrl = '';
	private closed = false;

	private constructor(opts: OneBotSimulatorOptions) {
		const dialect = opts.dialect ?? 'napcat';
		if (!isDialect(dialect)) throw new Error(`unknown OneBot dialect ${String(dialect)}`);
		this.dialect = dialect;
		this.profile = PROFILES[dialect];
		this.token = opts.token ?? '';
		this.state = new OneBotState({ selfId: opts.selfId, nickname: opts.nickname });
		this.server = http.createServer((req, res) => {
			this.handle(req, res).catch((err: unknown) => {
				if (!res.headersSent && !res.destroyed) {
					res.writeHead(500, { 'Content-Type': 'text/plain' });
					res.end(`simulator error: ${err instanceof Error ? err.stack : String(err)}`);
				}
			});
		});
		this.server.on('connection', (s: Socket) => {
			this.sockets.add(s);
			s.on('close', () => this.sockets.delete(s));
		});
	}

	/** Starts a simulator listening on 127.0.0.1 (random port unless `port` is given). */
	static async start(opts: OneBotSimulatorOptions = {}): Promise<OneBotSimulator> {
		const sim = new OneBotSimulator(opts);
		const host = opts.host ?? '127.0.0.1';
		await new Promise<void>((resolve, reject) => {
			sim.server.once('error', reject);
			sim.server.listen(opts.port ?? 0, host, () => {
				sim.server.off('error', reject);
				resolve();
			});
		});
		const { port } = sim.server.address() as AddressInfo;
		const urlHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
		sim.baseUrl = `http://${urlHost}:${port}`;
		return sim;
	}

	/** 'http://127.0.0.1:<port>' */
	get url(): string {
		return this.baseUrl;
	}

	requestsFor(action: string): RecordedRequest[] {
		return this.requests.filter((r) => r.action === action);
	}

	last(action?: string): RecordedRequest | undefined {
		for (let i = this.requests.length - 1; i >= 0; i--) {
			if (action === undefined || this.requests[i].action === action) return this.requests[i];
		}
		return undefined;
	}

	/** Queues a fault; faults are consumed in order by matching requests. */
	fault(f: OneBotFault): void {
		this.faults.push({ fault: { ...f }, remaining: f.times ?? 1 });
	}

	/** Clears recorded requests and queued faults and restores the seeded state. */
	reset(): void {
		this.requests.length = 0;
		this.faults = [];
		this.state.reset();
	}

	/** Closes the server and all sockets; pending delayed requests are dropped. */
	async close(): Promise<void> {
		if (this.closed) return;
		this.closed = true;
		for (const wake of this.sleepers) wake();
		this.sleepers.clear();
		await new Promise<void>((resolve) => {
			this.server.close(() => resolve());
			for (const s of this.sockets) s.destroy();
			this.server.closeAllConnections?.();
		});
	}

	// -----------------------------------------------------------------------------------------

	private sleep(ms: number): Promise<void> {
		return new Promise((resolve) => {
			const wake = () => {
				clearTimeout(timer);
				this.sleepers.delete(wake);
				resolve();
			};
			const timer = setTimeout(wake, ms);
			this.sleepers.add(wake);
		});
	}

	private takeFault(action: string): OneBotFault | undefined {
		const i = this.faults.findIndex((q) => q.remaining > 0 && (q.fault.action === undefined || q.fault.action === action));
		if (i < 0) return undefined;
		const q = this.faults[i];
		q.remaining--;
		if (q.remaining <= 0) this.faults.splice(i, 1);
		return q.fault;
	}

	private send(res: http.ServerResponse, rec: RecordedRequest, reply: Reply): void {
		rec.response = { status: reply.status, body: reply.body };
		if (res.destroyed || res.writableEnded) return;
		const headers: Record<string, string | number> = { ...(reply.headers ?? {}) };
		if (reply.body !== '' || reply.contentType) headers['Content-Type'] = reply.contentType ?? JSON_TYPE[this.dialect];
		headers['Content-Length'] = Buffer.byteLength(reply.body);
		res.writeHead(reply.status, headers);
		res.end(reply.body);
	}

	private json(value: unknown, status = 200): Reply {
		return { status, body: JSON.stringify(value), contentType: JSON_TYPE[this.dialect] };
	}

	private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
		const chunks: Buffer[] = [];
		for await (const c of req) chunks.push(c as Buffer);
		const rawBody = Buffer.concat(chunks).toString('utf8');
		const u = new URL(req.url ?? '/', 'http://simulator.local');
		const method = (req.method ?? 'GET').toUpperCase();
		const query: Record<string, string> = {};
		for (const [k, v] of u.searchParams) query[k] = v;

		// sandbox endpoints: not recorded, no auth
		const bare = u.pathname.replace(/\/+$/, '');
		if (method === 'GET' && bare === '/__inbox') {
			const html = renderInbox(this.state, this.dialect);
			res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': Buffer.byteLength(html) });
			res.end(html);
			return;
		}
		if (method === 'GET' && bare === '/__requests') {
			const body = JSON.stringify(this.requests, null, 2);
			res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(body) });
			res.end(body);
			return;
		}

		let action = u.pathname.replace(/^\/+/, '').replace(/\/+$/, '');
		try {
			action = decodeURIComponent(action);
		} catch {
			// keep the raw path
		}
		const parsed = rawBody.trim() === '' ? undefined : tryJson(rawBody);
		const body = parsed && parsed.ok ? parsed.value : null;
		// go-cqhttp: POST / with {action, params}
		const gocqRoot =
			this.dialect === 'gocqhttp' && action === '' && method === 'POST' && isPlainObject(body) && typeof body.action === 'string';
		if (gocqRoot) action = String((body as Record<string, unknown>).action);

		const headers: Record<string, string | string[] | undefined> = { ...req.headers };
		const rec: RecordedRequest = {
			method,
			path: u.pathname,
			action,
			query,
			headers,
			rawBody,
			body,
			response: { status: 0, body: '' },
		};
		this.requests.push(rec);

		const fault = this.takeFault(action);
		if (fault) {
			if (fault.delayMs && fault.delayMs > 0) await this.sleep(fault.delayMs);
			if (this.closed) return;
			if (fault.reset) {
				rec.response = { status: 0, body: '' };
				req.socket.destroy();
				return;
			}
			if (fault.body !== undefined) {
				const ct = fault.contentType ?? (fault.body.trimStart().startsWith('<') ? 'text/html; charset=utf-8' : 'application/json');
				this.send(res, rec, { status: fault.status ?? 200, body: fault.body, contentType: ct });
				return;
			}
			if (fault.retcode !== undefined) {
				const ok = fault.retcode === 0 || fault.retcode === 1;
				const env = envelope(this.dialect, {
					ok,
					retcode: fault.retcode,
					data: null,
					code: fault.message ?? '',
					text: fault.message ?? '',
					echo: this.echoFor(isPlainObject(body) ? body.echo : undefined),
				});
				if (fault.retcode === 1) env.status = 'async';
				this.send(res, rec, { ...this.json(env), status: fault.status ?? 200 });
				return;
			}
			if (fault.status !== undefined) {
				this.send(res, rec, { status: fault.status, body: '' });
				return;
			}
		}
		if (this.closed) return;
		this.send(res, rec, this.process(method, req.headers, query, rawBody, action, gocqRoot));
	}

	private echoFor(echo: unknown): unknown {
		if (this.dialect === 'napcat') return echo ?? Math.random().toString(36).substring(2, 15);
		return echo ?? null;
	}

	/** Body parsing, auth, parameter merging and dispatch, in each implementation's order. */
	private process(
		method: string,
		headers: http.IncomingHttpHeaders,
		query: Record<string, string>,
		rawBody: string,
		action: string,
		gocqRoot: boolean,
	): Reply {
		const d = this.dialect;
		const contentType = String(headers['content-type'] ?? '').toLowerCase();
		const mediaType = contentType.split(';')[0].trim();
		const isForm = mediaType === 'application/x-www-form-urlencoded';
		const hasBody = rawBody.length > 0;
		const auth = () => checkAuth(d, this.token, headers, query);
		const rejected = (r: NonNullable<ReturnType<typeof auth>>): Reply => ({
			status: r.status,
			body: r.body,
			contentType: r.contentType,
			headers: r.headers,
		});
		let params: Params = {};

		switch (d) {
			case 'gocqhttp': {
				if (method !== 'GET' && method !== 'POST') return { status: 404, body: '' };
				let bodyParams: Params = {};
				if (method === 'POST' && contentType.includes('application/json')) {
					const j = tryJson(rawBody);
					if (!j.ok) return { status: 400, body: '' };
					if (isPlainObject(j.value)) bodyParams = j.value;
				} else if (method === 'POST' && contentType.includes('application/x-www-form-urlencoded')) {
					bodyParams = parseForm(rawBody);
				}
				const a = auth();
				if (a) return rejected(a);
				if (action === '' && !gocqRoot) return { status: 404, body: '' };
				if (gocqRoot) {
					const p = bodyParams.params;
					params = isPlainObject(p) ? { ...p } : {};
				} else {
					// JSON body first, then form, then query
					params = { ...query, ...bodyParams };
				}
				break;
			}
			case 'napcat': {
				let bodyParams: Params = {};
				if (isForm) bodyParams = parseForm(rawBody);
				else if (hasBody) {
					// any body is parsed as JSON (a missing content type is treated as JSON)
					const j = tryJson(rawBody);
					if (!j.ok) return { status: 400, body: 'Invalid JSON', contentType: 'text/html; charset=utf-8' };
					if (isPlainObject(j.value)) bodyParams = j.value;
				}
				const a = auth();
				if (a) return rejected(a);
				params = { ...bodyParams, ...query };
				if (action === '') {
					const hello = envelope(d, { ok: true, retcode: 0, data: {}, echo: this.echoFor(params.echo) });
					hello.message = 'NapCat4 Is Running';
					return this.json(hello);
				}
				break;
			}
			case 'llonebot': {
				let bodyParams: Params = {};
				if (isForm) bodyParams = parseForm(rawBody);
				else if (hasBody) {
					// express.json (strict) is forced for every request
					const first = rawBody.trimStart()[0];
					const j = first === '{' || first === '[' ? tryJson(rawBody) : { ok: false as const };
					if (!j.ok) return { status: 400, body: 'Invalid JSON', contentType: 'text/html; charset=utf-8' };
					if (isPlainObject(j.value)) bodyParams = j.value;
				}
				const a = auth();
				if (a) return rejected(a);
				if (action === '') {
					if (method === 'GET') return { status: 200, body: 'ok', contentType: 'text/html; charset=utf-8' };
					return { status: 404, body: `Cannot ${method} /`, contentType: 'text/html; charset=utf-8' };
				}
				params = method === 'GET' ? { ...query } : { ...query, ...bodyParams };
				break;
			}
			case 'lagrange': {
				const a = auth();
				if (a) return rejected(a);
				if (method === 'GET') params = { ...query };
				else if (method === 'POST') {
					if (mediaType === 'application/json') {
						if (rawBody.trim() !== '') {
							const j = tryJson(rawBody);
							if (!j.ok) return { status: 400, body: '' };
							if (isPlainObject(j.value)) params = j.value;
						}
					} else if (isForm) {
						params = parseForm(rawBody);
					} else {
						return { status: 406, body: '' };
					}
				} else {
					return { status: 405, body: '' };
				}
				break;
			}
		}
		return this.dispatch(action, params);
	}

	private dispatch(action: string, params: Params): Reply {
		const d = this.dialect;
		const echo = this.echoFor(params.echo);
		const resolved = resolveAction(d, action);
		const handler = resolved ? HANDLERS[resolved] : undefined;
		if (!resolved || !handler) {
			const u = unknownAction(d, action, echo);
			return this.json(u.body, u.status);
		}
		const ctx: ActionContext = { dialect: d, profile: this.profile, state: this.state, params, action: resolved };
		try {
			const data = handler(ctx);
			return this.json(envelope(d, { ok: true, retcode: 0, data, echo }));
		} catch (err: unknown) {
			if (err instanceof ActionError) {
				const isParam = err.kind === 'param';
				const retcode = isParam ? this.profile.paramRetcode : this.profile.handlerRetcode;
				// NapCat / LLOneBot report thrown handler errors as `Error: <text>` (e.toString())
				const text = !isParam && (d === 'napcat' || d === 'llonebot') ? `Error: ${err.message}` : err.message;
				return this.json(envelope(d, { ok: false, retcode, data: null, code: err.code, text, echo }));
			}
			const text = err instanceof Error ? (err.stack ?? err.message) : String(err);
			return this.json(envelope(d, { ok: false, retcode: this.profile.handlerRetcode, data: null, code: 'INTERNAL_ERROR', text, echo }));
		}
	}
}
