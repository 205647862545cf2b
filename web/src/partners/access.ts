// The server's groups for its partner register routes (src/auth/role-groups.ts); the server
// enforces them.
export { anyStaff as registerReaders, registerKeepers } from '../../../src/auth/role-groups.ts';
