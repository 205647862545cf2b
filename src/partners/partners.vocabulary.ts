// The partner register's vocabulary, defined once: the codes, which the tables and the API's schemas use (the
// database's own checks are in the migrations, frozen as they were written), and their words,
// which the pages show (web/src/partners/partner-labels.ts) and what the server writes for people may use.
// Pure data with no imports, so that the browser app can import it.

/** The kinds of partner, for organisations, named contacts and the roles they hold for a person. */
export const partnerTypes = [
  'advocate',
  'social_worker',
  'occupational_therapist',
  'gp',
  'district_nurse',
  'community_nurse',
  'psychiatrist',
  'psychologist',
  'physiotherapist',
  'consultant',
  'dietician',
  'speech_and_language_therapist',
  'dentist',
  'volunteer_or_community_group',
  'housing',
  'safeguarding_team',
  'police',
  'commissioner',
  'regulator',
  'external_care_provider',
  'other',
] as const;
export type PartnerType = (typeof partnerTypes)[number];

export const channelKinds = [
  'phone',
  'email',
  'secure_email',
  'duty_line',
  'out_of_hours_line',
  'portal',
  'other',
] as const;
export type ChannelKind = (typeof channelKinds)[number];

export const channelUrgencies = ['urgent', 'routine', 'out_of_hours'] as const;
export type ChannelUrgency = (typeof channelUrgencies)[number];

export const partnerTypeLabels = {
  gp: 'GP',
  district_nurse: 'District nurse',
  community_nurse: 'Community nurse',
  social_worker: 'Social worker',
  safeguarding_team: 'Safeguarding team or MASH',
  occupational_therapist: 'Occupational therapist',
  physiotherapist: 'Physiotherapist',
  speech_and_language_therapist: 'Speech and language therapist',
  dietician: 'Dietitian',
  psychiatrist: 'Psychiatrist',
  psychologist: 'Psychologist',
  consultant: 'Consultant',
  dentist: 'Dentist',
  advocate: 'Advocate',
  housing: 'Housing',
  police: 'Police',
  commissioner: 'Commissioner',
  regulator: 'Regulator',
  external_care_provider: 'External care provider',
  volunteer_or_community_group: 'Volunteer or community group',
  other: 'Other',
} as const satisfies Record<PartnerType, string>;

export const channelKindLabels = {
  phone: 'Phone',
  duty_line: 'Duty line',
  out_of_hours_line: 'Out-of-hours line',
  email: 'Email',
  secure_email: 'Secure email',
  portal: 'Online portal',
  other: 'Other',
} as const satisfies Record<ChannelKind, string>;

export const channelUrgencyLabels = {
  urgent: 'Urgent',
  routine: 'Routine',
  out_of_hours: 'Out of hours',
} as const satisfies Record<ChannelUrgency, string>;
