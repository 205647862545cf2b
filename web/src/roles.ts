import * as users from '../../src/users/users.table.ts';
import type { StaffRole } from './api.ts';

// The roles and their words are the server's (src/users/users.table.ts); the compiler checks they
// name every role the API sends.
export const staffRoles = users.staffRoles satisfies readonly StaffRole[];
export const roleLabels = users.roleLabels satisfies Record<StaffRole, string>;

// The groups are the ones the server's routes declare (src/auth/role-groups.ts); the server is what
// enforces them.
export {
  anyStaff as everyone,
  staffViewers,
  userAdministrators as staffAdministrators,
} from '../../src/auth/role-groups.ts';

export function hasRole(role: StaffRole, allowed: readonly StaffRole[]): boolean {
  return allowed.includes(role);
}
