import type { Generated, Insertable, Selectable } from 'kysely';

export const staffRoles = ['care_worker', 'manager', 'registered_manager', 'auditor', 'admin'] as const;
export type StaffRole = (typeof staffRoles)[number];

/** Roles in words, for what the server writes for people to read (the access history). */
export const roleLabels = {
  care_worker: 'Care worker',
  manager: 'Manager',
  registered_manager: 'Registered manager',
  auditor: 'Auditor',
  admin: 'Administrator',
} as const satisfies Record<StaffRole, string>;

export type UsersTable = {
  org_id: string;
  id: string;
  email: string;
  display_name: string;
  role: StaffRole;
  password_hash: string;
  failed_sign_ins: Generated<number>;
  throttled_until: Date | null;
  disabled_at: Date | null;
  created_at: Date;
  updated_at: Date;
  version: Generated<number>;
};

export type UserRow = Selectable<UsersTable>;
export type NewUserRow = Insertable<UsersTable>;
