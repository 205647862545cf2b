import { afterAll, beforeAll } from 'vitest';
import { createApiToken } from '../src/auth/auth.service.ts';
import type { Clock } from '../src/clock.ts';
import type { CreateConsentInput } from '../src/consent/consent.schemas.ts';
import { recordConsent } from '../src/consent/consent.service.ts';
import type { RequestContext } from '../src/context.ts';
import type { Db } from '../src/db/database.ts';
import { fireDueSteps } from '../src/escalation/escalation-steps.service.ts';
import { createMailer, type Mailer } from '../src/mail/mailer.ts';
import { deliverDueEmails } from '../src/outbox/email-delivery.ts';
import { messageEscalationHandler } from '../src/partner-messages/message-escalation.ts';
import type {
  CreatePartnerContactInput,
  CreatePartnerOrganisationInput,
} from '../src/partners/partners.schemas.ts';
import type { StaffRole } from '../src/users/users.table.ts';
import type { TestApp } from './app-for-test.ts';
import {
  createStaffedOrganisation,
  createTestOrganisation,
  createTestPartnerContact,
  createTestPartnerOrganisation,
  createTestPerson,
  createTestUser,
  type SignedIn,
  signIn,
} from './factories.ts';
import { answerAs, okAs } from './requests.ts';
import { startTestSmtpServer, type TestSmtpServer } from './smtp-server.ts';

// Named situations tests start from, built through the same factories and services as the app's
// own records, each answering typed handles to what it made. A test reads as its scenario and
// what it then checks.

type Records = { db: Db; clock: Clock };

/** Every role, signed in: what `createStaffedOrganisation` answers. */
export type Staff = Record<StaffRole, SignedIn & { email: string }>;

/** A member of staff acting through a service directly, as a route would tell the service. */
export function actingAs(orgId: string, userId: string, role: StaffRole): RequestContext {
  return { orgId, actor: { type: 'user', id: userId, role }, requestId: null, ip: null };
}

/**
 * An organisation with one signed-in member of staff of each role, and the manager and the care
 * worker as services see them.
 */
export async function staffedOrganisation(t: TestApp) {
  const { organisation, staff } = await createStaffedOrganisation(t.app, t.db, t.clock);
  return {
    organisation,
    orgId: organisation.id,
    staff,
    manager: actingAs(organisation.id, staff.manager.userId, 'manager'),
    careWorker: actingAs(organisation.id, staff.care_worker.userId, 'care_worker'),
  };
}

/** A new member of staff of the organisation, signed in as they would in the browser. */
export async function signedInStaff(
  t: TestApp,
  orgId: string,
  member: { role: StaffRole; email?: string; displayName?: string },
) {
  return signIn(t.app, (await createTestUser(t.db, t.clock, orgId, member)).email);
}

/** An organisation with one member of staff of `role` (not signed in), as services see them. */
export async function organisationWithMember(t: Records, role: StaffRole) {
  const organisation = await createTestOrganisation(t.db, t.clock);
  const user = await createTestUser(t.db, t.clock, organisation.id, { role });
  return { organisation, orgId: organisation.id, user, context: actingAs(organisation.id, user.id, role) };
}

/**
 * An organisation with an API token of `role` that its member of staff of role `madeBy` made,
 * as a system calling the API holds it: answers the organisation, who made it (as services see
 * them), the token and the headers the system sends.
 */
export async function organisationWithApiToken(
  t: Records,
  token: { madeBy: StaffRole; name: string; role: StaffRole; expiresAt?: Date },
) {
  const { organisation, context } = await organisationWithMember(t, token.madeBy);
  const created = await createApiToken(t.db, context, {
    name: token.name,
    role: token.role,
    expiresAt: token.expiresAt ?? null,
    clock: t.clock,
  });
  return { organisation, context, ...created, headers: { authorization: `Bearer ${created.token}` } };
}

/** A partner organisation with one contact in it, of the organisation's type unless `contact` says. */
export async function partnerWithContact(
  t: Records,
  orgId: string,
  organisation: Partial<CreatePartnerOrganisationInput> & Pick<CreatePartnerOrganisationInput, 'type'>,
  contact: Partial<CreatePartnerContactInput> = {},
) {
  const partner = await createTestPartnerOrganisation(t.db, t.clock, orgId, organisation);
  return {
    organisation: partner,
    contact: await createTestPartnerContact(t.db, t.clock, orgId, partner.id, {
      type: organisation.type,
      ...contact,
    }),
  };
}

/**
 * The person's own consent, given on `givenOn` (verbally unless `recordedHow` says) and to be
 * reviewed on `reviewOn`, to share `categories` (identity and health unless said) for `purposes`
 * with the named partner organisations and contacts.
 */
export function consentToShare(
  t: Records,
  context: RequestContext,
  personId: string,
  basis: {
    partnerOrganisationIds?: string[];
    partnerContactIds?: string[];
    purposes: CreateConsentInput['purposes'];
    categories?: CreateConsentInput['categories'];
    recordedHow?: CreateConsentInput['recordedHow'];
    givenOn: string;
    reviewOn: string;
  },
) {
  return recordConsent(
    t.db,
    context,
    personId,
    {
      givenBy: 'person',
      partnerOrganisationIds: basis.partnerOrganisationIds ?? [],
      partnerContactIds: basis.partnerContactIds ?? [],
      partnerTypes: [],
      purposes: basis.purposes,
      categories: basis.categories ?? ['identity', 'health'],
      recordedHow: basis.recordedHow ?? 'verbal',
      givenOn: basis.givenOn,
      reviewOn: basis.reviewOn,
    },
    t.clock,
  );
}

/** A new person of the organisation who gave the consent `basis` describes, recorded by `context`. */
export async function personWithConsent(
  t: Records,
  context: RequestContext,
  basis: Parameters<typeof consentToShare>[3],
  person: Parameters<typeof createTestPerson>[3] = {},
) {
  const created = await createTestPerson(t.db, t.clock, context.orgId, person);
  return { person: created, consent: await consentToShare(t, context, created.id, basis) };
}

/**
 * The local authority's safeguarding hub with its duty contact, whom the organisation's registered
 * manager names as the safeguarding link (a referral's decision due in 2 working days).
 */
export async function safeguardingHub(t: TestApp, staff: Staff) {
  const hub = await partnerWithContact(
    t,
    staff.registered_manager.orgId,
    { name: 'Exampleton Adult Safeguarding Hub', type: 'safeguarding_team' },
    { name: 'Sam Duty', email: 'mash@example.gov.uk' },
  );
  await answerAs(
    t.app,
    200,
    'PUT',
    '/api/safeguarding/settings',
    staff.registered_manager,
    { decisionWorkingDays: 2, safeguardingLinkContactId: hub.contact.id },
    1,
  );
  return hub;
}

// ---- messages, escalation and email ----

/** The token of a partner link: the part after `#`, which the browser never sends to the server. */
export const tokenOf = (link: string) => link.slice(link.indexOf('#') + 1);

/**
 * A message `who` sent through the API to the one contact of a new partner organisation, awaiting
 * the partner's reply: a routine update about nobody to a housing provider, unless `partner`,
 * `contact` or the message's own fields say otherwise. Answers the message's id and link, the
 * link's token, the partner it went to, and the API's whole answer.
 */
export async function sentMessage(
  t: TestApp,
  who: SignedIn,
  {
    partner: organisationFields = { type: 'housing' },
    contact: contactFields = {},
    ...message
  }: {
    partner?: Parameters<typeof partnerWithContact>[2];
    contact?: Partial<CreatePartnerContactInput>;
    [field: string]: unknown;
  } = {},
) {
  const partner = await partnerWithContact(t, who.orgId, organisationFields, contactFields);
  const sent = await okAs(t.app, 'POST', '/api/messages', who, {
    template: 'update',
    urgency: 'routine',
    partnerOrganisationId: partner.organisation.id,
    partnerContactId: partner.contact.id,
    subject: 'Change of visiting hours',
    summary: 'Visiting hours at Oak House change from Monday.',
    ...message,
  });
  const { id, partnerLink }: { id: string; partnerLink: string } = sent;
  return { id, partnerLink, token: tokenOf(partnerLink), partner, answer: sent };
}

/** One run of the escalation job for messages, as the scheduler runs it. */
export function sweepMessageEscalations(t: TestApp, publicUrl = 'https://liaison.example.org') {
  return fireDueSteps(t.db, {
    clock: t.clock,
    handler: messageEscalationHandler({ publicUrl, keyFile: t.config.mfaKeyFile }),
  });
}

/** One run of the email job: sends what is due through `mailer`; answers how many were sent. */
export function deliverEmails(t: TestApp, mailer: Mailer) {
  return deliverDueEmails(t.db, {
    mailer,
    clock: t.clock,
    domain: 'liaison.example.org',
    keyFile: t.config.mfaKeyFile,
  });
}

/**
 * A test mail server and a mailer pointed at it for the whole test file, started before its first
 * test and stopped after its last. Filled in when the file's tests start, like `testAppForFile`.
 */
export function mailServerForFile(): { smtp: TestSmtpServer; mailer: Mailer } {
  const mail = {} as { smtp: TestSmtpServer; mailer: Mailer };
  beforeAll(async () => {
    mail.smtp = await startTestSmtpServer();
    mail.mailer = createMailer(mail.smtp.smtpConfig());
  });
  afterAll(async () => {
    await mail.mailer?.close();
    await mail.smtp?.stop();
  });
  return mail;
}

/**
 * Cancels every escalation step still pending. Tests sharing a file's database call it first, so
 * a sweep fires only what the test itself scheduled.
 */
export async function cancelPendingEscalationSteps(t: Records, reason = 'test isolation') {
  await t.db
    .updateTable('escalation_steps')
    .set({ status: 'cancelled', cancelled_at: t.clock.now(), cancelled_reason: reason })
    .where('status', '=', 'pending')
    .execute();
}

/** Marks every email still waiting as sent, so what earlier tests queued never goes in a later one. */
export async function markPendingEmailsSent(t: Records) {
  await t.db
    .updateTable('email_outbox')
    .set({ status: 'sent', sent_at: t.clock.now() })
    .where('status', '=', 'pending')
    .execute();
}
