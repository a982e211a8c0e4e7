/**
 * Drives the n8n editor in headless Chromium (Debian's /usr/bin/chromium through playwright-core)
 * for browser checks of our nodes in the real n8n (see test/e2e/browser.e2e.test.ts).
 *
 *   const chromiumPath = ensureChromium();                    // scripts/install-chromium.sh
 *   const browser = await launchChromium({ executablePath: chromiumPath });
 *   const page = await newEditorPage(browser);
 *   await loginThroughUi(page, n8n.baseUrl, n8n.email, n8n.password);
 *   await openWorkflow(page, n8n.baseUrl, workflowId);
 *   const ndv = await openNodePanel(page, 'Send a private message');
 *   await parameterValue(ndv, 'operation');                    // 'Send Private'
 *   await browser.close();
 *
 * Never downloads a browser (no `npx playwright install`): the browser is Debian's package,
 * installed by scripts/install-chromium.sh. Selectors are n8n's own `data-test-id`s, verified
 * against n8n 2.41.1.
 *
 * Same module constraints as n8n-env.ts (ts-jest CommonJS and Node's type stripping): erasable
 * TypeScript only, `.ts` import extensions, no `require`.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium, selectors } from 'playwright-core';
import type { Browser, Locator, Page } from 'playwright-core';
import { repoRoot } from './n8n-env.ts';

export type { Browser, Locator, Page } from 'playwright-core';

/**
 * Chromium flags for this machine's closed network (as root, headless, no GPU). Playwright adds
 * --headless itself (headless: true) and its own fresh --user-data-dir per launch.
 */
export const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

/** The editor's window size for checks and screenshots. */
export const VIEWPORT = { width: 1440, height: 900 };

/**
 * Runs scripts/install-chromium.sh (installs Debian's chromium once, ≈40 s; ≈0.1 s when present)
 * and returns the browser's path. Throws with the script's own message when it cannot.
 */
export function ensureChromium(): string {
	const script = path.join(repoRoot(), 'scripts', 'install-chromium.sh');
	const t = Date.now();
	const r = spawnSync('bash', [script], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 600_000 });
	const bin = (r.stdout ?? '').trim().split('\n').pop() ?? '';
	if (r.status !== 0 || !bin) {
		const said = (r.stderr ?? '').trim().split('\n').slice(-15).join('\n');
		const hint = said.includes('IMKIT_CHROMIUM')
			? ''
			: '\nInstall it with `sudo apt-get install chromium` (Debian) or set IMKIT_CHROMIUM to a Chromium binary.';
		throw new Error(`No Chromium for the browser check: scripts/install-chromium.sh exited ${r.status ?? r.signal}.\n${said}${hint}`);
	}
	if (Date.now() - t > 5000) console.log(`[browser] ${bin} installed in ${Date.now() - t} ms`);
	return bin;
}

export interface LaunchOptions {
	/** default: IMKIT_CHROMIUM or /usr/bin/chromium */
	executablePath?: string;
	/** default true; IMKIT_HEADFUL=1 shows the window (needs a display) */
	headless?: boolean;
	/** more Chromium flags */
	args?: string[];
}

/** Launches Chromium with the flags above; n8n's `data-test-id` becomes Playwright's test id attribute. */
export async function launchChromium(opts: LaunchOptions = {}): Promise<Browser> {
	const executablePath = opts.executablePath ?? process.env.IMKIT_CHROMIUM ?? '/usr/bin/chromium';
	if (!fs.existsSync(executablePath)) {
		throw new Error(`${executablePath} does not exist: run scripts/install-chromium.sh first`);
	}
	selectors.setTestIdAttribute('data-test-id');
	return await chromium.launch({
		executablePath,
		headless: opts.headless ?? process.env.IMKIT_HEADFUL !== '1',
		args: [...CHROMIUM_ARGS, ...(opts.args ?? [])],
		timeout: 30_000,
	});
}

export interface EditorPage {
	page: Page;
	/** uncaught exceptions in the page (pageerror) */
	pageErrors: string[];
	/** console.error messages */
	consoleErrors: string[];
}

/** A fresh context and page (no cookies), English locale, fixed viewport; collects page errors. */
export async function newEditorPage(browser: Browser): Promise<EditorPage> {
	const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1, locale: 'en-US', timezoneId: 'UTC' });
	context.setDefaultTimeout(15_000);
	const page = await context.newPage();
	const pageErrors: string[] = [];
	const consoleErrors: string[] = [];
	page.on('pageerror', (e) => pageErrors.push(String(e?.stack ?? e)));
	page.on('console', (m) => {
		if (m.type() === 'error') consoleErrors.push(m.text());
	});
	return { page, pageErrors, consoleErrors };
}

/**
 * Signs in through n8n's sign-in page (/signin: Email, Password, "Sign in") and waits until the
 * editor has left it. Returns the URL n8n went to (n8n 2.41: /home/workflows).
 */
export async function loginThroughUi(page: Page, baseUrl: string, email: string, password: string): Promise<string> {
	await page.goto(`${baseUrl}/signin`);
	const emailInput = page.locator('input[name="emailOrLdapLoginId"]');
	await emailInput.waitFor({ state: 'visible' });
	await emailInput.fill(email);
	await page.locator('input[name="password"]').fill(password);
	await page.getByTestId('form-submit-button').click();
	try {
		await page.waitForURL((u) => !u.pathname.startsWith('/signin'), { timeout: 15_000 });
	} catch (e) {
		const toast = await page.locator('.el-notification, [role="alert"]').allInnerTexts().catch(() => []);
		throw new Error(`n8n did not leave /signin after signing in as ${email}: ${toast.join(' / ') || String(e)}`);
	}
	return page.url();
}

/** Opens a workflow in the editor and waits until its nodes are on the canvas. */
export async function openWorkflow(page: Page, baseUrl: string, workflowId: string, expectNodes = 1): Promise<void> {
	await page.goto(`${baseUrl}/workflow/${encodeURIComponent(workflowId)}`);
	await page.getByTestId('canvas-node').nth(expectNodes - 1).waitFor({ state: 'visible', timeout: 30_000 });
}

/** A node on the canvas, by its name. */
export function canvasNode(page: Page, nodeName: string): Locator {
	return page.locator(`[data-test-id="canvas-node"][data-node-name=${JSON.stringify(nodeName)}]`);
}

/**
 * Opens a node's parameter panel (NDV) by double-clicking it on the canvas; returns the panel.
 * Double-clicks once more if the first one landed before the canvas reacted.
 */
export async function openNodePanel(page: Page, nodeName: string): Promise<Locator> {
	const node = canvasNode(page, nodeName);
	const ndv = page.getByTestId('ndv');
	for (let attempt = 1; ; attempt++) {
		await node.dblclick();
		try {
			await ndv.waitFor({ state: 'visible', timeout: 7_500 });
			break;
		} catch (e) {
			if (attempt >= 2) throw new Error(`the parameter panel of "${nodeName}" did not open after a double-click: ${String(e)}`);
		}
	}
	await ndv.getByTestId('parameter-item').first().waitFor({ state: 'visible' });
	return ndv;
}

/** The input of a parameter (`options`/`string` type) in the panel, by its internal name. */
export function parameterInput(ndv: Locator, name: string): Locator {
	return ndv.locator(`[data-test-id="parameter-input-${name}"] :is(input, textarea)`).first();
}

/** What a parameter's input shows: the option's display name for `options`, the text for `string`. */
export async function parameterValue(ndv: Locator, name: string): Promise<string> {
	return await parameterInput(ndv, name).inputValue();
}

/** The label shown above a parameter (first line: without the Fixed/Expression toggle shown on hover). */
export async function parameterLabel(ndv: Locator, name: string): Promise<string> {
	const text = await ndv.locator(`label[for=${JSON.stringify(name)}]`).first().innerText();
	return text.split('\n')[0].trim();
}

/**
 * Opens an element-plus dropdown (an n8n `options` select, or a resource locator's mode selector),
 * reads the names of its options (first line: without the description), and closes it again.
 */
export async function dropdownOptions(page: Page, select: Locator): Promise<string[]> {
	await select.click();
	const listId = await select.getAttribute('aria-controls');
	if (!listId) throw new Error('the select has no aria-controls: not an element-plus select?');
	const list = page.locator(`[id=${JSON.stringify(listId)}]`);
	await list.waitFor({ state: 'visible' });
	const texts = await list.locator('[role="option"]').allInnerTexts();
	await select.click(); // toggles it closed (Escape could close the panel)
	await list.waitFor({ state: 'hidden' }).catch(() => page.keyboard.press('Escape'));
	return texts.map((t) => t.split('\n')[0].trim()).filter((t) => t !== '');
}

/** Waits until the browser has drawn the last changes (two animation frames), for screenshots. */
export async function settle(page: Page, ms = 300): Promise<void> {
	// runs in the page (no DOM lib in tsconfig, hence globalThis)
	await page.evaluate(() => new Promise((r) => (globalThis as any).requestAnimationFrame(() => (globalThis as any).requestAnimationFrame(r))));
	await page.waitForTimeout(ms);
}
