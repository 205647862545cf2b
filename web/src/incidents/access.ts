import type { StaffRole } from '../api.ts';

/** The same groups as the server's incident routes. Admin is IT, not care: it sees none of this. */
export const incidentReaders: readonly StaffRole[] = [
  'care_worker',
  'manager',
  'registered_manager',
  'auditor',
];
/** Who runs an incident: opens it, ranks people, sends partner updates, decides, closes and reviews. */
export const incidentLeaders: readonly StaffRole[] = ['manager', 'registered_manager'];
/** Care workers also record readings, hazards, notes and interim measures as they happen. */
export const incidentRecorders: readonly StaffRole[] = ['care_worker', 'manager', 'registered_manager'];
