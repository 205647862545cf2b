import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testAppForFile, testBackend } from '../../test/app-for-test.ts';
import { createTestOrganisation, createTestPerson, createTestUser } from '../../test/factories.ts';
import { auditEntriesOf, okAs, requestAs } from '../../test/requests.ts';
import { partnerWithContact, type Staff, staffedOrganisation } from '../../test/scenarios.ts';
import type { RequestContext } from '../context.ts';
import { migrateTo, migrateToLatest } from '../db/migrate.ts';
import { AppError, statusByKind } from '../errors.ts';
import { describeSubject } from '../subjects/subjects.ts';
import type { ActionStatusInput } from './actions.schemas.ts';
import { changeAction, createAction, listActions, setActionStatus } from './actions.service.ts';

// Actions with a named lead and a due date, about a subject: the moves between statuses (and
// those refused), the lead's organisation, and the review's learning actions, which are actions
// about their incident behind the same URLs and answers as before.

const t = testAppForFile({ config: { signInAttemptsPerMinute: 10_000 }, at: '2026-12-01T09:00:00Z' });
let staff: Staff;
let orgId: string;
let manager: RequestContext;
let incidentId: string;

beforeAll(async () => {
  ({ staff, orgId, manager } = await staffedOrganisation(t));
  const incident = await okAs(t.app, 'POST', '/api/incidents', staff.manager, {
    type: 'heating',
    title: 'Boiler failure at Riverside House',
    summary: 'No heating since 6am.',
    severity: 'moderate',
    startedAt: '2026-12-01T06:00:00Z',
    leadId: staff.manager.userId,
    partnerLiaisonId: staff.registered_manager.userId,
  });
  incidentId = incident.id;
});

const subject = () => ({ type: 'incident' as const, id: incidentId });

function newAction(
  lead: { userId: string } | { partnerContactId: string },
  status?: 'proposed' | 'accepted',
) {
  return t.db.transaction().execute((trx) =>
    createAction(trx, manager, {
      subject: subject(),
      action: { title: 'Agree a heating protocol with the landlord', lead, dueOn: '2027-01-15' },
      ...(status ? { status } : {}),
      at: t.clock.now(),
    }),
  );
}

function move(actionId: string, expectedVersion: number, change: ActionStatusInput) {
  return t.db.transaction().execute((trx) =>
    setActionStatus(trx, manager, {
      subject: subject(),
      actionId,
      expectedVersion,
      change,
      at: t.clock.now(),
    }),
  );
}

/** The refusal a call ends with: its HTTP status and the fields it names. */
async function refusal(call: Promise<unknown>) {
  const error = await call.then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!(error instanceof AppError)) throw new Error(`Expected a refusal, got ${String(error)}`);
  return { status: statusByKind[error.kind], fields: error.fields.map((each) => each.field) };
}

describe('an action’s statuses', () => {
  it('is proposed, accepted, under way and done with evidence, a version and an audit entry each time', async () => {
    const proposed = await newAction({ userId: staff.care_worker.userId });
    expect(proposed).toMatchObject({
      status: 'proposed',
      version: 1,
      lead_user_id: staff.care_worker.userId,
    });
    const accepted = await move(proposed.id, 1, { status: 'accepted' });
    const started = await move(proposed.id, accepted.version, { status: 'in_progress' });
    t.clock.advance(60_000);
    const done = await move(proposed.id, started.version, {
      status: 'done',
      evidence: 'Protocol signed on 3 December.',
    });
    expect(done).toMatchObject({ status: 'done', version: 4, evidence: 'Protocol signed on 3 December.' });
    expect(done.done_at?.toISOString()).toBe(t.clock.now().toISOString());

    const audit = await auditEntriesOf(t.db, orgId, { entityId: proposed.id });
    expect(audit.map((entry) => entry.action)).toEqual([
      'action.create',
      'action.accept',
      'action.start',
      'action.complete',
    ]);
  });

  it('refuses to decline without a reason, or to finish without evidence, naming the field (400)', async () => {
    const action = await newAction({ userId: staff.care_worker.userId });
    expect(await refusal(move(action.id, 1, { status: 'declined' }))).toEqual({
      status: 400,
      fields: ['reason'],
    });
    expect(await refusal(move(action.id, 1, { status: 'declined', reason: '   ' }))).toEqual({
      status: 400,
      fields: ['reason'],
    });
    const accepted = await move(action.id, 1, { status: 'accepted' });
    expect(await refusal(move(action.id, accepted.version, { status: 'done' }))).toEqual({
      status: 400,
      fields: ['evidence'],
    });
    const declinable = await newAction({ userId: staff.care_worker.userId });
    const declined = await move(declinable.id, 1, {
      status: 'declined',
      reason: 'Not mine to do: estates own it.',
    });
    expect(declined).toMatchObject({
      status: 'declined',
      declined_reason: 'Not mine to do: estates own it.',
    });
  });

  it('refuses a change made to a version someone else has changed since (412)', async () => {
    const action = await newAction({ userId: staff.care_worker.userId });
    await move(action.id, 1, { status: 'accepted' });
    expect(await refusal(move(action.id, 1, { status: 'cancelled' }))).toEqual({ status: 412, fields: [] });
    const change = (expectedVersion: number) =>
      t.db.transaction().execute((trx) =>
        changeAction(trx, manager, {
          subject: subject(),
          actionId: action.id,
          expectedVersion,
          changes: { dueOn: '2027-02-01' },
          at: t.clock.now(),
        }),
      );
    expect(await refusal(change(1))).toEqual({ status: 412, fields: [] });
    expect(await change(2)).toMatchObject({ due_on: '2027-02-01', version: 3 });
  });

  it('refuses moves the statuses do not allow (409), and any change once it is finished', async () => {
    const action = await newAction({ userId: staff.care_worker.userId });
    expect(await refusal(move(action.id, 1, { status: 'done', evidence: 'Done already.' }))).toEqual({
      status: 409,
      fields: [],
    });
    const cancelled = await move(action.id, 1, { status: 'cancelled' });
    expect(await refusal(move(action.id, cancelled.version, { status: 'accepted' }))).toEqual({
      status: 409,
      fields: [],
    });
    const retitle = t.db.transaction().execute((trx) =>
      changeAction(trx, manager, {
        subject: subject(),
        actionId: action.id,
        expectedVersion: cancelled.version,
        changes: { title: 'Something else' },
        at: t.clock.now(),
      }),
    );
    expect(await refusal(retitle)).toEqual({ status: 409, fields: [] });
  });

  it('does not find another subject’s action (404)', async () => {
    const action = await newAction({ userId: staff.care_worker.userId });
    const elsewhere = t.db.transaction().execute((trx) =>
      setActionStatus(trx, manager, {
        subject: { type: 'incident', id: crypto.randomUUID() },
        actionId: action.id,
        expectedVersion: 1,
        change: { status: 'accepted' },
        at: t.clock.now(),
      }),
    );
    expect(await refusal(elsewhere)).toEqual({ status: 404, fields: [] });
  });
});

describe('an action’s lead', () => {
  it('is a member of staff or a partner contact of the organisation, and never both', async () => {
    const { contact } = await partnerWithContact(t, orgId, { type: 'housing' });
    const action = await newAction({ partnerContactId: contact.id }, 'accepted');
    expect(action).toMatchObject({
      lead_user_id: null,
      lead_partner_contact_id: contact.id,
      status: 'accepted',
    });
    const listed = await listActions(t.db, manager, subject());
    expect(listed.find((each) => each.id === action.id)?.lead).toEqual({
      userId: null,
      partnerContactId: contact.id,
      name: contact.name,
    });

    const both = sql`update actions set lead_user_id = ${staff.manager.userId}
      where org_id = ${orgId} and id = ${action.id}`.execute(t.db);
    await expect(both).rejects.toThrow(/check constraint/);
  });

  it('refuses a lead from another organisation (400, naming the field)', async () => {
    const other = await createTestOrganisation(t.db, t.clock);
    const stranger = await createTestUser(t.db, t.clock, other.id, { role: 'manager' });
    expect(await refusal(newAction({ userId: stranger.id }))).toEqual({
      status: 400,
      fields: ['leadUserId'],
    });
    const { contact } = await partnerWithContact(t, other.id, { type: 'gp' });
    expect(await refusal(newAction({ partnerContactId: contact.id }))).toEqual({
      status: 400,
      fields: ['leadPartnerContactId'],
    });
    const changeLead = t.db.transaction().execute(async (trx) => {
      const mine = await createAction(trx, manager, {
        subject: subject(),
        action: { title: 'Check the heaters', lead: { userId: staff.manager.userId }, dueOn: '2027-01-15' },
        at: t.clock.now(),
      });
      return changeAction(trx, manager, {
        subject: subject(),
        actionId: mine.id,
        expectedVersion: 1,
        changes: { lead: { userId: stranger.id } },
        at: t.clock.now(),
      });
    });
    expect(await refusal(changeLead)).toEqual({ status: 400, fields: ['leadUserId'] });
  });

  it('refuses the auditor and an administrator as lead: they do not act on people’s records', async () => {
    for (const role of ['auditor', 'admin'] as const) {
      expect(await refusal(newAction({ userId: staff[role].userId }))).toEqual({
        status: 400,
        fields: ['leadUserId'],
      });
    }
  });
});

describe('the incident as a subject', () => {
  it('is described by its title, its page and the people it affects', async () => {
    const person = await createTestPerson(t.db, t.clock, orgId);
    await requestAs(t.app, 'POST', `/api/incidents/${incidentId}/people`, staff.manager, {
      personIds: [person.id],
    });
    expect(await describeSubject(t.db, { orgId, type: 'incident', id: incidentId })).toEqual({
      title: 'Boiler failure at Riverside House',
      webPath: `/incidents/${incidentId}`,
      personIds: [person.id],
    });
    const other = await createTestOrganisation(t.db, t.clock);
    expect(
      await describeSubject(t.db, { orgId: other.id, type: 'incident', id: incidentId }),
    ).toBeUndefined();
  });
});

describe('the review’s learning actions', () => {
  const call = (method: 'GET' | 'POST', url: string, payload?: unknown) =>
    requestAs(t.app, method, url, staff.manager, payload);

  it('keep their URLs and answers, and are actions about the incident', async () => {
    const opened = await call('POST', '/api/incidents', {
      type: 'power',
      title: 'Power cut',
      summary: 'The power went off.',
      severity: 'minor',
      startedAt: '2026-12-01T07:00:00Z',
      leadId: staff.manager.userId,
      partnerLiaisonId: staff.manager.userId,
    });
    const id = opened.json().id as string;
    const added = await call('POST', `/api/incidents/${id}/learning-actions`, {
      action: 'Keep the battery lamps in the staff office.',
      ownerId: staff.registered_manager.userId,
      dueOn: '2027-01-15',
    });
    expect(added.statusCode).toBe(201);
    const [learning] = added.json();
    expect(learning).toEqual({
      id: expect.any(String),
      action: 'Keep the battery lamps in the staff office.',
      owner: expect.stringMatching(/^Staff /),
      ownerId: staff.registered_manager.userId,
      dueOn: '2027-01-15',
      doneAt: null,
    });

    t.clock.advance(60_000);
    const done = await call('POST', `/api/incidents/${id}/learning-actions/${learning.id}/done`);
    expect(done.statusCode).toBe(200);
    expect(done.json()).toEqual([{ ...learning, doneAt: t.clock.now().toISOString() }]);
    expect((await call('GET', `/api/incidents/${id}/review`)).json().learningActions).toEqual(done.json());

    const again = await call('POST', `/api/incidents/${id}/learning-actions/${learning.id}/done`);
    expect(again.statusCode).toBe(404);
    const onAnother = await call('POST', `/api/incidents/${incidentId}/learning-actions/${learning.id}/done`);
    expect(onAnother.statusCode).toBe(404);

    const [stored] = await listActions(t.db, manager, { type: 'incident', id });
    expect(stored).toMatchObject({ status: 'done', evidence: 'Marked done on the post-incident review.' });

    const other = await createTestOrganisation(t.db, t.clock);
    const stranger = await createTestUser(t.db, t.clock, other.id, { role: 'manager' });
    const foreignOwner = await call('POST', `/api/incidents/${id}/learning-actions`, {
      action: 'Review the rota',
      ownerId: stranger.id,
      dueOn: '2027-01-15',
    });
    expect(foreignOwner.statusCode).toBe(400);
    expect(foreignOwner.json().errors).toEqual([expect.objectContaining({ field: 'ownerId' })]);
  });
});

describe('moving the learning actions onto actions', () => {
  it('keeps every learning action, its id, owner, due date and whether it was done', async () => {
    const handle = await createTestDatabase(testBackend(), { migrated: false });
    try {
      const { db } = handle;
      await migrateTo(db, '2026_12_06_1100_attention_once_per_cause');
      const [org, user, incident, open, done] = Array.from({ length: 5 }, () => crypto.randomUUID());
      await sql`insert into organisations (id, name, created_at, updated_at)
                values (${org}, 'Upgrade Care', now(), now())`.execute(db);
      await sql`insert into users (org_id, id, email, display_name, role, password_hash, created_at, updated_at)
                values (${org}, ${user}, 'lead@example.org', 'Morgan Lead', 'manager', 'x', now(), now())`.execute(
        db,
      );
      await sql`insert into incidents (org_id, id, type, title, summary, severity, started_at, lead_id,
                  partner_liaison_id, created_at, updated_at)
                values (${org}, ${incident}, 'power', 'Power cut', 'Off', 'minor', now(), ${user}, ${user},
                  now(), now())`.execute(db);
      await sql`insert into incident_learning_actions (org_id, id, incident_id, action, owner_id, due_on, done_at, created_at)
                values (${org}, ${open}, ${incident}, 'Move the lamps', ${user}, '2027-01-15', null,
                  '2026-12-01T10:00:00Z'),
                       (${org}, ${done}, ${incident}, 'Test the generator', ${user}, '2026-12-20',
                  '2026-12-05T10:00:00Z', '2026-12-01T10:00:00Z')`.execute(db);

      await migrateToLatest(db);
      const actions = await sql<Record<string, unknown>>`
        select id, subject_type, subject_id, title, lead_user_id, lead_partner_contact_id, due_on::text,
               status, evidence, done_at, version
        from actions where org_id = ${org} order by due_on`.execute(db);
      expect(actions.rows).toEqual([
        {
          id: done,
          subject_type: 'incident',
          subject_id: incident,
          title: 'Test the generator',
          lead_user_id: user,
          lead_partner_contact_id: null,
          due_on: '2026-12-20',
          status: 'done',
          evidence: 'Marked done before evidence was recorded.',
          done_at: new Date('2026-12-05T10:00:00Z'),
          version: 1,
        },
        {
          id: open,
          subject_type: 'incident',
          subject_id: incident,
          title: 'Move the lamps',
          lead_user_id: user,
          lead_partner_contact_id: null,
          due_on: '2027-01-15',
          status: 'accepted',
          evidence: null,
          done_at: null,
          version: 1,
        },
      ]);
    } finally {
      await handle.close();
    }
    // Migrating an empty embedded database from the start takes a while on a busy machine.
  }, 120_000);
});
