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
  /** Null until the account's owner chooses a password through their set-up link. */
  password_hash: string | null;
  failed_sign_ins: Generated<number>;
  throttled_until: Date | null;
  disabled_at: Date | null;
  created_at: Date;
  updated_at: Date;
  version: Generated<number>;
};

export type UserRow = Selectable<UsersTable>;
export type NewUserRow = Insertable<UsersTable>;

/** Roles that read people's care records: every role but admin (IT). */
export function readsCareRecords(role: StaffRole): boolean {
  return role !== 'admin';
}

/**
 * What a one-time link to an account is for: choosing the first password of a new account, or a
 * new one when its owner has forgotten theirs (a link they asked for, sent to their address).
 */
export const accountLinkPurposes = ['set_up', 'password_reset'] as const;
export type AccountLinkPurpose = (typeof accountLinkPurposes)[number];

/** A one-time link with which an account's owner chooses their password. Only its hash is kept. */
export type UserSetUpLinksTable = {
  org_id: string;
  id: string;
  user_id: string;
  purpose: Generated<AccountLinkPurpose>;
  token_hash: string;
  created_by: string;
  created_at: Date;
  expires_at: Date;
  used_at: Date | null;
  /** A newer link for the same account replaced it. */
  withdrawn_at: Date | null;
};
export type UserSetUpLinkRow = Selectable<UserSetUpLinksTable>;
