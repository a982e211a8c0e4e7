/**
 * The RelationLabs node and trigger in the real n8n 2.41.1 (our built package installed as a
 * community package: `n8n-nodes-imkit.relationLabs`, `n8n-nodes-imkit.relationLabsTrigger`,
 * credential `relationLabsApi`), talking to the RelationLabs simulator
 * (test/simulators/relationlabs). We assert exactly what the simulator received and what n8n
 * returned.
 *
 * One n8n boot for the whole file. The main credential is the sandbox one the examples reference
 * (id imkitRelationLabsSandbox) with an ADDRESS auth token from this file's simulator: n8n's
 * pre-authentication exchanges it at POST /api/v1/auth for a unified token, stores that in the
 * hidden expirable `sessionToken` and reuses it in later executions.
 *
 * Workflows with a Manual Trigger run through `n8n execute --id` (the CLI) next to the running
 * server. The polling trigger is published through REST (POST /rest/workflows/:id/activate, the
 * editor's "Publish"); n8n polls at most once per Poll Times entry per minute (a single entry that
 * fires more often is refused), so the published copy of examples/relationlabs-auto-reply.json
 * has twelve "custom" entries, one per 5 s of the minute (each fires once a minute), instead of
 * the example's "every minute": the same scheduler, a poll every 5 s.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startN8n } from './lib/n8n.ts';
import type { N8nInstance } from './lib/n8n.ts';
import { ensureBuilt } from './lib/n8n-env.ts';
import {
	byId,
	chainWorkflow,
	exampleKey,
	expectImportedUnchanged,
	findExample,
	importWorkflowsByKey,
	listExecutions,
	nodesOf,
	readExamples,
	sleep,
	timedRuns,
	workflowNode,
} from './lib/workflows.ts';
import { DESC, RelationLabsSimulator, SEED, USERS, decodeJwt } from '../simulators/relationlabs/index.ts';
import type { RelationLabsRecordedRequest } from '../simulators/relationlabs/index.ts';

const API_KEY = 'e2e-relationlabs-apikey-5d1e';
const NODE = 'n8n-nodes-imkit.relationLabs';
const TRIGGER = 'n8n-nodes-imkit.relationLabsTrigger';
const CREDENTIAL_TYPE = 'relationLabsApi';
const CRED = { id: 'imkitRelationLabsSandbox', name: 'RelationLabs (sandbox simulator)' };
const BAD_CRED = { id: 'imkitE2eRlabsBad', name: 'RelationLabs (forged address token)' };
/** the seed message quoted in seed 003 (Alice's "hello everyone" in SEED.group) */
const QUOTED = SEED.msgAliceHello;

const SEND_FILE = 'relationlabs-send.json';
const REPLY_FILE = 'relationlabs-auto-reply.json';
/** Poll Times of the published copy: one custom cron per 5 s of the minute */
const POLL_EVERY_MS = 5000;
const FAST_POLL_TIMES = {
	item: Array.from({ length: 60_000 / POLL_EVERY_MS }, (_, k) => ({ mode: 'custom', cronExpression: `${(k * POLL_EVERY_MS) / 1000} * * * * *` })),
};

const relationLabsNode = (name: string, parameters: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
	workflowNode(NODE, name, parameters, { credentials: { relationLabsApi: CRED }, ...extra });

/** `{code, desc, data}` the simulator answered */
const answered = (req: RelationLabsRecordedRequest) => JSON.parse(req.response.body) as { code: string; desc: string; data: any };

// ---------------------------------------------------------------------------------------------

async function waitFor<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs: number): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await probe();
		if (value !== undefined) return value;
		if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
		await sleep(100);
	}
}

// ---------------------------------------------------------------------------------------------

describe('RelationLabs node and trigger in real n8n (RelationLabs simulator)', () => {
	let n8n: N8nInstance;
	let sim: RelationLabsSimulator;
	let addressToken: string;
	const ids: Record<string, string> = {};
	const examples = readExamples({ file: /^relationlabs-.*\.json$/ });
	const example = (file: string) => findExample(examples, file);
	const { run, logTimings } = timedRuns(() => n8n, ids);

	const credentialData = (token: string) => ({ baseUrl: sim.url, apiKey: API_KEY, authType: 'addressToken', unifiedToken: '', addressToken: token, sessionToken: '' });

	/** the credential as stored (decrypted) in n8n's database, through `n8n export:credentials` */
	const storedCredential = async (id: string): Promise<Record<string, any>> => {
		const file = path.join(n8n.userFolder, `export-${id}-${Date.now()}.json`);
		const r = await n8n.cli(['export:credentials', `--id=${id}`, '--decrypted', `--output=${file}`]);
		if (r.code !== 0) throw new Error(`n8n export:credentials failed (exit ${r.code}): ${(r.stdout + r.stderr).slice(-2000)}`);
		const list = JSON.parse(fs.readFileSync(file, 'utf8')) as Array<{ id: string; data: Record<string, any> }>;
		fs.rmSync(file, { force: true });
		expect(list.map((c) => c.id)).toEqual([id]);
		return list[0].data;
	};

	// (a) seed 003: text to the group, quoting a seed message, mentioning Alice
	const seed003 = chainWorkflow('e2e relationlabs: seed 003 group send', [
		relationLabsNode('RelationLabs', {
			resource: 'message',
			operation: 'send',
			target: 'channel',
			channelUuid: byId(SEED.group),
			type: 'TEXT',
			content: 'hello',
			options: { quoteId: QUOTED, mentionedUser: USERS.alice },
		}),
	]);
	// (b) a DM to Carol, who blocks strangers; On Error = continue (regular output)
	const blocked = chainWorkflow('e2e relationlabs: DM to a user who blocks strangers', [
		relationLabsNode(
			'RelationLabs',
			{ resource: 'message', operation: 'send', target: 'user', toRelationId: USERS.carol, type: 'TEXT', content: 'hi Carol' },
			{ onError: 'continueRegularOutput' },
		),
	]);

	beforeAll(async () => {
		ensureBuilt('nodes/RelationLabs/RelationLabs.node.js');
		sim = await RelationLabsSimulator.start({ apiKey: API_KEY });
		n8n = await startN8n();
		const t = Date.now();
		addressToken = sim.issueAddressToken();
		// BAD_CRED: a well-formed address token whose signature the simulator does not accept
		const [head, payload] = addressToken.split('.');
		const forged = `${head}.${payload}.${Buffer.alloc(64, 7).toString('base64url')}`;
		await n8n.importCredentials([
			{ ...CRED, type: CREDENTIAL_TYPE, data: credentialData(addressToken) },
			{ ...BAD_CRED, type: CREDENTIAL_TYPE, data: credentialData(forged) },
		]);
		const reply = example(REPLY_FILE).workflow;
		const fastReply = {
			...reply,
			id: undefined,
			name: `${reply.name} (e2e: polls every ${POLL_EVERY_MS / 1000} s)`,
			nodes: nodesOf(reply).map((n) => (n.type === TRIGGER ? { ...n, parameters: { ...n.parameters, pollTimes: FAST_POLL_TIMES } } : n)),
		};
		Object.assign(ids, await importWorkflowsByKey(n8n, { seed003, blocked, fastReply }, examples));
		console.log(
			`n8n ${n8n.n8nVersion} booted in ${n8n.timings.totalMs} ms (${JSON.stringify(n8n.timings)}); ` +
				`credentials + ${Object.keys(ids).length} workflows imported in ${Date.now() - t} ms`,
		);
	}, 600_000);

	afterAll(async () => {
		logTimings('timings');
		await n8n?.stop();
		await sim?.close();
	});

	beforeEach(() => sim.reset());

	test('n8n knows the RelationLabs node, its trigger and the credential', async () => {
		const nodes = await n8n.nodeTypes();
		expect(nodes).toEqual(expect.arrayContaining([NODE, TRIGGER]));
		const creds = await n8n.rest<Array<{ name: string; supportedNodes?: string[] }>>('GET', '/types/credentials.json');
		expect(creds.find((c) => c.name === CREDENTIAL_TYPE)?.supportedNodes).toEqual(expect.arrayContaining([NODE, TRIGGER]));
	});

	test('(a) seed 003: ApiKey + Bearer <unified token>, exact body with quoteId as a 19-digit string; one exchange, the session token persisted and reused', async () => {
		const first = await run('seed003');
		expect(first.error).toBeUndefined();
		expect(first.ok).toBe(true);

		// the exchange: once, with the address token in I-Authorization and a JSON object body
		expect(sim.stats.exchanges).toBe(1);
		const exchanges = sim.requestsFor('/api/v1/auth');
		expect(exchanges).toHaveLength(1);
		const [exchange] = exchanges;
		expect(exchange.method).toBe('POST');
		expect(exchange.headers.apikey).toBe(API_KEY);
		expect(exchange.headers['i-authorization']).toBe(`Bearer ${addressToken}`);
		expect(exchange.headers.authorization).toBeUndefined();
		expect(exchange.headers['content-type']).toMatch(/^application\/json/);
		expect(exchange.rawBody).toBe('{}');
		expect(answered(exchange).code).toBe('0');
		const unified = answered(exchange).data.token as string;
		expect(decodeJwt(unified)?.payload).toMatchObject({ iss: 'relationlabs.ai', sub: USERS.bot });

		// the send: exactly these two requests, in this order
		expect(sim.requests.map((r) => r.path)).toEqual(['/api/v1/auth', '/api/v1/message/send']);
		const send = sim.requestsFor('message/send')[0];
		expect(send.method).toBe('POST');
		expect(send.headers.apikey).toBe(API_KEY);
		expect(send.headers.authorization).toBe(`Bearer ${unified}`);
		expect(send.headers['i-authorization']).toBeUndefined();
		expect(send.headers['content-type']).toMatch(/^application\/json/);
		expect(send.body).toEqual({
			channelUuid: SEED.group,
			type: 'TEXT',
			content: 'hello',
			sendUuid: expect.stringMatching(/^[0-9a-f]{32}-\d{13}-\d+$/),
			quoteId: QUOTED,
			mentionedUser: [USERS.alice],
		});
		// a JSON string, every digit (as a number it would have become 1579047130798100500)
		expect(send.rawBody).toContain(`"quoteId":"${QUOTED}"`);
		const answer = answered(send);
		expect(answer).toEqual({ code: '0', desc: 'success', data: { channelUuid: SEED.group, id: expect.stringMatching(/^\d{19}$/) } });

		// what n8n returned
		expect(first.output('RelationLabs')).toEqual([{ channelUuid: SEED.group, id: answer.data.id, sendUuid: send.body.sendUuid }]);
		// what the simulator stored
		const stored = sim.state.messages.get(SEED.group)!.find((m) => m.id === answer.data.id);
		expect(stored).toMatchObject({ from: USERS.bot, type: 'TEXT', content: 'hello', quoteId: QUOTED, mentionedUser: [USERS.alice] });

		// n8n persisted the exchanged token in the credential's hidden sessionToken
		const data = await storedCredential(CRED.id);
		expect(data.sessionToken).toBe(unified);
		expect(data.addressToken).toBe(addressToken);

		// a second execution (a new CLI process) reuses it: no exchange
		sim.reset();
		const second = await run('seed003');
		expect(second.ok).toBe(true);
		expect(sim.stats.exchanges).toBe(0);
		expect(sim.requests.map((r) => [r.path, r.headers.authorization])).toEqual([['/api/v1/message/send', `Bearer ${unified}`]]);
		const secondSend = sim.last('message/send')!;
		expect(secondSend.body.sendUuid).not.toBe(send.body.sendUuid);
		expect(second.output('RelationLabs')).toEqual([
			{ channelUuid: SEED.group, id: answered(secondSend).data.id, sendUuid: secondSend.body.sendUuid },
		]);
	});

	test('(b) DM to a user who blocks strangers, On Error = continue: an output item with code 13301 and the hint; sent once, nothing created', async () => {
		const result = await run('blocked');
		expect(result.error).toBeUndefined();
		expect(result.ok).toBe(true);
		expect(result.nodeError('RelationLabs')).toBeUndefined();

		const sends = sim.requestsFor('message/send');
		expect(sends).toHaveLength(1); // a provider refusal is not retried
		expect(sends[0].body).toEqual({ toRelationId: USERS.carol, type: 'TEXT', content: 'hi Carol', sendUuid: expect.any(String) });
		expect(answered(sends[0])).toEqual({ code: '13301', desc: DESC['13301'], data: null });

		expect(result.output('RelationLabs')).toEqual([
			{
				error: `RelationLabs /api/v1/message/send failed (code 13301): ${DESC['13301']} [item 0]`,
				details: {
					provider: 'RelationLabs',
					code: '13301',
					text: DESC['13301'],
					endpoint: '/api/v1/message/send',
					httpCode: '200',
					description: 'The recipient blocks messages from strangers: follow each other or share a group first',
				},
			},
		]);
		// a refused DM creates no chat with Carol
		const withCarol = [...sim.state.channels.values()].filter((c) => c.type === 'P' && c.members.some((m) => m.relationId === USERS.carol));
		expect(withCarol).toEqual([]);
	});

	describe('(c) credential Test through n8n REST', () => {
		test('address token: OK after an exchange and a call to message/unreadCount; the exchanged token is kept, a second Test reuses it', async () => {
			// start from an empty session token (earlier tests left one): only then does n8n 2.41.1
			// run pre-authentication for a credential Test
			await n8n.importCredentials([{ ...CRED, type: CREDENTIAL_TYPE, data: credentialData(addressToken) }]);
			expect(await n8n.testCredential(CRED.id)).toEqual({ status: 'OK', message: expect.any(String) });
			expect(sim.requests.map((r) => [r.method, r.path])).toEqual([
				['POST', '/api/v1/auth'],
				['GET', '/api/v1/message/unreadCount'],
			]);
			const [exchange, check] = sim.requests;
			expect(exchange.headers.apikey).toBe(API_KEY);
			expect(exchange.headers['i-authorization']).toBe(`Bearer ${addressToken}`);
			const unified = answered(exchange).data.token as string;
			expect(check.headers.apikey).toBe(API_KEY);
			expect(check.headers.authorization).toBe(`Bearer ${unified}`);
			expect(answered(check)).toEqual({ code: '0', desc: 'success', data: { unreadCount: 1, mentionsCount: 0 } });
			expect(sim.stats.exchanges).toBe(1);

			// stored by the Test: the next Test goes straight to unreadCount with the same token
			sim.reset();
			expect(await n8n.testCredential(CRED.id)).toEqual({ status: 'OK', message: expect.any(String) });
			expect(sim.requests.map((r) => [r.method, r.path, r.headers.authorization])).toEqual([
				['GET', '/api/v1/message/unreadCount', `Bearer ${unified}`],
			]);
			expect(sim.stats.exchanges).toBe(0);
		});

		test('forged address token (stored and unsaved): Error with RelationLabs\' code; no unified-token call is made', async () => {
			const message = 'RelationLabs refused the address auth token (code 10101: token error)';
			expect(await n8n.testCredential(BAD_CRED.id)).toEqual({ status: 'Error', message });
			const unsaved = await n8n.testCredential({
				type: CREDENTIAL_TYPE,
				data: { baseUrl: sim.url, apiKey: API_KEY, authType: 'addressToken', unifiedToken: '', addressToken: 'not-a-token', sessionToken: '' },
			});
			expect(unsaved).toEqual({ status: 'Error', message });
			expect(sim.requests.map((r) => [r.path, answered(r).code])).toEqual([
				['/api/v1/auth', '10101'],
				['/api/v1/auth', '10101'],
			]);
			expect(sim.stats.exchanges).toBe(0);
		});
	});

	describe('(d) examples/relationlabs-*.json', () => {
		test('both are there, import unchanged, use the sandbox credential and known node types', async () => {
			expect(examples.map((e) => e.file)).toEqual([REPLY_FILE, SEND_FILE]);
			const known = new Set(await n8n.nodeTypes());
			for (const ex of examples) {
				await expectImportedUnchanged(n8n, ex, ids[exampleKey(ex.file)], known);
				const ours = nodesOf(ex.workflow).filter((n) => n.type === NODE || n.type === TRIGGER);
				expect(ours.length).toBeGreaterThan(0);
				for (const node of ours) expect(node.credentials).toEqual({ relationLabsApi: CRED });
				expect(String(ex.workflow.meta?.description ?? '')).not.toBe('');
			}
			// the auto-reply example as shipped polls every minute
			const trigger = nodesOf(example(REPLY_FILE).workflow).find((n) => n.type === TRIGGER)!;
			expect(trigger.parameters.pollTimes).toEqual({ item: [{ mode: 'everyMinute' }] });
		});

		test(`${SEND_FILE}: runs unchanged and delivers one text to the seed group, quoting the seed message`, async () => {
			const node = nodesOf(example(SEND_FILE).workflow).find((n) => n.type === NODE)!;
			const result = await run(exampleKey(SEND_FILE));
			expect(result.error).toBeUndefined();
			expect(result.ok).toBe(true);

			const sends = sim.requestsFor('message/send');
			expect(sends).toHaveLength(1);
			expect(sends[0].headers.apikey).toBe(API_KEY);
			expect(sends[0].headers.authorization).toMatch(/^Bearer ey/);
			expect(sends[0].body).toEqual({
				channelUuid: SEED.group,
				type: 'TEXT',
				content: node.parameters.content,
				sendUuid: expect.any(String),
				quoteId: QUOTED,
				mentionedUser: [USERS.alice],
			});
			expect(sends[0].rawBody).toContain(`"quoteId":"${QUOTED}"`);
			const answer = answered(sends[0]);
			expect(answer.code).toBe('0');
			expect(result.output(node.name)).toEqual([{ channelUuid: SEED.group, id: answer.data.id, sendUuid: sends[0].body.sendUuid }]);
			// delivered: the group's newest message, by the bot, quoting Alice's
			const messages = sim.state.messages.get(SEED.group)!;
			expect(messages[messages.length - 1]).toMatchObject({ id: answer.data.id, from: USERS.bot, content: node.parameters.content, quoteId: QUOTED });
		});
	});

	test(`(e) ${REPLY_FILE} published (polling every ${POLL_EVERY_MS / 1000} s): one injected message → exactly one reply in the same chat, quoting it; unpublished it stops polling`, async () => {
		const id = ids.fastReply;
		const reply = nodesOf(example(REPLY_FILE).workflow).find((n) => n.type === NODE)!;
		const wf = await n8n.rest<{ versionId: string; active: boolean }>('GET', `/workflows/${id}`);
		expect(wf.active).toBe(false);
		const tPublish = Date.now();
		const published = await n8n.rest<{ active: boolean }>('POST', `/workflows/${id}/activate`, { versionId: wf.versionId });
		const publishMs = Date.now() - tPublish;
		expect(published.active).toBe(true);

		// publishing runs a first poll (answered just after the REST call): it only sets the
		// cursors of the existing chats, history starts nothing
		await waitFor('the first poll', () => (sim.requestsFor('message/list').length >= 2 ? true : undefined), 15_000);
		// (an exchange first if the session token is empty; then who am I, the chats, each chat's messages)
		const firstPoll = sim.requests.filter((r) => r.path !== '/api/v1/auth').slice(0, 4);
		expect(firstPoll.map((r) => r.path)).toEqual(['/api/v1/userInfo', '/api/v1/userChannels/list', '/api/v1/message/list', '/api/v1/message/list']);
		expect(firstPoll.slice(2).map((r) => r.query.channelUuid).sort()).toEqual([SEED.group, SEED.dmAlice].sort());
		await sleep(500);
		expect(sim.requestsFor('message/send')).toHaveLength(0);

		// Alice writes in the group
		const tPost = Date.now();
		const incoming = sim.postMessage({ channelUuid: SEED.group, from: USERS.alice, content: 'ping from Alice' });
		const send = await waitFor('the reply', () => sim.last('message/send'), 30_000);
		const replyMs = Date.now() - tPost;
		// let several more polls pass: the bot's own reply must not start another round
		const pollsBefore = sim.requestsFor('userChannels/list').length;
		await waitFor('three more polls', () => (sim.requestsFor('userChannels/list').length >= pollsBefore + 3 ? true : undefined), 30_000);

		const sends = sim.requestsFor('message/send');
		expect(sends).toHaveLength(1);
		expect(send.headers.apikey).toBe(API_KEY);
		expect(send.headers.authorization).toMatch(/^Bearer ey/);
		expect(send.body).toEqual({
			channelUuid: SEED.group,
			type: 'TEXT',
			content: 'Got it, Alice: "ping from Alice"',
			sendUuid: expect.any(String),
			quoteId: incoming.id,
		});
		expect(incoming.id).toMatch(/^\d{19}$/);
		expect(send.rawBody).toContain(`"quoteId":"${incoming.id}"`);
		const answer = answered(send);
		expect(answer.code).toBe('0');
		const messages = sim.state.messages.get(SEED.group)!;
		expect(messages.slice(-2).map((m) => ({ id: m.id, from: m.from, quoteId: m.quoteId }))).toEqual([
			{ id: incoming.id, from: USERS.alice, quoteId: null },
			{ id: answer.data.id, from: USERS.bot, quoteId: incoming.id },
		]);
		expect(reply.parameters.options.quoteId).toBe('={{ $json.id }}');

		// n8n recorded exactly one (successful, trigger-mode) execution
		const executions = await waitFor(
			'the execution to finish',
			async () => {
				const list = await listExecutions(n8n, { workflowId: id });
				return list.length > 0 && list.every((e) => e.status !== 'running' && e.status !== 'new') ? list : undefined;
			},
			15_000,
		);
		expect(executions.map((e) => [e.mode, e.status])).toEqual([['trigger', 'success']]);

		// unpublished: no more polls, a new message gets no reply
		const off = await n8n.rest<{ active: boolean }>('POST', `/workflows/${id}/deactivate`, {});
		expect(off.active).toBe(false);
		const requestsAfter = sim.requests.length;
		sim.postMessage({ channelUuid: SEED.group, from: USERS.bob, content: 'anyone?' });
		await sleep(POLL_EVERY_MS * 2 + 1000);
		expect(sim.requests.slice(requestsAfter).map((r) => r.path)).toEqual([]);
		console.log(`auto-reply: published in ${publishMs} ms, reply ${replyMs} ms after the message was posted`);
	}, 180_000);
});
