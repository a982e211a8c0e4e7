/** The benchmark workflows: Manual Trigger → Code (N items) → the contender. */
import { randomUUID } from 'node:crypto';
import { NODE_TYPE_PREFIX } from '../../test/e2e/lib/n8n.ts';

export const NODE = 'Send';
/** the user every message goes to (a friend in the OneBot simulator's seed) */
export const USER_ID = 123456;
export const ITEM_TEXT = 'bench message ';

type WfNode = Record<string, any>;

export interface CredRef {
	id: string;
	name: string;
}

const trigger = (): WfNode => ({
	id: randomUUID(),
	name: 'Start',
	type: 'n8n-nodes-base.manualTrigger',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
});

/** A Code node (runs in n8n's task runner) producing `count` items {userId, text}. */
const items = (count: number): WfNode => ({
	id: randomUUID(),
	name: 'Items',
	type: 'n8n-nodes-base.code',
	typeVersion: 2,
	position: [220, 0],
	parameters: {
		jsCode: `return Array.from({ length: ${count} }, (_, i) => ({ json: { userId: ${USER_ID}, text: '${ITEM_TEXT}' + i } }));`,
	},
});

/**
 * Seconds the Wait node holds the items before the measured node. `n8n execute` starts running the
 * workflow while n8n is still finishing its start-up in the background (it loads the MCP registry
 * nodes, LangChain and credential classes for ≈ 2 s, ≈ 0.35–0.7 s of CPU, seen in CPU profiles):
 * without the pause that work lands inside whichever node happens to run then.
 */
export let SETTLE_SECONDS = 4;
export const setSettleSeconds = (s: number) => (SETTLE_SECONDS = s);

const settle = (): WfNode => ({
	id: randomUUID(),
	name: 'Settle',
	type: 'n8n-nodes-base.wait',
	typeVersion: 1.1,
	position: [330, 0],
	parameters: { resume: 'timeInterval', amount: SETTLE_SECONDS, unit: 'seconds' },
	webhookId: randomUUID(),
});

function workflow(name: string, count: number, send?: WfNode): Record<string, any> {
	const nodes = [trigger(), items(count), settle(), ...(send ? [send] : [])];
	const connections: Record<string, any> = {
		Start: { main: [[{ node: 'Items', type: 'main', index: 0 }]] },
		Items: { main: [[{ node: 'Settle', type: 'main', index: 0 }]] },
	};
	if (send) connections.Settle = { main: [[{ node: NODE, type: 'main', index: 0 }]] };
	return { name: `bench: ${name}`, nodes, connections, settings: { executionOrder: 'v1' } };
}

/**
 * Our OneBot node: Message › Send Private, plain text; user and text from the item (two
 * expressions per item), or with `fixedUser` the user typed in (one expression per item, like the
 * HTTP Request node's single body expression).
 */
export function oneBotWorkflow(name: string, count: number, cred: CredRef, options: Record<string, unknown> = {}, fixedUser = false) {
	return workflow(name, count, {
		id: randomUUID(),
		name: NODE,
		type: `${NODE_TYPE_PREFIX}oneBot`,
		typeVersion: 1,
		position: [440, 0],
		parameters: {
			resource: 'message',
			operation: 'sendPrivate',
			userId: { __rl: true, mode: 'id', value: fixedUser ? String(USER_ID) : '={{ $json.userId }}' },
			messageMode: 'text',
			text: '={{ $json.text }}',
			options,
		},
		credentials: { oneBotApi: cred },
	});
}

/**
 * n8n's HTTP Request node v4.2 doing the same: POST {sim}/send_private_msg, the same JSON body (a
 * one-segment text message) built by an expression, default options.
 * - auth 'header': the Authorization header typed into the node's Headers (what the issue asks);
 * - auth 'credential': a Header Auth credential (n8n's recommended way; for information).
 */
export function httpRequestWorkflow(
	name: string,
	count: number,
	baseUrl: string,
	auth: { kind: 'header'; token: string } | { kind: 'credential'; cred: CredRef },
) {
	const parameters: Record<string, unknown> = {
		method: 'POST',
		url: `${baseUrl}/send_private_msg`,
		sendBody: true,
		contentType: 'json',
		specifyBody: 'json',
		jsonBody: "={{ { user_id: $json.userId, message: [ { type: 'text', data: { text: $json.text } } ] } }}",
		options: {},
	};
	const node: WfNode = {
		id: randomUUID(),
		name: NODE,
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		position: [440, 0],
		parameters,
	};
	if (auth.kind === 'header') {
		Object.assign(parameters, {
			sendHeaders: true,
			specifyHeaders: 'keypair',
			headerParameters: { parameters: [{ name: 'Authorization', value: `Bearer ${auth.token}` }] },
		});
	} else {
		Object.assign(parameters, { authentication: 'genericCredentialType', genericAuthType: 'httpHeaderAuth' });
		node.credentials = { httpHeaderAuth: auth.cred };
	}
	return workflow(name, count, node);
}

/** Our Heybox node: Channel Message › Send, markdown from the item. */
export function heyboxWorkflow(name: string, count: number, cred: CredRef, room: string, channel: string, options: Record<string, unknown>) {
	return workflow(name, count, {
		id: randomUUID(),
		name: NODE,
		type: `${NODE_TYPE_PREFIX}heybox`,
		typeVersion: 1,
		position: [440, 0],
		parameters: {
			resource: 'channelMessage',
			operation: 'send',
			roomId: { __rl: true, mode: 'id', value: room },
			channelId: { __rl: true, mode: 'id', value: channel },
			messageType: 'markdown',
			text: '={{ $json.text }}',
			options,
		},
		credentials: { heyboxApi: cred },
	});
}

/** Only the Code node: the memory baseline of an execution producing `count` items. */
export function itemsOnlyWorkflow(name: string, count: number) {
	return workflow(name, count);
}
