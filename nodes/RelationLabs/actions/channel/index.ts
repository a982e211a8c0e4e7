import { resourceDescription } from '../operation';
import * as ops from './channel.operations';

export const operations = [
	ops.create,
	ops.get,
	ops.getMembers,
	ops.addMembers,
	ops.removeMembers,
	ops.join,
	ops.leave,
	ops.disband,
	ops.transferOwner,
	ops.isAdmin,
	ops.getAnnouncement,
	ops.updateAnnouncement,
	ops.rename,
];

export const description = resourceDescription('channel', operations, 'get');
