import type { StaffRole } from '../api.ts';

/** The same groups as the server's advice routes. Admin is IT, not care: it sees none of this. */
export const adviceReaders: readonly StaffRole[] = [
  'care_worker',
  'manager',
  'registered_manager',
  'auditor',
];
/** Everyone who records advice and changes care plans; the auditor only reads. */
export const adviceWriters: readonly StaffRole[] = ['care_worker', 'manager', 'registered_manager'];
