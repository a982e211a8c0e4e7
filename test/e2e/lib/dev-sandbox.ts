/**
 * The body of `npm run dev` (scripts/dev.sh builds the package and the n8n cache, then runs this
 * file with Node 24's type stripping):
 *
 *   - starts the pinned n8n on IMKIT_PORT (5678) with a persistent user folder and our freshly
 *     built package installed as a community package, owner admin@imkit.local / Imkit-sandbox-1;
 *   - sandbox mode (default): starts the OneBot simulator (test/simulators/onebot) on
 *     IMKIT_SIM_PORT (5700, token sandbox-token) and imports the credential
 *     "OneBot (sandbox simulator)" (id imkitOneBotSandbox) pointing at it;
 *   - sandbox mode: also starts the Heybox simulator (test/simulators/heybox) on
 *     IMKIT_HEYBOX_PORT (5701, token sandbox-heybox-token) and imports the credential
 *     "Heybox (sandbox simulator)" (id imkitHeyboxSandbox, type heyboxApi) pointing at it
 *     (API base URL and upload base URL = the simulator);
 *   - sandbox mode: also starts the RelationLabs simulator (test/simulators/relationlabs) on
 *     IMKIT_RELATIONLABS_PORT (5702, ApiKey sandbox-relationlabs-apikey) and imports the credential
 *     "RelationLabs (sandbox simulator)" (id imkitRelationLabsSandbox, type relationLabsApi,
 *     authType addressToken). The simulator signs its tokens with a random secret per start, so
 *     every start issues a fresh address auth token and re-imports the credential (same id, empty
 *     session token: the first call exchanges the new address token at /api/v1/auth);
 *   - imports the workflows of examples/ (new ones only; oneBotApi, heyboxApi and relationLabsApi
 *     credential references are pointed at the simulator credentials in sandbox mode);
 *   - runs until Ctrl-C, then stops everything it started.
 *
 *   node test/e2e/lib/dev-sandbox.ts          # the above
 *   node test/e2e/lib/dev-sandbox.ts cli ...  # `n8n ...` against the same user folder
 *
 * Environment: IMKIT_PORT, IMKIT_SANDBOX=0 (real bots: no simulator, no preloaded credential,
 * own user folder with its own random encryption key), IMKIT_SIM_PORT, IMKIT_SIM_DIALECT
 * (napcat | llonebot | lagrange | gocqhttp), IMKIT_HEYBOX_PORT, IMKIT_RELATIONLABS_PORT, IMKIT_SANDBOX_DIR, IMKIT_RESET=1 (start from an
 * empty user folder), IMKIT_LISTEN (default 127.0.0.1), IMKIT_N8N_LOGS=1 (echo n8n's log),
 * IMKIT_EXAMPLES_DIR (default examples/).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DEFAULT_OWNER, runN8nCli, startN8n } from './n8n.ts';
import type { N8nInstance } from './n8n.ts';
import { SANDBOX_ENCRYPTION_KEY, ensureN8n, n8nEnv, n8nId, portInUse, repoRoot } from './n8n-env.ts';

export const SANDBOX_CREDENTIAL_ID = 'imkitOneBotSandbox';
export const SANDBOX_CREDENTIAL_NAME = 'OneBot (sandbox simulator)';
export const SANDBOX_TOKEN = 'sandbox-token';
export const HEYBOX_SANDBOX_CREDENTIAL_ID = 'imkitHeyboxSandbox';
export const HEYBOX_SANDBOX_CREDENTIAL_NAME = 'Heybox (sandbox simulator)';
export const HEYBOX_SANDBOX_TOKEN = 'sandbox-heybox-token';
export const RELATIONLABS_SANDBOX_CREDENTIAL_ID = 'imkitRelationLabsSandbox';
export const RELATIONLABS_SANDBOX_CREDENTIAL_NAME = 'RelationLabs (sandbox simulator)';
export const RELATIONLABS_SANDBOX_API_KEY = 'sandbox-relationlabs-apikey';
/** lifetime of the address auth token issued at start (the simulator's default is 7 days) */
const RELATIONLABS_ADDRESS_TOKEN_TTL_MS = 365 * 86_400_000;

const sandboxMode = process.env.IMKIT_SANDBOX !== '0';
const port = Number(process.env.IMKIT_PORT || 5678);
const simPort = Number(process.env.IMKIT_SIM_PORT || 5700);
const simDialect = process.env.IMKIT_SIM_DIALECT || 'napcat';
const heyboxPort = Number(process.env.IMKIT_HEYBOX_PORT || 5701);
const relationLabsPort = Number(process.env.IMKIT_RELATIONLABS_PORT || 5702);
const cacheDir =
	process.env.IMKIT_CACHE || path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'n8n-nodes-imkit');
const userFolder = path.resolve(process.env.IMKIT_SANDBOX_DIR || path.join(cacheDir, sandboxMode ? 'sandbox' : 'live'));
// Sandbox: a fixed, public key (preloaded credentials stay readable). Live: n8n's own random key,
// kept in <userFolder>/.n8n/config, because real bot tokens end up in this folder.
const encryptionEnv: Record<string, string | undefined> = sandboxMode
	? { N8N_ENCRYPTION_KEY: SANDBOX_ENCRYPTION_KEY }
	: { N8N_ENCRYPTION_KEY: undefined };

const say = (msg: string) => process.stdout.write(`[imkit] ${msg}\n`);

interface Simulator {
	url: string;
	close(): Promise<void>;
}

interface RelationLabsSimulator extends Simulator {
	issueAddressToken(opts?: { ttlMs?: number }): string;
}

async function startSimulator(): Promise<Simulator | undefined> {
	const entry = path.join(repoRoot(), 'test', 'simulators', 'onebot', 'index.ts');
	if (!fs.existsSync(entry)) {
		say(`OneBot simulator not found (${path.relative(repoRoot(), entry)}): running without it`);
		return undefined;
	}
	if (await portInUse(simPort)) {
		throw new Error(`port ${simPort} (OneBot simulator) is in use: stop what runs there or set IMKIT_SIM_PORT`);
	}
	const mod = await import(pathToFileURL(entry).href);
	if (!mod.OneBotSimulator || typeof mod.OneBotSimulator.start !== 'function') {
		say('test/simulators/onebot/index.ts does not export OneBotSimulator.start: running without it');
		return undefined;
	}
	return (await mod.OneBotSimulator.start({ dialect: simDialect, token: SANDBOX_TOKEN, port: simPort })) as Simulator;
}

async function startHeyboxSimulator(): Promise<Simulator | undefined> {
	const entry = path.join(repoRoot(), 'test', 'simulators', 'heybox', 'index.ts');
	if (!fs.existsSync(entry)) {
		say(`Heybox simulator not found (${path.relative(repoRoot(), entry)}): running without it`);
		return undefined;
	}
	if (await portInUse(heyboxPort)) {
		throw new Error(`port ${heyboxPort} (Heybox simulator) is in use: stop what runs there or set IMKIT_HEYBOX_PORT`);
	}
	const mod = await import(pathToFileURL(entry).href);
	if (!mod.HeyboxSimulator || typeof mod.HeyboxSimulator.start !== 'function') {
		say('test/simulators/heybox/index.ts does not export HeyboxSimulator.start: running without it');
		return undefined;
	}
	return (await mod.HeyboxSimulator.start({ token: HEYBOX_SANDBOX_TOKEN, port: heyboxPort })) as Simulator;
}

async function startRelationLabsSimulator(): Promise<RelationLabsSimulator | undefined> {
	const entry = path.join(repoRoot(), 'test', 'simulators', 'relationlabs', 'index.ts');
	if (!fs.existsSync(entry)) {
		say(`RelationLabs simulator not found (${path.relative(repoRoot(), entry)}): running without it`);
		return undefined;
	}
	if (await portInUse(relationLabsPort)) {
		throw new Error(`port ${relationLabsPort} (RelationLabs simulator) is in use: stop what runs there or set IMKIT_RELATIONLABS_PORT`);
	}
	const mod = await import(pathToFileURL(entry).href);
	if (!mod.RelationLabsSimulator || typeof mod.RelationLabsSimulator.start !== 'function') {
		say('test/simulators/relationlabs/index.ts does not export RelationLabsSimulator.start: running without it');
		return undefined;
	}
	return (await mod.RelationLabsSimulator.start({ apiKey: RELATIONLABS_SANDBOX_API_KEY, port: relationLabsPort })) as RelationLabsSimulator;
}

/** Points the examples' credential references at the sandbox credentials (sandbox mode). */
const SANDBOX_CREDENTIALS: Record<string, { id: string; name: string }> = {
	oneBotApi: { id: SANDBOX_CREDENTIAL_ID, name: SANDBOX_CREDENTIAL_NAME },
	heyboxApi: { id: HEYBOX_SANDBOX_CREDENTIAL_ID, name: HEYBOX_SANDBOX_CREDENTIAL_NAME },
	relationLabsApi: { id: RELATIONLABS_SANDBOX_CREDENTIAL_ID, name: RELATIONLABS_SANDBOX_CREDENTIAL_NAME },
};

/** Every workflow in examples/ (files holding one workflow or an array of them). */
function readExamples(): Array<{ file: string; workflow: Record<string, any> }> {
	const dir = path.resolve(process.env.IMKIT_EXAMPLES_DIR || path.join(repoRoot(), 'examples'));
	const out: Array<{ file: string; workflow: Record<string, any> }> = [];
	const label = (f: string) => path.join(path.basename(dir), path.relative(dir, f));
	const walk = (d: string) => {
		if (!fs.existsSync(d)) return;
		for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
			const full = path.join(d, e.name);
			if (e.isDirectory()) walk(full);
			else if (e.name.endsWith('.json')) {
				let parsed: unknown;
				try {
					parsed = JSON.parse(fs.readFileSync(full, 'utf8'));
				} catch (err) {
					say(`skipping ${label(full)}: not JSON (${(err as Error).message.split('\n')[0]})`);
					continue;
				}
				const list = Array.isArray(parsed) ? parsed : [parsed];
				list.forEach((wf, i) => {
					if (wf && typeof wf === 'object' && Array.isArray((wf as { nodes?: unknown }).nodes)) {
						const rel = label(full) + (list.length > 1 ? `#${i}` : '');
						out.push({ file: rel, workflow: wf as Record<string, any> });
					}
				});
			}
		}
	};
	walk(dir);
	return out;
}

async function importExamples(n8n: N8nInstance): Promise<string> {
	const examples = readExamples();
	if (examples.length === 0) return 'none in examples/';
	const fresh: Record<string, any>[] = [];
	for (const { file, workflow } of examples) {
		// stable id per file: restarting does not duplicate examples
		const id = typeof workflow.id === 'string' && workflow.id ? workflow.id : n8nId(`examples:${file}`);
		const exists = await n8n.restRaw('GET', `/rest/workflows/${id}`);
		if (exists.status === 200) continue;
		const wf: Record<string, any> = { ...workflow, id, active: false };
		if (sandboxMode) {
			wf.nodes = (wf.nodes as Array<Record<string, any>>).map((node) => {
				if (!node.credentials || typeof node.credentials !== 'object') return node;
				const credentials = { ...node.credentials };
				for (const type of Object.keys(credentials)) {
					if (SANDBOX_CREDENTIALS[type]) credentials[type] = { ...SANDBOX_CREDENTIALS[type] };
				}
				return { ...node, credentials };
			});
		}
		fresh.push(wf);
	}
	if (fresh.length > 0) await n8n.importWorkflows(fresh);
	const kept = examples.length - fresh.length;
	return `${fresh.length} imported` + (kept > 0 ? `, ${kept} already there (IMKIT_RESET=1 to reimport)` : '');
}

async function cliMode(args: string[]): Promise<number> {
	const install = await ensureN8n();
	const env = n8nEnv({ userFolder, port, brokerPort: 0, extraEnv: encryptionEnv });
	const r = await runN8nCli(args, { bin: install.bin, userFolder, env, timeoutMs: 600_000 });
	process.stdout.write(r.stdout);
	process.stderr.write(r.stderr);
	return r.code;
}

async function main(): Promise<void> {
	const argv = process.argv.slice(2);
	if (argv[0] === 'cli') {
		process.exitCode = await cliMode(argv.slice(1));
		return;
	}
	if (process.env.IMKIT_RESET === '1' && fs.existsSync(userFolder)) {
		say(`IMKIT_RESET=1: removing ${userFolder}`);
		fs.rmSync(userFolder, { recursive: true, force: true });
	}
	if (await portInUse(port)) {
		throw new Error(`port ${port} is in use (another n8n or \`npm run dev\`?): stop it or set IMKIT_PORT`);
	}

	// what we started, for Ctrl-C
	const started: { n8n?: N8nInstance; sim?: Simulator; heybox?: Simulator; relationLabs?: Simulator } = {};
	let stopping = false;
	const stopAll = async (code: number) => {
		if (stopping) return;
		stopping = true;
		say('stopping…');
		await Promise.allSettled([started.n8n?.stop(), started.sim?.close(), started.heybox?.close(), started.relationLabs?.close()]);
		process.exit(code);
	};
	for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
		process.on(sig, () => {
			if (stopping) {
				say('forced exit');
				process.exit(130);
			}
			void stopAll(0);
		});
	}

	const sim = sandboxMode ? await startSimulator() : undefined;
	started.sim = sim;
	const heybox = sandboxMode ? await startHeyboxSimulator() : undefined;
	started.heybox = heybox;
	const relationLabs = sandboxMode ? await startRelationLabsSimulator() : undefined;
	started.relationLabs = relationLabs;
	say(`starting n8n on port ${port} (user folder ${userFolder})…`);
	const n8n = await startN8n({
		port,
		userFolder,
		listenAddress: process.env.IMKIT_LISTEN || '127.0.0.1',
		extraEnv: encryptionEnv,
		echoLogs: process.env.IMKIT_N8N_LOGS === '1',
		owner: DEFAULT_OWNER,
	});
	started.n8n = n8n;
	void n8n.exited.then(({ code, signal }) => {
		if (!stopping) {
			say(`n8n stopped on its own (code ${code}, signal ${signal}); see ${n8n.logFile}`);
			void stopAll(1);
		}
	});

	let credentialLine = 'none preloaded (IMKIT_SANDBOX=0)';
	if (sandboxMode) {
		const baseUrl = sim ? sim.url : `http://127.0.0.1:${simPort}`;
		const heyboxUrl = heybox ? heybox.url : `http://127.0.0.1:${heyboxPort}`;
		const relationLabsUrl = relationLabs ? relationLabs.url : `http://127.0.0.1:${relationLabsPort}`;
		// The simulator's signing secret is new at every start: a fresh address token each time
		// (re-imported under the same id; the empty session token makes n8n exchange it again).
		const relationLabsAddressToken = relationLabs ? relationLabs.issueAddressToken({ ttlMs: RELATIONLABS_ADDRESS_TOKEN_TTL_MS }) : '';
		// one CLI call for all (each `n8n import:credentials` costs a few seconds)
		await n8n.importCredentials([
			{
				id: SANDBOX_CREDENTIAL_ID,
				name: SANDBOX_CREDENTIAL_NAME,
				type: 'oneBotApi',
				data: { baseUrl, accessToken: SANDBOX_TOKEN, tokenLocation: 'header', implementation: 'auto' },
			},
			{
				id: HEYBOX_SANDBOX_CREDENTIAL_ID,
				name: HEYBOX_SANDBOX_CREDENTIAL_NAME,
				type: 'heyboxApi',
				data: { token: HEYBOX_SANDBOX_TOKEN, chatVersion: '1.30.0', baseUrl: heyboxUrl, uploadUrl: heyboxUrl },
			},
			{
				id: RELATIONLABS_SANDBOX_CREDENTIAL_ID,
				name: RELATIONLABS_SANDBOX_CREDENTIAL_NAME,
				type: 'relationLabsApi',
				data: {
					baseUrl: relationLabsUrl,
					apiKey: RELATIONLABS_SANDBOX_API_KEY,
					authType: 'addressToken',
					unifiedToken: '',
					addressToken: relationLabsAddressToken,
					sessionToken: '',
				},
			},
		]);
		credentialLine =
			`"${SANDBOX_CREDENTIAL_NAME}" (id ${SANDBOX_CREDENTIAL_ID}) → ${baseUrl}\n` +
			`              "${HEYBOX_SANDBOX_CREDENTIAL_NAME}" (id ${HEYBOX_SANDBOX_CREDENTIAL_ID}) → ${heyboxUrl}\n` +
			`              "${RELATIONLABS_SANDBOX_CREDENTIAL_NAME}" (id ${RELATIONLABS_SANDBOX_CREDENTIAL_ID}) → ${relationLabsUrl}` +
			(relationLabs ? ' (address token issued at this start)' : ' (no address token: simulator not started)');
	}
	const examplesLine = await importExamples(n8n);

	const host = process.env.IMKIT_LISTEN && process.env.IMKIT_LISTEN !== '127.0.0.1' ? os.hostname() : 'localhost';
	const lines = [
		'',
		`n8n-nodes-imkit dev sandbox: n8n ${n8n.n8nVersion} ready in ${(n8n.timings.totalMs / 1000).toFixed(1)} s`,
		`  editor      http://${host}:${port}/`,
		`  login       ${n8n.email} / ${n8n.password}`,
		`  user folder ${userFolder}`,
		`  n8n log     ${n8n.logFile}`,
		sandboxMode
			? sim
				? `  simulator   ${sim.url} (OneBot v11, ${simDialect}, token ${SANDBOX_TOKEN})\n  inbox       ${sim.url}/__inbox`
				: '  simulator   not started (test/simulators/onebot missing)'
			: '  simulator   off (IMKIT_SANDBOX=0)',
		...(sandboxMode
			? [
					heybox
						? `  heybox      ${heybox.url} (Heybox chat REST + upload, token ${HEYBOX_SANDBOX_TOKEN})\n  inbox       ${heybox.url}/__inbox`
						: '  heybox      not started (test/simulators/heybox missing)',
					relationLabs
						? `  relationlabs ${relationLabs.url} (RelationLabs open API, ApiKey ${RELATIONLABS_SANDBOX_API_KEY}, address auth token)\n  inbox       ${relationLabs.url}/__inbox`
						: '  relationlabs not started (test/simulators/relationlabs missing)',
				]
			: []),
		`  credential  ${credentialLine}`,
		`  examples    ${examplesLine}`,
		'',
		'Ctrl-C stops n8n and the simulators. Rebuild + restart to load node changes.',
		'',
	];
	process.stdout.write(lines.join('\n') + '\n');
}

main().catch((err: unknown) => {
	process.stderr.write(`[imkit] dev sandbox failed: ${err instanceof Error ? err.message : String(err)}\n`);
	process.exit(1);
});
