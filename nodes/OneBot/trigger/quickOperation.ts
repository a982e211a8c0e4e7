/** The OneBot quick-operation answer to an HTTP POST event (OB11 communication/http-post.md). */
import type { OneBotEvent } from '../message';

export interface QuickReplyConfig {
	reply?: string;
	/** send `reply` as plain text (never parsed as CQ code) */
	autoEscape?: boolean;
	atSender?: boolean;
	delete?: boolean;
	kick?: boolean;
	ban?: boolean;
	banDuration?: number;
	/** friend and group requests */
	approve?: 'approve' | 'reject' | 'none';
	remark?: string;
	reason?: string;
}

/**
 * Only the fields the event type supports; undefined when there is nothing to do (the webhook
 * then answers `{}`, which every implementation reads as "no operation").
 */
export function quickOperation(event: OneBotEvent, config: QuickReplyConfig): Record<string, unknown> | undefined {
	const op: Record<string, unknown> = {};
	const kind = event.post_type;
	if (kind === 'message') {
		if (config.reply) {
			op.reply = config.reply;
			op.auto_escape = config.autoEscape ?? true;
		}
		if (event.message_type === 'group') {
			if (config.reply) op.at_sender = config.atSender === true;
			if (config.delete) op.delete = true;
			if (config.kick) op.kick = true;
			if (config.ban) {
				op.ban = true;
				op.ban_duration = config.banDuration ?? 1800;
			}
		}
	} else if (kind === 'request' && config.approve && config.approve !== 'none') {
		op.approve = config.approve === 'approve';
		if (event.request_type === 'friend' && config.remark && op.approve) op.remark = config.remark;
		if (event.request_type === 'group' && config.reason && !op.approve) op.reason = config.reason;
	}
	return Object.keys(op).length ? op : undefined;
}
