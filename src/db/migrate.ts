import { type Kysely, type Migration, type MigrationProvider, Migrator } from 'kysely';
import * as createFoundation from './migrations/2026_11_21_0900_create_foundation.ts';
import * as createPartnersAndPeople from './migrations/2026_11_21_1000_create_partners_and_people.ts';
import * as createConsentAndSharing from './migrations/2026_11_21_1200_create_consent_and_sharing.ts';
import * as createIdempotencyKeys from './migrations/2026_11_21_1300_create_idempotency_keys.ts';
import * as createEscalationSteps from './migrations/2026_11_21_1500_create_escalation_steps.ts';
import * as apiTokenNoticesAndAuditQueue from './migrations/2026_11_21_1600_api_token_notices_and_audit_queue.ts';
import * as multiFactorSignIn from './migrations/2026_11_21_1700_multi_factor_sign_in.ts';
import * as createPartnerMessages from './migrations/2026_11_21_1800_create_partner_messages.ts';
import * as createIncidents from './migrations/2026_11_21_1900_create_incidents.ts';
import * as sealAuditInTransactionOrder from './migrations/2026_11_21_2000_seal_audit_in_transaction_order.ts';
import * as accountSetUpAndTokenApproval from './migrations/2026_11_22_0900_account_set_up_and_token_approval.ts';
import * as incidentGateRefusals from './migrations/2026_11_22_0900_incident_gate_refusals.ts';
import * as personAddress from './migrations/2026_11_22_0900_person_address.ts';
import * as throttleSignInByAddress from './migrations/2026_11_22_0900_throttle_sign_in_by_address.ts';
import * as recordAuditCheckpoints from './migrations/2026_11_22_1000_record_audit_checkpoints.ts';
import * as disclosureAtEveryMoment from './migrations/2026_12_06_1000_disclosure_at_every_moment.ts';
import * as attentionOncePerCause from './migrations/2026_12_06_1100_attention_once_per_cause.ts';
import * as sealAuditInMerkleBlocks from './migrations/2026_12_07_0100_seal_audit_in_merkle_blocks.ts';
import * as createActions from './migrations/2026_12_07_0300_create_actions.ts';
import * as createSafeguarding from './migrations/2026_12_07_0400_create_safeguarding.ts';
import * as incidentRecordsAppendOnly from './migrations/2026_12_07_0401_incident_records_append_only.ts';
import * as attentionBySubject from './migrations/2026_12_07_0500_attention_by_subject.ts';
import * as outboxBySubject from './migrations/2026_12_07_0510_outbox_by_subject.ts';
import * as partnerLinksBySubject from './migrations/2026_12_07_0520_partner_links_by_subject.ts';
import * as incidentRiskPoints from './migrations/2026_12_08_0200_incident_risk_points.ts';
import * as workListIndexes from './migrations/2026_12_08_0300_work_list_indexes.ts';
import * as passwordResetLinks from './migrations/2026_12_08_0400_password_reset_links.ts';
import * as sharedRateLimits from './migrations/2026_12_08_0500_shared_rate_limits.ts';

// Listed here rather than read from the folder so the set of migrations is fixed at build time
// and the same under tsx, the test runner and a bundler. Append only; names sort by date.
const migrations: Record<string, Migration> = {
  '2026_11_21_0900_create_foundation': createFoundation,
  '2026_11_21_1000_create_partners_and_people': createPartnersAndPeople,
  '2026_11_21_1200_create_consent_and_sharing': createConsentAndSharing,
  '2026_11_21_1300_create_idempotency_keys': createIdempotencyKeys,
  '2026_11_21_1500_create_escalation_steps': createEscalationSteps,
  '2026_11_21_1600_api_token_notices_and_audit_queue': apiTokenNoticesAndAuditQueue,
  '2026_11_21_1700_multi_factor_sign_in': multiFactorSignIn,
  '2026_11_21_1800_create_partner_messages': createPartnerMessages,
  '2026_11_21_1900_create_incidents': createIncidents,
  '2026_11_21_2000_seal_audit_in_transaction_order': sealAuditInTransactionOrder,
  '2026_11_22_0900_account_set_up_and_token_approval': accountSetUpAndTokenApproval,
  '2026_11_22_0900_incident_gate_refusals': incidentGateRefusals,
  '2026_11_22_0900_person_address': personAddress,
  '2026_11_22_0900_throttle_sign_in_by_address': throttleSignInByAddress,
  '2026_11_22_1000_record_audit_checkpoints': recordAuditCheckpoints,
  '2026_12_06_1000_disclosure_at_every_moment': disclosureAtEveryMoment,
  '2026_12_06_1100_attention_once_per_cause': attentionOncePerCause,
  '2026_12_07_0100_seal_audit_in_merkle_blocks': sealAuditInMerkleBlocks,
  '2026_12_07_0300_create_actions': createActions,
  '2026_12_07_0400_create_safeguarding': createSafeguarding,
  '2026_12_07_0401_incident_records_append_only': incidentRecordsAppendOnly,
  '2026_12_07_0500_attention_by_subject': attentionBySubject,
  '2026_12_07_0510_outbox_by_subject': outboxBySubject,
  '2026_12_07_0520_partner_links_by_subject': partnerLinksBySubject,
  '2026_12_08_0200_incident_risk_points': incidentRiskPoints,
  '2026_12_08_0300_work_list_indexes': workListIndexes,
  '2026_12_08_0400_password_reset_links': passwordResetLinks,
  '2026_12_08_0500_shared_rate_limits': sharedRateLimits,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

// biome-ignore lint/suspicious/noExplicitAny: migrations make the schema, so they run on any database.
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((result) => result.status === 'Error');
    throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${String(error)}`, { cause: error });
  }
  return (results ?? [])
    .filter((result) => result.status === 'Success')
    .map((result) => result.migrationName);
}

/** Migrates up to and including the named migration: for tests of a migration's own work. */
// biome-ignore lint/suspicious/noExplicitAny: as above.
export async function migrateTo(db: Kysely<any>, migrationName: string): Promise<void> {
  const migrator = new Migrator({ db, provider });
  const { error } = await migrator.migrateTo(migrationName);
  if (error) throw new Error(`Migration to ${migrationName} failed: ${String(error)}`, { cause: error });
}
