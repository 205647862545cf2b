import { z } from 'zod';
import { problemResponses, problemSchema } from '../http/schemas.ts';
import type { StaffRole } from '../users/users.table.ts';

// Consent and capacity are care records: care staff read and record them, the auditor reads, admin
// (IT) does not see them. Decisions made for a person — best interests, sharing without consent for
// safeguarding — and what happens to a share held after withdrawal are for managers. The same
// roles apply to every route about sharing: consent, mental capacity, safeguarding authorisations,
// the gate and the share log.
export const sharingReaders: readonly StaffRole[] = [
  'care_worker',
  'manager',
  'registered_manager',
  'auditor',
];
export const sharingWriters: readonly StaffRole[] = ['care_worker', 'manager', 'registered_manager'];
export const sharingDeciders: readonly StaffRole[] = ['manager', 'registered_manager'];
/** The one OpenAPI tag the routes about sharing are listed under. */
export const sharingTags = ['Consent and sharing'];
export const sharingWriteProblems = { ...problemResponses, 409: problemSchema, 412: problemSchema };
/** A record of a person: `/api/people/:id/…/:recordId`. */
export const personRecordParams = z.strictObject({ id: z.uuid(), recordId: z.uuid() });
