/**
 * How to run the pinned real n8n with our package loaded: where n8n and Node 24 are, how a
 * user folder is laid out, which environment n8n gets.
 *
 * Used by test/e2e/lib/n8n.ts (jest, CommonJS via ts-jest) and by test/e2e/lib/dev-sandbox.ts
 * (`npm run dev`, run directly by Node 24's type stripping, i.e. as an ES module). So: only
 * erasable TypeScript, node: built-ins, `.ts` import extensions, no `require`, no bare
 * `__dirname` (see repoRoot).
 *
 * Our package is loaded the way a user gets it: as an installed community package in
 * `<userFolder>/.n8n/nodes/node_modules/n8n-nodes-imkit` (package.json + dist/). n8n 2.41.1 scans
 * that folder for `n8n-nodes-*` at start-up (n8n-core scan-directory-for-packages), so the types
 * are named `n8n-nodes-imkit.<node>` (e.g. `n8n-nodes-imkit.oneBot`) and credentials keep their
 * plain name (`oneBotApi`). Verified against the real n8n 2.41.1 (REST /types/nodes.json).
 */
import { spawn, spawnSync } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

export const PACKAGE_NAME = 'n8n-nodes-imkit';
/** The n8n version everything is verified against (override: IMKIT_N8N_VERSION). */
export const DEFAULT_N8N_VERSION = '2.41.1';
/** Fixed, public, sandbox-only key: credentials in a sandbox user folder stay readable across runs. */
export const SANDBOX_ENCRYPTION_KEY = 'imkit-sandbox-encryption-key-not-a-secret';

/** How our built package gets into the user folder. */
export type PackageMode = 'copy' | 'symlink' | 'none';

let cachedRoot: string | undefined;
/**
 * The repository root (folder of the package.json named n8n-nodes-imkit). Under ts-jest this
 * file is CommonJS and has __dirname; under Node's type stripping it is an ES module without it,
 * so we fall back to the working directory (scripts/dev.sh runs from the root).
 */
export function repoRoot(): string {
	if (cachedRoot) return cachedRoot;
	const starts = [process.env.IMKIT_REPO_ROOT, typeof __dirname === 'string' ? __dirname : undefined, process.cwd()];
	for (const start of starts) {
		if (!start) continue;
		let dir = path.resolve(start);
		for (;;) {
			const pj = path.join(dir, 'package.json');
			if (fs.existsSync(pj)) {
				try {
					if (JSON.parse(fs.readFileSync(pj, 'utf8')).name === PACKAGE_NAME) return (cachedRoot = dir);
				} catch {
					/* not ours */
				}
			}
			const up = path.dirname(dir);
			if (up === dir) break;
			dir = up;
		}
	}
	throw new Error(`cannot find the ${PACKAGE_NAME} repository root (set IMKIT_REPO_ROOT)`);
}

/** The folder holding the built package (package.json + dist/): IMKIT_E2E_PACKAGE_DIR or the repo root. */
export function builtPackageDir(): string {
	return process.env.IMKIT_E2E_PACKAGE_DIR ?? repoRoot();
}

/**
 * Builds the package (`npm run build:only`, in the repo root) unless `<builtPackageDir()>/dist/<distFile>`
 * is there already, e.g. `ensureBuilt('nodes/OneBot/OneBot.node.js')`. jest runs under
 * scripts/with-node24.sh, so npm here is driven by Node 24.
 */
export function ensureBuilt(distFile: string): void {
	const root = repoRoot();
	if (fs.existsSync(path.join(builtPackageDir(), 'dist', distFile))) return;
	const r = spawnSync('npm', ['run', 'build:only', '--silent'], { cwd: root, stdio: 'inherit' });
	if (r.status !== 0) throw new Error(`npm run build:only failed (exit ${r.status})`);
}

let cachedNode: string | undefined;
/** A Node.js ≥ 24 binary (n8n 2.36+ refuses older ones): ours if we run on 24, else scripts/node24.sh's. */
export function node24(): string {
	if (cachedNode) return cachedNode;
	if (Number(process.versions.node.split('.')[0]) >= 24) return (cachedNode = process.execPath);
	const script = path.join(repoRoot(), 'scripts', 'node24.sh');
	const r = spawnSync('bash', ['-c', 'source "$1" >&2 && command -v node', 'node24', script], {
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'inherit'],
	});
	const bin = r.stdout.trim().split('\n').pop() ?? '';
	if (r.status !== 0 || !bin) throw new Error(`scripts/node24.sh did not give a Node 24 binary (exit ${r.status})`);
	return (cachedNode = bin);
}

export interface N8nInstall {
	version: string;
	/** `<cache>/n8n-<version>/node_modules/.bin/n8n` (a Node script: run it with node24()) */
	bin: string;
	/** ms spent in scripts/n8n-install.sh (≈0.1 s when cached) */
	ms: number;
}

const installs = new Map<string, Promise<N8nInstall>>();
/**
 * Installs the pinned n8n into the cache unless it is there (scripts/n8n-install.sh: cold ≈ 6 min,
 * cached ≈ 0.1 s). Progress goes to our stderr.
 */
export function ensureN8n(version = process.env.IMKIT_N8N_VERSION || DEFAULT_N8N_VERSION): Promise<N8nInstall> {
	let p = installs.get(version);
	if (!p) {
		p = new Promise<N8nInstall>((resolve, reject) => {
			const t0 = Date.now();
			const child = spawn('bash', [path.join(repoRoot(), 'scripts', 'n8n-install.sh')], {
				env: { ...process.env, IMKIT_N8N_VERSION: version },
				stdio: ['ignore', 'pipe', 'inherit'],
			});
			let out = '';
			child.stdout.on('data', (d: Buffer) => (out += d.toString()));
			child.on('error', reject);
			child.on('close', (code) => {
				const bin = out.trim().split('\n').pop() ?? '';
				if (code !== 0 || !bin || !fs.existsSync(bin)) {
					reject(new Error(`scripts/n8n-install.sh failed (exit ${code})`));
				} else {
					resolve({ version, bin, ms: Date.now() - t0 });
				}
			});
		});
		p.catch(() => installs.delete(version));
		installs.set(version, p);
	}
	return p;
}

/** Creates a fresh, empty n8n user folder (n8n keeps its state in `<it>/.n8n`). */
export function createUserFolder(prefix = 'imkit-n8n-e2e-'): string {
	return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Where n8n looks for installed community packages inside a user folder. */
export function communityNodesDir(userFolder: string): string {
	return path.join(userFolder, '.n8n', 'nodes', 'node_modules');
}

/**
 * Puts our built package (package.json + dist/) into the user folder as an installed community
 * package and returns its folder there.
 *
 * - 'copy' (default) is what an `npm install` gives: the package's `require('n8n-workflow')`
 *   resolves to n8n's own copy (n8n adds its node_modules to NODE_PATH), as for real users.
 *   Rebuild + restart n8n to pick up changes (scripts/dev.sh recopies at every start).
 * - 'symlink' links to the package folder: also loads (verified), but Node resolves the symlink,
 *   so `n8n-workflow` then comes from the repo's devDependencies, not from n8n.
 */
export function installPackage(
	userFolder: string,
	opts: { packageDir?: string; mode?: PackageMode } = {},
): string | undefined {
	const mode = opts.mode ?? 'copy';
	if (mode === 'none') return undefined;
	const src = path.resolve(opts.packageDir ?? repoRoot());
	const pkgJson = path.join(src, 'package.json');
	const pkg = JSON.parse(fs.readFileSync(pkgJson, 'utf8')) as {
		name?: string;
		version?: string;
		n8n?: { nodes?: string[]; credentials?: string[] };
		dependencies?: Record<string, string>;
	};
	const missing = [...(pkg.n8n?.nodes ?? []), ...(pkg.n8n?.credentials ?? [])].filter(
		(f) => !fs.existsSync(path.join(src, f)),
	);
	if (missing.length > 0) {
		throw new Error(
			`${src} is not built: missing ${missing.join(', ')} (run \`bash scripts/with-node24.sh npm run build:only\`)`,
		);
	}
	if (pkg.dependencies && Object.keys(pkg.dependencies).length > 0 && mode === 'copy') {
		// Runtime dependencies would have to be npm-installed next to it; we have none today.
		process.stderr.write(
			`[imkit] warning: ${pkg.name} has runtime dependencies (${Object.keys(pkg.dependencies).join(', ')}); ` +
				`the copied package resolves them only through n8n's own node_modules\n`,
		);
	}
	const name = pkg.name ?? PACKAGE_NAME;
	const dest = path.join(communityNodesDir(userFolder), ...name.split('/'));
	fs.rmSync(dest, { recursive: true, force: true });
	fs.mkdirSync(path.dirname(dest), { recursive: true });
	if (mode === 'symlink') {
		fs.symlinkSync(src, dest, 'dir');
	} else {
		fs.mkdirSync(dest);
		fs.copyFileSync(pkgJson, path.join(dest, 'package.json'));
		fs.cpSync(path.join(src, 'dist'), path.join(dest, 'dist'), { recursive: true });
		for (const extra of ['README.md', 'LICENSE', 'LICENSE.md']) {
			if (fs.existsSync(path.join(src, extra))) fs.copyFileSync(path.join(src, extra), path.join(dest, extra));
		}
	}
	// The nodes folder is an npm project in a real install; n8n only scans node_modules, but keep
	// the layout faithful.
	const nodesPj = path.join(userFolder, '.n8n', 'nodes', 'package.json');
	if (!fs.existsSync(nodesPj)) {
		fs.writeFileSync(nodesPj, JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }, null, 2));
	}
	const nodesManifest = JSON.parse(fs.readFileSync(nodesPj, 'utf8')) as { dependencies?: Record<string, string> };
	nodesManifest.dependencies = { ...nodesManifest.dependencies, [name]: mode === 'symlink' ? `file:${src}` : (pkg.version ?? '*') };
	fs.writeFileSync(nodesPj, JSON.stringify(nodesManifest, null, 2));
	return dest;
}

export interface N8nEnvOptions {
	userFolder: string;
	port: number;
	/** the internal task-runner broker port (n8n default 5679): must differ per running process */
	brokerPort: number;
	/** default 127.0.0.1 */
	listenAddress?: string;
	/** default 'info' */
	logLevel?: string;
	extraEnv?: Record<string, string | undefined>;
}

/** Variables of the parent process that would leak into our n8n (other instances, CI settings). */
const FOREIGN_ENV = /^(N8N_|DB_|EXECUTIONS_|QUEUE_|GENERIC_|WEBHOOK_URL$|VUE_APP_|CREDENTIALS_|NODES_|EXTERNAL_)/;

/**
 * NODE_ENV=test (set by jest) makes n8n 2.41.1 silence its logger and exit with code 1 at
 * start-up; a real install runs with NODE_ENV unset (npm) or 'production' (Docker).
 */
const DROPPED_ENV = new Set(['NODE_ENV', 'NODE_OPTIONS', 'JEST_WORKER_ID']);

/** The complete environment for `n8n start` and for n8n CLI commands against the same user folder. */
export function n8nEnv(opts: N8nEnvOptions): Record<string, string> {
	const env: Record<string, string> = {};
	for (const [k, v] of Object.entries(process.env)) {
		if (v !== undefined && !FOREIGN_ENV.test(k) && !DROPPED_ENV.has(k)) env[k] = v;
	}
	const node = node24();
	Object.assign(env, {
		// n8n's bin is `#!/usr/bin/env node`; its task runner is spawned with process.execPath
		PATH: `${path.dirname(node)}${path.delimiter}${env.PATH ?? ''}`,
		N8N_USER_FOLDER: opts.userFolder,
		N8N_PORT: String(opts.port),
		N8N_LISTEN_ADDRESS: opts.listenAddress ?? '127.0.0.1',
		N8N_HOST: 'localhost',
		N8N_PROTOCOL: 'http',
		N8N_RUNNERS_BROKER_PORT: String(opts.brokerPort),
		N8N_ENCRYPTION_KEY: SANDBOX_ENCRYPTION_KEY,
		N8N_SECURE_COOKIE: 'false',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
		// the verified-packages list comes from api.n8n.io (unreachable here)
		N8N_VERIFIED_PACKAGES_ENABLED: 'false',
		N8N_REINSTALL_MISSING_PACKAGES: 'false',
		DB_TYPE: 'sqlite',
		// > 0 switches SQLite to WAL with a pool: the server and CLI commands share the DB file
		DB_SQLITE_POOL_SIZE: '4',
		N8N_LOG_LEVEL: opts.logLevel ?? 'info',
		N8N_LOG_OUTPUT: 'console',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		// Task runners are always on in n8n 2.x (N8N_RUNNERS_ENABLED is gone); internal mode is fine.
		N8N_RUNNERS_MODE: 'internal',
	});
	for (const [k, v] of Object.entries(opts.extraEnv ?? {})) {
		if (v === undefined) delete env[k];
		else env[k] = v;
	}
	return env;
}

/** A free TCP port on 127.0.0.1 (ask the OS). */
export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const srv = net.createServer();
		srv.unref();
		srv.on('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const addr = srv.address();
			const port = typeof addr === 'object' && addr ? addr.port : 0;
			srv.close(() => resolve(port));
		});
	});
}

/** True when something accepts TCP connections on 127.0.0.1:port. */
export function portInUse(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const sock = net.connect({ port, host: '127.0.0.1' });
		sock.once('connect', () => {
			sock.destroy();
			resolve(true);
		});
		sock.once('error', () => resolve(false));
	});
}

const ID_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
/** A 16-character id like n8n's own workflow/credential ids. With a seed: stable. */
export function n8nId(seed?: string): string {
	const bytes = seed ? crypto.createHash('sha256').update(seed).digest() : crypto.randomBytes(16);
	let id = '';
	for (let i = 0; i < 16; i++) id += ID_ALPHABET[bytes[i] % ID_ALPHABET.length];
	return id;
}
