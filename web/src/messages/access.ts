// The server's groups for its partner message routes (src/auth/role-groups.ts); the server
// enforces them.
export {
  careRecordReaders as messageReaders,
  careRecordWriters as messageWriters,
  /**
   * "Needs attention": managers see every item, a care worker the items on messages they sent.
   * The auditor has no list of its own to act on.
   */
  careRecordWriters as attentionReaders,
  managers as outboxReaders,
  registeredManagers as routeKeepers,
} from '../../../src/auth/role-groups.ts';
