// The kinds of record the shared mechanisms can be about; the web app reads the labels from here.
export const subjectTypes = ['partner_message', 'incident', 'concern'] as const;
export type SubjectType = (typeof subjectTypes)[number];

export const subjectTypeLabels: Record<SubjectType, string> = {
  partner_message: 'Partner message',
  incident: 'Incident',
  concern: 'Safeguarding concern',
};
