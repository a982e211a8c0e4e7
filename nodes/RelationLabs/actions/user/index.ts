import { resourceDescription } from '../operation';
import { follow, get, getFollowers, getFollowing, unfollow } from './user.operations';

export const operations = [get, getFollowers, getFollowing, follow, unfollow];

export const description = resourceDescription('user', operations, 'get');
