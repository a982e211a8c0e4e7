import { byId, DIALECTS, TOKEN, useSimulator } from './setup';

const sendText = { resource: 'message', operation: 'sendPrivate', userId: byId(123456), messageMode: 'text', text: 'hello' };
const listGroups = { resource: 'group', operation: 'getMany', returnAll: true };

describe.each(DIALECTS)('provider failures become NodeApiError in the provider\'s words (%s)', (dialect) => {
	const t = useSimulator(dialect);

	test('retcode ≠ 0 without continueOnFail fails the run with retcode and text', async () => {
		t.sim.fault({ action: 'send_private_msg', retcode: 1400, message: '对方不是你的好友' });
		const result = await t.run(sendText);
		expect(result.status).toBe('error');
		expect(result.error!.name).toBe('NodeApiError');
		expect(result.error!.message).toContain('retcode 1400');
		// Lagrange sends no error text at all; the others do, in message / wording / msg.
		if (dialect === 'lagrange') expect(result.error!.message).toContain('gave no error text');
		else expect(result.error!.message).toContain('对方不是你的好友');
		expect(result.error!.message).toMatch(/\[item 0\]$/);
	});

	test('retcode ≠ 0 with continueOnFail: an error item with the code, the other items still sent', async () => {
		t.sim.fault({ action: 'send_private_msg', retcode: 100, message: 'SEND_MSG_API_ERROR' });
		const result = await t.run(sendText, { items: [{ json: {} }, { json: {} }], onError: 'continueRegularOutput' });
		expect(result.status).toBe('success');
		expect(result.items).toHaveLength(2);
		expect(result.items[0].json.details).toMatchObject({ provider: 'OneBot', code: 100, endpoint: 'send_private_msg' });
		expect(result.items[0].json.error).toContain('retcode 100');
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
		expect(result.items[1].json.message_id).toEqual(expect.any(Number));
		expect(t.sim.requestsFor('send_private_msg')).toHaveLength(2);
	});

	test('continueErrorOutput routes failed items to the error output', async () => {
		t.sim.fault({ action: 'send_private_msg', retcode: 100, message: 'boom' });
		const result = await t.run(sendText, { items: [{ json: {} }, { json: {} }], onError: 'continueErrorOutput' });
		expect(result.items).toHaveLength(1);
		expect(result.errorItems).toHaveLength(1);
		expect(result.errorItems[0].pairedItem).toEqual({ item: 0 });
		expect(result.errorItems[0].json.error).toContain('retcode 100');
	});

	test('wrong token: "the access token is missing or wrong", token never echoed', async () => {
		const result = await t.run(sendText, { credentials: { accessToken: 'wrong-token-value' } });
		expect(result.status).toBe('error');
		expect(result.error!.message).toMatch(/access token is missing or wrong/);
		expect(result.error!.httpCode).toBe('403');
		expect(JSON.stringify(result.run)).not.toContain('wrong-token-value');
	});

	test('missing token: refused per implementation (401 go-cqhttp/Lagrange, 403 NapCat/LLOneBot)', async () => {
		const result = await t.run(sendText, { credentials: { accessToken: '' } });
		expect(result.error!.message).toMatch(/access token is missing or wrong/);
		expect(result.error!.httpCode).toBe(dialect === 'gocqhttp' || dialect === 'lagrange' ? '401' : '403');
	});

	test('token as access_token query parameter when the credential says so; never in output', async () => {
		const ok = await t.run(sendText, { credentials: { tokenLocation: 'query' } });
		expect(ok.status).toBe('success');
		const request = t.sim.last('send_private_msg')!;
		expect(request.query.access_token).toBe(TOKEN);
		expect(request.headers.authorization).toBeUndefined();
		t.sim.fault({ action: 'send_private_msg', reset: true });
		const failed = await t.run(sendText, { credentials: { tokenLocation: 'query' } });
		expect(failed.status).toBe('error');
		expect(JSON.stringify(failed.run)).not.toContain(TOKEN);
	});

	test('an action the implementation lacks: "does not support <action>"', async () => {
		// Force the wrong implementation so the node calls an action this server does not have.
		const wrong = dialect === 'gocqhttp' || dialect === 'lagrange' ? 'napcat' : 'lagrange';
		const result = await t.run(
			{ resource: 'message', operation: 'react', messageId: '12345', emojiId: '76', options: { groupId: '20002' } },
			{ credentials: { implementation: wrong } },
		);
		expect(result.status).toBe('error');
		const action = wrong === 'napcat' ? 'set_msg_emoji_like' : 'set_group_reaction';
		expect(result.error!.message).toContain(`This OneBot implementation does not support ${action}`);
	});
});

describe('transport faults and retries (napcat)', () => {
	const t = useSimulator('napcat');

	test('an HTML error page: server error, a send is not repeated', async () => {
		t.sim.fault({ action: 'send_private_msg', status: 502, body: '<html><body>Bad Gateway</body></html>' });
		const result = await t.run(sendText);
		expect(result.error!.message).toContain('OneBot server error (HTTP 502)');
		expect(t.sim.requestsFor('send_private_msg')).toHaveLength(1);
	});

	test('a read is repeated after a 5xx and succeeds', async () => {
		t.sim.fault({ action: 'get_group_list', status: 503, body: '<html>busy</html>' });
		const result = await t.run(listGroups);
		expect(result.status).toBe('success');
		expect(result.items.length).toBeGreaterThan(0);
		expect(t.sim.requestsFor('get_group_list')).toHaveLength(2);
	});

	test('a dropped connection during a send is not repeated (it may have been delivered)', async () => {
		t.sim.fault({ action: 'send_private_msg', reset: true });
		const result = await t.run(sendText);
		expect(result.status).toBe('error');
		expect(result.error!.message).toMatch(/closed the connection/);
		expect(result.error!.description).toMatch(/may have reached the server/);
		expect(t.sim.requestsFor('send_private_msg')).toHaveLength(1);
	});

	test('a dropped connection during a read is repeated', async () => {
		t.sim.fault({ action: 'get_group_list', reset: true });
		const result = await t.run(listGroups);
		expect(result.status).toBe('success');
		expect(t.sim.requestsFor('get_group_list')).toHaveLength(2);
	});

	test('HTTP 429 is retried (nothing was done) and the same body is sent again', async () => {
		t.sim.fault({ action: 'send_private_msg', status: 429, body: '{}' });
		const result = await t.run(sendText);
		expect(result.status).toBe('success');
		const requests = t.sim.requestsFor('send_private_msg');
		expect(requests).toHaveLength(2);
		expect(requests[1].rawBody).toBe(requests[0].rawBody);
	});

	test('malformed JSON answer: a clear error with the start of the body', async () => {
		t.sim.fault({ action: 'get_login_info', status: 200, body: '{"status":', contentType: 'application/json' });
		const result = await t.run({ resource: 'user', operation: 'getLoginInfo' });
		expect(result.error!.message).toContain('no OneBot response');
		expect(JSON.stringify(result.error)).toContain('{\\"status\\":');
	});

	test('a send that times out is reported and not repeated', async () => {
		t.sim.fault({ action: 'send_private_msg', delayMs: 2500 });
		const result = await t.run({ ...sendText, options: { timeout: 1000 } });
		expect(result.error!.message).toMatch(/did not answer in time/);
		expect(t.sim.requestsFor('send_private_msg')).toHaveLength(1);
	});

	test('the credential is decrypted once per execution, not once per item', async () => {
		const result = await t.run(sendText, { items: Array.from({ length: 5 }, () => ({ json: {} })) });
		expect(result.status).toBe('success');
		expect(t.sim.requestsFor('send_private_msg')).toHaveLength(5);
		expect(result.decryptions.oneBotApi).toBe(1);
	});
});

describe('a redirecting server (an http→https proxy, a moved endpoint)', () => {
	test('is reported with its target, the query dropped, and nothing is sent on', async () => {
		const http = await import('node:http');
		const hits: string[] = [];
		const server = http.createServer((req, res) => {
			hits.push(`${req.method} ${req.url}`);
			res.writeHead(307, { Location: `https://bot.example.org${req.url}?access_token=${TOKEN}` }).end();
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const { port } = server.address() as { port: number };
		try {
			const { runNode } = await import('../harness/run');
			const result = await runNode(
				{ type: 'oneBot', parameters: sendText },
				{ credentials: { oneBotApi: { baseUrl: `http://127.0.0.1:${port}`, accessToken: TOKEN, tokenLocation: 'header', implementation: 'napcat' } as never } },
			);
			expect(result.status).toBe('error');
			expect(result.error!.message).toContain('redirected the request (HTTP 307) to https://bot.example.org/send_private_msg');
			expect(result.error!.description).toContain('Set the credential');
			expect(JSON.stringify(result.error)).not.toContain(TOKEN);
			expect(hits).toEqual(['POST /send_private_msg']);
		} finally {
			server.close();
		}
	});
});
