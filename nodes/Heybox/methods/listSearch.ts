import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { HeyboxClient } from '../transport';

const matches = (filter: string | undefined, ...values: unknown[]) =>
	!filter || values.some((v) => String(v ?? '').toLowerCase().includes(filter.toLowerCase()));

/** Rooms the bot has joined (first 200). */
export async function searchRooms(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const client = await HeyboxClient.create(this);
	const rooms: IDataObject[] = [];
	for (let offset = 0; offset < 200; offset += 50) {
		const result = await client.call({ method: 'GET', path: '/chatroom/v2/room/joined', qs: { offset, limit: 50 } });
		const page = (((result.rooms ?? {}) as IDataObject).rooms ?? []) as IDataObject[];
		rooms.push(...page);
		if (page.length < 50) break;
	}
	return {
		results: rooms
			.filter((r) => matches(filter, r.room_name, r.room_id))
			.map((r) => ({ name: `${String(r.room_name ?? r.room_id)} (${String(r.room_id)})`, value: String(r.room_id) })),
	};
}

function flattenChannels(channels: IDataObject[], out: IDataObject[] = []): IDataObject[] {
	for (const channel of channels) {
		out.push(channel);
		if (Array.isArray(channel.channel_list)) flattenChannels(channel.channel_list as IDataObject[], out);
	}
	return out;
}

/** Text channels of the room chosen in the Room field. */
export async function searchChannels(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const roomId = String(this.getCurrentNodeParameter('roomId', { extractValue: true }) ?? '').trim();
	if (!/^\d+$/.test(roomId)) return { results: [] };
	const client = await HeyboxClient.create(this);
	const result = await client.call({ method: 'GET', path: '/chatroom/v2/room/view', qs: { room_id: roomId } });
	const channels = flattenChannels((result.channels ?? []) as IDataObject[]).filter(
		(c) => c.channel_type === undefined || Number(c.channel_type) === 1 || Number(c.channel_type) === 2,
	);
	return {
		results: channels
			.filter((c) => matches(filter, c.channel_name, c.channel_id))
			.map((c) => ({ name: `# ${String(c.channel_name ?? c.channel_id)} (${String(c.channel_id)})`, value: String(c.channel_id) })),
	};
}
