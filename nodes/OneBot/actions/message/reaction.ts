import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { apiError, ParameterError } from '../../../shared/errors';
import { exactNumber, readId } from '../../../shared/ids';
import { asObject, messageIdParam, optionsParam, qqNumber } from '../../helpers/params';
import type { OneBotClient } from '../../transport';

/**
 * Adds or removes an emoji reaction the way the implementation wants it:
 * NapCat set_msg_emoji_like {set}, LLOneBot set_/unset_msg_emoji_like, Lagrange set_group_reaction.
 */
export async function setReaction(ctx: IExecuteFunctions, i: number, client: OneBotClient, add: boolean): Promise<IDataObject> {
	const messageId = messageIdParam(ctx, i);
	const emojiId = readId(ctx.getNodeParameter('emojiId', i, ''), 'Emoji ID', 'emoji ID');
	const implementation = await client.implementation();
	let data: unknown;
	if (implementation === 'gocqhttp') {
		throw apiError(ctx.getNode(), 'This OneBot implementation does not support reactions (go-cqhttp has no reaction action)', {
			provider: 'OneBot',
			endpoint: 'set_msg_emoji_like',
			hint: 'Reactions need NapCat, LLOneBot or Lagrange',
			cause: 'configuration-invalid',
		});
	} else if (implementation === 'lagrange') {
		const options = optionsParam(ctx, i);
		let groupId: number;
		if (String(options.groupId ?? '').trim()) {
			groupId = qqNumber(String(options.groupId), 'Options › Group ID', 'group number');
		} else {
			const message = asObject(await client.call('get_msg', { message_id: messageId }));
			if (message.group_id === undefined || message.group_id === null) {
				throw new ParameterError('Options › Group ID', 'Lagrange reacts only to group messages, and this message has no group', 'Set Group ID, or react to a group message');
			}
			groupId = qqNumber(message.group_id, 'Options › Group ID', 'group number');
		}
		data = await client.call('set_group_reaction', { group_id: groupId, message_id: messageId, code: emojiId, is_add: add });
	} else if (implementation === 'llonebot') {
		data = await client.call(add ? 'set_msg_emoji_like' : 'unset_msg_emoji_like', { message_id: messageId, emoji_id: exactNumber(emojiId, 'Emoji ID', 'Emoji ID') });
	} else {
		data = await client.call('set_msg_emoji_like', { message_id: messageId, emoji_id: exactNumber(emojiId, 'Emoji ID', 'Emoji ID'), set: add });
	}
	return { success: true, message_id: messageId, emoji_id: emojiId, added: add, ...asObject(data) };
}
