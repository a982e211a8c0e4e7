/**
 * Loads the package's node and credential types the way n8n does: from the `n8n` field of
 * package.json (dist/… paths mapped back to the TypeScript sources, as n8n's own loader does
 * in development), plus the harness's own test-only nodes.
 */
import * as path from 'node:path';

import type { ICredentialType, INodeType, INodeTypes, IVersionedNodeType } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { SeedNode } from './seed.node';

const ROOT = path.resolve(__dirname, '../..');
const pkg = require(path.join(ROOT, 'package.json')) as { name: string; n8n: { nodes: string[]; credentials: string[] } };

export const PACKAGE_NAME = pkg.name;

function sourceOf(distPath: string): string {
	return path.join(ROOT, distPath.replace(/^dist\//, '').replace(/\.js$/, '.ts'));
}

function instantiate<T>(file: string, check: (value: T) => boolean): T {
	const exports = require(file) as Record<string, new () => T>;
	for (const Exported of Object.values(exports)) {
		if (typeof Exported !== 'function') continue;
		const instance = new Exported();
		if (check(instance)) return instance;
	}
	throw new Error(`No n8n type class exported by ${file}`);
}

let cache: { nodes: Map<string, INodeType | IVersionedNodeType>; credentials: Map<string, ICredentialType> } | undefined;

/** Node types keyed `n8n-nodes-imkit.<name>` (and test nodes `imkitTest.<name>`), credential types by name. */
export function packageTypes() {
	if (cache) return cache;
	const nodes = new Map<string, INodeType | IVersionedNodeType>();
	for (const file of pkg.n8n.nodes) {
		const node = instantiate<INodeType>(sourceOf(file), (n) => Boolean(n.description?.name));
		nodes.set(`${PACKAGE_NAME}.${node.description.name}`, node);
	}
	nodes.set('imkitTest.seed', new SeedNode());
	const credentials = new Map<string, ICredentialType>();
	for (const file of pkg.n8n.credentials) {
		const credential = instantiate<ICredentialType>(sourceOf(file), (c) => typeof c.name === 'string' && Array.isArray(c.properties));
		credentials.set(credential.name, credential);
	}
	cache = { nodes, credentials };
	return cache;
}

export function nodeTypes(): INodeTypes {
	const { nodes } = packageTypes();
	const get = (type: string) => {
		const node = nodes.get(type);
		if (!node) throw new Error(`Unknown node type "${type}" (known: ${[...nodes.keys()].join(', ')})`);
		return node;
	};
	return {
		getByName: (type: string) => get(type),
		getByNameAndVersion: (type: string, version?: number) => NodeHelpers.getVersionedNodeType(get(type), version),
		getKnownTypes: () => ({}),
	} as INodeTypes;
}
