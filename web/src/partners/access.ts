import type { StaffRole } from '../api.ts';
import { everyone } from '../roles.ts';

/** The same groups as the server's partner register routes; the server is what enforces them. */
export const registerReaders: readonly StaffRole[] = everyone;
/** Care workers and auditors read the register and use it, but do not change it. */
export const registerKeepers: readonly StaffRole[] = ['manager', 'registered_manager', 'admin'];
