import fc from 'fast-check';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/database.ts';
import { titleByKind } from '../src/errors.ts';
import type { StaffRole } from '../src/users/users.table.ts';
import { testAppForFile, testBackend } from './app-for-test.ts';
import {
  createStaffedOrganisation,
  createTestPartnerContact,
  createTestPartnerOrganisation,
  createTestPerson,
  type SignedIn,
} from './factories.ts';
import { requestAs, type StaffRequest } from './requests.ts';

// Optimistic concurrency (TRUST R3): every update names the version it was made to in If-Match.
// Without one the answer is 428, a stale one 412; of two writers that loaded the same version
// exactly one wins, and the stored record is exactly the winner's change.

/**
 * Update routes that take no If-Match, each with the reason (also in its OpenAPI description).
 * Any other PATCH or PUT, including routes added later, must answer 428 without it.
 */
const exemptFromIfMatch = new Map([
  [
    'PUT /api/lawful-bases/:purpose',
    'replaces a whole per-purpose setting that has no version; concurrent setters each leave a complete setting, and each is audited',
  ],
]);

// While a property runs, every statement the app sends to the database first waits for the
// fast-check scheduler to release it, in an order of its choosing: the two writers' reads, checks,
// writes and commits interleave differently on each run. The app's own database object is kept (it
// is what the app listens for notifications on); its connections are wrapped instead, which also
// covers statements inside transactions. Outside a run nothing waits.
let scheduler: fc.Scheduler | null = null;

function interleaveStatements(db: Db): void {
  const executor = db.getExecutor();
  const provideConnection = executor.provideConnection.bind(executor);
  executor.provideConnection = (consume) =>
    provideConnection((connection) =>
      consume({
        async executeQuery(query) {
          if (scheduler) await scheduler.schedule(Promise.resolve(), query.sql.slice(0, 60));
          return connection.executeQuery(query);
        },
        streamQuery: (query, chunkSize) => connection.streamQuery(query, chunkSize),
      }),
    );
}

const t = testAppForFile({ config: { signInAttemptsPerMinute: 1_000_000 } });
const call = (...request: StaffRequest) => requestAs(t.app, ...request);
let staff: Record<StaffRole, SignedIn>;
let spec: { paths: Record<string, Record<string, OpenApiOperation>> };
type OpenApiOperation = {
  parameters?: { in: string; name: string; required?: boolean }[];
  responses?: Record<string, unknown>;
};

beforeAll(async () => {
  interleaveStatements(t.db);
  ({ staff } = await createStaffedOrganisation(t.app, t.db, t.clock));
  spec = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
});

const madeUpId = '00000000-0000-4000-8000-000000000000';

function roleFor(access: unknown): StaffRole {
  if (!Array.isArray(access)) return 'registered_manager';
  for (const role of ['registered_manager', 'manager', 'care_worker', 'admin', 'auditor'] as const) {
    if (access.includes(role)) return role;
  }
  return 'registered_manager';
}

describe('every update route requires If-Match (from the route table)', () => {
  const updateRoutes = () =>
    t.app.routeTable.filter(
      (route) => route.url.startsWith('/api/') && (route.method === 'PATCH' || route.method === 'PUT'),
    );

  it('lists only exemptions that exist', () => {
    const names = updateRoutes().map((route) => `${route.method} ${route.url}`);
    expect(names.length).toBeGreaterThan(10);
    for (const exempt of exemptFromIfMatch.keys()) expect(names).toContain(exempt);
  });

  it('answers 428 without If-Match, before the body is checked; 400 for a malformed one', async () => {
    const outcomes: string[] = [];
    const expected: string[] = [];
    for (const route of updateRoutes()) {
      const name = `${route.method} ${route.url}`;
      const url = route.url.replaceAll(/:([A-Za-z]+)/g, (_, parameter: string) =>
        parameter === 'purpose'
          ? 'care_coordination'
          : parameter === 'template'
            ? 'request_action'
            : parameter === 'urgency'
              ? 'urgent'
              : madeUpId,
      );
      const who = staff[roleFor(route.access)];
      const send = (ifMatch?: string) =>
        t.app.inject({
          method: route.method as 'PATCH',
          url,
          headers: ifMatch === undefined ? who.headers : { ...who.headers, 'if-match': ifMatch },
          payload: {},
        });
      const operation =
        spec.paths[route.url.replaceAll(/:([A-Za-z]+)/g, '{$1}')]?.[route.method.toLowerCase()];
      const documentsIfMatch = (operation?.parameters ?? []).some(
        (parameter) => parameter.in === 'header' && parameter.name === 'if-match' && parameter.required,
      );
      const documents428 = Boolean(operation?.responses?.['428'] && operation.responses['412']);

      if (exemptFromIfMatch.has(name)) {
        const response = await send();
        outcomes.push(`${name}: ${response.statusCode === 428 ? 'requires' : 'exempt'} ${documentsIfMatch}`);
        expected.push(`${name}: exempt false`);
        continue;
      }
      const missing = await send();
      const star = await send('*');
      const weak = await send('W/"1"');
      const unquoted = await send('1');
      const list = await send('"1", "2"');
      outcomes.push(
        [
          `${name}:`,
          missing.statusCode,
          missing.headers['content-type'],
          missing.json().title,
          missing.json().detail.includes('If-Match'),
          star.statusCode,
          ...[weak, unquoted, list].map(
            (response) => `${response.statusCode} ${response.json().errors?.[0]?.field}`,
          ),
          documentsIfMatch,
          documents428,
        ].join(' '),
      );
      expected.push(
        [
          `${name}:`,
          428,
          'application/problem+json',
          titleByKind.precondition_required,
          true,
          428,
          '400 If-Match',
          '400 If-Match',
          '400 If-Match',
          true,
          true,
        ].join(' '),
      );
    }
    expect(outcomes).toEqual(expected);
  });

  it('checks who is calling before asking for If-Match', async () => {
    for (const route of updateRoutes()) {
      const url = route.url.replaceAll(/:([A-Za-z]+)/g, (_, parameter: string) =>
        parameter === 'purpose'
          ? 'care_coordination'
          : parameter === 'template'
            ? 'request_action'
            : parameter === 'urgency'
              ? 'urgent'
              : madeUpId,
      );
      const response = await t.app.inject({ method: route.method as 'PATCH', url, payload: {} });
      expect({ route: `${route.method} ${route.url}`, status: response.statusCode }).toEqual({
        route: `${route.method} ${route.url}`,
        status: 401,
      });
    }
  });
});

// ---- two writers who loaded the same version ----

type Resource = {
  url: string;
  /** What each writer changes, and how to read that field back from the stored row. */
  changes: [Record<string, string>, Record<string, string>];
  stored(): Promise<{ value: string | null; version: number }>;
  auditAction: string;
  id: string;
};

const resourceKinds = [
  'person',
  'partner organisation',
  'partner contact',
  'sharing agreement',
  'safeguarding concern',
] as const;
type ResourceKind = (typeof resourceKinds)[number];

/** Reads back the one column the writers change, and the record's version. */
function storedColumn(
  table: 'people' | 'partner_organisations' | 'partner_contacts' | 'sharing_agreements',
  column: 'preferred_name' | 'notes' | 'job_title',
  id: string,
): Resource['stored'] {
  return () =>
    t.db
      .selectFrom(table)
      .select([sql<string | null>`${sql.ref(column)}`.as('value'), 'version'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
}

async function createResource(kind: ResourceKind): Promise<Resource> {
  const orgId = staff.manager.orgId;
  switch (kind) {
    case 'person': {
      const person = await createTestPerson(t.db, t.clock, orgId);
      return {
        url: `/api/people/${person.id}`,
        id: person.id,
        changes: [{ preferredName: 'Written by A' }, { preferredName: 'Written by B' }],
        auditAction: 'person.update',
        stored: storedColumn('people', 'preferred_name', person.id),
      };
    }
    case 'partner organisation': {
      const partner = await createTestPartnerOrganisation(t.db, t.clock, orgId);
      return {
        url: `/api/partner-organisations/${partner.id}`,
        id: partner.id,
        changes: [{ notes: 'Written by A' }, { notes: 'Written by B' }],
        auditAction: 'partner_organisation.update',
        stored: storedColumn('partner_organisations', 'notes', partner.id),
      };
    }
    case 'partner contact': {
      const partner = await createTestPartnerOrganisation(t.db, t.clock, orgId);
      const contact = await createTestPartnerContact(t.db, t.clock, orgId, partner.id);
      return {
        url: `/api/partner-contacts/${contact.id}`,
        id: contact.id,
        changes: [{ jobTitle: 'Written by A' }, { jobTitle: 'Written by B' }],
        auditAction: 'partner_contact.update',
        stored: storedColumn('partner_contacts', 'job_title', contact.id),
      };
    }
    case 'sharing agreement': {
      const partner = await createTestPartnerOrganisation(t.db, t.clock, orgId);
      const created = await call('POST', '/api/sharing-agreements', staff.manager, {
        partnerOrganisationId: partner.id,
        title: 'Care coordination with the surgery',
        purposes: ['care_coordination'],
        categories: ['health'],
        startsOn: '2026-04-01',
      });
      expect(created.statusCode).toBe(201);
      const id = created.json().id as string;
      return {
        url: `/api/sharing-agreements/${id}`,
        id,
        changes: [{ notes: 'Written by A' }, { notes: 'Written by B' }],
        auditAction: 'sharing_agreement.update',
        stored: storedColumn('sharing_agreements', 'notes', id),
      };
    }
    case 'safeguarding concern': {
      const person = await createTestPerson(t.db, t.clock, orgId);
      const created = await t.app.inject({
        method: 'POST',
        url: '/api/safeguarding/concerns',
        headers: staff.care_worker.headers,
        payload: {
          personId: person.id,
          occurredAt: '2026-11-21T08:00:00Z',
          whatHappened: 'Unexplained bruise on the upper arm.',
          category: 'physical',
          locationOfRisk: 'own_home',
          sourceKind: 'not_known',
          immediateActions: 'Body map completed.',
          level: 'medium',
        },
      });
      expect(created.statusCode).toBe(201);
      const id = created.json().id as string;
      return {
        url: `/api/safeguarding/concerns/${id}`,
        id,
        changes: [{ needToKnow: 'Written by A' }, { needToKnow: 'Written by B' }],
        auditAction: 'concern.update',
        stored: () =>
          t.db
            .selectFrom('safeguarding_concerns')
            .select(['need_to_know as value', 'version'])
            .where('id', '=', id)
            .executeTakeFirstOrThrow(),
      };
    }
  }
}

// Two different members of staff, each allowed to change every kind of record above.
const writers = () => [staff.manager, staff.registered_manager] as const;

/** Each writer loads the record: both get version 1, as its ETag. */
async function loadAsBothWriters(resource: Resource): Promise<string[]> {
  const tags: string[] = [];
  for (const writer of writers()) {
    const loaded = await call('GET', resource.url, writer);
    expect(loaded.statusCode).toBe(200);
    expect(loaded.json().version).toBe(1);
    tags.push(String(loaded.headers.etag));
  }
  expect(tags).toEqual(['"1"', '"1"']);
  return tags;
}

function writeConcurrently(resource: Resource, tags: string[]) {
  return Promise.all(
    writers().map((writer, index) =>
      call(
        'PATCH',
        resource.url,
        { headers: { ...writer.headers, 'if-match': tags[index] ?? '' } },
        resource.changes[index as 0 | 1],
      ),
    ),
  );
}

/** Exactly one 200 and one 412, and the stored record is exactly the winner's change, at version 2. */
async function expectExactlyOneWinner(
  resource: Resource,
  responses: Awaited<ReturnType<typeof writeConcurrently>>,
) {
  expect(responses.map((response) => response.statusCode).sort()).toEqual([200, 412]);
  const winner = responses.findIndex((response) => response.statusCode === 200);
  const loser = responses[1 - winner]!;
  expect(loser.headers['content-type']).toContain('application/problem+json');
  expect(loser.json().detail).toContain('changed by someone else');
  expect(responses[winner]!.headers.etag).toBe('"2"');
  expect(responses[winner]!.json().version).toBe(2);

  const [field, value] = Object.entries(resource.changes[winner as 0 | 1])[0]!;
  expect(responses[winner]!.json()[field]).toBe(value);
  expect(await resource.stored()).toEqual({ value, version: 2 });
  const updates = await t.db
    .selectFrom('audit_events')
    .select('actor_id')
    .where('org_id', '=', staff.manager.orgId)
    .where('entity_id', '=', resource.id)
    .where('action', '=', resource.auditAction)
    .execute();
  expect(updates).toEqual([{ actor_id: writers()[winner]!.userId }]);

  const reloaded = await call('GET', resource.url, staff.manager);
  expect(reloaded.headers.etag).toBe('"2"');
}

describe('two writers who loaded the same version', () => {
  it.each(resourceKinds)('a %s: exactly one wins when both save at once', async (kind) => {
    const resource = await createResource(kind);
    const tags = await loadAsBothWriters(resource);
    await expectExactlyOneWinner(resource, await writeConcurrently(resource, tags));
  });

  it('exactly one wins however their reads, checks and writes interleave', async () => {
    const howTheLoserLost = new Set<string>();
    await fc.assert(
      fc.asyncProperty(fc.scheduler(), fc.constantFrom(...resourceKinds), async (s, kind) => {
        const resource = await createResource(kind);
        const tags = await loadAsBothWriters(resource);
        scheduler = s;
        let responses: Awaited<ReturnType<typeof writeConcurrently>>;
        try {
          responses = await s.waitFor(writeConcurrently(resource, tags));
        } finally {
          scheduler = null;
        }
        await expectExactlyOneWinner(resource, responses);
        const loser = responses.find((response) => response.statusCode === 412)!;
        howTheLoserLost.add(
          loser.json().detail.includes('while you saved') ? 'at the write' : 'at the version check',
        );
      }),
      { numRuns: 40 },
    );
    // On PostgreSQL both writers can read version 1 before either writes: then only the version
    // condition in the UPDATE stops the second, and the runs must have reached that case. (PGlite
    // runs one transaction at a time, so there the second always sees version 2 when it reads.)
    if (testBackend() === 'postgres') expect(howTheLoserLost).toContain('at the write');
    else expect([...howTheLoserLost]).toEqual(['at the version check']);
  });

  it('a writer who reloads after losing can then make their change', async () => {
    const resource = await createResource('person');
    const tags = await loadAsBothWriters(resource);
    const responses = await writeConcurrently(resource, tags);
    const loser = responses.findIndex((response) => response.statusCode === 412);
    const who = writers()[loser]!;
    const reloaded = await call('GET', resource.url, who);
    const retried = await call(
      'PATCH',
      resource.url,
      { headers: { ...who.headers, 'if-match': String(reloaded.headers.etag) } },
      resource.changes[loser as 0 | 1],
    );
    expect(retried.statusCode).toBe(200);
    expect(retried.headers.etag).toBe('"3"');
    expect(await resource.stored()).toEqual({
      value: Object.values(resource.changes[loser as 0 | 1])[0],
      version: 3,
    });
  });
});
