/**
 * Browser check: the real n8n 2.41.1 editor, in headless Chromium (Debian's package, driven by
 * playwright-core), shows our OneBot node the way a user meets it: sign in through the UI, open a
 * workflow with a Manual Trigger and a OneBot node, double-click the node and read its parameter
 * panel (credential, Resource, Operation and their option lists, the User resource locator with
 * its modes, the message fields).
 *
 * Screenshots: test/e2e/artifacts/browser/{editor-canvas,editor-onebot}.png on every run (git
 * ignores them), and the committed docs/editor-canvas.png and docs/editor-onebot.png when they
 * are missing or IMKIT_UPDATE_SCREENSHOTS=1. A failing step leaves failure-<step>.png next to
 * the artifacts.
 *
 * Needs /usr/bin/chromium: scripts/install-chromium.sh installs it (apt-get, ≈40 s once) or the
 * suite fails with its message. IMKIT_CHROMIUM=/path/to/chromium uses another Chromium.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startN8n } from './lib/n8n.ts';
import type { N8nInstance } from './lib/n8n.ts';
import { builtPackageDir, ensureBuilt, repoRoot } from './lib/n8n-env.ts';
import {
	canvasNode,
	dropdownOptions,
	ensureChromium,
	launchChromium,
	loginThroughUi,
	newEditorPage,
	openNodePanel,
	openWorkflow,
	parameterInput,
	parameterLabel,
	parameterValue,
	settle,
} from './lib/browser.ts';
import type { Browser, EditorPage, Locator } from './lib/browser.ts';

const NODE_TYPE = 'n8n-nodes-imkit.oneBot';
const CREDENTIAL_TYPE = 'oneBotApi';
const CREDENTIAL_ID = 'imkitOneBotSandbox'; // the id the examples use
const CREDENTIAL_NAME = 'OneBot account';
const TRIGGER_NAME = 'When clicking ‘Execute workflow’';
const ONEBOT_NAME = 'Send a private message';
const MESSAGE_TEXT = 'Hello from n8n-nodes-imkit';

const root = repoRoot();
const packageDir = builtPackageDir();
const artifactsDir = path.join(root, 'test', 'e2e', 'artifacts', 'browser');
const docsDir = path.join(root, 'docs');
const updateDocs = process.env.IMKIT_UPDATE_SCREENSHOTS === '1';

/** Names of the options of a property in the built node's description (what n8n loaded). */
function describedOptions(property: string, resource?: string): string[] {
	const file = path.join(packageDir, 'dist', 'nodes', 'OneBot', 'OneBot.node.js');
	const { OneBot } = require(file) as { OneBot: new () => { description: { properties: any[] } } };
	const prop = new OneBot().description.properties.find(
		(p) => p.name === property && (resource === undefined || p.displayOptions?.show?.resource?.includes(resource)),
	);
	if (!prop) throw new Error(`the built OneBot node has no property ${property}${resource ? ` for ${resource}` : ''}`);
	return (prop.options as Array<{ name: string }>).map((o) => o.name);
}

const workflow = {
	name: 'Browser check: OneBot private message',
	nodes: [
		{
			id: 'b0000000-0000-4000-8000-000000000001',
			name: TRIGGER_NAME,
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		},
		{
			id: 'b0000000-0000-4000-8000-000000000002',
			name: ONEBOT_NAME,
			type: NODE_TYPE,
			typeVersion: 1,
			position: [240, 0],
			parameters: {
				resource: 'message',
				operation: 'sendPrivate',
				userId: { __rl: true, mode: 'id', value: '10001' },
				messageMode: 'text',
				text: MESSAGE_TEXT,
				options: {},
			},
			credentials: { [CREDENTIAL_TYPE]: { id: CREDENTIAL_ID, name: CREDENTIAL_NAME } },
		},
	],
	connections: { [TRIGGER_NAME]: { main: [[{ node: ONEBOT_NAME, type: 'main', index: 0 }]] } },
	settings: { executionOrder: 'v1' },
};

describe('n8n editor in headless Chromium shows the OneBot node', () => {
	let n8n: N8nInstance | undefined;
	let browser: Browser | undefined;
	let editor: EditorPage;
	let workflowId: string;
	let ndv: Locator;
	const timings: Record<string, number> = {};
	const t0 = Date.now();

	/** Runs a step; on failure saves a screenshot (and the page errors) before rethrowing. */
	async function step<T>(name: string, fn: () => Promise<T>): Promise<T> {
		const t = Date.now();
		try {
			const result = await fn();
			timings[name] = Date.now() - t;
			return result;
		} catch (e) {
			if (editor?.page) {
				fs.mkdirSync(artifactsDir, { recursive: true });
				const shot = path.join(artifactsDir, `failure-${name}.png`);
				await editor.page.screenshot({ path: shot }).catch(() => undefined);
				console.log(
					`[browser] step "${name}" failed at ${editor.page.url()}; screenshot ${shot}` +
						(editor.pageErrors.length ? `\npage errors:\n${editor.pageErrors.join('\n')}` : ''),
				);
			}
			throw e;
		}
	}

	/** Saves a screenshot into the artifacts (always) and into docs/ (when missing or asked to). */
	async function screenshot(fileName: string, target: { screenshot(o: { path: string }): Promise<unknown> }): Promise<string[]> {
		fs.mkdirSync(artifactsDir, { recursive: true });
		const written = [path.join(artifactsDir, fileName)];
		await target.screenshot({ path: written[0] });
		const doc = path.join(docsDir, fileName);
		if (updateDocs || !fs.existsSync(doc)) {
			fs.mkdirSync(docsDir, { recursive: true });
			fs.copyFileSync(written[0], doc);
			written.push(doc);
		}
		const size = fs.statSync(written[0]).size;
		expect(size).toBeGreaterThan(10_000); // a real picture, not an empty page
		console.log(`[browser] screenshot ${written.map((f) => path.relative(root, f)).join(' and ')} (${size} bytes)`);
		return written;
	}

	beforeAll(async () => {
		let t = Date.now();
		const chromiumPath = ensureChromium(); // throws with a clear message when it cannot
		timings.chromium = Date.now() - t;
		ensureBuilt('nodes/OneBot/OneBot.node.js');
		t = Date.now();
		n8n = await startN8n();
		timings.n8nStart = Date.now() - t;
		t = Date.now();
		await n8n.importCredentials([
			{
				id: CREDENTIAL_ID,
				name: CREDENTIAL_NAME,
				type: CREDENTIAL_TYPE,
				// nothing listens on port 9: the editor never needs the bot
				data: { baseUrl: 'http://127.0.0.1:9', accessToken: 'x', tokenLocation: 'header', implementation: 'auto' },
			},
		]);
		workflowId = await n8n.importWorkflow(workflow);
		timings.imports = Date.now() - t;
		t = Date.now();
		browser = await launchChromium({ executablePath: chromiumPath });
		editor = await newEditorPage(browser);
		timings.browserLaunch = Date.now() - t;
	}, 300_000);

	afterAll(async () => {
		await browser?.close().catch(() => undefined);
		await n8n?.stop();
		console.log(`[browser] timings (ms): ${JSON.stringify({ ...timings, total: Date.now() - t0 })}`);
	});

	it('signs in through the sign-in page', async () => {
		const landed = await step('login', () => loginThroughUi(editor.page, n8n!.baseUrl, n8n!.email, n8n!.password));
		expect(new URL(landed).pathname).not.toMatch(/^\/signin/);
		// signed in for real: the overview lists the imported workflow (fetched with the session)
		await step('workflow-list', () => expectVisible(editor.page.getByText(workflow.name, { exact: true }).first()));
	});

	it('opens the workflow: Manual Trigger → OneBot on the canvas, with our icon', async () => {
		const page = editor.page;
		await step('canvas', async () => {
			await openWorkflow(page, n8n!.baseUrl, workflowId, 2);
			const onebot = canvasNode(page, ONEBOT_NAME);
			await expectVisible(onebot);
			expect(await onebot.getAttribute('data-node-type')).toBe(NODE_TYPE);
			await expectVisible(canvasNode(page, TRIGGER_NAME));
			expect(await page.getByTestId('edge').count()).toBe(1);
			// the icon comes from our package (/icons/n8n-nodes-imkit/…/onebot.svg) and loaded
			const icon = onebot.locator('img').first();
			await expectVisible(icon);
			expect(await icon.getAttribute('src')).toMatch(/^\/icons\/n8n-nodes-imkit\/dist\/nodes\/OneBot\/onebot(\.dark)?\.svg$/);
			// (no DOM lib in tsconfig: the page-side callbacks take `any`)
			await page.waitForFunction((img: any) => img.complete, await icon.elementHandle());
			expect(await icon.evaluate((img: any) => img.naturalWidth)).toBeGreaterThan(0);
			await settle(page);
			await screenshot('editor-canvas.png', page);
		});
	});

	it('double-click opens the OneBot parameter panel with our credential, resource and operation', async () => {
		const page = editor.page;
		ndv = await step('open-panel', () => openNodePanel(page, ONEBOT_NAME));
		await step('panel-values', async () => {
			await expect(ndv.getByTestId('node-title-container').or(ndv.locator('header')).first().innerText()).resolves.toContain(
				ONEBOT_NAME,
			);
			// credential select shows the imported credential
			await expect(ndv.getByTestId('node-credentials-select').locator('input').first().inputValue()).resolves.toBe(
				CREDENTIAL_NAME,
			);
			expect(await parameterLabel(ndv, 'resource')).toBe('Resource');
			expect(await parameterValue(ndv, 'resource')).toBe('Message');
			expect(await parameterLabel(ndv, 'operation')).toBe('Operation');
			expect(await parameterValue(ndv, 'operation')).toBe('Send Private');
			expect(await parameterLabel(ndv, 'messageMode')).toBe('Message Format');
			expect(await parameterValue(ndv, 'messageMode')).toBe('Text');
			expect(await parameterValue(ndv, 'text')).toBe(MESSAGE_TEXT);
			await page.mouse.move(1300, 820); // off the parameters: no hover toggles in the picture
			await settle(page);
			await screenshot('editor-onebot.png', page);
		});
	});

	it('lists our resources and message operations in the dropdowns', async () => {
		const page = editor.page;
		await step('dropdowns', async () => {
			const resources = await dropdownOptions(page, parameterInput(ndv, 'resource'));
			expect(resources).toEqual(expect.arrayContaining(['File', 'Group', 'Message', 'System', 'User']));
			expect(resources).toEqual(expect.arrayContaining(describedOptions('resource')));

			const operations = await dropdownOptions(page, parameterInput(ndv, 'operation'));
			expect(operations).toEqual(
				expect.arrayContaining(['Send Private', 'Send Group', 'Send Private Forward', 'Send Group Forward', 'Recall', 'React', 'Get']),
			);
			// every message operation of the built node, in the order n8n shows them
			const described = describedOptions('operation', 'message');
			expect(operations.filter((o) => described.includes(o))).toEqual(described);
			// no operation of another resource leaks in (n8n may append its own "Custom API Call")
			expect(operations.filter((o) => !described.includes(o) && o !== 'Custom API Call')).toEqual([]);
			// the panel still shows our choice after browsing the lists
			expect(await parameterValue(ndv, 'operation')).toBe('Send Private');
		});
	});

	it('renders the User resource locator with its "From list" / "By ID" modes', async () => {
		const page = editor.page;
		await step('resource-locator', async () => {
			expect(await parameterLabel(ndv, 'userId')).toBe('User');
			const locator = ndv.getByTestId('resource-locator-userId');
			await expectVisible(locator);
			const mode = locator.getByTestId('rlc-mode-selector').locator('input');
			expect(await mode.inputValue()).toBe('By ID');
			expect(await locator.getByTestId('rlc-input').inputValue()).toBe('10001');
			expect(await locator.getByTestId('rlc-input').getAttribute('placeholder')).toBe('10001');
			// n8n 2.41 names the modes itself: list → "From list", id → "By ID"
			expect(await dropdownOptions(page, mode)).toEqual(['From list', 'By ID']);
			expect(await mode.inputValue()).toBe('By ID');
		});
	});

	it('raised no uncaught errors in the page', () => {
		expect(editor.pageErrors).toEqual([]);
	});
});

async function expectVisible(locator: Locator): Promise<void> {
	await locator.waitFor({ state: 'visible' });
}
