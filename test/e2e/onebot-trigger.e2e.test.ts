/**
 * The OneBot Trigger in the real n8n 2.41.1: published (active) workflows receiving events from
 * the OneBot simulator acting as the implementation — HTTP POST reporting to the production
 * webhook (signed, unsigned, forged, tampered; go-cqhttp CQ strings and NapCat arrays; quick
 * replies; a burst of 1000 events) and forward WebSocket (receive, reconnect, unpublish) — with
 * a OneBot node answering through the same simulator.
 *
 * Publishing: REST `POST /rest/workflows/:id/activate {versionId}` (lib/workflows.ts explains why
 * not the CLI). Executions are counted through REST `/rest/executions`.
 * One n8n boot for the whole file.
 *
 * Expression engine: n8n 2.41.1's default ('vm', isolated-vm, N8N_EXPRESSION_ENGINE) takes a FRESH
 * isolate for every webhook request of a community trigger and another for every execution
 * (@n8n/expression-runtime: a released isolate is disposed, the pool of 1 refills in the
 * background; live-webhooks.js skips the isolate only for n8n's own Webhook node). That caps a
 * webhook workflow at ≈ 7–9 events/s on a busy 2-CPU machine (≈ 40–70/s with 'legacy'), so the
 * 1000-event burst would take minutes. This file therefore runs n8n with 'legacy' unless
 * IMKIT_E2E_EXPRESSION_ENGINE says otherwise (`IMKIT_E2E_EXPRESSION_ENGINE=vm` = n8n's default;
 * the OneBot node itself runs under 'vm' in onebot.e2e.test.ts).
 */
import { randomUUID } from 'node:crypto';
import { startN8n } from './lib/n8n.ts';
import type { N8nInstance } from './lib/n8n.ts';
import { OpenAiStub } from './lib/openai-stub.ts';
import {
	byId,
	countExecutions,
	getExecution,
	linearWorkflow,
	nodesOf,
	productionWebhookUrl,
	publishWorkflow,
	readExample,
	sleep,
	unpublishWorkflow,
	until,
	waitForExecutions,
	waitForWebhook,
	workflowNode,
} from './lib/workflows.ts';
import type { WfNode } from './lib/workflows.ts';
import { OneBotSimulator, signBody } from '../simulators/onebot/index.ts';
import type { OneBotEvent, PostEventResult, RecordedRequest } from '../simulators/onebot/index.ts';

const TOKEN = 'e2e-trigger-token-77ab';
const SECRET = 'e2e-webhook-secret-2c9e';
const CRED = { id: 'imkitOneBotSandbox', name: 'OneBot (sandbox simulator)' };
const AI_CRED = { id: 'imkitE2eOpenAiSt', name: 'OpenAI-compatible stub' };
const ONEBOT = 'n8n-nodes-imkit.oneBot';
const ONEBOT_TRIGGER = 'n8n-nodes-imkit.oneBotTrigger';
const TRIGGER = 'OneBot Trigger';
const BURST_EVENTS = 1000;
const BURST_CONCURRENCY = 32;
const EXPRESSION_ENGINE = process.env.IMKIT_E2E_EXPRESSION_ENGINE || 'legacy';

const trigger = (parameters: Record<string, unknown>, webhookId: string | undefined = randomUUID()): WfNode =>
	workflowNode(ONEBOT_TRIGGER, TRIGGER, parameters, { position: [0, 0], ...(webhookId ? { webhookId } : {}), credentials: { oneBotApi: CRED } });

/** Send: chat type and id from the trigger's normalised `chat`, text from `text`. */
const replyNode = (prefix: string): WfNode =>
	workflowNode(
		ONEBOT,
		'Reply',
		{
			resource: 'message',
			operation: 'send',
			chatType: '={{ $json.chat.type }}',
			userId: byId('={{ $json.chat.id }}'),
			groupId: byId('={{ $json.chat.id }}'),
			messageMode: 'text',
			text: `={{ ${JSON.stringify(prefix)} + $json.text }}`,
			options: {},
		},
		{ position: [260, 0], credentials: { oneBotApi: CRED } },
	);

const noOp = (): WfNode => workflowNode('n8n-nodes-base.noOp', 'Done', {}, { position: [260, 0] });

const workflow = (name: string, first: WfNode, second: WfNode) => linearWorkflow(`e2e: ${name}`, [first, second]);

const texts = (requests: RecordedRequest[]) => requests.map((r) => r.body?.message?.[0]?.data?.text as string);

describe('OneBot Trigger in real n8n: published workflows', () => {
	let n8n: N8nInstance;
	/** the implementation: receives the OneBot node's calls, posts / pushes events */
	let sim: OneBotSimulator;
	/** a go-cqhttp implementation posting events (CQ strings) */
	let gocq: OneBotSimulator;

	const hooks = { main: randomUUID(), quick: randomUUID(), burst: randomUUID() };
	const wf = {
		main: workflow('webhook, signed → reply', trigger({ connection: 'webhook', events: ['message'], options: { secret: SECRET } }, hooks.main), replyNode('echo: ')),
		quick: workflow(
			'webhook, quick reply',
			trigger({ connection: 'webhook', events: ['message'], quickReply: { reply: 'got it & thanks', atSender: true } }, hooks.quick),
			noOp(),
		),
		burst: workflow(
			'webhook burst, group filter',
			trigger({ connection: 'webhook', events: ['message'], messageTypes: ['group'], filters: { groupIds: '20002' }, options: { secret: SECRET } }, hooks.burst),
			replyNode('burst reply: '),
		),
		ws: {} as Record<string, any>,
	};
	const ids: Record<string, string> = {};
	const commandExample = readExample('onebot-group-command-reply.json');
	const aiExample = readExample('onebot-ai-agent-reply.json');
	/** the AI model: an OpenAI-compatible stub that shouts the question back */
	let ai: OpenAiStub;
	const url = (key: keyof typeof hooks) => productionWebhookUrl(n8n, hooks[key], 'onebot');
	/** executions of a workflow once none is pending any more (an earlier test's may still run) */
	const settledCount = async (workflowId: string) => (await waitForExecutions(n8n, workflowId, 0, { settleMs: 500 })).length;

	beforeAll(async () => {
		sim = await OneBotSimulator.start({ dialect: 'napcat', token: TOKEN });
		gocq = await OneBotSimulator.start({ dialect: 'gocqhttp', token: TOKEN });
		ai = await OpenAiStub.start((req) => `AI: ${req.lastUserMessage.toUpperCase()}`);
		wf.ws = workflow('websocket → reply', trigger({ connection: 'websocket', wsUrl: `${sim.wsUrl}/`, events: ['message'] }, undefined), replyNode('ws reply: '));
		n8n = await startN8n({ extraEnv: { N8N_EXPRESSION_ENGINE: EXPRESSION_ENGINE } });
		const t = Date.now();
		await n8n.importCredentials([
			{ ...CRED, type: 'oneBotApi', data: { baseUrl: sim.url, accessToken: TOKEN, tokenLocation: 'header', implementation: 'auto' } },
			{ ...AI_CRED, type: 'openAiApi', data: { apiKey: 'sk-e2e-stub', url: `${ai.url}/v1` } },
		]);
		const [main, quick, burst, ws, command, aiAgent] = await n8n.importWorkflows([
			wf.main,
			wf.quick,
			wf.burst,
			wf.ws,
			{ ...commandExample, active: false },
			{ ...aiExample, active: false },
		]);
		Object.assign(ids, { main, quick, burst, ws, command, aiAgent });
		const tPublish = Date.now();
		for (const key of ['main', 'quick', 'burst'] as const) {
			expect((await publishWorkflow(n8n, ids[key])).active).toBe(true);
			await waitForWebhook(n8n, url(key));
		}
		console.log(
			`n8n ${n8n.n8nVersion} (expression engine ${EXPRESSION_ENGINE}) booted in ${n8n.timings.totalMs} ms; imported in ${tPublish - t} ms; ` +
				`3 webhook workflows published and their webhooks live in ${Date.now() - tPublish} ms`,
		);
	}, 600_000);

	afterAll(async () => {
		await n8n?.stop();
		await sim?.close();
		await gocq?.close();
		await ai?.close();
	});

	beforeEach(() => sim.reset());

	describe('webhook with a signature secret', () => {
		test('a signed event: 200, one execution, and the OneBot node\'s reply arrives at the implementation', async () => {
			const before = await settledCount(ids.main);
			const event = sim.messageEvent({ messageType: 'group', groupId: 20002, userId: 30003, message: [{ type: 'text', data: { text: 'hello n8n' } }] });
			const answer = await sim.postEvent(url('main'), event, { secret: SECRET });
			expect(answer.status).toBe(200);
			expect(answer.request.headers['x-signature']).toBe(signBody(SECRET, answer.request.body));

			const executions = await waitForExecutions(n8n, ids.main, before + 1);
			expect(executions).toHaveLength(before + 1);
			const newest = executions[0];
			expect(newest).toMatchObject({ workflowId: ids.main, mode: 'webhook', status: 'success' });

			// the trigger's output item: the raw event plus the normalised fields
			const run = await getExecution(n8n, newest.id);
			expect(run.ranNodes().sort()).toEqual([TRIGGER, 'Reply'].sort());
			const [item] = run.output(TRIGGER);
			expect(item).toMatchObject({
				post_type: 'message',
				message_type: 'group',
				message_id: event.message_id,
				group_id: 20002,
				user_id: 30003,
				text: 'hello n8n',
				chat: { type: 'group', id: 20002 },
				segments: [{ type: 'text', data: { text: 'hello n8n' } }],
			});

			// the reply: one send_msg to the same group with the text of the event
			const sends = sim.requestsFor('send_msg');
			expect(sends).toHaveLength(1);
			expect(sends[0].body).toEqual({ message_type: 'group', group_id: 20002, message: [{ type: 'text', data: { text: 'echo: hello n8n' } }] });
			expect(sends[0].headers.authorization).toBe(`Bearer ${TOKEN}`);
			const sent = JSON.parse(sends[0].response.body).data.message_id as number;
			expect(run.output('Reply')).toEqual([{ message_id: sent }]);
			expect(sim.state.sentMessages()).toEqual([expect.objectContaining({ message_id: sent, group_id: 20002 })]);
		});

		test('unsigned, forged and tampered events: 401 each, no execution, nothing sent (0 forged accepted)', async () => {
			const before = await settledCount(ids.main);
			const ev = () => sim.messageEvent({ messageType: 'private', userId: 123456, message: 'transfer all the money' });
			const attempts: Array<[string, Promise<PostEventResult>]> = [];
			for (let i = 0; i < 5; i++) {
				const e = ev();
				const raw = JSON.stringify(e);
				attempts.push(
					['unsigned', sim.postEvent(url('main'), e)],
					['signed with another secret', sim.postEvent(url('main'), ev(), { secret: `${SECRET}-not` })],
					['made-up signature', sim.postEvent(url('main'), ev(), { signature: `sha1=${'0'.repeat(40)}` })],
					['signature without sha1=', sim.postEvent(url('main'), e, { signature: signBody(SECRET, raw).slice(5) })],
					['sha256 of the right secret', sim.postEvent(url('main'), e, { signature: `sha256=${signBody(SECRET, raw).slice(5)}` })],
					['empty signature', sim.postEvent(url('main'), ev(), { signature: '' })],
					['tampered body', sim.postEvent(url('main'), ev(), { secret: SECRET, tamper: (r) => r.replace('transfer all', 'transfer ALL') })],
					['replayed signature on another event', sim.postEvent(url('main'), ev(), { signature: signBody(SECRET, raw) })],
				);
			}
			const results = await Promise.all(attempts.map(async ([kind, p]) => ({ kind, result: await p })));
			const accepted = results.filter((r) => r.result.status !== 401);
			expect(accepted.map((r) => `${r.kind}: ${r.result.status}`)).toEqual([]);
			for (const { result } of results) expect(result.json).toEqual({ status: 'failed', message: 'X-Signature is missing or wrong' });
			expect(results).toHaveLength(40);

			// nothing ran, nothing was sent: wait a little in case an execution is late
			await sleep(1000);
			expect(await countExecutions(n8n, { workflowId: ids.main })).toBe(before);
			expect(sim.requests).toHaveLength(0);
			expect(sim.state.sentMessages()).toHaveLength(0);
		});

		test('a go-cqhttp CQ-string message and a NapCat segment array give the same text and segments', async () => {
			const before = await settledCount(ids.main);
			const message = [
				{ type: 'text', data: { text: '价格 [1] & 2, ok ' } },
				{ type: 'face', data: { id: '14' } },
				{ type: 'text', data: { text: ' 再见' } },
			];
			const fromGocq = gocq.messageEvent({ messageType: 'private', userId: 123456, message });
			const fromNapcat = sim.messageEvent({ messageType: 'private', userId: 123456, message });
			// the go-cqhttp event really is a CQ string, with the escapes
			expect(fromGocq.message).toBe('价格 &#91;1&#93; &amp; 2, ok [CQ:face,id=14] 再见');
			expect(Array.isArray(fromNapcat.message)).toBe(true);

			const a = await gocq.postEvent(url('main'), fromGocq, { secret: SECRET });
			expect(a.status).toBe(200);
			expect(a.request.headers['X-Signature']).toBe(signBody(SECRET, a.request.body));
			const executions1 = await waitForExecutions(n8n, ids.main, before + 1);
			const b = await sim.postEvent(url('main'), fromNapcat, { secret: SECRET });
			expect(b.status).toBe(200);
			const executions2 = await waitForExecutions(n8n, ids.main, before + 2);
			expect(executions2).toHaveLength(before + 2);

			const gocqItem = (await getExecution(n8n, executions1[0].id)).output(TRIGGER)[0];
			const napcatItem = (await getExecution(n8n, executions2[0].id)).output(TRIGGER)[0];
			expect(gocqItem.message).toBe(fromGocq.message);
			expect(napcatItem.message).toEqual(message);
			expect(gocqItem.text).toEqual(expect.stringContaining('价格 [1] & 2, ok '));
			expect(gocqItem.text).toEqual(expect.stringContaining(' 再见'));
			expect(napcatItem.text).toBe(gocqItem.text);
			expect(napcatItem.segments).toEqual(gocqItem.segments);
			expect(gocqItem.segments).toEqual(message);
			expect(napcatItem.chat).toEqual({ type: 'private', id: 123456 });
			expect(gocqItem.chat).toEqual({ type: 'private', id: 123456 });

			// both replies went out with that same text
			const replies = texts(sim.requestsFor('send_msg'));
			expect(replies).toEqual([`echo: ${gocqItem.text}`, `echo: ${gocqItem.text}`]);
		});
	});

	describe('quick reply (webhook answer applied by the implementation)', () => {
		test('the event starts the quick-reply workflow', async () => {
			const before = await settledCount(ids.quick);
			const answer = await sim.postEvent(url('quick'), sim.messageEvent({ messageType: 'group', groupId: 20002, userId: 30003, message: 'ping' }));
			expect(answer.status).toBe(200);
			const executions = await waitForExecutions(n8n, ids.quick, before + 1);
			expect(executions).toHaveLength(before + 1);
			expect(executions[0]).toMatchObject({ mode: 'webhook', status: 'success' });
		});

		// n8n answers with the node's webhookResponse only because the webhook description sets
		// `responseData: ''` (without it n8n 2.41.1 answers the literal text "firstEntryJson").
		test('the quick operation is the webhook answer, and the implementation sends the reply', async () => {
			const event = sim.messageEvent({ messageType: 'group', groupId: 20002, userId: 30003, message: 'ping' });
			const answer = await sim.postEvent(url('quick'), event);
			expect(answer.status).toBe(200);
			expect(answer.json).toEqual({ reply: 'got it & thanks', auto_escape: true, at_sender: true });
			expect(sim.quickOperations).toHaveLength(1);
			expect(sim.quickOperations[0]).toMatchObject({ applied: true, via: 'http_post' });
			const sent = sim.state.sentMessages();
			expect(sent).toHaveLength(1);
			expect(sent[0]).toMatchObject({ message_type: 'group', group_id: 20002 });
			expect(sent[0].message).toEqual(
				expect.arrayContaining([
					{ type: 'at', data: { qq: '30003' } },
					{ type: 'text', data: { text: 'got it & thanks' } },
				]),
			);
		});

		test('a filtered event is answered {} and the implementation does nothing', async () => {
			const before = await settledCount(ids.quick);
			// notices are not selected (events: message)
			const answer = await sim.postEvent(url('quick'), { time: 1, self_id: 10001, post_type: 'notice', notice_type: 'group_increase', group_id: 20002, user_id: 5 });
			expect(answer.status).toBe(200);
			expect(answer.json).toEqual({});
			expect(sim.quickOperations).toEqual([expect.objectContaining({ operation: {}, effects: [] })]);
			await sleep(500);
			expect(await countExecutions(n8n, { workflowId: ids.quick })).toBe(before);
			expect(sim.state.sentMessages()).toHaveLength(0);
		});
	});

	test(`a burst of ${BURST_EVENTS} signed events: every one accounted for, none lost`, async () => {
		const before = await countExecutions(n8n, { workflowId: ids.burst });
		expect(before).toBe(0);
		// every 5th event comes from another group: the trigger's group filter drops it
		const events: OneBotEvent[] = [];
		const passing = new Set<number>();
		for (let i = 0; i < BURST_EVENTS; i++) {
			const filtered = i % 5 === 0;
			events.push(sim.messageEvent({ messageType: 'group', groupId: filtered ? 20003 : 20002, userId: 30003, message: `burst #${i}` }));
			if (!filtered) passing.add(i);
		}
		const t = Date.now();
		const results = await sim.postEvents(url('burst'), events, { secret: SECRET, concurrency: BURST_CONCURRENCY, timeoutMs: 60_000 });
		const seconds = (Date.now() - t) / 1000;
		console.log(
			`BENCH onebot-webhook-burst: ${BURST_EVENTS} events in ${seconds.toFixed(2)} s = ${(BURST_EVENTS / seconds).toFixed(1)} events/s ` +
				`(concurrency ${BURST_CONCURRENCY}, expression engine ${EXPRESSION_ENGINE})`,
		);

		// every event answered 200 (a lost answer shows here with its error); the filtered ones with {}
		const notOk = results.map((r, i) => ({ i, status: r.status, error: r.error, body: r.body.slice(0, 200) })).filter((r) => r.status !== 200);
		expect(notOk).toEqual([]);
		const filteredAnswers = results.filter((_, i) => !passing.has(i));
		expect(filteredAnswers).toHaveLength(BURST_EVENTS - passing.size);
		for (const r of filteredAnswers) expect(r.json).toEqual({});

		const executions = await waitForExecutions(n8n, ids.burst, passing.size, { timeoutMs: 180_000, settleMs: 1500 });
		const allDoneSeconds = (Date.now() - t) / 1000;
		console.log(`onebot-webhook-burst: ${executions.length} executions, all finished ${allDoneSeconds.toFixed(2)} s after the first event`);

		// executions == passing events, all successful
		expect(executions).toHaveLength(passing.size);
		expect(executions.filter((e) => e.status !== 'success')).toEqual([]);
		expect(new Set(executions.map((e) => e.id)).size).toBe(passing.size);
		expect(await countExecutions(n8n, { workflowId: ids.burst })).toBe(passing.size);

		// every passing event was answered by exactly one reply; no filtered one was
		const replies = texts(sim.requestsFor('send_msg')).sort();
		const expected = [...passing].map((i) => `burst reply: burst #${i}`).sort();
		expect(replies).toEqual(expected);
		expect(sim.requestsFor('send_msg').every((r) => r.body.group_id === 20002)).toBe(true);
		expect(sim.state.sentMessages()).toHaveLength(passing.size);
	}, 600_000);

	test('WebSocket trigger: published it connects and runs per pushed event, reconnects after a drop, unpublished it disconnects', async () => {
		expect(sim.wsConnections()).toBe(0);
		await publishWorkflow(n8n, ids.ws);
		const connectMs = await until('the trigger to connect', () => sim.wsConnections() === 1);
		const first = sim.wsConnectionLog.filter((c) => c.accepted);
		expect(first).toHaveLength(1);
		expect(first[0]).toMatchObject({ path: '/', status: 101, events: true });
		expect(first[0].headers.authorization).toBe(`Bearer ${TOKEN}`);

		expect(sim.pushEvent(sim.messageEvent({ messageType: 'private', userId: 123456, message: 'ws one' }))).toBe(1);
		const afterFirst = await waitForExecutions(n8n, ids.ws, 1, { settleMs: 500 });
		expect(afterFirst).toHaveLength(1);
		expect(afterFirst[0]).toMatchObject({ mode: 'trigger', status: 'success' });
		expect(texts(sim.requestsFor('send_msg'))).toEqual(['ws reply: ws one']);
		expect(sim.requestsFor('send_msg')[0].body.user_id).toBe(123456);

		// the connection drops (1006): the trigger reconnects on its own
		sim.dropWsConnections();
		await until('the drop', () => sim.wsConnections() === 0, 5000);
		const reconnectMs = await until('the trigger to reconnect', () => sim.wsConnections() === 1, 30_000);
		expect(sim.wsConnectionLog.filter((c) => c.accepted)).toHaveLength(2);

		expect(sim.pushEvent(sim.messageEvent({ messageType: 'private', userId: 123456, message: 'ws two' }))).toBe(1);
		const afterSecond = await waitForExecutions(n8n, ids.ws, 2, { settleMs: 1500 });
		expect(afterSecond).toHaveLength(2);
		expect(texts(sim.requestsFor('send_msg'))).toEqual(['ws reply: ws one', 'ws reply: ws two']);
		const run = await getExecution(n8n, afterSecond[0].id);
		expect(run.output(TRIGGER)[0]).toMatchObject({ text: 'ws two', chat: { type: 'private', id: 123456 } });

		// unpublish: the connection closes and stays closed
		expect((await unpublishWorkflow(n8n, ids.ws)).active).toBe(false);
		await until('the trigger to disconnect', () => sim.wsConnections() === 0, 10_000);
		await sleep(2000);
		expect(sim.wsConnections()).toBe(0);
		expect(sim.wsConnectionLog.filter((c) => c.accepted)).toHaveLength(2);
		expect(sim.pushEvent(sim.messageEvent({ messageType: 'private', userId: 123456, message: 'ws three' }))).toBe(0);
		expect(await countExecutions(n8n, { workflowId: ids.ws })).toBe(2);
		console.log(`websocket trigger: connected ${connectMs} ms after publishing, reconnected ${reconnectMs} ms after the drop`);
	}, 120_000);

	describe('examples/onebot-group-command-reply.json, published', () => {
		const hook = () => productionWebhookUrl(n8n, commandExample.nodes[0].webhookId, 'onebot');
		const group = (text: string) => sim.messageEvent({ messageType: 'group', groupId: 20002, userId: 30003, message: text });

		beforeAll(async () => {
			expect(commandExample.nodes[0].type).toBe(ONEBOT_TRIGGER);
			await publishWorkflow(n8n, ids.command);
			await waitForWebhook(n8n, hook());
		});

		test('/ping, /echo and /help are answered as replies; other messages are ignored', async () => {
			const ping = group('/ping');
			const echo = group('/echo hello   world');
			const help = group('/whatever');
			for (const ev of [ping, echo, help]) expect((await sim.postEvent(hook(), ev)).status).toBe(200);
			const ignored = [group('ping without slash'), sim.messageEvent({ messageType: 'private', userId: 123456, message: '/ping' })];
			for (const ev of ignored) expect((await sim.postEvent(hook(), ev)).json).toEqual({});

			const executions = await waitForExecutions(n8n, ids.command, 3, { settleMs: 1000 });
			expect(executions).toHaveLength(3);
			expect(executions.every((e) => e.status === 'success')).toBe(true);

			const bodies = sim.requestsFor('send_group_msg').map((r) => r.body);
			const reply = (ev: OneBotEvent, text: string) => ({
				group_id: 20002,
				message: [
					{ type: 'reply', data: { id: ev.message_id } },
					{ type: 'text', data: { text } },
				],
			});
			expect(bodies).toHaveLength(3);
			expect(bodies).toEqual(
				expect.arrayContaining([
					reply(ping, 'pong'),
					reply(echo, 'hello   world'),
					reply(help, 'Commands: /ping, /echo <text>, /time'),
				]),
			);
		});
	});

	describe('examples/onebot-ai-agent-reply.json with an OpenAI-compatible stub model, published', () => {
		const hook = () => productionWebhookUrl(n8n, aiExample.nodes[0].webhookId, 'onebot');
		const modelNode = () => nodesOf(aiExample).find((n) => n.type === '@n8n/n8n-nodes-langchain.lmChatOpenAi')!;

		beforeAll(async () => {
			expect(aiExample.nodes[0].type).toBe(ONEBOT_TRIGGER);
			// as shipped it has no model credential: n8n refuses to publish it until one is chosen
			const refused = await n8n.restRaw('POST', `/workflows/${ids.aiAgent}/activate`, {
				versionId: (await n8n.rest<{ versionId: string }>('GET', `/workflows/${ids.aiAgent}`)).versionId,
			});
			expect(refused.status).toBe(400);
			expect(refused.body?.message).toMatch(/OpenAI Chat Model[\s\S]*Missing required credential: openAiApi/);
			// the user's step: pick an OpenAI credential (here the stub's)
			expect(modelNode().credentials).toBeUndefined();
			await n8n.importWorkflow({ ...aiExample, active: false, nodes: nodesOf(aiExample).map((n) => (n === modelNode() ? { ...n, credentials: { openAiApi: AI_CRED } } : n)) });
			await publishWorkflow(n8n, ids.aiAgent);
			await waitForWebhook(n8n, hook());
		});

		test('a private message and a group @-mention are answered by the model as replies; memory per chat', async () => {
			ai.requests.length = 0;
			const first = sim.messageEvent({ messageType: 'private', userId: 123456, message: 'hello bot' });
			const second = sim.messageEvent({ messageType: 'private', userId: 123456, message: 'and again' });
			const mention = sim.messageEvent({ messageType: 'group', groupId: 20002, userId: 30003, message: '[CQ:at,qq=10001] status?' });
			const notForUs = sim.messageEvent({ messageType: 'group', groupId: 20002, userId: 30003, message: 'just chatting' });

			expect((await sim.postEvent(hook(), first)).status).toBe(200);
			await waitForExecutions(n8n, ids.aiAgent, 1, { timeoutMs: 60_000 });
			expect((await sim.postEvent(hook(), second)).status).toBe(200);
			await waitForExecutions(n8n, ids.aiAgent, 2, { timeoutMs: 60_000 });
			expect((await sim.postEvent(hook(), mention)).status).toBe(200);
			expect((await sim.postEvent(hook(), notForUs)).json).toEqual({});
			const executions = await waitForExecutions(n8n, ids.aiAgent, 3, { timeoutMs: 60_000, settleMs: 1000 });
			expect(executions).toHaveLength(3);
			expect(executions.filter((e) => e.status !== 'success')).toEqual([]);

			// the model got the system message and each question; the second private one with the history
			expect(ai.requests).toHaveLength(3);
			expect(ai.requests.map((r) => r.lastUserMessage)).toEqual(['hello bot', 'and again', expect.stringContaining('status?')]);
			expect(ai.requests[0].systemMessage).toContain('QQ chat');
			expect(ai.requests[0].headers.authorization).toBe('Bearer sk-e2e-stub');
			const history = (ai.requests[1].body.messages as Array<{ role: string; content: string }>).map((m) => [m.role, m.content]);
			expect(history).toEqual(expect.arrayContaining([['user', 'hello bot'], ['assistant', 'AI: HELLO BOT'], ['user', 'and again']]));
			// the group chat has its own memory
			expect(JSON.stringify(ai.requests[2].body.messages)).not.toContain('hello bot');

			// the answers went back to the right chats, quoting the question
			const sends = sim.requestsFor('send_msg').map((r) => r.body);
			const reply = (ev: OneBotEvent, target: object, text: string) => ({
				...target,
				message: [
					{ type: 'reply', data: { id: ev.message_id } },
					{ type: 'text', data: { text } },
				],
			});
			expect(sends).toEqual([
				reply(first, { message_type: 'private', user_id: 123456 }, 'AI: HELLO BOT'),
				reply(second, { message_type: 'private', user_id: 123456 }, 'AI: AND AGAIN'),
				reply(mention, { message_type: 'group', group_id: 20002 }, `AI: ${ai.requests[2].lastUserMessage.toUpperCase()}`),
			]);
		});
	});
});
