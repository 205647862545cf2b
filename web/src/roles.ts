import type { StaffRole } from './api.ts';

export const staffRoles = [
  'care_worker',
  'manager',
  'registered_manager',
  'auditor',
  'admin',
] as const satisfies readonly StaffRole[];

export const roleLabels = {
  care_worker: 'Care worker',
  manager: 'Manager',
  registered_manager: 'Registered manager',
  auditor: 'Auditor',
  admin: 'Administrator',
} as const satisfies Record<StaffRole, string>;

/** The same groups the server's access policies use; the server is what enforces them. */
export const everyone: readonly StaffRole[] = staffRoles;
export const staffViewers: readonly StaffRole[] = ['admin', 'registered_manager', 'manager', 'auditor'];
export const staffAdministrators: readonly StaffRole[] = ['admin', 'registered_manager'];

export function hasRole(role: StaffRole, allowed: readonly StaffRole[]): boolean {
  return allowed.includes(role);
}
