import { sleep } from 'n8n-workflow';

import { parseJsonLossless } from '../../shared/json';
import type { OneBotEvent } from '../message';

export interface WsClientOptions {
	url: string;
	token?: string;
	tokenLocation?: 'header' | 'query';
	onEvent: (event: OneBotEvent) => void;
	/** the connection cannot work (token refused): no more attempts */
	onFatal: (message: string) => void;
	/** after a failed handshake: the HTTP status the same URL answers, to tell a refused token from a down server */
	probeStatus?: (url: string, headers: Record<string, string>) => Promise<number | undefined>;
	minBackoffMs?: number;
	maxBackoffMs?: number;
	/** reconnect when no frame (event or heartbeat) arrives for this long; 0 = never */
	idleTimeoutMs?: number;
	random?: () => number;
}

export interface WsClientStats {
	connects: number;
	drops: number;
	events: number;
}

/**
 * A OneBot forward-WebSocket client: Node's built-in WebSocket, reconnects with exponential
 * backoff and jitter, treats a refused token as fatal, ignores heartbeats and lifecycle
 * events, and stops every loop and socket on close().
 */
export class OneBotWsClient {
	readonly stats: WsClientStats = { connects: 0, drops: 0, events: 0 };

	private readonly abort = new AbortController();

	private socket?: WebSocket;

	private loop?: Promise<void>;

	constructor(private readonly options: WsClientOptions) {}

	start(): void {
		this.loop ??= this.run();
	}

	async close(): Promise<void> {
		this.abort.abort(new Error('closed'));
		this.socket?.close(1000, 'workflow deactivated');
		await this.loop;
	}

	private get closed(): boolean {
		return this.abort.signal.aborted;
	}

	private connectUrl(): string {
		const url = new URL(this.options.url);
		if (this.options.token && this.options.tokenLocation === 'query') url.searchParams.set('access_token', this.options.token);
		return url.toString();
	}

	private headers(): Record<string, string> {
		return this.options.token && this.options.tokenLocation !== 'query' ? { Authorization: `Bearer ${this.options.token}` } : {};
	}

	private async run(): Promise<void> {
		let failures = 0;
		while (!this.closed) {
			const outcome = await this.connectOnce();
			if (this.closed) return;
			if (outcome.fatal) {
				this.options.onFatal(outcome.fatal);
				return;
			}
			failures = outcome.opened ? 1 : failures + 1;
			const min = this.options.minBackoffMs ?? 1000;
			const max = this.options.maxBackoffMs ?? 60_000;
			const ceiling = Math.min(max, min * 2 ** (failures - 1));
			const wait = ceiling / 2 + ((this.options.random ?? Math.random)() * ceiling) / 2;
			try {
				await sleep(Math.round(wait), this.abort.signal);
			} catch {
				return;
			}
		}
	}

	/** One connection, until it closes. */
	private async connectOnce(): Promise<{ opened: boolean; fatal?: string }> {
		let opened = false;
		let fatal: string | undefined;
		let lastFrame = Date.now();
		const socket = new WebSocket(this.connectUrl(), { headers: this.headers() } as unknown as string[]);
		socket.binaryType = 'arraybuffer';
		this.socket = socket;
		const done = new Promise<void>((resolve) => {
			socket.addEventListener('open', () => {
				opened = true;
				this.stats.connects++;
			});
			socket.addEventListener('message', (message: MessageEvent) => {
				lastFrame = Date.now();
				const event = this.parse(message.data);
				if (!event) return;
				if (event.retcode === 1403 || (event.status === 'failed' && event.retcode === 1401)) {
					fatal = 'The OneBot server refused the access token (retcode 1403)';
					socket.close();
					return;
				}
				if (event.post_type === 'meta_event') return;
				if (event.post_type === undefined) return; // API answers on a universal socket
				this.stats.events++;
				this.options.onEvent(event);
			});
			socket.addEventListener('close', () => resolve());
			socket.addEventListener('error', () => {
				/* a 'close' always follows */
			});
		});
		const watchdog = this.watch(socket, () => lastFrame, done);
		await done;
		await watchdog;
		this.socket = undefined;
		if (opened) this.stats.drops += this.closed ? 0 : 1;
		if (!opened && !fatal && !this.closed && this.options.probeStatus) {
			const status = await this.options.probeStatus(this.options.url, this.headers()).catch(() => undefined);
			if (status === 401 || status === 403) fatal = `The OneBot server refused the access token (HTTP ${status})`;
		}
		return { opened, fatal };
	}

	/** Closes a socket that stays silent longer than idleTimeoutMs (a dead connection). */
	private async watch(socket: WebSocket, lastFrame: () => number, done: Promise<void>): Promise<void> {
		const idle = this.options.idleTimeoutMs ?? 0;
		if (idle <= 0) return;
		let finished = false;
		void done.then(() => (finished = true));
		const stop = new AbortController();
		const onAbort = () => stop.abort();
		this.abort.signal.addEventListener('abort', onAbort, { once: true });
		void done.then(() => stop.abort());
		try {
			while (!finished) {
				await sleep(Math.max(50, idle / 4), stop.signal);
				if (!finished && Date.now() - lastFrame() > idle) socket.close(4000, 'no frames');
			}
		} catch {
			// stopped
		} finally {
			this.abort.signal.removeEventListener('abort', onAbort);
		}
	}

	private parse(data: unknown): OneBotEvent | undefined {
		try {
			const text = typeof data === 'string' ? data : new TextDecoder().decode(data as ArrayBuffer);
			const value = parseJsonLossless(text);
			return value && typeof value === 'object' && !Array.isArray(value) ? (value as OneBotEvent) : undefined;
		} catch {
			return undefined;
		}
	}
}
