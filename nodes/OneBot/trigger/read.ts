import type { IDataObject, IHookFunctions, ITriggerFunctions, IWebhookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { commandText, normalizeEvent, type OneBotEvent } from '../message';
import { idList, parseCommand, type TriggerFilters } from './filters';
import type { QuickReplyConfig } from './quickOperation';

type Ctx = IWebhookFunctions | ITriggerFunctions | IHookFunctions;

/** The filters configured on the trigger. */
export function readFilters(ctx: Ctx): TriggerFilters {
	const filters = ctx.getNodeParameter('filters', {}) as IDataObject;
	const pattern = String(filters.textPattern ?? '');
	let textPattern: RegExp | undefined;
	if (pattern) {
		try {
			textPattern = new RegExp(pattern, 'u');
		} catch (error) {
			throw new NodeOperationError(ctx.getNode(), `Filters › Text Matches (Regex) is not a valid regular expression: ${(error as Error).message}`);
		}
	}
	return {
		events: ctx.getNodeParameter('events', ['message']) as string[],
		messageTypes: ctx.getNodeParameter('messageTypes', []) as string[],
		groupIds: idList(filters.groupIds),
		userIds: idList(filters.userIds),
		onlyWhenMentioned: filters.onlyWhenMentioned === true,
		commandPrefix: String(filters.commandPrefix ?? ''),
		textPattern,
		ignoreSelf: ctx.getNodeParameter('ignoreSelf', true) as boolean,
	};
}

export function readQuickReply(ctx: Ctx): QuickReplyConfig {
	return ctx.getNodeParameter('quickReply', {}) as QuickReplyConfig;
}

/** The output item: the raw event plus the normalised fields (and the command when a prefix is set). */
export function eventItem(event: OneBotEvent, filters: TriggerFilters): IDataObject {
	const normalized = normalizeEvent(event);
	const item: IDataObject = { ...(event as IDataObject) };
	for (const [key, value] of Object.entries(normalized)) {
		if (key !== 'kind' && value !== undefined) item[key] = value as IDataObject[keyof IDataObject];
	}
	if (filters.commandPrefix && normalized.text !== undefined) {
		const command = parseCommand(commandText(normalized, event.self_id), filters.commandPrefix);
		if (command) item.command = command as unknown as IDataObject;
	}
	return item;
}
