/**
 * A tiny OpenAI-compatible chat-completions server for e2e tests of AI workflows offline: n8n's
 * OpenAI Chat Model node (credential Base URL = stub.url + '/v1') talks to it like to any
 * OpenAI-compatible provider.
 *
 *   const ai = await OpenAiStub.start((req) => `You said: ${req.lastUserMessage}`);
 *   ai.requests; await ai.close();
 *
 * Answers POST /v1/chat/completions (JSON, or server-sent events when `stream` is true) and
 * GET /v1/models. Same constraints as n8n-env.ts (erasable TypeScript, node: built-ins only).
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ChatRequest {
	path: string;
	headers: http.IncomingHttpHeaders;
	body: any;
	/** text of the last message with role 'user' */
	lastUserMessage: string;
	/** text of the first message with role 'system' */
	systemMessage: string;
}

export type ChatAnswer = (req: ChatRequest) => string;

function textOf(content: unknown): string {
	if (typeof content === 'string') return content;
	if (Array.isArray(content)) return content.map((p) => (p && typeof p === 'object' && 'text' in p ? String((p as { text: unknown }).text) : '')).join('');
	return '';
}

export class OpenAiStub {
	readonly requests: ChatRequest[];
	readonly url: string;
	private readonly server: http.Server;
	private constructor(server: http.Server, url: string, requests: ChatRequest[]) {
		this.server = server;
		this.url = url;
		this.requests = requests;
	}

	static async start(answer: ChatAnswer, model = 'gpt-4.1-mini'): Promise<OpenAiStub> {
		const requests: ChatRequest[] = [];
		const server = http.createServer((req, res) => {
			const chunks: Buffer[] = [];
			req.on('data', (c: Buffer) => chunks.push(c));
			req.on('end', () => {
				const raw = Buffer.concat(chunks).toString('utf8');
				const send = (status: number, value: unknown) => {
					const text = JSON.stringify(value);
					res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
					res.end(text);
				};
				const p = (req.url ?? '/').split('?')[0].replace(/\/+$/, '');
				if (req.method === 'GET' && p.endsWith('/models')) {
					send(200, { object: 'list', data: [{ id: model, object: 'model', created: 0, owned_by: 'stub' }] });
					return;
				}
				if (req.method !== 'POST' || !p.endsWith('/chat/completions')) {
					send(404, { error: { message: `stub: no ${req.method} ${p}`, type: 'invalid_request_error' } });
					return;
				}
				let body: any;
				try {
					body = JSON.parse(raw);
				} catch {
					send(400, { error: { message: 'stub: body is not JSON', type: 'invalid_request_error' } });
					return;
				}
				const messages: Array<{ role: string; content: unknown }> = Array.isArray(body?.messages) ? body.messages : [];
				const record: ChatRequest = {
					path: p,
					headers: req.headers,
					body,
					lastUserMessage: textOf([...messages].reverse().find((m) => m.role === 'user')?.content),
					systemMessage: textOf(messages.find((m) => m.role === 'system')?.content),
				};
				requests.push(record);
				const content = answer(record);
				const id = `chatcmpl-stub-${requests.length}`;
				const created = Math.floor(Date.now() / 1000);
				const usage = { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 };
				if (body?.stream) {
					res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
					const chunk = (delta: object, finish: string | null) =>
						`data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model: body.model ?? model, choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
					res.write(chunk({ role: 'assistant', content: '' }, null));
					res.write(chunk({ content }, null));
					res.write(chunk({}, 'stop'));
					if (body.stream_options?.include_usage) {
						res.write(`data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model: body.model ?? model, choices: [], usage })}\n\n`);
					}
					res.end('data: [DONE]\n\n');
					return;
				}
				send(200, {
					id,
					object: 'chat.completion',
					created,
					model: body?.model ?? model,
					choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop', logprobs: null }],
					usage,
				});
			});
		});
		await new Promise<void>((resolve, reject) => {
			server.once('error', reject);
			server.listen(0, '127.0.0.1', () => resolve());
		});
		const { port } = server.address() as AddressInfo;
		return new OpenAiStub(server, `http://127.0.0.1:${port}`, requests);
	}

	async close(): Promise<void> {
		await new Promise<void>((resolve) => {
			this.server.close(() => resolve());
			this.server.closeAllConnections();
		});
	}
}
