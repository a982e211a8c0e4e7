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
 * Same constraints as n8n-env.ts: erasable TypeScript, node: built-ins, `.ts` imports, no `require`.
 */
import { createRequire } from 'node:module';
import * as path from 'node:path';
import type { N8nInstance } from './n8n.ts';
import { ensureN8n } from './n8n-env.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

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
