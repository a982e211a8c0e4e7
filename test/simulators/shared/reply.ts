/**
 * Writing an HTTP answer, shared by the simulators.
 */
import type * as http from 'node:http';

export interface Reply {
	status: number;
	body: string;
	contentType?: string;
	headers?: Record<string, string>;
}

/**
 * Records `reply` on `rec` (when given) and writes it, unless the response is already gone:
 * `reply.headers`, then Content-Type (`reply.contentType`, else `defaultContentType`; none for an
 * empty body without a content type) and Content-Length.
 */
export function sendReply(res: http.ServerResponse, rec: { response: { status: number; body: string } } | undefined, reply: Reply, defaultContentType: string): void {
	if (rec) rec.response = { status: reply.status, body: reply.body };
	if (res.destroyed || res.writableEnded) return;
	const headers: Record<string, string | number> = { ...(reply.headers ?? {}) };
	if (reply.body !== '' || reply.contentType) headers['Content-Type'] = reply.contentType ?? defaultContentType;
	headers['Content-Length'] = Buffer.byteLength(reply.body);
	res.writeHead(reply.status, headers);
	res.end(reply.body);
}
