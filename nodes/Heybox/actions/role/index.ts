import { resourceDescription } from '../operation';
import { createRole, deleteRole, getRoles, grantRole, revokeRole, updateRole } from './role.operations';

export const operations = [getRoles, createRole, updateRole, deleteRole, grantRole, revokeRole];

export const description = resourceDescription('role', operations, 'getMany');
