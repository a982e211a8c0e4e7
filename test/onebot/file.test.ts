/**
 * OneBot "File" resource through the real n8n engine against the OneBot simulator: Upload to
 * Group and Upload to Private Chat from binary data (stored by n8n's binary data service), URL,
 * path and base64, and the path-only rule of go-cqhttp and Lagrange.
 */
import type { Dialect } from '../simulators/onebot';
import { byId, fromList, useSimulator } from './setup';

const PNG_1PX = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
const TEXT = Buffer.from('季度报告 / quarterly report\nline 2\n', 'utf8').toString('base64');

const pngItem = { json: {}, binary: { data: { base64: PNG_1PX, fileName: 'chart.png', mimeType: 'image/png' } } };
const textItem = (property = 'data', fileName = 'report.txt') => ({
	json: {},
	binary: { [property]: { base64: TEXT, fileName, mimeType: 'text/plain' } },
});

describe.each(['napcat', 'llonebot'] as Dialect[])('OneBot file upload (%s: any source)', (dialect) => {
	const t = useSimulator(dialect);

	describe('from binary data', () => {
		test('Upload to Group: file is base64:// of the exact bytes, name from the binary file name', async () => {
			const result = await t.run(
				{ resource: 'file', operation: 'uploadToGroup', groupId: byId('20002'), fileSource: 'binary', binaryPropertyName: 'data' },
				{ items: [pngItem] },
			);
			expect(result.status).toBe('success');
			expect(t.sim.requests.map((r) => r.action)).toEqual(['get_version_info', 'upload_group_file']);
			expect(t.sim.last('upload_group_file')!.rawBody).toBe(
				JSON.stringify({ group_id: 20002, file: `base64://${PNG_1PX}`, name: 'chart.png' }),
			);
			expect(t.sim.state.uploadedFiles).toMatchObject([
				{ action: 'upload_group_file', group_id: 20002, name: 'chart.png', size: Buffer.from(PNG_1PX, 'base64').length },
			]);
			expect(result.items).toEqual([
				{ json: { success: true, group_id: 20002, name: 'chart.png', file_id: 'file-1' }, pairedItem: { item: 0 } },
			]);
		});

		test('Upload to Private Chat: a text file from another binary property', async () => {
			const result = await t.run(
				{ resource: 'file', operation: 'uploadToPrivate', userId: fromList('123456'), fileSource: 'binary', binaryPropertyName: 'attachment' },
				{ items: [textItem('attachment', '季度报告.txt')] },
			);
			expect(result.status).toBe('success');
			expect(t.sim.last('upload_private_file')!.rawBody).toBe(
				JSON.stringify({ user_id: 123456, file: `base64://${TEXT}`, name: '季度报告.txt' }),
			);
			expect(t.sim.state.uploadedFiles).toMatchObject([
				{ action: 'upload_private_file', user_id: 123456, name: '季度报告.txt', size: Buffer.from(TEXT, 'base64').length },
			]);
			expect(result.items).toEqual([
				{ json: { success: true, user_id: 123456, name: '季度报告.txt', file_id: 'file-1' }, pairedItem: { item: 0 } },
			]);
		});

		test('File Name overrides the binary file name', async () => {
			const result = await t.run(
				{ resource: 'file', operation: 'uploadToGroup', groupId: byId('20002'), fileSource: 'binary', binaryPropertyName: 'data', fileName: ' Q3.png ' },
				{ items: [pngItem] },
			);
			expect(result.status).toBe('success');
			expect(t.sim.last('upload_group_file')!.body.name).toBe('Q3.png');
			expect(result.items[0].json.name).toBe('Q3.png');
		});

		test('each item uploads its own file; the implementation is detected once per execution', async () => {
			const result = await t.run(
				{ resource: 'file', operation: 'uploadToGroup', groupId: byId('20002'), fileSource: 'binary', binaryPropertyName: 'data' },
				{ items: [pngItem, textItem()] },
			);
			expect(result.status).toBe('success');
			expect(t.sim.requests.map((r) => r.action)).toEqual(['get_version_info', 'upload_group_file', 'upload_group_file']);
			expect(t.sim.requestsFor('upload_group_file').map((r) => r.body)).toEqual([
				{ group_id: 20002, file: `base64://${PNG_1PX}`, name: 'chart.png' },
				{ group_id: 20002, file: `base64://${TEXT}`, name: 'report.txt' },
			]);
			expect(result.items.map((i) => [i.json.file_id, i.pairedItem])).toEqual([
				['file-1', { item: 0 }],
				['file-2', { item: 1 }],
			]);
		});

		test('a missing binary property: NodeOperationError listing the properties the item has; nothing uploaded', async () => {
			const result = await t.run(
				{ resource: 'file', operation: 'uploadToGroup', groupId: byId('20002'), fileSource: 'binary', binaryPropertyName: 'attachment' },
				{
					items: [
						{
							json: {},
							binary: {
								data: { base64: PNG_1PX, fileName: 'chart.png', mimeType: 'image/png' },
								preview: { base64: TEXT, fileName: 'p.txt', mimeType: 'text/plain' },
							},
						},
					],
				},
			);
			expect(result.status).toBe('error');
			expect(result.error?.name).toBe('NodeOperationError');
			expect(result.error?.message).toBe('Input item has no binary property "attachment" [item 0]');
			expect(result.error?.description).toBe(
				'Parameter: Input Binary Property. Binary properties on this item: data, preview. Nothing was sent.',
			);
			expect(t.sim.requestsFor('upload_group_file')).toEqual([]);
			expect(t.sim.state.uploadedFiles).toEqual([]);
		});

		test('an item without any binary data: the error says so; nothing uploaded', async () => {
			const result = await t.run({ resource: 'file', operation: 'uploadToPrivate', userId: byId('123456'), fileSource: 'binary', binaryPropertyName: 'data' });
			expect(result.status).toBe('error');
			expect(result.error?.message).toBe('Input item has no binary property "data" [item 0]');
			expect(result.error?.description).toContain('This item has no binary data');
			expect(t.sim.requestsFor('upload_private_file')).toEqual([]);
		});

		test('binary data without a file name and no File Name: refused, nothing uploaded', async () => {
			const result = await t.run(
				{ resource: 'file', operation: 'uploadToGroup', groupId: byId('20002'), fileSource: 'binary', binaryPropertyName: 'data' },
				{ items: [{ json: {}, binary: { data: { base64: TEXT, mimeType: 'text/plain' } } }] },
			);
			expect(result.status).toBe('error');
			expect(result.error?.message).toBe('The file has no name [item 0]');
			expect(result.error?.description).toBe('Parameter: File Name. Set File Name. Nothing was sent.');
			expect(t.sim.requestsFor('upload_group_file')).toEqual([]);
		});
	});

	describe('from URL, path and base64', () => {
		test('URL: sent as given, name from the decoded last path segment', async () => {
			const url = 'https://files.example.com/share/Q3%20report.pdf?sig=a%2Fb#top';
			const result = await t.run({ resource: 'file', operation: 'uploadToGroup', groupId: byId('20003'), fileSource: 'url', fileUrl: ` ${url} ` });
			expect(result.status).toBe('success');
			expect(t.sim.last('upload_group_file')!.rawBody).toBe(JSON.stringify({ group_id: 20003, file: url, name: 'Q3 report.pdf' }));
			expect(result.items[0].json).toEqual({ success: true, group_id: 20003, name: 'Q3 report.pdf', file_id: 'file-1' });
		});

		test('URL that is not http(s):// or file://: refused, nothing uploaded', async () => {
			const result = await t.run({ resource: 'file', operation: 'uploadToPrivate', userId: byId('123456'), fileSource: 'url', fileUrl: 'ftp://x/y.zip' });
			expect(result.status).toBe('error');
			expect(result.error?.name).toBe('NodeOperationError');
			expect(result.error?.message).toMatch(/"ftp:\/\/x\/y\.zip" is not a URL; it must start with http:\/\/, https:\/\/ or file:\/\/ \[item 0\]$/);
			expect(result.error?.description).toMatch(/^Parameter: File URL\b/);
			expect(t.sim.requestsFor('upload_private_file')).toEqual([]);
		});

		// upload.ts passes mediaFileValue's SegmentError through asParameterError, made for message
		// segments: the message gets a "file: " prefix and the hint talks about segments.
		test('a refused URL names the File URL field without message-segment wording', async () => {
			const result = await t.run({ resource: 'file', operation: 'uploadToPrivate', userId: byId('123456'), fileSource: 'url', fileUrl: 'ftp://x/y.zip' });
			expect(result.error?.message).toBe('"ftp://x/y.zip" is not a URL; it must start with http://, https:// or file:// [item 0]');
			expect(result.error?.description).toMatch(/^Parameter: File URL\./);
			expect(result.error?.description).not.toMatch(/segment/i);
		});

		test('path: a local file on the OneBot host (plain path or its file:// URI), name from the path', async () => {
			const result = await t.run({ resource: 'file', operation: 'uploadToGroup', groupId: byId('20002'), fileSource: 'path', filePath: '/srv/share/年报 2024.pdf' });
			expect(result.status).toBe('success');
			const body = t.sim.last('upload_group_file')!.body;
			expect(['/srv/share/年报 2024.pdf', 'file:///srv/share/%E5%B9%B4%E6%8A%A5%202024.pdf']).toContain(body.file);
			expect(body).toEqual({ group_id: 20002, file: body.file, name: '年报 2024.pdf' });
			expect(result.items[0].json).toEqual({ success: true, group_id: 20002, name: '年报 2024.pdf', file_id: 'file-1' });
		});

		test('a relative path is refused before anything is uploaded', async () => {
			const result = await t.run({ resource: 'file', operation: 'uploadToGroup', groupId: byId('20002'), fileSource: 'path', filePath: 'reports/a.pdf' });
			expect(result.status).toBe('error');
			expect(result.error?.message).toContain('"reports/a.pdf" is not an absolute path; give the full path on the OneBot host');
			expect(result.error?.description).toMatch(/^Parameter: File Path\b/);
			expect(t.sim.requests).toEqual([]);
		});

		test('a refused path names the File Path field without message-segment wording', async () => {
			const result = await t.run({ resource: 'file', operation: 'uploadToGroup', groupId: byId('20002'), fileSource: 'path', filePath: 'reports/a.pdf' });
			expect(result.error?.message).toMatch(/^"reports\/a\.pdf" is not an absolute path/);
			expect(result.error?.description).toMatch(/^Parameter: File Path\./);
			expect(result.error?.description).not.toMatch(/segment/i);
		});

		test('base64 (data: URI) with a File Name: sent as base64://', async () => {
			const result = await t.run({
				resource: 'file',
				operation: 'uploadToPrivate',
				userId: byId('123456'),
				fileSource: 'base64',
				fileBase64: `data:text/plain;base64,${TEXT}`,
				fileName: 'notes.txt',
			});
			expect(result.status).toBe('success');
			expect(t.sim.last('upload_private_file')!.rawBody).toBe(JSON.stringify({ user_id: 123456, file: `base64://${TEXT}`, name: 'notes.txt' }));
		});

		test('base64 without a File Name: refused, nothing uploaded', async () => {
			const result = await t.run({ resource: 'file', operation: 'uploadToPrivate', userId: byId('123456'), fileSource: 'base64', fileBase64: TEXT });
			expect(result.status).toBe('error');
			expect(result.error?.message).toBe('The file has no name [item 0]');
			expect(t.sim.requestsFor('upload_private_file')).toEqual([]);
		});
	});

	test('Folder option is sent as folder', async () => {
		const result = await t.run(
			{ resource: 'file', operation: 'uploadToGroup', groupId: byId('20002'), fileSource: 'binary', binaryPropertyName: 'data', options: { folder: ' /reports-2024 ' } },
			{ items: [pngItem] },
		);
		expect(result.status).toBe('success');
		expect(t.sim.last('upload_group_file')!.rawBody).toBe(
			JSON.stringify({ group_id: 20002, file: `base64://${PNG_1PX}`, name: 'chart.png', folder: '/reports-2024' }),
		);
		expect(t.sim.state.uploadedFiles[0].folder).toBe('/reports-2024');
	});

	test('no folder key when the Folder option is empty', async () => {
		const result = await t.run(
			{ resource: 'file', operation: 'uploadToGroup', groupId: byId('20002'), fileSource: 'url', fileUrl: 'https://x.example/a.zip', options: { folder: '' } },
		);
		expect(result.status).toBe('success');
		expect(t.sim.last('upload_group_file')!.body).toEqual({ group_id: 20002, file: 'https://x.example/a.zip', name: 'a.zip' });
	});

	test('a non-numeric group ID is refused before anything is sent', async () => {
		const result = await t.run(
			{ resource: 'file', operation: 'uploadToGroup', groupId: fromList('dev'), fileSource: 'binary', binaryPropertyName: 'data' },
			{ items: [pngItem] },
		);
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('group number must contain only digits, got "dev" [item 0]');
		expect(t.sim.requests).toEqual([]);
	});
});

describe.each([
	['gocqhttp', 'go-cqhttp'],
	['lagrange', 'Lagrange'],
] as Array<[Dialect, string]>)('OneBot file upload (%s: local path only)', (dialect, label) => {
	const t = useSimulator(dialect);
	const refusal = `${label} uploads files only from a local path [item 0]`;
	const hint = 'Parameter: File Source. Set File Source to File Path (a path on the OneBot machine), or use NapCat / LLOneBot. Nothing was sent.';

	test('binary source with auto-detection: get_version_info, then a NodeOperationError telling to use File Path', async () => {
		const result = await t.run(
			{ resource: 'file', operation: 'uploadToGroup', groupId: byId('20002'), fileSource: 'binary', binaryPropertyName: 'data' },
			{ items: [pngItem] },
		);
		expect(result.status).toBe('error');
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toBe(refusal);
		expect(result.error?.description).toBe(hint);
		expect(t.sim.requests.map((r) => r.action)).toEqual(['get_version_info']);
		expect(t.sim.state.uploadedFiles).toEqual([]);
	});

	test('binary source with the implementation set in the credential: refused without any request', async () => {
		const result = await t.run(
			{ resource: 'file', operation: 'uploadToPrivate', userId: byId('123456'), fileSource: 'binary', binaryPropertyName: 'data' },
			{ items: [pngItem], credentials: { implementation: dialect } },
		);
		expect(result.status).toBe('error');
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toBe(refusal);
		expect(result.error?.description).toBe(hint);
		expect(t.sim.requests).toEqual([]);
	});

	test('URL source is refused the same way', async () => {
		const result = await t.run({ resource: 'file', operation: 'uploadToPrivate', userId: byId('123456'), fileSource: 'url', fileUrl: 'https://x.example/a.zip' });
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(refusal);
		expect(t.sim.requestsFor('upload_private_file')).toEqual([]);
	});

	test('with continueOnFail each refused item becomes an error item', async () => {
		const result = await t.run(
			{ resource: 'file', operation: 'uploadToGroup', groupId: byId('20002'), fileSource: 'binary', binaryPropertyName: 'data' },
			{ items: [pngItem, pngItem], onError: 'continueRegularOutput' },
		);
		expect(result.status).toBe('success');
		expect(result.items.map((i) => [i.json.error, i.pairedItem])).toEqual([
			[`${label} uploads files only from a local path [item 0]`, { item: 0 }],
			[`${label} uploads files only from a local path [item 1]`, { item: 1 }],
		]);
		expect(t.sim.requestsFor('upload_group_file')).toEqual([]);
	});

	// go-cqhttp checks the file with os.Stat (CQUploadGroupFile: global.PathExists(file)) and
	// Lagrange opens it with a FileStream: both need the plain local path, not a file:// URI.
	test('File Path is sent as the plain local path, which this implementation can open', async () => {
		const result = await t.run({ resource: 'file', operation: 'uploadToGroup', groupId: byId('20002'), fileSource: 'path', filePath: '/srv/share/report 2024.pdf' });
		expect(t.sim.last('upload_group_file')!.body).toEqual({ group_id: 20002, file: '/srv/share/report 2024.pdf', name: 'report 2024.pdf' });
		expect(result.status).toBe('success');
		expect(t.sim.state.uploadedFiles).toMatchObject([{ group_id: 20002, file: '/srv/share/report 2024.pdf', name: 'report 2024.pdf' }]);
	});

	test('Upload to Private Chat from File Path sends the plain local path', async () => {
		const result = await t.run({ resource: 'file', operation: 'uploadToPrivate', userId: byId('123456'), fileSource: 'path', filePath: '/home/bot/a.txt' });
		expect(t.sim.last('upload_private_file')!.body).toEqual({ user_id: 123456, file: '/home/bot/a.txt', name: 'a.txt' });
		expect(result.status).toBe('success');
	});
});
