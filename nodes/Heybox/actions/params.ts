import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { ParameterError } from '../../shared/errors';
import { jsonId, readAccountId, readId } from '../../shared/ids';

/** A 19-digit Heybox ID (room, channel, message, role): always a string of digits. */
export function snowflake(ctx: IExecuteFunctions, i: number, name: string, label: string, locator = false): string {
	const raw = locator ? ctx.getNodeParameter(name, i, '', { extractValue: true }) : ctx.getNodeParameter(name, i, '');
	const id = readAccountId(raw, label, `${label} ID`);
	return id;
}

export const roomIdParam = (ctx: IExecuteFunctions, i: number) => snowflake(ctx, i, 'roomId', 'Room', true);
export const channelIdParam = (ctx: IExecuteFunctions, i: number) => snowflake(ctx, i, 'channelId', 'Channel', true);

/** A user ID as the JSON integer Heybox expects (bigint if it ever outgrows 2^53). */
export function userIdParam(ctx: IExecuteFunctions, i: number, name = 'userId', label = 'User ID'): number | bigint {
	return jsonId(readAccountId(ctx.getNodeParameter(name, i, ''), label, 'user ID'));
}

/** A comma/space separated list of numeric IDs. */
export function idListParam(value: unknown, field: string): string[] {
	const ids = String(value ?? '')
		.split(/[\s,;]+/)
		.filter(Boolean);
	return ids.map((id) => readId(id, field, 'ID'));
}

export const optionsParam = (ctx: IExecuteFunctions, i: number, name = 'options') => ctx.getNodeParameter(name, i, {}) as IDataObject;

export function limitParam(ctx: IExecuteFunctions, i: number): number | undefined {
	return ctx.getNodeParameter('returnAll', i, false) ? undefined : Math.max(1, Number(ctx.getNodeParameter('limit', i, 50)));
}

export function nonEmpty(value: unknown, field: string, what: string): string {
	const text = String(value ?? '').trim();
	if (!text) throw new ParameterError(field, `${what} is empty`, `Enter the ${what.toLowerCase()}`);
	return text;
}

/** A list the API may return under different keys. */
export function listOf(result: IDataObject, ...keys: string[]): IDataObject[] {
	for (const key of keys) {
		const value = key.split('.').reduce<unknown>((acc, k) => (acc as IDataObject | undefined)?.[k], result);
		if (Array.isArray(value)) return value as IDataObject[];
	}
	return [];
}
