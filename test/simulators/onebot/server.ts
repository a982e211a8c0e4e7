/**
 * A local OneBot v11 HTTP API server that answers like NapCat, go-cqhttp, LLOneBot or Lagrange
 * (reference: /work/shared/reference/onebot-v11.md). Built on node:http, plus `ws` for the
 * forward WebSocket server on the same port.
 *
 *   const sim = await OneBotSimulator.start({ dialect: 'lagrange', token: 's3cret' });
 *   await fetch(`${sim.url}/send_group_msg`, { method: 'POST', headers: {...}, body: '...' });
 *   sim.last('send_group_msg'); sim.state.messages; sim.fault({ action: 'send_msg', status: 502 });
 *
 * The simulator as the event source (reference 1.4, 1.6, 4):
 *
 *   await sim.postEvent(webhookUrl, sim.messageEvent({ messageType: 'group', groupId: 20002, userId: 30003, message }), { secret });
 *   sim.quickOperations; sim.requestDecisions; sim.state.sentMessages();
 *   new WebSocket(`${sim.wsUrl}/event`); sim.pushEvent(event); sim.setWsOptions({ heartbeatIntervalMs: 50 });
 *   await sim.close();
 */
import * as http from 'node:http';
import * as https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import type { RawData } from 'ws';
import { HANDLERS } from './actions.ts';
import { PROFILES, checkAuth, envelope, isDialect, resolveAction, unknownAction } from './dialects.ts';
import { OneBotState } from './state.ts';
import { ActionError } from './validate.ts';
import { renderInbox } from './inbox.ts';
import { heartbeatEvent, lifecycleEvent, messageEvent } from './events.ts';
import { applyQuickOperation } from './quick.ts';
import { sendPost, signBody, webhookHeaders } from './webhook.ts';
import type { Dialect, DialectProfile } from './dialects.ts';
import type { ActionContext } from './actions.ts';
import type { Params } from './validate.ts';
import type { MessageEventOptions, OneBotEvent } from './events.ts';
import type { QuickOperationRecord, RequestDecision } from './quick.ts';
import type { PostEventOptions, PostEventResult, PostEventsOptions } from './webhook.ts';
import { FaultQueue } from '../shared/faults.ts';
import { sendReply } from '../shared/reply.ts';
import type { Reply } from '../shared/reply.ts';
import { Sleepers } from '../shared/sleepers.ts';

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

export interface WsConnectionRecord {
	/** request path as sent (e.g. '/event', '/api/') */
	path: string;
	query: Record<string, string>;
	headers: Record<string, string | string[] | undefined>;
	/** true once the connection is registered (auth passed, not refused) */
	accepted: boolean;
	/** 101 when upgraded (NapCat / LLOneBot upgrade even a bad token), else the HTTP status answered (401, 403, 503, ...) */
	status: number;
	/** Date.now() of the upgrade request */
	at: number;
	/** what the connection carries (accepted connections only) */
	events?: boolean;
	actions?: boolean;
}

export interface WsOptions {
	/** send a heartbeat meta event to every event connection at this interval; null / 0 = off (default) */
	heartbeatIntervalMs?: number | null;
	/** answer every upgrade request with 503 (to test reconnect backoff) */
	refuseConnections?: boolean;
}

interface WsClient {
	socket: WebSocket;
	path: string;
	events: boolean;
	actions: boolean;
	headers: Record<string, string | string[] | undefined>;
}

/** What a forward WebSocket path carries, per dialect (GOCQ server/websocket.go, NC websocket-server.ts, LLOB connect/ws.ts, LGR ForwardWSService.cs). */
function wsRoles(dialect: Dialect, path: string): { events: boolean; actions: boolean } {
	const p = path.replace(/\/+$/, '') || '/';
	switch (dialect) {
		case 'napcat':
			// events on every path except /api; actions on every path
			return { events: p !== '/api', actions: true };
		case 'llonebot':
			// only /, /api and /event do anything
			if (p === '/') return { events: true, actions: true };
			return { events: p === '/event', actions: p === '/api' };
		case 'gocqhttp':
		case 'lagrange':
			// /api, /event, and everything else is universal
			return { events: p !== '/api', actions: p !== '/event' };
	}
}

function isPlainRecord(v: unknown): v is Record<string, unknown> {
	return typeof v === 'object' && v !== null && !Array.isArray(v);
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

function rawToString(data: RawData): string {
	if (Buffer.isBuffer(data)) return data.toString('utf8');
	if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
	return Buffer.from(data).toString('utf8');
}

/** Answers an upgrade request with a plain HTTP status and closes the socket. */
function rejectUpgrade(socket: Socket, status: number): void {
	if (socket.destroyed) return;
	socket.once('finish', () => socket.destroy());
	socket.end(`HTTP/1.1 ${status} ${http.STATUS_CODES[status] ?? ''}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/** Close codes a server may send in a close frame. */
function sendableCloseCode(code: number): boolean {
	return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
}

function sortKeys(o: Record<string, unknown>): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const k of Object.keys(o).sort()) out[k] = o[k];
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

	/** requests in flight now, and the most seen at once since the last reset */
	readonly load = { inFlight: 0, maxInFlight: 0 };
	readonly state: OneBotState;
	private readonly profile: DialectProfile;
	private readonly token: string;
	private readonly server: http.Server;
	private readonly sockets = new Set<Socket>();
	private readonly sleepers = new Sleepers();
	private readonly faults = new FaultQueue<OneBotFault>((f, action) => f.action === undefined || f.action === action);
	private baseUrl = '';
	private listenPort = 0;
	private closed = false;
	/** quick operations received as webhook answers (and through `.handle_quick_operation`) */
	readonly quickOperations: QuickOperationRecord[] = [];
	/** friend / group request decisions made by quick operations */
	readonly requestDecisions: RequestDecision[] = [];
	/** every forward WebSocket upgrade request, accepted or not */
	readonly wsConnectionLog: WsConnectionRecord[] = [];
	private readonly wss: WebSocketServer;
	private readonly wsClients = new Set<WsClient>();
	/** every upgraded socket, including NapCat / LLOneBot connections being closed after a bad token */
	private readonly wsSockets = new Set<WebSocket>();
	private wsOpts: { heartbeatIntervalMs: number | null; refuseConnections: boolean } = { heartbeatIntervalMs: null, refuseConnections: false };
	private heartbeatTimer: NodeJS.Timeout | undefined;
	private readonly postAgents = { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) };
	private readonly pendingPosts = new Set<() => void>();

	private constructor(opts: OneBotSimulatorOptions) {
		const dialect = opts.dialect ?? 'napcat';
		if (!isDialect(dialect)) throw new Error(`unknown OneBot dialect ${String(dialect)}`);
		this.dialect = dialect;
		this.profile = PROFILES[dialect];
		this.token = opts.token ?? '';
		this.state = new OneBotState({ selfId: opts.selfId, nickname: opts.nickname });
		this.server = http.createServer((req, res) => {
			// how many API requests are being answered at once (for concurrency tests)
			this.load.inFlight++;
			this.load.maxInFlight = Math.max(this.load.maxInFlight, this.load.inFlight);
			res.once('close', () => this.load.inFlight--);
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
		this.wss = new WebSocketServer({ noServer: true, clientTracking: false, perMessageDeflate: false });
		this.server.on('upgrade', (req: http.IncomingMessage, socket: Socket, head: Buffer) => this.handleUpgrade(req, socket, head));
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
		sim.listenPort = port;
		return sim;
	}

	/** 'http://127.0.0.1:<port>' */
	get url(): string {
		return this.baseUrl;
	}

	/** 'ws://127.0.0.1:<port>': the forward WebSocket server (same port; paths /, /event, /api) */
	get wsUrl(): string {
		return this.baseUrl.replace(/^http:/, 'ws:');
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
		this.faults.push(f);
	}

	/**
	 * Clears recorded requests, queued faults, quick operations, request decisions, the WebSocket
	 * connection log and WebSocket options (heartbeats off, upgrades allowed) and restores the seeded
	 * state. Open WebSocket connections stay open.
	 */
	reset(): void {
		this.requests.length = 0;
		this.load.maxInFlight = this.load.inFlight;
		this.faults.clear();
		this.state.reset();
		this.quickOperations.length = 0;
		this.requestDecisions.length = 0;
		this.wsConnectionLog.length = 0;
		this.wsOpts = { heartbeatIntervalMs: null, refuseConnections: false };
		this.restartHeartbeat();
	}

	/** Closes the server, all HTTP and WebSocket sockets, timers and pending webhook posts; pending delayed requests are dropped. */
	async close(): Promise<void> {
		if (this.closed) return;
		this.closed = true;
		this.sleepers.wakeAll();
		this.stopHeartbeat();
		for (const ws of this.wsSockets) ws.terminate();
		this.wsSockets.clear();
		this.wsClients.clear();
		this.wss.close();
		for (const cancel of [...this.pendingPosts]) cancel();
		this.pendingPosts.clear();
		this.postAgents.http.destroy();
		this.postAgents.https.destroy();
		await new Promise<void>((resolve) => {
			this.server.close(() => resolve());
			for (const s of this.sockets) s.destroy();
			this.server.closeAllConnections?.();
		});
	}

	// -----------------------------------------------------------------------------------------
	// the simulator as the event source

	/**
	 * A message event in this dialect's shape (see events.ts `messageEvent`), with `self_id`, the
	 * sender (nickname, card, role, ...) and NapCat's `group_name` filled from the state when known.
	 */
	messageEvent(opts: MessageEventOptions): OneBotEvent {
		const d = this.dialect;
		const full = d === 'gocqhttp' || d === 'lagrange';
		const sender: Record<string, unknown> = {};
		let groupName: string | undefined;
		if (opts.messageType === 'group' && opts.groupId !== undefined) {
			groupName = this.state.groups.get(opts.groupId)?.group_name;
			const m = this.state.member(opts.groupId, opts.userId);
			if (m) {
				Object.assign(sender, { nickname: m.nickname, card: m.card, role: m.role });
				if (full) Object.assign(sender, { sex: m.sex, age: m.age, area: m.area, level: m.level, title: m.title });
			}
		} else {
			const f = this.state.friends.get(opts.userId);
			if (f) {
				sender.nickname = f.nickname;
				if (full) Object.assign(sender, { sex: f.sex, age: f.age });
			}
		}
		return messageEvent(d, {
			selfId: this.state.selfId,
			groupName,
			...opts,
			sender: { ...sender, ...(opts.sender ?? {}) },
		});
	}

	/**
	 * POSTs an event to a webhook the way this dialect's HTTP POST reporter does (headers, signature)
	 * and applies the answer as a quick operation (recorded in `quickOperations`; Lagrange ignores it).
	 * Never rejects: network errors and timeouts give `status: 0` with `error`.
	 */
	async postEvent(url: string, event: object, opts: PostEventOptions = {}): Promise<PostEventResult> {
		const ev = event as Record<string, unknown>;
		const raw = opts.rawBody ?? JSON.stringify(event);
		let signature: string | null = null;
		if (opts.signature !== undefined) signature = opts.signature;
		else if (opts.secret) signature = signBody(opts.secret, raw);
		const body = opts.tamper ? opts.tamper(raw) : raw;
		const selfId = opts.selfId === null ? null : (opts.selfId ?? (typeof ev.self_id === 'number' ? ev.self_id : this.state.selfId));
		const headers = webhookHeaders(this.dialect, selfId, signature, this.listenPort);
		if (this.closed) return { status: 0, headers: {}, body: '', request: { url, headers, body }, error: 'simulator closed' };
		const result = await sendPost(url, headers, body, opts.timeoutMs ?? 10000, {
			agents: this.postAgents,
			track: (cancel) => {
				this.pendingPosts.add(cancel);
				return () => this.pendingPosts.delete(cancel);
			},
		});
		if (result.status !== 0 && !this.closed && isPlainRecord(result.json)) {
			this.quickOperations.push(applyQuickOperation(this.quickContext(), ev, result.json, 'http_post', this.requestDecisions));
		}
		return result;
	}

	/** Posts many events (at most `concurrency` at a time, default 16); results in event order. */
	async postEvents(url: string, events: object[], opts: PostEventsOptions = {}): Promise<PostEventResult[]> {
		const { concurrency = 16, ...one } = opts;
		const results: PostEventResult[] = new Array(events.length);
		let next = 0;
		const worker = async () => {
			while (next < events.length) {
				const i = next++;
				results[i] = await this.postEvent(url, events[i], one);
			}
		};
		const n = Math.max(1, Math.min(concurrency, events.length));
		await Promise.all(Array.from({ length: n }, worker));
		return results;
	}

	/** Sends an event to every open event connection (/ and /event); returns how many got it. */
	pushEvent(event: object): number {
		const text = JSON.stringify(event);
		let n = 0;
		for (const c of this.wsClients) {
			if (c.events && c.socket.readyState === WebSocket.OPEN) {
				c.socket.send(text);
				n++;
			}
		}
		return n;
	}

	/** Open, accepted forward WebSocket connections. */
	wsConnections(): number {
		let n = 0;
		for (const c of this.wsClients) if (c.socket.readyState === WebSocket.OPEN) n++;
		return n;
	}

	/**
	 * Drops every WebSocket connection: without `code` the TCP connections are destroyed (the client
	 * sees 1006); with a sendable close code (1000-1003, 1007-1014, 3000-4999) a close frame is sent.
	 */
	dropWsConnections(code?: number): void {
		for (const ws of [...this.wsSockets]) {
			if (code !== undefined && sendableCloseCode(code)) ws.close(code, 'dropped by simulator');
			else ws.terminate();
		}
	}

	/** Changes WebSocket behaviour; omitted fields keep their value. `reset()` restores the defaults. */
	setWsOptions(o: WsOptions): void {
		if (o.heartbeatIntervalMs !== undefined) this.wsOpts.heartbeatIntervalMs = o.heartbeatIntervalMs;
		if (o.refuseConnections !== undefined) this.wsOpts.refuseConnections = o.refuseConnections;
		this.restartHeartbeat();
	}

	/** Current WebSocket options. */
	wsOptions(): { heartbeatIntervalMs: number | null; refuseConnections: boolean } {
		return { ...this.wsOpts };
	}

	// -----------------------------------------------------------------------------------------

	private quickContext() {
		return { dialect: this.dialect, profile: this.profile, state: this.state };
	}

	/** `.handle_quick_operation` {context, operation} (not Lagrange); true when handled. */
	private quickOperationAction(action: string, params: Params): boolean {
		if (action !== '.handle_quick_operation' || this.dialect === 'lagrange') return false;
		const { context, operation } = params;
		if (isPlainRecord(context) && isPlainRecord(operation)) {
			this.quickOperations.push(applyQuickOperation(this.quickContext(), context, operation, '.handle_quick_operation', this.requestDecisions));
		}
		return true;
	}

	private stopHeartbeat(): void {
		if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
		this.heartbeatTimer = undefined;
	}

	private restartHeartbeat(): void {
		this.stopHeartbeat();
		const iv = this.wsOpts.heartbeatIntervalMs;
		if (this.closed || !iv || iv <= 0) return;
		this.heartbeatTimer = setInterval(() => {
			this.pushEvent(heartbeatEvent(this.dialect, iv, { selfId: this.state.selfId }));
		}, iv);
	}

	/** Token check of an upgrade request: undefined = pass, else the HTTP status a rejecting dialect answers. */
	private wsAuthFailure(headers: Record<string, string | string[] | undefined>, query: Record<string, string>): number | undefined {
		if (!this.token) return undefined;
		if (this.dialect === 'lagrange') {
			// LGR ForwardWSService: `Bearer <token>` header, the query only without a header; 403 otherwise
			const h = headers['authorization'];
			const header = Array.isArray(h) ? h[0] : h;
			let given: string | undefined;
			if (header === undefined) given = query['access_token'];
			else if (header.startsWith('Bearer ')) given = header.slice('Bearer '.length);
			return given === this.token ? undefined : 403;
		}
		return checkAuth(this.dialect, this.token, headers, query)?.status;
	}

	private handleUpgrade(req: http.IncomingMessage, socket: Socket, head: Buffer): void {
		socket.on('error', () => undefined);
		const u = new URL(req.url ?? '/', 'http://simulator.local');
		const query: Record<string, string> = {};
		for (const [k, v] of u.searchParams) query[k] = v;
		const headers: Record<string, string | string[] | undefined> = { ...req.headers };
		const rec: WsConnectionRecord = { path: u.pathname, query, headers, accepted: false, status: 0, at: Date.now() };
		this.wsConnectionLog.push(rec);
		const refuse = (status: number) => {
			rec.status = status;
			rejectUpgrade(socket, status);
		};
		if (this.closed) {
			socket.destroy();
			return;
		}
		if (this.wsOpts.refuseConnections) return refuse(503);
		if (String(req.headers.upgrade ?? '').toLowerCase() !== 'websocket') return refuse(400);
		const d = this.dialect;
		const authFailure = this.wsAuthFailure(headers, query);
		// go-cqhttp and Lagrange refuse before upgrading; NapCat and LLOneBot upgrade, then answer 1403 and close
		if (authFailure !== undefined && (d === 'gocqhttp' || d === 'lagrange')) return refuse(authFailure);
		this.wss.handleUpgrade(req, socket, head, (ws) => {
			rec.status = 101;
			this.wsSockets.add(ws);
			ws.on('error', () => undefined);
			ws.on('close', () => this.wsSockets.delete(ws));
			if (this.closed) {
				ws.terminate();
				return;
			}
			if (authFailure !== undefined) {
				ws.send(JSON.stringify(envelope(d, { ok: false, retcode: 1403, data: null, code: 'TOKEN_VERIFY_FAILED', text: 'token验证失败', echo: null })));
				ws.close();
				return;
			}
			const roles = wsRoles(d, u.pathname);
			const client: WsClient = { socket: ws, path: u.pathname, events: roles.events, actions: roles.actions, headers };
			this.wsClients.add(client);
			ws.on('close', () => this.wsClients.delete(client));
			rec.accepted = true;
			rec.events = roles.events;
			rec.actions = roles.actions;
			if (roles.events) ws.send(JSON.stringify(lifecycleEvent(d, 'connect', { selfId: this.state.selfId })));
			ws.on('message', (data: RawData, isBinary: boolean) => {
				if (client.actions && !isBinary) this.handleWsFrame(client, rawToString(data));
			});
		});
	}

	/** An action frame `{action, params, echo}`: same handlers as HTTP, the dialect's WebSocket envelope, plus `echo`. */
	private handleWsFrame(client: WsClient, text: string): void {
		const d = this.dialect;
		const rec: RecordedRequest = {
			method: 'WS',
			path: client.path,
			action: '',
			query: {},
			headers: client.headers,
			rawBody: text,
			body: null,
			response: { status: 0, body: '' },
		};
		this.requests.push(rec);
		const parsed = tryJson(text);
		let answer: Record<string, unknown> | undefined;
		if (!parsed.ok || !isPlainRecord(parsed.value)) {
			if (d === 'napcat' || d === 'llonebot') {
				answer = envelope(d, { ok: false, retcode: 1400, data: null, code: 'BAD_REQUEST', text: 'json解析失败，请检查数据格式', echo: null });
			} else if (d === 'gocqhttp') {
				// gjson reads no action from it: API not found
				answer = this.wsDispatch('', {}, undefined, false);
			}
			// Lagrange logs the bad frame and answers nothing
		} else {
			const frame = parsed.value;
			rec.body = frame;
			rec.action = typeof frame.action === 'string' ? frame.action : '';
			const params: Params = isPlainRecord(frame.params) ? { ...frame.params } : {};
			// faults apply to frames as to HTTP requests: `reset` closes the connection without an
			// answer, `delayMs` holds the answer back, `retcode`/`message` fail it
			const fault = this.faults.take(rec.action);
			if (fault?.reset) {
				rec.response = { status: 0, body: '' };
				client.socket.terminate();
				return;
			}
			if (fault?.retcode !== undefined) {
				answer = envelope(d, { ok: false, retcode: fault.retcode, data: null, code: 'FAULT', text: fault.message ?? '', echo: 'echo' in frame ? frame.echo : null });
				if (d === 'lagrange' || (d === 'gocqhttp' && 'echo' in frame)) answer.echo = frame.echo;
			} else {
				answer = this.wsDispatch(rec.action, params, frame.echo, 'echo' in frame);
			}
			if (fault?.delayMs) {
				const delayed = answer;
				void this.sleepers.sleep(fault.delayMs).then(() => this.answerFrame(client, rec, delayed));
				return;
			}
		}
		this.answerFrame(client, rec, answer);
	}

	private answerFrame(client: WsClient, rec: RecordedRequest, answer: Record<string, unknown> | undefined): void {
		if (!answer) return;
		const body = JSON.stringify(answer);
		rec.response = { status: 200, body };
		if (client.socket.readyState === WebSocket.OPEN) client.socket.send(body);
	}

	private wsDispatch(action: string, params: Params, echo: unknown, hasEcho: boolean): Record<string, unknown> {
		const d = this.dialect;
		const nt = d === 'napcat' || d === 'llonebot';
		const echoValue = hasEcho ? echo : null;
		let env: Record<string, unknown>;
		const resolved = resolveAction(d, action);
		const handler = resolved ? HANDLERS[resolved] : undefined;
		if (this.quickOperationAction(action, params)) {
			env = envelope(d, { ok: true, retcode: 0, data: null, echo: echoValue });
		} else if (!resolved || !handler) {
			env = unknownAction(d, action, echoValue).body;
			if (nt) env.retcode = 1404;
		} else {
			const ctx: ActionContext = { dialect: d, profile: this.profile, state: this.state, params, action: resolved };
			try {
				env = envelope(d, { ok: true, retcode: 0, data: handler(ctx), echo: echoValue });
			} catch (err: unknown) {
				const isParam = err instanceof ActionError && err.kind === 'param';
				// NapCat / LLOneBot over WebSocket: bad parameters 1400, handler errors 1200
				let retcode = isParam ? this.profile.paramRetcode : this.profile.handlerRetcode;
				if (nt) retcode = isParam ? 1400 : 1200;
				const message = err instanceof Error ? err.message : String(err);
				const text = !isParam && nt ? `Error: ${message}` : message;
				const code = err instanceof ActionError ? err.code : 'INTERNAL_ERROR';
				env = envelope(d, { ok: false, retcode, data: null, code, text, echo: echoValue });
			}
		}
		if (d === 'gocqhttp' && hasEcho) env = sortKeys({ ...env, echo });
		if (d === 'lagrange') env.echo = echoValue;
		return env;
	}

	private send(res: http.ServerResponse, rec: RecordedRequest, reply: Reply): void {
		sendReply(res, rec, reply, JSON_TYPE[this.dialect]);
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

		const fault = this.faults.take(action);
		if (fault) {
			if (fault.delayMs && fault.delayMs > 0) await this.sleepers.sleep(fault.delayMs);
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
		if (this.quickOperationAction(action, params)) return this.json(envelope(d, { ok: true, retcode: 0, data: null, echo }));
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
