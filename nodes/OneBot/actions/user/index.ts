import { resourceDescription } from '../operation';
import { getUser } from './get.operation';
import { getFriends } from './getFriends.operation';
import { getLoginInfo } from './getLoginInfo.operation';
import { poke } from './poke.operation';
import { sendLike } from './sendLike.operation';

export const operations = [getLoginInfo, getUser, getFriends, sendLike, poke];

export const description = resourceDescription('user', operations, 'getLoginInfo');
