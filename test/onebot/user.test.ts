import { byId, fromList, useSimulator } from './setup';

describe('explore', () => {
	const t = useSimulator('napcat');
	test('x', async () => {
		for (const loc of [byId('={{ "abc" }}'), fromList('abc')]) {
			const r = await t.run({ resource: 'group', operation: 'get', groupId: loc });
			console.log(r.status, r.error?.message, r.error?.description, t.sim.requests.length);
		}
		const r = await t.run({ resource: 'group', operation: 'setName', groupId: byId(20002), groupName: '  ' });
		console.log(r.status, r.error?.message, r.error?.description, t.sim.requests.length);
		const r2 = await t.run({ resource: 'user', operation: 'get', userId: byId(123456) });
		console.log(JSON.stringify(r2.items));
		const r3 = await t.run({ resource: 'group', operation: 'getMember', groupId: byId(20002), memberId: byId(987654321), simplify: false });
		console.log(JSON.stringify(r3.items));
		const r4 = await t.run({ resource: 'file', operation: 'uploadToGroup', groupId: byId(20002), fileSource: 'path', filePath: '/srv/a b/报告.pdf' });
		console.log(r4.status, r4.error?.message, JSON.stringify(r4.items), t.sim.requests.map((q) => q.rawBody));
		const r5 = await t.run({ resource: 'file', operation: 'uploadToGroup', groupId: byId(20002), fileSource: 'binary', binaryPropertyName: 'nope' }, { items: [{ json: {}, binary: { data: { base64: 'aGVsbG8=', fileName: 'a.txt', mimeType: 'text/plain' } } }] });
		console.log(r5.status, r5.error?.message, r5.error?.description, t.sim.requests.map((q) => q.action));
	});
});
