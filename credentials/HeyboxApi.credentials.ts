import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

/**
 * Heybox chat (黑盒语音) bot token: sent raw in the `token` header, with the seven common query
 * parameters the API expects on every call.
 */
export class HeyboxApi implements ICredentialType {
	name = 'heyboxApi';

	displayName = 'Heybox Chat API';

	icon: Icon = { light: 'file:../nodes/Heybox/heybox.svg', dark: 'file:../nodes/Heybox/heybox.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-imkit/n8n-nodes-imkit#heybox-setup';

	properties: INodeProperties[] = [
		{
			displayName: 'Bot Token',
			name: 'token',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The token of your bot from https://bot.xiaoheihe.cn (sent as the "token" header)',
		},
		{
			displayName: 'Chat Version',
			name: 'chatVersion',
			type: 'string',
			default: '1.30.0',
			description: 'The chat_version query parameter; the API may answer differently per version',
		},
		{
			displayName: 'API Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://chat.xiaoheihe.cn',
		},
		{
			displayName: 'Upload Base URL',
			name: 'uploadUrl',
			type: 'string',
			default: 'https://chat-upload.xiaoheihe.cn',
			description: 'Host of the media upload endpoint (POST /upload)',
		},
	];

	authenticate = async (credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> => {
		requestOptions.headers = { ...(requestOptions.headers ?? {}), token: String(credentials.token ?? '') };
		requestOptions.qs = {
			client_type: 'heybox_chat',
			x_client_type: 'web',
			os_type: 'web',
			x_os_type: 'bot',
			x_app: 'heybox_chat',
			chat_os_type: 'bot',
			chat_version: String(credentials.chatVersion || '1.30.0'),
			...(requestOptions.qs ?? {}),
		};
		return requestOptions;
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{ String($credentials.baseUrl || "https://chat.xiaoheihe.cn").replace(new RegExp("/+$"), "") }}',
			url: '/chatroom/v2/room/joined',
			method: 'GET',
			qs: { offset: 0, limit: 1 },
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: { key: 'status', value: 'failed', message: 'Heybox refused the token or the request: check the bot token' },
			},
		],
	};
}
