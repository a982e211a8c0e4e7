/**
 * Drives a real n8n (the pinned 2.41.1 from scripts/n8n-install.sh) for end-to-end tests.
 *
 *   const n8n = await startN8n();                // fresh user folder, our package loaded, owner set up
 *   const [credId] = await n8n.importCredentials([{ name: 'OneBot', type: 'oneBotApi', data: {...} }]);
 *   const wfId = await n8n.importWorkflow(workflowJson);
 *   const result = await n8n.execute(wfId);      // `n8n execute --id … --rawOutput`, parsed
 *   result.output('OneBot');                     // the node's output items (json)
 *   await n8n.stop();
 *
 * The server and the CLI commands run against the same user folder and SQLite file at the same
 * time (SQLite in WAL mode through DB_SQLITE_POOL_SIZE; every CLI call gets its own task-runner
 * broker port). Verified with n8n 2.41.1: import and execute work while the server runs.
 *
 * Runs under ts-jest (CommonJS) and under Node 24's type stripping (scripts/dev.sh), see
 * n8n-env.ts for the constraints that follow.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
	PACKAGE_NAME,
	createUserFolder,
	ensureN8n,
	freePort,
	installPackage,
	n8nEnv,
	n8nId,
	node24,
	portInUse,
} from './n8n-env.ts';
import type { PackageMode } from './n8n-env.ts';

export { PACKAGE_NAME, n8nId } from './n8n-env.ts';

/** Node type names as n8n knows them when our package is loaded as an installed community package. */
export const NODE_TYPE_PREFIX = `${PACKAGE_NAME}.`;
export const DEFAULT_OWNER = {
	email: 'admin@imkit.local',
	password: 'Imkit-sandbox-1',
	firstName: 'Imkit',
	lastName: 'Sandbox',
};
/** Sent with every REST call: n8n 2.x binds the auth cookie to a `browser-id` header. */
const BROWSER_ID = 'imkit-e2e';

export interface StartN8nOptions {
	/** HTTP port; default: a free one */
	port?: number;
	/** merged last into n8n's environment (undefined removes a variable) */
	extraEnv?: Record<string, string | undefined>;
	/** reuse this user folder (created if missing) instead of a fresh temp one; it is then kept */
	userFolder?: string;
	/** keep a fresh temp user folder after stop() (also IMKIT_E2E_KEEP=1) */
	keepUserFolder?: boolean;
	/** folder holding the built package (package.json + dist/); default: IMKIT_E2E_PACKAGE_DIR or the repo root */
	packageDir?: string;
	/** 'copy' (default), 'symlink' or 'none' (do not load our package) */
	packageMode?: PackageMode;
	/** n8n version in the cache; default IMKIT_N8N_VERSION or 2.41.1 */
	n8nVersion?: string;
	owner?: Partial<typeof DEFAULT_OWNER>;
	/** default 127.0.0.1 */
	listenAddress?: string;
	/** n8n's N8N_LOG_LEVEL, default 'info' */
	logLevel?: string;
	/** also write n8n's output to our stderr (default: only to <userFolder>/n8n.log; IMKIT_E2E_ECHO=1) */
	echoLogs?: boolean;
	/** give up waiting for n8n after this long (ms, default 120 000) */
	startTimeoutMs?: number;
}

export interface CliResult {
	/** exit code; for a signal the shell convention 128+n (139 = SIGSEGV) */
	code: number;
	signal: NodeJS.Signals | null;
	stdout: string;
	stderr: string;
	ms: number;
}

export interface CredentialInput {
	id?: string;
	name: string;
	type: string;
	data: Record<string, unknown>;
}

export interface CredentialTestResult {
	status: 'OK' | 'Error';
	message: string;
}

export interface ExecuteResult {
	/** the run finished without a workflow error */
	ok: boolean;
	/** n8n's execution status ('success', 'error', …) or 'unknown' when no run JSON was found */
	status: string;
	/** the whole run as printed by n8n (IRun: { data: { resultData: { runData, error? } }, status, … }) */
	run: any;
	/** run.data.resultData.runData: node name → task data per run */
	runData: Record<string, any[]>;
	/** run.data.resultData.error, when the workflow failed */
	error?: any;
	/** name of the node that failed (resultData.lastNodeExecuted when there is an error) */
	lastNodeExecuted?: string;
	/** json of the items a node put on an output (default: run 0, output 0) */
	output(nodeName: string, opts?: { run?: number; output?: number }): any[];
	/** the node's error in that run, if it failed */
	nodeError(nodeName: string, run?: number): any;
	/** the CLI process itself */
	cli: CliResult;
}

export interface RestResponse {
	status: number;
	headers: Headers;
	text: string;
	/** parsed JSON, or undefined */
	body: any;
}

export class N8nRestError extends Error {
	readonly status: number;
	readonly body: any;
	constructor(message: string, status: number, body: any) {
		super(message);
		this.name = 'N8nRestError';
		this.status = status;
		this.body = body;
	}
}

export interface N8nTimings {
	/** scripts/n8n-install.sh (≈100 ms when cached) */
	installMs: number;
	/** spawn → /healthz 200 */
	healthzMs: number;
	/** spawn → /healthz/readiness 200 (DB migrated, ready for REST) */
	readyMs: number;
	/** owner setup (or login) */
	ownerMs: number;
	/** startN8n() overall */
	totalMs: number;
}

export interface N8nInstance {
	baseUrl: string;
	port: number;
	userFolder: string;
	email: string;
	password: string;
	/** n8n's stdout+stderr */
	logFile: string;
	n8nVersion: string;
	timings: N8nTimings;
	/** the environment n8n runs with (for your own CLI calls) */
	env: Record<string, string>;
	/** resolves when the n8n server process has ended (crash or stop()) */
	exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
	/**
	 * Session-authenticated internal REST. `path` is relative to /rest unless it starts with
	 * /rest/, /types/, /webhook, /healthz or /api/. Returns the `data` field of n8n's answer (or
	 * the whole JSON if it has none); throws N8nRestError for HTTP ≥ 400.
	 */
	rest<T = any>(method: string, path: string, body?: unknown): Promise<T>;
	/** Same request, never throws on HTTP status. */
	restRaw(method: string, path: string, body?: unknown): Promise<RestResponse>;
	/** Runs `n8n <args>` against the same user folder and environment. */
	cli(args: string[], opts?: { timeoutMs?: number; env?: Record<string, string> }): Promise<CliResult>;
	/** `n8n import:credentials`; ids are generated when missing; returns the ids. Upserts by id. */
	importCredentials(list: CredentialInput[]): Promise<string[]>;
	/** `n8n import:workflow`; the id is generated when missing; returns it. Upserts by id. */
	importWorkflow(workflow: Record<string, any>): Promise<string>;
	importWorkflows(workflows: Record<string, any>[]): Promise<string[]>;
	/** `n8n execute --id <id> --rawOutput`, parsed. Never throws for a failed workflow: see `ok`. */
	execute(workflowId: string, opts?: { timeoutMs?: number }): Promise<ExecuteResult>;
	/**
	 * n8n's credential test (POST /rest/credentials/test, what the editor's "Test" button does).
	 * A string is a stored credential id; an object tests unsaved data.
	 */
	testCredential(credential: string | { type: string; data: Record<string, unknown>; name?: string }): Promise<CredentialTestResult>;
	/** all node type names n8n knows (GET /types/nodes.json) */
	nodeTypes(): Promise<string[]>;
	/** all credential type names n8n knows (GET /types/credentials.json) */
	credentialTypes(): Promise<string[]>;
	/** what n8n has logged so far */
	logs(): string;
	/** stops n8n (and its task runners); removes a fresh temp user folder unless kept */
	stop(): Promise<void>;
}

// ---------------------------------------------------------------------------------------------
// process bookkeeping: never leave an n8n running when the test process goes away

const running = new Set<ChildProcess>();
let exitHookInstalled = false;
function track(child: ChildProcess): void {
	running.add(child);
	child.once('exit', () => running.delete(child));
	if (!exitHookInstalled) {
		exitHookInstalled = true;
		process.once('exit', () => {
			for (const c of running) killGroup(c, 'SIGKILL');
		});
	}
}

/** Signals the child's process group (n8n and the task runners it spawned). `always`: even after the leader exited. */
function killGroup(child: ChildProcess, signal: NodeJS.Signals, always = false): void {
	if (child.pid === undefined) return;
	if (!always && (child.exitCode !== null || child.signalCode !== null)) return;
	try {
		process.kill(-child.pid, signal); // n8n and the task runners it spawned
	} catch {
		try {
			child.kill(signal);
		} catch {
			/* gone */
		}
	}
}

function waitExit(child: ChildProcess, ms: number): Promise<boolean> {
	if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
	return new Promise((resolve) => {
		const t = setTimeout(() => resolve(false), ms);
		child.once('exit', () => {
			clearTimeout(t);
			resolve(true);
		});
	});
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------------------------
// output parsing

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*[A-Za-z]/g;

/** Index just past the JSON value starting with `{` at `start`, or -1 (string-aware brace matching). */
function matchBrace(text: string, start: number): number {
	let depth = 0;
	let inString = false;
	for (let i = start; i < text.length; i++) {
		const c = text[i];
		if (inString) {
			if (c === '\\') i++;
			else if (c === '"') inString = false;
		} else if (c === '"') inString = true;
		else if (c === '{') depth++;
		else if (c === '}') {
			depth--;
			if (depth === 0) return i + 1;
		}
	}
	return -1;
}

/**
 * Finds the execution JSON that `n8n execute` prints among its log lines: the last top-level
 * JSON object that looks like a run (has data.resultData). On success it is the --rawOutput JSON;
 * on failure n8n logs the same object after "Execution was NOT successful".
 */
export function parseRunJson(stdout: string): any {
	const text = stdout.replace(ANSI, '');
	let found: any;
	let i = 0;
	while (i < text.length) {
		const open = text.indexOf('{', i);
		if (open < 0) break;
		const end = matchBrace(text, open);
		if (end < 0) break;
		let value: any;
		try {
			value = JSON.parse(text.slice(open, end));
		} catch {
			value = undefined;
		}
		if (value && typeof value === 'object' && value.data && typeof value.data === 'object' && 'resultData' in value.data) {
			found = value;
			i = end;
		} else {
			i = open + 1;
		}
	}
	return found;
}

function makeExecuteResult(cli: CliResult): ExecuteResult {
	const run = parseRunJson(cli.stdout);
	const resultData = run?.data?.resultData ?? {};
	const runData: Record<string, any[]> = resultData.runData ?? {};
	const error = resultData.error;
	const status: string = run?.status ?? (run ? (error ? 'error' : 'success') : 'unknown');
	return {
		ok: !!run && !error && (status === 'success' || run.finished === true),
		status,
		run,
		runData,
		error,
		lastNodeExecuted: resultData.lastNodeExecuted,
		output(nodeName, opts = {}) {
			const task = runData[nodeName]?.[opts.run ?? 0];
			if (!task) {
				throw new Error(`node "${nodeName}" did not run (ran: ${Object.keys(runData).join(', ') || 'none'})`);
			}
			const items = task.data?.main?.[opts.output ?? 0] ?? [];
			return (items as Array<{ json: unknown }>).map((it) => it.json);
		},
		nodeError(nodeName, runIndex = 0) {
			return runData[nodeName]?.[runIndex]?.error;
		},
		cli,
	};
}

// ---------------------------------------------------------------------------------------------

/**
 * Runs `n8n <args>` (the CLI) with the given environment against a user folder, with a fresh
 * task-runner broker port so that it can run next to a server on the same folder.
 */
export async function runN8nCli(
	args: string[],
	o: { bin: string; userFolder: string; env: Record<string, string>; timeoutMs?: number },
): Promise<CliResult> {
	const t = Date.now();
	const cliEnv = { ...o.env, N8N_RUNNERS_BROKER_PORT: String(await freePort()) };
	return await new Promise<CliResult>((resolve, reject) => {
		const c = spawn(node24(), [o.bin, ...args], {
			cwd: o.userFolder,
			env: cliEnv,
			detached: true,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		track(c);
		let stdout = '';
		let stderr = '';
		c.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
		c.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
		const timer = setTimeout(() => killGroup(c, 'SIGKILL'), o.timeoutMs ?? 120_000);
		// a task runner that outlives the CLI would keep the pipes (and so 'close') open
		c.once('exit', () => setTimeout(() => killGroup(c, 'SIGKILL', true), 2000).unref());
		c.on('error', (e) => {
			clearTimeout(timer);
			reject(e);
		});
		c.on('close', (code, signal) => {
			clearTimeout(timer);
			// the CLI's task runner may outlive it for a moment
			killGroup(c, 'SIGKILL', true);
			resolve({
				code: code ?? 128 + (signal ? (os.constants.signals[signal] ?? 0) : 0),
				signal,
				stdout,
				stderr,
				ms: Date.now() - t,
			});
		});
	});
}

/** Boots the cached n8n with our package loaded, sets up the owner, logs in. */
export async function startN8n(opts: StartN8nOptions = {}): Promise<N8nInstance> {
	const t0 = Date.now();
	const install = await ensureN8n(opts.n8nVersion);
	const reuse = opts.userFolder !== undefined;
	const userFolder = reuse ? path.resolve(opts.userFolder as string) : createUserFolder();
	fs.mkdirSync(userFolder, { recursive: true });
	const keep = reuse || opts.keepUserFolder === true || process.env.IMKIT_E2E_KEEP === '1';
	installPackage(userFolder, {
		packageDir: opts.packageDir ?? process.env.IMKIT_E2E_PACKAGE_DIR,
		mode: opts.packageMode,
	});

	const port = opts.port ?? (await freePort());
	if (await portInUse(port)) throw new Error(`port ${port} is already in use`);
	const listenAddress = opts.listenAddress ?? '127.0.0.1';
	const env = n8nEnv({
		userFolder,
		port,
		brokerPort: await freePort(),
		listenAddress,
		logLevel: opts.logLevel,
		extraEnv: opts.extraEnv,
	});
	const baseUrl = `http://127.0.0.1:${port}`;
	const logFile = path.join(userFolder, 'n8n.log');
	const logStream = fs.createWriteStream(logFile, { flags: 'a' });
	let logText = '';
	const echo = opts.echoLogs ?? process.env.IMKIT_E2E_ECHO === '1';
	const onLog = (d: Buffer) => {
		logStream.write(d);
		logText += d.toString();
		if (logText.length > 2_000_000) logText = logText.slice(-1_000_000);
		if (echo) process.stderr.write(d);
	};

	const tSpawn = Date.now();
	const child = spawn(node24(), [install.bin, 'start'], {
		cwd: userFolder,
		env,
		detached: true, // own process group: stop() takes the task runners down too
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	track(child);
	child.stdout?.on('data', onLog);
	child.stderr?.on('data', onLog);
	let exited: string | undefined;
	const exitedPromise = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
		child.once('close', (code, signal) => {
			exited = `n8n exited (code ${code}, signal ${signal})`;
			logStream.end();
			resolve({ code, signal });
		});
	});

	const tail = () => logText.replace(ANSI, '').split('\n').slice(-40).join('\n');
	const fail = async (why: string): Promise<never> => {
		killGroup(child, 'SIGKILL');
		await waitExit(child, 5000);
		throw new Error(`${why}\n--- last n8n output (${logFile}) ---\n${tail()}`);
	};
	const deadline = tSpawn + (opts.startTimeoutMs ?? 120_000);
	const waitFor = async (urlPath: string): Promise<number> => {
		for (;;) {
			if (exited) await fail(`${exited} before ${urlPath} answered`);
			if (Date.now() > deadline) await fail(`n8n did not answer ${urlPath} within ${opts.startTimeoutMs ?? 120_000} ms`);
			try {
				const r = await fetch(baseUrl + urlPath, { signal: AbortSignal.timeout(2000) });
				await r.arrayBuffer();
				if (r.status === 200) return Date.now() - tSpawn;
			} catch {
				/* not listening yet */
			}
			await sleep(100);
		}
	};
	const healthzMs = await waitFor('/healthz');
	const readyMs = await waitFor('/healthz/readiness');

	// --- session ---------------------------------------------------------------------------
	let cookie = '';
	const restRaw = async (method: string, p: string, body?: unknown): Promise<RestResponse> => {
		const url = /^\/(rest\/|types\/|webhook|healthz|api\/)/.test(p)
			? baseUrl + p
			: `${baseUrl}/rest${p.startsWith('/') ? '' : '/'}${p}`;
		const headers: Record<string, string> = { 'browser-id': BROWSER_ID, accept: 'application/json' };
		if (cookie) headers.cookie = cookie;
		if (body !== undefined) headers['content-type'] = 'application/json';
		const r = await fetch(url, {
			method: method.toUpperCase(),
			headers,
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		for (const c of r.headers.getSetCookie()) {
			const m = /^n8n-auth=([^;]*)/.exec(c);
			if (m) cookie = `n8n-auth=${m[1]}`;
		}
		const text = await r.text();
		let parsed: any;
		try {
			parsed = text ? JSON.parse(text) : undefined;
		} catch {
			parsed = undefined;
		}
		return { status: r.status, headers: r.headers, text, body: parsed };
	};
	const rest = async <T = any>(method: string, p: string, body?: unknown): Promise<T> => {
		const r = await restRaw(method, p, body);
		if (r.status >= 400) {
			const msg = r.body?.message ?? r.text.slice(0, 500);
			throw new N8nRestError(`${method.toUpperCase()} ${p} → HTTP ${r.status}: ${msg}`, r.status, r.body);
		}
		return (r.body && typeof r.body === 'object' && 'data' in r.body ? r.body.data : r.body) as T;
	};

	const owner = { ...DEFAULT_OWNER, ...opts.owner };
	const tOwner = Date.now();
	try {
		const setup = await restRaw('POST', '/rest/owner/setup', owner);
		if (setup.status >= 400) {
			// a reused user folder already has its owner: log in instead
			const login = await restRaw('POST', '/rest/login', { emailOrLdapLoginId: owner.email, password: owner.password });
			if (login.status >= 400) {
				throw new Error(
					`owner setup failed (HTTP ${setup.status}: ${setup.body?.message ?? setup.text.slice(0, 200)}) ` +
						`and login as ${owner.email} failed (HTTP ${login.status}: ${login.body?.message ?? login.text.slice(0, 200)})`,
				);
			}
		}
		if (!cookie) throw new Error('n8n set no n8n-auth cookie');
	} catch (e) {
		await fail(String(e instanceof Error ? e.message : e));
	}
	const ownerMs = Date.now() - tOwner;

	// --- CLI -------------------------------------------------------------------------------
	const cli = (args: string[], o: { timeoutMs?: number; env?: Record<string, string> } = {}): Promise<CliResult> =>
		runN8nCli(args, { bin: install.bin, userFolder, env: { ...env, ...o.env }, timeoutMs: o.timeoutMs });

	const importDir = path.join(userFolder, 'imports');
	let importSeq = 0;
	const importFile = (kind: string, data: unknown): string => {
		fs.mkdirSync(importDir, { recursive: true });
		const f = path.join(importDir, `${kind}-${process.pid}-${++importSeq}.json`);
		fs.writeFileSync(f, JSON.stringify(data, null, 2));
		return f;
	};
	const cliOk = async (args: string[]): Promise<CliResult> => {
		const r = await cli(args);
		if (r.code !== 0) {
			throw new Error(`n8n ${args.join(' ')} failed (exit ${r.code}):\n${(r.stdout + r.stderr).replace(ANSI, '').slice(-3000)}`);
		}
		return r;
	};

	const importCredentials = async (list: CredentialInput[]): Promise<string[]> => {
		const withIds = list.map((c) => ({ ...c, id: c.id ?? n8nId() }));
		await cliOk(['import:credentials', `--input=${importFile('credentials', withIds)}`]);
		return withIds.map((c) => c.id);
	};
	const importWorkflows = async (workflows: Record<string, any>[]): Promise<string[]> => {
		const withIds = workflows.map((w) => ({
			active: false,
			settings: {},
			connections: {},
			...w,
			id: typeof w.id === 'string' && w.id ? w.id : n8nId(),
		}));
		await cliOk(['import:workflow', `--input=${importFile('workflows', withIds)}`]);
		return withIds.map((w) => w.id);
	};

	const instance: N8nInstance = {
		baseUrl,
		port,
		userFolder,
		email: owner.email,
		password: owner.password,
		logFile,
		n8nVersion: install.version,
		timings: { installMs: install.ms, healthzMs, readyMs, ownerMs, totalMs: Date.now() - t0 },
		env,
		exited: exitedPromise,
		rest,
		restRaw,
		cli,
		importCredentials,
		importWorkflows,
		async importWorkflow(workflow) {
			return (await importWorkflows([workflow]))[0];
		},
		async execute(workflowId, o = {}) {
			// Known: with n8n's default expression engine ('vm', isolated-vm) the CLI sometimes
			// segfaults while exiting, after the JSON is printed; the result is read from the JSON.
			const r = await cli(['execute', `--id=${workflowId}`, '--rawOutput'], { timeoutMs: o.timeoutMs });
			const result = makeExecuteResult(r);
			if (!result.run) {
				throw new Error(
					`n8n execute --id=${workflowId} printed no run JSON (exit ${r.code}):\n${(r.stdout + r.stderr).replace(ANSI, '').slice(-3000)}`,
				);
			}
			return result;
		},
		async testCredential(credential) {
			let payload: { id: string; name: string; type: string; data?: Record<string, unknown> };
			if (typeof credential === 'string') {
				// the stored data comes back redacted; n8n restores redacted values before testing
				const stored = await rest<{ id: string; name: string; type: string; data: Record<string, unknown> }>(
					'GET',
					`/rest/credentials/${encodeURIComponent(credential)}?includeData=true`,
				);
				payload = { id: stored.id, name: stored.name, type: stored.type, data: stored.data };
			} else {
				// id '' = unsaved data (allowed for the owner)
				payload = { id: '', name: credential.name ?? 'e2e test', type: credential.type, data: credential.data };
			}
			return await rest<CredentialTestResult>('POST', '/rest/credentials/test', { credentials: payload });
		},
		async nodeTypes() {
			const list = await rest<Array<{ name: string }>>('GET', '/types/nodes.json');
			return list.map((n) => n.name);
		},
		async credentialTypes() {
			const list = await rest<Array<{ name: string }>>('GET', '/types/credentials.json');
			return list.map((c) => c.name);
		},
		logs: () => logText,
		async stop() {
			killGroup(child, 'SIGTERM');
			if (!(await waitExit(child, 20_000))) {
				killGroup(child, 'SIGKILL');
				await waitExit(child, 5000);
			}
			killGroup(child, 'SIGKILL', true); // stray task runners in the group
			if (!keep) fs.rmSync(userFolder, { recursive: true, force: true });
		},
	};
	return instance;
}
