// The sharing vocabulary: the codes the database, the API and the pages share. Pure data with no
// imports, so that the browser app can import it; the words for them are in share-log-labels.ts.

/** Why information about a person is being shared. */
export const sharingPurposes = [
  'care_coordination',
  'health_monitoring',
  'assessment',
  'safeguarding',
  'housing',
  'advocacy',
] as const;
export type SharingPurpose = (typeof sharingPurposes)[number];

/** What kind of information is shared: a share names every category it contains. */
export const informationCategories = [
  'identity',
  'health',
  'care_plan',
  'risk',
  'safeguarding',
  'finances',
] as const;
export type InformationCategory = (typeof informationCategories)[number];

/** The confidentiality basis the gate decided a share on. */
export const shareBases = ['consent', 'representative_consent', 'best_interests', 'safeguarding'] as const;
export type ShareBasis = (typeof shareBases)[number];

export const shareOutcomes = ['allowed', 'refused'] as const;
export type ShareOutcome = (typeof shareOutcomes)[number];

export const basisRecordTypes = [
  'consent_record',
  'best_interests_decision',
  'safeguarding_authorisation',
] as const;
export type BasisRecordType = (typeof basisRecordTypes)[number];

/**
 * How the information left, or is to leave: recorded after the fact, queued to be sent by Liaison,
 * handed to the mail server, shown through a partner's link, handed over by staff (the one-time
 * link given another way), or exported.
 */
export const shareDeliveries = ['recorded', 'queued', 'emailed', 'link', 'handed_over', 'exported'] as const;
export type ShareDelivery = (typeof shareDeliveries)[number];
