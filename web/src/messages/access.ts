import type { StaffRole } from '../api.ts';

/** The same groups as the server's partner message routes. Admin is IT, not care: it sees none of this. */
export const messageReaders: readonly StaffRole[] = [
  'care_worker',
  'manager',
  'registered_manager',
  'auditor',
];
/** Everyone who writes to partners and records their replies; the auditor only reads. */
export const messageWriters: readonly StaffRole[] = ['care_worker', 'manager', 'registered_manager'];
/**
 * "Needs attention": managers see every item, a care worker the items on messages they sent.
 * The auditor has no list of its own to act on.
 */
export const attentionReaders: readonly StaffRole[] = messageWriters;
/** The organisation's escalation routes are set by the registered manager. */
export const routeKeepers: readonly StaffRole[] = ['registered_manager'];
/** Every email the organisation sends, and why one did not go: managers. */
export const outboxReaders: readonly StaffRole[] = ['manager', 'registered_manager'];
