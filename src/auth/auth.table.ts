import type { Selectable } from 'kysely';
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
};

export type SessionRow = Selectable<SessionsTable>;
export type ApiTokenRow = Selectable<ApiTokensTable>;
