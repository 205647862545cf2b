import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaffRole } from '../src/users/users.table.ts';
import { createTestApp, type TestApp } from './app-for-test.ts';
import { createStaffedOrganisation, type SignedIn } from './factories.ts';

// Schema-driven fuzzing of every API route: bodies and query strings built from each route's own
// OpenAPI description (its field names, with values of every JSON type, plus unknown fields), sent
// by a member of staff the route lets in. Whatever arrives, the answer is never a 5xx, and every
// refusal is problem+json. Routes added later are fuzzed without being listed.

type Schema = {
  properties?: Record<string, Schema>;
  items?: Schema;
  enum?: unknown[];
  type?: string | string[];
};
type Operation = {
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  parameters?: { in: string; name: string; schema?: Schema }[];
};

let t: TestApp;
let staff: Record<StaffRole, SignedIn>;
let spec: {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
};
beforeAll(async () => {
  t = await createTestApp({ config: { signInAttemptsPerMinute: 1_000_000 } });
  t.clock.set('2026-11-21T09:00:00Z');
  ({ staff } = await createStaffedOrganisation(t.app, t.db, t.clock));
  spec = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
});
afterAll(async () => {
  await t.close();
});

function resolve(schema: Schema | undefined): Schema | undefined {
  const reference = (schema as { $ref?: string } | undefined)?.$ref;
  if (!reference) return schema;
  return spec.components?.schemas?.[reference.split('/').at(-1) ?? ''];
}

const uuid = fc.uuid({ version: 4 });
const scalar = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  uuid,
  fc.constantFrom(
    '2026-11-21',
    '2026-02-30',
    '2026-11-21T09:00:00Z',
    '',
    ' ',
    '\u0000',
    '<script>',
    "'; drop table",
  ),
);
const anyJson = fc.oneof(
  scalar,
  fc.array(scalar, { maxLength: 4 }),
  fc.dictionary(fc.string({ maxLength: 8 }), scalar),
);

/** A value for a field: often one the schema allows (an enum member, a list of them), often not. */
function valueFor(schema: Schema | undefined): fc.Arbitrary<unknown> {
  const resolved = resolve(schema);
  const options: fc.Arbitrary<unknown>[] = [anyJson];
  if (resolved?.enum?.length) options.push(fc.constantFrom(...resolved.enum));
  const itemEnum = resolve(resolved?.items)?.enum;
  if (itemEnum?.length) options.push(fc.subarray(itemEnum));
  if (resolved?.properties) options.push(bodyFor(resolved));
  return fc.oneof(...options);
}

function bodyFor(schema: Schema | undefined): fc.Arbitrary<unknown> {
  const properties = Object.entries(resolve(schema)?.properties ?? {});
  const known = fc.record(
    Object.fromEntries(properties.map(([name, property]) => [name, valueFor(property)])),
    { requiredKeys: [] },
  );
  return fc.oneof(
    { weight: 6, arbitrary: known },
    {
      weight: 1,
      arbitrary: fc
        .tuple(known, fc.string({ minLength: 1, maxLength: 8 }), anyJson)
        .map(([body, key, value]) => ({ ...(body as object), [key]: value })),
    },
    { weight: 1, arbitrary: anyJson },
  );
}

/** For updates: no If-Match, a plausible version, or something that is not one. */
const ifMatch = fc.option(
  fc.oneof(
    fc.constantFrom('"1"', '"2"', '*', 'W/"1"', '1', '"0"', '"99999999999"', '"1", "2"', '""'),
    fc.stringMatching(/^[\x21-\x7e]{0,16}$/),
  ),
  { nil: undefined },
);

function queryFor(operation: Operation): fc.Arbitrary<string> {
  const parameters = (operation.parameters ?? []).filter((parameter) => parameter.in === 'query');
  return fc
    .record(
      Object.fromEntries(
        parameters.map((parameter) => [
          parameter.name,
          fc.oneof(
            valueFor(parameter.schema).map((value) =>
              typeof value === 'string' ? value : (JSON.stringify(value) ?? ''),
            ),
            fc.string({ maxLength: 12 }),
            fc.integer().map(String),
          ),
        ]),
      ),
      { requiredKeys: [] },
    )
    .map((query) => new URLSearchParams(query as Record<string, string>).toString());
}

function roleFor(access: unknown): StaffRole {
  if (!Array.isArray(access)) return 'registered_manager';
  for (const role of ['registered_manager', 'manager', 'care_worker', 'admin', 'auditor'] as const) {
    if (access.includes(role)) return role;
  }
  return 'registered_manager';
}

describe('fuzzing every route', () => {
  it('never answers 5xx, and every refusal is problem+json', async () => {
    const routes = t.app.routeTable.filter(
      (route) =>
        route.url.startsWith('/api/') &&
        route.access !== 'public' &&
        !route.url.startsWith('/api/docs') &&
        // Signing out would end the session the rest of the run uses.
        !(route.method === 'DELETE' && route.url === '/api/session'),
    );
    expect(routes.length).toBeGreaterThan(40);
    const failures: string[] = [];
    let succeeded = 0;
    for (const route of routes) {
      const path = route.url.replaceAll(/:([A-Za-z]+)/g, '{$1}');
      const operation = spec.paths[path]?.[route.method.toLowerCase()] ?? {};
      const bodySchema = operation.requestBody?.content?.['application/json']?.schema;
      const who = staff[roleFor(route.access)];
      await fc.assert(
        fc.asyncProperty(
          bodyFor(bodySchema),
          queryFor(operation),
          fc.oneof(uuid, fc.constantFrom('not-an-id', '0', 'care_coordination', '%00')),
          ifMatch,
          async (body, query, id, version) => {
            const url = `${route.url.replaceAll(/:[A-Za-z]+/g, encodeURIComponent(id))}${query ? `?${query}` : ''}`;
            const isUpdate = route.method === 'PATCH' || route.method === 'PUT';
            const response = await t.app.inject({
              method: route.method as 'GET',
              url,
              headers:
                isUpdate && version !== undefined ? { ...who.headers, 'if-match': version } : who.headers,
              ...(route.method === 'GET' || route.method === 'DELETE'
                ? {}
                : { payload: JSON.stringify(body) }),
            });
            const problem =
              response.statusCode >= 400 &&
              !response.headers['content-type']?.toString().includes('application/problem+json');
            if (response.statusCode < 300) succeeded += 1;
            if (response.statusCode >= 500 || problem) {
              failures.push(
                `${route.method} ${url} If-Match ${version} ${JSON.stringify(body)} → ${response.statusCode} ${response.body.slice(0, 200)}`,
              );
            }
          },
        ),
        { numRuns: 25, seed: 20261121 },
      );
    }
    expect(failures).toEqual([]);
    // Not vacuous: the generated input is often good enough to get through validation.
    expect(succeeded).toBeGreaterThan(routes.length);
  });
});
