import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { ParameterError } from '../../shared/errors';
import { exactNumber, readAccountId, readId } from '../../shared/ids';

/** A QQ or group number (positive digits) as the JSON number OneBot expects. */
export function qqNumber(value: unknown, field: string, label: string): number {
	return exactNumber(readAccountId(value, field, label), field, label);
}

function locatorValue(ctx: IExecuteFunctions, name: string, i: number): unknown {
	return ctx.getNodeParameter(name, i, '', { extractValue: true });
}

/** group_id from the Group locator, as a JSON number. */
export const groupIdParam = (ctx: IExecuteFunctions, i: number) => qqNumber(locatorValue(ctx, 'groupId', i), 'Group', 'group number');

/** user_id from the User locator, as a JSON number. */
export const userIdParam = (ctx: IExecuteFunctions, i: number) => qqNumber(locatorValue(ctx, 'userId', i), 'User', 'QQ number');

/** user_id from the Member locator, as a JSON number. */
export const memberIdParam = (ctx: IExecuteFunctions, i: number) => qqNumber(locatorValue(ctx, 'memberId', i), 'Member', 'QQ number');

/** message_id from the Message ID field (may be negative in go-cqhttp). */
export const messageIdParam = (ctx: IExecuteFunctions, i: number, name = 'messageId', label = 'Message ID') =>
	exactNumber(readId(ctx.getNodeParameter(name, i, ''), label, 'message ID'), label, 'Message ID');

/** The options collection of an operation. */
export const optionsParam = (ctx: IExecuteFunctions, i: number, name = 'options') => ctx.getNodeParameter(name, i, {}) as IDataObject;

/** A whole number parameter within bounds. */
export function boundedNumber(ctx: IExecuteFunctions, i: number, name: string, label: string, min: number, max: number): number {
	const value = Number(ctx.getNodeParameter(name, i));
	if (!Number.isInteger(value) || value < min || value > max) {
		throw new ParameterError(label, `${label} must be a whole number from ${min} to ${max}, got ${String(ctx.getNodeParameter(name, i))}`);
	}
	return value;
}

/** Applies Return All / Limit to a list the API returns in one piece. */
export function limitList<T>(ctx: IExecuteFunctions, i: number, list: T[]): T[] {
	if (ctx.getNodeParameter('returnAll', i, false)) return list;
	const limit = Number(ctx.getNodeParameter('limit', i, 50));
	return list.slice(0, Math.max(1, limit));
}

/** The array `data` of a list action (null or odd shapes become empty). */
export function asList(data: unknown): IDataObject[] {
	return Array.isArray(data) ? (data as IDataObject[]) : [];
}

/** The object `data` of an action ({} for null). */
export function asObject(data: unknown): IDataObject {
	return data && typeof data === 'object' && !Array.isArray(data) ? (data as IDataObject) : {};
}
