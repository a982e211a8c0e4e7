import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { withMentions, type MentionEveryone } from '../../message';
import type { HeyboxClient } from '../../transport';
import { readContent } from '../content';
import { channelIdParam, idListParam, optionsParam, roomIdParam } from '../params';
import { ackIdOption } from '../send.options';

/** The body of channel_msg/send (and update, plus msg_id), in the field order of Heybox's example. */
export async function channelMessageBody(ctx: IExecuteFunctions, i: number, client: HeyboxClient): Promise<Record<string, unknown>> {
	const options = optionsParam(ctx, i);
	const roomId = roomIdParam(ctx, i);
	const channelId = channelIdParam(ctx, i);
	const content = await readContent(ctx, i, client, options.convertLineBreaks === true);
	let mention = { msg: content.msg, msgType: content.msgType, at_user_id: '', at_role_id: '', mention_channel_id: '' };
	if (content.msgType === 4) {
		mention = withMentions(content.msg, {
			userIds: idListParam(ctx.getNodeParameter('mentionUserIds', i, ''), 'Mention Users'),
			roleIds: idListParam(ctx.getNodeParameter('mentionRoleIds', i, ''), 'Mention Roles'),
			channelIds: idListParam(ctx.getNodeParameter('mentionChannelIds', i, ''), 'Link Channels'),
			everyone: ctx.getNodeParameter('mentionEveryone', i, 'none') as MentionEveryone,
		});
	}
	const body: Record<string, unknown> = {
		msg: mention.msg,
		msg_type: mention.msgType,
		heychat_ack_id: ackIdOption(options),
		reply_id: String(options.replyTo ?? '').trim(),
		room_id: roomId,
		addition: content.addition,
	};
	if (mention.msgType === 10) {
		body.at_user_id = mention.at_user_id;
		body.at_role_id = mention.at_role_id;
		body.mention_channel_id = mention.mention_channel_id;
	}
	body.channel_id = channelId;
	body.channel_type = 1;
	if (content.img) body.img = content.img;
	return body;
}

export function sendResult(result: IDataObject, body: Record<string, unknown>): IDataObject {
	return {
		room_id: body.room_id as string,
		channel_id: body.channel_id as string,
		heychat_ack_id: body.heychat_ack_id as string,
		...result,
	};
}
