import type {
	ICredentialDataDecryptedObject,
	INode,
	IExecuteFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IPollFunctions,
	NodeApiError,
} from 'n8n-workflow';

import { apiError } from './errors';

export type RequestContext = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions;

/** What came back over HTTP, body still as text so it can be parsed losslessly. */
export interface RawResponse {
	status: number;
	headers: Record<string, unknown>;
	text: string;
}

const NOT_DELIVERED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ERR_INVALID_URL']);

function errorCode(error: unknown): string {
	const seen = new Set<unknown>();
	let current: unknown = error;
	while (current && typeof current === 'object' && !seen.has(current)) {
		seen.add(current);
		const code = (current as { code?: unknown }).code;
		if (typeof code === 'string' && code) return code;
		current = (current as { cause?: unknown }).cause;
	}
	const message = error instanceof Error ? error.message : String(error);
	if (/timeout/i.test(message)) return 'ETIMEDOUT';
	if (/socket hang up/i.test(message)) return 'ECONNRESET';
	return 'EUNKNOWN';
}

/**
 * One HTTP exchange through n8n's `httpRequestWithAuthentication`, so the credential's own
 * `authenticate` adds the secret. The decrypted credential is passed in, loaded once per
 * execution, instead of being decrypted again for every item. HTTP error statuses do not
 * throw: the provider transport maps them with the provider's own envelope.
 */
export async function requestRaw(
	ctx: RequestContext,
	provider: string,
	credentialType: string,
	credentials: ICredentialDataDecryptedObject,
	options: IHttpRequestOptions,
): Promise<RawResponse> {
	const request: IHttpRequestOptions = {
		// An API answers; it does not redirect. Without redirect-following axios uses Node's own
		// http client instead of follow-redirects (≈ 0.3 ms less per request), and a redirect
		// (an http→https proxy, a moved server) is reported with its target instead of a POST
		// silently turned into a GET.
		disableFollowRedirect: true,
		...options,
		encoding: 'text',
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		json: false,
	};
	let response: { statusCode: number; headers: Record<string, unknown>; body: unknown };
	try {
		response = await ctx.helpers.httpRequestWithAuthentication.call(ctx, credentialType, request, {
			credentialsDecrypted: { id: '', name: credentialType, type: credentialType, data: credentials },
		});
	} catch (error) {
		// No HTTP answer. Only a refused connection or an unknown host surely sent nothing.
		const code = errorCode(error);
		throw transportError(ctx.getNode(), provider, describeTransportCode(code), code, !NOT_DELIVERED.has(code));
	}
	if (response.statusCode >= 300 && response.statusCode < 400 && request.disableFollowRedirect) {
		// the query is dropped: it could carry a token
		const location = header(response.headers ?? {}, 'location')?.split('?')[0];
		throw apiError(ctx.getNode(), `The server redirected the request (HTTP ${response.statusCode})${location ? ` to ${location}` : ''}`, {
			provider,
			code: response.statusCode,
			httpCode: response.statusCode,
			hint: location ? `Set the credential's URL to the address it redirects to: ${location}` : 'Check the URL in the credential',
			cause: 'configuration-invalid',
			mayHaveBeenDelivered: false,
		});
	}
	const body = response.body;
	const text =
		typeof body === 'string'
			? body
			: body === undefined || body === null
				? ''
				: body instanceof Uint8Array
					? new TextDecoder().decode(body)
					: JSON.stringify(body);
	return { status: response.statusCode, headers: response.headers ?? {}, text };
}

/**
 * A request that got no answer (no connection, connection lost, timeout), for any transport:
 * retried by the providers' rules only where that is safe (`mayHaveBeenDelivered`).
 */
export function transportError(
	node: INode,
	provider: string,
	message: string,
	code: string,
	mayHaveBeenDelivered: boolean,
	details: { endpoint?: string; hint?: string } = {},
): NodeApiError {
	return apiError(node, message, {
		provider,
		code,
		endpoint: details.endpoint,
		hint:
			details.hint ??
			(mayHaveBeenDelivered ? 'The request may have reached the server, so it is repeated only where that is safe.' : 'Nothing reached the server.'),
		cause: 'temporarily-unavailable',
		mayHaveBeenDelivered,
	});
}

function describeTransportCode(code: string): string {
	switch (code) {
		case 'ECONNREFUSED':
			return 'The server refused the connection: is it running, and is the Base URL right?';
		case 'ENOTFOUND':
		case 'EAI_AGAIN':
			return 'The server name in the Base URL could not be resolved';
		case 'ECONNRESET':
			return 'The server closed the connection before answering';
		case 'ETIMEDOUT':
		case 'ECONNABORTED':
			return 'The server did not answer in time';
		default:
			return `The request failed before an answer arrived (${code})`;
	}
}

/** Header lookup that ignores case. */
export function header(headers: Record<string, unknown>, name: string): string | undefined {
	const wanted = name.toLowerCase();
	for (const [key, value] of Object.entries(headers)) {
		if (key.toLowerCase() === wanted) return Array.isArray(value) ? String(value[0]) : String(value);
	}
	return undefined;
}
