import type { StaffRole } from '../api.ts';

/** The same groups as the server's audit routes; the server is what enforces them. */
export const accessHistoryReaders: readonly StaffRole[] = ['manager', 'registered_manager', 'auditor'];
/** Who may check the audit trail's integrity (GET /api/audit/verify). */
export const auditVerifiers: readonly StaffRole[] = ['auditor', 'registered_manager', 'admin'];
/** Who sees the Audit section: each sees the parts their role allows. */
export const auditSectionReaders: readonly StaffRole[] = [
  'manager',
  'registered_manager',
  'auditor',
  'admin',
];
