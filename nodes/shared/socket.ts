import { sleep } from 'n8n-workflow';

/**
 * A long-lived WebSocket client for triggers, on Node's built-in WebSocket and n8n's `sleep`
 * (so the n8n Cloud lint rules hold): reconnects with exponential backoff and jitter, can
 * keep a text heartbeat (e.g. PING → PONG) and treats a missed reply or a silent socket as a
 * dead connection, stops for good on a fatal answer, and close() ends every loop and socket.
 */
export interface SocketOptions {
	url: () => string;
	headers?: () => Record<string, string>;
	/** every text frame (binary frames are decoded as UTF-8); return a message to stop for good */
	onFrame: (text: string) => string | void;
	onFatal: (message: string) => void;
	/** after a handshake that never opened: the HTTP status the URL answers, to tell a refused token from a down server */
	probeStatus?: (url: string, headers: Record<string, string>) => Promise<number | undefined>;
	/** which probe statuses are fatal, and what to say */
	fatalStatus?: (status: number) => string | undefined;
	heartbeat?: { intervalMs: number; payload: string; isReply: (text: string) => boolean };
	/** reconnect when no frame arrives for this long; 0 = never */
	idleTimeoutMs?: number;
	minBackoffMs?: number;
	maxBackoffMs?: number;
	random?: () => number;
}

export interface SocketStats {
	connects: number;
	drops: number;
	frames: number;
	deadConnections: number;
}

export class ReconnectingSocket {
	readonly stats: SocketStats = { connects: 0, drops: 0, frames: 0, deadConnections: 0 };

	private readonly abort = new AbortController();

	private socket?: WebSocket;

	private loop?: Promise<void>;

	constructor(private readonly options: SocketOptions) {}

	start(): void {
		this.loop ??= this.run();
	}

	async close(): Promise<void> {
		this.abort.abort(new Error('closed'));
		this.socket?.close(1000, 'workflow deactivated');
		await this.loop;
	}

	get closed(): boolean {
		return this.abort.signal.aborted;
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
			try {
				await sleep(Math.round(ceiling / 2 + ((this.options.random ?? Math.random)() * ceiling) / 2), this.abort.signal);
			} catch {
				return;
			}
		}
	}

	private async connectOnce(): Promise<{ opened: boolean; fatal?: string }> {
		let opened = false;
		let fatal: string | undefined;
		let lastFrame = Date.now();
		let awaitingReply = false;
		const headers = this.options.headers?.() ?? {};
		const url = this.options.url();
		// Node's WebSocket (undici) takes extra handshake headers in its init object.
		const socket = new WebSocket(url, { headers } as unknown as string[]);
		socket.binaryType = 'arraybuffer';
		this.socket = socket;
		const done = new Promise<void>((resolve) => {
			socket.addEventListener('open', () => {
				opened = true;
				lastFrame = Date.now();
				this.stats.connects++;
			});
			socket.addEventListener('message', (message: MessageEvent) => {
				lastFrame = Date.now();
				this.stats.frames++;
				const text = typeof message.data === 'string' ? message.data : new TextDecoder().decode(message.data as ArrayBuffer);
				if (this.options.heartbeat?.isReply(text)) {
					awaitingReply = false;
					return;
				}
				const result = this.options.onFrame(text);
				if (result) {
					fatal = result;
					socket.close();
				}
			});
			socket.addEventListener('close', () => resolve());
			socket.addEventListener('error', () => {
				/* a 'close' always follows */
			});
		});
		const stopWatch = new AbortController();
		const watchdog = this.watch(socket, stopWatch.signal, () => lastFrame, {
			due: () => awaitingReply,
			sent: () => (awaitingReply = true),
		});
		await done;
		stopWatch.abort();
		await watchdog;
		this.socket = undefined;
		if (opened && !this.closed) this.stats.drops++;
		if (!opened && !fatal && !this.closed && this.options.probeStatus) {
			const status = await this.options.probeStatus(url, headers).catch(() => undefined);
			if (status !== undefined) fatal = this.options.fatalStatus?.(status);
		}
		return { opened, fatal };
	}

	/** The heartbeat and idle checks of one connection. */
	private async watch(
		socket: WebSocket,
		stop: AbortSignal,
		lastFrame: () => number,
		reply: { due: () => boolean; sent: () => void },
	): Promise<void> {
		const heartbeat = this.options.heartbeat;
		const idle = this.options.idleTimeoutMs ?? 0;
		if (!heartbeat && idle <= 0) return;
		const both = AbortSignal.any([stop, this.abort.signal]);
		const tick = heartbeat ? heartbeat.intervalMs : Math.max(50, idle / 4);
		try {
			while (!both.aborted) {
				await sleep(tick, both);
				if (socket.readyState !== WebSocket.OPEN) continue;
				if (heartbeat) {
					if (reply.due()) {
						// no reply to the last heartbeat: a dead connection
						this.stats.deadConnections++;
						socket.close(4000, 'heartbeat not answered');
						return;
					}
					socket.send(heartbeat.payload);
					reply.sent();
				}
				if (idle > 0 && Date.now() - lastFrame() > idle) {
					this.stats.deadConnections++;
					socket.close(4000, 'no frames');
					return;
				}
			}
		} catch {
			// stopped
		}
	}
}
