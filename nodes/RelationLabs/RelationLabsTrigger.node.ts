import type { IDataObject, INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { RelationLabsClient } from './transport';
import { newMessages, type ChannelCursor } from './trigger/cursor';

/** maxCreateAt looks a minute ahead, so a server clock running ahead of ours hides nothing. */
export const CLOCK_SKEW_MS = 60_000;

interface PollState {
	cursors?: Record<string, ChannelCursor>;
	/**
	 * The newest createAt seen in any chat (server clock), set from the first poll on: a chat
	 * that shows up later (a new DM, a group the bot joins) starts from here, so its first new
	 * message is not taken for history.
	 */
	since?: number;
	self?: string;
}

const list = (value: unknown) =>
	String(value ?? '')
		.split(/[\s,;]+/)
		.filter(Boolean);

export class RelationLabsTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'RelationLabs Trigger',
		name: 'relationLabsTrigger',
		icon: { light: 'file:relationlabs.svg', dark: 'file:relationlabs.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ $parameter["watch"] === "channels" ? "Chosen channels" : "All chats" }}',
		description: 'Starts the workflow on new RelationLabs messages (polling: the service has no webhooks)',
		defaults: { name: 'RelationLabs Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'relationLabsApi', required: true }],
		properties: [
			{
				displayName: 'Watch',
				name: 'watch',
				type: 'options',
				options: [
					{ name: 'All Chats', value: 'allChats', description: 'Every conversation of the bot with new messages' },
					{ name: 'Chosen Channels', value: 'channels' },
				],
				default: 'allChats',
			},
			{
				displayName: 'Channel UUIDs',
				name: 'channelUuids',
				type: 'string',
				default: '',
				required: true,
				placeholder: '4f326124812c41448bc587bf6b2eaf42',
				description: 'Groups or chats to watch, separated by commas',
				displayOptions: { show: { watch: ['channels'] } },
			},
			{
				displayName: 'Ignore Bot\'s Own Messages',
				name: 'ignoreSelf',
				type: 'boolean',
				default: true,
				description: 'Whether to skip the messages the bot sent itself',
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const client = await RelationLabsClient.create(this);
		const state = this.getWorkflowStaticData('node') as PollState;
		const manual = this.getMode() === 'manual';
		state.cursors ??= {};
		if (this.getNodeParameter('ignoreSelf', true) && !state.self) {
			const me = ((await client.call({ method: 'GET', path: '/api/v1/userInfo' })) ?? {}) as IDataObject;
			state.self = me.relationId ? String(me.relationId) : undefined;
		}
		let channels: string[];
		if (this.getNodeParameter('watch', 'allChats') === 'channels') {
			channels = list(this.getNodeParameter('channelUuids', ''));
			if (!channels.length) throw new NodeOperationError(this.getNode(), 'Channel UUIDs is empty', { description: 'Enter the groups or chats to watch' });
		} else {
			const data = ((await client.call({ method: 'GET', path: '/api/v1/userChannels/list', qs: { limit: 100 } })) ?? {}) as IDataObject;
			channels = ((data.list ?? []) as IDataObject[])
				// status 1 left, 2 removed, 3 dismissed: the bot can no longer read those chats
				.filter((c) => Number(c.status ?? 0) === 0)
				.filter((c) => manual || !state.cursors?.[String(c.channelUuid)] || Number(c.lastPostAt ?? 0) >= (state.cursors[String(c.channelUuid)]?.createAt ?? 0))
				.map((c) => String(c.channelUuid));
		}
		const found: IDataObject[] = [];
		let newest = state.since ?? 0;
		for (const channelUuid of channels) {
			const page = ((await client.call({ method: 'GET', path: '/api/v1/message/list', qs: { channelUuid, maxCreateAt: Date.now() + CLOCK_SKEW_MS, limit: 50 } })) ?? []) as IDataObject[];
			if (manual) {
				found.push(...page.slice(0, 1).map((m) => ({ ...m, channelUuid: m.channelUuid ?? channelUuid })));
				continue;
			}
			const start = state.cursors[channelUuid] ?? (state.since !== undefined ? { createAt: state.since, ids: [] } : undefined);
			const { fresh, cursor } = newMessages(page, start);
			state.cursors[channelUuid] = cursor;
			newest = Math.max(newest, cursor.createAt);
			found.push(...fresh.map((m) => ({ ...m, channelUuid: m.channelUuid ?? channelUuid })));
		}
		// with no message anywhere yet, our clock (a minute back, for skew) marks the start
		if (!manual) state.since = newest > 0 ? newest : (state.since ?? Date.now() - CLOCK_SKEW_MS);
		if (manual) {
			const latest = found.sort((a, b) => Number(b.createAt) - Number(a.createAt)).slice(0, 1);
			return latest.length ? [this.helpers.returnJsonArray(latest)] : null;
		}
		const wanted = found
			.filter((m) => !state.self || String(m.from) !== state.self)
			.sort((a, b) => Number(a.createAt) - Number(b.createAt) || String(a.id).localeCompare(String(b.id)));
		return wanted.length ? [this.helpers.returnJsonArray(wanted)] : null;
	}
}
