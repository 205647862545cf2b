import type { Executor } from '../db/database.ts';
import { sameOrganisation } from '../db/same-organisation.ts';
import type { SubjectType } from '../subjects/subjects.ts';
import type { PartnerLinkRow } from './partner-links.table.ts';

type Subject = { type: SubjectType; id: string };

export async function insertLink(
  executor: Executor,
  row: Omit<PartnerLinkRow, 'revoked_at' | 'revoked_reason' | 'last_used_at'>,
): Promise<void> {
  await executor.insertInto('partner_links').values(row).execute();
}

/** Any organisation's link by its token's hash: the token is the only thing the partner holds. */
export async function findLinkByTokenHash(
  executor: Executor,
  tokenHash: string,
): Promise<PartnerLinkRow | undefined> {
  return executor
    .selectFrom('partner_links')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
}

export async function touchLink(executor: Executor, orgId: string, id: string, at: Date): Promise<void> {
  await executor
    .updateTable('partner_links')
    .set({ last_used_at: at })
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .execute();
}

/** A record's links, oldest first, with the name of the contact each was issued to. */
export async function listLinks(executor: Executor, orgId: string, subject: Subject) {
  return executor
    .selectFrom('partner_links as link')
    .leftJoin('partner_contacts as contact', (join) =>
      sameOrganisation(join, 'contact.id', 'link.partner_contact_id'),
    )
    .selectAll('link')
    .select('contact.name as contact_name')
    .where('link.org_id', '=', orgId)
    .where('link.subject_type', '=', subject.type)
    .where('link.subject_id', '=', subject.id)
    .orderBy('link.created_at')
    .orderBy('link.id')
    .execute();
}

export async function revokeLinks(
  executor: Executor,
  orgId: string,
  subject: Subject,
  options: { at: Date; reason: string; linkId?: string | undefined },
): Promise<string[]> {
  let query = executor
    .updateTable('partner_links')
    .set({ revoked_at: options.at, revoked_reason: options.reason })
    .where('org_id', '=', orgId)
    .where('subject_type', '=', subject.type)
    .where('subject_id', '=', subject.id)
    .where('revoked_at', 'is', null);
  if (options.linkId) query = query.where('id', '=', options.linkId);
  const rows = await query.returning('id').execute();
  return rows.map((row) => row.id);
}
