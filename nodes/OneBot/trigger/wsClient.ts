import { parseJsonLossless } from '../../shared/json';
import { ReconnectingSocket } from '../../shared/socket';
import type { OneBotEvent } from '../message';

export interface WsClientOptions {
	url: string;
	token?: string;
	tokenLocation?: 'header' | 'query';
	onEvent: (event: OneBotEvent) => void;
	/** the connection cannot work (token refused): no more attempts */
	onFatal: (message: string) => void;
	/** after a failed handshake: the HTTP status the same URL answers */
	probeStatus?: (url: string, headers: Record<string, string>) => Promise<number | undefined>;
	minBackoffMs?: number;
	maxBackoffMs?: number;
	/** reconnect when no frame (event or heartbeat) arrives for this long; 0 = never */
	idleTimeoutMs?: number;
}

function parse(text: string): OneBotEvent | undefined {
	try {
		const value = parseJsonLossless(text);
		return value && typeof value === 'object' && !Array.isArray(value) ? (value as OneBotEvent) : undefined;
	} catch {
		return undefined;
	}
}

/**
 * A OneBot forward-WebSocket client: events to `onEvent`, heartbeats, lifecycle events and API
 * answers ignored, a refused token (HTTP 401/403 at the handshake, or NapCat's retcode 1403
 * frame) fatal.
 */
export class OneBotWsClient {
	private readonly socket: ReconnectingSocket;

	constructor(options: WsClientOptions) {
		const auth: Record<string, string> = options.token && options.tokenLocation !== 'query' ? { Authorization: `Bearer ${options.token}` } : {};
		this.socket = new ReconnectingSocket({
			url: () => {
				const url = new URL(options.url);
				if (options.token && options.tokenLocation === 'query') url.searchParams.set('access_token', options.token);
				return url.toString();
			},
			headers: () => auth,
			onFrame: (text) => {
				const event = parse(text);
				if (!event) return undefined;
				if (event.retcode === 1403 || (event.status === 'failed' && event.retcode === 1401)) {
					return 'The OneBot server refused the access token (retcode 1403)';
				}
				if (event.post_type === undefined || event.post_type === 'meta_event') return undefined;
				options.onEvent(event);
				return undefined;
			},
			onFatal: options.onFatal,
			probeStatus: options.probeStatus ? async (_url, headers) => await options.probeStatus!(options.url, headers) : undefined,
			fatalStatus: (status) => (status === 401 || status === 403 ? `The OneBot server refused the access token (HTTP ${status})` : undefined),
			idleTimeoutMs: options.idleTimeoutMs,
			minBackoffMs: options.minBackoffMs,
			maxBackoffMs: options.maxBackoffMs,
		});
	}

	get stats() {
		return this.socket.stats;
	}

	start(): void {
		this.socket.start();
	}

	async close(): Promise<void> {
		await this.socket.close();
	}
}
