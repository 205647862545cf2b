import { listActionsDue } from '../actions/actions.service.ts';
import { countOpenAttention, listAttention } from '../attention/attention.service.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { careRecordReaders, managers, registerKeepers } from '../auth/role-groups.ts';
import { londonDateOf } from '../calendar/london-time.ts';
import type { Clock } from '../clock.ts';
import { consentsDueForReview } from '../consent/consent.service.ts';
import type { RequestContext } from '../context.ts';
import type { Db, Executor } from '../db/database.ts';
import { openIncidents } from '../incidents/incidents.service.ts';
import { incidentTypeLabels, severityLabels } from '../incidents/incidents.vocabulary.ts';
import { capacityRecordsDueForReview } from '../mental-capacity/mental-capacity.service.ts';
import {
  type MessageWithNames,
  messagesWaitingForStaff,
} from '../partner-messages/message-reading.service.ts';
import { partnerContactsToRecheck } from '../partners/partners.service.ts';
import { safeguardingWaitingForManagers } from '../safeguarding/concern-patterns.service.ts';
import { abuseCategoryLabels } from '../safeguarding/safeguarding.vocabulary.ts';
import { authorisationsEnding } from '../safeguarding-authorisations/safeguarding-authorisations.service.ts';
import { describeSubject, subjectTypeLabels } from '../subjects/subjects.ts';
import type { StaffRole } from '../users/users.table.ts';
import type { HomeWork, WorkGroup, WorkItem } from './home.schemas.ts';
import { type WorkKind, workKinds } from './home.vocabulary.ts';

// The home page's work list: what needs the caller, gathered from each feature's own service, for
// the caller's organisation and within what their role may see. Each kind is a count and its few
// most urgent items, each linking to where it is dealt with.

/** How many items of each kind the list shows; the count says how many there are. */
export const ITEMS_PER_KIND = 3;
/** Reviews (consent, capacity, restrictions…) show from this many days before they are due. */
export const REVIEW_NOTICE_DAYS = 14;
/** Actions show from this many days before they are due. */
export const ACTION_NOTICE_DAYS = 7;
/** An authorisation that ended without being renewed stays on the list this many days. */
export const ENDED_AUTHORISATION_DAYS = 7;

const DAY_MS = 86_400_000;

type Scope = {
  /** Managers and the registered manager: everything in the organisation, safeguarding included. */
  manages: boolean;
  /** The auditor: what a manager sees, to look at. */
  audits: boolean;
  readsCareRecords: boolean;
  keepsRegister: boolean;
  /** A care worker's lists of their own: the messages they sent, the actions they lead. */
  ownUserId: string | null;
};

function scopeOf(context: RequestContext): Scope {
  const role = context.actor.role as StaffRole;
  return {
    manages: managers.includes(role),
    audits: role === 'auditor',
    readsCareRecords: careRecordReaders.includes(role),
    keepsRegister: registerKeepers.includes(role),
    ownUserId: role === 'care_worker' && context.actor.type === 'user' ? context.actor.id : null,
  };
}

/** A London day `days` after `at`'s London day. */
function londonDayAfter(at: Date, days: number): string {
  return londonDateOf(new Date(at.getTime() + days * DAY_MS));
}

function item(fields: Partial<WorkItem> & Pick<WorkItem, 'title'>): WorkItem {
  return { detail: null, dueAt: null, dueOn: null, since: null, overdue: false, webPath: null, ...fields };
}

/** Words joined as sentences, each ending with a full stop; null when there are none. */
function sentences(parts: readonly (string | null)[]): string | null {
  const present = parts.filter((part): part is string => Boolean(part));
  return present.length > 0
    ? present.map((part) => (part.endsWith('.') ? part : `${part}.`)).join(' ')
    : null;
}

const repliedWords = { declined: 'declined', responded: 'responded', done: 'said it is done' } as const;

function messageItem(message: MessageWithNames, kind: 'replied' | 'overdue'): WorkItem {
  const partner = `${message.partner_contact_name}, ${message.partner_organisation_name}`;
  const about = message.person_name ? ` About ${message.person_name}.` : '';
  if (kind === 'overdue') {
    return item({
      title: message.subject,
      detail: `To ${partner}.${about}`,
      dueAt: message.deadline?.toISOString() ?? null,
      overdue: true,
      webPath: `/messages/${message.id}`,
    });
  }
  const status = message.status as keyof typeof repliedWords;
  const repliedAt = message.declined_at ?? message.responded_at ?? message.done_at;
  return item({
    title: message.subject,
    detail: `${partner} ${repliedWords[status] ?? 'replied'}.${about}`,
    since: repliedAt?.toISOString() ?? null,
    webPath: `/messages/${message.id}`,
  });
}

/** What the caller's work list holds now. Viewing it is audited: it names people. */
export async function viewHomeWork(
  db: Db,
  context: RequestContext,
  { clock }: { clock: Clock },
): Promise<HomeWork> {
  const now = clock.now();
  return db.transaction().execute(async (trx) => {
    const groups = await gatherWork(trx, context, now);
    await recordAudit(trx, context, now, {
      action: 'work_list.view',
      entityType: 'organisation',
      entityId: context.orgId,
      details: Object.fromEntries(groups.map((group) => [group.kind, group.count])),
    });
    return { readOnly: scopeOf(context).audits, groups };
  });
}

async function gatherWork(trx: Executor, context: RequestContext, now: Date): Promise<WorkGroup[]> {
  const scope = scopeOf(context);
  const today = londonDateOf(now);
  const limit = ITEMS_PER_KIND;
  const mine = scope.ownUserId !== null;
  const groups: WorkGroup[] = [];
  const add = (kind: WorkKind, group: Omit<WorkGroup, 'kind' | 'mine'> & { mine?: boolean }) => {
    if (group.count > 0) groups.push({ kind, mine: false, ...group, items: group.items.slice(0, limit) });
  };
  const seesSafeguarding = scope.manages || scope.audits;

  // "Needs attention" is for those who act on it: managers, and a care worker on what they sent.
  // What it says about safeguarding concerns is in the safeguarding kinds below, once.
  if (scope.manages || mine) {
    const exceptAbout = ['concern'] as const;
    const items = await listAttention(trx, context, { open: true, limit, offset: 0, exceptAbout });
    add('needs_attention', {
      count: await countOpenAttention(trx, context, { exceptAbout }),
      mine,
      webPath: '/messages/attention',
      items: items.map((each) =>
        item({
          title: each.title,
          detail: sentences([each.subject.title]),
          since: each.createdAt,
          webPath: each.subject.webPath ?? '/messages/attention',
        }),
      ),
    });
  }

  if (scope.readsCareRecords) {
    const messages = await messagesWaitingForStaff(trx, context, { sentBy: scope.ownUserId, now, limit });
    add('requests_overdue', {
      count: messages.overdue.count,
      mine,
      webPath: '/messages?view=overdue',
      items: messages.overdue.messages.map((message) => messageItem(message, 'overdue')),
    });
    add('replies_received', {
      count: messages.replied.count,
      mine,
      webPath: '/messages?view=open',
      items: messages.replied.messages.map((message) => messageItem(message, 'replied')),
    });
  }

  const safeguarding = seesSafeguarding
    ? await safeguardingWaitingForManagers(trx, context, {
        now,
        reviewBy: londonDayAfter(now, REVIEW_NOTICE_DAYS),
        limit,
      })
    : null;
  if (safeguarding) {
    const concernItem = (concern: (typeof safeguarding.triggerMet.concerns)[number]) =>
      item({
        title: `Safeguarding concern: ${abuseCategoryLabels[concern.category].toLowerCase()}`,
        detail: `About ${concern.person_name}.`,
        webPath: `/safeguarding/concerns/${concern.id}`,
      });
    add('concern_decisions_overdue', {
      count: safeguarding.decisionOverdue.count,
      webPath: '/safeguarding/concerns?view=overdue_for_decision',
      items: safeguarding.decisionOverdue.concerns.map((concern) => ({
        ...concernItem(concern),
        dueAt: concern.decision_due_at?.toISOString() ?? null,
        overdue: true,
      })),
    });
    add('concern_triggers_met', {
      count: safeguarding.triggerMet.count,
      webPath: '/safeguarding/concerns?view=triggers_met',
      items: safeguarding.triggerMet.concerns.map((concern) => ({
        ...concernItem(concern),
        since: concern.trigger_met_at ? new Date(concern.trigger_met_at).toISOString() : null,
      })),
    });
  }

  if (scope.readsCareRecords) {
    const due = await listActionsDue(trx, context, {
      leadUserId: scope.ownUserId,
      dueBy: londonDayAfter(now, ACTION_NOTICE_DAYS),
      limit,
    });
    const items: WorkItem[] = [];
    for (const action of due.actions) {
      // A care worker may lead an action on a record they cannot open (a safeguarding concern):
      // they see what to do, not the record.
      const opensSubject = action.subject_type !== 'concern' || seesSafeguarding;
      const subject = opensSubject
        ? await describeSubject(trx, {
            orgId: context.orgId,
            type: action.subject_type,
            id: action.subject_id,
          })
        : undefined;
      const label = subjectTypeLabels[action.subject_type];
      const about = subject
        ? subject.title.startsWith(label)
          ? subject.title
          : `${label}: ${subject.title}`
        : opensSubject
          ? null
          : 'A safeguarding concern';
      items.push(
        item({
          title: action.title,
          detail: sentences([
            mine ? null : `Led by ${action.lead_name ?? 'a former member of staff'}`,
            about,
          ]),
          dueOn: action.due_on,
          overdue: action.due_on < today,
          webPath: subject?.webPath ?? null,
        }),
      );
    }
    add('actions_due', { count: due.count, mine, webPath: null, items });
  }

  if (scope.readsCareRecords) {
    add('reviews_due', await reviewsDue(trx, context, { now, scope, safeguarding }));
  }

  if (scope.readsCareRecords) {
    const open = await openIncidents(trx, context, { limit });
    add('incidents_open', {
      count: open.count,
      webPath: '/incidents',
      items: open.incidents.map((incident) =>
        item({
          title: incident.title,
          detail: `${severityLabels[incident.severity]}: ${incidentTypeLabels[incident.type].toLowerCase()}.`,
          since: incident.started_at.toISOString(),
          webPath: `/incidents/${incident.id}`,
        }),
      ),
    });
  }

  if (scope.keepsRegister || scope.audits) {
    const stale = await partnerContactsToRecheck(trx, context, { now, limit });
    add('contacts_to_recheck', {
      count: stale.count,
      webPath: '/partners/stale',
      items: stale.contacts.map((contact) =>
        item({
          title: `${contact.name}, ${contact.partner_organisation_name}`,
          detail: contact.last_verified_at ? null : 'Never checked.',
          dueAt: contact.verification_due_at?.toISOString() ?? null,
          overdue: true,
          webPath: `/partners/contacts/${contact.id}`,
        }),
      ),
    });
  }

  if (safeguarding) {
    add('concerns_open', { count: safeguarding.open, webPath: '/safeguarding/concerns', items: [] });
  }

  return groups.sort((a, b) => workKinds.indexOf(a.kind) - workKinds.indexOf(b.kind));
}

/**
 * Records whose review date is near or past, merged into one list, the earliest due first:
 * consents and capacity assessments for everyone who records them; best-interests decisions,
 * safeguarding authorisations and interim restrictions for those who decide them.
 */
async function reviewsDue(
  trx: Executor,
  context: RequestContext,
  options: {
    now: Date;
    scope: Scope;
    safeguarding: Awaited<ReturnType<typeof safeguardingWaitingForManagers>> | null;
  },
): Promise<Omit<WorkGroup, 'kind' | 'mine'>> {
  const { now, scope } = options;
  const today = londonDateOf(now);
  const reviewBy = londonDayAfter(now, REVIEW_NOTICE_DAYS);
  const limit = ITEMS_PER_KIND;
  const decides = scope.manages || scope.audits;
  const sharingPage = (personId: string) => `/people/${personId}/sharing`;
  const byDay = (record: { review_on: string }) => ({
    dueOn: record.review_on,
    overdue: record.review_on < today,
  });

  const consents = await consentsDueForReview(trx, context, { reviewBy, limit });
  const capacity = await capacityRecordsDueForReview(trx, context, {
    reviewBy,
    limit,
    bestInterests: decides,
  });
  const authorisations = decides
    ? await authorisationsEnding(trx, context, {
        from: new Date(now.getTime() - ENDED_AUTHORISATION_DAYS * DAY_MS),
        to: new Date(now.getTime() + REVIEW_NOTICE_DAYS * DAY_MS),
        limit,
      })
    : { count: 0, authorisations: [] };
  const restrictions = options.safeguarding?.restrictionsDue ?? { count: 0, restrictions: [] };

  const items: (WorkItem & { sortKey: number })[] = [
    ...consents.consents.map((consent) =>
      item({
        title: `Consent to share: ${consent.person_name}`,
        ...byDay(consent),
        webPath: sharingPage(consent.person_id),
      }),
    ),
    ...capacity.assessments.records.map((assessment) =>
      item({
        title: `Capacity assessment: ${assessment.person_name}`,
        detail: sentences([assessment.decision]),
        ...byDay(assessment),
        webPath: sharingPage(assessment.person_id),
      }),
    ),
    ...capacity.bestInterestsDecisions.records.map((decision) =>
      item({
        title: `Best-interests decision: ${decision.person_name}`,
        detail: sentences([decision.decision]),
        ...byDay(decision),
        webPath: sharingPage(decision.person_id),
      }),
    ),
    ...authorisations.authorisations.map((authorisation) =>
      item({
        title: `Sharing for safeguarding ends: ${authorisation.person_name}`,
        dueAt: authorisation.expires_at.toISOString(),
        overdue: authorisation.expires_at <= now,
        webPath: sharingPage(authorisation.person_id),
      }),
    ),
    ...restrictions.restrictions.map((restriction) =>
      item({
        title: `Interim restriction: ${restriction.person_name}`,
        ...byDay(restriction),
        webPath: `/safeguarding/concerns/${restriction.concern_id}`,
      }),
    ),
  ].map((each) => ({
    ...each,
    // A review date is due at the start of its day.
    sortKey: each.dueAt ? Date.parse(each.dueAt) : Date.parse(`${each.dueOn}T00:00:00Z`),
  }));
  items.sort((a, b) => a.sortKey - b.sortKey);
  return {
    count:
      consents.count +
      capacity.assessments.count +
      capacity.bestInterestsDecisions.count +
      authorisations.count +
      restrictions.count,
    webPath: null,
    items: items.slice(0, limit).map(({ sortKey: _, ...each }) => each),
  };
}
