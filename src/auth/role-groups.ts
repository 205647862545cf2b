import { type StaffRole, staffRoles } from '../users/users.table.ts';

// Who may do what, by role: the groups the server's routes declare their access with (access.ts
// enforces them), and the browser app shows or hides its links and buttons by. Pure data, so that
// the browser app can import it rather than keep a copy.

export const anyStaff: readonly StaffRole[] = staffRoles;
/** Roles that may change things; the auditor is read-only everywhere. */
export const staffWhoWrite: readonly StaffRole[] = ['care_worker', 'manager', 'registered_manager', 'admin'];
export const managers: readonly StaffRole[] = ['manager', 'registered_manager'];
/** Staff accounts, the organisation's settings and API tokens. */
export const userAdministrators: readonly StaffRole[] = ['admin', 'registered_manager'];
/** Who sees the staff list. */
export const staffViewers: readonly StaffRole[] = ['admin', 'registered_manager', 'manager', 'auditor'];
/** The organisation's escalation routes, and what API tokens may read: the registered manager. */
export const registeredManagers: readonly StaffRole[] = ['registered_manager'];

/**
 * People's records, their consent and sharing, partner messages, advice and incidents: read by
 * the staff who work with people, and the auditor. Not admin: admin is IT, not care.
 */
export const careRecordReaders: readonly StaffRole[] = [
  'care_worker',
  'manager',
  'registered_manager',
  'auditor',
];
/** The same records are written by the staff who work with people; the auditor only reads. */
export const careRecordWriters: readonly StaffRole[] = ['care_worker', 'manager', 'registered_manager'];
/** Who keeps the partner register and the organisation's services; everyone else only uses them. */
export const registerKeepers: readonly StaffRole[] = ['manager', 'registered_manager', 'admin'];
/**
 * Who has looked at a person's record, and a bulk copy of what was shared about them: for those
 * who answer for it, and the auditor.
 */
export const accountableReaders: readonly StaffRole[] = ['manager', 'registered_manager', 'auditor'];
/** A person's whole chronology, merged from every record: for those who answer for their care, and the auditor. */
export const chronologyReaders: readonly StaffRole[] = accountableReaders;
/**
 * A copy of everything held about a person, for a subject access request: the managers who answer
 * for the service's records. Not the auditor, who inspects but does not answer for the service.
 */
export const subjectAccessExporters: readonly StaffRole[] = managers;
/** Who may check the audit trail's integrity (GET /api/audit/verify). */
export const auditVerifiers: readonly StaffRole[] = ['auditor', 'registered_manager', 'admin'];
