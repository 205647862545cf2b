import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { FastifyBaseLogger } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/app-for-test.ts';
import { createTestOrganisation } from '../../test/factories.ts';
import { withDatabaseName } from '../../test/postgres-names.ts';
import { cancelPendingEscalationSteps } from '../../test/scenarios.ts';
import { ManualClock } from '../clock.ts';
import { createDatabase, type DatabaseHandle } from '../db/create-db.ts';
import type { Db } from '../db/database.ts';
import { startScheduler } from '../jobs/scheduler.ts';
import { defaultRoutes, type PlannedStep, planSteps } from './escalation-routes.ts';
import {
  auditFiredStep,
  cancelSteps,
  type EscalationStepHandler,
  type EscalationSubject,
  findSteps,
  fireDueSteps,
  scheduleSteps,
} from './escalation-steps.service.ts';
import { fireEscalationStepsJob } from './fire-escalation-steps.job.ts';

// Exactly once, under restarts and concurrency. On PostgreSQL a "process" is a database handle
// with its own pool of connections to the same database, so sweeps really run side by side;
// the embedded database has one connection, so there they take turns.

let scheduler: fc.Scheduler | null = null;

/**
 * While a property runs, every statement sent through this handle first waits for the
 * fast-check scheduler to release it, so the statements of concurrent sweeps and cancellations
 * interleave in an order of its choosing. Outside a run nothing waits.
 */
function interleaveStatements(handle: Db): void {
  const executor = handle.getExecutor();
  const provideConnection = executor.provideConnection.bind(executor);
  executor.provideConnection = (consume) =>
    provideConnection((connection) =>
      consume({
        async executeQuery(query) {
          if (scheduler) await scheduler.schedule(Promise.resolve(), query.sql.slice(0, 40));
          return connection.executeQuery(query);
        },
        streamQuery: (query, chunkSize) => connection.streamQuery(query, chunkSize),
      }),
    );
}

/** Another server process on the same database: a pool of its own on PostgreSQL. */
async function openSecondProcess(first: DatabaseHandle): Promise<DatabaseHandle> {
  if (first.backend === 'pglite') return { ...first, close: async () => {} };
  const { rows } = await sql<{ name: string }>`select current_database() as name`.execute(first.db);
  const url = withDatabaseName(process.env.TEST_DATABASE_URL!, rows[0]!.name);
  return createDatabase({ backend: 'postgres', url, poolSize: 5 });
}

let database: DatabaseHandle;
let second: DatabaseHandle;
let processes: Db[];
let orgId: string;
const clock = new ManualClock('2026-11-21T09:00:00Z');

beforeAll(async () => {
  database = await createTestDatabase();
  second = await openSecondProcess(database);
  processes = [database.db, second.db];
  orgId = (await createTestOrganisation(database.db, clock)).id;
});
afterAll(async () => {
  await second.close();
  await database.close();
});
beforeEach(() => cancelPendingEscalationSteps({ db: database.db, clock }, 'test reset'));

function newRequest(): EscalationSubject {
  return { orgId, type: 'request', id: randomUUID() };
}

async function schedule(subject: EscalationSubject, plan: readonly PlannedStep[]) {
  await database.db.transaction().execute((trx) => scheduleSteps(trx, { subject, plan, at: clock.now() }));
}

async function firedAuditCounts(stepIds: string[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (let start = 0; start < stepIds.length; start += 1_000) {
    const rows = await database.db
      .selectFrom('audit_events')
      .select(['entity_id', (eb) => eb.fn.countAll<number>().as('count')])
      .where('action', '=', 'escalation.step_fired')
      .where('entity_id', 'in', stepIds.slice(start, start + 1_000))
      .groupBy('entity_id')
      .execute();
    for (const row of rows) counts.set(row.entity_id!, Number(row.count));
  }
  return counts;
}

describe('a restart', () => {
  const silentLogger = { debug() {}, error() {} } as unknown as FastifyBaseLogger;

  it('fires each step that fell due while no sweep ran exactly once, at start', async () => {
    clock.set('2026-11-26T08:00:00Z');
    const subjects = [newRequest(), newRequest(), newRequest()];
    for (const [offset, subject] of subjects.entries()) {
      const deadline = new Date(Date.UTC(2026, 10, 26, 9 + offset));
      await schedule(
        subject,
        planSteps(defaultRoutes.safeguarding.urgent, { deadline, sentAt: clock.now() }),
      );
    }
    // The server is down from 08:00 to 11:00: nothing sweeps.
    clock.set('2026-11-26T11:00:00Z');
    const steps = async () =>
      (await Promise.all(subjects.map((subject) => findSteps(database.db, subject)))).flat();
    const dueWhileDown = (await steps()).filter((row) => row.due_at <= clock.now());
    expect(dueWhileDown.length).toBe(9);

    // Start again, in another process, with the real job; then start once more.
    for (let start = 0; start < 2; start += 1) {
      const jobs = startScheduler([fireEscalationStepsJob({ db: second.db, clock })], silentLogger);
      await jobs.stop(); // waits for the run made at start
    }
    const counts = await firedAuditCounts(dueWhileDown.map((row) => row.id));
    expect(dueWhileDown.map((row) => counts.get(row.id))).toEqual(dueWhileDown.map(() => 1));
    for (const row of await steps()) {
      expect(row.status).toBe(row.due_at <= clock.now() ? 'fired' : 'pending');
      if (row.fired_at) expect(row.fired_at).toEqual(clock.now());
    }
  });
});

describe('two scheduler processes on the same database', () => {
  it('fire each due step exactly once, and none before it is due, while replies cancel steps', async () => {
    const start = new Date('2026-12-01T09:00:00Z');
    clock.set(start);
    const subjects = Array.from({ length: 300 }, newRequest);
    // Ten steps a subject, due over the next 300 minutes.
    const plans = new Map<string, PlannedStep[]>();
    await database.db.transaction().execute(async (trx) => {
      for (const [offset, subject] of subjects.entries()) {
        const plan = planSteps(defaultRoutes.request_action.urgent, {
          deadline: new Date(start.getTime() + offset * 60_000),
          sentAt: start,
        });
        plans.set(subject.id, plan);
        await scheduleSteps(trx, { subject, plan, at: start });
      }
    });
    const invocations = new Map<string, number>();
    const early: string[] = [];
    const firedBy = [0, 0];
    const handlerFor =
      (process: number): EscalationStepHandler =>
      async (trx, step, context) => {
        if (step.dueAt > context.firedAt || context.firedAt > clock.now()) early.push(step.id);
        invocations.set(step.id, (invocations.get(step.id) ?? 0) + 1);
        firedBy[process]! += 1;
        await auditFiredStep(trx, step, context);
        // Hold the batch's locks a little, so the other process meets them.
        if (Math.random() < 0.2) await new Promise((resolve) => setTimeout(resolve, 1));
        return undefined;
      };

    // The last steps fall due 674 minutes after the start.
    const end = start.getTime() + 12 * 3_600_000;
    let running = true;
    const sweeper = async (process: number) => {
      while (running) {
        await fireDueSteps(processes[process]!, {
          clock,
          handler: handlerFor(process),
          batchSize: 7,
          workers: 3,
        });
        await new Promise((resolve) => setImmediate(resolve));
      }
    };
    // Acknowledgements and responses arrive while the sweeps run, on either process.
    const replies = async () => {
      for (const [index, subject] of subjects.entries()) {
        if (index % 3 === 0) continue;
        const executor = processes[index % 2]!;
        await executor.transaction().execute((trx) =>
          cancelSteps(trx, subject, {
            reason: index % 3 === 1 ? 'acknowledged' : 'responded',
            onlyThoseStoppedByAcknowledgement: index % 3 === 1,
            at: clock.now(),
          }),
        );
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    };
    const sweeps = [sweeper(0), sweeper(0), sweeper(1), sweeper(1)];
    const replying = replies();
    while (clock.now().getTime() < end) {
      clock.advance(90_000);
      await new Promise((resolve) => setTimeout(resolve, 3));
    }
    await replying;
    running = false;
    await Promise.all(sweeps);
    await fireDueSteps(processes[1]!, { clock, handler: handlerFor(1) });
    expect(early).toEqual([]);

    const rows = (await Promise.all(subjects.map((subject) => findSteps(database.db, subject)))).flat();
    expect(rows).toHaveLength(3_000);
    const audits = await firedAuditCounts(rows.map((row) => row.id));
    for (const row of rows) {
      expect(row.status).not.toBe('pending');
      const expected = row.status === 'fired' ? 1 : 0;
      expect(invocations.get(row.id) ?? 0, `step ${row.id} ${row.status}`).toBe(expected);
      expect(audits.get(row.id) ?? 0).toBe(expected);
      if (row.fired_at) expect(row.fired_at.getTime()).toBeGreaterThanOrEqual(row.due_at.getTime());
    }
    const fired = rows.filter((row) => row.status === 'fired').length;
    expect(fired).toBe(firedBy[0]! + firedBy[1]!);
    expect(fired).toBeGreaterThan(1_000);
    if (database.backend === 'postgres') {
      // Both processes did real work side by side.
      expect(firedBy[0]).toBeGreaterThan(50);
      expect(firedBy[1]).toBeGreaterThan(50);
    }
  });
});

describe('for any schedule and any interleaving of sweeps and replies', () => {
  beforeAll(() => {
    for (const handle of new Set(processes)) interleaveStatements(handle);
  });

  type Action =
    | { kind: 'sweep'; process: number; batchSize: number; workers: number }
    | { kind: 'cancel'; subject: number; onlyThoseStoppedByAcknowledgement: boolean; process: number };
  type Command = { kind: 'advance'; seconds: number } | { kind: 'together'; actions: Action[] };

  const actionArbitrary: fc.Arbitrary<Action> = fc.oneof(
    {
      weight: 3,
      arbitrary: fc.record({
        kind: fc.constant('sweep' as const),
        process: fc.integer({ min: 0, max: 1 }),
        batchSize: fc.integer({ min: 1, max: 4 }),
        workers: fc.integer({ min: 1, max: 2 }),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('cancel' as const),
        subject: fc.integer({ min: 0, max: 2 }),
        onlyThoseStoppedByAcknowledgement: fc.boolean(),
        process: fc.integer({ min: 0, max: 1 }),
      }),
    },
  );
  const commandArbitrary: fc.Arbitrary<Command> = fc.oneof(
    fc.record({ kind: fc.constant('advance' as const), seconds: fc.integer({ min: 0, max: 180 }) }),
    fc.record({
      kind: fc.constant('together' as const),
      actions: fc.array(actionArbitrary, { minLength: 1, maxLength: 3 }),
    }),
  );
  const stepArbitrary = fc.record({
    subject: fc.integer({ min: 0, max: 2 }),
    dueInSeconds: fc.integer({ min: 0, max: 900 }),
    stopsOnAcknowledgement: fc.boolean(),
  });

  it('every due step fires exactly once and no step fires before it is due', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.scheduler(),
        fc.array(stepArbitrary, { minLength: 1, maxLength: 12 }),
        fc.array(commandArbitrary, { maxLength: 10 }),
        async (s, stepSpecs, commands) => {
          const base = new Date(clock.now().getTime() + 60_000);
          clock.set(base);
          const subjects = [newRequest(), newRequest(), newRequest()];
          for (const [number, subject] of subjects.entries()) {
            const plan = stepSpecs
              .filter((spec) => spec.subject === number)
              .map((spec, index) => ({
                index,
                routeStep: index,
                round: 0,
                dueAt: new Date(base.getTime() + spec.dueInSeconds * 1_000),
                target: 'remind_same_contact' as const,
                stopsOnAcknowledgement: spec.stopsOnAcknowledgement,
              }));
            await schedule(subject, plan);
          }
          const ours = async () =>
            (await Promise.all(subjects.map((subject) => findSteps(database.db, subject)))).flat();
          const ids = new Set((await ours()).map((row) => row.id));
          const invocations = new Map<string, number>();
          const early: string[] = [];
          const handler: EscalationStepHandler = async (trx, step, context) => {
            if (!ids.has(step.id)) return undefined;
            if (step.dueAt > context.firedAt || context.firedAt > clock.now()) early.push(step.id);
            invocations.set(step.id, (invocations.get(step.id) ?? 0) + 1);
            return auditFiredStep(trx, step, context);
          };
          const act = (action: Action) =>
            action.kind === 'sweep'
              ? fireDueSteps(processes[action.process]!, {
                  clock,
                  handler,
                  batchSize: action.batchSize,
                  workers: action.workers,
                })
              : processes[action.process]!.transaction().execute((trx) =>
                  cancelSteps(trx, subjects[action.subject]!, {
                    reason: action.onlyThoseStoppedByAcknowledgement ? 'acknowledged' : 'responded',
                    onlyThoseStoppedByAcknowledgement: action.onlyThoseStoppedByAcknowledgement,
                    at: clock.now(),
                  }),
                );

          for (const command of commands) {
            if (command.kind === 'advance') {
              clock.advance(command.seconds * 1_000);
              continue;
            }
            scheduler = s;
            try {
              await s.waitFor(Promise.all(command.actions.map(act)));
            } finally {
              scheduler = null;
            }
            if (command.actions.some((action) => action.kind === 'sweep')) {
              // Once the sweeps are done, nothing due is left waiting.
              const left = (await ours()).filter(
                (row) => row.status === 'pending' && row.due_at <= clock.now(),
              );
              expect(left).toEqual([]);
            }
          }
          // Time passes and one last sweep runs.
          clock.advance(5 * 3_600_000);
          await fireDueSteps(database.db, { clock, handler });

          expect(early).toEqual([]);
          const rows = await ours();
          const audits = await firedAuditCounts(rows.map((row) => row.id));
          for (const row of rows) {
            expect(row.status).not.toBe('pending');
            const expected = row.status === 'fired' ? 1 : 0;
            expect(invocations.get(row.id) ?? 0).toBe(expected);
            expect(audits.get(row.id) ?? 0).toBe(expected);
            if (row.fired_at) expect(row.fired_at.getTime()).toBeGreaterThanOrEqual(row.due_at.getTime());
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});
