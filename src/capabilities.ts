import { readAdviceOfPerson } from './advice/advice.chronology.ts';
import { whenAttentionDealtWith } from './attention/attention.service.ts';
import { registerChronologySource } from './chronology/chronology.ts';
import { readConsentOfPerson, readConsentWithdrawalsOfPerson } from './consent/consent.chronology.ts';
import { readIncidentRecordsOfPerson } from './incidents/incidents.chronology.ts';
import { describeIncident } from './incidents/incidents.service.ts';
import { readCapacityRecordsOfPerson } from './mental-capacity/mental-capacity.chronology.ts';
import { whenEmailsOf } from './outbox/outbox.service.ts';
import { messageEmailOutcomes } from './partner-messages/message-email-outcomes.ts';
import { registerMessageOrigin } from './partner-messages/message-origins.ts';
import { describeMessage } from './partner-messages/message-subject.ts';
import { readMessageEventsOfPerson } from './partner-messages/partner-messages.chronology.ts';
import { endMessageSharing } from './partner-messages/sharing-ended.ts';
import { readConcernAdvice, readConcernEntriesOfPerson } from './safeguarding/safeguarding.chronology.ts';
import { concernOfMessage, describeConcern } from './safeguarding/safeguarding.subject.ts';
import { concernAttentionDealtWith } from './safeguarding/safeguarding-alerts.ts';
import { readSafeguardingAuthorisationsOfPerson } from './safeguarding-authorisations/safeguarding-authorisations.chronology.ts';
import { whenSharingBasisEnds } from './sharing/basis-endings.ts';
import { readSafeguardingSharesOfPerson } from './sharing/sharing.chronology.ts';
import { registerSubject } from './subjects/subjects.ts';

/**
 * How each capability plugs into the shared mechanisms. Every way into Liaison that does work
 * (the HTTP app, the demo loader, the command line) calls this first: a message sent while the
 * demo loads shows where it came from just as one sent through the API does. Registering twice
 * changes nothing, so callers need not know whether another already has.
 */
export function registerCapabilities(): void {
  // What closes when a basis for sharing ends: each feature that discloses through its own links.
  whenSharingBasisEnds(endMessageSharing);
  // How each kind of record is named wherever a shared mechanism (needs attention, the outbox,
  // actions, a message's "sent from") shows it.
  registerSubject('partner_message', describeMessage);
  registerSubject('incident', describeIncident);
  registerSubject('concern', describeConcern);
  whenEmailsOf('partner_message', messageEmailOutcomes);
  // What marking a "needs attention" item dealt with settles in the feature it is about.
  whenAttentionDealtWith('concern', concernAttentionDealtWith);
  // Where a message was sent from, beyond an incident: its page leads back there.
  registerMessageOrigin(concernOfMessage);
  // What a person's chronology is made of: each source reads its own records about the person.
  registerChronologySource('partner_messages', readMessageEventsOfPerson);
  registerChronologySource('incidents', readIncidentRecordsOfPerson);
  registerChronologySource('consent', readConsentOfPerson);
  registerChronologySource('consent_withdrawals', readConsentWithdrawalsOfPerson);
  registerChronologySource('mental_capacity', readCapacityRecordsOfPerson);
  registerChronologySource('safeguarding_authorisations', readSafeguardingAuthorisationsOfPerson);
  registerChronologySource('advice', readAdviceOfPerson);
  registerChronologySource('safeguarding_shares', readSafeguardingSharesOfPerson);
  registerChronologySource('concern_entries', readConcernEntriesOfPerson);
  registerChronologySource('concern_advice', (executor, query) =>
    readConcernAdvice(executor, query, 'person_id'),
  );
}
