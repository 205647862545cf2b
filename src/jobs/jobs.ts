import { sealPendingEntries } from '../audit/audit.service.ts';
import type { AppDependencies } from '../dependencies.ts';
import type { Job } from './scheduler.ts';

/** Every background job Liaison runs. */
export function allJobs({ db, clock, config }: AppDependencies): Job[] {
  return [
    {
      name: 'seal-audit-entries',
      intervalMs: config.auditSealIntervalMs,
      run: async () => (await sealPendingEntries(db, { clock })).sealed,
    },
  ];
}
