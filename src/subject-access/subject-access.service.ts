import { accessLogOfPerson } from '../audit/access-history.service.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { inLondon } from '../calendar/london-time.ts';
import { wholeChronologyOf } from '../chronology/chronology.service.ts';
import type { Clock } from '../clock.ts';
import type { RequestContext } from '../context.ts';
import type { Db } from '../db/database.ts';
import { getOrganisation } from '../organisations/organisations.service.ts';
import { partnerTypeLabels } from '../partners/partners.vocabulary.ts';
import { wholeCircleOf } from '../people/circle-of-support.service.ts';
import { getPerson, listRepresentativesOf } from '../people/people.service.ts';
import {
  clinicalFlagLabels,
  deputyDecisionLabels,
  personStatusLabels,
  representativeKindLabels,
} from '../people/people.vocabulary.ts';
import { shareInWords, wholeShareLogOf } from '../sharing/share-log-in-words.ts';
import { staffNames } from '../users/users.service.ts';
import type { SubjectAccessExport } from './subject-access.schemas.ts';

/** The most chronology entries and access-log visits one export holds: many years of a busy record. */
const MOST_ENTRIES = 50_000;

const REVIEW_BEFORE_SENDING =
  'Check this copy before you send it. It can name other people (staff, partners, other people ' +
  'supported) and hold information that partners gave in confidence; UK GDPR lets you withhold ' +
  'information about others without their consent, and information whose disclosure would be ' +
  'likely to cause serious harm to the person or anyone else. Record what you withheld and why. ' +
  'The request must be answered within one month.';

const ukTime = (at: Date) => inLondon(at).toISO() ?? at.toISOString();

/**
 * A copy of everything Liaison holds about one person, for a subject access request: their
 * record, their representatives and circle of support, their whole chronology (messages,
 * incidents, consent, capacity, advice, safeguarding…), every share with a partner and every
 * visit to their records. Read in one transaction, so the parts agree with each other, and
 * recorded in the audit trail with it.
 */
export async function exportSubjectAccess(
  db: Db,
  context: RequestContext,
  personId: string,
  clock: Clock,
): Promise<{ copy: SubjectAccessExport; fileName: string }> {
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      const person = await getPerson(trx, context, personId);
      const organisation = await getOrganisation(trx, context);
      const representatives = await listRepresentativesOf(trx, context, personId);
      const circle = await wholeCircleOf(trx, context, personId);
      const chronology = await wholeChronologyOf(trx, context, {
        personId,
        ownAgency: organisation.name,
        most: MOST_ENTRIES,
      });
      const shares = await wholeShareLogOf(trx, context, personId);
      const visits = await accessLogOfPerson(trx, context, personId, MOST_ENTRIES + 1);
      const exporter =
        context.actor.type === 'user'
          ? ((await staffNames(trx, context, [context.actor.id])).get(context.actor.id) ?? null)
          : null;
      const now = clock.now();
      const parts = {
        representatives: { entries: representatives.length, complete: true },
        circleOfSupport: { entries: circle.length, complete: true },
        chronology: { entries: chronology.entries.length, complete: chronology.complete },
        sharedWithPartners: { entries: shares.entries.length, complete: shares.complete },
        accessLog: {
          entries: Math.min(visits.length, MOST_ENTRIES),
          complete: visits.length <= MOST_ENTRIES,
        },
      };
      await recordAudit(trx, context, now, {
        action: 'person.subject_access_export',
        entityType: 'person',
        entityId: personId,
        details: Object.fromEntries(Object.entries(parts).map(([name, part]) => [name, part.entries])),
      });
      const name = `${person.given_name} ${person.family_name}`;
      const copy: SubjectAccessExport = {
        about: {
          title: `Everything ${organisation.name} holds about ${name} in Liaison`,
          organisation: organisation.name,
          exportedAt: ukTime(now),
          exportedBy: exporter ?? 'Liaison',
          reviewBeforeSending: REVIEW_BEFORE_SENDING,
          parts,
        },
        person: {
          name,
          preferredName: person.preferred_name,
          dateOfBirth: person.date_of_birth,
          nhsNumber: person.nhs_number,
          address: person.address,
          postcode: person.postcode,
          service: person.care_service_name,
          status: personStatusLabels[person.status],
          communicationNeeds: person.communication_needs,
          clinicalFlags: person.clinical_flags.map((flag) => clinicalFlagLabels[flag]),
          clinicalFlagsNote: person.clinical_flags_note,
          recordCreated: ukTime(person.created_at),
          recordLastChanged: ukTime(person.updated_at),
        },
        representatives: representatives.map((representative) => ({
          kind: representativeKindLabels[representative.kind],
          name: representative.name,
          relationship: representative.relationship,
          phone: representative.phone,
          email: representative.email,
          address: representative.address,
          scopeOfAuthority: representative.scope_of_authority,
          decisionAreas: representative.deputy_decisions.map((area) => deputyDecisionLabels[area]),
          reference: representative.reference,
          registeredOn: representative.registered_on,
          documentSeenOn: representative.document_seen_on,
          ended: representative.ended_at ? ukTime(representative.ended_at) : null,
          endedReason: representative.ended_reason,
        })),
        circleOfSupport: circle.map((member) => ({
          role: partnerTypeLabels[member.role],
          primaryContact: member.is_primary,
          name: member.contact_name,
          organisation: member.partner_organisation_name,
          jobTitle: member.contact_job_title,
          email: member.contact_email,
          phone: member.contact_phone,
          from: member.started_on,
          to: member.ended_on,
        })),
        chronology: chronology.entries.map((entry) => ({
          when: ukTime(entry.occurredAt),
          recorded: ukTime(entry.recordedAt),
          agency: entry.agency,
          kind: entry.kindLabel,
          text: entry.text,
          recordedBy: entry.recordedBy,
          partOf: entry.subject?.title ?? null,
        })),
        sharedWithPartners: shares.entries.map(shareInWords).reverse(),
        accessLog: visits
          .slice(0, MOST_ENTRIES)
          .reverse()
          .map((visit) => ({
            from: ukTime(visit.first_at),
            to: ukTime(visit.last_at),
            who: visit.actorDescription,
            what: visit.label,
            detail: visit.detail,
          })),
      };
      return { copy, fileName: `subject-access-${person.family_name}-${person.given_name}.json` };
    });
}
