import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

/**
 * OneBot v11 HTTP API endpoint (NapCat, LLOneBot, Lagrange.OneBot, go-cqhttp).
 * The access token goes in `Authorization: Bearer <token>` (default) or in the
 * `access_token` query parameter; every implementation accepts both.
 */
export class OneBotApi implements ICredentialType {
	name = 'oneBotApi';

	displayName = 'OneBot API';

	icon: Icon = { light: 'file:../nodes/OneBot/onebot.svg', dark: 'file:../nodes/OneBot/onebot.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-imkit/n8n-nodes-imkit#onebot-setup';

	properties: INodeProperties[] = [
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'http://127.0.0.1:3000',
			placeholder: 'http://127.0.0.1:3000',
			description:
				'Address of the OneBot HTTP server (NapCat default port 3000, go-cqhttp and the spec 5700)',
			required: true,
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'The token set in the OneBot implementation (NapCat "token", go-cqhttp "access-token"); leave empty if none is set',
		},
		{
			displayName: 'Send Token In',
			name: 'tokenLocation',
			type: 'options',
			options: [
				{ name: 'Authorization Header', value: 'header', description: 'Authorization: Bearer <token>' },
				{ name: 'Query Parameter', value: 'query', description: '?access_token=<token>' },
			],
			default: 'header',
			typeOptions: { password: true },
		},
		{
			displayName: 'WebSocket URL',
			name: 'wsUrl',
			type: 'string',
			default: '',
			placeholder: 'ws://127.0.0.1:3001',
			description:
				'Optional: the forward WebSocket server of the implementation (NapCat default port 3001, go-cqhttp 6700). Sends whose Connection option is WebSocket go through one connection per run instead of one HTTP request per message.',
		},
		{
			displayName: 'Event Signature Secret',
			name: 'webhookSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'For the OneBot Trigger (HTTP POST): the "secret" configured for event reporting; events must then carry a valid X-Signature',
		},
		{
			displayName: 'Implementation',
			name: 'implementation',
			type: 'options',
			options: [
				{ name: 'Auto-Detect', value: 'auto', description: 'Ask the server (get_version_info) when it matters' },
				{ name: 'Go-Cqhttp', value: 'gocqhttp' },
				{ name: 'Lagrange.OneBot', value: 'lagrange' },
				{ name: 'LLOneBot', value: 'llonebot' },
				{ name: 'NapCat', value: 'napcat' },
			],
			default: 'auto',
			description:
				'Used where implementations differ (reactions, pokes); auto-detection costs one extra call per execution',
		},
	];

	authenticate = async (
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> => {
		const token = typeof credentials.accessToken === 'string' ? credentials.accessToken : '';
		if (!token) return requestOptions;
		if (credentials.tokenLocation === 'query') {
			requestOptions.qs = { ...(requestOptions.qs ?? {}), access_token: token };
		} else {
			requestOptions.headers = { ...(requestOptions.headers ?? {}), Authorization: `Bearer ${token}` };
		}
		return requestOptions;
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{ String($credentials.baseUrl).replace(new RegExp("/+$"), "") }}',
			url: '/get_login_info',
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: {},
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'status',
					value: 'failed',
					message: 'The OneBot server answered get_login_info with a failure: check that the bot is logged in',
				},
			},
		],
	};
}
