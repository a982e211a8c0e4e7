/**
 * The Heybox bot event gateway (`wss://chat.xiaoheihe.cn/chatroom/ws/connect`, reference section 6)
 * on the simulator's HTTP server: `ws` in noServer mode, upgrades handled from the server's
 * 'upgrade' event (the approach of the OneBot simulator).
 *
 * Handshake checks, in order: simulator closed → socket destroyed; path not /chatroom/ws/connect
 * → 404; `refuseConnections` → 503; not a WebSocket upgrade → 400; token → 401 (the `token` query
 * parameter and/or the `token` header: at least one given, and every one given equal to the token).
 * There is no hello / identify frame: events flow as soon as the socket is open.
 *
 * Heartbeat: a text frame `PING` (any case, surrounding white space ignored) is answered with the
 * text frame `pongReply` (default 'PONG'); WebSocket ping control frames are answered with a pong
 * control frame. `answerPings: false` answers neither.
 */
import * as http from 'node:http';
import type { Socket } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import type { RawData } from 'ws';
import { FIRST_SEQUENCE, normaliseSequence, stringifyEvent } from './events.ts';
import type { HeyboxEvent } from './events.ts';

export const WS_PATH = '/chatroom/ws/connect';
export const DEFAULT_PONG_REPLY = 'PONG';

export interface HeyboxWsConnectionRecord {
	/** request path as sent */
	path: string;
	/** the query string as decoded key → value (the common query and `token`, as the client sent them) */
	query: Record<string, string>;
	headers: Record<string, string | string[] | undefined>;
	/** true once the socket is open and receiving events */
	accepted: boolean;
	/** 101 when upgraded, else the HTTP status answered (401, 404, 503, 400) */
	status: number;
	/** Date.now() of the upgrade request */
	at: number;
	/** where a token was found */
	tokenVia: 'query' | 'header' | 'both' | 'none';
}

export interface HeyboxWsOptions {
	/** answer text `PING` with `pongReply` and ping control frames with pongs (default true) */
	answerPings?: boolean;
	/** the text answered to `PING` (default 'PONG'; e.g. 'PONG, tag: []') */
	pongReply?: string;
	/** answer every upgrade request with 503 (default false) */
	refuseConnections?: boolean;
	/** re-send the last N pushed events to every new connection (default 0) */
	replayOnConnect?: number;
}

export interface HeyboxWsStats {
	/** text `PING` frames received */
	pings: number;
	/** text pong replies sent */
	pongs: number;
	/** WebSocket ping control frames received */
	controlPings: number;
	/** other frames received (recorded in `wsFrames`) */
	otherFrames: number;
	/** event frames re-sent by `replayEvents` and `replayOnConnect` */
	replayed: number;
}

/** a frame received from a client */
export interface HeyboxWsFrame {
	text: string;
	binary: boolean;
	/** counted as a heartbeat */
	ping: boolean;
	at: number;
}

export interface PushEventOptions {
	/** the envelope sequence (default: the next of an increasing counter starting at 11736260019) */
	sequence?: number | string;
	/** default '' (the builders' notifyType when an event object is pushed) */
	notifyType?: string;
	/** ms (default: the simulated clock) */
	timestamp?: number;
	/** override the simulator's `numericIds` for this event */
	numericIds?: boolean;
}

export interface PushEventResult {
	sequence: string;
	/** open sockets the frame was sent to */
	delivered: number;
}

/** an event in the push log */
export interface PushedEvent {
	sequence: string;
	type: string;
	notifyType: string;
	/** a copy of the data pushed */
	data: Record<string, unknown>;
	timestamp: number;
	/** the exact frame text sent (re-sent unchanged by replays) */
	text: string;
	delivered: number;
	/** Date.now() of the push */
	at: number;
}

export interface ReplayResult {
	/** events re-sent */
	events: number;
	/** frames sent (events × open sockets) */
	frames: number;
}

interface Settings {
	answerPings: boolean;
	pongReply: string;
	refuseConnections: boolean;
	replayOnConnect: number;
}

const DEFAULTS: Settings = { answerPings: true, pongReply: DEFAULT_PONG_REPLY, refuseConnections: false, replayOnConnect: 0 };

/** Close codes a server may send in a close frame. */
function sendableCloseCode(code: number): boolean {
	return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
}

function rawToString(data: RawData): string {
	if (Buffer.isBuffer(data)) return data.toString('utf8');
	if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
	return Buffer.from(data).toString('utf8');
}

/** Answers an upgrade request with a plain HTTP status (and optional JSON body) and closes the socket. */
function rejectUpgrade(socket: Socket, status: number, body = ''): void {
	if (socket.destroyed) return;
	socket.once('finish', () => socket.destroy());
	const type = body ? 'Content-Type: application/json; charset=utf-8\r\n' : '';
	socket.end(`HTTP/1.1 ${status} ${http.STATUS_CODES[status] ?? ''}\r\nConnection: close\r\n${type}Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
}

function isEventObject(v: unknown): v is HeyboxEvent {
	return typeof v === 'object' && v !== null && typeof (v as HeyboxEvent).type === 'string' && typeof (v as HeyboxEvent).data === 'object';
}

/** Used by HeyboxSimulator; the simulator exposes these methods under the same names. */
export class HeyboxGateway {
	readonly connectionLog: HeyboxWsConnectionRecord[] = [];
	readonly stats: HeyboxWsStats = { pings: 0, pongs: 0, controlPings: 0, otherFrames: 0, replayed: 0 };
	readonly frames: HeyboxWsFrame[] = [];
	readonly events: PushedEvent[] = [];
	private readonly token: string;
	private readonly numericIds: boolean;
	private readonly now: () => number;
	private readonly unauthorizedBody: string;
	private readonly wss: WebSocketServer;
	/** every upgraded socket */
	private readonly sockets = new Set<WebSocket>();
	private settings: Settings = { ...DEFAULTS };
	private nextSequence = BigInt(FIRST_SEQUENCE);
	private closed = false;

	constructor(cfg: { token: string; numericIds: boolean; now: () => number; unauthorizedBody: string }) {
		this.token = cfg.token;
		this.numericIds = cfg.numericIds;
		this.now = cfg.now;
		this.unauthorizedBody = cfg.unauthorizedBody;
		this.wss = new WebSocketServer({ noServer: true, clientTracking: false, perMessageDeflate: false, autoPong: false });
	}

	handleUpgrade(req: http.IncomingMessage, socket: Socket, head: Buffer): void {
		socket.on('error', () => undefined);
		const u = new URL(req.url ?? '/', 'http://simulator.local');
		const query: Record<string, string> = {};
		for (const [k, v] of u.searchParams) query[k] = v;
		const headers: Record<string, string | string[] | undefined> = { ...req.headers };
		const h = headers.token;
		const headerToken = Array.isArray(h) ? h[0] : h;
		const queryToken = u.searchParams.has('token') ? (u.searchParams.get('token') ?? '') : undefined;
		const tokenVia = queryToken !== undefined ? (headerToken !== undefined ? 'both' : 'query') : headerToken !== undefined ? 'header' : 'none';
		const rec: HeyboxWsConnectionRecord = { path: u.pathname, query, headers, accepted: false, status: 0, at: Date.now(), tokenVia };
		this.connectionLog.push(rec);
		const refuse = (status: number, body = '') => {
			rec.status = status;
			rejectUpgrade(socket, status, body);
		};
		if (this.closed) {
			socket.destroy();
			return;
		}
		const path = u.pathname.replace(/\/+$/, '');
		if (path !== WS_PATH) return refuse(404);
		if (this.settings.refuseConnections) return refuse(503);
		if (String(req.headers.upgrade ?? '').toLowerCase() !== 'websocket') return refuse(400);
		const given = [queryToken, headerToken].filter((t): t is string => t !== undefined);
		if (given.length === 0 || given.some((t) => t !== this.token)) return refuse(401, this.unauthorizedBody);
		this.wss.handleUpgrade(req, socket, head, (ws) => {
			rec.status = 101;
			this.sockets.add(ws);
			ws.on('error', () => undefined);
			ws.on('close', () => this.sockets.delete(ws));
			if (this.closed) {
				ws.terminate();
				return;
			}
			rec.accepted = true;
			ws.on('message', (data: RawData, isBinary: boolean) => this.onFrame(ws, rawToString(data), isBinary));
			ws.on('ping', (data: Buffer) => {
				this.stats.controlPings++;
				if (this.settings.answerPings && ws.readyState === WebSocket.OPEN) ws.pong(data);
			});
			const n = Math.max(0, Math.floor(this.settings.replayOnConnect));
			if (n > 0) {
				for (const ev of this.events.slice(-n)) {
					ws.send(ev.text);
					this.stats.replayed++;
				}
			}
		});
	}

	push(typeOrEvent: string | HeyboxEvent, dataOrOpts?: object, maybeOpts?: PushEventOptions): PushEventResult {
		let type: string;
		let data: object;
		let opts: PushEventOptions;
		let notifyType = '';
		if (isEventObject(typeOrEvent)) {
			type = typeOrEvent.type;
			data = typeOrEvent.data;
			notifyType = typeOrEvent.notifyType ?? '';
			opts = (dataOrOpts as PushEventOptions | undefined) ?? {};
		} else {
			type = String(typeOrEvent);
			data = dataOrOpts ?? {};
			opts = maybeOpts ?? {};
		}
		let sequence: string;
		if (opts.sequence !== undefined) {
			sequence = normaliseSequence(opts.sequence);
			const s = BigInt(sequence);
			if (s >= this.nextSequence) this.nextSequence = s + 1n;
		} else {
			sequence = this.nextSequence.toString();
			this.nextSequence += 1n;
		}
		const timestamp = Math.floor(opts.timestamp ?? this.now());
		const text = stringifyEvent({ sequence, type, notify_type: opts.notifyType ?? notifyType, data, timestamp }, opts.numericIds ?? this.numericIds);
		const delivered = this.sendAll(text);
		this.events.push({ sequence, type, notifyType: opts.notifyType ?? notifyType, data: structuredClone(data) as Record<string, unknown>, timestamp, text, delivered, at: Date.now() });
		return { sequence, delivered };
	}

	/** Re-sends logged events (sequence ≥ fromSequence, all when omitted) unchanged, in push order. */
	replay(fromSequence?: number | string): ReplayResult {
		const from = fromSequence === undefined ? undefined : BigInt(normaliseSequence(fromSequence));
		let events = 0;
		let frames = 0;
		for (const ev of [...this.events]) {
			if (from !== undefined && BigInt(ev.sequence) < from) continue;
			events++;
			const n = this.sendAll(ev.text);
			frames += n;
			this.stats.replayed += n;
		}
		return { events, frames };
	}

	/** Sends a raw text frame to every open socket (e.g. a malformed or unknown frame); returns how many got it. */
	sendRaw(text: string): number {
		return this.sendAll(text);
	}

	connections(): number {
		let n = 0;
		for (const ws of this.sockets) if (ws.readyState === WebSocket.OPEN) n++;
		return n;
	}

	/** without `code` (or with one a server cannot send) the TCP connections are destroyed (client sees 1006); else a close frame */
	drop(code?: number): number {
		let n = 0;
		for (const ws of [...this.sockets]) {
			n++;
			if (code !== undefined && sendableCloseCode(code)) ws.close(code, 'dropped by simulator');
			else ws.terminate();
		}
		return n;
	}

	setOptions(o: HeyboxWsOptions): void {
		if (o.answerPings !== undefined) this.settings.answerPings = o.answerPings;
		if (o.pongReply !== undefined) this.settings.pongReply = o.pongReply;
		if (o.refuseConnections !== undefined) this.settings.refuseConnections = o.refuseConnections;
		if (o.replayOnConnect !== undefined) this.settings.replayOnConnect = o.replayOnConnect;
	}

	options(): Required<HeyboxWsOptions> {
		return { ...this.settings };
	}

	/** clears logs, stats and options and restarts the sequence counter; open sockets stay open */
	reset(): void {
		this.connectionLog.length = 0;
		this.frames.length = 0;
		this.events.length = 0;
		this.stats.pings = 0;
		this.stats.pongs = 0;
		this.stats.controlPings = 0;
		this.stats.otherFrames = 0;
		this.stats.replayed = 0;
		this.settings = { ...DEFAULTS };
		this.nextSequence = BigInt(FIRST_SEQUENCE);
	}

	close(): void {
		if (this.closed) return;
		this.closed = true;
		for (const ws of this.sockets) ws.terminate();
		this.sockets.clear();
		this.wss.close();
	}

	private sendAll(text: string): number {
		let n = 0;
		for (const ws of this.sockets) {
			if (ws.readyState === WebSocket.OPEN) {
				ws.send(text);
				n++;
			}
		}
		return n;
	}

	private onFrame(ws: WebSocket, text: string, binary: boolean): void {
		const ping = !binary && text.trim().toUpperCase() === 'PING';
		this.frames.push({ text, binary, ping, at: Date.now() });
		if (!ping) {
			this.stats.otherFrames++;
			return;
		}
		this.stats.pings++;
		if (this.settings.answerPings && ws.readyState === WebSocket.OPEN) {
			ws.send(this.settings.pongReply);
			this.stats.pongs++;
		}
	}
}
