import { recordAudit } from '../audit/audit.service.ts';
import type { Clock } from '../clock.ts';
import type { RequestContext } from '../context.ts';
import type { Db } from '../db/database.ts';
import { AppError, notFound } from '../errors.ts';
import { LINK_TOKEN_PLACEHOLDER, queuePartnerEmail, sharesWaitingOnLink } from '../outbox/outbox.service.ts';
import {
  issueLink,
  linksOf,
  partnerLinkUrl,
  revokeLinksOf,
} from '../partner-access/partner-links.service.ts';
import { emailAddressOf } from '../partners/partner-channels.service.ts';
import { findPartnerContact } from '../partners/partners.service.ts';
import { askAtDisclosure } from '../sharing/disclosure.ts';
import { markQueuedShareSent, shareRefused } from '../sharing/sharing.service.ts';
import { emailAbout, partnerMessageEmail } from './message-emails.ts';
import { lockOwnMessage } from './message-lifecycle.service.ts';
import { viewMessage } from './message-reading.service.ts';
import { linkFor } from './message-subject.ts';
import type { LinkHandedOverInput } from './partner-messages.schemas.ts';
import {
  actorName,
  addEvent,
  emailStateFor,
  MESSAGE_SUBJECT,
  organisationName,
  type Settings,
} from './partner-messages.service.ts';

const handoverWords: Record<LinkHandedOverInput['how'], string> = {
  by_phone: 'by phone',
  in_person: 'in person',
  by_own_secure_email: 'by secure email from a staff account',
  other: 'another way',
};

export async function revokeLink(
  db: Db,
  context: RequestContext,
  messageId: string,
  linkId: string,
  input: { reason: string },
  clock: Clock,
) {
  const at = clock.now();
  await db.transaction().execute(async (trx) => {
    await lockOwnMessage(trx, context, messageId);
    const revoked = await revokeLinksOf(
      trx,
      context.orgId,
      { type: 'partner_message', id: messageId },
      {
        at,
        reason: input.reason,
        linkId,
      },
    );
    if (revoked.length === 0) throw notFound('A working link with this id on this message');
    await addEvent(
      trx,
      context,
      messageId,
      { kind: 'link_revoked', text: input.reason, details: { linkId } },
      at,
    );
    await recordAudit(trx, context, at, {
      action: 'partner_link.revoke',
      entityType: 'partner_link',
      entityId: linkId,
      changedFields: ['revoked_at', 'revoked_reason'],
      details: { messageId },
    });
  });
  return viewMessage(db, context, messageId, clock, { audit: false });
}

/**
 * Sends the addressee a fresh link (for a lost email, or after revoking one). A new disclosure: the
 * gate is asked now, and again when the email leaves.
 */
export async function resendLink(db: Db, context: RequestContext, messageId: string, settings: Settings) {
  const at = settings.clock.now();
  const outcome = await db.transaction().execute(async (trx) => {
    const message = await lockOwnMessage(trx, context, messageId);
    if (message.status === 'withdrawn' || message.status === 'closed') {
      throw new AppError('conflict', `This message is ${message.status}, so no new link can be sent.`);
    }
    const contact = await findPartnerContact(trx, context, message.partner_contact_id);
    const address = contact ? await emailAddressOf(trx, context, contact) : null;
    if (!contact || !address) {
      throw new AppError('conflict', 'The contact has no email address in the register any more.');
    }
    let shareId: string | null = null;
    if (message.person_id && message.purpose) {
      const gated = await askAtDisclosure(
        trx,
        context,
        {
          personId: message.person_id,
          recipient: { partnerOrganisationId: message.partner_organisation_id, partnerContactId: contact.id },
          purpose: message.purpose,
          categories: message.categories,
          moment: 'compose',
          description: `New link to a message: ${message.subject}`,
          subject: { type: MESSAGE_SUBJECT, id: message.id },
        },
        at,
      );
      if (!gated.decision.allowed) return { refused: shareRefused(gated.decision.reasons, gated.share.id) };
      shareId = gated.share.id;
    }
    const link = await issueLink(trx, linkFor(message, contact.id), at);
    const email = partnerMessageEmail({
      message,
      organisationName: await organisationName(trx, context.orgId),
      senderName: await actorName(trx, context),
      contactName: contact.name,
      link: partnerLinkUrl(settings.config.publicUrl, LINK_TOKEN_PLACEHOLDER),
      linkExpiresAt: link.expiresAt,
    });
    await queuePartnerEmail(
      trx,
      {
        ...emailAbout(message),
        to: address,
        subject: email.subject,
        text: email.text,
        link: { id: link.id, token: link.token },
        partnerContactId: contact.id,
        shareId,
        at,
      },
      { keyFile: settings.config.mfaKeyFile },
    );
    await addEvent(
      trx,
      context,
      messageId,
      { kind: 'link_issued', details: { linkId: link.id, to: contact.name, shareId } },
      at,
    );
    await recordAudit(trx, context, at, {
      action: 'partner_link.issue',
      entityType: 'partner_link',
      entityId: link.id,
      details: { messageId, shareId },
    });
    return { link: { id: link.id, url: partnerLinkUrl(settings.config.publicUrl, link.token) } };
  });
  if ('refused' in outcome) throw outcome.refused;
  return {
    ...(await viewMessage(db, context, messageId, settings.clock, { audit: false })),
    partnerLink: outcome.link.url,
    partnerLinkId: outcome.link.id,
    emailState: emailStateFor(settings.config),
  };
}

/**
 * Staff gave the partner a message's one-time link another way (no mail server, or read out on
 * the phone). A disclosure like any other: the gate is asked now for the link's contact; allowed,
 * the share the link's email carried counts as sent.
 */
export async function recordLinkHandedOver(
  db: Db,
  context: RequestContext,
  ids: { messageId: string; linkId: string },
  input: LinkHandedOverInput,
  clock: Clock,
) {
  const how = handoverWords[input.how];
  const at = clock.now();
  const outcome = await db.transaction().execute(async (trx) => {
    const message = await lockOwnMessage(trx, context, ids.messageId);
    const link = (await linksOf(trx, context.orgId, { type: 'partner_message', id: message.id })).find(
      (each) => each.id === ids.linkId,
    );
    if (!link) throw notFound('The link');
    if (link.revoked_at !== null || link.expires_at.getTime() <= at.getTime()) {
      throw new AppError('conflict', 'This link no longer works: send a new one instead.');
    }
    if (message.person_id && message.purpose) {
      const gated = await askAtDisclosure(
        trx,
        context,
        {
          personId: message.person_id,
          recipient: {
            partnerOrganisationId: message.partner_organisation_id,
            partnerContactId: link.partner_contact_id,
          },
          purpose: message.purpose,
          categories: message.categories,
          moment: 'link_handover',
          description: `Link given ${how}: ${message.subject}`.slice(0, 500),
          subject: { type: MESSAGE_SUBJECT, id: message.id },
        },
        at,
      );
      if (!gated.decision.allowed) return { refused: shareRefused(gated.decision.reasons, gated.share.id) };
      for (const shareId of await sharesWaitingOnLink(trx, context.orgId, link.id)) {
        await markQueuedShareSent(trx, context, shareId, at);
      }
    }
    await addEvent(
      trx,
      context,
      message.id,
      {
        kind: 'link_handed_over',
        text: `The secure link was given to ${link.contact_name ?? 'the partner'} ${how}.`,
        details: { linkId: link.id },
      },
      at,
    );
    await recordAudit(trx, context, at, {
      action: 'partner_link.hand_over',
      entityType: 'partner_link',
      entityId: link.id,
      details: { messageId: message.id, how: input.how },
    });
    return { done: true as const };
  });
  if ('refused' in outcome) throw outcome.refused;
  return viewMessage(db, context, ids.messageId, clock, { audit: false });
}
