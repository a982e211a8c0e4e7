import type { ICredentialDataDecryptedObject, IDataObject, INodeType, INodeTypeDescription, ITriggerFunctions, ITriggerResponse } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { parseJsonLossless } from '../shared/json';
import { ReconnectingSocket } from '../shared/socket';
import { CREDENTIAL_TYPE } from './transport';
import { triggerProperties } from './trigger/description';
import { commandMatches, envelopeOf, normalizeEvent, SequenceWindow, type HeyboxEvent } from './trigger/events';

const COMMON_QUERY: Record<string, string> = {
	client_type: 'heybox_chat',
	x_client_type: 'web',
	os_type: 'web',
	x_os_type: 'bot',
	x_app: 'heybox_chat',
	chat_os_type: 'bot',
};

/** wss://chat.xiaoheihe.cn/chatroom/ws/connect?<common query>&token=… from the credential's API base URL. */
export function gatewayUrl(credentials: ICredentialDataDecryptedObject): string {
	const base = String(credentials.baseUrl || 'https://chat.xiaoheihe.cn').trim().replace(/\/+$/, '');
	const url = new URL(`${base.replace(/^http/i, 'ws')}/chatroom/ws/connect`);
	for (const [key, value] of Object.entries(COMMON_QUERY)) url.searchParams.set(key, value);
	url.searchParams.set('chat_version', String(credentials.chatVersion || '1.30.0'));
	url.searchParams.set('token', String(credentials.token ?? ''));
	return url.toString();
}

const ids = (value: unknown) =>
	String(value ?? '')
		.split(/[\s,;]+/)
		.filter(Boolean);

function wanted(event: HeyboxEvent, ctx: ITriggerFunctions): boolean {
	const events = ctx.getNodeParameter('events', ['command']) as string[];
	if (!events.includes('all') && !events.includes(event.kind)) return false;
	if (event.kind === 'command' && !commandMatches(event.command?.name ?? '', ids(ctx.getNodeParameter('commandNames', '')))) return false;
	const filters = ctx.getNodeParameter('filters', {}) as IDataObject;
	const rooms = ids(filters.roomIds);
	if (rooms.length && !rooms.includes(event.room?.id ?? '')) return false;
	const channels = ids(filters.channelIds);
	if (channels.length && !channels.includes(event.channel?.id ?? '')) return false;
	if (filters.ignoreBots !== false && event.sender?.bot === true) return false;
	return true;
}

function item(event: HeyboxEvent): IDataObject {
	const { data, ...fields } = event;
	return { ...(fields as unknown as IDataObject), event: data as IDataObject };
}

export class HeyboxTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Heybox Trigger',
		name: 'heyboxTrigger',
		icon: { light: 'file:heybox.svg', dark: 'file:heybox.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ $parameter["events"].join(", ") }}',
		description: 'Starts the workflow on Heybox bot events: slash commands, joins and leaves, reactions, card button clicks',
		defaults: { name: 'Heybox Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'heyboxApi', required: true }],
		properties: triggerProperties,
	};

	async trigger(this: ITriggerFunctions): Promise<ITriggerResponse> {
		const credentials = await this.getCredentials<ICredentialDataDecryptedObject>(CREDENTIAL_TYPE);
		const options = this.getNodeParameter('options', {}) as IDataObject;
		const heartbeatMs = Math.max(100, Number(options.heartbeatSeconds ?? 30) * 1000);
		const helpers = this.helpers;
		const manual = this.getMode() === 'manual';
		const sequences = new SequenceWindow();
		let firstEvent: ((data: IDataObject) => void) | undefined;
		const url = gatewayUrl(credentials);
		const socket = new ReconnectingSocket({
			url: () => url,
			headers: () => ({ token: String(credentials.token ?? '') }),
			heartbeat: { intervalMs: heartbeatMs, payload: 'PING', isReply: (text) => /^pong/i.test(text.trim()) },
			onFrame: (text) => {
				let envelope: Record<string, unknown> | undefined;
				try {
					envelope = envelopeOf(parseJsonLossless(text));
				} catch {
					return undefined;
				}
				if (!envelope) return undefined;
				const event = normalizeEvent(envelope);
				// Events are repeated after a reconnect: each sequence starts the workflow once.
				if (!sequences.fresh(event.sequence)) return undefined;
				if (!wanted(event, this)) return undefined;
				if (manual) firstEvent?.(item(event));
				else this.emit([helpers.returnJsonArray([item(event)])]);
				return undefined;
			},
			onFatal: (message) => this.emitError(new NodeOperationError(this.getNode(), message, { description: 'Copy the bot token again into the Heybox credential' })),
			// After a handshake that never opened: ask the REST API whether the token is the problem.
			probeStatus: async () => {
				const base = String(credentials.baseUrl || 'https://chat.xiaoheihe.cn').trim().replace(/\/+$/, '');
				const response = (await helpers.httpRequestWithAuthentication.call(this, CREDENTIAL_TYPE, {
					url: `${base}/chatroom/v2/room/joined`,
					method: 'GET',
					qs: { offset: 0, limit: 1 },
					returnFullResponse: true,
					ignoreHttpStatusErrors: true,
					timeout: 5000,
				})) as { statusCode?: number };
				return response.statusCode;
			},
			fatalStatus: (status) => (status === 401 || status === 403 ? `Heybox rejected the bot token (HTTP ${status})` : undefined),
		});
		if (!manual) {
			socket.start();
			return { closeFunction: async () => await socket.close() };
		}
		const manualTriggerFunction = async () => {
			const data = await new Promise<IDataObject>((resolve) => {
				firstEvent = resolve;
				socket.start();
			});
			this.emit([helpers.returnJsonArray([data])]);
		};
		return { closeFunction: async () => await socket.close(), manualTriggerFunction };
	}
}
