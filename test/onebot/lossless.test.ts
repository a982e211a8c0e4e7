import { byId, useSimulator } from './setup';

describe('responses are parsed without losing digits', () => {
	const t = useSimulator('napcat');

	test('19-digit integers in a response arrive as exact strings; small ones stay numbers', async () => {
		t.sim.fault({
			action: 'get_group_info',
			status: 200,
			body: '{"status":"ok","retcode":0,"data":{"group_id":20002,"group_name":"x 1234567890123456789","res_id":1234567890123456789,"nested":[{"id":-9223372036854775807}],"max":9007199254740991}}',
		});
		const result = await t.run({ resource: 'group', operation: 'get', groupId: byId(20002) });
		expect(result.status).toBe('success');
		expect(result.items[0].json).toEqual({
			group_id: 20002,
			group_name: 'x 1234567890123456789',
			res_id: '1234567890123456789',
			nested: [{ id: '-9223372036854775807' }],
			max: 9007199254740991,
		});
	});

	test('a 19-digit ID typed in the node is refused for QQ, where IDs are small (no silent rounding)', async () => {
		const result = await t.run(
			{ resource: 'message', operation: 'sendPrivate', userId: byId('={{ "1234567890123456789" }}'), messageMode: 'text', text: 'x' },
			{ onError: 'continueRegularOutput' },
		);
		expect(result.items[0].json.error).toMatch(/too large/);
		expect(t.sim.requestsFor('send_private_msg')).toHaveLength(0);
	});
});
