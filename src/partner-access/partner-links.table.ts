import type { Selectable } from 'kysely';
import type { SubjectType } from '../subjects/subjects.ts';

/**
 * A secure link a partner opens without an account: to one record (a message today), for one
 * contact. Only the SHA-256 hash of its token is stored.
 */
export type PartnerLinksTable = {
  org_id: string;
  id: string;
  subject_type: SubjectType;
  subject_id: string;
  partner_contact_id: string | null;
  token_hash: string;
  created_at: Date;
  expires_at: Date;
  revoked_at: Date | null;
  revoked_reason: string | null;
  last_used_at: Date | null;
};

export type PartnerLinkRow = Selectable<PartnerLinksTable>;
