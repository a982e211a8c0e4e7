import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestOptions, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { apiError } from '../shared/errors';
import { requestRaw, type RawResponse, type RequestContext } from '../shared/http';
import { parseJsonLossless, stringifyJson } from '../shared/json';
import { retryBySafety, withRetry, type RepeatSafety } from '../shared/retry';
import { sessionOwner } from '../../credentials/RelationLabsApi.credentials';
import { jwtExpiry } from './jwt';

export const CREDENTIAL_TYPE = 'relationLabsApi';

const TOKEN_CODES = new Set(['10100', '10101', '10102']);

const HINTS: Record<string, string> = {
	'10100': 'The token has expired',
	'10101': 'RelationLabs refused the token',
	'10102': 'The token was not issued by RelationLabs',
	'10110': 'Rate limited: send more slowly',
	'10111': 'The daily limit of the ApiKey is used up; try again tomorrow',
	'10112': 'A parameter is missing or wrong (for example, a send needs a Channel UUID or a Recipient Relation ID)',
	'10120': 'Only current members can read this chat',
	'13101': 'The group type must be G (group) or P (one-to-one)',
	'13102': 'The bot was removed from this chat',
	'13103': 'The bot left this chat',
	'13104': 'This chat was dismissed',
	'13106': 'Only the owner can do this',
	'13107': 'Only an admin of the group can do this',
	'13108': 'The bot is not a member of this group: join it or have an admin add the bot',
	'13109': 'Only regular groups (type G) support this',
	'13301': 'The recipient blocks messages from strangers: follow each other or share a group first',
	'13302': 'The bot is already a member of this group',
	'11601': 'Not supported (e.g. following yourself)',
	'11602': 'User not found',
};

export interface RelationLabsCall {
	method: 'GET' | 'POST';
	path: string;
	qs?: IDataObject;
	body?: Record<string, unknown>;
	/** repeatable: reads and state-setting calls; ackKey: sends carrying a sendUuid */
	safety?: RepeatSafety;
}

/** The envelope's `data`, or a NodeApiError with RelationLabs' code and desc. */
export function interpretResponse(node: INode, path: string, response: RawResponse, tokenExpiry?: Date): unknown {
	const { status, text } = response;
	let envelope: IDataObject | undefined;
	try {
		const parsed = text.trim() ? parseJsonLossless(text) : undefined;
		if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) envelope = parsed as IDataObject;
	} catch {
		envelope = undefined;
	}
	const code = envelope?.code === undefined ? undefined : String(envelope.code);
	const desc = typeof envelope?.desc === 'string' ? envelope.desc : '';
	if (status === 401 || status === 403) {
		throw apiError(node, 'RelationLabs refused the ApiKey or token', {
			provider: 'RelationLabs',
			code: code ?? status,
			text: desc || undefined,
			httpCode: status,
			endpoint: path,
			hint: 'Check the API Key and the token in the RelationLabs credential',
			cause: 'credential-invalid',
		});
	}
	if (status === 429 || code === '10110') {
		throw apiError(node, `RelationLabs is rate limiting requests${desc ? ` (${desc})` : ''}`, {
			provider: 'RelationLabs',
			code: code ?? status,
			text: desc || undefined,
			httpCode: status,
			endpoint: path,
			cause: 'rate-limited',
			hint: HINTS['10110'],
		});
	}
	if (status >= 500) {
		throw apiError(node, `RelationLabs server error (HTTP ${status})`, { provider: 'RelationLabs', code: status, httpCode: status, endpoint: path, cause: 'temporarily-unavailable' });
	}
	if (!envelope || code === undefined) {
		throw apiError(node, `RelationLabs answered ${path} with HTTP ${status} and no RelationLabs response`, {
			provider: 'RelationLabs',
			httpCode: status,
			endpoint: path,
			text: text.replace(/\s+/g, ' ').trim().slice(0, 120) || '(empty body)',
			hint: 'Check the Base URL in the credential (the public service may no longer run)',
			cause: 'configuration-invalid',
		});
	}
	if (code === '0') return envelope.data ?? null;
	const expired = code === '10100' && tokenExpiry ? `${HINTS[code]} (it expired on ${tokenExpiry.toISOString()}; unified tokens last 7 days)` : HINTS[code];
	throw apiError(node, `RelationLabs ${path} failed (code ${code}): ${desc || 'no description'}`, {
		provider: 'RelationLabs',
		code,
		text: desc || undefined,
		httpCode: status,
		endpoint: path,
		hint: expired,
		cause: TOKEN_CODES.has(code) ? 'credential-invalid' : undefined,
	});
}

/** The RelationLabs API, credential loaded once per execution; the session token is renewed on token errors. */
export class RelationLabsClient {
	private constructor(
		private readonly ctx: RequestContext,
		private readonly credentials: ICredentialDataDecryptedObject,
	) {}

	static async create(ctx: RequestContext): Promise<RelationLabsClient> {
		const credentials = await ctx.getCredentials(CREDENTIAL_TYPE);
		// A session token made for other settings (the credential was edited since) is dropped,
		// so n8n's pre-authentication exchanges a new one for the current settings.
		if (credentials.sessionOwner !== sessionOwner(credentials)) credentials.sessionToken = '';
		return new RelationLabsClient(ctx, credentials);
	}

	get baseUrl(): string {
		return String(this.credentials.baseUrl || 'https://api.relationlabs.ai').trim().replace(/\/+$/, '');
	}

	private async once(call: RelationLabsCall): Promise<unknown> {
		const node = this.ctx.getNode();
		const options: IHttpRequestOptions = { method: call.method, url: `${this.baseUrl}${call.path}`, qs: call.qs, timeout: 30_000 };
		if (call.body) {
			options.body = stringifyJson(call.body);
			options.headers = { 'Content-Type': 'application/json' };
		}
		return await withRetry(
			node,
			async () => {
				const response = await requestRaw(this.ctx, 'RelationLabs', CREDENTIAL_TYPE, this.credentials, options);
				return interpretResponse(node, call.path, response, jwtExpiry(this.credentials.sessionToken || this.credentials.unifiedToken));
			},
			retryBySafety(call.safety ?? (call.method === 'GET' ? 'repeatable' : 'never'), 1000),
		);
	}

	/**
	 * One call. On a token error with an address auth token, the session token is cleared so
	 * n8n's pre-authentication exchanges a new one, and the call is made once more.
	 */
	async call(call: RelationLabsCall): Promise<unknown> {
		try {
			return await this.once(call);
		} catch (error) {
			const code = String((error as { context?: IDataObject }).context?.code ?? '');
			// (a NodeApiError from withRetry passes through unchanged)
			if (!TOKEN_CODES.has(code) || this.credentials.authType !== 'addressToken') throw new NodeApiError(this.ctx.getNode(), error as JsonObject);
			this.credentials.sessionToken = '';
			return await this.once(call);
		}
	}
}
