import { recordAudit } from '../audit/audit.service.ts';
import type { Clock } from '../clock.ts';
import type { RequestContext } from '../context.ts';
import type { Db, Executor } from '../db/database.ts';
import { eventTitles } from '../partner-messages/partner-messages.vocabulary.ts';
import { personName } from '../people/person-name.ts';
import { staffNames } from '../users/users.service.ts';
import * as reviewRepository from './incident-review.repository.ts';
import type { TimelineEntryKind } from './incident-timeline.vocabulary.ts';
import * as incidentsRepository from './incidents.repository.ts';
import { findIncident } from './incidents.service.ts';
import type { IncidentRow } from './incidents.table.ts';
import { measureKindLabels } from './incidents.vocabulary.ts';

// The incident's timeline: one ordered view of everything on it.

export type TimelineEntry = {
  at: string;
  kind: TimelineEntryKind;
  text: string;
  who: string | null;
  messageId: string | null;
  personId: string | null;
};

/** Everything on the incident, oldest first, a page at a time. Reading it is audited. */
export async function incidentTimeline(
  db: Db,
  context: RequestContext,
  options: { incidentId: string; limit: number; offset: number; kind?: string | undefined; clock: Clock },
): Promise<TimelineEntry[]> {
  const { incidentId } = options;
  return db.transaction().execute(async (trx) => {
    const incident = await findIncident(trx, context, { incidentId });
    const whole = await collectEntries(trx, incident);
    const entries = options.kind ? whole.filter((entry) => entry.kind === options.kind) : whole;
    await recordAudit(trx, context, options.clock.now(), {
      action: 'incident.view_timeline',
      entityType: 'incident',
      entityId: incidentId,
      details: { entries: entries.length },
    });
    // Only the page is written out: a long incident's timeline has thousands of entries.
    return entries.slice(options.offset, options.offset + options.limit).map(shown);
  });
}

/**
 * An entry as it is gathered: when it happened as a Date (written out only for the entries shown),
 * the order it was gathered in to break ties, and when it was written down, where that is known (a
 * reply logged later than it came). Every entry has the same fields, so gathering thousands of them
 * stays cheap.
 */
type Gathered = Omit<TimelineEntry, 'at'> & {
  at: Date;
  order: number;
  recordedAt: Date | null;
  /** A measure's entries: which measure, as the review names it. */
  measureKey: string | null;
};

function shown(entry: Gathered): TimelineEntry {
  return {
    at: entry.at.toISOString(),
    kind: entry.kind,
    text: entry.text,
    who: entry.who,
    messageId: entry.messageId,
    personId: entry.personId,
  };
}

/**
 * The timeline of a closed incident as it stood at closing, and what has happened since, oldest
 * first: every entry on its messages' threads written after closing (a reply, a call logged, an
 * escalation), and the end of each measure the review, kept at closing, lists as still in place.
 * The review's figures do not count what came since. An open incident has nothing since.
 */
export async function splitAtClosing(
  executor: Executor,
  incident: IncidentRow,
  keptMeasures: readonly { kind: string; description: string; startsAt: string; endedAt: string | null }[],
): Promise<{ toClosing: TimelineEntry[]; sinceClosing: TimelineEntry[] }> {
  const entries = await collectEntries(executor, incident);
  const closedAt = incident.closed_at;
  const isSince = (entry: Gathered) => {
    if (!closedAt) return false;
    if (entry.kind === 'measure.ended') {
      return keptMeasures.some(
        (measure) =>
          measure.endedAt === null &&
          entry.measureKey === `${measure.kind} ${measure.description} ${measure.startsAt}`,
      );
    }
    return entry.at > closedAt || (entry.recordedAt !== null && entry.recordedAt > closedAt);
  };
  return {
    toClosing: entries.filter((entry) => !isSince(entry)).map(shown),
    sinceClosing: entries.filter(isSince).map(shown),
  };
}

async function collectEntries(executor: Executor, incident: IncidentRow): Promise<Gathered[]> {
  const orgId = incident.org_id;
  const entries: Gathered[] = [];
  const push = (
    at: Date,
    entry: Omit<TimelineEntry, 'at'>,
    written: { recordedAt?: Date; measureKey?: string } = {},
  ) =>
    entries.push({
      at,
      kind: entry.kind,
      text: entry.text,
      who: entry.who,
      messageId: entry.messageId,
      personId: entry.personId,
      order: entries.length,
      recordedAt: written.recordedAt ?? null,
      measureKey: written.measureKey ?? null,
    });

  const key = { orgId, incidentId: incident.id };
  const [people, measures, records, events] = await Promise.all([
    reviewRepository.listTimelinePeople(executor, key),
    incidentsRepository.listMeasures(executor, orgId, incident.id),
    reviewRepository.listTimelineRecords(executor, key),
    reviewRepository.listMessageEvents(executor, key),
  ]);
  const staff = await staffNames(executor, { orgId }, [
    ...measures.map((measure) => measure.owner_id),
    ...records.filter((record) => record.recorded_by_type === 'user').map((record) => record.recorded_by),
  ]);

  push(incident.started_at, {
    kind: 'incident.started',
    text: `${incident.title}: ${incident.summary}`,
    who: null,
    messageId: null,
    personId: null,
  });
  for (const person of people) {
    push(person.added_at, {
      kind: 'person.added',
      text: `${personName(person)} added: ${person.risk_level} risk.`,
      who: null,
      messageId: null,
      personId: person.person_id,
    });
    if (person.adjusted_at && person.adjusted_level) {
      push(person.adjusted_at, {
        kind: 'person.risk_adjusted',
        text: `${personName(person)}: risk changed to ${person.adjusted_level}. ${person.adjusted_reason ?? ''}`.trim(),
        who: null,
        messageId: null,
        personId: person.person_id,
      });
    }
  }
  for (const measure of measures) {
    const what = `${measure.kind === 'other' ? 'Interim measure' : measureKindLabels[measure.kind]}: ${measure.description}`;
    const who = staff.get(measure.owner_id) ?? null;
    push(measure.starts_at, {
      kind: 'measure.started',
      text: what,
      who,
      messageId: null,
      personId: measure.person_id,
    });
    if (measure.ended_at) {
      push(
        measure.ended_at,
        { kind: 'measure.ended', text: `Ended. ${what}`, who, messageId: null, personId: measure.person_id },
        { measureKey: `${measure.kind} ${measure.description} ${measure.starts_at.toISOString()}` },
      );
    }
  }
  for (const record of records) {
    const who =
      record.recorded_by_type === 'user' ? (staff.get(record.recorded_by) ?? null) : 'A connected system';
    const text =
      record.kind === 'decision'
        ? `Decision: ${record.decision} Evidence: ${record.evidence} Why: ${record.rationale}`
        : record.kind === 'note' || record.kind === 'gate_refusal'
          ? (record.note ?? '')
          : `${record.kind === 'hazard' ? 'Hazard' : 'Reading'} at ${record.location}: ${[
              record.measure,
              record.value === null ? null : `${Number(record.value)}${record.unit ? ` ${record.unit}` : ''}`,
              record.note,
            ]
              .filter(Boolean)
              .join(', ')}`;
    push(record.occurred_at, { kind: record.kind, text, who, messageId: null, personId: record.person_id });
  }
  for (const event of events) {
    push(
      event.occurred_at,
      {
        kind: `message.${event.kind}`,
        text: `${eventTitles[event.kind]}: "${event.subject}" (${event.partner_name})${event.text ? `. ${event.text}` : ''}`,
        who: event.actor_name,
        messageId: event.message_id,
        personId: event.person_id,
      },
      { recordedAt: event.recorded_at },
    );
  }
  if (incident.ended_at) {
    push(incident.ended_at, {
      kind: 'incident.ended',
      text: 'The disruption ended.',
      who: null,
      messageId: null,
      personId: null,
    });
  }
  if (incident.closed_at) {
    push(incident.closed_at, {
      kind: 'incident.closed',
      text: 'Incident closed.',
      who: null,
      messageId: null,
      personId: null,
    });
  }
  return entries.sort((a, b) => a.at.getTime() - b.at.getTime() || a.order - b.order);
}
