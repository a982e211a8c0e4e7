import { commandMatches, envelopeOf, normalizeEvent, SequenceWindow } from '../../../nodes/Heybox/trigger/events';
import { parseJsonLossless } from '../../../nodes/shared/json';

describe('Heybox events', () => {
	test('a slash command (50) with 19-digit numeric IDs: exact strings, options as an object', () => {
		const raw =
			'{"sequence":11736260019,"type":"50","notify_type":"","timestamp":1725531286040,"data":{"bot_id":10000001,"msg_id":1843536909979836416,' +
			'"room_base_info":{"room_id":3358126864697663488,"room_name":"测试"},"channel_base_info":{"channel_id":3358126864697663490,"channel_name":"general","channel_type":1},' +
			'"command_info":{"id":"1","name":"/weather","type":0,"options":[{"name":"city","type":3,"value":"北京"}]},"sender_info":{"user_id":8829926,"nickname":"ali","bot":false}}}';
		const event = normalizeEvent(envelopeOf(parseJsonLossless(raw))!);
		expect(event).toMatchObject({
			kind: 'command',
			type: '50',
			sequence: '11736260019',
			msgId: '1843536909979836416',
			room: { id: '3358126864697663488', name: '测试' },
			channel: { id: '3358126864697663490', name: 'general', type: 1 },
			command: { id: '1', name: '/weather', options: { city: '北京' } },
			sender: { user_id: 8829926, nickname: 'ali' },
			unofficial: false,
		});
	});

	test('join/leave, reaction, button click and the unofficial channel message', () => {
		expect(normalizeEvent({ type: '3001', data: { state: 1, room_base_info: { room_id: '1' }, user_info: { user_id: 5 } } })).toMatchObject({ kind: 'joinLeave', joined: true });
		expect(normalizeEvent({ type: '5003', data: { msg_id: '9', emoji: '[cube_doge]', is_add: 0, user_id: 5, channel_id: '2' } })).toMatchObject({
			kind: 'reaction',
			emoji: '[cube_doge]',
			added: false,
			sender: { user_id: 5 },
			channel: { id: '2' },
		});
		expect(normalizeEvent({ type: 'card_message_btn_click', data: { text: 'Ack', value: 'ack', event: 'server' } })).toMatchObject({
			kind: 'buttonClick',
			button: { text: 'Ack', value: 'ack', event: 'server' },
		});
		expect(normalizeEvent({ type: '5', data: { msg: 'hi', room_id: '1', channel_id: '2', user_id: 3 } })).toMatchObject({ kind: 'channelMessage', text: 'hi', unofficial: true });
	});

	test('status frames are not events', () => {
		expect(envelopeOf({ type: 'PUSH', data: { event: '80', type: 'notify' } })).toBeUndefined();
		expect(envelopeOf('PONG')).toBeUndefined();
	});

	test('command names match with or without the slash', () => {
		expect(commandMatches('/weather', ['weather'])).toBe(true);
		expect(commandMatches('/weather', ['/help', ' /Weather '])).toBe(true);
		expect(commandMatches('/weather', ['/help'])).toBe(false);
		expect(commandMatches('/x', [])).toBe(true);
	});

	test('sequence window drops repeats and stays bounded', () => {
		const w = new SequenceWindow(3);
		expect(['1', '2', '1', '3', '4', '1'].map((s) => w.fresh(s))).toEqual([true, true, false, true, true, true]);
		expect(w.fresh(undefined)).toBe(true);
	});
});
