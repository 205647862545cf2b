import { recordAudit } from '../audit/audit.service.ts';
import { checkPasswordPolicy, hashPassword } from '../auth/passwords.ts';
import { hashToken } from '../auth/secrets.ts';
import type { Clock } from '../clock.ts';
import type { RequestContext } from '../context.ts';
import type { Db, DbTransaction, Executor } from '../db/database.ts';
import { AppError } from '../errors.ts';
import type { SetUpLinkWithUser } from './users.repository.ts';
import * as usersRepository from './users.repository.ts';
import type { AccountLinkPurpose } from './users.table.ts';

// A one-time link to an account, with which its owner chooses a password: the set-up link of a
// new account (which has none yet), or a link to choose a new one (for an account that has one).
// Both work once, until they expire or a newer link replaces them, and only for an account in use.

const refusals: Record<AccountLinkPurpose, string> = {
  set_up:
    'This set-up link does not work: it may have expired or been used already. Ask whoever added your account for a new one.',
  password_reset:
    'This link to choose a new password does not work: it may have expired, been used already, or been replaced by a newer one. Ask for a new link from the sign-in page.',
};

function linkRefused(purpose: AccountLinkPurpose): AppError {
  return new AppError('not_found', refusals[purpose]);
}

function usableLink(
  link: SetUpLinkWithUser | undefined,
  purpose: AccountLinkPurpose,
  now: Date,
): SetUpLinkWithUser {
  if (
    link?.purpose !== purpose ||
    link.used_at ||
    link.withdrawn_at ||
    link.expires_at <= now ||
    link.disabled_at ||
    // A set-up link is for an account with no password yet; a reset link for one with a password.
    link.has_password !== (purpose === 'password_reset')
  ) {
    throw linkRefused(purpose);
  }
  return link;
}

/** Whose account a link is for, so its owner can check it is theirs before choosing a password. */
export async function accountOfLink(
  executor: Executor,
  options: { token: string; purpose: AccountLinkPurpose; clock: Clock },
) {
  const link = usableLink(
    await usersRepository.findSetUpLinkByHash(executor, hashToken(options.token)),
    options.purpose,
    options.clock.now(),
  );
  return {
    displayName: link.display_name,
    email: link.email,
    organisationName: link.organisation_name,
    expiresAt: link.expires_at,
  };
}

/**
 * The owner chooses a password through a link, which then stops working. The link is locked as
 * it is read, so of two requests using it at once one succeeds and the other finds it used.
 * `afterwards` does what else the purpose needs, in the same transaction as the audit entry.
 */
export async function choosePasswordThroughLink(
  db: Db,
  options: {
    token: string;
    password: string;
    purpose: AccountLinkPurpose;
    clock: Clock;
    requestId: string | null;
    ip: string | null;
  },
  steps: {
    afterwards?: (
      trx: DbTransaction,
      link: SetUpLinkWithUser,
      context: RequestContext,
      now: Date,
    ) => Promise<void>;
    action: string;
  },
): Promise<void> {
  checkPasswordPolicy(options.password);
  const passwordHash = await hashPassword(options.password);
  const now = options.clock.now();
  await db.transaction().execute(async (trx) => {
    const link = usableLink(
      await usersRepository.findSetUpLinkByHash(trx, hashToken(options.token), { forUpdate: true }),
      options.purpose,
      now,
    );
    const context: RequestContext = {
      orgId: link.org_id,
      actor: { type: 'user', id: link.user_id, role: link.role },
      requestId: options.requestId,
      ip: options.ip,
    };
    const stored = await usersRepository.setPassword(trx, link.org_id, link.user_id, {
      passwordHash,
      replacing: options.purpose === 'password_reset',
      at: now,
    });
    if (!stored) throw linkRefused(options.purpose);
    await usersRepository.markSetUpLinkUsed(trx, link.org_id, link.id, now);
    await steps.afterwards?.(trx, link, context, now);
    await recordAudit(trx, context, now, {
      action: steps.action,
      entityType: 'user',
      entityId: link.user_id,
      changedFields: ['password_hash'],
      details: { link_id: link.id },
    });
  });
}
