/**
 * The Heybox node in the real n8n 2.41.1 (our built package installed as a community package,
 * type `n8n-nodes-imkit.heybox`, credential `heyboxApi`), talking to the Heybox simulator
 * (test/simulators/heybox). Workflows start with a Manual Trigger and run through
 * `n8n execute --id` (the CLI) next to the running server; we assert exactly what the simulator
 * received and what n8n returned.
 *
 * One n8n boot for the whole file. The main credential is the sandbox one the examples reference
 * (id imkitHeyboxSandbox), pointed at this file's simulator, so examples/heybox-*.json run
 * unchanged. A second simulator answers 19-digit IDs as bare JSON integers (numericIds).
 */
import { startN8n } from './lib/n8n.ts';
import type { N8nInstance } from './lib/n8n.ts';
import { ensureBuilt } from './lib/n8n-env.ts';
import { makePng } from './lib/fixtures.ts';
import {
	byId,
	chainWorkflow,
	codeNode,
	exampleKey,
	expectImportedUnchanged,
	findExample,
	importWorkflowsByKey,
	manualTrigger,
	nodesOf,
	readExamples,
	START,
	timedRuns,
	workflowNode,
} from './lib/workflows.ts';
import { HeyboxSimulator, SEED, USERS } from '../simulators/heybox/index.ts';
import type { HeyboxRecordedRequest } from '../simulators/heybox/index.ts';

const TOKEN = 'e2e-heybox-token-3b7c';
const WRONG_TOKEN = 'e2e-heybox-wrong-81f0';
const CHAT_VERSION = '1.30.0';
const HEYBOX = 'n8n-nodes-imkit.heybox';
const CREDENTIAL_TYPE = 'heyboxApi';
const CRED = { id: 'imkitHeyboxSandbox', name: 'Heybox (sandbox simulator)' };
const NUMERIC_CRED = { id: 'imkitE2eHbxNumId', name: 'Heybox (numeric IDs simulator)' };
const WRONG_CRED = { id: 'imkitE2eHbxWrong', name: 'Heybox (wrong token)' };

/** The seven query parameters every Heybox REST call carries. */
const COMMON_QUERY = {
	client_type: 'heybox_chat',
	x_client_type: 'web',
	os_type: 'web',
	x_os_type: 'bot',
	x_app: 'heybox_chat',
	chat_os_type: 'bot',
	chat_version: CHAT_VERSION,
};

/** 40×24: width ≠ height, so swapped or guessed dimensions show. */
const CHART_PNG = makePng(40, 24, 0x4eb0);
const CHART_B64 = CHART_PNG.toString('base64');

const heyboxNode = (name: string, parameters: Record<string, unknown>, cred = CRED, extra: Record<string, unknown> = {}) =>
	workflowNode(HEYBOX, name, parameters, { position: [480, 0], credentials: { heyboxApi: cred }, ...extra });

const channel = (room: string, ch: string) => ({ roomId: byId(room), channelId: byId(ch) });

/** The `result` of the simulator's answer (envelope {status, msg, result}). */
const answered = (req: HeyboxRecordedRequest) => JSON.parse(req.response.body) as { status: string; msg: string; result: any };

const RSS_FILE = 'heybox-rss-to-channel.json';
const CARD_FILE = 'heybox-card-alert.json';

// ---------------------------------------------------------------------------------------------

describe('Heybox node in real n8n (Heybox simulator)', () => {
	let n8n: N8nInstance;
	let sim: HeyboxSimulator;
	let numericSim: HeyboxSimulator;
	const ids: Record<string, string> = {};
	const examples = readExamples({ file: /^heybox-.*\.json$/ });
	const example = (file: string) => findExample(examples, file);
	const { run, logTimings } = timedRuns(() => n8n, ids);

	// (a) seed 000: private message
	const dm = chainWorkflow('e2e heybox: seed 000 private message', [
		heyboxNode('Heybox', {
			resource: 'privateMessage',
			operation: 'send',
			userId: '1234567',
			messageType: 'markdown',
			text: '123',
			options: { ackId: '1' },
		}),
	]);
	// (b) channel image from binary data made by a Code node
	const image = chainWorkflow('e2e heybox: channel image from binary', [
		codeNode(
			'Make chart',
			`return [{ json: { host: 'db-1' }, binary: { chart: { data: '${CHART_B64}', mimeType: 'image/png', fileName: 'chart.png' } } }];`,
		),
		heyboxNode('Heybox', {
			resource: 'channelMessage',
			operation: 'send',
			...channel(SEED.room1, SEED.room1Text),
			messageType: 'image',
			imageSource: 'binary',
			binaryPropertyName: 'chart',
			options: {},
		}),
	]);
	// (c) card from the builder
	const card = chainWorkflow('e2e heybox: card message', [
		heyboxNode('Heybox', {
			resource: 'channelMessage',
			operation: 'send',
			...channel(SEED.room1, SEED.room1Text2),
			messageType: 'card',
			cardSource: 'builder',
			cardModules: {
				module: [
					{ type: 'header', text: 'Deploy finished', markdown: false },
					// markdown left out: the field's default (true) must apply
					{ type: 'section', text: '**v1.2** is live on `prod`' },
					{ type: 'buttons', buttons: 'Open|https://example.com/releases/1.2\nRoll back|rollback' },
				],
			},
			options: {},
		}),
	]);
	// (e) a send with the wrong token
	const wrongToken = chainWorkflow('e2e heybox: wrong token', [
		heyboxNode(
			'Heybox',
			{ resource: 'privateMessage', operation: 'send', userId: String(USERS.tester), messageType: 'markdown', text: 'hello', options: {} },
			WRONG_CRED,
		),
	]);
	// (f) 19-digit IDs answered as bare integers: Room › Get Many and a channel send
	const numeric = (() => {
		const start = manualTrigger();
		const rooms = heyboxNode('Rooms', { resource: 'room', operation: 'getMany', returnAll: true }, NUMERIC_CRED);
		const send = heyboxNode(
			'Send',
			{ resource: 'channelMessage', operation: 'send', ...channel(SEED.room3, SEED.room3Text), messageType: 'markdown', text: 'ids', options: {} },
			NUMERIC_CRED,
			{ position: [480, 200] },
		);
		return {
			name: 'e2e heybox: 19-digit ids',
			nodes: [start, rooms, send],
			connections: {
				[START]: {
					main: [
						[
							{ node: 'Rooms', type: 'main', index: 0 },
							{ node: 'Send', type: 'main', index: 0 },
						],
					],
				},
			},
			settings: { executionOrder: 'v1' },
		};
	})();

	beforeAll(async () => {
		ensureBuilt('nodes/Heybox/Heybox.node.js');
		sim = await HeyboxSimulator.start({ token: TOKEN });
		numericSim = await HeyboxSimulator.start({ token: TOKEN, numericIds: true });
		n8n = await startN8n();
		const t = Date.now();
		const data = (url: string, token = TOKEN) => ({ token, chatVersion: CHAT_VERSION, baseUrl: url, uploadUrl: url });
		await n8n.importCredentials([
			{ ...CRED, type: CREDENTIAL_TYPE, data: data(sim.url) },
			{ ...NUMERIC_CRED, type: CREDENTIAL_TYPE, data: data(numericSim.url) },
			{ ...WRONG_CRED, type: CREDENTIAL_TYPE, data: data(sim.url, WRONG_TOKEN) },
		]);
		Object.assign(ids, await importWorkflowsByKey(n8n, { dm, image, card, wrongToken, numeric }, examples));
		console.log(
			`n8n ${n8n.n8nVersion} booted in ${n8n.timings.totalMs} ms (${JSON.stringify(n8n.timings)}); ` +
				`credentials + ${Object.keys(ids).length} workflows imported in ${Date.now() - t} ms`,
		);
	}, 600_000);

	afterAll(async () => {
		logTimings();
		await n8n?.stop();
		await sim?.close();
		await numericSim?.close();
	});

	beforeEach(() => {
		sim.reset();
		numericSim.reset();
	});

	test('n8n knows the Heybox node and its credential', async () => {
		expect(await n8n.nodeTypes()).toContain(HEYBOX);
		const creds = await n8n.rest<Array<{ name: string; supportedNodes?: string[] }>>('GET', '/types/credentials.json');
		expect(creds.find((c) => c.name === CREDENTIAL_TYPE)?.supportedNodes).toContain(HEYBOX);
	});

	test('(a) seed 000: private message, exact body, token header and the seven query parameters', async () => {
		const result = await run('dm');
		expect(result.error).toBeUndefined();
		expect(result.ok).toBe(true);

		const requests = sim.requestsFor('/chatroom/v3/msg/user');
		expect(sim.requests).toHaveLength(1);
		expect(requests).toHaveLength(1);
		const [req] = requests;
		expect(req.method).toBe('POST');
		expect(req.rawBody).toBe('{"msg":"123","msg_type":4,"heychat_ack_id":"1","addition":"{}","to_user_id":1234567}');
		expect(req.headers.token).toBe(TOKEN);
		expect(req.headers.authorization).toBeUndefined();
		expect(req.headers['content-type']).toMatch(/^application\/json/);
		expect(req.query).toEqual(COMMON_QUERY);

		const answer = answered(req);
		expect(answer.status).toBe('ok');
		expect(answer.result.msg_id).toMatch(/^\d{19}$/);
		expect(result.output('Heybox')).toEqual([{ to_user_id: 1234567, heychat_ack_id: '1', ...answer.result }]);
		expect(sim.state.dms.map((m) => ({ to: m.to_user_id, msg: m.msg, id: m.msg_id }))).toEqual([
			{ to: USERS.tester, msg: '123', id: answer.result.msg_id },
		]);
	});

	test('(b) channel image from binary data of a Code node: multipart upload "file", then msg_type 3 with URL, width and height', async () => {
		const result = await run('image');
		expect(result.error).toBeUndefined();
		expect(result.ok).toBe(true);

		// upload first, then the send
		expect(sim.requests.map((r) => r.path)).toEqual(['/upload', '/chatroom/v2/channel_msg/send']);
		const upload = sim.requests[0];
		expect(upload.method).toBe('POST');
		expect(upload.headers.token).toBe(TOKEN);
		expect(upload.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
		expect(upload.multipart?.fields).toEqual({});
		expect(upload.multipart?.files).toEqual([
			{ field: 'file', filename: 'chart.png', contentType: 'image/png', size: CHART_PNG.length, base64: CHART_B64 },
		]);
		const url = answered(upload).result.url as string;
		expect(url).toMatch(/^https:\/\/chat\.max-c\.com\/attachments\/\d{4}-\d{2}-\d{2}\/\d{19}_chart\.png$/);

		const send = sim.requests[1];
		expect(send.query).toEqual(COMMON_QUERY);
		expect(send.headers.token).toBe(TOKEN);
		const body = send.body;
		expect(body).toEqual({
			msg: '',
			msg_type: 3,
			heychat_ack_id: expect.stringMatching(/\S/),
			reply_id: '',
			room_id: SEED.room1,
			addition: JSON.stringify({ img_files_info: [{ url, width: 40, height: 24 }] }),
			channel_id: SEED.room1Text,
			channel_type: 1,
			img: url,
		});
		const answer = answered(send);
		expect(answer.status).toBe('ok');
		expect(result.output('Heybox')).toEqual([
			{ room_id: SEED.room1, channel_id: SEED.room1Text, heychat_ack_id: body.heychat_ack_id, ...answer.result },
		]);
		// the simulator stored the image message with the uploaded file
		expect(sim.state.sentMessages().map((m) => ({ type: m.msg_type, img: m.img }))).toEqual([{ type: 3, img: url }]);
		expect(sim.state.uploads.map((u) => u.base64)).toEqual([CHART_B64]);
	});

	test('(c) card from the builder: msg_type 20, the exact card document', async () => {
		const result = await run('card');
		expect(result.error).toBeUndefined();
		expect(result.ok).toBe(true);

		const requests = sim.requestsFor('channel_msg/send');
		expect(requests).toHaveLength(1);
		const body = requests[0].body;
		expect(body).toMatchObject({ msg_type: 20, addition: '{}', room_id: SEED.room1, channel_id: SEED.room1Text2, reply_id: '' });
		expect(JSON.parse(body.msg)).toEqual({
			data: [
				{
					type: 'card',
					size: 'medium',
					modules: [
						{ type: 'header', content: { type: 'plain-text', text: 'Deploy finished' } },
						{ type: 'section', paragraph: [{ type: 'markdown', text: '**v1.2** is live on `prod`' }] },
						{
							type: 'button-group',
							btns: [
								{ type: 'button', text: 'Open', value: 'https://example.com/releases/1.2', event: 'link-to', theme: 'primary' },
								{ type: 'button', text: 'Roll back', value: 'rollback', event: 'server', theme: 'primary' },
							],
						},
					],
				},
			],
		});
		const answer = answered(requests[0]);
		expect(answer.status).toBe('ok');
		expect(result.output('Heybox')).toEqual([
			{ room_id: SEED.room1, channel_id: SEED.room1Text2, heychat_ack_id: body.heychat_ack_id, ...answer.result },
		]);
	});

	describe('(d) examples/heybox-*.json', () => {
		test('both are there, import unchanged and use the sandbox credential', async () => {
			expect(examples.map((e) => e.file)).toEqual(expect.arrayContaining([CARD_FILE, RSS_FILE]));
			const known = new Set(await n8n.nodeTypes());
			for (const ex of examples) {
				await expectImportedUnchanged(n8n, ex, ids[exampleKey(ex.file)], known);
				const heyboxNodes = nodesOf(ex.workflow).filter((n) => n.type === HEYBOX);
				expect(heyboxNodes.length).toBeGreaterThan(0);
				for (const node of heyboxNodes) expect(node.credentials).toEqual({ heyboxApi: CRED });
				expect(String(ex.workflow.meta?.description ?? '')).not.toBe('');
			}
			expect(example(RSS_FILE).workflow.meta.description).toContain('RSS Read');
		});

		test(`${RSS_FILE}: one markdown message [title](link) per feed item, spread by Max Sends per Minute`, async () => {
			const ex = example(RSS_FILE);
			const post = nodesOf(ex.workflow).find((n) => n.type === HEYBOX)!;
			expect(post.parameters.options.maxPerMinute).toBeGreaterThan(0);
			const interval = 60_000 / post.parameters.options.maxPerMinute;

			const result = await run(exampleKey(RSS_FILE));
			expect(result.error).toBeUndefined();
			expect(result.ok).toBe(true);

			const feed = result.output('Feed items (stand-in for RSS Read)');
			expect(feed).toHaveLength(3);
			// shaped like RSS Read's items
			for (const item of feed) expect(Object.keys(item)).toEqual(expect.arrayContaining(['title', 'link', 'pubDate', 'isoDate', 'guid', 'content', 'contentSnippet']));
			const requests = sim.requestsFor('channel_msg/send');
			expect(requests.map((r) => r.body.msg)).toEqual(feed.map((i) => `[${i.title}](${i.link})`));
			expect(requests[0].body.msg).toBe('[n8n-nodes-imkit 0.1: QQ and Heybox bots in n8n](https://news.example.com/2025/imkit-0-1)');
			for (const r of requests) {
				expect(r.body).toMatchObject({ msg_type: 4, room_id: SEED.room1, channel_id: SEED.room1Text, addition: '{"img_files_info":[]}' });
				expect(answered(r).status).toBe('ok');
			}
			expect(new Set(requests.map((r) => r.body.heychat_ack_id)).size).toBe(3);

			const sent = sim.state.sentMessages();
			expect(sent.map((m) => m.msg)).toEqual(requests.map((r) => r.body.msg));
			// Max Sends per Minute spaced the sends (the limiter runs in real time, so does the simulator clock)
			for (let i = 1; i < sent.length; i++) expect(sent[i].send_time - sent[i - 1].send_time).toBeGreaterThanOrEqual(interval * 0.9);

			const out = result.output(post.name);
			expect(out.map((o) => o.msg_id)).toEqual(requests.map((r) => answered(r).result.msg_id));
			expect(out.map((o) => [o.room_id, o.channel_id])).toEqual(feed.map(() => [SEED.room1, SEED.room1Text]));
		});

		test(`${CARD_FILE}: the alert as a card with header, section, divider and buttons`, async () => {
			const result = await run(exampleKey(CARD_FILE));
			expect(result.error).toBeUndefined();
			expect(result.ok).toBe(true);

			const requests = sim.requestsFor('channel_msg/send');
			expect(requests).toHaveLength(1);
			expect(requests[0].body).toMatchObject({ msg_type: 20, addition: '{}', room_id: SEED.room1, channel_id: SEED.room1Text2 });
			expect(JSON.parse(requests[0].body.msg)).toEqual({
				data: [
					{
						type: 'card',
						size: 'medium',
						modules: [
							{ type: 'header', content: { type: 'plain-text', text: '🚨 checkout-api is down' } },
							{
								type: 'section',
								paragraph: [{ type: 'markdown', text: '**Region:** cn-east-1\n\n**Since:** 2025-09-05 18:14 UTC+8\n\n**Error rate:** 37%' }],
							},
							{ type: 'divider' },
							{
								type: 'button-group',
								btns: [
									{
										type: 'button',
										text: 'Open dashboard',
										value: 'https://status.example.com/services/checkout-api',
										event: 'link-to',
										theme: 'primary',
									},
									{ type: 'button', text: 'Acknowledge', value: 'ack:checkout-api', event: 'server', theme: 'primary' },
								],
							},
						],
					},
				],
			});
			expect(answered(requests[0]).status).toBe('ok');
			expect(sim.state.sentMessages().map((m) => m.msg_type)).toEqual([20]);
			expect(result.output('Send alert card').map((o) => o.msg_id)).toEqual([answered(requests[0]).result.msg_id]);
		});
	});

	describe('(e) credential Test through n8n REST', () => {
		test('right token: OK, after a real call to room/joined with the token and the common query', async () => {
			expect(await n8n.testCredential(CRED.id)).toEqual({ status: 'OK', message: expect.any(String) });
			const calls = sim.requestsFor('/chatroom/v2/room/joined');
			expect(calls).toHaveLength(1);
			expect(calls[0].method).toBe('GET');
			expect(calls[0].headers.token).toBe(TOKEN);
			expect(calls[0].query).toEqual({ ...COMMON_QUERY, offset: '0', limit: '1' });
			expect(calls[0].response.status).toBe(200);
			expect(answered(calls[0]).status).toBe('ok');
		});

		test('wrong token (stored and unsaved): Error; the simulator answered 401', async () => {
			// n8n reports the HTTP status text; the simulator's body (token无效) is not shown
			expect(await n8n.testCredential(WRONG_CRED.id)).toEqual({ status: 'Error', message: 'Unauthorized' });
			const unsaved = await n8n.testCredential({
				type: CREDENTIAL_TYPE,
				data: { token: 'also-wrong', chatVersion: CHAT_VERSION, baseUrl: sim.url, uploadUrl: sim.url },
			});
			expect(unsaved).toEqual({ status: 'Error', message: 'Unauthorized' });
			// n8n 2.41.1 core (httpRequestWithAuthentication) repeats any request answered 401 once,
			// for every credential type (it tries a pre-authentication refresh first): two calls each
			const calls = sim.requestsFor('/chatroom/v2/room/joined');
			expect(calls.map((c) => [c.headers.token, c.response.status])).toEqual([
				[WRONG_TOKEN, 401],
				[WRONG_TOKEN, 401],
				['also-wrong', 401],
				['also-wrong', 401],
			]);
		});

		test('HTTP 200 with status "failed": Error with the credential\'s own message', async () => {
			sim.fault({ path: 'room/joined', failedMsg: 'token无效' });
			const result = await n8n.testCredential(CRED.id);
			expect(result.status).toBe('Error');
			expect(result.message).toContain('Heybox refused the token or the request');
			expect(sim.requestsFor('room/joined').map((c) => c.response.status)).toEqual([200]);
		});

		test('a send with the wrong token fails the execution with a clear error, nothing is delivered', async () => {
			const result = await run('wrongToken');
			expect(result.ok).toBe(false);
			expect(result.lastNodeExecuted).toBe('Heybox');
			expect(result.error).toMatchObject({
				message: 'Heybox rejected the bot token [item 0]',
				description: 'Copy the token again from https://bot.xiaoheihe.cn into the Heybox credential',
				httpCode: '401',
			});
			// one call: the node reads the 401 itself (no retry, nothing else asked)
			expect(sim.requests.map((c) => [c.path, c.headers.token, c.response.status])).toEqual([['/chatroom/v3/msg/user', WRONG_TOKEN, 401]]);
			expect(sim.state.dms).toHaveLength(0);
		});
	});

	test('(f) 19-digit IDs answered as bare integers stay exact strings in n8n\'s output', async () => {
		const result = await run('numeric');
		expect(result.error).toBeUndefined();
		expect(result.ok).toBe(true);

		// the simulator really answered bare integers (precision would be lost as JS numbers)
		const joined = numericSim.requestsFor('room/joined');
		expect(joined.length).toBeGreaterThanOrEqual(1);
		expect(joined[0].response.body).toContain(`"room_id":${SEED.room1}`);
		expect(joined[0].response.body).toContain(`"room_id":${SEED.room3}`);
		expect(String(Number(SEED.room3))).not.toBe(SEED.room3);

		const rooms = result.output('Rooms');
		expect(rooms.map((r) => r.room_id)).toEqual([SEED.room1, SEED.room2, SEED.room3]);
		for (const r of rooms) expect(typeof r.room_id).toBe('string');
		// and in the JSON the CLI printed, quoted
		expect(result.cli.stdout).toMatch(new RegExp(`"room_id":\\s*"${SEED.room3}"`));

		const send = numericSim.requestsFor('channel_msg/send');
		expect(send).toHaveLength(1);
		const bare = /"msg_id":(\d{19})[,}]/.exec(send[0].response.body);
		expect(bare).not.toBeNull();
		const [sent] = result.output('Send');
		expect(sent.msg_id).toBe(bare![1]);
		expect(sent).toMatchObject({ room_id: SEED.room3, channel_id: SEED.room3Text });
		expect(numericSim.state.sentMessages().map((m) => m.msg_id)).toEqual([bare![1]]);
	});
});
