import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	ITriggerFunctions,
	ITriggerResponse,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { parseJsonLossless } from '../shared/json';
import { normalizeEvent, type OneBotEvent } from './message';
import { triggerProperties } from './trigger/description';
import { eventPasses } from './trigger/filters';
import { quickOperation } from './trigger/quickOperation';
import { eventItem, readFilters, readQuickReply } from './trigger/read';
import { verifySignature } from './trigger/signature';
import { OneBotWsClient } from './trigger/wsClient';

async function optionalCredentials(ctx: IWebhookFunctions | ITriggerFunctions): Promise<ICredentialDataDecryptedObject | undefined> {
	if (!ctx.getNode().credentials?.oneBotApi) return undefined;
	return await ctx.getCredentials<ICredentialDataDecryptedObject>('oneBotApi');
}

function header(headers: IDataObject, name: string): string | undefined {
	const value = headers[name.toLowerCase()];
	return Array.isArray(value) ? String(value[0]) : value === undefined ? undefined : String(value);
}

export class OneBotTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'OneBot Trigger',
		name: 'oneBotTrigger',
		icon: { light: 'file:onebot.svg', dark: 'file:onebot.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ $parameter["connection"] === "websocket" ? "WebSocket" : "Webhook" }}',
		description: 'Starts the workflow on QQ messages, notices and requests from OneBot v11 (NapCat, LLOneBot, Lagrange, go-cqhttp)',
		defaults: { name: 'OneBot Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'oneBotApi', required: false }],
		webhooks: [
			{
				name: 'default',
				// No webhook at all in WebSocket mode: an empty method registers nothing.
				httpMethod: '={{ $parameter["connection"] === "websocket" ? "" : "POST" }}',
				responseMode: 'onReceived',
				// Empty: n8n then answers with the node's webhookResponse (the quick operation).
				// Left out, n8n 2.41 would answer the literal text "firstEntryJson".
				responseData: '',
				path: 'onebot',
			},
		],
		properties: triggerProperties,
	};

	webhookMethods = {
		default: {
			// The URL is pasted into the implementation's settings by hand: nothing to register.
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const res = this.getResponseObject();
		const refuse = (status: number, message: string): IWebhookResponseData => {
			res.status(status).json({ status: 'failed', message });
			return { noWebhookResponse: true };
		};
		if (this.getNodeParameter('connection', 'webhook') !== 'webhook') return refuse(404, 'This trigger listens on WebSocket');

		const request = this.getRequestObject() as unknown as { rawBody?: Buffer };
		const headers = this.getHeaderData() as IDataObject;
		const raw = request.rawBody ?? Buffer.from(JSON.stringify(this.getBodyData()));
		const options = this.getNodeParameter('options', {}) as IDataObject;
		const credentials = await optionalCredentials(this);
		const secret = String(options.secret || credentials?.webhookSecret || '');
		if (secret && !verifySignature(raw, header(headers, 'x-signature'), secret)) {
			return refuse(401, 'X-Signature is missing or wrong');
		}
		let event: OneBotEvent;
		try {
			const parsed = parseJsonLossless(raw.toString('utf8'));
			if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return refuse(400, 'The body is not a OneBot event');
			event = parsed as OneBotEvent;
		} catch {
			return refuse(400, 'The body is not JSON');
		}
		const expectedSelfId = String(options.expectedSelfId ?? '').trim();
		if (expectedSelfId) {
			const selfId = header(headers, 'x-self-id') ?? String(event.self_id ?? '');
			if (selfId !== expectedSelfId) return refuse(403, 'Event from another bot account (X-Self-ID)');
		}
		const filters = readFilters(this);
		if (!eventPasses(event, normalizeEvent(event), filters).pass) return { webhookResponse: {} };
		return {
			workflowData: [this.helpers.returnJsonArray([eventItem(event, filters)])],
			webhookResponse: quickOperation(event, readQuickReply(this)) ?? {},
		};
	}

	async trigger(this: ITriggerFunctions): Promise<ITriggerResponse> {
		if (this.getNodeParameter('connection', 'webhook') !== 'websocket') return { closeFunction: async () => {} };
		const credentials = await optionalCredentials(this);
		// empty: the WebSocket URL of the credential (the one the OneBot node sends over)
		const url = String(this.getNodeParameter('wsUrl', '')).trim() || String(credentials?.wsUrl ?? '').trim();
		if (!/^wss?:\/\//i.test(url)) {
			throw new NodeOperationError(this.getNode(), url ? 'WebSocket URL must start with ws:// or wss://' : 'No WebSocket URL: set it here or in the OneBot credential', {
				description: 'Enter the address of the implementation\'s WebSocket server, e.g. ws://127.0.0.1:3001/',
			});
		}
		const filters = readFilters(this);
		const helpers = this.helpers;
		const manual = this.getMode() === 'manual';
		let firstEvent: ((item: IDataObject) => void) | undefined;
		const client = new OneBotWsClient({
			url,
			token: typeof credentials?.accessToken === 'string' ? credentials.accessToken : undefined,
			tokenLocation: credentials?.tokenLocation === 'query' ? 'query' : 'header',
			idleTimeoutMs: 0,
			onEvent: (event) => {
				if (!eventPasses(event, normalizeEvent(event), filters).pass) return;
				const item = eventItem(event, filters);
				if (manual) firstEvent?.(item);
				else this.emit([helpers.returnJsonArray([item])]);
			},
			onFatal: (message) => {
				this.emitError(new NodeOperationError(this.getNode(), message, { description: 'Check the Access Token in the OneBot credential' }));
			},
			probeStatus: async (wsUrl, authHeaders) => {
				const response = (await helpers.httpRequest({
					url: wsUrl.replace(/^ws/i, 'http'),
					method: 'GET',
					headers: authHeaders,
					returnFullResponse: true,
					ignoreHttpStatusErrors: true,
					timeout: 5000,
				})) as { statusCode?: number };
				return response.statusCode;
			},
		});
		if (!manual) {
			client.start();
			return { closeFunction: async () => await client.close() };
		}
		const manualTriggerFunction = async () => {
			const item = await new Promise<IDataObject>((resolve) => {
				firstEvent = resolve;
				client.start();
			});
			this.emit([helpers.returnJsonArray([item])]);
		};
		return { closeFunction: async () => await client.close(), manualTriggerFunction };
	}
}
