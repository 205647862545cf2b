import type { StaffRole } from '../api.ts';

/** The same groups as the server's people routes. Admin is IT, not care: no admin sees people's records. */
export const peopleReaders: readonly StaffRole[] = [
  'care_worker',
  'manager',
  'registered_manager',
  'auditor',
];
/** Everyone who gives or manages care records who a person is; the auditor only reads. */
export const peopleWriters: readonly StaffRole[] = ['care_worker', 'manager', 'registered_manager'];
