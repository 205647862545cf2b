import type { AccessVisit } from '../api.ts';

// Actions are described by the server (src/audit/audit-labels.ts); only the kinds of record are named here.

const entityTypeLabels: Record<string, string> = {
  person: 'Person',
  user: 'Staff member',
  person_representative: 'Representative',
  circle_member: 'Circle of support',
  route: 'Page or action',
  audit_chain: 'Audit trail',
  organisation: 'Organisation',
  partner_organisation: 'Partner organisation',
  partner_contact: 'Partner contact',
  share: 'Share',
  consent_record: 'Consent',
  partner_message: 'Partner message',
  incident: 'Incident',
  api_token: 'API token',
};

/** Which record: its name where Liaison shows one, otherwise its kind (never an id). */
export function describeEntity(visit: AccessVisit): string {
  const { entity } = visit;
  return entity.name ?? entityTypeLabels[entity.type] ?? entity.type.replaceAll('_', ' ');
}
