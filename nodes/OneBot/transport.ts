import type { ICredentialDataDecryptedObject, IDataObject, INode } from 'n8n-workflow';

import { apiError, ParameterError } from '../shared/errors';
import { header, requestRaw, transportError, type RawResponse, type RequestContext } from '../shared/http';
import { parseJsonLossless, stringifyJson } from '../shared/json';
import { parseRetryAfter, retryBySafety, withRetry } from '../shared/retry';
import { OneBotSocketApi, SocketCallError } from './socketApi';

export const CREDENTIAL_TYPE = 'oneBotApi';

export type Implementation = 'napcat' | 'llonebot' | 'lagrange' | 'gocqhttp' | 'unknown';

export interface CallOptions {
	/** milliseconds before giving up on an answer */
	timeoutMs?: number;
	/**
	 * 'websocket': over the credential's forward WebSocket, one connection per execution;
	 * 'auto': the same when the credential has a WebSocket URL and the connection opens, else HTTP
	 */
	connection?: 'auto' | 'http' | 'websocket';
}

const DEFAULT_TIMEOUT_MS = 60_000;

/**
 * Actions whose repetition cannot do harm: reads, and "set" actions that put a state.
 * Everything else (send_*, upload_*, pokes, likes) is never repeated once it may have
 * reached the server, because OneBot has no idempotency key.
 */
export function isRepeatable(action: string): boolean {
	return /^(get_|can_|set_|mark_|delete_msg$|unset_)/.test(action);
}

/** Maps get_version_info's app_name to the implementation. */
export function implementationFromAppName(appName: unknown): Implementation {
	const name = String(appName ?? '').toLowerCase();
	if (name.includes('napcat')) return 'napcat';
	if (name.includes('llonebot') || name.includes('llob')) return 'llonebot';
	if (name.includes('lagrange')) return 'lagrange';
	if (name.includes('go-cqhttp') || name.includes('gocqhttp')) return 'gocqhttp';
	return 'unknown';
}

function errorText(envelope: IDataObject): string {
	for (const key of ['wording', 'message', 'msg'] as const) {
		const value = envelope[key];
		if (typeof value === 'string' && value.trim()) return value.trim();
	}
	return '';
}

function unsupported(node: INode, action: string, httpCode: number, code?: unknown, text?: string) {
	return apiError(node, `This OneBot implementation does not support ${action}`, {
		provider: 'OneBot',
		code: code as number | undefined,
		text,
		httpCode,
		endpoint: action,
		hint: 'The server answered "unknown action". Check which actions your implementation offers (NapCat, LLOneBot, Lagrange and go-cqhttp differ), or update it',
		cause: 'configuration-invalid',
	});
}

const RETCODE_HINTS: Record<number, string> = {
	100: 'go-cqhttp could not run the action: check the IDs and that the bot may do this here',
	400: 'The server refused the parameters: check the IDs and the message',
	1400: 'The server refused the parameters, or QQ refused the action',
	1401: 'The bot lacks the permission for this action (e.g. it is not a group admin)',
	1404: 'What the action refers to was not found (message, group or user)',
	200: 'The implementation failed to run the action; its log has the details',
	1200: 'The implementation failed to run the action; its log has the details',
};

/**
 * Turns one answer into the envelope's `data`, or a ProviderError in the provider's words.
 * `parsed`: the body already parsed (WebSocket frames are parsed once, to find their echo).
 */
export function interpretResponse(node: INode, action: string, response: RawResponse, parsed?: unknown): unknown {
	const { status, text } = response;
	if (status === 401 || status === 403) {
		let serverText = '';
		try {
			serverText = errorText(parseJsonLossless(text) as IDataObject);
		} catch {
			serverText = '';
		}
		throw apiError(node, 'OneBot rejected the request: the access token is missing or wrong', {
				provider: 'OneBot',
				code: status,
				text: serverText || undefined,
				httpCode: status,
				endpoint: action,
				hint: 'Set the Access Token in the OneBot credential to the token configured in the implementation (NapCat: network config "token"; go-cqhttp: access-token)',
				cause: 'credential-invalid',
			});
	}
	let value = parsed;
	if (value === undefined && text.trim()) {
		try {
			value = parseJsonLossless(text);
		} catch {
			value = undefined;
		}
	}
	const envelope = value && typeof value === 'object' && !Array.isArray(value) ? (value as IDataObject) : undefined;
	if (status === 404) throw unsupported(node, action, status, envelope?.retcode, envelope ? errorText(envelope) : undefined);
	if (status === 429) {
		throw apiError(node, 'OneBot is rate limiting requests (HTTP 429)', {
				provider: 'OneBot',
				code: 429,
				httpCode: 429,
				endpoint: action,
				cause: 'rate-limited',
				retryAfterMs: parseRetryAfter(header(response.headers, 'retry-after'), Date.now()),
			});
	}
	if (status >= 500) {
		throw apiError(node, `OneBot server error (HTTP ${status})`, {
				provider: 'OneBot',
				code: status,
				httpCode: status,
				endpoint: action,
				text: envelope ? errorText(envelope) || undefined : text.slice(0, 200) || undefined,
				hint: 'The OneBot implementation or a proxy in front of it failed; see its log',
				cause: 'temporarily-unavailable',
			});
	}
	if (!envelope || (envelope.retcode === undefined && envelope.status === undefined)) {
		const snippet = text.replace(/\s+/g, ' ').trim().slice(0, 120);
		throw apiError(node, `OneBot answered ${action} with HTTP ${status} and no OneBot response`, {
				provider: 'OneBot',
				httpCode: status,
				endpoint: action,
				text: snippet || '(empty body)',
				hint:
					status === 406 || status === 400 || status === 405
						? 'The server refused the request format (OneBot expects POST with a JSON body)'
						: 'Check that the Base URL points at the OneBot HTTP API and not at a web page or proxy',
				cause: 'configuration-invalid',
			});
	}
	const retcode = Number(envelope.retcode ?? (envelope.status === 'ok' ? 0 : -1));
	if (retcode === 0) return envelope.data ?? null;
	if (retcode === 1) return { status: 'async' };
	const message = errorText(envelope);
	if (retcode === 404 || retcode === 1404 || /不支持的\s*api|api_not_found/i.test(message)) {
		if (retcode !== 1404 || /api|action/i.test(message)) throw unsupported(node, action, status, retcode, message || undefined);
	}
	throw apiError(node, 
			message
				? `OneBot ${action} failed (retcode ${retcode}): ${message}`
				: `OneBot ${action} failed with retcode ${retcode} (the implementation gave no error text)`,
			{
				provider: 'OneBot',
				code: retcode,
				text: message || undefined,
				httpCode: status,
				endpoint: action,
				hint: RETCODE_HINTS[retcode],
			},
		);
}

/**
 * 429 is always retried (nothing was done); server errors and lost answers only for
 * repeatable actions, or when the request surely never left.
 */
/** OneBot has no idempotency key: only repeatable actions are repeated after a possible delivery. */
const retryDecision = (action: string) => retryBySafety(isRepeatable(action) ? 'repeatable' : 'never');

/** A failure of the WebSocket API connection in n8n's terms (see SocketCallError's codes). */
function socketError(node: INode, action: string, url: string, error: unknown) {
	if (!(error instanceof SocketCallError)) return error;
	const where = url.split('?')[0];
	if (error.code === 'EAUTH') {
		return apiError(node, error.message, {
			provider: 'OneBot',
			code: 1403,
			endpoint: action,
			hint: 'Set the Access Token in the OneBot credential to the token configured in the implementation',
			cause: 'credential-invalid',
			mayHaveBeenDelivered: false,
		});
	}
	if (error.code === 'ECONNREFUSED') {
		return transportError(node, 'OneBot', `${error.message} to ${where}`, error.code, false, {
			endpoint: action,
			hint: 'Check the WebSocket URL and the Access Token in the OneBot credential, and that the implementation\'s WebSocket server is enabled. Nothing was sent.',
		});
	}
	return transportError(node, 'OneBot', error.message, error.code, error.mayHaveBeenDelivered, { endpoint: action });
}

/** One OneBot API endpoint (HTTP, or the forward WebSocket for sends), credential loaded once per execution. */
export class OneBotClient {
	private detected?: Promise<Implementation>;
	private socketApi?: OneBotSocketApi;
	/** 'auto' found the WebSocket unusable in this execution: HTTP from then on */
	private socketUnavailable = false;

	private constructor(
		private readonly ctx: RequestContext,
		private readonly credentials: ICredentialDataDecryptedObject,
		readonly baseUrl: string,
	) {}

	static async create(ctx: RequestContext): Promise<OneBotClient> {
		const credentials = await ctx.getCredentials(CREDENTIAL_TYPE);
		const baseUrl = String(credentials.baseUrl ?? '').trim().replace(/\/+$/, '');
		return new OneBotClient(ctx, credentials, baseUrl);
	}

	/** POST {base}/{action} with a JSON body (or the same over the WebSocket); resolves to the envelope's data. */
	async call(action: string, params: IDataObject = {}, options: CallOptions = {}): Promise<unknown> {
		const socketApi = await this.socketFor(options.connection ?? 'http');
		if (socketApi) return await this.callOverSocket(socketApi, action, params, options);
		const body = stringifyJson(params);
		const node = this.ctx.getNode();
		return await withRetry(node, async () => {
			const response = await requestRaw(this.ctx, 'OneBot', CREDENTIAL_TYPE, this.credentials, {
				method: 'POST',
				url: `${this.baseUrl}/${action}`,
				headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
				body,
				timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
			});
			return interpretResponse(node, action, response);
		}, retryDecision(action));
	}

	/** The WebSocket a call goes over, or undefined for HTTP. */
	private async socketFor(connection: NonNullable<CallOptions['connection']>): Promise<OneBotSocketApi | undefined> {
		if (connection === 'http') return undefined;
		if (connection === 'auto' && (this.socketUnavailable || !String(this.credentials.wsUrl ?? '').trim())) return undefined;
		const socketApi = this.socket(); // a malformed URL is an error, not a reason to fall back
		if (connection === 'websocket' || socketApi.isOpen) return socketApi;
		try {
			await socketApi.ready();
			return socketApi;
		} catch (error) {
			// nothing was sent: the same request goes over HTTP, for the rest of the execution too
			this.socketUnavailable = true;
			this.ctx.logger.warn(`OneBot: the WebSocket URL of the credential is not usable (${(error as Error).message}); sending over HTTP`);
			return undefined;
		}
	}

	/** The execution's WebSocket API client (not connected until first used). */
	private socket(): OneBotSocketApi {
		if (this.socketApi) return this.socketApi;
		const url = String(this.credentials.wsUrl ?? '').trim();
		if (!/^wss?:\/\//i.test(url)) {
			throw new ParameterError(
				'Options › Connection',
				url ? `The WebSocket URL in the OneBot credential must start with ws:// or wss://, got "${url}"` : 'Sending over WebSocket needs the WebSocket URL in the OneBot credential',
				'Enter the address of the implementation\'s forward WebSocket server in the credential (e.g. ws://127.0.0.1:3001), or set Connection to HTTP',
			);
		}
		this.socketApi = new OneBotSocketApi({
			url,
			token: typeof this.credentials.accessToken === 'string' ? this.credentials.accessToken : undefined,
			tokenLocation: this.credentials.tokenLocation === 'query' ? 'query' : 'header',
		});
		return this.socketApi;
	}

	private async callOverSocket(socketApi: OneBotSocketApi, action: string, params: IDataObject, options: CallOptions): Promise<unknown> {
		const node = this.ctx.getNode();
		return await withRetry(node, async () => {
			let answer: { text: string; value: unknown };
			try {
				answer = await socketApi.call(action, params, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
			} catch (error) {
				throw socketError(node, action, socketApi.url, error);
			}
			return interpretResponse(node, action, { status: 200, headers: {}, text: answer.text }, answer.value);
		}, retryDecision(action));
	}

	/** Closes the WebSocket connection, if one was opened in this execution. */
	async close(): Promise<void> {
		await this.socketApi?.close();
	}

	/** The implementation behind the endpoint: from the credential, or asked once per execution. */
	async implementation(): Promise<Implementation> {
		const configured = String(this.credentials.implementation ?? 'auto');
		if (configured !== 'auto') return configured as Implementation;
		this.detected ??= this.call('get_version_info').then(
			(data) => implementationFromAppName((data as IDataObject | null)?.app_name),
			() => 'unknown' as Implementation,
		);
		return await this.detected;
	}
}
