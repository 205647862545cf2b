import type { StaffRole } from '../api.ts';

/** The same groups as the server's sharing routes. Admin is IT, not care: it sees none of this. */
export const sharingReaders: readonly StaffRole[] = [
  'care_worker',
  'manager',
  'registered_manager',
  'auditor',
];
/** Everyone who gives care records consent, capacity assessments and shares; the auditor only reads. */
export const sharingWriters: readonly StaffRole[] = ['care_worker', 'manager', 'registered_manager'];
/**
 * Decisions made for a person (best interests, sharing without consent for safeguarding), what
 * happens to held shares, and information sharing agreements are for managers.
 */
export const sharingDeciders: readonly StaffRole[] = ['manager', 'registered_manager'];
/** A bulk copy of what was shared about a person is for those who answer for it, and the auditor. */
export const shareLogExporters: readonly StaffRole[] = ['manager', 'registered_manager', 'auditor'];
