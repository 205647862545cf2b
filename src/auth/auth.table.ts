import type { Generated, Selectable } from 'kysely';
import type { StaffRole } from '../users/users.table.ts';

export type SessionsTable = {
  org_id: string;
  token_hash: string;
  user_id: string;
  created_at: Date;
  last_seen_at: Date;
  expires_at: Date;
  ended_at: Date | null;
  csrf_token: string;
  /** When this session's second factor was checked; null if none has been given in it. */
  mfa_verified_at: Date | null;
  /** When its owner last proved who they are (sign-in or re-authentication); null while MFA-pending. */
  authenticated_at: Date | null;
};

export type MfaCredentialsTable = {
  org_id: string;
  user_id: string;
  /** AES-256-GCM ciphertext of the base32 TOTP secret (see secret-box.ts). */
  secret_ciphertext: string;
  created_at: Date;
  /** Null while enrolment is in progress: the authenticator is not yet used to sign in. */
  confirmed_at: Date | null;
  last_accepted_step: number | null;
  failed_attempts: Generated<number>;
  throttled_until: Date | null;
};

export type MfaRecoveryCodesTable = {
  org_id: string;
  user_id: string;
  code_hash: string;
  created_at: Date;
  used_at: Date | null;
};

export type ApiTokensTable = {
  org_id: string;
  id: string;
  name: string;
  role: StaffRole;
  token_hash: string;
  created_by: string;
  created_at: Date;
  expires_at: Date | null;
  revoked_at: Date | null;
  /**
   * 'awaiting' a registered manager's decision (the token authenticates nothing meanwhile),
   * 'approved' or 'refused'. See docs/security.md: who may create which token.
   */
  approval_status: Generated<ApiTokenApprovalStatus>;
  decided_by: string | null;
  decided_at: Date | null;
};
export type ApiTokenApprovalStatus = 'awaiting' | 'approved' | 'refused';

/** Failed sign-ins counted by a hash of the email address typed (see auth.repository.ts). */
export type SignInThrottlesTable = {
  key_hash: string;
  failures: number;
  last_failed_at: Date;
  throttled_until: Date | null;
};

export type SessionRow = Selectable<SessionsTable>;
export type ApiTokenRow = Selectable<ApiTokensTable>;
export type MfaCredentialRow = Selectable<MfaCredentialsTable>;

/** Requests counted against a limit, shared by every server process (see rate-limits.repository.ts). */
export type RateLimitCountersTable = {
  /** SHA-256 of what is limited and who by. */
  key: string;
  count: number;
  window_started_at: Date;
  window_ends_at: Date;
};
