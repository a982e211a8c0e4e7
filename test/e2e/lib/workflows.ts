/**
 * Published (active) workflows, production webhooks and executions of a running n8n
 * (test/e2e/lib/n8n.ts), through the same session-authenticated internal REST API the editor uses.
 *
 * Publishing in n8n 2.41.1 (verified):
 *   - `POST /rest/workflows/:id/activate {versionId}` publishes a version (the editor's "Publish"
 *     button); `versionId` is the workflow's current one (GET /rest/workflows/:id). n8n validates
 *     the nodes first (400 "Cannot publish workflow: … Missing or invalid required parameters").
 *     Triggers start at once; production webhooks are registered a moment AFTER the answer
 *     (≈ 30–350 ms here), so wait for them (waitForWebhook) before posting events.
 *   - `POST /rest/workflows/:id/deactivate {}` unpublishes (trigger closeFunction runs, webhooks go).
 *   - The CLI `n8n publish:workflow --id` only writes the database and says "Changes will not take
 *     effect if n8n is running … restart n8n": useless next to a running server.
 *   - A production webhook is `POST {baseUrl}/webhook/<node.webhookId>/<path>` (the node's
 *     `webhookId` must be set in the workflow JSON).
 *
 * Executions: `GET /rest/executions?filter={"workflowId":…,"status":[…]}&limit=1..100&cursor=…`
 * answers `{results, count, nextCursor, estimated}`; `GET /rest/executions/:id` has the run data
 * as a `flatted` string (parsed here with n8n's own copy of flatted).
 *
 * Also here, for the e2e files: workflow JSON builders (Manual Trigger chains, nodes, resource
 * locators), examples/ readers, importing a file's workflows under keys, and timed `n8n execute` runs.
 *
 * Same constraints as n8n-env.ts: erasable TypeScript, node: built-ins, `.ts` imports, no `require`.
 */
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import type { ExecuteResult, N8nInstance } from './n8n.ts';
import { ensureN8n, repoRoot } from './n8n-env.ts';

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `check` every 20 ms until it holds; returns how long that took (throws after `timeoutMs`). */
export async function until(what: string, check: () => boolean, timeoutMs = 15_000): Promise<number> {
	const t = Date.now();
	while (!check()) {
		if (Date.now() - t > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
		await sleep(20);
	}
	return Date.now() - t;
}

export interface PublishResult {
	id: string;
	versionId: string;
	active: boolean;
	/** the POST …/activate round trip (ms) */
	ms: number;
}

/** Publishes the workflow's current version (REST, takes effect at once); throws N8nRestError on a refusal. */
export async function publishWorkflow(n8n: N8nInstance, workflowId: string): Promise<PublishResult> {
	const wf = await n8n.rest<{ versionId: string }>('GET', `/workflows/${encodeURIComponent(workflowId)}`);
	const t = Date.now();
	const published = await n8n.rest<{ id: string; versionId: string; active: boolean; activeVersionId?: string }>(
		'POST',
		`/workflows/${encodeURIComponent(workflowId)}/activate`,
		{ versionId: wf.versionId },
	);
	return { id: published.id, versionId: published.activeVersionId ?? wf.versionId, active: published.active, ms: Date.now() - t };
}

/** Unpublishes (deactivates) the workflow: its triggers are closed, its production webhooks removed. */
export async function unpublishWorkflow(n8n: N8nInstance, workflowId: string): Promise<{ active: boolean }> {
	const wf = await n8n.rest<{ active: boolean }>('POST', `/workflows/${encodeURIComponent(workflowId)}/deactivate`, {});
	return { active: wf.active };
}

/** `{baseUrl}/webhook/<webhookId>/<path>`: the production URL of a webhook node. */
export function productionWebhookUrl(n8n: N8nInstance, webhookId: string, webhookPath: string): string {
	return `${n8n.baseUrl}/webhook/${webhookId}/${webhookPath.replace(/^\/+/, '')}`;
}

export interface WaitForWebhookOptions {
	/** default POST */
	method?: string;
	/**
	 * The probe request's body (default `{}`) and content type (default application/json). Pick one
	 * the workflow ignores: the probe is a real request (the OneBot Trigger answers `{}` to a body
	 * without post_type, or 401 when a signature is required; neither starts an execution).
	 */
	body?: string;
	contentType?: string;
	/** wait until the webhook is gone (404) instead of registered */
	gone?: boolean;
	/** default 15 000 ms */
	timeoutMs?: number;
}

/**
 * Waits until a production webhook answers with anything but 404 (or, with `gone`, with 404).
 * Returns how long it took and the last status.
 */
export async function waitForWebhook(n8n: N8nInstance, url: string, opts: WaitForWebhookOptions = {}): Promise<{ ms: number; status: number }> {
	const t = Date.now();
	const deadline = t + (opts.timeoutMs ?? 15_000);
	let status = 0;
	for (;;) {
		try {
			const r = await fetch(url, {
				method: opts.method ?? 'POST',
				headers: { 'content-type': opts.contentType ?? 'application/json' },
				body: (opts.method ?? 'POST') === 'GET' ? undefined : (opts.body ?? '{}'),
			});
			await r.arrayBuffer();
			status = r.status;
		} catch {
			status = 0;
		}
		const done = opts.gone ? status === 404 : status !== 404 && status !== 0;
		if (done) return { ms: Date.now() - t, status };
		if (Date.now() > deadline) {
			throw new Error(`webhook ${url} ${opts.gone ? 'still registered' : 'not registered'} after ${opts.timeoutMs ?? 15_000} ms (last status ${status})`);
		}
		await sleep(25);
	}
}

export type ExecutionStatus = 'new' | 'running' | 'success' | 'error' | 'canceled' | 'crashed' | 'waiting' | 'unknown';

export interface ExecutionSummary {
	id: string;
	workflowId: string;
	mode: string;
	status: ExecutionStatus;
	startedAt: string | null;
	stoppedAt: string | null;
	[key: string]: unknown;
}

export interface ExecutionFilter {
	workflowId?: string;
	status?: ExecutionStatus[];
	mode?: string;
}

function filterQuery(filter: ExecutionFilter): string {
	return encodeURIComponent(JSON.stringify(filter));
}

/** How many executions match (n8n's `count`; exact on SQLite). */
export async function countExecutions(n8n: N8nInstance, filter: ExecutionFilter = {}): Promise<number> {
	const page = await n8n.rest<{ count: number; estimated?: boolean }>('GET', `/executions?limit=1&filter=${filterQuery(filter)}`);
	if (page.estimated) throw new Error('n8n returned an estimated execution count');
	return page.count;
}

/** Every matching execution (paged 100 at a time), newest first. */
export async function listExecutions(n8n: N8nInstance, filter: ExecutionFilter = {}): Promise<ExecutionSummary[]> {
	const out: ExecutionSummary[] = [];
	let cursor: string | null | undefined;
	for (;;) {
		const page = await n8n.rest<{ results: ExecutionSummary[]; nextCursor?: string | null }>(
			'GET',
			`/executions?limit=100&filter=${filterQuery(filter)}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
		);
		out.push(...page.results);
		cursor = page.nextCursor;
		if (!cursor || page.results.length === 0) return out;
	}
}

const FINISHED: ExecutionStatus[] = ['success', 'error', 'canceled', 'crashed'];

/**
 * Waits until at least `atLeast` executions of the workflow have finished and none is still new or
 * running, then for `settleMs` more in which nothing changes (so that a late extra one shows up).
 * Returns the finished executions (all of them, not just `atLeast`).
 */
export async function waitForExecutions(
	n8n: N8nInstance,
	workflowId: string,
	atLeast: number,
	opts: { timeoutMs?: number; settleMs?: number } = {},
): Promise<ExecutionSummary[]> {
	const deadline = Date.now() + (opts.timeoutMs ?? 60_000);
	const settleMs = opts.settleMs ?? 300;
	let last = -1;
	let stableSince = 0;
	for (;;) {
		const finished = await countExecutions(n8n, { workflowId, status: FINISHED });
		const pending = await countExecutions(n8n, { workflowId, status: ['new', 'running', 'waiting'] });
		if (finished !== last) {
			last = finished;
			stableSince = Date.now();
		}
		if (finished >= atLeast && pending === 0 && Date.now() - stableSince >= settleMs) {
			return await listExecutions(n8n, { workflowId, status: FINISHED });
		}
		if (Date.now() > deadline) {
			throw new Error(`workflow ${workflowId}: ${finished} finished and ${pending} pending executions after ${opts.timeoutMs ?? 60_000} ms, expected ${atLeast}`);
		}
		await sleep(100);
	}
}

let flattedParse: ((text: string) => any) | undefined;
/** n8n stores run data with `flatted`; use n8n's own copy (the repo does not depend on it). */
async function parseFlatted(text: string): Promise<any> {
	if (!flattedParse) {
		const { bin } = await ensureN8n();
		// bin = <cache>/n8n-<version>/node_modules/.bin/n8n
		const req = createRequire(path.join(path.dirname(path.dirname(bin)), 'n8n', 'package.json'));
		flattedParse = (req('flatted') as { parse: (t: string) => any }).parse;
	}
	return flattedParse(text);
}

export interface ExecutionDetails {
	summary: ExecutionSummary;
	/** IRunExecutionData: { resultData: { runData, error?, lastNodeExecuted }, … } */
	data: any;
	/** json of the items a node put on an output (default run 0, output 0) */
	output(nodeName: string, opts?: { run?: number; output?: number }): any[];
	/** names of the nodes that ran */
	ranNodes(): string[];
}

/** One execution with its run data. */
export async function getExecution(n8n: N8nInstance, executionId: string): Promise<ExecutionDetails> {
	const ex = await n8n.rest<ExecutionSummary & { data: string | object }>('GET', `/executions/${encodeURIComponent(executionId)}`);
	const data = typeof ex.data === 'string' ? await parseFlatted(ex.data) : ex.data;
	const runData: Record<string, any[]> = data?.resultData?.runData ?? {};
	return {
		summary: ex,
		data,
		output(nodeName, o = {}) {
			const task = runData[nodeName]?.[o.run ?? 0];
			if (!task) throw new Error(`node "${nodeName}" did not run in execution ${executionId} (ran: ${Object.keys(runData).join(', ') || 'none'})`);
			return ((task.data?.main?.[o.output ?? 0] ?? []) as Array<{ json: unknown }>).map((it) => it.json);
		},
		ranNodes: () => Object.keys(runData),
	};
}

// ---------------------------------------------------------------------------------------------
// workflow JSON

/** A node of a workflow's JSON, as n8n imports and stores it. */
export type WfNode = Record<string, any>;
/** A workflow's JSON, as n8n imports it (name, nodes, connections, settings, …). */
export type WorkflowJson = Record<string, any>;

/** Name of the Manual Trigger that chainWorkflow puts first. */
export const START = 'Start';

export const manualTrigger = (): WfNode => ({
	id: randomUUID(),
	name: START,
	type: 'n8n-nodes-base.manualTrigger',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
});

/**
 * A node with a fresh id: typeVersion 1 at [240, 0]; `extra` adds or overrides fields
 * (credentials, position, onError, webhookId, typeVersion, …).
 */
export const workflowNode = (type: string, name: string, parameters: Record<string, unknown>, extra: Record<string, unknown> = {}): WfNode => ({
	id: randomUUID(),
	name,
	type,
	typeVersion: 1,
	position: [240, 0],
	parameters,
	...extra,
});

/** A Code node (typeVersion 2) at [240, 0] running `jsCode`. */
export const codeNode = (name: string, jsCode: string): WfNode => workflowNode('n8n-nodes-base.code', name, { jsCode }, { typeVersion: 2 });

/** A resource locator value in "By ID" mode. */
export const byId = (value: string | number) => ({ __rl: true, mode: 'id', value: String(value) });

/** nodes[0] → nodes[1] → … (main output 0 to main input 0), execution order v1. */
export function linearWorkflow(name: string, nodes: WfNode[]): WorkflowJson {
	const connections: Record<string, any> = {};
	for (let i = 0; i < nodes.length - 1; i++) {
		connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
	}
	return { name, nodes, connections, settings: { executionOrder: 'v1' } };
}

/** Manual Trigger (named START) → nodes[0] → nodes[1] → …: runs with `n8n execute`. */
export const chainWorkflow = (name: string, nodes: WfNode[]): WorkflowJson => linearWorkflow(name, [manualTrigger(), ...nodes]);

export const nodesOf = (workflow: WorkflowJson): WfNode[] => workflow.nodes as WfNode[];

// ---------------------------------------------------------------------------------------------
// examples/

export interface Example {
	file: string;
	workflow: WorkflowJson;
}

/** examples/<file>, parsed. */
export function readExample(file: string): WorkflowJson {
	return JSON.parse(fs.readFileSync(path.join(repoRoot(), 'examples', file), 'utf8')) as WorkflowJson;
}

/**
 * The examples/*.json, sorted by file name; with `file`, only the names it matches; with
 * `nodeTypes`, only the workflows with a node of one of these types.
 */
export function readExamples(select: { file?: RegExp; nodeTypes?: string[] } = {}): Example[] {
	return fs
		.readdirSync(path.join(repoRoot(), 'examples'))
		.filter((f) => f.endsWith('.json') && (!select.file || select.file.test(f)))
		.sort()
		.map((f) => ({ file: f, workflow: readExample(f) }))
		.filter((ex) => !select.nodeTypes || nodesOf(ex.workflow).some((n) => select.nodeTypes!.includes(n.type)));
}

/** The example read from examples/<file>; throws when it is not among `examples`. */
export function findExample(examples: Example[], file: string): Example {
	const ex = examples.find((e) => e.file === file);
	if (!ex) throw new Error(`examples/${file} is missing`);
	return ex;
}

/** The key importWorkflowsByKey gives an example. */
export const exampleKey = (file: string) => `example:${file}`;

/**
 * Imports `own` workflows and the examples (unpublished) in one CLI call. Returns the n8n ids:
 * under the same keys as `own`, and under exampleKey(file) for the examples.
 */
export async function importWorkflowsByKey(n8n: N8nInstance, own: Record<string, WorkflowJson>, examples: Example[] = []): Promise<Record<string, string>> {
	const keys = [...Object.keys(own), ...examples.map((e) => exampleKey(e.file))];
	const imported = await n8n.importWorkflows([...Object.values(own), ...examples.map((e) => ({ ...e.workflow, active: false }))]);
	return Object.fromEntries(keys.map((k, i) => [k, imported[i]]));
}

/**
 * (jest) The example as n8n stored it under `workflowId`: same name, node names and connections,
 * and every node type is one of `knownTypes` (n8n.nodeTypes()).
 */
export async function expectImportedUnchanged(n8n: N8nInstance, ex: Example, workflowId: string, knownTypes: Set<string>): Promise<void> {
	const stored = await n8n.rest<{ name: string; nodes: WfNode[]; connections: object }>('GET', `/workflows/${workflowId}`);
	expect({ file: ex.file, name: stored.name, nodes: stored.nodes.map((n) => n.name) }).toEqual({
		file: ex.file,
		name: ex.workflow.name,
		nodes: nodesOf(ex.workflow).map((n) => n.name),
	});
	expect(stored.connections).toEqual(ex.workflow.connections);
	for (const node of nodesOf(ex.workflow)) {
		expect({ file: ex.file, type: node.type, known: knownTypes.has(node.type) }).toEqual({ file: ex.file, type: node.type, known: true });
	}
}

// ---------------------------------------------------------------------------------------------
// timed runs

/**
 * `run(key)`: `n8n.execute(ids[key])` (the CLI), its wall time noted as "<key> <ms> ms";
 * `logTimings(label)` prints the notes (if any) as "<label>: a, b, …". `n8n` is a getter because
 * the instance only exists after beforeAll.
 */
export function timedRuns(n8n: () => N8nInstance, ids: Record<string, string>) {
	const timings: string[] = [];
	return {
		timings,
		async run(key: string): Promise<ExecuteResult> {
			const t = Date.now();
			const result = await n8n().execute(ids[key]);
			timings.push(`${key} ${Date.now() - t} ms`);
			return result;
		},
		logTimings(label = 'n8n execute timings'): void {
			if (timings.length) console.log(`${label}: ${timings.join(', ')}`);
		},
	};
}
