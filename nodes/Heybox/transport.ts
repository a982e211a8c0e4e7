import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestOptions, INode } from 'n8n-workflow';

import { apiError } from '../shared/errors';
import { header, requestRaw, type RawResponse, type RequestContext } from '../shared/http';
import { parseJsonLossless, stringifyJson } from '../shared/json';
import { parseRetryAfter, retryBySafety, withRetry, type RepeatSafety } from '../shared/retry';

export const CREDENTIAL_TYPE = 'heyboxApi';

/** Heybox's answer to a repeated heychat_ack_id: the message was already posted. */
export const DUPLICATE_ACK = /消息已发送|请勿重复发送/;

const HINTS: Array<[RegExp, string]> = [
	[/权限不足/, 'The bot lacks a permission for this in the room: grant it a role with that permission (see Role › Get Many)'],
	[/加入房间/, 'The bot is not in this room: invite it to the room first'],
	[/私密频道/, 'The channel is private: give the bot access to it'],
	[/违禁词/, 'The message contains words Heybox does not allow'],
	[DUPLICATE_ACK, 'This heychat_ack_id was used within the last 60 s'],
	[/频繁|too many|rate/i, 'Heybox is rate limiting the bot: lower the rate (option "Max Sends per Minute")'],
];

function hintFor(msg: string): string | undefined {
	return HINTS.find(([pattern]) => pattern.test(msg))?.[1];
}


export interface HeyboxCall {
	method: 'GET' | 'POST';
	path: string;
	qs?: IDataObject;
	/** JSON body; may hold bigint values, written as bare integers */
	body?: Record<string, unknown>;
	/** multipart upload */
	form?: FormData;
	upload?: boolean;
	safety?: RepeatSafety;
	timeoutMs?: number;
}

/** The envelope's result, or a NodeApiError in Heybox's own words. */
export function interpretResponse(node: INode, path: string, response: RawResponse): IDataObject {
	const { status, text } = response;
	let envelope: IDataObject | undefined;
	try {
		const parsed = text.trim() ? parseJsonLossless(text) : undefined;
		if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) envelope = parsed as IDataObject;
	} catch {
		envelope = undefined;
	}
	const msg = typeof envelope?.msg === 'string' ? envelope.msg : '';
	if (status === 401 || status === 403) {
		throw apiError(node, 'Heybox rejected the bot token', {
			provider: 'Heybox',
			code: status,
			text: msg || undefined,
			httpCode: status,
			endpoint: path,
			hint: 'Copy the token again from https://bot.xiaoheihe.cn into the Heybox credential',
			cause: 'credential-invalid',
		});
	}
	if (status === 429 || (envelope?.status === 'failed' && /频繁|too many/i.test(msg))) {
		throw apiError(node, `Heybox is rate limiting requests${msg ? `: ${msg}` : ''}`, {
			provider: 'Heybox',
			code: status,
			text: msg || undefined,
			httpCode: status,
			endpoint: path,
			cause: 'rate-limited',
			retryAfterMs: parseRetryAfter(header(response.headers, 'retry-after'), Date.now()),
			hint: hintFor(msg || '频繁'),
		});
	}
	if (status >= 500) {
		throw apiError(node, `Heybox server error (HTTP ${status})`, {
			provider: 'Heybox',
			code: status,
			text: msg || text.replace(/\s+/g, ' ').trim().slice(0, 120) || undefined,
			httpCode: status,
			endpoint: path,
			cause: 'temporarily-unavailable',
		});
	}
	if (!envelope || typeof envelope.status !== 'string') {
		throw apiError(node, `Heybox answered ${path} with HTTP ${status} and no Heybox response`, {
			provider: 'Heybox',
			httpCode: status,
			endpoint: path,
			text: text.replace(/\s+/g, ' ').trim().slice(0, 120) || '(empty body)',
			hint: status === 404 ? 'Unknown endpoint: check the API Base URL' : 'Check the API Base URL in the credential',
			cause: 'configuration-invalid',
		});
	}
	if (envelope.status !== 'ok') {
		throw apiError(node, `Heybox ${path} failed: ${msg || envelope.status}`, {
			provider: 'Heybox',
			code: String(envelope.err_code ?? envelope.status),
			text: msg || undefined,
			httpCode: status,
			endpoint: path,
			hint: hintFor(msg),
		});
	}
	const result = envelope.result;
	return result && typeof result === 'object' && !Array.isArray(result) ? (result as IDataObject) : {};
}

/** The Heybox bot API, credential loaded once per execution. */
export class HeyboxClient {
	private constructor(
		private readonly ctx: RequestContext,
		private readonly credentials: ICredentialDataDecryptedObject,
	) {}

	static async create(ctx: RequestContext): Promise<HeyboxClient> {
		return new HeyboxClient(ctx, await ctx.getCredentials(CREDENTIAL_TYPE));
	}

	private base(upload: boolean): string {
		const value = upload ? this.credentials.uploadUrl || 'https://chat-upload.xiaoheihe.cn' : this.credentials.baseUrl || 'https://chat.xiaoheihe.cn';
		return String(value).trim().replace(/\/+$/, '');
	}

	/**
	 * One API call with retries. A send carries its heychat_ack_id in the body, so repeating
	 * it is safe: if the first attempt was posted, Heybox refuses the repeat as a duplicate,
	 * which is reported as delivered (`duplicateAck: true`).
	 */
	async call(call: HeyboxCall): Promise<IDataObject> {
		const node = this.ctx.getNode();
		const safety = call.safety ?? (call.method === 'GET' ? 'repeatable' : 'never');
		const body = call.body ? stringifyJson(call.body) : undefined;
		return await withRetry(
			node,
			async (attempt) => {
				const options: IHttpRequestOptions = {
					method: call.method,
					url: `${this.base(call.upload === true)}${call.path}`,
					qs: call.qs,
					timeout: call.timeoutMs ?? 30_000,
				};
				if (call.form) options.body = call.form;
				else if (body !== undefined) {
					options.body = body;
					options.headers = { 'Content-Type': 'application/json;charset=UTF-8' };
				}
				const response = await requestRaw(this.ctx, 'Heybox', CREDENTIAL_TYPE, this.credentials, options);
				if (attempt > 1 && safety === 'ackKey' && response.status < 300) {
					const peek = response.text.includes('"failed"') ? (parseJsonLossless(response.text) as IDataObject) : undefined;
					if (peek && typeof peek.msg === 'string' && DUPLICATE_ACK.test(peek.msg)) {
						return { duplicateAck: true, heychat_ack_id: call.body?.heychat_ack_id as string };
					}
				}
				return interpretResponse(node, call.path, response);
			},
			retryBySafety(safety),
		);
	}

	/** Uploads a file (multipart field `file`) and returns its CDN URL. */
	async upload(data: Buffer, fileName: string, mimeType: string): Promise<string> {
		const form = new FormData();
		form.append('file', new Blob([new Uint8Array(data)], { type: mimeType }), fileName);
		const result = await this.call({ method: 'POST', path: '/upload', form, upload: true, safety: 'repeatable', timeoutMs: 120_000 });
		const url = result.url;
		if (typeof url !== 'string' || !url) {
			throw apiError(this.ctx.getNode(), 'Heybox upload answered without a URL', { provider: 'Heybox', endpoint: '/upload' });
		}
		return url;
	}
}
