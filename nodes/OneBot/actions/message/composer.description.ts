import type { INodeProperties } from 'n8n-workflow';

/** Segment types offered in the Segments list. */
export const SEGMENT_TYPES = ['text', 'at', 'reply', 'face', 'image', 'record', 'video', 'file', 'json'] as const;

/**
 * The message composer shared by every send: plain text, a list of segments, a CQ-code
 * string or a segment array as JSON. Children of the segment list carry no displayOptions
 * (n8n cannot resolve them inside collections), so each field says which types use it.
 */
export const composerFields: INodeProperties[] = [
	{
		displayName: 'Message Format',
		name: 'messageMode',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Text', value: 'text', description: 'Plain text, sent exactly as typed (never parsed as CQ code)' },
			{ name: 'Segments', value: 'segments', description: 'Build the message from text, mentions, replies, images, voice, video, files…' },
			{ name: 'CQ Code', value: 'cqCode', description: 'A CQ-code string such as [CQ:at,qq=10001] hello' },
			{ name: 'JSON', value: 'json', description: 'A OneBot segment array, e.g. from an expression' },
		],
		default: 'text',
	},
	{
		displayName: 'Text',
		name: 'text',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		required: true,
		description: 'The message text; characters like [ ] & are sent literally',
		displayOptions: { show: { messageMode: ['text'] } },
	},
	{
		displayName: 'Segments',
		name: 'segments',
		type: 'fixedCollection',
		placeholder: 'Add Segment',
		typeOptions: { multipleValues: true, sortable: true },
		default: {},
		displayOptions: { show: { messageMode: ['segments'] } },
		options: [
			{
				displayName: 'Segment',
				name: 'segment',
				values: [
					{
						displayName: 'File Name',
						name: 'fileName',
						type: 'string',
						default: '',
						description: 'File segments (and optionally images):	name shown to the recipient;	defaults to the binary file name',
					},
					{
						displayName: 'Input Binary Property',
						name: 'binaryProperty',
						type: 'string',
						default: 'data',
						description: 'Media from a Binary Property only:	name of the binary property holding the file',
					},
					{
						displayName: 'Media Source',
						name: 'mediaSource',
						type: 'options',
						options: [
							{
								name: 'Base64',
								value: 'base64',
								description: 'Value holds base64 data',
							},
							{
								name: 'Binary Property',
								value: 'binary',
								description: 'A binary property of the input item, e.g. from HTTP Request or Read File',
							},
							{
								name: 'File Path',
								value: 'path',
								description: 'Value is a path on the machine running the OneBot implementation',
							},
							{
								name: 'URL',
								value: 'url',
								description: 'Value is an http(s)://	or file://	URL',
							},
						],
						default: 'url',
						description: 'Image, Voice, Video and File only:	where the media comes from',
					},
					{
						displayName: 'Type',
						name: 'type',
						type: 'options',
						options: [
							{
								name: 'At (Mention)',
								value: 'at',
								description: 'Value:	QQ number, or \'all\' for everyone',
							},
							{
								name: 'Face',
								value: 'face',
								description: 'Value:	QQ face ID',
							},
							{
								name: 'File',
								value: 'file',
								description: 'Media source	+	value or binary property;	set File Name',
							},
							{
								name: 'Image',
								value: 'image',
								description: 'Media source	+	value or binary property',
							},
							{
								name: 'JSON Card',
								value: 'json',
								description: 'Value:	the card JSON text',
							},
							{
								name: 'Reply',
								value: 'reply',
								description: 'Value:	ID of the message to reply to (put it first)',
							},
							{
								name: 'Text',
								value: 'text',
								description: 'Value:	the text, sent literally',
							},
							{
								name: 'Video',
								value: 'video',
								description: 'Media source	+	value or binary property',
							},
							{
								name: 'Voice',
								value: 'record',
								description: 'Media source	+	value or binary property',
							},
					],
						default: 'text',
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						description: 'Text for Text;	QQ number or \'all\' for At;	message ID for Reply;	face ID for Face;	JSON for JSON Card;	URL, file path or base64 for media (see Media Source)',
					},
			],
			},
		],
	},
	{
		displayName: 'CQ Code',
		name: 'cqCode',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		required: true,
		placeholder: '[CQ:reply,ID=1263753202]Thanks &#91;noted&#93;',
		description: 'A CQ-code string. In text, write & [ ] as &amp; &#91; &#93;; inside values also , as &#44;.',
		displayOptions: { show: { messageMode: ['cqCode'] } },
	},
	{
		displayName: 'Message JSON',
		name: 'messageJson',
		type: 'json',
		default: '[\n  {"type": "text", "data": {"text": "hello"}}\n]',
		required: true,
		description: 'An array of OneBot segments ({"type": …, "data": {…}}) or a single segment',
		displayOptions: { show: { messageMode: ['json'] } },
	},
];
