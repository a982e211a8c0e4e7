import { resourceDescription } from '../operation';
import { ban } from './ban.operation';
import { getGroup } from './get.operation';
import { getMany } from './getMany.operation';
import { getMember } from './getMember.operation';
import { getMembers } from './getMembers.operation';
import { kick } from './kick.operation';
import { leave } from './leave.operation';
import { muteAll } from './muteAll.operation';
import { setCard } from './setCard.operation';
import { setName } from './setName.operation';
import { unban } from './unban.operation';

export const operations = [getGroup, getMany, getMembers, getMember, kick, ban, unban, muteAll, setCard, setName, leave];

export const description = resourceDescription('group', operations, 'getMany');
