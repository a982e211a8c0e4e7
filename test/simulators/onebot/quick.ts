/**
 * Quick operations (reference 1.6, "Answering and quick operations"): the JSON object a webhook
 * answers to an HTTP POST event, or the `operation` of the hidden action `.handle_quick_operation`.
 * Applied the way each implementation does it:
 *
 * - go-cqhttp (GOCQ coolq/api.go CQHandleQuickOperation): `reply` to the chat; `at_sender` only when
 *   true and not anonymous (an `at` segment in front of an array, `[CQ:at,qq=N]` in front of a
 *   string); group `delete`, `kick` (+`reject_add_request`), `ban` with `ban_duration` (default 1800);
 *   requests: `approve` (+ group `reason`; a friend `remark` is not used).
 * - NapCat (NC onebot/api/quick-action.ts): `reply` only; group replies start with a `reply` segment
 *   quoting the event, then an `at` when `at_sender` is truthy; no delete / kick / ban.
 * - LLOneBot (LLOB helper/quickOperation.ts): `reply` (`at` when `at_sender`, no quote by default);
 *   group `delete`, `kick`, `ban` with `ban_duration || 1800`; requests as NapCat.
 * - Lagrange: ignores webhook answers entirely.
 *
 * Effects go through the simulator's action handlers, so a reply lands in `state.sentMessages()`
 * (with `via: '.handle_quick_operation'`) and kicks / bans are validated like the real actions.
 */
import { decodeCQ } from './cq.ts';
import { HANDLERS } from './actions.ts';
import { nowSeconds } from './state.ts';
import { ActionError } from './validate.ts';
import type { Segment } from './cq.ts';
import type { Dialect, DialectProfile } from './dialects.ts';
import type { OneBotState } from './state.ts';
import type { Params } from './validate.ts';

export type QuickOperationSource = 'http_post' | '.handle_quick_operation';

export interface QuickOperationEffect {
	type: 'reply' | 'delete' | 'kick' | 'ban' | 'request';
	/** false when the action failed (e.g. kicking an admin, replying to a stranger) */
	ok: boolean;
	/** the action run and its parameters (`request`: the decision) */
	action: string;
	params: Record<string, unknown>;
	/** reply: the id of the stored message */
	messageId?: number;
	error?: string;
}

export interface QuickOperationRecord {
	/** the event the operation answers (the webhook context) */
	event: Record<string, unknown>;
	operation: Record<string, unknown>;
	/** true when at least one effect was carried out */
	applied: boolean;
	via: QuickOperationSource;
	effects: QuickOperationEffect[];
	/** why nothing was done (Lagrange ignores answers; notices and meta events have no quick operations) */
	ignored?: string;
}

export interface RequestDecision {
	request_type: string;
	sub_type?: string;
	flag: string;
	approve: boolean;
	/** group requests: the rejection reason (go-cqhttp sends '' when absent) */
	reason?: string;
	/** as given in the operation; none of the four implementations actually applies it */
	remark?: string;
	user_id?: number;
	group_id?: number;
	time: number;
	via: QuickOperationSource;
}

export interface QuickOperationContext {
	dialect: Dialect;
	profile: DialectProfile;
	state: OneBotState;
}

/** gjson's Bool(): true, non-zero numbers and the strings "1"/"t"/"true" (case-insensitive) */
function goBool(v: unknown): boolean {
	if (typeof v === 'boolean') return v;
	if (typeof v === 'number') return v !== 0;
	if (typeof v === 'string') return ['1', 't', 'true'].includes(v.toLowerCase());
	return false;
}

function jsBool(v: unknown): boolean {
	if (v === 'false' || v === '0') return false;
	return !!v;
}

function num(v: unknown): number | undefined {
	if (typeof v === 'number' && Number.isFinite(v)) return v;
	if (typeof v === 'string' && /^-?\d+$/.test(v)) return Number(v);
	return undefined;
}

/** NapCat `normalize` / LLOneBot `convertMessage2List`: string → CQ-decoded (or one text segment), object → [object] */
function normalizeReply(reply: unknown, autoEscape: boolean): unknown[] {
	if (typeof reply === 'string') return autoEscape ? [{ type: 'text', data: { text: reply } }] : decodeCQ(reply);
	if (Array.isArray(reply)) return reply;
	return [reply];
}

function run(ctx: QuickOperationContext, type: QuickOperationEffect['type'], action: string, params: Params): QuickOperationEffect {
	const effect: QuickOperationEffect = { type, ok: false, action, params };
	try {
		const data = HANDLERS[action]({ dialect: ctx.dialect, profile: ctx.profile, state: ctx.state, params, action: '.handle_quick_operation' });
		effect.ok = true;
		const id = (data as { message_id?: unknown } | null)?.message_id;
		if (typeof id === 'number') effect.messageId = id;
	} catch (err: unknown) {
		effect.error = err instanceof ActionError || err instanceof Error ? err.message : String(err);
	}
	return effect;
}

function sendReply(ctx: QuickOperationContext, event: Record<string, unknown>, message: unknown, autoEscape: boolean): QuickOperationEffect {
	if (event.message_type === 'group') {
		return run(ctx, 'reply', 'send_group_msg', { group_id: event.group_id, message, auto_escape: autoEscape });
	}
	const params: Params = { user_id: event.user_id, message, auto_escape: autoEscape };
	if (event.group_id !== undefined) params.group_id = event.group_id;
	return run(ctx, 'reply', 'send_private_msg', params);
}

function recall(ctx: QuickOperationContext, event: Record<string, unknown>): QuickOperationEffect {
	// the implementation recalls the event's message from its own store; the simulator may not hold it
	const id = num(event.message_id);
	if (id === undefined) return { type: 'delete', ok: false, action: 'delete_msg', params: { message_id: event.message_id }, error: 'no message_id' };
	ctx.state.messages.delete(id);
	ctx.state.deletedMessages.push(id);
	return { type: 'delete', ok: true, action: 'delete_msg', params: { message_id: id } };
}

function decide(
	ctx: QuickOperationContext,
	event: Record<string, unknown>,
	approve: boolean,
	reason: string | undefined,
	remark: unknown,
	via: QuickOperationSource,
	decisions: RequestDecision[],
): QuickOperationEffect {
	const d: RequestDecision = {
		request_type: String(event.request_type),
		flag: String(event.flag ?? ''),
		approve,
		time: nowSeconds(),
		via,
	};
	if (event.sub_type !== undefined) d.sub_type = String(event.sub_type);
	if (reason !== undefined) d.reason = reason;
	if (typeof remark === 'string') d.remark = remark;
	const uid = num(event.user_id);
	const gid = num(event.group_id);
	if (uid !== undefined) d.user_id = uid;
	if (gid !== undefined) d.group_id = gid;
	decisions.push(d);
	const action = d.request_type === 'group' ? 'set_group_add_request' : 'set_friend_add_request';
	const params: Record<string, unknown> = { flag: d.flag, approve };
	if (reason !== undefined) params.reason = reason;
	if (d.sub_type !== undefined) params.sub_type = d.sub_type;
	return { type: 'request', ok: true, action, params };
}

/**
 * Applies `operation` to `event` as the dialect does and returns the record (not stored: the caller
 * pushes it to `sim.quickOperations`). Request decisions are appended to `decisions`.
 */
export function applyQuickOperation(
	ctx: QuickOperationContext,
	event: Record<string, unknown>,
	operation: Record<string, unknown>,
	via: QuickOperationSource,
	decisions: RequestDecision[],
): QuickOperationRecord {
	const rec: QuickOperationRecord = { event, operation, applied: false, via, effects: [] };
	const d = ctx.dialect;
	const op = operation;
	if (d === 'lagrange') {
		rec.ignored = 'Lagrange ignores the webhook response (HttpPostService only sends)';
		return rec;
	}
	const postType = event.post_type;
	if (postType === 'message') {
		const group = event.message_type === 'group';
		if (d === 'gocqhttp') {
			const isAnonymous = event.anonymous !== undefined && event.anonymous !== null;
			if (op.reply !== undefined) {
				const autoEscape = goBool(op.auto_escape);
				const at = !isAnonymous && goBool(op.at_sender) && group;
				const qq = num((event.sender as Record<string, unknown> | undefined)?.user_id) ?? 0;
				let reply: unknown = op.reply;
				if (at && Array.isArray(reply)) reply = [{ type: 'at', data: { qq } }, ...reply];
				else if (at && typeof reply === 'string') reply = `[CQ:at,qq=${qq}]${reply}`;
				rec.effects.push(sendReply(ctx, event, reply, autoEscape));
			}
			if (group) {
				if (goBool(op.delete)) rec.effects.push(recall(ctx, event));
				if (!isAnonymous && goBool(op.kick)) {
					rec.effects.push(
						run(ctx, 'kick', 'set_group_kick', { group_id: event.group_id, user_id: event.user_id, reject_add_request: goBool(op.reject_add_request) }),
					);
				}
				if (goBool(op.ban)) {
					const duration = op.ban_duration !== undefined ? Math.max(0, Math.trunc(num(op.ban_duration) ?? 0)) : 1800;
					if (!isAnonymous) rec.effects.push(run(ctx, 'ban', 'set_group_ban', { group_id: event.group_id, user_id: event.user_id, duration }));
				}
			}
		} else {
			// NapCat and LLOneBot
			if (op.reply) {
				const segments: unknown[] = [];
				if (group && d === 'napcat') segments.push({ type: 'reply', data: { id: String(event.message_id) } });
				if (group && op.at_sender) segments.push({ type: 'at', data: { qq: String(event.user_id) } });
				segments.push(...normalizeReply(op.reply, jsBool(op.auto_escape)));
				rec.effects.push(sendReply(ctx, event, segments as Segment[], false));
			}
			if (group && d === 'llonebot') {
				if (op.delete) rec.effects.push(recall(ctx, event));
				if (op.kick) rec.effects.push(run(ctx, 'kick', 'set_group_kick', { group_id: event.group_id, user_id: event.user_id }));
				if (op.ban) {
					const duration = num(op.ban_duration) || 1800;
					rec.effects.push(run(ctx, 'ban', 'set_group_ban', { group_id: event.group_id, user_id: event.user_id, duration }));
				}
			}
		}
	} else if (postType === 'request') {
		const type = event.request_type;
		if (type === 'friend' || type === 'group') {
			const has = d === 'gocqhttp' ? op.approve !== undefined : op.approve !== undefined && op.approve !== null;
			if (has) {
				const approve = d === 'gocqhttp' ? goBool(op.approve) : jsBool(op.approve);
				let reason: string | undefined;
				if (type === 'group') reason = d === 'gocqhttp' ? (typeof op.reason === 'string' ? op.reason : '') : (op.reason as string | undefined);
				rec.effects.push(decide(ctx, event, approve, reason, op.remark, via, decisions));
			}
		}
	} else {
		rec.ignored = `no quick operations for post_type ${JSON.stringify(postType)}`;
	}
	rec.applied = rec.effects.some((e) => e.ok);
	return rec;
}
