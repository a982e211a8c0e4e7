/**
 * Runs our trigger nodes in n8n-core's real contexts: a webhook request through WebhookContext
 * (then, like n8n, the trigger's items through WorkflowExecute to the next nodes), and a
 * long-lived trigger through TriggerContext with emit / emitError collected.
 */
import type { IDataObject, INode, INodeExecutionData, IWebhookData, IWebhookResponseData, IWorkflowExecuteAdditionalData } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';
import { PollContext, TriggerContext, WebhookContext } from 'n8n-core';

import { HarnessCredentialsHelper, type CredentialData } from './credentials';
import { buildAdditionalData, runWorkflow, workflowBase, type RunResult, type WorkflowJson } from './run';
import { nodeTypes, PACKAGE_NAME } from './types';

export interface TriggerUnderTest {
	/** node type without the package prefix, e.g. 'oneBotTrigger' */
	type: string;
	parameters: IDataObject;
	credentials?: CredentialData;
}

function triggerNode(trigger: TriggerUnderTest): INode {
	const credentialType = Object.keys(trigger.credentials ?? {})[0];
	return {
		id: 'trigger-0',
		name: 'Trigger',
		type: `${PACKAGE_NAME}.${trigger.type}`,
		typeVersion: 1,
		position: [0, 0],
		webhookId: 'f0e1d2c3-0000-4000-8000-000000000001',
		parameters: trigger.parameters as INode['parameters'],
		credentials: credentialType ? { [credentialType]: { id: '1', name: `${credentialType} test` } } : undefined,
	};
}

/** A recorded HTTP answer of the webhook. */
export interface WebhookAnswer {
	status: number;
	body: unknown;
	/** what the node returned: workflowData (if the workflow starts) and webhookResponse */
	result: IWebhookResponseData;
}

/**
 * Delivers one HTTP request to the trigger's webhook() in a real WebhookContext and, when the
 * workflow starts, runs the downstream nodes (`then`) with the trigger's items.
 */
export async function deliverWebhook(
	trigger: TriggerUnderTest,
	request: { rawBody: Buffer | string; headers?: Record<string, string>; method?: string },
	then?: { nodes: WorkflowJson['nodes']; connections: WorkflowJson['connections']; credentials?: CredentialData },
): Promise<WebhookAnswer & { run?: RunResult }> {
	const node = triggerNode(trigger);
	const workflowData = workflowBase('webhook', [node], {});
	const workflow = new Workflow({ ...workflowData, nodeTypes: nodeTypes() });
	const helper = new HarnessCredentialsHelper(trigger.credentials ?? {});
	const additionalData = buildAdditionalData(workflowData, helper, 'webhook') as IWorkflowExecuteAdditionalData & IDataObject;
	const rawBody = Buffer.isBuffer(request.rawBody) ? request.rawBody : Buffer.from(request.rawBody);
	let parsed: unknown = {};
	try {
		parsed = JSON.parse(rawBody.toString('utf8'));
	} catch {
		parsed = {};
	}
	const headers = Object.fromEntries(Object.entries(request.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
	const answer: { status: number; body: unknown } = { status: 200, body: undefined };
	const res = {
		status(code: number) {
			answer.status = code;
			return res;
		},
		json(body: unknown) {
			answer.body = body;
			return res;
		},
		send(body: unknown) {
			answer.body = body;
			return res;
		},
		end() {
			return res;
		},
		setHeader() {
			return res;
		},
		headersSent: false,
	};
	additionalData.httpRequest = { method: request.method ?? 'POST', headers, body: parsed, rawBody, query: {}, params: {} } as never;
	additionalData.httpResponse = res as never;
	const webhookData = { httpMethod: 'POST', node: node.name, path: 'onebot', webhookDescription: { name: 'default' }, workflowId: workflow.id } as unknown as IWebhookData;
	const context = new WebhookContext(workflow, node, additionalData, 'webhook', webhookData, [], null);
	const type = nodeTypes().getByNameAndVersion(node.type, 1);
	const result = await type.webhook!.call(context);
	if (!result.noWebhookResponse) answer.body = onReceivedBody(type.description.webhooks?.[0]?.responseData, result);
	let run: RunResult | undefined;
	if (result.workflowData && then) {
		// n8n passes a webhook trigger's items straight through to the next nodes.
		run = await runWorkflow(
			{ nodes: [{ ...node, parameters: node.parameters as never }, ...then.nodes], connections: then.connections },
			{ credentials: { ...(trigger.credentials ?? {}), ...(then.credentials ?? {}) }, input: result.workflowData[0], mode: 'webhook' },
		);
	}
	return { ...answer, result, run };
}

/**
 * What n8n 2.41 answers for a webhook with responseMode "onReceived" (its
 * extractWebhookOnReceivedResponse, with responseData defaulting to "firstEntryJson"):
 * a node that forgets `responseData` gets that literal text, not its webhookResponse.
 */
function onReceivedBody(responseData: unknown, result: IWebhookResponseData): unknown {
	if (!result.workflowData) return result.webhookResponse ?? { message: 'Webhook call received' };
	const data = responseData === undefined ? 'firstEntryJson' : responseData;
	if (data === 'noData') return undefined;
	if (data) return data;
	return result.webhookResponse ?? { message: 'Workflow was started' };
}

export interface RunningTrigger {
	emitted: INodeExecutionData[][][];
	errors: Error[];
	/** resolves when `count` emissions have arrived */
	waitForEmits(count: number, timeoutMs?: number): Promise<void>;
	waitForError(timeoutMs?: number): Promise<Error>;
	close(): Promise<void>;
	/** in manual mode: the manual trigger function n8n calls for "listen for test event" */
	manual?: () => Promise<void>;
}

/** Starts a trigger() in a real TriggerContext, as n8n does when a workflow is published (or tested). */
export async function startTrigger(trigger: TriggerUnderTest, mode: 'trigger' | 'manual' = 'trigger'): Promise<RunningTrigger> {
	const node = triggerNode(trigger);
	const workflowData = workflowBase('trigger', [node], {});
	const workflow = new Workflow({ ...workflowData, nodeTypes: nodeTypes() });
	const additionalData = buildAdditionalData(workflowData, new HarnessCredentialsHelper(trigger.credentials ?? {}), 'trigger');
	const emitted: INodeExecutionData[][][] = [];
	const errors: Error[] = [];
	const waiters: Array<() => void> = [];
	const notify = () => waiters.splice(0).forEach((w) => w());
	const context = new TriggerContext(
		workflow,
		node,
		additionalData,
		mode,
		'activate',
		(data) => {
			emitted.push(data);
			notify();
		},
		(error) => {
			errors.push(error);
			notify();
		},
	);
	const type = nodeTypes().getByNameAndVersion(node.type, 1);
	const response = (await type.trigger!.call(context))!;
	const waitFor = async (check: () => boolean, timeoutMs: number, what: string) => {
		const deadline = Date.now() + timeoutMs;
		while (!check()) {
			if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
			await new Promise<void>((resolve) => {
				waiters.push(resolve);
				setTimeout(resolve, 50);
			});
		}
	};
	return {
		emitted,
		errors,
		waitForEmits: async (count, timeoutMs = 10_000) => await waitFor(() => emitted.length >= count, timeoutMs, `${count} emits`),
		waitForError: async (timeoutMs = 10_000) => {
			await waitFor(() => errors.length > 0, timeoutMs, 'an error');
			return errors[0];
		},
		close: async () => await response.closeFunction?.(),
		manual: response.manualTriggerFunction,
	};
}

export type { WorkflowJson };

/**
 * A polling trigger in n8n-core's real PollContext. The workflow (and so its static data, where
 * pollers keep their cursor) persists between polls, as in an active workflow.
 */
export function pollingTrigger(trigger: TriggerUnderTest) {
	const node = triggerNode(trigger);
	const workflowData = workflowBase('poll', [node], {});
	const workflow = new Workflow({ ...workflowData, nodeTypes: nodeTypes(), staticData: {} });
	const helper = new HarnessCredentialsHelper(trigger.credentials ?? {});
	const additionalData = buildAdditionalData(workflowData, helper, 'poll', 'trigger');
	return {
		workflow,
		staticData: () => workflow.getStaticData('node', node),
		async poll(mode: 'trigger' | 'manual' = 'trigger'): Promise<INodeExecutionData[] | null> {
			const context = new PollContext(workflow, node, additionalData, mode, 'activate');
			const type = nodeTypes().getByNameAndVersion(node.type, 1);
			const result = await type.poll!.call(context);
			return result ? result[0] : null;
		},
	};
}
