// What each audit action means, in words: the one table the access history (its API answer and its
// page) reads. Each phrase follows the actor's name: "Priya Shah viewed the record".

export const actionPhrases: Record<string, string> = {
  'person.view': 'viewed the record',
  'person.subject_access_export': 'made a copy of everything held about them, for a subject access request',
  'person.create': 'added the record',
  'person.update': 'changed the record',
  'person.search': 'searched the people supported',
  'person_representative.create': 'added a representative',
  'person_representative.update': 'changed a representative’s details',
  'person_representative.end': 'recorded that a representative no longer acts',
  'circle_member.create': 'added someone to their circle of support',
  'circle_member.update': 'changed their circle of support',
  'consent.record': 'recorded consent',
  'consent.withdraw': 'recorded that consent was withdrawn',
  'capacity_assessment.record': 'recorded a capacity assessment',
  'best_interests_decision.record': 'recorded a best-interests decision',
  'safeguarding_authorisation.grant': 'authorised sharing for safeguarding',
  'safeguarding_authorisation.revoke': 'revoked a safeguarding authorisation',
  'sharing_agreement.create': 'added a sharing agreement',
  'sharing_agreement.update': 'changed a sharing agreement',
  'lawful_basis.set': 'set the lawful basis for sharing',
  'share.send': 'shared information with a partner',
  'share.check': 'checked whether information could be shared',
  'share.allowed': 'shared information with a partner',
  'share.refused': 'tried to share information with a partner',
  'share.hold': 'held a share for a manager',
  'share.cancel': 'cancelled a share',
  'share_log.view': 'viewed what has been shared',
  'share_log.export': 'downloaded the share log',
  'sharing_records.view': 'viewed the consent and sharing records',
  'partner_message.send': 'sent a message to a partner',
  'partner_message.view': 'viewed a partner message',
  'partner_message.list': 'viewed the partner messages',
  'partner_message.view_by_partner': 'read the message through a secure link',
  'partner_message.acknowledge': 'acknowledged the message',
  'partner_message.accept': 'accepted the request',
  'partner_message.decline': 'declined the request',
  'partner_message.respond': 'responded to the message',
  'partner_message.done': 'said the request was done',
  'partner_message.log_contact': 'logged a call or reply about a message',
  'partner_message.close': 'closed a message',
  'partner_message.withdraw': 'withdrew a message',
  'partner_link.issue': 'sent a partner a new secure link',
  'partner_link.revoke': 'stopped a secure link working',
  'partner_link.hand_over': 'recorded giving a partner a secure link another way',
  'partner_message.sharing_ended': 'closed a message whose basis for sharing ended',
  'advice.record': 'recorded advice from a partner',
  'advice.list': 'viewed the advice and care plan changes',
  'advice.confirm': 'recorded that advice was confirmed in writing',
  'advice.request_confirmation': 'asked a partner to confirm advice in writing',
  'care_plan_amendment.record': 'recorded a change to the care plan',
  'care_plan_amendment.list': 'viewed the care plan changes',
  'incident.create': 'recorded an incident',
  'incident.update': 'changed an incident',
  'incident.add_people': 'added people affected by an incident',
  'incident.adjust_person': 'changed a person’s risk in an incident',
  'incident.view_people': 'viewed the people affected by an incident',
  'incident.view_timeline': 'viewed an incident’s timeline',
  'incident.view_review': 'viewed an incident review',
  'incident.export_review': 'downloaded an incident review',
  'incident.close': 'closed an incident',
  'incident.add_measure': 'added a measure to an incident',
  'incident.end_measure': 'ended a measure in an incident',
  'incident.set_findings': 'recorded an incident’s findings',
  'incident.add_learning_action': 'added a learning action to an incident',
  'incident.complete_learning_action': 'completed a learning action',
  'incident.record_decision': 'recorded a decision in an incident',
  'incident.record_reading': 'recorded a reading in an incident',
  'incident.record_hazard': 'recorded a hazard in an incident',
  'incident.record_note': 'recorded a note in an incident',
  'incident.record_gate_refusal': 'recorded a refusal by the sharing gate in an incident',
  'incident_risk_points.set': 'changed the risk points table that ranks people in an incident',
  'action.create': 'set an action',
  'action.update': 'changed an action',
  'action.accept': 'accepted an action',
  'action.decline': 'declined an action',
  'action.start': 'started work on an action',
  'action.complete': 'completed an action',
  'action.cancel': 'cancelled an action',
  'escalation.step_fired': 'escalated an unanswered message',
  'person.view_chronology': 'viewed the person’s chronology',
  'concern.raise': 'raised a safeguarding concern',
  'concern.view': 'viewed a safeguarding concern',
  'concern.view_summary': 'viewed the summary of a safeguarding concern',
  'concern.list': 'viewed the safeguarding concerns',
  'concern.list_summaries': 'viewed the summaries of safeguarding concerns',
  'concern.update': 'changed a safeguarding concern',
  'concern.change_level': 'changed the level of a safeguarding concern',
  'concern.change_status': 'moved a safeguarding concern on',
  'concern.close': 'closed a safeguarding concern',
  'concern.record_advocacy': 'recorded advocacy for a safeguarding concern',
  'concern_entry.add': 'added to a safeguarding chronology',
  'concern.trigger_met': 'recorded that a safeguarding review trigger was met',
  'concern.view_chronology': 'viewed a safeguarding chronology',
  'concern.record_advice': 'recorded threshold advice on a safeguarding concern',
  'concern.view_referral_draft': 'viewed a draft section 42 referral',
  'concern.record_decision': 'recorded the local authority’s decision on a referral',
  'concern.add_plan': 'added a safe-contact plan',
  'concern.end_plan': 'ended a safe-contact plan',
  'concern.add_trigger': 'added a safeguarding review trigger',
  'concern.end_trigger': 'stopped a safeguarding review trigger',
  'concern.add_restriction': 'recorded an interim restriction',
  'concern.review_restriction': 'reviewed an interim restriction',
  'concern.end_restriction': 'ended an interim restriction',
  'concern.view_related': 'viewed related safeguarding concerns',
  'concern.view_patterns': 'viewed patterns in safeguarding concerns',
  'concern.export': 'exported a safeguarding chronology',
  'concern.restriction_past_review': 'flagged an interim restriction past its review date',
  'concern.decision_overdue': 'flagged an overdue local authority decision',
  'concern_alert.resolve': 'dealt with a safeguarding item needing attention',
  'restriction_register.view': 'viewed the interim restrictions register',
  'safeguarding_settings.update': 'changed the safeguarding settings',
  'attention_item.resolve': 'dealt with something that needed attention',
  'audit.access_history': 'looked at who has accessed a record',
  'audit.verify': 'checked the audit trail',
  'audit.proof': 'asked for proof that an audit entry is in the audit trail',
  'audit.consistency_proof': 'asked for proof that the audit trail only grew',
  'audit.rollback_accepted': 'accepted a restored audit trail',
  'session.sign_in': 'signed in',
  'session.sign_out': 'signed out',
  'session.second_factor': 'gave a code from their authenticator app',
  'session.reauthenticate': 'confirmed their password again',
  'access.denied': 'was refused access',
  'mfa.enrolment_start': 'started setting up an authenticator app',
  'mfa.enable': 'turned on their authenticator app',
  'mfa.disable': 'turned off their authenticator app',
  'mfa.reset': 'reset a colleague’s authenticator app',
  'mfa.recovery_code_use': 'signed in with a recovery code',
  'mfa.recovery_codes_regenerate': 'made new recovery codes',
  'user.create': 'added a staff member',
  'user.update': 'changed a staff member’s account',
  'user.set_up': 'set up their account from a set-up link',
  'user.password_reset_link.issue': 'was sent a link to choose a new password',
  'user.password_reset_link.refuse': 'asked for a link to choose a new password, and none was sent',
  'user.password_reset': 'chose a new password through a link sent to them',
  'api_token.create': 'created an API token',
  'api_token.revoke': 'revoked an API token',
  'api_token.approve': 'approved an API token',
  'api_token.refuse': 'refused an API token',
  'escalation_route.set': 'changed an escalation route',
  'escalation_route.reset': 'put an escalation route back to the standard one',
  'organisation.create': 'created the organisation',
  'organisation.update': 'changed the organisation’s details',
  'partner_organisation.create': 'added a partner organisation',
  'partner_organisation.update': 'changed a partner organisation',
  'partner_contact.create': 'added a partner contact',
  'partner_contact.update': 'changed a partner contact',
  'partner_contact.verify': 'confirmed a partner contact’s details',
  'partner_contact.end': 'recorded that a partner contact moved on',
  'partner_channel.create': 'added a way to reach a partner',
  'partner_channel.update': 'changed a way to reach a partner',
  'partner_channel.delete': 'removed a way to reach a partner',
  'partner_register.import': 'imported partners into the register',
  'care_service.create': 'added a service',
  'care_service.update': 'changed a service',
  'work_list.view': 'viewed what needs them on the home page',
};

/** The kinds of record in the audit trail, for a page that names a record by its kind. */
export const entityTypeLabels: Record<string, string> = {
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
  incident_risk_points: 'Risk points table',
  api_token: 'API token',
};

/**
 * Actions that only read. The reads one person makes of one record in a visit are one row, whatever
 * parts of it they opened; each change stays a row of its own.
 */
export const readActions: readonly string[] = [
  'person.view',
  'sharing_records.view',
  'share_log.view',
  'partner_message.view',
  'partner_message.list',
  'partner_message.view_by_partner',
  'advice.list',
  'care_plan_amendment.list',
  'incident.view_people',
  'incident.view_timeline',
  'incident.view_review',
  'work_list.view',
];

/** "what has been shared", from "viewed what has been shared": what a read read, for a list. */
export function readObject(action: string): string {
  return actionPhrase(action).replace(/^(viewed|read) /, '');
}

/** The parts of a person's record viewed on their page, for "viewed the record, including …". */
const partPhrases: Record<string, string> = {
  representatives: 'their representatives',
  circle: 'their circle of support',
};

/** Record columns in words, for "changed the record: date of birth and address". */
const fieldPhrases: Record<string, string> = {
  given_name: 'first name',
  family_name: 'last name',
  preferred_name: 'preferred name',
  date_of_birth: 'date of birth',
  nhs_number: 'NHS number',
  care_service_id: 'service',
  clinical_flags_note: 'note about clinical flags',
  password_hash: 'password',
  display_name: 'name',
  is_primary: 'primary contact',
  ended_at: 'end',
  ended_reason: 'reason it ended',
};

/** "viewed the record"; an action with no phrase yet is described from its code, never shown raw. */
export function actionPhrase(action: string): string {
  const known = actionPhrases[action];
  if (known) return known;
  const [entity = '', verb = ''] = action.split('.');
  return `${verb.replaceAll('_', ' ')} (${entity.replaceAll('_', ' ')})`.trim();
}

/** "Viewed the record", "Viewed the record (refused)": the phrase as a label on its own. */
export function actionLabel(action: string, outcome: 'success' | 'denied' | 'failed'): string {
  const phrase = actionPhrase(action);
  const refused = outcome === 'denied' && action !== 'access.denied' ? ' (refused)' : '';
  const failed = outcome === 'failed' ? ' (failed)' : '';
  return `${phrase.charAt(0).toUpperCase()}${phrase.slice(1)}${refused}${failed}`;
}

export function partPhrase(part: string): string {
  return partPhrases[part] ?? part.replaceAll('_', ' ');
}

export function fieldPhrase(column: string): string {
  return fieldPhrases[column] ?? column.replaceAll('_', ' ');
}

/** "a, b and c". */
export function listInWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}
