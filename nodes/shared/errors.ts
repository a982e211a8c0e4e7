import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

/**
 * Bad node input: names the parameter and says how to fix it. Nothing was sent.
 * Free of n8n types so protocol code can throw it; the item loop turns it into a
 * NodeOperationError carrying the item index.
 */
export class ParameterError extends Error {
	constructor(
		readonly field: string,
		message: string,
		readonly hint?: string,
	) {
		super(message);
		this.name = 'ParameterError';
	}
}

export type FailureCause = 'credential-invalid' | 'rate-limited' | 'temporarily-unavailable' | 'configuration-invalid';

export interface ApiErrorDetails {
	provider: string;
	/** the provider's own code (OneBot retcode, Heybox status, RelationLabs code) */
	code?: string | number;
	/** the provider's own text (OneBot wording/message/msg, Heybox msg, RelationLabs desc) */
	text?: string;
	httpCode?: number;
	/** what the user can do about it */
	hint?: string;
	/** which API call failed */
	endpoint?: string;
	cause?: FailureCause;
	retryAfterMs?: number;
	/** for transport failures: whether the request may have reached the server */
	mayHaveBeenDelivered?: boolean;
}

/**
 * A provider failure as n8n's NodeApiError, in the provider's own words. The provider code and
 * text are kept in `context` (and so in continueOnFail output); nothing of the request (URL,
 * headers, token) is attached.
 */
export function apiError(node: INode, message: string, details: ApiErrorDetails): NodeApiError {
	// Codes stay out of the response object: NodeApiError would replace the message with its
	// own text for codes such as ECONNRESET.
	const response: JsonObject = { message, provider: details.provider };
	if (details.text) response.text = details.text;
	if (details.endpoint) response.endpoint = details.endpoint;
	const error = new NodeApiError(node, response, {
		message,
		description: details.hint,
		httpCode: details.httpCode !== undefined ? String(details.httpCode) : undefined,
		failure: details.cause
			? details.cause === 'rate-limited' || details.cause === 'temporarily-unavailable'
				? { cause: details.cause, retryAfterMs: details.retryAfterMs }
				: { cause: details.cause }
			: undefined,
	});
	error.context.provider = details.provider;
	if (details.code !== undefined) error.context.code = details.code;
	if (details.text) error.context.text = details.text;
	if (details.endpoint) error.context.endpoint = details.endpoint;
	if (details.mayHaveBeenDelivered !== undefined) error.context.mayHaveBeenDelivered = details.mayHaveBeenDelivered;
	return error;
}

/** Removes every occurrence of the given secrets from a text. */
export function redact(text: string, secrets: Array<string | undefined>): string {
	let out = text;
	for (const secret of secrets) {
		if (secret && secret.length >= 4) out = out.split(secret).join('***');
	}
	return out;
}
