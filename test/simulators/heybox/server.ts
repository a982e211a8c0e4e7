/**
 * A local Heybox chat (黑盒语音) bot REST server that answers like chat.xiaoheihe.cn and
 * chat-upload.xiaoheihe.cn (reference: /work/shared/reference/heybox.md). node:http only.
 *
 *   const sim = await HeyboxSimulator.start({ token: 't0k', numericIds: false, timeScale: 60 });
 *   await fetch(`${sim.url}/chatroom/v2/channel_msg/send?client_type=heybox_chat&…`, { method: 'POST', headers: { token: 't0k', 'Content-Type': 'application/json' }, body });
 *   await fetch(`${sim.uploadUrl}/upload`, { method: 'POST', headers: { token: 't0k' }, body: formData });
 *   sim.last('channel_msg/send'); sim.state.messages; sim.fault({ path: 'channel_msg/send', failedMsg: '权限不足' });
 *   sim.setRateLimit(300, 9); sim.stats.rateLimited; await sim.close();
 *
 * Event gateway (gateway.ts): WebSocket `${sim.wsUrl}/chatroom/ws/connect?<common query>&token=…`
 * on the same port; sim.pushEvent(commandEvent({ name: '/weather' })); sim.replayEvents();
 * sim.setWsOptions({ answerPings: false }); sim.dropWsConnections(); sim.wsConnectionLog.
 *
 * Order of checks for every request: fault (if queued) → unknown path 404 → wrong method 405 →
 * `token` header 401 → rate limit 429 → common query → Content-Type / JSON body → endpoint rules
 * → state. Failures from the common query on are `{"status":"failed","msg":…,"result":{}}` with
 * HTTP 200, like the service.
 */
import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { ACK_WINDOW_MS, ROUTES, UPLOAD_PATH } from './handlers.ts';
import type { HandlerContext, Route } from './handlers.ts';
import type { HeyboxEvent } from './events.ts';
import { HeyboxGateway, WS_PATH } from './gateway.ts';
import type { HeyboxWsConnectionRecord, HeyboxWsFrame, HeyboxWsOptions, HeyboxWsStats, PushEventOptions, PushEventResult, PushedEvent, ReplayResult } from './gateway.ts';
import { renderInbox } from './inbox.ts';
import { parseTagged, stringifyResponse, toPlain } from './json.ts';
import { multipartBoundary, parseMultipart } from './multipart.ts';
import type { MultipartResult } from './multipart.ts';
import { HeyboxState } from './state.ts';
import { HeyboxError } from './validate.ts';
import type { Body } from './validate.ts';
import { FaultQueue } from '../shared/faults.ts';
import { sendReply } from '../shared/reply.ts';
import type { Reply } from '../shared/reply.ts';
import { Sleepers } from '../shared/sleepers.ts';
import { normPath, pathMatches } from '../shared/paths.ts';

export interface HeyboxFault {
	/** only requests for this path (full path, or its tail such as 'channel_msg/send'); default any */
	path?: string;
	/** how many matching requests it applies to (default 1; Infinity = until reset) */
	times?: number;
	/** HTTP status to answer with (alone: 429 answers the rate-limit envelope, others an empty body) */
	status?: number;
	/** wait before answering (then answer normally unless other fields are set) */
	delayMs?: number;
	/** destroy the socket without answering */
	reset?: boolean;
	/** raw body to answer with */
	body?: string;
	/** content type for `body` (default text/html when it starts with '<', else application/json) */
	contentType?: string;
	/** answer {status:'failed', msg: failedMsg, result:{}} (HTTP 200 unless `status`) */
	failedMsg?: string;
	/** Retry-After header to add to the answer */
	retryAfter?: string;
	/**
	 * Process the request first (it takes effect), then apply the fault to the answer: a lost or
	 * failed answer to a request that did land, e.g. `{ afterAction: true, status: 502 }` or `reset`.
	 */
	afterAction?: boolean;
}

export interface HeyboxRecordedRequest {
	method: string;
	path: string;
	query: Record<string, string>;
	headers: Record<string, string | string[] | undefined>;
	/** the body as UTF-8 text (multipart bodies: lossy for binary parts; see `multipart`) */
	rawBody: string;
	/** JSON body parsed losslessly (integers above 2^53 as digit strings), or null */
	body: any;
	multipart?: { fields: Record<string, string>; files: Array<{ field: string; filename: string; contentType: string; size: number; base64: string }> };
	/** status 0 = the socket was destroyed (reset fault) or the simulator closed first */
	response: { status: number; body: string };
}

export interface HeyboxSimulatorOptions {
	/** default 'test-heybox-token' */
	token?: string;
	port?: number;
	host?: string;
	/** overall requests per (simulated) minute; null = off (default) */
	rateLimitPerMinute?: number | null;
	/** DMs (`/chatroom/v3/msg/user`) per (simulated) minute; null = off (default) */
	dmPerMinute?: number | null;
	/** write 19-digit IDs in responses (and room_id / channel_id / msg_id in gateway events) as bare JSON integers */
	numericIds?: boolean;
	/** simulated seconds per real second (default 1), for rate-limit windows and the 60 s ack window */
	timeScale?: number;
}

export const DEFAULT_TOKEN = 'test-heybox-token';
export const RATE_LIMIT_MSG = '请求过于频繁';
export const UNAUTHORIZED_MSG = 'token无效';

/** The common query string every REST call carries (reference 1); `chat_version` only needs to be non-empty. */
export const COMMON_QUERY: Record<string, string | null> = {
	client_type: 'heybox_chat',
	x_client_type: 'web',
	os_type: 'web',
	x_os_type: 'bot',
	x_app: 'heybox_chat',
	chat_os_type: 'bot',
	chat_version: null,
};

const JSON_TYPE = 'application/json; charset=utf-8';
const WINDOW_MS = 60000;

/** Sliding-window request log (simulated ms). */
class SlidingWindow {
	stamps: number[] = [];
	prune(now: number): void {
		while (this.stamps.length > 0 && this.stamps[0] <= now - WINDOW_MS) this.stamps.shift();
	}
	/** ms until a slot frees, or 0 when one is free */
	wait(now: number, limit: number): number {
		this.prune(now);
		if (limit <= 0) return WINDOW_MS;
		if (this.stamps.length < limit) return 0;
		return Math.max(1, this.stamps[this.stamps.length - limit] + WINDOW_MS - now);
	}
}

export class HeyboxSimulator {
	readonly requests: HeyboxRecordedRequest[] = [];
	readonly state = new HeyboxState();
	readonly stats = { rateLimited: 0, duplicateAcks: 0 };
	readonly numericIds: boolean;
	readonly timeScale: number;
	private readonly token: string;
	private readonly server: http.Server;
	private readonly sockets = new Set<Socket>();
	private readonly sleepers = new Sleepers();
	private readonly initialLimits: { all: number | null; dm: number | null };
	private limits: { all: number | null; dm: number | null };
	private readonly windowAll = new SlidingWindow();
	private readonly windowDm = new SlidingWindow();
	private readonly faults = new FaultQueue<HeyboxFault>((f, path) => f.path === undefined || pathMatches(path, f.path));
	private baseUrl = '';
	private closed = false;
	private readonly realStart = Date.now();
	private offsetMs = 0;
	private readonly gateway: HeyboxGateway;
	/** every gateway upgrade request, accepted or not */
	readonly wsConnectionLog: HeyboxWsConnectionRecord[];
	/** gateway heartbeat / frame counters */
	readonly wsStats: HeyboxWsStats;
	/** every frame clients sent on the gateway (PINGs included) */
	readonly wsFrames: HeyboxWsFrame[];
	/** every event pushed (not replays), oldest first */
	readonly pushedEvents: PushedEvent[];

	private constructor(opts: HeyboxSimulatorOptions) {
		this.token = opts.token ?? DEFAULT_TOKEN;
		this.numericIds = opts.numericIds ?? false;
		const scale = opts.timeScale ?? 1;
		if (!(scale > 0) || !Number.isFinite(scale)) throw new Error(`timeScale must be a positive number, got ${String(opts.timeScale)}`);
		this.timeScale = scale;
		this.initialLimits = { all: opts.rateLimitPerMinute ?? null, dm: opts.dmPerMinute ?? null };
		this.limits = { ...this.initialLimits };
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
		this.gateway = new HeyboxGateway({
			token: this.token,
			numericIds: this.numericIds,
			now: () => this.now(),
			unauthorizedBody: JSON.stringify({ status: 'failed', msg: UNAUTHORIZED_MSG, result: {} }),
		});
		this.wsConnectionLog = this.gateway.connectionLog;
		this.wsStats = this.gateway.stats;
		this.wsFrames = this.gateway.frames;
		this.pushedEvents = this.gateway.events;
		this.server.on('upgrade', (req: http.IncomingMessage, socket: Socket, head: Buffer) => this.gateway.handleUpgrade(req, socket, head));
	}

	/** Starts a simulator listening on 127.0.0.1 (random port unless `port` is given). */
	static async start(opts: HeyboxSimulatorOptions = {}): Promise<HeyboxSimulator> {
		const sim = new HeyboxSimulator(opts);
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

	/** REST base, 'http://127.0.0.1:<port>' (stands for https://chat.xiaoheihe.cn) */
	get url(): string {
		return this.baseUrl;
	}

	/** upload base (same server; stands for https://chat-upload.xiaoheihe.cn): POST `${uploadUrl}/upload` */
	get uploadUrl(): string {
		return this.baseUrl;
	}

	/** 'ws://127.0.0.1:<port>' (stands for wss://chat.xiaoheihe.cn) */
	get wsUrl(): string {
		return this.baseUrl.replace(/^http:/, 'ws:');
	}

	/** 'ws://127.0.0.1:<port>/chatroom/ws/connect': the event gateway (add the common query and token) */
	get wsConnectUrl(): string {
		return this.wsUrl + WS_PATH;
	}

	/** simulated clock (ms): real time since start × timeScale, plus `advance()` */
	now(): number {
		return this.realStart + (Date.now() - this.realStart) * this.timeScale + this.offsetMs;
	}

	/** moves the simulated clock forward (rate-limit windows, the heychat_ack_id window) */
	advance(ms: number): void {
		if (ms > 0) this.offsetMs += ms;
	}

	requestsFor(path: string): HeyboxRecordedRequest[] {
		return this.requests.filter((r) => pathMatches(r.path, path));
	}

	last(path?: string): HeyboxRecordedRequest | undefined {
		for (let i = this.requests.length - 1; i >= 0; i--) {
			if (path === undefined || pathMatches(this.requests[i].path, path)) return this.requests[i];
		}
		return undefined;
	}

	/** Queues a fault; faults are consumed in order by matching requests. */
	fault(f: HeyboxFault): void {
		this.faults.push(f);
	}

	/** Overall and DM limits per simulated minute; null = off. Omitting dmPerMinute keeps the DM limit. */
	setRateLimit(perMinute: number | null, dmPerMinute?: number | null): void {
		this.limits.all = perMinute;
		if (dmPerMinute !== undefined) this.limits.dm = dmPerMinute;
		this.windowAll.stamps.length = 0;
		this.windowDm.stamps.length = 0;
	}

	/**
	 * Clears requests, faults, stats, rate-limit windows (limits back to the start options) and restores the seeded state;
	 * clears the gateway logs (connections, frames, pushed events), wsStats and ws options and restarts the event sequence.
	 * Open WebSocket connections stay open.
	 */
	reset(): void {
		this.gateway.reset();
		this.requests.length = 0;
		this.faults.clear();
		this.stats.rateLimited = 0;
		this.stats.duplicateAcks = 0;
		this.limits = { ...this.initialLimits };
		this.windowAll.stamps.length = 0;
		this.windowDm.stamps.length = 0;
		this.state.reset();
	}

	async close(): Promise<void> {
		if (this.closed) return;
		this.closed = true;
		this.sleepers.wakeAll();
		this.gateway.close();
		await new Promise<void>((resolve) => {
			this.server.close(() => resolve());
			for (const s of this.sockets) s.destroy();
			this.server.closeAllConnections?.();
		});
	}

	// -----------------------------------------------------------------------------------------
	// event gateway (gateway.ts, events.ts)

	/**
	 * Sends `{"sequence":<int>,"type":"<type>","notify_type":"","data":{…},"timestamp":<ms>}` to every open
	 * gateway socket and logs it in `pushedEvents`. `sequence` defaults to an increasing counter from
	 * 11736260019 (a larger given sequence moves the counter past it); `timestamp` to the simulated clock.
	 * Also takes a builder's result: `pushEvent(commandEvent({ name: '/weather' }))`.
	 */
	pushEvent(event: HeyboxEvent, opts?: PushEventOptions): PushEventResult;
	pushEvent(type: string, data: object, opts?: PushEventOptions): PushEventResult;
	pushEvent(typeOrEvent: string | HeyboxEvent, dataOrOpts?: object, opts?: PushEventOptions): PushEventResult {
		return this.gateway.push(typeOrEvent, dataOrOpts, opts);
	}

	/** Re-sends already pushed events (sequence ≥ fromSequence; all when omitted) with the same text, to every open socket. */
	replayEvents(fromSequence?: number | string): ReplayResult {
		return this.gateway.replay(fromSequence);
	}

	/** Sends a raw text frame (not logged as an event) to every open gateway socket; returns how many got it. */
	sendWsRaw(text: string): number {
		return this.gateway.sendRaw(text);
	}

	/** Open, accepted gateway connections. */
	wsConnections(): number {
		return this.gateway.connections();
	}

	/**
	 * Drops every gateway connection: without `code` the TCP connections are destroyed (abrupt; the
	 * client sees 1006); with a sendable close code (1000-1003, 1007-1014, 3000-4999) a close frame is sent.
	 * Returns how many sockets were dropped.
	 */
	dropWsConnections(code?: number): number {
		return this.gateway.drop(code);
	}

	/** Changes gateway behaviour; omitted fields keep their value. `reset()` restores the defaults. */
	setWsOptions(o: HeyboxWsOptions): void {
		this.gateway.setOptions(o);
	}

	/** Current gateway options; with an argument, changes them first (like `setWsOptions`). */
	wsOptions(o?: HeyboxWsOptions): Required<HeyboxWsOptions> {
		if (o) this.gateway.setOptions(o);
		return this.gateway.options();
	}

	// -----------------------------------------------------------------------------------------

	private send(res: http.ServerResponse, rec: HeyboxRecordedRequest | undefined, reply: Reply): void {
		sendReply(res, rec, reply, JSON_TYPE);
	}

	private failed(msg: string, status = 200, headers?: Record<string, string>): Reply {
		return { status, body: JSON.stringify({ status: 'failed', msg, result: {} }), contentType: JSON_TYPE, headers };
	}

	private rateLimited(waitMs: number): Reply {
		this.stats.rateLimited++;
		const seconds = Math.max(1, Math.ceil(waitMs / this.timeScale / 1000));
		return this.failed(RATE_LIMIT_MSG, 429, { 'Retry-After': String(seconds) });
	}

	private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
		const chunks: Buffer[] = [];
		for await (const c of req) chunks.push(c as Buffer);
		const raw = Buffer.concat(chunks);
		const u = new URL(req.url ?? '/', 'http://simulator.local');
		const method = (req.method ?? 'GET').toUpperCase();
		const query: Record<string, string> = {};
		for (const [k, v] of u.searchParams) query[k] = v;
		const path = normPath(u.pathname);

		// sandbox endpoints: not recorded, no auth, no rate limit
		if (method === 'GET' && path === '/__inbox') {
			this.send(res, undefined, { status: 200, body: renderInbox(this.state), contentType: 'text/html; charset=utf-8' });
			return;
		}
		if (method === 'GET' && path === '/__requests') {
			this.send(res, undefined, { status: 200, body: JSON.stringify(this.requests, null, 2) });
			return;
		}

		const rawBody = raw.toString('utf8');
		const contentType = typeof req.headers['content-type'] === 'string' ? req.headers['content-type'] : undefined;
		const boundary = multipartBoundary(contentType);
		let tagged: unknown;
		let tagError = false;
		let body: any = null;
		let multipart: MultipartResult | undefined;
		let multipartError: string | undefined;
		if (boundary) {
			try {
				multipart = parseMultipart(raw, boundary);
			} catch (err) {
				multipartError = err instanceof Error ? err.message : String(err);
			}
		} else if (rawBody.trim() !== '') {
			try {
				tagged = parseTagged(rawBody);
				body = toPlain(tagged);
			} catch {
				tagError = true;
			}
		}
		const rec: HeyboxRecordedRequest = {
			method,
			path,
			query,
			headers: { ...req.headers },
			rawBody,
			body,
			response: { status: 0, body: '' },
		};
		if (multipart) {
			rec.multipart = {
				fields: { ...multipart.fields },
				files: multipart.files.map((f) => ({ field: f.field, filename: f.filename, contentType: f.contentType, size: f.size, base64: f.base64 })),
			};
		}
		this.requests.push(rec);

		const fault = this.faults.take(path);
		let extraHeaders: Record<string, string> | undefined;
		if (fault?.afterAction) {
			if (fault.delayMs && fault.delayMs > 0) await this.sleepers.sleep(fault.delayMs);
			if (this.closed) return;
			this.process(method, path, req.headers, query, rawBody, tagged, tagError, contentType, multipart, multipartError);
			if (fault.reset) {
				rec.response = { status: 0, body: '' };
				req.socket.destroy();
				return;
			}
			this.send(res, rec, { status: fault.status ?? 502, body: fault.body ?? '', contentType: fault.contentType });
			return;
		}
		if (fault) {
			if (fault.delayMs && fault.delayMs > 0) await this.sleepers.sleep(fault.delayMs);
			if (this.closed) return;
			if (fault.reset) {
				rec.response = { status: 0, body: '' };
				req.socket.destroy();
				return;
			}
			const headers = fault.retryAfter !== undefined ? { 'Retry-After': fault.retryAfter } : undefined;
			if (fault.body !== undefined) {
				const ct = fault.contentType ?? (fault.body.trimStart().startsWith('<') ? 'text/html; charset=utf-8' : 'application/json');
				this.send(res, rec, { status: fault.status ?? 200, body: fault.body, contentType: ct, headers });
				return;
			}
			if (fault.failedMsg !== undefined) {
				this.send(res, rec, this.failed(fault.failedMsg, fault.status ?? 200, headers));
				return;
			}
			if (fault.status !== undefined) {
				if (fault.status === 429) this.send(res, rec, this.failed(RATE_LIMIT_MSG, 429, headers));
				else this.send(res, rec, { status: fault.status, body: '', headers });
				return;
			}
			extraHeaders = headers;
		}
		if (this.closed) return;
		const reply = this.process(method, path, req.headers, query, rawBody, tagged, tagError, contentType, multipart, multipartError);
		if (extraHeaders) reply.headers = { ...(reply.headers ?? {}), ...extraHeaders };
		this.send(res, rec, reply);
	}

	private process(
		method: string,
		path: string,
		headers: http.IncomingHttpHeaders,
		query: Record<string, string>,
		rawBody: string,
		tagged: unknown,
		tagError: boolean,
		contentType: string | undefined,
		multipart: MultipartResult | undefined,
		multipartError: string | undefined,
	): Reply {
		const route: Route | undefined = ROUTES[path];
		if (!route) return { status: 404, body: '404 page not found', contentType: 'text/plain; charset=utf-8' };
		if (method !== route.method) return { status: 405, body: '405 method not allowed', contentType: 'text/plain; charset=utf-8', headers: { Allow: route.method } };

		// the raw token in the `token` header, no Bearer prefix
		if (headers.token !== this.token) return this.failed(UNAUTHORIZED_MSG, 401);

		// rate limits: a refused request takes no slot and has no effect
		const now = this.now();
		const waitAll = this.limits.all !== null ? this.windowAll.wait(now, this.limits.all) : 0;
		const waitDm = route.dm && this.limits.dm !== null ? this.windowDm.wait(now, this.limits.dm) : 0;
		if (waitAll > 0 || waitDm > 0) return this.rateLimited(Math.max(waitAll, waitDm));
		if (this.limits.all !== null) this.windowAll.stamps.push(now);
		if (route.dm && this.limits.dm !== null) this.windowDm.stamps.push(now);

		// common query string (optional on the upload host, reference 2.2)
		if (path !== UPLOAD_PATH) {
			for (const [name, want] of Object.entries(COMMON_QUERY)) {
				const got = query[name];
				if (got === undefined || got === '') return this.failed(`参数错误: 缺少公共参数 ${name}`);
				if (want !== null && got !== want) return this.failed(`参数错误: 公共参数 ${name} 应为 ${want}，收到 ${got}`);
			}
		}

		let body: Body = {};
		if (route.kind === 'json') {
			const media = (contentType ?? '').split(';')[0].trim().toLowerCase();
			if (media !== 'application/json') return this.failed(`参数错误: Content-Type 必须是 application/json，收到 ${contentType ?? '(无)'}`);
			if (rawBody.trim() === '') return this.failed('参数错误: 请求体为空');
			if (tagError) return this.failed('参数错误: 请求体不是合法的 JSON');
			if (tagged === null || typeof tagged !== 'object' || Array.isArray(tagged)) return this.failed('参数错误: 请求体必须是 JSON 对象');
			body = tagged as Body;
		} else if (route.kind === 'upload') {
			if (!contentType || !/^multipart\/form-data\b/i.test(contentType.trim())) {
				return this.failed(`参数错误: 请使用 multipart/form-data 上传，收到 ${contentType ?? '(无 Content-Type)'}`);
			}
			if (!multipart) return this.failed(`参数错误: multipart 解析失败${multipartError ? `（${multipartError}）` : ''}`);
		}

		const ctx: HandlerContext = {
			state: this.state,
			body,
			query,
			now,
			ackWindowMs: ACK_WINDOW_MS,
			multipart,
			duplicateAck: () => {
				this.stats.duplicateAcks++;
			},
		};
		try {
			const result = route.handler(ctx);
			const env: Record<string, unknown> = { status: 'ok', msg: '' };
			if (route.kind === 'upload') env.version = '1.0';
			env.result = result;
			return { status: 200, body: stringifyResponse(env, this.numericIds), contentType: JSON_TYPE };
		} catch (err) {
			if (err instanceof HeyboxError) return this.failed(err.message);
			throw err;
		}
	}
}
