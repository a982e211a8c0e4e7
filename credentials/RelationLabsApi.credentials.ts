import { createHash } from 'crypto';
import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

/**
 * Which API key, base URL and address token a cached session token was made for: a token
 * exchanged for one account is never used after the credential is changed to another.
 */
export function sessionOwner(credentials: ICredentialDataDecryptedObject): string {
	return createHash('sha256')
		.update([trimBase(credentials.baseUrl), credentials.apiKey, credentials.authType, credentials.addressToken, credentials.unifiedToken].map((v) => String(v ?? '')).join('\n'))
		.digest('hex')
		.slice(0, 32);
}

const trimBase = (value: unknown) => String(value || 'https://api.relationlabs.ai').trim().replace(/\/+$/, '');

/**
 * RelationLabs (Relation ONE) messaging: `ApiKey` plus `Authorization: Bearer <unifiedAuthToken>`.
 * The unified token is pasted (it lasts 7 days) or exchanged from an address auth token at
 * POST /api/v1/auth; the exchanged token is cached in the hidden, expirable `sessionToken`.
 */
export class RelationLabsApi implements ICredentialType {
	name = 'relationLabsApi';

	displayName = 'RelationLabs API';

	icon: Icon = { light: 'file:../nodes/RelationLabs/relationlabs.svg', dark: 'file:../nodes/RelationLabs/relationlabs.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-imkit/n8n-nodes-imkit#relationlabs-setup';

	properties: INodeProperties[] = [
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.relationlabs.ai',
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The ApiKey RelationLabs gave you (sent as the "ApiKey" header)',
		},
		{
			displayName: 'Authentication',
			name: 'authType',
			type: 'options',
			options: [
				{ name: 'Unified Auth Token', value: 'unifiedToken', description: 'Paste a token from /api/v1/auth; it lasts 7 days' },
				{ name: 'Address Auth Token', value: 'addressToken', description: 'The node exchanges it for unified tokens, again whenever one expires' },
			],
			default: 'unifiedToken',
		},
		{
			displayName: 'Unified Auth Tokens last 7 days and cannot be refreshed: the node reports its expiry date in errors. Use an Address Auth Token to have the node renew them.',
			name: 'unifiedNotice',
			type: 'notice',
			default: '',
			displayOptions: { show: { authType: ['unifiedToken'] } },
		},
		{
			displayName: 'Unified Auth Token',
			name: 'unifiedToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			displayOptions: { show: { authType: ['unifiedToken'] } },
		},
		{
			displayName: 'Address Auth Token',
			name: 'addressToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'The addressAuthToken from the RelationLabs signature service (sent once as I-Authorization to /api/v1/auth)',
			displayOptions: { show: { authType: ['addressToken'] } },
		},
		{
			displayName: 'Session Token',
			name: 'sessionToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		{
			displayName: 'Session Owner',
			name: 'sessionOwner',
			type: 'hidden',
			default: '',
		},
	];

	/** Fills the session token: the pasted unified token, or a fresh one exchanged at /api/v1/auth. */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject): Promise<IDataObject> {
		if (credentials.authType !== 'addressToken') return { sessionToken: String(credentials.unifiedToken ?? ''), sessionOwner: sessionOwner(credentials) };
		const response = (await this.helpers.httpRequest({
			method: 'POST',
			url: `${trimBase(credentials.baseUrl)}/api/v1/auth`,
			headers: {
				ApiKey: String(credentials.apiKey ?? ''),
				'I-Authorization': `Bearer ${String(credentials.addressToken ?? '')}`,
				'Content-Type': 'application/json',
				Accept: 'application/json, text/plain, */*',
			},
			// a string: n8n drops an empty object body, and the API wants a JSON object
			body: JSON.stringify({}),
			json: true,
		})) as { code?: string; desc?: string; data?: { token?: string } };
		const token = response?.data?.token;
		if (String(response?.code) !== '0' || !token) {
			throw new Error(`RelationLabs refused the address auth token (code ${String(response?.code)}: ${String(response?.desc ?? '')})`);
		}
		return { sessionToken: token, sessionOwner: sessionOwner(credentials) };
	}

	authenticate = async (credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> => {
		// a session token made for other settings (the credential was edited) is not used
		const fresh = credentials.sessionOwner === sessionOwner(credentials);
		const token = String((fresh && credentials.sessionToken) || credentials.unifiedToken || '');
		requestOptions.headers = {
			Accept: 'application/json, text/plain, */*',
			...(requestOptions.headers ?? {}),
			ApiKey: String(credentials.apiKey ?? ''),
			Authorization: `Bearer ${token}`,
		};
		return requestOptions;
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{ String($credentials.baseUrl || "https://api.relationlabs.ai").replace(new RegExp("/+$"), "") }}',
			url: '/api/v1/message/unreadCount',
			method: 'GET',
		},
		rules: [
			{ type: 'responseSuccessBody', properties: { key: 'code', value: '10100', message: 'The RelationLabs token has expired (unified tokens last 7 days)' } },
			{ type: 'responseSuccessBody', properties: { key: 'code', value: '10101', message: 'RelationLabs refused the token' } },
			{ type: 'responseSuccessBody', properties: { key: 'code', value: '10102', message: 'RelationLabs refused the token issuer' } },
		],
	};
}
