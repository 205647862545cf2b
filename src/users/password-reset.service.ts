import { randomUUID } from 'node:crypto';
import { recordAudit } from '../audit/audit.service.ts';
import { endSessionsOfUser } from '../auth/auth.service.ts';
import { generateToken, hashToken } from '../auth/secrets.ts';
import { describeMoment } from '../calendar/london-time.ts';
import type { Clock } from '../clock.ts';
import type { RequestContext } from '../context.ts';
import type { Db, DbTransaction } from '../db/database.ts';
import {
  LINK_TOKEN_PLACEHOLDER,
  queueAccountLinkEmail,
  queueEmailsWithoutPersonalDetails,
} from '../outbox/outbox.service.ts';
import { accountOfLink, choosePasswordThroughLink } from './account-links.ts';
import * as usersRepository from './users.repository.ts';

// Choosing a new password when the old one is forgotten. Whoever asks gives an email address and
// is told the same whatever it is; a link goes only to that address, and only if an account in
// use has it. The link works once, for half an hour; using it ends every session of the account,
// and the account's authenticator app stays as it was, so signing in still needs its code.

/** How long a link to choose a new password works. */
export const PASSWORD_RESET_LINK_LIFETIME_MS = 30 * 60_000;
/** At most this many links are sent to one account in an hour; later requests send nothing. */
export const PASSWORD_RESET_LINKS_PER_HOUR = 3;

/** What everyone who asks is told, whether or not an account has the address. */
export const PASSWORD_RESET_REQUESTED =
  'If a Liaison account in use has this email address, we have sent it a link to choose a new password. The link works once, for 30 minutes. If nothing arrives, check the address, or ask your manager or administrator.';

export function passwordResetUrl(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/reset-password#${token}`;
}

export type PasswordResetSettings = {
  publicUrl: string;
  keyFile: string;
  /** Without a mail server no link is made: it could only wait in the outbox until it expired. */
  mailConfigured: boolean;
};

/**
 * Sends a link to choose a new password to the account with this address, if one is in use and
 * has a password (an account still being set up needs its set-up link; a disabled one nothing),
 * and fewer than `PASSWORD_RESET_LINKS_PER_HOUR` were sent to it in the last hour. Answers
 * nothing either way: the caller tells everyone the same.
 */
export async function requestPasswordReset(
  db: Db,
  options: {
    email: string;
    clock: Clock;
    requestId: string | null;
    ip: string | null;
    settings: PasswordResetSettings;
  },
): Promise<void> {
  const now = options.clock.now();
  await db.transaction().execute(async (trx) => {
    const account = await usersRepository.findUserForSignIn(trx, options.email);
    if (!account || account.disabled_at || account.password_hash === null) return;
    const context: RequestContext = {
      orgId: account.org_id,
      actor: { type: 'system', id: 'password-reset', role: null },
      requestId: options.requestId,
      ip: options.ip,
    };
    const refusal = options.settings.mailConfigured
      ? await tooManyLinksLately(trx, account, now)
      : 'No mail server is set up (SMTP_HOST), so no link could be emailed';
    if (refusal) {
      await recordAudit(trx, context, now, {
        action: 'user.password_reset_link.refuse',
        entityType: 'user',
        entityId: account.id,
        outcome: 'denied',
        details: { reason: refusal },
      });
      return;
    }
    const token = generateToken();
    const linkId = randomUUID();
    const expiresAt = new Date(now.getTime() + PASSWORD_RESET_LINK_LIFETIME_MS);
    await usersRepository.withdrawSetUpLinks(trx, account.org_id, account.id, now);
    await usersRepository.insertSetUpLink(trx, {
      org_id: account.org_id,
      id: linkId,
      user_id: account.id,
      purpose: 'password_reset',
      token_hash: hashToken(token),
      created_by: account.id,
      created_at: now,
      expires_at: expiresAt,
      used_at: null,
      withdrawn_at: null,
    });
    await queueAccountLinkEmail(
      trx,
      {
        orgId: account.org_id,
        to: account.email,
        subject: 'Choose a new password for Liaison',
        text: [
          `Someone asked to choose a new password for the Liaison account ${account.email}.`,
          '',
          `If it was you, open this link to choose it. The link works once, until ${describeMoment(expiresAt)} (UK time):`,
          '',
          passwordResetUrl(options.settings.publicUrl, LINK_TOKEN_PLACEHOLDER),
          '',
          'If you use an authenticator app to sign in, you will still need its code.',
          '',
          'If it was not you, you need do nothing: your password has not changed. If these emails keep coming, tell your manager.',
        ].join('\n'),
        link: { id: linkId, token },
        at: now,
      },
      { keyFile: options.settings.keyFile },
    );
    await recordAudit(trx, context, now, {
      action: 'user.password_reset_link.issue',
      entityType: 'user',
      entityId: account.id,
      details: { link_id: linkId, expires_at: expiresAt.toISOString() },
    });
  });
}

/** Why no more links go to the account this hour, if that is so. */
async function tooManyLinksLately(
  trx: DbTransaction,
  account: { org_id: string; id: string },
  now: Date,
): Promise<string | null> {
  const anHourAgo = new Date(now.getTime() - 60 * 60_000);
  const sent = await usersRepository.countPasswordResetLinksSince(trx, account.org_id, account.id, anHourAgo);
  return sent >= PASSWORD_RESET_LINKS_PER_HOUR
    ? `${sent} links were sent to this account in the last hour`
    : null;
}

/** Whose account a link to choose a new password is for, so its owner can check it is theirs. */
export function findAccountToReset(db: Db, options: { token: string; clock: Clock }) {
  return accountOfLink(db, { ...options, purpose: 'password_reset' });
}

/**
 * The owner chooses a new password through their link, which then stops working. Every session
 * of the account ends (whoever knew the old password is signed out), its authenticator app stays,
 * and its owner is told by email that the password changed.
 */
export function completePasswordReset(
  db: Db,
  options: { token: string; password: string; clock: Clock; requestId: string | null; ip: string | null },
): Promise<void> {
  return choosePasswordThroughLink(
    db,
    { ...options, purpose: 'password_reset' },
    {
      afterwards: async (trx, link, context, now) => {
        await endSessionsOfUser(trx, context, { userId: link.user_id, at: now });
        await queueEmailsWithoutPersonalDetails(trx, [
          {
            orgId: link.org_id,
            about: null,
            to: link.email,
            subject: 'Your Liaison password has changed',
            text: [
              `The password of the Liaison account ${link.email} was changed at ${describeMoment(now)} (UK time), through a link sent to this address. Every session of the account was signed out.`,
              '',
              'If this was you, you need do nothing.',
              '',
              'If it was not you, tell your manager or administrator now: someone may be able to read your email.',
            ].join('\n'),
            at: now,
          },
        ]);
      },
      action: 'user.password_reset',
    },
  );
}
