/**
 * Runs workflows through n8n-core's real WorkflowExecute: expressions, parameter resolution,
 * credentials, httpRequestWithAuthentication, binary data, pairedItem, continueOnFail and
 * error handling are n8n's own.
 */
import type {
	IConnections,
	IDataObject,
	INode,
	INodeExecutionData,
	IRun,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { createRunExecutionData, Workflow } from 'n8n-workflow';
import { ExecutionLifecycleHooks, LoadOptionsContext, WorkflowExecute } from 'n8n-core';

import { HarnessCredentialsHelper, type CredentialData } from './credentials';
import type { SeedItem } from './seed.node';
import { nodeTypes, PACKAGE_NAME } from './types';

export interface WorkflowJson {
	name?: string;
	nodes: Array<Partial<INode> & { name: string; type: string; parameters: IDataObject }>;
	connections: IConnections;
}

export interface RunResult {
	run: IRun;
	status: IRun['status'];
	/** the workflow-level error, when the run failed */
	error?: { message: string; description?: string | null; name?: string; context?: IDataObject; httpCode?: string | null };
	/** output items (first run, main output 0) of a node */
	output(nodeName: string, outputIndex?: number): INodeExecutionData[];
	/** how many times each credential type was decrypted during the run */
	decryptions: Record<string, number>;
}

let executionCounter = 0;

/** Runs a workflow, starting at `startNode` (default: the first node) with the given input items. */
export async function runWorkflow(
	json: WorkflowJson,
	options: { credentials?: CredentialData; startNode?: string; input?: INodeExecutionData[]; mode?: WorkflowExecuteMode } = {},
): Promise<RunResult> {
	const nodes: INode[] = json.nodes.map((node, index) => ({
		id: node.id ?? `node-${index}`,
		typeVersion: node.typeVersion ?? 1,
		position: node.position ?? [index * 200, 0],
		...node,
	})) as INode[];
	const workflowData = workflowBase(json.name ?? 'test', nodes, json.connections);
	const workflow = new Workflow({ ...workflowData, nodeTypes: nodeTypes() });
	const credentialsHelper = new HarnessCredentialsHelper(options.credentials ?? {});
	const executionId = String(++executionCounter);
	const mode = options.mode ?? 'manual';
	const additionalData = buildAdditionalData(workflowData, credentialsHelper, executionId, mode);

	const start = workflow.getNode(options.startNode ?? nodes[0].name);
	if (!start) throw new Error('start node not found');
	const runData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [{ node: start, data: { main: [options.input ?? [{ json: {} }]] }, source: null }],
		},
	});
	const run = await new WorkflowExecute(additionalData, mode, runData).processRunExecutionData(workflow);
	const error = run.data.resultData.error as RunResult['error'];
	return {
		run,
		status: run.status,
		error,
		decryptions: credentialsHelper.decryptions,
		output(nodeName: string, outputIndex = 0) {
			const task = run.data.resultData.runData[nodeName]?.[0];
			return (task?.data?.main?.[outputIndex] ?? []) as INodeExecutionData[];
		},
	};
}

export function buildAdditionalData(
	workflowData: IWorkflowBase,
	credentialsHelper: HarnessCredentialsHelper,
	executionId: string,
	mode: WorkflowExecuteMode = 'manual',
): IWorkflowExecuteAdditionalData {
	const hooks = new ExecutionLifecycleHooks(mode, executionId, workflowData);
	return {
		hooks,
		executionId,
		credentialsHelper,
		webhookBaseUrl: 'http://localhost:5678/webhook',
		webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
		formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
		instanceBaseUrl: 'http://localhost:5678',
		restApiUrl: 'http://localhost:5678/rest',
		variables: {},
		currentNodeParameters: undefined,
		executeWorkflow: async () => ({}),
		getRunExecutionData: async () => undefined,
		logAiEvent: () => {},
		startRunnerTask: async () => ({}),
	} as unknown as IWorkflowExecuteAdditionalData;
}

export function workflowBase(name: string, nodes: INode[], connections: IConnections): IWorkflowBase {
	return {
		id: 'wf-test',
		name,
		active: false,
		isArchived: false,
		nodes,
		connections,
		settings: { executionOrder: 'v1' },
		createdAt: new Date(),
		updatedAt: new Date(),
	} as IWorkflowBase;
}

/**
 * Calls a node's listSearch method in n8n-core's real LoadOptionsContext, as the editor does
 * for a Resource Locator's "From list" mode.
 */
export async function listSearch(
	node: NodeUnderTest,
	method: string,
	options: { credentials?: CredentialData; filter?: string } = {},
): Promise<{ results: Array<{ name: string; value: string | number }> }> {
	const credentialType = Object.keys(options.credentials ?? {})[0];
	const nodeEntry = {
		id: 'node-0',
		name: 'Node',
		type: `${PACKAGE_NAME}.${node.type}`,
		typeVersion: 1,
		position: [0, 0],
		parameters: node.parameters,
		credentials: credentialType ? { [credentialType]: { id: '1', name: `${credentialType} test` } } : undefined,
	} as INode;
	const workflowData = workflowBase('list', [nodeEntry], {});
	const workflow = new Workflow({ ...workflowData, nodeTypes: nodeTypes() });
	const additionalData = buildAdditionalData(workflowData, new HarnessCredentialsHelper(options.credentials ?? {}), 'list');
	(additionalData as { currentNodeParameters?: unknown }).currentNodeParameters = node.parameters;
	const context = new LoadOptionsContext(workflow, nodeEntry, additionalData, 'parameters');
	const type = nodeTypes().getByNameAndVersion(nodeEntry.type, 1);
	const fn = type.methods?.listSearch?.[method];
	if (!fn) throw new Error(`No listSearch method ${method}`);
	return (await fn.call(context, options.filter)) as never;
}

export interface NodeUnderTest {
	/** node type name without the package prefix, e.g. 'oneBot' */
	type: string;
	parameters: IDataObject;
	/** n8n's "On Error" setting */
	onError?: INode['onError'];
	credentials?: INode['credentials'];
}

/**
 * Runs one of our nodes after a Seed node that emits `items` (with binary data stored by
 * n8n's binary data service). The node under test is named "Node".
 */
export async function runNode(
	node: NodeUnderTest,
	options: { items?: SeedItem[]; credentials?: CredentialData } = {},
): Promise<RunResult & { items: INodeExecutionData[]; errorItems: INodeExecutionData[] }> {
	const credentialType = Object.keys(options.credentials ?? {})[0];
	const result = await runWorkflow(
		{
			nodes: [
				{ name: 'Seed', type: 'imkitTest.seed', parameters: { items: JSON.stringify(options.items ?? [{ json: {} }]) } },
				{
					name: 'Node',
					type: `${PACKAGE_NAME}.${node.type}`,
					parameters: node.parameters as INode["parameters"] & IDataObject,
					onError: node.onError,
					credentials: node.credentials ?? (credentialType ? { [credentialType]: { id: '1', name: `${credentialType} test` } } : undefined),
				},
			],
			connections: { Seed: { main: [[{ node: 'Node', type: 'main', index: 0 }]] } },
		},
		{ credentials: options.credentials },
	);
	return { ...result, items: result.output('Node', 0), errorItems: result.output('Node', 1) };
}
