import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Executor } from '../db/database.ts';
import { AppError } from '../errors.ts';
import * as messagesRepository from './partner-messages.repository.ts';
import type { PartnerLinkRow, PartnerMessageRow } from './partner-messages.table.ts';

/** A link works for 30 days after it is issued, and at least 7 days past the message's deadline. */
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

export function linkExpiry(message: Pick<PartnerMessageRow, 'deadline'>, issuedAt: Date): Date {
  const byLifetime = issuedAt.getTime() + LINK_LIFETIME_DAYS * DAY_MS;
  const byDeadline = message.deadline ? message.deadline.getTime() + LINK_DAYS_AFTER_DEADLINE * DAY_MS : 0;
  return new Date(Math.max(byLifetime, byDeadline));
}

export type PreparedLink = {
  id: string;
  token: string;
  expiresAt: Date;
  row: Omit<PartnerLinkRow, 'revoked_at' | 'revoked_reason' | 'last_used_at'>;
};

/**
 * A new link to one message for one contact: 256 random bits, of which only the SHA-256 hash is
 * stored. The token exists nowhere else once the email carrying it is sent.
 */
export function prepareLink(
  message: Pick<PartnerMessageRow, 'org_id' | 'id' | 'deadline'>,
  contactId: string | null,
  at: Date,
): PreparedLink {
  const token = randomBytes(32).toString('base64url');
  const id = randomUUID();
  const expiresAt = linkExpiry(message, at);
  return {
    id,
    token,
    expiresAt,
    row: {
      org_id: message.org_id,
      id,
      message_id: message.id,
      partner_contact_id: contactId,
      token_hash: hashLinkToken(token),
      created_at: at,
      expires_at: expiresAt,
    },
  };
}

/** Issues and stores a new link (see prepareLink). */
export async function issueLink(
  executor: Executor,
  message: Pick<PartnerMessageRow, 'org_id' | 'id' | 'deadline'>,
  contactId: string | null,
  at: Date,
): Promise<{ id: string; token: string; expiresAt: Date }> {
  const link = prepareLink(message, contactId, at);
  await messagesRepository.insertLink(executor, link.row);
  return link;
}

const linkRefused = () =>
  new AppError(
    'unauthenticated',
    'This link is not valid. It may have expired or been withdrawn: ask the organisation that sent it for a new one.',
  );

/**
 * The link a partner page presents, if it is live: known, not expired, not revoked, and its
 * message not withdrawn. Every failure gives the same answer, so a guess learns nothing.
 */
export async function authenticateLink(
  executor: Executor,
  token: unknown,
  now: Date,
): Promise<{ link: PartnerLinkRow; message: PartnerMessageRow }> {
  if (typeof token !== 'string' || !/^[A-Za-z0-9_-]{43}$/.test(token)) throw linkRefused();
  const link = await messagesRepository.findLinkByTokenHash(executor, hashLinkToken(token));
  if (!link || link.revoked_at !== null || link.expires_at.getTime() <= now.getTime()) throw linkRefused();
  const message = await messagesRepository.lockMessage(executor, link.org_id, link.message_id);
  if (!message || message.status === 'withdrawn') throw linkRefused();
  return { link, message };
}
