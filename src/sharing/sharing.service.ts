import { randomUUID } from 'node:crypto';
import { recordAudit } from '../audit/audit.service.ts';
import { restrictedReader } from '../auth/need-to-know.ts';
import { londonDateOf } from '../calendar/london-time.ts';
import type { Clock } from '../clock.ts';
import type { RequestContext } from '../context.ts';
import type { Db, Executor, DbTransaction as Transaction } from '../db/database.ts';
import { AppError, invalid, notFound } from '../errors.ts';
import {
  findPartnerContact,
  findPartnerOrganisation,
  listPartnerContacts,
} from '../partners/partners.service.ts';
import type { PartnerType } from '../partners/partners.table.ts';
import { staffNames } from '../users/users.service.ts';
import { requirePerson, staffUserId } from './basis-records.ts';
import { type LawfulBasis, lawfulBasisFor } from './lawful-basis.ts';
import * as sharingRepository from './sharing.repository.ts';
import type { RecordShareInput, ShareQuestionInput } from './sharing.schemas.ts';
import type {
  DisclosureMoment,
  InformationCategory,
  ShareDelivery,
  ShareLogRow,
  SharingPurpose,
} from './sharing.table.ts';
import * as agreementsRepository from './sharing-agreements.repository.ts';
import { decideShare, type GateDecision, type Recipient, type RefusalReason } from './sharing-gate.ts';

type Page = { limit: number; offset: number };

// ---- the gate ----

type RecipientInput = { partnerOrganisationId?: string | undefined; partnerContactId?: string | undefined };
type ResolvedRecipient = Recipient & { organisationName: string; contactName: string | null };

async function resolveRecipient(
  executor: Executor,
  context: RequestContext,
  input: RecipientInput,
  options: { requireCurrentContact: boolean } = { requireCurrentContact: true },
): Promise<ResolvedRecipient> {
  let organisationId = input.partnerOrganisationId;
  let contact: Awaited<ReturnType<typeof findPartnerContact>>;
  if (input.partnerContactId) {
    contact = await findPartnerContact(executor, context, input.partnerContactId);
    if (!contact)
      throw invalid('partnerContactId', 'There is no partner contact with this id in your register.');
    // Choosing a recipient must name a current contact; a later moment (a link opened, an email
    // handed over) asks about the contact the information already went to, and the gate decides.
    if (options.requireCurrentContact && contact.ended_at !== null) {
      throw invalid(
        'partnerContactId',
        `${contact.name} has left ${contact.partner_organisation_name}: choose a current contact.`,
      );
    }
    if (organisationId && organisationId !== contact.partner_organisation_id) {
      throw invalid('partnerOrganisationId', `${contact.name} works for a different organisation.`);
    }
    organisationId = contact.partner_organisation_id;
  }
  const organisation = organisationId
    ? await findPartnerOrganisation(executor, context, organisationId)
    : undefined;
  if (!organisation) {
    throw invalid('partnerOrganisationId', 'There is no partner organisation with this id in your register.');
  }
  return {
    ...recipientOf(organisation, contact),
    organisationName: organisation.name,
    contactName: contact?.name ?? null,
  };
}

/** The gate's recipient: an organisation in the register and, when one is named, its contact. */
function recipientOf(
  organisation: { id: string; type: PartnerType },
  contact: { id: string; type: PartnerType } | undefined,
): Recipient {
  return {
    partnerOrganisationId: organisation.id,
    partnerContactId: contact?.id ?? null,
    organisationType: organisation.type,
    contactType: contact?.type ?? null,
  };
}

type GateQuestion = { purpose: SharingPurpose; categories: readonly InformationCategory[]; at: Date };

/** The gate on the person's records as they stand now, to ask about one recipient or several. */
async function gateFor(
  executor: Executor,
  orgId: string,
  personId: string,
  question: GateQuestion,
): Promise<(recipient: Recipient) => GateDecision> {
  const records = await sharingRepository.loadSharingRecords(executor, orgId, personId);
  return (recipient) =>
    decideShare(records, {
      recipient,
      purpose: question.purpose,
      categories: question.categories,
      at: question.at,
    });
}

function presentDecision(
  decision: GateDecision,
  recipient: ResolvedRecipient,
  lawfulBasis: LawfulBasis | null,
  agreement: { id: string; title: string; reference: string | null } | null,
) {
  return {
    allowed: decision.allowed,
    basis: decision.allowed ? decision.basis : null,
    record: decision.allowed ? decision.record : null,
    explanation: decision.explanation,
    reasons: decision.reasons,
    lawfulBasis,
    recipient: {
      partnerOrganisationId: recipient.partnerOrganisationId,
      partnerOrganisationName: recipient.organisationName,
      partnerContactId: recipient.partnerContactId,
      partnerContactName: recipient.contactName,
    },
    agreement,
  };
}

/** Locks the person, resolves the recipient and asks the gate; the lawful basis when it allows. */
async function decideFor(
  trx: Transaction,
  context: RequestContext,
  {
    personId,
    request,
    at,
    requireCurrentContact = true,
  }: {
    personId: string;
    request: RecipientInput & { purpose: SharingPurpose; categories: readonly InformationCategory[] };
    at: Date;
    requireCurrentContact?: boolean;
  },
) {
  await requirePerson(trx, context, { personId, mode: 'share' });
  const recipient = await resolveRecipient(trx, context, request, { requireCurrentContact });
  const question = { purpose: request.purpose, categories: request.categories, at };
  const decision = (await gateFor(trx, context.orgId, personId, question))(recipient);
  const lawfulBasis = decision.allowed ? await lawfulBasisFor(trx, context, request.purpose) : null;
  return { recipient, decision, lawfulBasis };
}

/** "Can I share this?": the gate's answer without sharing anything. The question is audited. */
export async function checkShare(
  db: Db,
  context: RequestContext,
  { personId, input, clock }: { personId: string; input: ShareQuestionInput; clock: Clock },
) {
  const at = clock.now();
  return db.transaction().execute(async (trx) => {
    const { recipient, decision, lawfulBasis } = await decideFor(trx, context, {
      personId,
      request: input,
      at,
    });
    const agreement =
      (await agreementsRepository.findCoveringAgreement(trx, context.orgId, {
        partnerOrganisationId: recipient.partnerOrganisationId,
        purpose: input.purpose,
        categories: input.categories,
        onDate: londonDateOf(at),
      })) ?? null;
    await recordAudit(trx, context, at, {
      action: 'share.check',
      entityType: 'person',
      entityId: personId,
      outcome: decision.allowed ? 'success' : 'denied',
      details: {
        partnerOrganisationId: recipient.partnerOrganisationId,
        partnerContactId: recipient.partnerContactId,
        purpose: input.purpose,
        categories: input.categories,
        basis: decision.allowed ? decision.basis : null,
        reasons: decision.reasons.map((reason) => reason.code),
      },
    });
    return presentDecision(decision, recipient, lawfulBasis, agreement);
  });
}

export type ShareRequest = RecipientInput & {
  purpose: SharingPurpose;
  categories: readonly InformationCategory[];
  delivery: ShareDelivery;
  /** The moment the gate is asked at (see disclosure.ts). */
  moment: DisclosureMoment;
  description: string | null;
  /** What carries the information, e.g. a message. */
  subject?: { type: string; id: string } | undefined;
};

export type GatedShare = { decision: GateDecision; share: ShareLogRow; recipient: ResolvedRecipient };

/**
 * The only way information about a person leaves Liaison: decides the share, writes the share log
 * entry (allowed or refused) and its audit entry, and queues it for sending when asked. Runs in the
 * caller's transaction; a refused share is logged, so the caller must commit before it reports the
 * refusal (see `shareRefused`).
 */
export async function gateShare(
  trx: Transaction,
  context: RequestContext,
  { personId, request, at }: { personId: string; request: ShareRequest; at: Date },
): Promise<GatedShare> {
  const { recipient, decision, lawfulBasis } = await decideFor(trx, context, {
    personId,
    request,
    at,
    requireCurrentContact: request.moment === 'compose' || request.moment === 'recorded',
  });
  const share = await sharingRepository.insertShare(trx, {
    org_id: context.orgId,
    id: randomUUID(),
    person_id: personId,
    partner_organisation_id: recipient.partnerOrganisationId,
    partner_contact_id: recipient.partnerContactId,
    purpose: request.purpose,
    categories: [...request.categories],
    outcome: decision.allowed ? 'allowed' : 'refused',
    basis: decision.allowed ? decision.basis : null,
    basis_record_type: decision.allowed ? decision.record.type : null,
    basis_record_id: decision.allowed ? decision.record.id : null,
    reasons: JSON.stringify(decision.reasons),
    article6: lawfulBasis?.article6 ?? null,
    article9: lawfulBasis?.article9 ?? null,
    dpa2018: lawfulBasis?.dpa2018 ?? null,
    delivery: request.delivery,
    moment: request.moment,
    description: request.description,
    subject_type: request.subject?.type ?? null,
    subject_id: request.subject?.id ?? null,
    actor_type: context.actor.type,
    actor_id: context.actor.id,
    occurred_at: at,
  });
  if (decision.allowed && request.delivery === 'queued') {
    await sharingRepository.insertQueuedShare(trx, {
      org_id: context.orgId,
      share_id: share.id,
      person_id: personId,
      basis_record_id: decision.record.id,
      created_at: at,
    });
  }
  await recordAudit(trx, context, at, {
    action: decision.allowed ? 'share.allowed' : 'share.refused',
    entityType: 'share',
    entityId: share.id,
    outcome: decision.allowed ? 'success' : 'denied',
    changedFields: Object.keys(share),
    details: {
      personId,
      partnerOrganisationId: recipient.partnerOrganisationId,
      purpose: request.purpose,
      categories: [...request.categories],
      basis: share.basis,
      basisRecordId: share.basis_record_id,
      moment: request.moment,
      reasons: decision.reasons.map((reason) => reason.code),
    },
  });
  return { decision, share, recipient };
}

/**
 * The gate's answer for a recipient now, without sharing or logging anything: for deciding what to
 * offer staff (a call to make, who else could be reached), never for disclosing.
 */
export async function decideQuietly(
  executor: Executor,
  orgId: string,
  personId: string,
  question: GateQuestion & { partnerOrganisationId: string; partnerContactId: string | null },
): Promise<GateDecision> {
  const organisation = await findPartnerOrganisation(executor, { orgId }, question.partnerOrganisationId);
  const contact = question.partnerContactId
    ? await findPartnerContact(executor, { orgId }, question.partnerContactId)
    : undefined;
  if (!organisation) {
    return { allowed: false, reasons: [], explanation: 'The partner organisation is not in the register.' };
  }
  const decide = await gateFor(executor, orgId, personId, question);
  return decide(recipientOf(organisation, contact));
}

/**
 * Who at a partner organisation the gate would allow this share to now, by name: offered to staff
 * when the person an escalation step would have reached is not covered. Nothing is shared.
 */
export async function contactsCoveredBy(
  executor: Executor,
  orgId: string,
  personId: string,
  question: GateQuestion & { partnerOrganisationId: string },
): Promise<string[]> {
  const organisation = await findPartnerOrganisation(executor, { orgId }, question.partnerOrganisationId);
  if (!organisation) return [];
  const contacts = await listPartnerContacts(
    executor,
    { orgId },
    {
      partnerOrganisationId: organisation.id,
      limit: 100,
      offset: 0,
    },
  );
  const decide = await gateFor(executor, orgId, personId, question);
  return contacts
    .filter((contact) => decide(recipientOf(organisation, contact)).allowed)
    .map((contact) => contact.name);
}

/** The 403 for a refused share, carrying every reason. */
export function shareRefused(reasons: readonly RefusalReason[], shareId: string): AppError {
  return new AppError(
    'forbidden',
    `This information cannot be shared. ${reasons.map((reason) => reason.message).join(' ')}`,
    { extensions: { reasons, shareId } },
  );
}

/** Records a share made outside Liaison (a phone call, a meeting) once the gate allows it. */
export async function recordShare(
  db: Db,
  context: RequestContext,
  { personId, input, clock }: { personId: string; input: RecordShareInput; clock: Clock },
) {
  const at = clock.now();
  const gated = await db.transaction().execute((trx) =>
    gateShare(trx, context, {
      personId,
      request: {
        partnerOrganisationId: input.partnerOrganisationId,
        partnerContactId: input.partnerContactId,
        purpose: input.purpose,
        categories: input.categories,
        delivery: 'recorded',
        moment: 'recorded',
        description: input.description,
      },
      at,
    }),
  );
  // The refusal is committed to the share log before it is reported.
  if (!gated.decision.allowed) throw shareRefused(gated.decision.reasons, gated.share.id);
  return toShareLogEntry(
    {
      ...gated.share,
      partner_organisation_name: gated.recipient.organisationName,
      partner_contact_name: gated.recipient.contactName,
      queue_status: null,
    },
    await staffNames(db, context, [gated.share.actor_id]),
  );
}

export function toShareLogEntry(share: sharingRepository.ShareLogEntry, users: Map<string, string>) {
  return {
    id: share.id,
    partnerOrganisationId: share.partner_organisation_id,
    partnerOrganisationName: share.partner_organisation_name,
    partnerContactId: share.partner_contact_id,
    partnerContactName: share.partner_contact_name,
    purpose: share.purpose,
    categories: share.categories,
    outcome: share.outcome,
    basis: share.basis,
    basisRecordType: share.basis_record_type,
    basisRecordId: share.basis_record_id,
    reasons: share.reasons as RefusalReason[],
    lawfulBasis:
      share.article6 && share.article9
        ? { article6: share.article6, article9: share.article9, dpa2018: share.dpa2018 }
        : null,
    delivery: share.delivery,
    description: share.description,
    sharedBy:
      share.actor_type === 'user'
        ? (users.get(share.actor_id) ?? 'Former member of staff')
        : share.actor_type === 'api_token'
          ? 'A connected system'
          : 'Liaison',
    occurredAt: share.occurred_at.toISOString(),
    queueStatus: share.queue_status,
  };
}

/** The person's share log, newest first; reading it is audited. */
export async function viewShareLog(
  db: Db,
  context: RequestContext,
  {
    personId,
    clock,
    ...options
  }: Page & { personId: string; outcome?: 'allowed' | 'refused' | undefined; clock: Clock },
) {
  return db.transaction().execute(async (trx) => {
    await requirePerson(trx, context, { personId, mode: 'share' });
    const entries = await shareLogOf(trx, context, personId, options);
    await recordAudit(trx, context, clock.now(), {
      action: 'share_log.view',
      entityType: 'person',
      entityId: personId,
      details: { results: entries.length },
    });
    return entries;
  });
}

/**
 * A page of the person's share log, newest first, as the caller may see it (safeguarding shares
 * only to those who answer for them or made them), with the names of those who shared. Not
 * audited: the caller's view or export is.
 */
export async function shareLogOf(
  executor: Executor,
  context: RequestContext,
  personId: string,
  options: Page & { outcome?: 'allowed' | 'refused' | undefined },
) {
  const shares = await sharingRepository.listShares(executor, context.orgId, personId, {
    ...options,
    restricted: restrictedReader(context),
  });
  const users = await staffNames(
    executor,
    context,
    shares.filter((share) => share.actor_type === 'user').map((share) => share.actor_id),
  );
  return shares.map((share) => toShareLogEntry(share, users));
}

/** Holds one queued share that the gate refused at the moment it was to leave. */
/**
 * The share an email carries, as it is about to be delivered: its share log entry, and where its
 * sending stands (locked until the delivery commits, so a hold cannot slip in between).
 */
export async function findShareToDeliver(
  trx: Transaction,
  context: Pick<RequestContext, 'orgId'>,
  shareId: string,
) {
  const queued = await sharingRepository.findQueuedShare(trx, context.orgId, shareId);
  const share = await sharingRepository.findShareEntry(trx, context.orgId, shareId);
  return { queued, share };
}

export async function holdQueuedShare(
  trx: Transaction,
  context: RequestContext,
  shareId: string,
  reason: string,
  at: Date,
): Promise<boolean> {
  const held = await sharingRepository.holdQueuedShare(trx, context.orgId, shareId, { reason, at });
  if (held) await auditShareHeld(trx, context, { shareId, at, details: { refusedAtDelivery: true } });
  return held;
}

/** The audit entry for a queued share put on hold; `details` say why. */
export function auditShareHeld(
  trx: Transaction,
  context: RequestContext,
  { shareId, at, details }: { shareId: string; at: Date; details: Record<string, unknown> },
) {
  return recordAudit(trx, context, at, {
    action: 'share.hold',
    entityType: 'share',
    entityId: shareId,
    changedFields: ['status', 'held_reason', 'held_at'],
    details,
  });
}

/**
 * Marks a queued share as sent. Refused unless it is still queued (not held or cancelled) and the
 * gate still allows it now, on the same record.
 */
export async function markQueuedShareSent(
  trx: Transaction,
  context: RequestContext,
  shareId: string,
  at: Date,
) {
  const queued = await sharingRepository.findQueuedShare(trx, context.orgId, shareId);
  if (!queued) throw notFound('The queued share');
  if (queued.status !== 'queued') {
    throw new AppError('conflict', `This share is ${queued.status}, so it cannot be sent.`);
  }
  await sharingRepository.setQueuedShareStatus(trx, context.orgId, shareId, { status: 'sent', at });
  await recordAudit(trx, context, at, {
    action: 'share.send',
    entityType: 'share',
    entityId: shareId,
    changedFields: ['status', 'sent_at'],
  });
}

// ---- held shares ----

export async function listHeldShares(
  db: Db,
  context: RequestContext,
  options: Page & { personId?: string | undefined },
) {
  const rows = await sharingRepository.listHeldShares(db, context.orgId, options);
  return rows.map((row) => ({
    shareId: row.share_id,
    personId: row.person_id,
    personName: `${row.given_name} ${row.family_name}`,
    partnerOrganisationName: row.partner_organisation_name,
    partnerContactName: row.partner_contact_name,
    purpose: row.purpose,
    categories: row.categories,
    heldReason: row.held_reason,
    heldAt: row.held_at?.toISOString() ?? null,
    status: row.status,
  }));
}

/** A manager decides a held share will not be sent. */
export async function cancelHeldShare(
  db: Db,
  context: RequestContext,
  { shareId, note, clock }: { shareId: string; note: string; clock: Clock },
) {
  const now = clock.now();
  const manager = staffUserId(context, 'Cancelling a held share');
  await db.transaction().execute(async (trx) => {
    const queued = await sharingRepository.findQueuedShare(trx, context.orgId, shareId);
    if (!queued) throw notFound('The held share');
    if (queued.status !== 'held') throw new AppError('conflict', `This share is ${queued.status}, not held.`);
    await sharingRepository.setQueuedShareStatus(trx, context.orgId, shareId, {
      status: 'cancelled',
      at: now,
      resolvedBy: manager,
      note,
    });
    await recordAudit(trx, context, now, {
      action: 'share.cancel',
      entityType: 'share',
      entityId: shareId,
      changedFields: ['status', 'resolved_at', 'resolved_by', 'resolution_note'],
    });
  });
}
