// The server's groups for its incident routes (src/auth/role-groups.ts); the server enforces them.
export {
  careRecordReaders as incidentReaders,
  /** Care workers also record readings, hazards, notes and interim measures as they happen. */
  careRecordWriters as incidentRecorders,
  /** Who runs an incident: opens it, ranks people, sends partner updates, decides, closes and reviews. */
  managers as incidentLeaders,
  /** The risk points table that ranks people is the registered manager's to set. */
  registeredManagers as riskPointsKeepers,
} from '../../../src/auth/role-groups.ts';
