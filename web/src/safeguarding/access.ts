// The server's groups for its safeguarding routes (src/auth/role-groups.ts); the server enforces them.
export {
  /** The concern in full, its chronology, patterns and the restrictions register; the auditor only reads. */
  accountableReaders as concernReaders,
  /** The need-to-know summary: everyone who works with people, and the auditor. Not admin (IT). */
  careRecordReaders as concernSummaryReaders,
  /** Raise a concern and add to its chronology. */
  careRecordWriters as concernRecorders,
  /** Who runs a concern: its summary, level, advice, referral, plans, restrictions and closing. */
  managers as concernManagers,
  /** The safeguarding settings: the named safeguarding link and the local authority's decision time. */
  registeredManagers as safeguardingSettingsKeepers,
} from '../../../src/auth/role-groups.ts';
