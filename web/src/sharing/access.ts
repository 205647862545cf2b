// The server's groups for its sharing routes (src/auth/role-groups.ts); the server enforces them.
export {
  accountableReaders as shareLogExporters,
  /** Who sees every share made for safeguarding; everyone else sees only those they made. */
  accountableReaders as safeguardingShareReaders,
  careRecordReaders as sharingReaders,
  careRecordWriters as sharingWriters,
  /**
   * Decisions made for a person (best interests, sharing without consent for safeguarding), what
   * happens to held shares, and information sharing agreements are for managers.
   */
  managers as sharingDeciders,
} from '../../../src/auth/role-groups.ts';
