import { ParameterError } from '../../../shared/errors';

/** Heybox room permission bits (official "权限相关说明"; bits 37–40 from one SDK). */
export const PERMISSION_BITS: Array<[number, string]> = [
	[0, 'Administrator'],
	[1, 'View Channels'],
	[2, 'Manage Channels'],
	[3, 'View Audit Log'],
	[4, 'Manage Role Permissions'],
	[5, 'Manage Room'],
	[6, 'Create Invite'],
	[7, 'Manage Invites'],
	[8, 'Change Nickname'],
	[9, 'Manage Nicknames'],
	[10, 'Kick From Room'],
	[11, 'Kick From Channel'],
	[12, 'Room Blacklist'],
	[13, 'Mute in Chat'],
	[14, 'Send Messages'],
	[15, 'Upload Files'],
	[16, 'Mention All, Online and Roles'],
	[17, 'Add Reactions'],
	[18, 'Manage Messages'],
	[19, 'Receive Offline Messages'],
	[20, 'Create Party Invites'],
	[21, 'Manage Party Invites'],
	[22, 'Join Voice'],
	[23, 'Speak'],
	[24, 'Open Mic'],
	[25, 'Channel Mute'],
	[26, 'Mute Members'],
	[27, 'Move Members'],
	[28, 'Manage Statements'],
	[29, 'Edit Others\' Invites in Channel'],
	[30, 'Manage Emoji'],
	[31, 'Manage Voice Packs'],
	[32, 'Play Voice Packs'],
	[33, 'Play Accompaniment'],
	[34, 'Share Screen'],
	[35, 'Post Team-Ups'],
	[36, 'Use Bot Commands'],
	[37, 'Create Polls'],
	[38, 'Manage Room Events'],
	[39, 'Send Images'],
	[40, 'Start Recording'],
];

/** The decimal bitmask string of the chosen bits plus an optional raw mask (bits above 31 need BigInt). */
export function permissionMask(bits: Array<string | number>, raw: string): string {
	let mask = 0n;
	const extra = raw.trim();
	if (extra) {
		if (!/^\d+$/.test(extra)) throw new ParameterError('Permissions (Raw Mask)', `"${extra}" is not a decimal bitmask`, 'Enter digits only, e.g. 16384');
		mask = BigInt(extra);
	}
	for (const bit of bits) mask |= 1n << BigInt(Number(bit));
	return mask.toString();
}

/** The permission names a mask holds. */
export function permissionNames(mask: unknown): string[] {
	if (mask === undefined || mask === null || !/^\d+$/.test(String(mask))) return [];
	const value = BigInt(String(mask));
	return PERMISSION_BITS.filter(([bit]) => (value >> BigInt(bit)) & 1n).map(([, name]) => name);
}
