/**
 * A credentials helper for the real n8n engine that does what n8n's own does and its test
 * helper does not: it applies each credential type's real `authenticate` (function or generic,
 * with expressions resolved by n8n's expression engine), runs `preAuthentication` for expirable
 * fields, and can run a credential's `test` request with its rules.
 */
import type {
	ICredentialDataDecryptedObject,
	ICredentials,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeProperties,
	IRequestOptionsSimplified,
	IWorkflowExecuteAdditionalData,
	Workflow,
} from 'n8n-workflow';
import { ICredentialsHelper, Workflow as N8nWorkflow } from 'n8n-workflow';
import axios from 'axios';

import { nodeTypes, packageTypes } from './types';

export type CredentialData = Record<string, ICredentialDataDecryptedObject>;

const scratchNode: INode = {
	id: 'credential-test',
	name: 'Credential Test',
	type: 'imkitTest.seed',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

function scratchWorkflow(): Workflow {
	return new N8nWorkflow({ nodes: [scratchNode], connections: {}, active: false, nodeTypes: nodeTypes() });
}

function resolve(value: unknown, credentials: ICredentialDataDecryptedObject, workflow: Workflow, node: INode): unknown {
	if (typeof value !== 'string' || !value.startsWith('=')) return value;
	return workflow.expression.getSimpleParameterValue(node, value, 'internal', { $credentials: credentials } as IDataObject, undefined, '');
}

function resolveDeep(value: unknown, credentials: ICredentialDataDecryptedObject, workflow: Workflow, node: INode): unknown {
	if (Array.isArray(value)) return value.map((v) => resolveDeep(v, credentials, workflow, node));
	if (value && typeof value === 'object') {
		return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveDeep(v, credentials, workflow, node)]));
	}
	return resolve(value, credentials, workflow, node);
}

export class HarnessCredentialsHelper extends ICredentialsHelper {
	/** how many times a node asked for decrypted credentials, by type */
	readonly decryptions: Record<string, number> = {};

	constructor(private readonly data: CredentialData) {
		super();
	}

	private type(name: string): ICredentialType {
		const type = packageTypes().credentials.get(name);
		if (!type) throw new Error(`Unknown credential type ${name}`);
		return type;
	}

	getParentTypes(): string[] {
		return [];
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const auth = this.type(typeName).authenticate;
		const options = requestOptions as IHttpRequestOptions;
		if (!auth) return options;
		if (typeof auth === 'function') return await auth(credentials, options);
		const wf = workflow ?? scratchWorkflow();
		const at = node ?? scratchNode;
		for (const [outerKey, entries] of Object.entries(auth.properties)) {
			const target = ((options as unknown as IDataObject)[outerKey] ??= {}) as IDataObject;
			for (const [key, value] of Object.entries(entries as IDataObject)) {
				target[String(resolve(key, credentials, wf, at))] = resolve(value, credentials, wf, at) as string;
			}
		}
		return options;
	}

	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		_node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = this.type(typeName);
		if (!type.preAuthentication) return undefined;
		const expirable = type.properties.find((p) => p.type === 'hidden' && p.typeOptions?.expirable === true);
		if (!expirable) return undefined;
		if (credentials[expirable.name] === '' || credentials[expirable.name] === undefined || credentialsExpired) {
			const output = await type.preAuthentication.call(helpers, credentials);
			for (const [key, value] of Object.entries(output)) {
				if (value !== undefined) credentials[key] = value as never;
			}
			Object.assign(this.data[typeName] ?? {}, output);
			return credentials;
		}
		return undefined;
	}

	async runPreAuthentication(): Promise<ICredentialDataDecryptedObject | undefined> {
		return undefined;
	}

	async getCredentials(): Promise<ICredentials> {
		throw new Error('not used by the engine in tests');
	}

	async getDecrypted(_additionalData: IWorkflowExecuteAdditionalData, _details: INodeCredentialsDetails, type: string): Promise<ICredentialDataDecryptedObject> {
		const data = this.data[type];
		if (!data) throw new Error(`No test credentials of type ${type}`);
		this.decryptions[type] = (this.decryptions[type] ?? 0) + 1;
		// n8n fills in property defaults for fields a saved credential does not have.
		const defaults: ICredentialDataDecryptedObject = {};
		for (const p of this.type(type).properties) if (p.default !== undefined && p.type !== 'notice') defaults[p.name] = p.default as never;
		return { ...defaults, ...structuredClone(data) };
	}

	async updateCredentials(): Promise<void> {}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getCredentialsProperties(type: string): INodeProperties[] {
		return this.type(type).properties;
	}
}

/** A small stand-in for n8n's helpers.httpRequest (JSON in and out), for pre-authentication in credential tests. */
async function simpleHttpRequest(options: IHttpRequestOptions): Promise<unknown> {
	const response = await axios.request({
		url: options.url,
		baseURL: options.baseURL,
		method: options.method ?? 'GET',
		headers: options.headers as Record<string, string>,
		params: options.qs,
		data: options.body,
		timeout: 10_000,
	});
	return response.data;
}

export interface CredentialTestResult {
	status: 'OK' | 'Error';
	message: string;
	httpStatus?: number;
	body?: unknown;
}

/**
 * Runs a credential type's `test` the way n8n's credential tester does: the request with
 * expressions resolved, authenticated by the credential, then the rules on the answer.
 */
export async function testCredential(typeName: string, data: ICredentialDataDecryptedObject): Promise<CredentialTestResult> {
	const type = packageTypes().credentials.get(typeName);
	if (!type?.test) throw new Error(`Credential type ${typeName} has no test`);
	const helper = new HarnessCredentialsHelper({ [typeName]: data });
	const credentials = await helper.getDecrypted({} as IWorkflowExecuteAdditionalData, { id: '1', name: 'test' }, typeName);
	// n8n's credential tester runs pre-authentication (token exchange) before the test request.
	if (type.preAuthentication) {
		try {
			await helper.preAuthentication({ helpers: { httpRequest: simpleHttpRequest } } as unknown as IHttpRequestHelper, credentials, typeName, scratchNode, true);
		} catch (error) {
			return { status: 'Error', message: (error as Error).message };
		}
	}
	const workflow = scratchWorkflow();
	const request = resolveDeep(type.test.request, credentials, workflow, scratchNode) as IHttpRequestOptions & { baseURL?: string };
	const authenticated = await helper.authenticate(credentials, typeName, { ...request, url: request.url ?? '' }, workflow, scratchNode);
	try {
		const response = await axios.request({
			baseURL: authenticated.baseURL,
			url: authenticated.url,
			method: authenticated.method ?? 'GET',
			headers: authenticated.headers as Record<string, string>,
			params: authenticated.qs,
			data: authenticated.body,
			validateStatus: () => true,
			timeout: 10_000,
		});
		if (response.status < 200 || response.status > 299) {
			for (const rule of type.test.rules ?? []) {
				if (rule.type === 'responseCode' && rule.properties.value === response.status) {
					return { status: 'Error', message: rule.properties.message, httpStatus: response.status, body: response.data };
				}
			}
			return {
				status: 'Error',
				message: response.statusText || `Received HTTP status code: ${response.status}`,
				httpStatus: response.status,
				body: response.data,
			};
		}
		for (const rule of type.test.rules ?? []) {
			if (rule.type === 'responseSuccessBody') {
				const value = rule.properties.key.split('.').reduce<unknown>((acc, k) => (acc as IDataObject | undefined)?.[k], response.data);
				if (value === rule.properties.value) return { status: 'Error', message: rule.properties.message, httpStatus: response.status, body: response.data };
			}
		}
		return { status: 'OK', message: 'Connection tested successfully', httpStatus: response.status, body: response.data };
	} catch (error) {
		return { status: 'Error', message: (error as Error).message };
	}
}
