import { resourceDescription } from '../operation';
import { getRoom } from './get.operation';
import { getRooms } from './getMany.operation';
import { getUsers } from './getUsers.operation';
import { kick, leave, mute, setNickname, unmute } from './moderation.operation';

export const operations = [getRooms, getRoom, getUsers, kick, leave, setNickname, mute, unmute];

export const description = resourceDescription('room', operations, 'getMany');
