import type { Kysely, Transaction } from 'kysely';
import type { ActionsTable } from '../actions/actions.table.ts';
import type { AdviceRecordsTable, CarePlanAmendmentsTable } from '../advice/advice.table.ts';
import type { AttentionItemsTable } from '../attention/attention.table.ts';
import type {
  AuditBlocksTable,
  AuditChainCutoverTable,
  AuditChainTable,
  AuditCheckpointsTable,
  AuditEventsTable,
  AuditSealCursorTable,
} from '../audit/audit.table.ts';
import type {
  ApiTokensTable,
  MfaCredentialsTable,
  MfaRecoveryCodesTable,
  RateLimitCountersTable,
  SessionsTable,
  SignInThrottlesTable,
} from '../auth/auth.table.ts';
import type { CareServicesTable } from '../care-services/care-services.table.ts';
import type { ConsentRecordsTable } from '../consent/consent.table.ts';
import type { EscalationStepsTable } from '../escalation/escalation-steps.table.ts';
import type { EscalationRouteSettingsTable } from '../escalation/route-settings.table.ts';
import type {
  IncidentMeasuresTable,
  IncidentPeopleTable,
  IncidentRecordsTable,
  IncidentRiskPointsTable,
  IncidentsTable,
} from '../incidents/incidents.table.ts';
import type {
  BestInterestsDecisionsTable,
  CapacityAssessmentsTable,
} from '../mental-capacity/mental-capacity.table.ts';
import type { OrganisationsTable } from '../organisations/organisations.table.ts';
import type { EmailOutboxTable } from '../outbox/outbox.table.ts';
import type { PartnerLinksTable } from '../partner-access/partner-links.table.ts';
import type { MessageEventsTable, PartnerMessagesTable } from '../partner-messages/partner-messages.table.ts';
import type {
  PartnerChannelsTable,
  PartnerContactsTable,
  PartnerOrganisationsTable,
} from '../partners/partners.table.ts';
import type {
  PeopleTable,
  PersonCircleMembersTable,
  PersonRepresentativesTable,
} from '../people/people.table.ts';
import type {
  ConcernAdviceTable,
  ConcernAlertsTable,
  ConcernEntriesTable,
  ConcernMessagesTable,
  ConcernRestrictionsTable,
  ConcernTriggersTable,
  RestrictionReviewsTable,
  SafeContactPlansTable,
  SafeguardingConcernsTable,
  SafeguardingSettingsTable,
} from '../safeguarding/safeguarding.table.ts';
import type { SafeguardingAuthorisationsTable } from '../safeguarding-authorisations/safeguarding-authorisations.table.ts';
import type {
  LawfulBasisDefaultsTable,
  QueuedSharesTable,
  ShareLogTable,
  SharingAgreementsTable,
  SharingBasisEndingsTable,
} from '../sharing/sharing.table.ts';
import type { UserSetUpLinksTable, UsersTable } from '../users/users.table.ts';

export type Database = {
  organisations: OrganisationsTable;
  users: UsersTable;
  user_set_up_links: UserSetUpLinksTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  sign_in_throttles: SignInThrottlesTable;
  rate_limit_counters: RateLimitCountersTable;
  mfa_credentials: MfaCredentialsTable;
  mfa_recovery_codes: MfaRecoveryCodesTable;
  audit_events: AuditEventsTable;
  audit_seal_cursor: AuditSealCursorTable;
  audit_chain: AuditChainTable;
  audit_checkpoints: AuditCheckpointsTable;
  audit_blocks: AuditBlocksTable;
  audit_chain_cutover: AuditChainCutoverTable;
  partner_organisations: PartnerOrganisationsTable;
  partner_contacts: PartnerContactsTable;
  partner_channels: PartnerChannelsTable;
  care_services: CareServicesTable;
  people: PeopleTable;
  person_representatives: PersonRepresentativesTable;
  person_circle_members: PersonCircleMembersTable;
  consent_records: ConsentRecordsTable;
  capacity_assessments: CapacityAssessmentsTable;
  best_interests_decisions: BestInterestsDecisionsTable;
  safeguarding_authorisations: SafeguardingAuthorisationsTable;
  sharing_agreements: SharingAgreementsTable;
  lawful_basis_defaults: LawfulBasisDefaultsTable;
  share_log: ShareLogTable;
  queued_shares: QueuedSharesTable;
  sharing_basis_endings: SharingBasisEndingsTable;
  escalation_steps: EscalationStepsTable;
  partner_messages: PartnerMessagesTable;
  message_events: MessageEventsTable;
  partner_links: PartnerLinksTable;
  email_outbox: EmailOutboxTable;
  advice_records: AdviceRecordsTable;
  care_plan_amendments: CarePlanAmendmentsTable;
  attention_items: AttentionItemsTable;
  escalation_route_settings: EscalationRouteSettingsTable;
  incidents: IncidentsTable;
  incident_people: IncidentPeopleTable;
  incident_measures: IncidentMeasuresTable;
  incident_records: IncidentRecordsTable;
  incident_risk_points: IncidentRiskPointsTable;
  safeguarding_settings: SafeguardingSettingsTable;
  safeguarding_concerns: SafeguardingConcernsTable;
  concern_entries: ConcernEntriesTable;
  concern_messages: ConcernMessagesTable;
  concern_advice: ConcernAdviceTable;
  safe_contact_plans: SafeContactPlansTable;
  concern_triggers: ConcernTriggersTable;
  concern_restrictions: ConcernRestrictionsTable;
  restriction_reviews: RestrictionReviewsTable;
  concern_alerts: ConcernAlertsTable;
  actions: ActionsTable;
};

export type Db = Kysely<Database>;
/** A database handle or an open transaction: services that only read or write once accept either. */
export type Executor = Kysely<Database> | Transaction<Database>;
/** An open transaction, for services that must run inside their caller's. */
export type DbTransaction = Transaction<Database>;
