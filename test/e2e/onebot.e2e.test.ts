/**
 * The OneBot node in the real n8n 2.41.1 (our built package installed as a community package),
 * talking to the OneBot simulator (NapCat dialect, with a token). Workflows start with a Manual
 * Trigger and run through `n8n execute --id` (the CLI), next to the running server; we assert
 * exactly what the simulator received and what n8n returned.
 *
 * One n8n boot for the whole file. The credential is the sandbox one the examples reference
 * (id imkitOneBotSandbox), pointed at this file's simulator, so examples/ run unchanged.
 */
import { startN8n } from './lib/n8n.ts';
import type { N8nInstance } from './lib/n8n.ts';
import { makePng } from './lib/fixtures.ts';
import {
	byId,
	chainWorkflow,
	codeNode,
	exampleKey,
	expectImportedUnchanged,
	importWorkflowsByKey,
	nodesOf,
	readExamples,
	timedRuns,
	workflowNode,
} from './lib/workflows.ts';
import type { Example } from './lib/workflows.ts';
import { OneBotSimulator } from '../simulators/onebot/index.ts';
import type { RecordedRequest } from '../simulators/onebot/index.ts';
import { PNG_1PX, SEED_001_BODY, SEED_004_BODY, withImage } from '../fixtures/onebot-seeds.ts';

const TOKEN = 'e2e-onebot-token-5f3a';
const WRONG_TOKEN = 'e2e-wrong-token-9c1d';
const CRED = { id: 'imkitOneBotSandbox', name: 'OneBot (sandbox simulator)' };
const WRONG_CRED = { id: 'imkitE2eWrongTok', name: 'OneBot (wrong token)' };
/** the same endpoint plus the simulator's forward WebSocket URL (sends then go over it) */
const WS_CRED = { id: 'imkitE2eOneBotWs', name: 'OneBot (with WebSocket URL)' };
const ONEBOT = 'n8n-nodes-imkit.oneBot';
const ONEBOT_TRIGGER = 'n8n-nodes-imkit.oneBotTrigger';

/** a few KB of real, random-looking PNG bytes, sent from binary data */
const CHART_PNG = makePng(24, 16, 0x5eed).toString('base64');

const oneBotNode = (name: string, parameters: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
	workflowNode(ONEBOT, name, parameters, { position: [480, 0], credentials: { oneBotApi: CRED }, ...extra });

/** The `data` of the simulator's answer to a request (OneBot envelope). */
const answered = (req: RecordedRequest) => JSON.parse(req.response.body) as { status: string; retcode: number; data: any };

// ---------------------------------------------------------------------------------------------
// examples/

/** Runs with `n8n execute`: starts with a Manual Trigger and needs nothing we cannot provide offline. */
const isRunnable = (ex: Example) =>
	nodesOf(ex.workflow).some((n) => n.type === 'n8n-nodes-base.manualTrigger') &&
	!nodesOf(ex.workflow).some((n) => String(n.type).startsWith('@n8n/n8n-nodes-langchain.'));

/** OneBot operation → the action it calls. */
const ACTION: Record<string, string> = {
	sendPrivate: 'send_private_msg',
	sendGroup: 'send_group_msg',
	send: 'send_msg',
	sendPrivateForward: 'send_private_forward_msg',
	sendGroupForward: 'send_group_forward_msg',
};

// ---------------------------------------------------------------------------------------------

describe('OneBot node in real n8n (napcat simulator, token)', () => {
	let n8n: N8nInstance;
	let sim: OneBotSimulator;
	const ids: Record<string, string> = {};
	/** the examples that use a OneBot node or trigger (other providers' examples have their own e2e files) */
	const examples = readExamples({ nodeTypes: [ONEBOT, ONEBOT_TRIGGER] });
	const { run, logTimings } = timedRuns(() => n8n, ids);

	const seed001 = chainWorkflow('e2e: seed 001 private reply', [
		oneBotNode('OneBot', {
			resource: 'message',
			operation: 'sendPrivate',
			userId: byId('123456'),
			messageMode: 'segments',
			segments: {
				segment: [
					{ type: 'reply', value: '1263753202' },
					{ type: 'text', value: '回复你了' },
				],
			},
			options: {},
		}),
	]);

	const seed004 = chainWorkflow('e2e: seed 004 private forward', [
		oneBotNode('OneBot', {
			resource: 'message',
			operation: 'sendPrivateForward',
			userId: byId('123456789'),
			forwardMode: 'custom',
			forwardNodes: {
				node: [
					{
						nickname: '用户A',
						userId: '987654321',
						contentFormat: 'json',
						content: JSON.stringify(withImage(SEED_004_BODY.messages[0].data.content, PNG_1PX)),
					},
					{ nickname: '用户B', userId: '112233445', contentFormat: 'cqCode', content: '这是用户B的回复。[CQ:reply,id=12345]' },
				],
			},
			forwardOptions: {},
		}),
	]);

	const binaryImage = chainWorkflow('e2e: image from binary data', [
		codeNode(
			'Make chart',
			`return [{ json: { host: 'db-1' }, binary: { chart: { data: '${CHART_PNG}', mimeType: 'image/png', fileName: 'load.png' } } }];`,
		),
		oneBotNode('OneBot', {
			resource: 'message',
			operation: 'sendGroup',
			groupId: byId('20002'),
			messageMode: 'segments',
			segments: {
				segment: [
					{ type: 'text', value: "={{ 'load on ' + $json.host }}" },
					{ type: 'image', mediaSource: 'binary', binaryProperty: 'chart' },
				],
			},
			options: {},
		}),
	]);

	const sendParams = {
		resource: 'message',
		operation: 'send',
		chatType: 'private',
		userId: byId('123456'),
		messageMode: 'text',
		text: 'are you there?',
		options: {},
	};
	const overWebSocket = chainWorkflow('e2e: sends over the WebSocket API', [
		codeNode('Items', "return Array.from({ length: 12 }, (_, i) => ({ json: { userId: 123456, text: 'ws message ' + i } }));"),
		oneBotNode('OneBot', {
			resource: 'message',
			operation: 'sendPrivate',
			userId: byId('={{ $json.userId }}'),
			messageMode: 'text',
			text: '={{ $json.text }}',
			options: { concurrency: 4 },
		}, { credentials: { oneBotApi: WS_CRED } }),
	]);
	const faultContinue = chainWorkflow('e2e: retcode, continue', [oneBotNode('OneBot', sendParams, { onError: 'continueRegularOutput' })]);
	const faultStop = chainWorkflow('e2e: retcode, stop', [oneBotNode('OneBot', sendParams)]);

	beforeAll(async () => {
		sim = await OneBotSimulator.start({ dialect: 'napcat', token: TOKEN });
		n8n = await startN8n();
		const t = Date.now();
		await n8n.importCredentials([
			{ ...CRED, type: 'oneBotApi', data: { baseUrl: sim.url, accessToken: TOKEN, tokenLocation: 'header', implementation: 'auto' } },
			{ ...WS_CRED, type: 'oneBotApi', data: { baseUrl: sim.url, wsUrl: sim.wsUrl, accessToken: TOKEN, tokenLocation: 'header', implementation: 'auto' } },
			{ ...WRONG_CRED, type: 'oneBotApi', data: { baseUrl: sim.url, accessToken: WRONG_TOKEN, tokenLocation: 'header', implementation: 'auto' } },
		]);
		Object.assign(ids, await importWorkflowsByKey(n8n, { seed001, seed004, binaryImage, overWebSocket, faultContinue, faultStop }, examples));
		console.log(
			`n8n ${n8n.n8nVersion} booted in ${n8n.timings.totalMs} ms (${JSON.stringify(n8n.timings)}); ` +
				`credentials + ${Object.keys(ids).length} workflows imported in ${Date.now() - t} ms`,
		);
	}, 600_000);

	afterAll(async () => {
		logTimings();
		await n8n?.stop();
		await sim?.close();
	});

	beforeEach(() => sim.reset());

	test('seed 001: Send Private with a reply and a text segment, the exact documented body', async () => {
		const result = await run('seed001');
		expect(result.error).toBeUndefined();
		expect(result.ok).toBe(true);
		expect(result.status).toBe('success');

		const requests = sim.requestsFor('send_private_msg');
		expect(requests).toHaveLength(1);
		const req = requests[0];
		expect(req.method).toBe('POST');
		expect(req.rawBody).toBe(SEED_001_BODY);
		expect(req.headers.authorization).toBe(`Bearer ${TOKEN}`);
		expect(req.headers['content-type']).toMatch(/^application\/json/);
		expect(req.query).toEqual({});
		// nothing else than the send (and at most auto-detection) reached the implementation
		expect(sim.requests.map((r) => r.action).filter((a) => a !== 'get_version_info')).toEqual(['send_private_msg']);

		const reply = answered(req);
		expect(reply).toMatchObject({ status: 'ok', retcode: 0 });
		expect(result.output('OneBot')).toEqual([reply.data]);
		expect(result.output('OneBot')).toEqual([{ message_id: expect.any(Number) }]);

		const sent = sim.state.sentMessages();
		expect(sent).toHaveLength(1);
		expect(sent[0]).toMatchObject({
			message_id: reply.data.message_id,
			message_type: 'private',
			user_id: 123456,
			message: [
				{ type: 'reply', data: { id: 1263753202 } },
				{ type: 'text', data: { text: '回复你了' } },
			],
		});
	});

	test('seed 004: Send Private Forward of two custom nodes (real PNG), the exact documented body', async () => {
		const result = await run('seed004');
		expect(result.error).toBeUndefined();
		expect(result.status).toBe('success');

		const requests = sim.requestsFor('send_private_forward_msg');
		expect(requests).toHaveLength(1);
		expect(requests[0].rawBody).toBe(JSON.stringify(withImage(SEED_004_BODY, PNG_1PX)));
		expect(requests[0].headers.authorization).toBe(`Bearer ${TOKEN}`);

		const reply = answered(requests[0]);
		expect(reply.retcode).toBe(0);
		expect(result.output('OneBot')).toEqual([reply.data]);
		expect(reply.data).toEqual({ message_id: expect.any(Number), res_id: expect.any(String), forward_id: expect.any(String) });

		const [forward] = sim.state.sentMessages();
		expect(forward).toMatchObject({ message_id: reply.data.message_id, message_type: 'private', user_id: 123456789 });
		expect(forward.forward_id).toBeDefined();
		expect(sim.state.forwards.get(forward.forward_id!)).toBeDefined();
	});

	test('image from binary data of an earlier Code node: base64:// of the exact bytes', async () => {
		const result = await run('binaryImage');
		expect(result.error).toBeUndefined();
		expect(result.status).toBe('success');
		// the Code node really produced the binary (n8n stored it; we only see its metadata)
		const codeTask = result.runData['Make chart'][0];
		expect(codeTask.data.main[0][0].binary.chart).toMatchObject({ mimeType: 'image/png', fileName: 'load.png' });

		const requests = sim.requestsFor('send_group_msg');
		expect(requests).toHaveLength(1);
		expect(requests[0].body).toEqual({
			group_id: 20002,
			message: [
				{ type: 'text', data: { text: 'load on db-1' } },
				{ type: 'image', data: { file: `base64://${CHART_PNG}`, name: 'load.png' } },
			],
		});
		// byte for byte: the PNG that reached the implementation is the one the Code node made
		const file = String(requests[0].body.message[1].data.file);
		expect(Buffer.from(file.slice('base64://'.length), 'base64').equals(Buffer.from(CHART_PNG, 'base64'))).toBe(true);
		expect(CHART_PNG.length).toBeGreaterThan(1000);

		const reply = answered(requests[0]);
		expect(result.output('OneBot')).toEqual([reply.data]);
		expect(sim.state.sentMessages()).toEqual([expect.objectContaining({ message_id: reply.data.message_id, group_id: 20002 })]);
	});

	test('credential with a WebSocket URL (Connection: Auto): 12 sends over one connection, the connection closed after the run', async () => {
		const result = await run('overWebSocket');
		expect(result.error).toBeUndefined();
		expect(result.status).toBe('success');
		const frames = sim.requestsFor('send_private_msg');
		expect(frames).toHaveLength(12);
		expect(frames.every((f) => f.method === 'WS' && f.headers.authorization === `Bearer ${TOKEN}`)).toBe(true);
		expect(new Set(frames.map((f) => (f.body as { echo: string }).echo)).size).toBe(12);
		const sentTexts = sim.state.sentMessages().map((m) => String(m.message[0].data.text));
		expect([...sentTexts].sort()).toEqual(Array.from({ length: 12 }, (_, i) => `ws message ${i}`).sort());
		const out = result.output('OneBot');
		expect(out).toHaveLength(12);
		expect(out.every((item) => typeof item.message_id === 'number')).toBe(true);
		for (let i = 0; i < 50 && sim.wsConnections() > 0; i++) await new Promise((r) => setTimeout(r, 20));
		expect(sim.wsConnections()).toBe(0);
	});

	test('retcode ≠ 0 with On Error = Continue: the run succeeds, the item carries the error and details.code', async () => {
		sim.fault({ action: 'send_msg', retcode: 1400, message: '对方不是你的好友' });
		const result = await run('faultContinue');
		expect(result.error).toBeUndefined();
		expect(result.ok).toBe(true);
		expect(result.status).toBe('success');

		const items = result.output('OneBot');
		expect(items).toHaveLength(1);
		expect(items[0].error).toEqual(expect.stringContaining('retcode 1400'));
		expect(items[0].error).toEqual(expect.stringContaining('对方不是你的好友'));
		expect(items[0].details).toMatchObject({ provider: 'OneBot', code: 1400, endpoint: 'send_msg', text: '对方不是你的好友' });
		expect(items[0].message_id).toBeUndefined();

		// sent once, refused, not retried; nothing delivered
		const requests = sim.requestsFor('send_msg');
		expect(requests).toHaveLength(1);
		expect(requests[0].body).toEqual({ message_type: 'private', user_id: 123456, message: [{ type: 'text', data: { text: 'are you there?' } }] });
		expect(answered(requests[0])).toMatchObject({ status: 'failed', retcode: 1400 });
		expect(sim.state.sentMessages()).toHaveLength(0);
	});

	test('retcode ≠ 0 without On Error: the execution fails with the OneBot error message', async () => {
		sim.fault({ action: 'send_msg', retcode: 1400, message: '对方不是你的好友' });
		const result = await run('faultStop');
		expect(result.ok).toBe(false);
		expect(result.status).toBe('error');
		expect(result.lastNodeExecuted).toBe('OneBot');
		expect(result.error?.message).toEqual(expect.stringContaining('retcode 1400'));
		expect(result.error?.message).toEqual(expect.stringContaining('对方不是你的好友'));
		expect(result.nodeError('OneBot')?.message).toBe(result.error?.message);
		expect(result.runData.OneBot[0].data).toBeUndefined();
		expect(sim.requestsFor('send_msg')).toHaveLength(1);
		expect(sim.state.sentMessages()).toHaveLength(0);
	});

	test('credential Test through n8n REST: right token OK, wrong token an error', async () => {
		const ok = await n8n.testCredential(CRED.id);
		expect(ok.status).toBe('OK');
		const bad = await n8n.testCredential(WRONG_CRED.id);
		expect(bad.status).toBe('Error');
		expect(bad.message).not.toContain(WRONG_TOKEN);

		// both tests really asked the simulator, with their own token
		const logins = sim.requestsFor('get_login_info');
		expect(logins.map((r) => r.headers.authorization)).toEqual([`Bearer ${TOKEN}`, `Bearer ${WRONG_TOKEN}`]);
		expect(logins[0].response.status).toBe(200);
		expect(answered(logins[0]).retcode).toBe(0);
		expect(logins[1].response.status).toBe(403);
	});

	test('every OneBot example imports, and n8n knows every node type it uses', async () => {
		expect(examples.length).toBeGreaterThanOrEqual(6);
		const known = new Set(await n8n.nodeTypes());
		for (const ex of examples) {
			await expectImportedUnchanged(n8n, ex, ids[exampleKey(ex.file)], known);
			// OneBot nodes use the sandbox credential the dev sandbox preloads
			for (const node of nodesOf(ex.workflow).filter((n) => String(n.type).startsWith('n8n-nodes-imkit.'))) {
				expect(node.credentials?.oneBotApi).toEqual(CRED);
			}
			// trigger nodes need a webhookId for their production URL
			for (const node of nodesOf(ex.workflow).filter((n) => n.type === ONEBOT_TRIGGER)) expect(node.webhookId).toMatch(/^[0-9a-f-]{36}$/);
		}
		// the use cases are all there
		const files = examples.map((e) => e.file);
		expect(files).toEqual(
			expect.arrayContaining([
				'onebot-group-alert-with-image.json',
				'onebot-daily-digest-forward.json',
				'onebot-group-command-reply.json',
				'onebot-ai-agent-reply.json',
			]),
		);
	});

	describe('examples/ (OneBot) run against the simulator and deliver', () => {
		const runnable = examples.filter(isRunnable);

		test('which examples run here', () => {
			// trigger examples (the command reply, the AI Agent with a stub model) run published in onebot-trigger.e2e.test.ts
			expect(runnable.map((e) => e.file)).toEqual(
				expect.arrayContaining([
					'onebot-daily-digest-forward.json',
					'onebot-group-alert-with-image.json',
					'onebot-private-forward.json',
					'onebot-private-reply.json',
				]),
			);
			expect(runnable.map((e) => e.file)).not.toContain('onebot-ai-agent-reply.json');
		});

		test.each(runnable.map((e) => [e.file, e] as const))('%s', async (file, ex) => {
			const result = await run(exampleKey(file));
			expect(result.error).toBeUndefined();
			expect(result.ok).toBe(true);
			expect(result.status).toBe('success');

			// every OneBot node ran, called its action once per item and got message ids back
			const oneBotNodes = nodesOf(ex.workflow).filter((n) => n.type === ONEBOT);
			expect(oneBotNodes.length).toBeGreaterThan(0);
			const delivered: number[] = [];
			for (const node of oneBotNodes) {
				const action = ACTION[node.parameters.operation];
				expect(action).toBeDefined();
				const items = result.output(node.name);
				const requests = sim.requestsFor(action);
				expect(requests).toHaveLength(items.length);
				requests.forEach((req, i) => {
					expect(answered(req)).toMatchObject({ status: 'ok', retcode: 0 });
					expect(items[i]).toEqual(answered(req).data);
					expect(items[i].message_id).toEqual(expect.any(Number));
					delivered.push(items[i].message_id);
				});
			}
			expect(sim.state.sentMessages().map((m) => m.message_id)).toEqual(delivered);

			// what each known example must have sent
			switch (file) {
				case 'onebot-private-reply.json':
					expect(sim.last('send_private_msg')!.rawBody).toBe(SEED_001_BODY);
					break;
				case 'onebot-private-forward.json':
					expect(sim.last('send_private_forward_msg')!.rawBody).toBe(JSON.stringify(withImage(SEED_004_BODY, PNG_1PX)));
					break;
				case 'onebot-group-alert-with-image.json':
					expect(sim.last('send_group_msg')!.body).toEqual({
						group_id: 20003,
						message: [
							{ type: 'at', data: { qq: 'all' } },
							{ type: 'text', data: { text: ' db-1 load 0.97' } },
							{ type: 'image', data: { file: `base64://${PNG_1PX}`, name: 'load.png' } },
						],
					});
					break;
				case 'onebot-daily-digest-forward.json': {
					const [digest] = result.output('Build digest');
					expect(digest.title).toMatch(/^Daily digest \d{4}-\d{2}-\d{2}$/);
					const node = (nickname: string, content: unknown[]) => ({ type: 'node', data: { nickname, user_id: 10001, content } });
					expect(sim.last('send_group_forward_msg')!.body).toEqual({
						group_id: 20002,
						messages: [
							node('Daily digest', [{ type: 'text', data: { text: `${digest.title}\n3 builds, 2 alerts` } }]),
							node('CI', [{ type: 'text', data: { text: '✅ api passed in 7 min\n❌ web failed in 12 min\n✅ worker passed in 4 min' } }]),
							node('Monitoring', [
								{ type: 'text', data: { text: '⚠️ db-1 load 0.97 at 03:12' } },
								{ type: 'text', data: { text: '\n⚠️ disk /var 91% on cache-2' } },
							]),
						],
						source: 'Daily digest',
						summary: '3 builds, 2 alerts',
						prompt: digest.title,
					});
					break;
				}
				default:
					// a new example: the generic checks above apply
					break;
			}
		});
	});
});
