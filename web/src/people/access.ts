// The server's groups for its people routes (src/auth/role-groups.ts); the server enforces them.
export {
  careRecordReaders as peopleReaders,
  careRecordWriters as peopleWriters,
  chronologyReaders,
  subjectAccessExporters,
} from '../../../src/auth/role-groups.ts';
