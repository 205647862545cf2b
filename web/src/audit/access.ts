// The server's groups for its audit routes (src/auth/role-groups.ts); the server enforces them.
export {
  accountableReaders as accessHistoryReaders,
  auditVerifiers,
  /** Who sees the Audit section: each sees the parts their role allows. */
  staffViewers as auditSectionReaders,
} from '../../../src/auth/role-groups.ts';
