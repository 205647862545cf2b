import type { AccessEntry, StaffRole } from '../api.ts';
import { roleLabels } from '../roles.ts';

const actionLabels: Record<string, string> = {
  'person.view': 'Viewed the record',
  'person.create': 'Added the record',
  'person.update': 'Changed the record',
  'person.search': 'Searched people',
  'person_representative.create': 'Added a representative',
  'person_representative.update': 'Changed a representative',
  'person_representative.end': 'Ended a representative',
  'circle_member.create': 'Added to their circle of support',
  'circle_member.update': 'Changed their circle of support',
  'consent.record': 'Recorded consent',
  'consent.withdraw': 'Recorded consent withdrawn',
  'capacity_assessment.record': 'Recorded a capacity assessment',
  'best_interests_decision.record': 'Recorded a best interests decision',
  'safeguarding_authorisation.grant': 'Authorised safeguarding sharing',
  'safeguarding_authorisation.revoke': 'Revoked safeguarding sharing',
  'share.send': 'Shared information',
  'share.check': 'Checked whether information can be shared',
  'share.hold': 'Held a share',
  'share.cancel': 'Cancelled a share',
  'share_log.view': 'Viewed what was shared',
  'sharing_records.view': 'Viewed sharing records',
  'audit.access_history': 'Looked at an access history',
  'audit.verify': 'Checked the audit trail',
  'audit.rollback_accepted': 'Accepted a restored audit trail',
  'session.sign_in': 'Signed in',
  'session.sign_out': 'Signed out',
  'access.denied': 'Was refused',
  'user.create': 'Added a staff member',
  'user.update': 'Changed a staff member',
  'api_token.create': 'Created an API token',
  'api_token.revoke': 'Revoked an API token',
  'organisation.update': 'Changed the organisation’s details',
};

const partLabels: Record<string, string> = {
  representatives: 'Viewed their representatives',
  circle: 'Viewed their circle of support',
};

/** What the entry says was done, in words; an action Liaison has no words for is shown as recorded. */
export function describeAction(entry: AccessEntry): string {
  const part = typeof entry.details.part === 'string' ? partLabels[entry.details.part] : undefined;
  const label =
    (entry.action === 'person.view' ? part : undefined) ?? actionLabels[entry.action] ?? entry.action;
  const refused = entry.outcome === 'denied' && entry.action !== 'access.denied' ? ' (refused)' : '';
  const failed = entry.outcome === 'failed' ? ' (failed)' : '';
  return `${label}${refused}${failed}`;
}

function isStaffRole(role: string | null): role is StaffRole {
  return role !== null && role in roleLabels;
}

/** Who did it: a staff member's name and role, an API token, or Liaison itself. */
export function describeActor(entry: AccessEntry): string {
  const { actor } = entry;
  switch (actor.type) {
    case 'user': {
      const role = isStaffRole(actor.role) ? ` (${roleLabels[actor.role]})` : '';
      return `${actor.name ?? 'A staff member who no longer has an account'}${role}`;
    }
    case 'api_token':
      return `API token ${actor.name ?? actor.id ?? ''}`.trim();
    case 'partner':
      return 'A partner';
    case 'system':
      return `Liaison (${actor.id ?? 'system'})`;
  }
}

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
};

/** Which record: its name where Liaison shows one, otherwise its kind and id. */
export function describeEntity(entry: AccessEntry): string {
  const { entity } = entry;
  if (entity.name) return entity.name;
  const kind = entityTypeLabels[entity.type] ?? entity.type;
  return entity.id ? `${kind} ${entity.id}` : kind;
}
