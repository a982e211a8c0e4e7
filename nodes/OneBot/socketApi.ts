import { randomBytes } from 'crypto';
import { sleep } from 'n8n-workflow';

import { parseJsonLossless, stringifyJson } from '../shared/json';

/**
 * The OneBot v11 API over a forward WebSocket (`ws://host:port/` or `/api`): one connection for a
 * whole execution, requests `{"action", "params", "echo"}` pipelined, each answer matched by its
 * echo. Frames without a pending echo (events, heartbeats on the universal endpoint) are ignored.
 * Free of n8n types; the transport maps failures to n8n errors.
 */

export class SocketCallError extends Error {
	constructor(
		message: string,
		/** ECONNREFUSED (no connection), ECONNRESET (lost with requests pending), ETIMEDOUT, EAUTH */
		readonly code: string,
		/** whether the request may have reached the server */
		readonly mayHaveBeenDelivered: boolean,
	) {
		super(message);
		this.name = 'SocketCallError';
	}
}

export interface SocketApiOptions {
	url: string;
	token?: string;
	tokenLocation?: 'header' | 'query';
	openTimeoutMs?: number;
}

interface Pending {
	action: string;
	resolve: (answer: SocketAnswer) => void;
	reject: (error: SocketCallError) => void;
	/** Date.now() after which the call fails with ETIMEDOUT */
	deadline: number;
	timeoutMs: number;
}

/** A cheap abort reason: without one, every abort builds a DOMException (≈ 30 µs with its stack). */
const CANCELLED = new Error('cancelled');

/** Runs `onFire` after `ms` unless cancelled first (n8n's sleep: nodes may not use setTimeout). */
function startTimer(ms: number, onFire: () => void): () => void {
	const controller = new AbortController();
	sleep(ms, controller.signal).then(onFire, () => {
		/* cancelled */
	});
	return () => controller.abort(CANCELLED);
}

/** How often pending calls are checked against their deadline. */
const SWEEP_MS = 100;

/** An answer frame: its text and its value, parsed once (losslessly). */
export interface SocketAnswer {
	text: string;
	value: unknown;
}

function parseFrame(text: string): { value: unknown; echo?: string; retcode?: unknown } {
	try {
		const value = parseJsonLossless(text) as { echo?: unknown; retcode?: unknown } | null;
		if (!value || typeof value !== 'object') return { value };
		return { value, echo: value.echo === undefined || value.echo === null ? undefined : String(value.echo), retcode: value.retcode };
	} catch {
		return { value: undefined };
	}
}

export class OneBotSocketApi {
	private socket?: WebSocket;
	private opening?: Promise<WebSocket>;
	private readonly pending = new Map<string, Pending>();
	private readonly prefix = randomBytes(4).toString('hex');
	private counter = 0;
	private closed = false;
	/** the deadline sweeper: one timer for all pending calls instead of one per call */
	private sweeping = false;
	/** set when the server refused the token: every later call fails at once */
	private refused?: SocketCallError;

	constructor(private readonly options: SocketApiOptions) {}

	get url(): string {
		return this.options.url;
	}

	/** Opens the connection if it is not open (rejects with a SocketCallError, nothing sent). */
	async ready(): Promise<void> {
		await this.open();
	}

	get isOpen(): boolean {
		return this.socket?.readyState === WebSocket.OPEN;
	}

	/** Sends one action and resolves to its answer frame (an OneBot envelope). */
	async call(action: string, params: object, timeoutMs: number): Promise<SocketAnswer> {
		const socket = await this.open();
		const echo = `${this.prefix}-${++this.counter}`;
		const frame = `{"action":${JSON.stringify(action)},"params":${stringifyJson(params)},"echo":${JSON.stringify(echo)}}`;
		return await new Promise<SocketAnswer>((resolve, reject) => {
			this.pending.set(echo, { action, resolve, reject, deadline: Date.now() + timeoutMs, timeoutMs });
			if (!this.sweeping) void this.sweep();
			try {
				socket.send(frame);
			} catch {
				this.pending.delete(echo);
				reject(new SocketCallError('The WebSocket connection closed before the request was sent', 'ECONNRESET', false));
			}
		});
	}

	async close(): Promise<void> {
		this.closed = true;
		const socket = this.socket ?? (await this.opening?.catch(() => undefined));
		this.failPending(new SocketCallError('The execution ended before the answer arrived', 'ECONNRESET', true));
		if (!socket || socket.readyState === WebSocket.CLOSED) return;
		await new Promise<void>((resolve) => {
			const cancelTimer = startTimer(1000, resolve);
			socket.addEventListener('close', () => {
				cancelTimer();
				resolve();
			});
			socket.close(1000);
		});
	}

	private failPending(error: SocketCallError): void {
		for (const [echo, entry] of this.pending) {
			this.pending.delete(echo);
			entry.reject(error);
		}
	}

	/** Fails calls past their deadline; runs while calls are pending. */
	private async sweep(): Promise<void> {
		this.sweeping = true;
		try {
			while (this.pending.size > 0) {
				await sleep(SWEEP_MS);
				const now = Date.now();
				for (const [echo, entry] of this.pending) {
					if (entry.deadline > now) continue;
					this.pending.delete(echo);
					entry.reject(new SocketCallError(`No answer to ${entry.action} within ${entry.timeoutMs} ms`, 'ETIMEDOUT', true));
				}
			}
		} finally {
			this.sweeping = false;
		}
	}

	private async open(): Promise<WebSocket> {
		if (this.refused) throw this.refused;
		if (this.closed) throw new SocketCallError('The WebSocket connection is closed', 'ECONNREFUSED', false);
		if (this.isOpen) return this.socket!;
		this.opening ??= this.connect().finally(() => {
			this.opening = undefined;
		});
		return await this.opening;
	}

	private async connect(): Promise<WebSocket> {
		const { token, tokenLocation } = this.options;
		const url = new URL(this.options.url);
		if (token && tokenLocation === 'query') url.searchParams.set('access_token', token);
		const headers: Record<string, string> = token && tokenLocation !== 'query' ? { Authorization: `Bearer ${token}` } : {};
		// Node's WebSocket (undici) takes extra handshake headers in its init object.
		const socket = new WebSocket(url.toString(), { headers } as unknown as string[]);
		return await new Promise<WebSocket>((resolve, reject) => {
			let opened = false;
			const openTimeoutMs = this.options.openTimeoutMs ?? 5_000;
			const cancelTimer = startTimer(openTimeoutMs, () => {
				reject(new SocketCallError(`The WebSocket server did not accept the connection within ${openTimeoutMs} ms`, 'ETIMEDOUT', false));
				socket.close();
			});
			socket.addEventListener('open', () => {
				opened = true;
				cancelTimer();
				this.socket = socket;
				resolve(socket);
			});
			socket.addEventListener('message', (message: MessageEvent) => {
				const text = typeof message.data === 'string' ? message.data : new TextDecoder().decode(message.data as ArrayBuffer);
				this.onFrame(text);
			});
			socket.addEventListener('error', () => {
				/* a 'close' always follows */
			});
			socket.addEventListener('close', (event: CloseEvent) => {
				cancelTimer();
				if (this.socket === socket) this.socket = undefined;
				if (!opened) {
					reject(new SocketCallError(`Could not open the WebSocket connection (close code ${event.code})`, 'ECONNREFUSED', false));
					return;
				}
				this.failPending(new SocketCallError(`The WebSocket connection closed (code ${event.code}) before the answer arrived`, 'ECONNRESET', true));
			});
		});
	}

	private onFrame(text: string): void {
		const { value, echo, retcode } = parseFrame(text);
		const entry = echo === undefined ? undefined : this.pending.get(echo);
		if (entry) {
			this.pending.delete(echo!);
			entry.resolve({ text, value });
			return;
		}
		// NapCat accepts the handshake, then refuses a wrong token with a retcode 1403 frame.
		if (echo === undefined && retcode === 1403) {
			this.refused = new SocketCallError('The OneBot server refused the access token (retcode 1403)', 'EAUTH', false);
			this.failPending(this.refused);
			this.socket?.close();
		}
	}
}
