import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

/**
 * Per-item parameter reading without repeating per item what does not change per item.
 *
 * n8n's `getNodeParameter(name, i)` costs ≈ 0.3 ms even for a value typed in (it looks the
 * property up among all of the node's properties and validates it), and ≈ 0.9 ms for an
 * expression in n8n 2.x (a data proxy per call, then a round trip into the isolated-vm
 * expression sandbox). For 2 000 items that is seconds spent recomputing the same answers.
 *
 * The reader keeps n8n's semantics:
 * - a parameter with no expression anywhere in it is resolved once, by n8n, and reused for
 *   every item (objects are handed out as copies, so callers may change them);
 * - an expression that is nothing but a property path into the current item,
 *   `={{ $json.a.b }}`, `={{ $json["a b"][0] }}`, is read from the item directly, when the
 *   value found is a string, a finite number or a boolean and the property has nothing that
 *   n8n would apply on top (`validateType`, a resource-locator mode that extracts by regex);
 * - everything else (any other expression, `$fromAI`, nested options, errors) goes to n8n.
 * `$json` in an expression is the node's input item at the same index, which is what
 * `getInputData()[i].json` returns. test/shared/parameters.test.ts compares both readers on
 * the same workflows through the real engine.
 */

type GetNodeParameter = IExecuteFunctions['getNodeParameter'];
type Options = Parameters<GetNodeParameter>[3];

export const parameterReader = { enabled: true };

const JSON_PATH = /^=\{\{\s*\$json((?:\.[A-Za-z_$][\w$]*|\[(?:\d+|"[^"\\]*"|'[^'\\]*')\])+)\s*\}\}$/;
const SEGMENT = /\.([A-Za-z_$][\w$]*)|\[(\d+)\]|\["([^"\\]*)"\]|\['([^'\\]*)'\]/g;

/** `={{ $json.a["b"][0] }}` → ['a', 'b', 0]; anything else → undefined. */
export function jsonPath(expression: string): Array<string | number> | undefined {
	const match = JSON_PATH.exec(expression);
	if (!match) return undefined;
	const path: Array<string | number> = [];
	for (const part of match[1].matchAll(SEGMENT)) {
		path.push(part[2] !== undefined ? Number(part[2]) : (part[1] ?? part[3] ?? part[4]));
	}
	return path;
}

/** The value at `path`, following own properties only; undefined when it is not a plain scalar. */
export function scalarAt(root: unknown, path: Array<string | number>): string | number | boolean | undefined {
	let current: unknown = root;
	for (const key of path) {
		if (current === null || typeof current !== 'object') return undefined;
		if (!Object.prototype.hasOwnProperty.call(current, key)) return undefined;
		current = (current as Record<string | number, unknown>)[key];
	}
	if (typeof current === 'string' || typeof current === 'boolean') return current;
	if (typeof current === 'number' && Number.isFinite(current)) return current;
	return undefined;
}

function hasExpression(value: unknown): boolean {
	if (typeof value === 'string') return value.startsWith('=');
	if (Array.isArray(value)) return value.some(hasExpression);
	if (value && typeof value === 'object') return Object.values(value).some(hasExpression);
	return false;
}

/** A deep copy of a parameter value (plain JSON: objects, arrays, scalars); cheaper than structuredClone. */
function copy<T>(value: T): T {
	if (value === null || typeof value !== 'object') return value;
	if (Array.isArray(value)) return value.map(copy) as T;
	const out: Record<string, unknown> = {};
	for (const [key, entry] of Object.entries(value)) out[key] = copy(entry);
	return out as T;
}

/** Whether n8n applies nothing to this property's value beyond evaluating it. */
function plainProperty(properties: INodeProperties[], name: string, mode: string | undefined): boolean {
	const matching = properties.filter((property) => property.name === name);
	if (matching.length === 0) return false;
	return matching.every((property) => {
		if (property.validateType || property.extractValue) return false;
		if (property.type === 'string' || property.type === 'number') return mode === undefined;
		if (property.type !== 'resourceLocator' || mode === undefined) return false;
		const modeDefinition = property.modes?.find((candidate) => candidate.name === mode);
		return modeDefinition !== undefined && !modeDefinition.extractValue;
	});
}

/**
 * An execute context whose `getNodeParameter` works as described above and whose `getNode`
 * copies the node once; everything else is the original context (methods bound to it).
 */
export function withParameterReader(ctx: IExecuteFunctions, properties: INodeProperties[]): IExecuteFunctions {
	if (!parameterReader.enabled) return ctx;
	const raw = ctx.getNode().parameters;
	const items = ctx.getInputData();
	const resolved = new Map<string, unknown>();

	/** What to do for a parameter, decided once per execution from its raw value. */
	type Plan = { kind: 'static' } | { kind: 'path'; path: Array<string | number>; locator: boolean } | { kind: 'n8n' };
	const plans = new Map<string, Plan>();
	const planFor = (name: string): Plan => {
		let plan = plans.get(name);
		if (plan) return plan;
		const value = name.split('.').reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), raw);
		plan = { kind: 'n8n' };
		// typed in: the same for every item (not set at all: n8n answers the fallback or throws)
		if (value !== undefined && !hasExpression(value)) plan = { kind: 'static' };
		else if (value !== undefined && !name.includes('.')) {
			const locator = value !== null && typeof value === 'object' && !Array.isArray(value) && '__rl' in value;
			const expression = locator ? (value as { value?: unknown }).value : value;
			const mode = locator ? String((value as { mode?: unknown }).mode) : undefined;
			const path = typeof expression === 'string' ? jsonPath(expression) : undefined;
			if (path && plainProperty(properties, name, mode)) plan = { kind: 'path', path, locator };
		}
		plans.set(name, plan);
		return plan;
	};

	const getNodeParameter = ((name: string, itemIndex: number, fallback?: unknown, options?: Options) => {
		const plan = options?.rawExpressions ? undefined : planFor(name);
		if (plan?.kind === 'static') {
			const key = options ? `${name}\u0000${JSON.stringify(options)}` : name;
			if (!resolved.has(key)) resolved.set(key, ctx.getNodeParameter(name, itemIndex, fallback, options));
			return copy(resolved.get(key));
		}
		if (plan?.kind === 'path' && !options?.ensureType && (!plan.locator || options?.extractValue)) {
			const found = scalarAt(items[itemIndex]?.json, plan.path);
			if (found !== undefined) return found;
		}
		return ctx.getNodeParameter(name, itemIndex, fallback, options);
	}) as GetNodeParameter;

	// n8n's getNode() deep-copies the node on every call; one copy serves the execution
	let node: ReturnType<IExecuteFunctions['getNode']> | undefined;
	const getNode = () => (node ??= ctx.getNode());

	const bound = new Map<PropertyKey, unknown>();
	return new Proxy(ctx, {
		get(target, property) {
			if (property === 'getNodeParameter') return getNodeParameter;
			if (property === 'getNode') return getNode;
			const member = Reflect.get(target, property, target) as unknown;
			if (typeof member !== 'function') return member;
			if (!bound.has(property)) bound.set(property, (member as (...args: unknown[]) => unknown).bind(target));
			return bound.get(property);
		},
	});
}
