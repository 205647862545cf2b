import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Executor } from '../db/database.ts';
import { AppError } from '../errors.ts';
import type { SubjectType } from '../subjects/subjects.ts';
import * as linksRepository from './partner-links.repository.ts';
import type { PartnerLinkRow } from './partner-links.table.ts';

// Partner access: a secure link lets a partner open one record without an account. A link names
// its record by subject; the feature that owns the record decides what the partner sees and may
// do, and asks the sharing gate each time (see partner-page.service.ts for messages).

type Subject = { type: SubjectType; id: string };

/** A link works for 30 days after it is issued, and at least 7 days past the record's deadline. */
export const LINK_LIFETIME_DAYS = 30;
export const LINK_DAYS_AFTER_DEADLINE = 7;
const DAY_MS = 86_400_000;

/** The header a partner page sends its link's token in (never in the address, which gets logged). */
export const PARTNER_LINK_HEADER = 'x-partner-link';

export function hashLinkToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** The address partners open: the token sits after `#`, which browsers never send to a server. */
export function partnerLinkUrl(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/partner#${token}`;
}

export function linkExpiry(deadline: Date | null, issuedAt: Date): Date {
  const byLifetime = issuedAt.getTime() + LINK_LIFETIME_DAYS * DAY_MS;
  const byDeadline = deadline ? deadline.getTime() + LINK_DAYS_AFTER_DEADLINE * DAY_MS : 0;
  return new Date(Math.max(byLifetime, byDeadline));
}

export type PreparedLink = {
  id: string;
  token: string;
  expiresAt: Date;
  row: Omit<PartnerLinkRow, 'revoked_at' | 'revoked_reason' | 'last_used_at'>;
};

/**
 * A new link to one record for one contact: 256 random bits, of which only the SHA-256 hash is
 * stored. The token exists nowhere else once the email carrying it is sent.
 */
export function prepareLink(
  options: { orgId: string; subject: Subject; deadline: Date | null; contactId: string | null },
  at: Date,
): PreparedLink {
  const token = randomBytes(32).toString('base64url');
  const id = randomUUID();
  const expiresAt = linkExpiry(options.deadline, at);
  return {
    id,
    token,
    expiresAt,
    row: {
      org_id: options.orgId,
      id,
      subject_type: options.subject.type,
      subject_id: options.subject.id,
      partner_contact_id: options.contactId,
      token_hash: hashLinkToken(token),
      created_at: at,
      expires_at: expiresAt,
    },
  };
}

/** Stores a prepared link. */
export function saveLink(executor: Executor, link: PreparedLink): Promise<void> {
  return linksRepository.insertLink(executor, link.row);
}

/** Issues and stores a new link (see prepareLink). */
export async function issueLink(
  executor: Executor,
  options: { orgId: string; subject: Subject; deadline: Date | null; contactId: string | null },
  at: Date,
): Promise<{ id: string; token: string; expiresAt: Date }> {
  const link = prepareLink(options, at);
  await saveLink(executor, link);
  return link;
}

/** The same answer for every failure, so a guess learns nothing. */
export function linkRefused(): AppError {
  return new AppError(
    'unauthenticated',
    'This link is not valid. It may have expired or been withdrawn: ask the organisation that sent it for a new one.',
  );
}

/**
 * The link a partner page presents, if it is live (known, not expired, not revoked) and opens a
 * record of the given type; its use is noted. The record's own checks (withdrawn, the gate) are
 * its feature's.
 */
export async function authenticateLink(
  executor: Executor,
  token: unknown,
  expected: { type: SubjectType },
  now: Date,
): Promise<PartnerLinkRow> {
  if (typeof token !== 'string' || !/^[A-Za-z0-9_-]{43}$/.test(token)) throw linkRefused();
  const link = await linksRepository.findLinkByTokenHash(executor, hashLinkToken(token));
  if (
    !link ||
    link.subject_type !== expected.type ||
    link.revoked_at !== null ||
    link.expires_at.getTime() <= now.getTime()
  ) {
    throw linkRefused();
  }
  await linksRepository.touchLink(executor, link.org_id, link.id, now);
  return link;
}

export function linksOf(executor: Executor, orgId: string, subject: Subject) {
  return linksRepository.listLinks(executor, orgId, subject);
}

/** Stops a record's links (one, with `linkId`); returns the ids stopped. */
export function revokeLinksOf(
  executor: Executor,
  orgId: string,
  subject: Subject,
  options: { at: Date; reason: string; linkId?: string | undefined },
): Promise<string[]> {
  return linksRepository.revokeLinks(executor, orgId, subject, options);
}
