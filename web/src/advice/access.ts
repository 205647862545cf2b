// The server's groups for its advice routes (src/auth/role-groups.ts); the server enforces them.
export {
  careRecordReaders as adviceReaders,
  careRecordWriters as adviceWriters,
} from '../../../src/auth/role-groups.ts';
