import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { ActorType } from '../audit/audit.table.ts';
import type { PartnerType } from '../partners/partners.table.ts';

export {
  type BasisRecordType,
  basisRecordTypes,
  type InformationCategory,
  informationCategories,
  type ShareBasis,
  type ShareDelivery,
  type ShareOutcome,
  type SharingPurpose,
  shareBases,
  shareDeliveries,
  shareOutcomes,
  sharingPurposes,
} from './sharing.vocabulary.ts';

import type {
  BasisRecordType,
  InformationCategory,
  ShareBasis,
  ShareDelivery,
  ShareOutcome,
  SharingPurpose,
} from './sharing.vocabulary.ts';

/** UK GDPR Article 6 conditions for processing personal data. */
export const article6Conditions = [
  '6(1)(a) consent',
  '6(1)(b) contract',
  '6(1)(c) legal obligation',
  '6(1)(d) vital interests',
  '6(1)(e) public task',
  '6(1)(f) legitimate interests',
] as const;
export type Article6Condition = (typeof article6Conditions)[number];

/** UK GDPR Article 9 conditions for special category (e.g. health) data. */
export const article9Conditions = [
  '9(2)(a) explicit consent',
  '9(2)(b) employment and social protection',
  '9(2)(c) vital interests',
  '9(2)(g) substantial public interest',
  '9(2)(h) health or social care',
] as const;
export type Article9Condition = (typeof article9Conditions)[number];

/** Data Protection Act 2018 Schedule 1 conditions relied on alongside Article 9(2)(g). */
export const dpa2018Conditions = [
  'Schedule 1 paragraph 18 safeguarding of children and individuals at risk',
  'Schedule 1 paragraph 6 statutory and government purposes',
] as const;
export type Dpa2018Condition = (typeof dpa2018Conditions)[number];

/** Who a consent, decision or authorisation lets information go to. Empty lists name nobody. */
export type RecipientScope = {
  partner_organisation_ids: string[];
  partner_contact_ids: string[];
  partner_types: PartnerType[];
};

export type SharingAgreementsTable = {
  org_id: string;
  id: string;
  partner_organisation_id: string;
  title: string;
  reference: string | null;
  purposes: SharingPurpose[];
  categories: InformationCategory[];
  starts_on: string;
  ends_on: string | null;
  notes: string | null;
  created_at: Date;
  updated_at: Date;
  version: Generated<number>;
};

export type LawfulBasisDefaultsTable = {
  org_id: string;
  purpose: SharingPurpose;
  article6: Article6Condition;
  article9: Article9Condition;
  dpa2018: Dpa2018Condition | null;
  updated_at: Date;
  updated_by: string | null;
};

/**
 * The moments information about a person leaves Liaison, at each of which the gate is asked again:
 * a message is written; its email is handed to the mail server; an escalation step reaches someone;
 * a partner opens or answers through their link; staff hand the link over another way; a share made
 * outside Liaison is recorded; an export is made.
 */
export const disclosureMoments = [
  'compose',
  'email',
  'escalation',
  'link_view',
  'link_reply',
  'link_handover',
  'recorded',
  'export',
] as const;
export type DisclosureMoment = (typeof disclosureMoments)[number];

export type RefusalReasonRow = { code: string; message: string; recordType?: string; recordId?: string };

export type ShareLogTable = {
  org_id: string;
  id: string;
  person_id: string;
  partner_organisation_id: string;
  partner_contact_id: string | null;
  purpose: SharingPurpose;
  categories: InformationCategory[];
  outcome: ShareOutcome;
  basis: ShareBasis | null;
  basis_record_type: BasisRecordType | null;
  basis_record_id: string | null;
  reasons: ColumnType<RefusalReasonRow[], string, string>;
  article6: Article6Condition | null;
  article9: Article9Condition | null;
  dpa2018: Dpa2018Condition | null;
  delivery: ShareDelivery;
  /** The moment the gate was asked at (empty on entries written before moments were recorded). */
  moment: ColumnType<DisclosureMoment | null, DisclosureMoment | null | undefined, never>;
  /** What carried the information: e.g. "phone call", or the message it went with. */
  description: string | null;
  subject_type: string | null;
  subject_id: string | null;
  actor_type: ActorType;
  actor_id: string;
  occurred_at: Date;
};

export const queuedShareStatuses = ['queued', 'sent', 'held', 'cancelled'] as const;
export type QueuedShareStatus = (typeof queuedShareStatuses)[number];

/** A share queued to be sent by Liaison; held for a manager if the record it rests on is withdrawn. */
export type QueuedSharesTable = {
  org_id: string;
  share_id: string;
  person_id: string;
  basis_record_id: string;
  status: QueuedShareStatus;
  held_reason: string | null;
  held_at: Date | null;
  resolved_at: Date | null;
  resolved_by: string | null;
  resolution_note: string | null;
  sent_at: Date | null;
  created_at: Date;
  updated_at: Date;
};

/** A basis record whose end (withdrawal, expiry, revocation) has been acted on, once. */
export type SharingBasisEndingsTable = {
  org_id: string;
  record_id: string;
  record_type: BasisRecordType;
  ended_at: Date;
  reason: string;
  noticed_at: Date;
};

export type SharingAgreementRow = Selectable<SharingAgreementsTable>;
export type NewSharingAgreementRow = Insertable<SharingAgreementsTable>;
export type LawfulBasisDefaultRow = Selectable<LawfulBasisDefaultsTable>;
export type ShareLogRow = Selectable<ShareLogTable>;
export type NewShareLogRow = Insertable<ShareLogTable>;
export type QueuedShareRow = Selectable<QueuedSharesTable>;
