import type { Insertable, Selectable } from 'kysely';
import type { InformationCategory, RecipientScope } from '../sharing/sharing.table.ts';

export type SafeguardingAuthorisationsTable = RecipientScope & {
  org_id: string;
  id: string;
  person_id: string;
  categories: InformationCategory[];
  rationale: string;
  authorised_by: string;
  authorised_at: Date;
  expires_at: Date;
  revoked_at: Date | null;
  revoked_by: string | null;
  revoked_reason: string | null;
};

export type SafeguardingAuthorisationRow = Selectable<SafeguardingAuthorisationsTable>;
export type NewSafeguardingAuthorisationRow = Insertable<SafeguardingAuthorisationsTable>;
