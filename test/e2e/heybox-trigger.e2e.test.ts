/**
 * The Heybox Trigger in the real n8n 2.41.1: examples/heybox-command-reply.json, published, with
 * the Heybox simulator (test/simulators/heybox) as the event gateway and the REST API.
 *
 * The trigger keeps one WebSocket to `<baseUrl as ws>/chatroom/ws/connect` open while the workflow
 * is published. We check: it connects with the token and the common query and keeps the heartbeat
 * we set; a pushed /weather command runs the workflow once and the Heybox node's reply (quoting
 * the command) reaches the simulator with exact 19-digit IDs; after a dropped connection it
 * reconnects, the next event runs once and replayed duplicates (same sequence) are dropped;
 * unpublished, the socket closes and stays closed.
 *
 * Publishing: REST `POST /rest/workflows/:id/activate {versionId}`, unpublishing `POST
 * /rest/workflows/:id/deactivate` (lib/workflows.ts; the CLI `publish:workflow` does not reach a
 * running server). Executions are counted through REST `/rest/executions`. One n8n boot.
 *
 * The simulator answers with `numericIds`: room, channel and message IDs arrive as bare 19-digit
 * JSON integers (as some Heybox answers do), so a lossy JSON.parse anywhere would show.
 */
import { startN8n } from './lib/n8n.ts';
import type { N8nInstance } from './lib/n8n.ts';
import { ensureBuilt } from './lib/n8n-env.ts';
import {
	countExecutions,
	getExecution,
	nodesOf,
	publishWorkflow,
	readExample,
	sleep,
	unpublishWorkflow,
	until,
	waitForExecutions,
} from './lib/workflows.ts';
import type { WfNode } from './lib/workflows.ts';
import { commandEvent, HeyboxSimulator, SEED, SEED_TIME_MS, USERS } from '../simulators/heybox/index.ts';
import type { HeyboxRecordedRequest } from '../simulators/heybox/index.ts';

const TOKEN = 'e2e-heybox-trigger-token-5d21';
const CHAT_VERSION = '1.30.0';
const CRED = { id: 'imkitHeyboxSandbox', name: 'Heybox (sandbox simulator)' };
const HEYBOX = 'n8n-nodes-imkit.heybox';
const HEYBOX_TRIGGER = 'n8n-nodes-imkit.heyboxTrigger';
const EXAMPLE_FILE = 'heybox-command-reply.json';
/** the heartbeat the test sets on the trigger (the example keeps the default, 30 s) */
const HEARTBEAT_SECONDS = 1;

/** The common query of every Heybox call; the gateway URL carries it too, plus the token. */
const COMMON_QUERY = {
	client_type: 'heybox_chat',
	x_client_type: 'web',
	os_type: 'web',
	x_os_type: 'bot',
	x_app: 'heybox_chat',
	chat_os_type: 'bot',
	chat_version: CHAT_VERSION,
};

/** The simulator's answer as sent (bare 19-digit integers stay readable in the text). */
const answerText = (req: HeyboxRecordedRequest) => req.response.body;

describe('Heybox Trigger in real n8n: examples/heybox-command-reply.json, published', () => {
	let n8n: N8nInstance;
	let sim: HeyboxSimulator;
	let workflowId: string;
	const example = readExample(EXAMPLE_FILE);
	const triggerNode = () => nodesOf(example).find((n) => n.type === HEYBOX_TRIGGER)!;
	const replyNode = () => nodesOf(example).find((n) => n.type === HEYBOX)!;
	const timings: string[] = [];
	/** the command messages pushed so far: sequence and msg_id */
	const pushed: Array<{ sequence: string; msgId: string; city: string }> = [];

	const accepted = () => sim.wsConnectionLog.filter((c) => c.accepted);
	const sends = () => sim.requestsFor('channel_msg/send');
	/** messages the bot posted (sentMessages() also lists the command messages this file adds) */
	const botMessages = () => sim.state.sentMessages().filter((m) => m.sender_id === USERS.bot);
	/** executions of the workflow once none is pending any more */
	const settled = async (settleMs = 1500) => await waitForExecutions(n8n, workflowId, 0, { settleMs });

	/**
	 * A /weather command as Heybox pushes it. On Heybox the command is itself a message in the
	 * channel, which the bot may quote; the simulator only knows messages sent through its REST
	 * API or seeded, so the command message is put into its state first (else reply_id would be
	 * refused with 回复的消息不存在).
	 */
	function pushWeather(city: string, msgId: string, opts: { sendTime?: number } = {}): { sequence: string; delivered: number } {
		const sendTime = opts.sendTime ?? SEED_TIME_MS + pushed.length * 1000 + 5000;
		sim.state.messages.set(msgId, {
			msg_id: msgId,
			msg_seq: msgId,
			room_id: SEED.room1,
			channel_id: SEED.room1Text,
			msg: `/weather city:${city}`,
			msg_type: 4,
			addition: '{}',
			img: '',
			reply_id: '',
			at_user_id: '',
			at_role_id: '',
			mention_channel_id: '',
			heychat_ack_id: '',
			chatmobile_ack_id: '',
			sender_id: USERS.ali,
			send_time: sendTime,
			edits: 0,
			via: 'e2e command',
		});
		const result = sim.pushEvent(
			commandEvent({
				roomId: SEED.room1,
				channelId: SEED.room1Text,
				userId: USERS.ali,
				name: '/weather',
				options: [{ name: 'city', type: 3, value: city }],
				msgId,
				sendTime,
			}),
		);
		pushed.push({ sequence: result.sequence, msgId, city });
		return result;
	}

	beforeAll(async () => {
		ensureBuilt('nodes/Heybox/HeyboxTrigger.node.js');
		sim = await HeyboxSimulator.start({ token: TOKEN, numericIds: true });
		n8n = await startN8n();
		const t = Date.now();
		await n8n.importCredentials([
			{ ...CRED, type: 'heyboxApi', data: { token: TOKEN, chatVersion: CHAT_VERSION, baseUrl: sim.url, uploadUrl: sim.uploadUrl } },
		]);
		// the example as shipped, only with a short heartbeat so that the test can watch it
		const nodes = nodesOf(example).map((n) =>
			n.type === HEYBOX_TRIGGER ? { ...n, parameters: { ...n.parameters, options: { ...n.parameters.options, heartbeatSeconds: HEARTBEAT_SECONDS } } } : n,
		);
		workflowId = await n8n.importWorkflow({ ...example, nodes, active: false });
		console.log(`n8n ${n8n.n8nVersion} booted in ${n8n.timings.totalMs} ms (${JSON.stringify(n8n.timings)}); credential + workflow imported in ${Date.now() - t} ms`);
	}, 600_000);

	afterAll(async () => {
		if (timings.length) console.log(`heybox trigger timings: ${timings.join('; ')}`);
		await n8n?.stop();
		await sim?.close();
	});

	test('the example: Heybox Trigger (command /weather) → Heybox Channel Message › Send, replying by ID expressions', async () => {
		expect(example.id).toBe('imkitExHeyboxCmd');
		expect(example.name).toBe('Heybox /command → reply in channel');
		expect(example.active).toBe(false);
		expect(String(example.meta?.description ?? '')).toContain('/weather');
		const trigger = triggerNode();
		const reply = replyNode();
		expect(trigger.parameters).toEqual({ events: ['command'], commandNames: '/weather', filters: {}, options: {} });
		expect(reply.parameters).toMatchObject({
			resource: 'channelMessage',
			operation: 'send',
			roomId: { __rl: true, mode: 'id', value: '={{ $json.room.id }}' },
			channelId: { __rl: true, mode: 'id', value: '={{ $json.channel.id }}' },
			messageType: 'markdown',
			text: expect.stringContaining('{{ $json.command.options.city }}'),
			options: { replyTo: '={{ $json.msgId }}' },
		});
		for (const node of [trigger, reply]) expect(node.credentials).toEqual({ heyboxApi: CRED });
		expect(example.connections).toEqual({ [trigger.name]: { main: [[{ node: reply.name, type: 'main', index: 0 }]] } });

		// n8n stored it unchanged (apart from the heartbeat) and knows both node types
		const known = new Set(await n8n.nodeTypes());
		expect([HEYBOX_TRIGGER, HEYBOX].filter((t) => !known.has(t))).toEqual([]);
		const stored = await n8n.rest<{ active: boolean; nodes: WfNode[]; connections: object }>('GET', `/workflows/${workflowId}`);
		expect(stored.active).toBe(false);
		expect(stored.connections).toEqual(example.connections);
		expect(stored.nodes.find((n) => n.type === HEYBOX_TRIGGER)?.parameters.options).toEqual({ heartbeatSeconds: HEARTBEAT_SECONDS });
		expect(stored.nodes.find((n) => n.type === HEYBOX)?.parameters).toEqual(reply.parameters);
	});

	test('(a) published, the trigger connects once with the token and the common query, and keeps the heartbeat', async () => {
		// nothing connects before publishing
		await sleep(500);
		expect(sim.wsConnectionLog).toHaveLength(0);

		const t = Date.now();
		const published = await publishWorkflow(n8n, workflowId);
		expect(published.active).toBe(true);
		const connectMs = await until('the trigger to connect', () => sim.wsConnections() === 1);
		timings.push(`publish answered in ${published.ms} ms, connected ${Date.now() - t} ms after the publish call (${connectMs} ms after its answer)`);

		expect(sim.wsConnectionLog).toHaveLength(1);
		const [log] = sim.wsConnectionLog;
		expect(log).toMatchObject({ path: '/chatroom/ws/connect', status: 101, accepted: true, tokenVia: 'both' });
		expect(log.query).toEqual({ ...COMMON_QUERY, token: TOKEN });
		expect(log.headers.token).toBe(TOKEN);
		expect(log.headers.authorization).toBeUndefined();
		expect((await n8n.rest<{ active: boolean }>('GET', `/workflows/${workflowId}`)).active).toBe(true);

		// heartbeat: text PING every HEARTBEAT_SECONDS (the default would be 30 s), each answered
		await until('three PINGs', () => sim.wsStats.pings >= 3, 10_000);
		const pings = sim.wsFrames.filter((f) => f.ping);
		expect(pings.slice(0, 3).map((f) => f.text.trim().toUpperCase())).toEqual(['PING', 'PING', 'PING']);
		for (let i = 1; i < 3; i++) {
			const gap = pings[i].at - pings[i - 1].at;
			expect(gap).toBeGreaterThanOrEqual(HEARTBEAT_SECONDS * 1000 * 0.7);
			expect(gap).toBeLessThanOrEqual(HEARTBEAT_SECONDS * 1000 * 3);
		}
		// answered PINGs keep the connection: still the first and only one
		expect(accepted()).toHaveLength(1);
		expect(sim.wsConnections()).toBe(1);
		expect(await countExecutions(n8n, { workflowId })).toBe(0);
	});

	test('(b) a /weather command: exactly one execution, exactly one reply in the channel quoting it, exact 19-digit IDs', async () => {
		expect(sim.wsConnections()).toBe(1);
		// another command of the bot, and a /weather sent by a bot (the bot itself): the trigger drops both
		const help = sim.pushEvent(commandEvent({ roomId: SEED.room1, channelId: SEED.room1Text, userId: USERS.ali, name: '/help', msgId: '1843536909979836591' }));
		expect(help.delivered).toBe(1);
		const fromBot = sim.pushEvent(
			commandEvent({ roomId: SEED.room1, channelId: SEED.room1Text, userId: USERS.bot, name: '/weather', options: [{ name: 'city', type: 3, value: '机器人' }], msgId: '1843536909979836593' }),
		);
		expect(fromBot.delivered).toBe(1);
		expect(sim.pushedEvents.find((e) => e.sequence === fromBot.sequence)!.text).toContain('"bot":true');

		const msgId = '1843536909979836601';
		// a lossy parse would change every one of these IDs
		for (const id of [SEED.room1, SEED.room1Text, msgId]) expect(String(Number(id))).not.toBe(id);
		const t = Date.now();
		const { delivered, sequence } = pushWeather('上海', msgId);
		expect(delivered).toBe(1);
		// the frame really carried bare integers
		const frame = sim.pushedEvents.find((e) => e.sequence === sequence)!.text;
		expect(frame).toContain(`"room_id":${SEED.room1}`);
		expect(frame).toContain(`"channel_id":${SEED.room1Text}`);
		expect(frame).toContain(`"msg_id":${msgId}`);

		await until('the reply', () => sends().length >= 1, 30_000);
		const replyMs = Date.now() - t;
		const executions = await settled();
		timings.push(`command → reply at the simulator in ${replyMs} ms`);
		expect(executions).toHaveLength(1);
		expect(executions[0]).toMatchObject({ workflowId, mode: 'trigger', status: 'success' });
		expect(await countExecutions(n8n, { workflowId })).toBe(1);

		// the reply: one channel_msg/send, IDs as exact strings, reply_id = the command's msg_id
		const requests = sends();
		expect(requests).toHaveLength(1);
		const [req] = requests;
		expect(req.headers.token).toBe(TOKEN);
		expect(req.query).toEqual(COMMON_QUERY);
		expect(req.rawBody).toContain(`"room_id":"${SEED.room1}"`);
		expect(req.rawBody).toContain(`"channel_id":"${SEED.room1Text}"`);
		expect(req.rawBody).toContain(`"reply_id":"${msgId}"`);
		expect(req.body).toMatchObject({ msg_type: 4, room_id: SEED.room1, channel_id: SEED.room1Text, reply_id: msgId, channel_type: 1 });
		expect(req.body.msg).toContain('上海');
		expect(req.body.msg).toMatch(/^\*\*Weather for 上海\*\*/);
		expect(answerText(req)).toMatch(/"status":"ok"/);
		const bareMsgId = /"msg_id":(\d{19})[,}]/.exec(answerText(req));
		expect(bareMsgId).not.toBeNull();

		// the simulator stored the reply in that channel, quoting the command
		const sent = botMessages();
		expect(sent.map((m) => ({ room: m.room_id, channel: m.channel_id, reply: m.reply_id, id: m.msg_id }))).toEqual([
			{ room: SEED.room1, channel: SEED.room1Text, reply: msgId, id: bareMsgId![1] },
		]);

		// what n8n saw: the trigger's item with exact string IDs, the node's output
		const run = await getExecution(n8n, executions[0].id);
		expect(run.ranNodes().sort()).toEqual([triggerNode().name, replyNode().name].sort());
		const [item] = run.output(triggerNode().name);
		expect(item).toMatchObject({
			kind: 'command',
			type: '50',
			sequence,
			msgId,
			room: { id: SEED.room1 },
			channel: { id: SEED.room1Text },
			command: { name: '/weather', options: { city: '上海' } },
			sender: { user_id: USERS.ali },
		});
		expect(run.output(replyNode().name)).toEqual([
			expect.objectContaining({ room_id: SEED.room1, channel_id: SEED.room1Text, msg_id: bareMsgId![1] }),
		]);
	});

	test('(c) after a dropped connection it reconnects; the next event runs once, replayed duplicates do not', async () => {
		const before = (await settled()).length;
		expect(before).toBe(1);
		const repliesBefore = sends().length;
		expect(repliesBefore).toBe(1);

		const t = Date.now();
		expect(sim.dropWsConnections()).toBe(1);
		await until('the drop to be seen', () => sim.wsConnections() === 0, 5000);
		const reconnectMs = await until('the trigger to reconnect', () => accepted().length === 2 && sim.wsConnections() === 1, 30_000);
		timings.push(`reconnected ${Date.now() - t} ms after the drop`);
		expect(accepted()).toHaveLength(2);
		const second = accepted()[1];
		expect(second.query).toEqual({ ...COMMON_QUERY, token: TOKEN });
		expect(second.headers.token).toBe(TOKEN);
		expect(reconnectMs).toBeLessThan(30_000);

		// the next event: once
		const msgId = '1843536909979836603';
		const { delivered, sequence } = pushWeather('北京', msgId);
		expect(delivered).toBe(1);
		await until('the second reply', () => sends().length >= repliesBefore + 1, 30_000);
		expect((await settled()).length).toBe(before + 1);

		// the gateway repeats the events (same sequence, same text), as after a reconnect: dropped
		// every event so far: /help, the bot's /weather, both /weather commands
		expect(sim.pushedEvents).toHaveLength(4);
		const replay = sim.replayEvents();
		expect(replay).toEqual({ events: 4, frames: 4 });
		// and the last one once more on its own
		expect(sim.replayEvents(sequence)).toEqual({ events: 1, frames: 1 });
		expect(sim.wsStats.replayed).toBe(5);

		const executions = await settled(3000);
		expect(executions).toHaveLength(before + 1);
		expect(executions.every((e) => e.status === 'success')).toBe(true);
		expect(await countExecutions(n8n, { workflowId })).toBe(before + 1);

		const requests = sends();
		expect(requests).toHaveLength(repliesBefore + 1);
		expect(requests.map((r) => r.body.reply_id)).toEqual(pushed.map((p) => p.msgId));
		const last = requests[requests.length - 1];
		expect(last.body).toMatchObject({ room_id: SEED.room1, channel_id: SEED.room1Text, reply_id: msgId });
		expect(last.body.msg).toContain('北京');
		expect(botMessages().map((m) => m.reply_id)).toEqual(pushed.map((p) => p.msgId));

		const newest = await getExecution(n8n, executions[0].id);
		expect(newest.output(triggerNode().name)[0]).toMatchObject({ sequence, msgId, command: { options: { city: '北京' } } });
		// still one connection
		expect(sim.wsConnections()).toBe(1);
		expect(accepted()).toHaveLength(2);
	});

	test('(d) unpublished, the socket closes and stays closed: no pings, no reconnects, no executions', async () => {
		const executionsBefore = (await settled()).length;
		const repliesBefore = sends().length;
		const connectionsBefore = sim.wsConnectionLog.length;
		// the heartbeat is still running while published
		const pingsWhilePublished = sim.wsStats.pings;
		await until('another PING while published', () => sim.wsStats.pings > pingsWhilePublished, 5000);

		const t = Date.now();
		expect((await unpublishWorkflow(n8n, workflowId)).active).toBe(false);
		const closeMs = await until('the trigger to disconnect', () => sim.wsConnections() === 0, 10_000);
		timings.push(`unpublish answered and the socket closed ${Date.now() - t} ms after the call (${closeMs} ms after its answer)`);
		expect((await n8n.rest<{ active: boolean }>('GET', `/workflows/${workflowId}`)).active).toBe(false);

		const pingsAtClose = sim.wsStats.pings;
		const framesAtClose = sim.wsFrames.length;
		// three heartbeat intervals and more than one reconnect backoff (≤ 1 s after one drop)
		await sleep(HEARTBEAT_SECONDS * 3000 + 500);
		expect(sim.wsStats.pings).toBe(pingsAtClose);
		expect(sim.wsFrames).toHaveLength(framesAtClose);
		expect(sim.wsConnections()).toBe(0);
		expect(sim.wsConnectionLog).toHaveLength(connectionsBefore);

		// an event now reaches nobody and starts nothing
		expect(pushWeather('广州', '1843536909979836605').delivered).toBe(0);
		await sleep(1000);
		expect(await countExecutions(n8n, { workflowId })).toBe(executionsBefore);
		expect(sends()).toHaveLength(repliesBefore);
	});
});
