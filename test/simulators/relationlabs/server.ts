/**
 * A local RelationLabs "Relation ONE" open API server (reference: /work/shared/reference/relationlabs.md)
 * that answers like https://api.relationlabs.ai/api/v1/... node:http and node:crypto only.
 *
 *   const sim = await RelationLabsSimulator.start({ apiKey: 'k', numericIds: false });
 *   const addressAuthToken = sim.issueAddressToken();                 // the bot's, as the signature canister would give
 *   POST `${sim.url}/api/v1/auth` (ApiKey, I-Authorization: Bearer <addressAuthToken>, body {}) → data.token
 *   POST `${sim.url}/api/v1/message/send` (ApiKey, Authorization: Bearer <token>, JSON)  → {channelUuid, id}
 *   sim.postMessage({ from: USERS.alice, content: 'hi' }); sim.advance(8 * 86400000); sim.expireTokens();
 *   sim.fault({ path: 'message/send', code: '10110' }); sim.last('message/send'); await sim.close();
 *
 * Order of checks for every request: fault (if queued) → unknown path 404 → wrong method 405 →
 * `ApiKey` 401 → rate limit (10110) → token (Authorization, or I-Authorization on /api/v1/auth:
 * 10101/10102/10100) → POST Content-Type 415 / JSON body 400 → endpoint rules (10112, 13xxx, …) → state.
 * From the rate limit on, failures are HTTP 200 `{"code":"<code>","desc":"…","data":null}`.
 */
import { randomBytes } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { DESC, ROUTES, RelationLabsError } from './handlers.ts';
import type { Body, HandlerContext, Route } from './handlers.ts';
import { renderInbox } from './inbox.ts';
import { parseTagged, stringifyResponse, toPlain } from './json.ts';
import { ADDRESS_HEADER, TokenSigner, UNIFIED_HEADER, UNIFIED_ISSUER, newJti } from './jwt.ts';
import type { AddressTokenSubject } from './jwt.ts';
import { RelationLabsState, USERS, newAddress } from './state.ts';
import type { User } from './state.ts';
import { FaultQueue } from '../shared/faults.ts';
import { sendReply } from '../shared/reply.ts';
import type { Reply } from '../shared/reply.ts';
import { Sleepers } from '../shared/sleepers.ts';
import { normPath, pathMatches } from '../shared/paths.ts';

export interface RelationLabsFault {
	/** only requests for this path (full path, or its tail such as 'message/send'); default any */
	path?: string;
	/** how many matching requests it applies to (default 1; Infinity = until reset) */
	times?: number;
	/** HTTP status to answer with (alone: an empty body; with `code` or `body`: their status) */
	status?: number;
	/** wait before answering (then answer normally unless other fields are set) */
	delayMs?: number;
	/** destroy the socket without answering */
	reset?: boolean;
	/** raw body to answer with */
	body?: string;
	/** content type for `body` (default text/html when it starts with '<', else application/json) */
	contentType?: string;
	/** answer `{code, desc, data: null}` (HTTP 200 unless `status`), e.g. '10110', '10111', '10002', '10100' */
	code?: string;
	/** desc for `code` (default: the documented desc of that code) */
	desc?: string;
	/**
	 * Process the request first (it takes effect), then apply the fault to the answer: a lost or
	 * failed answer to a request that did land, e.g. `{ afterAction: true, reset: true }`. With
	 * nothing else set the answer is an empty HTTP 502.
	 */
	afterAction?: boolean;
}

export interface RelationLabsRecordedRequest {
	method: string;
	path: string;
	query: Record<string, string>;
	headers: Record<string, string | string[] | undefined>;
	/** the body as UTF-8 text */
	rawBody: string;
	/** JSON body parsed losslessly (integers above 2^53 as digit strings), or null */
	body: any;
	/** status 0 = the socket was destroyed (reset fault) or the simulator closed first */
	response: { status: number; body: string };
}

export interface RelationLabsSimulatorOptions {
	/** the ApiKey every call must carry (default 'test-relationlabs-apikey') */
	apiKey?: string;
	port?: number;
	/** default 127.0.0.1 */
	host?: string;
	/** lifetime of unifiedAuthTokens from /api/v1/auth (default 7 days) */
	unifiedTokenTtlMs?: number;
	/** requests per path per (simulated) minute; null = off (default) */
	rateLimitPerMinute?: number | null;
	/** write message ids (`id`) in responses as bare 19-digit JSON numbers */
	numericIds?: boolean;
}

export interface IssueAddressTokenOptions {
	/** web3 address (eth); default: the user's first address, or a new random one */
	address?: string;
	/** the account the address belongs to; default: whoever holds `address`, or a new account (the bot when neither is given) */
	relationId?: string;
	/** name for a newly created account */
	name?: string;
	/** default 7 days */
	ttlMs?: number;
}

export interface IssueUnifiedTokenOptions {
	/** exp (simulated ms, rounded down to seconds); default now + unifiedTokenTtlMs. In the past = an expired token (10100) */
	expiresAt?: number;
	/** iss claim (default 'relationlabs.ai'; anything else → 10102 token issuer error) */
	issuer?: string;
}

export const DEFAULT_API_KEY = 'test-relationlabs-apikey';
export const DAY_MS = 86400000;
export const UNIFIED_TOKEN_TTL_MS = 7 * DAY_MS;
export const ADDRESS_TOKEN_TTL_MS = 7 * DAY_MS;
/** desc of the HTTP 401 answer for a missing or wrong ApiKey */
export const API_KEY_DESC = 'invalid ApiKey';

const JSON_TYPE = 'application/json;charset=UTF-8';
const WINDOW_MS = 60000;
const REASONS: Record<number, string> = { 400: 'Bad Request', 404: 'Not Found', 405: 'Method Not Allowed', 415: 'Unsupported Media Type' };

function header(h: http.IncomingHttpHeaders, name: string): string | undefined {
	const v = h[name];
	return Array.isArray(v) ? v[0] : v;
}

/** the token of `Bearer <token>` (case-insensitive "bearer"), '' when the header is malformed, undefined when absent */
function bearer(value: string | undefined): string | undefined {
	if (value === undefined) return undefined;
	const m = /^\s*bearer\s+(\S+)\s*$/i.exec(value);
	return m ? m[1] : '';
}

export class RelationLabsSimulator {
	readonly requests: RelationLabsRecordedRequest[] = [];
	readonly state = new RelationLabsState();
	readonly stats = { duplicateSendUuids: 0, rateLimited: 0, exchanges: 0 };
	readonly apiKey: string;
	readonly numericIds: boolean;
	readonly unifiedTokenTtlMs: number;
	private readonly server: http.Server;
	private readonly sockets = new Set<Socket>();
	private readonly sleepers = new Sleepers();
	private readonly secret = randomBytes(32);
	private readonly unifiedSigner: TokenSigner;
	private readonly addressSigner: TokenSigner;
	private readonly initialRateLimit: number | null;
	private rateLimit: number | null;
	private readonly windows = new Map<string, number[]>();
	/** jti of every unifiedAuthToken issued since the last reset */
	private issued: string[] = [];
	/** jti made expired by expireTokens() */
	private readonly expired = new Set<string>();
	private readonly faults = new FaultQueue<RelationLabsFault>((f, path) => f.path === undefined || pathMatches(path, f.path));
	private baseUrl = '';
	private closed = false;
	private offsetMs = 0;

	private constructor(opts: RelationLabsSimulatorOptions) {
		this.apiKey = opts.apiKey ?? DEFAULT_API_KEY;
		this.numericIds = opts.numericIds ?? false;
		this.unifiedTokenTtlMs = opts.unifiedTokenTtlMs ?? UNIFIED_TOKEN_TTL_MS;
		this.initialRateLimit = opts.rateLimitPerMinute ?? null;
		this.rateLimit = this.initialRateLimit;
		this.unifiedSigner = new TokenSigner(this.secret, 'unifiedAuthToken');
		this.addressSigner = new TokenSigner(this.secret, 'addressAuthToken');
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
	static async start(opts: RelationLabsSimulatorOptions = {}): Promise<RelationLabsSimulator> {
		const sim = new RelationLabsSimulator(opts);
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

	/** 'http://127.0.0.1:<port>' (stands for https://api.relationlabs.ai; paths are /api/v1/...) */
	get url(): string {
		return this.baseUrl;
	}

	/** simulated clock (ms): real time plus `advance()`; used for createAt, token iat/exp and rate-limit windows */
	now(): number {
		return Date.now() + this.offsetMs;
	}

	/** moves the simulated clock forward */
	advance(ms: number): void {
		if (ms > 0) this.offsetMs += ms;
	}

	requestsFor(path: string): RelationLabsRecordedRequest[] {
		return this.requests.filter((r) => pathMatches(r.path, path));
	}

	last(path?: string): RelationLabsRecordedRequest | undefined {
		for (let i = this.requests.length - 1; i >= 0; i--) {
			if (path === undefined || pathMatches(this.requests[i].path, path)) return this.requests[i];
		}
		return undefined;
	}

	/** Queues a fault; faults are consumed in order by matching requests. */
	fault(f: RelationLabsFault): void {
		this.faults.push(f);
	}

	/** Requests per path per simulated minute; null = off. Clears the windows. */
	setRateLimit(perMinute: number | null): void {
		this.rateLimit = perMinute;
		this.windows.clear();
	}

	// ------------------------------------------------------------------------------------ tokens

	/**
	 * An addressAuthToken (as the signature canister returns) that /api/v1/auth accepts. The account
	 * is created now if new (with `relationId` when given). No options: the bot's own address.
	 */
	issueAddressToken(opts: IssueAddressTokenOptions = {}): string {
		const now = this.now();
		let user: User | undefined;
		if (opts.relationId !== undefined) {
			user = this.state.users.get(opts.relationId);
			const holder = opts.address !== undefined ? this.state.findUser(opts.address) : undefined;
			if (holder && holder.relationId !== opts.relationId) throw new Error(`address ${opts.address} belongs to ${holder.relationId}, not ${opts.relationId}`);
			if (!user) user = this.state.addUser({ relationId: opts.relationId, name: opts.name, address: opts.address, createdAt: now });
			else if (opts.address !== undefined && !holder) user.addresses.push({ address: opts.address.toLowerCase(), chainName: 'eth' });
		} else if (opts.address !== undefined) {
			user = this.state.findUser(opts.address) ?? this.state.addUser({ name: opts.name, address: opts.address, createdAt: now });
		} else {
			user = this.state.users.get(USERS.bot) ?? this.state.addUser({ relationId: USERS.bot, name: 'n8n bot', address: newAddress(), createdAt: now });
		}
		const address = (opts.address ?? user.addresses.find((a) => a.chainName === 'eth')?.address ?? user.addresses[0].address).toLowerCase();
		const iat = Math.floor(now / 1000);
		const sub: AddressTokenSubject = { accountSource: 'eth', address, userPrincipal: '' };
		return this.addressSigner.sign(ADDRESS_HEADER, { sub: JSON.stringify(sub), iat, exp: iat + Math.floor((opts.ttlMs ?? ADDRESS_TOKEN_TTL_MS) / 1000), jti: newJti() });
	}

	/**
	 * A unifiedAuthToken for a relationId, as /api/v1/auth returns it (the account is created if
	 * unknown). `expiresAt` in the past gives an expired token; `issuer` a wrong-issuer one.
	 */
	issueUnifiedToken(relationId: string, opts: IssueUnifiedTokenOptions = {}): string {
		const now = this.now();
		if (!this.state.users.has(relationId)) this.state.addUser({ relationId, createdAt: now });
		const iat = Math.floor(now / 1000);
		const exp = opts.expiresAt !== undefined ? Math.floor(opts.expiresAt / 1000) : iat + Math.floor(this.unifiedTokenTtlMs / 1000);
		const jti = newJti();
		this.issued.push(jti);
		return this.unifiedSigner.sign(UNIFIED_HEADER, { jti, iss: opts.issuer ?? UNIFIED_ISSUER, iat, sub: relationId, exp });
	}

	/** Every unifiedAuthToken issued so far (API or issueUnifiedToken) is answered 10100 token expired from now on. */
	expireTokens(): void {
		for (const jti of this.issued) this.expired.add(jti);
	}

	/** Checks a unifiedAuthToken like the API does: the user, or the token error. */
	verifyUnifiedToken(token: string): User | RelationLabsError {
		const v = this.unifiedSigner.verify(token);
		if (!v.ok) return new RelationLabsError('10101');
		const p = v.payload;
		if (p.iss !== UNIFIED_ISSUER) return new RelationLabsError('10102');
		if (typeof p.exp !== 'number' || p.exp * 1000 <= this.now() || (typeof p.jti === 'string' && this.expired.has(p.jti))) return new RelationLabsError('10100');
		const user = typeof p.sub === 'string' ? this.state.users.get(p.sub) : undefined;
		return user ?? new RelationLabsError('10101');
	}

	private verifyAddressToken(token: string): { address: string; accountSource: string } | RelationLabsError {
		const v = this.addressSigner.verify(token);
		if (!v.ok) return new RelationLabsError('10101');
		const p = v.payload;
		if (typeof p.exp !== 'number' || p.exp * 1000 <= this.now()) return new RelationLabsError('10100');
		try {
			const sub = JSON.parse(String(p.sub)) as Partial<AddressTokenSubject>;
			if (typeof sub.address !== 'string' || !/^0x[0-9a-fA-F]{40}$/.test(sub.address)) return new RelationLabsError('10101');
			return { address: sub.address.toLowerCase(), accountSource: typeof sub.accountSource === 'string' ? sub.accountSource : 'eth' };
		} catch {
			return new RelationLabsError('10101');
		}
	}

	// ---------------------------------------------------------------------------- test helpers

	/**
	 * Injects an incoming message from another user (for polling triggers), bypassing the API's
	 * rules (blocking, membership). With `channelUuid`: posted there (`from` must be a member);
	 * otherwise a DM from `from` to `toRelationId` (default: the bot), creating the p2p chat if needed.
	 * Every other member's unread counter goes up.
	 */
	postMessage(opts: { channelUuid?: string; from: string; toRelationId?: string; content: string; type?: string; createAt?: number; quoteId?: string; mentionedUser?: string[] }): { id: string; channelUuid: string } {
		const from = this.state.users.get(opts.from);
		if (!from) throw new Error(`postMessage: unknown sender ${opts.from}`);
		let ch;
		if (opts.channelUuid !== undefined) {
			ch = this.state.channels.get(opts.channelUuid);
			if (!ch) throw new Error(`postMessage: unknown channel ${opts.channelUuid}`);
			if (!this.state.member(ch, from.relationId)) throw new Error(`postMessage: ${from.relationId} is not a member of ${opts.channelUuid}`);
		} else {
			const to = opts.toRelationId ?? this.state.botRelationId;
			if (!this.state.users.has(to)) throw new Error(`postMessage: unknown receiver ${to}`);
			if (to === from.relationId) throw new Error('postMessage: from and toRelationId are the same user');
			ch = this.state.p2p(from.relationId, to, this.now());
		}
		const createAt = opts.createAt ?? this.now();
		const sendUuid = `${from.relationId}-${randomBytes(16).toString('hex')}-${createAt}-${Math.floor(Math.random() * 1e8)}`;
		const msg = this.state.post(ch, { from: from.relationId, type: opts.type ?? 'TEXT', content: opts.content, sendUuid, createAt, quoteId: opts.quoteId ?? null, mentionedUser: opts.mentionedUser });
		this.state.sendUuids.set(`${from.relationId}\n${sendUuid}`, { channelUuid: ch.uuid, id: msg.id });
		return { id: msg.id, channelUuid: ch.uuid };
	}

	/**
	 * Restores the seed, clears requests, faults, stats, rate-limit windows (limit back to the
	 * start option), the issued/expired token lists and the clock offset. Tokens issued before
	 * stay verifiable (same signing secret); expireTokens() no longer applies to them.
	 */
	reset(): void {
		this.requests.length = 0;
		this.faults.clear();
		this.stats.duplicateSendUuids = 0;
		this.stats.rateLimited = 0;
		this.stats.exchanges = 0;
		this.rateLimit = this.initialRateLimit;
		this.windows.clear();
		this.issued = [];
		this.expired.clear();
		this.offsetMs = 0;
		this.state.reset();
	}

	async close(): Promise<void> {
		if (this.closed) return;
		this.closed = true;
		this.sleepers.wakeAll();
		await new Promise<void>((resolve) => {
			this.server.close(() => resolve());
			for (const s of this.sockets) s.destroy();
			this.server.closeAllConnections?.();
		});
	}

	// ---------------------------------------------------------------------------------- internals

	private send(res: http.ServerResponse, rec: RelationLabsRecordedRequest | undefined, reply: Reply): void {
		sendReply(res, rec, reply, JSON_TYPE);
	}

	/** `{code, desc, data: null}` */
	private envelope(code: string, desc?: string, status = 200): Reply {
		return { status, body: JSON.stringify({ code, desc: desc ?? DESC[code] ?? 'error', data: null }), contentType: JSON_TYPE };
	}

	/** Spring-style transport error (404, 405, 415, 400) */
	private httpError(status: number, path: string, message?: string): Reply {
		const body: Record<string, unknown> = { timestamp: new Date(this.now()).toISOString(), status, error: REASONS[status] ?? 'Error', path };
		if (message) body.message = message;
		return { status, body: JSON.stringify(body), contentType: JSON_TYPE };
	}

	private faultReply(f: RelationLabsFault): Reply | undefined {
		if (f.body !== undefined) {
			const ct = f.contentType ?? (f.body.trimStart().startsWith('<') ? 'text/html; charset=utf-8' : 'application/json');
			return { status: f.status ?? 200, body: f.body, contentType: ct };
		}
		if (f.code !== undefined) return this.envelope(f.code, f.desc, f.status ?? 200);
		if (f.status !== undefined) return { status: f.status, body: '' };
		return undefined;
	}

	private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
		const chunks: Buffer[] = [];
		for await (const c of req) chunks.push(c as Buffer);
		const rawBody = Buffer.concat(chunks).toString('utf8');
		const u = new URL(req.url ?? '/', 'http://simulator.local');
		const method = (req.method ?? 'GET').toUpperCase();
		const query: Record<string, string> = {};
		for (const [k, v] of u.searchParams) query[k] = v;
		const path = normPath(u.pathname);

		// sandbox endpoints: not recorded, no ApiKey, no rate limit
		if (method === 'GET' && path === '/__inbox') {
			this.send(res, undefined, { status: 200, body: renderInbox(this.state), contentType: 'text/html; charset=utf-8' });
			return;
		}
		if (method === 'GET' && path === '/__requests') {
			this.send(res, undefined, { status: 200, body: JSON.stringify(this.requests, null, 2) });
			return;
		}

		let tagged: unknown;
		let tagError = false;
		let body: any = null;
		if (rawBody.trim() !== '') {
			try {
				tagged = parseTagged(rawBody);
				body = toPlain(tagged);
			} catch {
				tagError = true;
			}
		}
		const rec: RelationLabsRecordedRequest = { method, path, query, headers: { ...req.headers }, rawBody, body, response: { status: 0, body: '' } };
		this.requests.push(rec);

		const fault = this.faults.take(path);
		if (fault) {
			if (fault.delayMs && fault.delayMs > 0) await this.sleepers.sleep(fault.delayMs);
			if (this.closed) return;
			if (fault.afterAction) this.process(method, path, req.headers, query, u.searchParams, rawBody, tagged, tagError);
			if (fault.reset) {
				rec.response = { status: 0, body: '' };
				req.socket.destroy();
				return;
			}
			const reply = this.faultReply(fault) ?? (fault.afterAction ? { status: 502, body: '' } : undefined);
			if (reply) {
				this.send(res, rec, reply);
				return;
			}
		}
		if (this.closed) return;
		this.send(res, rec, this.process(method, path, req.headers, query, u.searchParams, rawBody, tagged, tagError));
	}

	private process(method: string, path: string, headers: http.IncomingHttpHeaders, query: Record<string, string>, search: URLSearchParams, rawBody: string, tagged: unknown, tagError: boolean): Reply {
		const route: Route | undefined = ROUTES[path];
		if (!route) return this.httpError(404, path);
		if (method !== route.method) {
			const r = this.httpError(405, path, `Request method '${method}' not supported`);
			r.headers = { Allow: route.method };
			return r;
		}

		if (header(headers, 'apikey') !== this.apiKey) return this.envelope('-1', API_KEY_DESC, 401);

		// rate limit per path: a refused request takes no slot and has no effect
		const now = this.now();
		if (this.rateLimit !== null) {
			const stamps = this.windows.get(path) ?? [];
			while (stamps.length > 0 && stamps[0] <= now - WINDOW_MS) stamps.shift();
			if (stamps.length >= this.rateLimit) {
				this.stats.rateLimited++;
				return this.envelope('10110');
			}
			stamps.push(now);
			this.windows.set(path, stamps);
		}

		// tokens
		let caller: User | null = null;
		let address: { address: string; accountSource: string } | undefined;
		if (route.auth === 'address') {
			const token = bearer(header(headers, 'i-authorization'));
			if (!token) return this.envelope('10101');
			const a = this.verifyAddressToken(token);
			if (a instanceof RelationLabsError) return this.envelope(a.code, a.message);
			address = a;
		} else {
			const token = bearer(header(headers, 'authorization'));
			if (token !== undefined || route.auth === 'required') {
				if (!token) return this.envelope('10101');
				const v = this.verifyUnifiedToken(token);
				if (v instanceof RelationLabsError) return this.envelope(v.code, v.message);
				caller = v;
			}
		}

		// body
		let b: Body = {};
		if (method === 'POST') {
			const ct = header(headers, 'content-type');
			const media = (ct ?? '').split(';')[0].trim().toLowerCase();
			if (media !== 'application/json') return this.httpError(415, path, `Content-Type '${ct ?? ''}' is not supported`);
			if (rawBody.trim() === '') return this.httpError(400, path, 'Required request body is missing');
			if (tagError) return this.httpError(400, path, 'JSON parse error');
			if (tagged === null || typeof tagged !== 'object' || Array.isArray(tagged)) return this.httpError(400, path, 'JSON parse error: the body must be an object');
			b = tagged as Body;
		}

		const ctx: HandlerContext = {
			state: this.state,
			caller,
			body: b,
			query,
			search,
			now,
			duplicateSendUuid: () => {
				this.stats.duplicateSendUuids++;
			},
			address,
			issueUnified: (relationId) => this.issueUnifiedToken(relationId),
			exchanged: () => {
				this.stats.exchanges++;
			},
		};
		try {
			const data = route.handler(ctx);
			return { status: 200, body: stringifyResponse({ code: '0', desc: 'success', data }, this.numericIds), contentType: JSON_TYPE };
		} catch (err) {
			if (err instanceof RelationLabsError) return this.envelope(err.code, err.message);
			throw err;
		}
	}
}
