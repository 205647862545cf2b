import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { StaffRole } from '../src/users/users.table.ts';
import { testAppForFile } from './app-for-test.ts';
import { createStaffedOrganisation, type SignedIn } from './factories.ts';
import { type Conformance, loadConformance } from './openapi-conformance.ts';

// Schema-driven fuzzing of every API route: bodies and query strings built from each route's own
// OpenAPI description (its field names, with values of every JSON type, plus unknown fields), sent
// by a member of staff the route lets in. Whatever arrives, the answer is never a 5xx, and every
// refusal is problem+json, and every answer is one the description declares (status, content type
// and body). Routes added later are fuzzed without being listed.

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

const t = testAppForFile({ config: { signInAttemptsPerMinute: 1_000_000 }, at: '2026-11-21T09:00:00Z' });
let conformance: Conformance;
let staff: Record<StaffRole, SignedIn>;
let spec: {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
};
beforeAll(async () => {
  ({ staff } = await createStaffedOrganisation(t.app, t.db, t.clock));
  spec = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
  conformance = await loadConformance(t.app);
});

function resolve(schema: Schema | undefined): Schema | undefined {
  const reference = (schema as { $ref?: string } | undefined)?.$ref;
  if (!reference) return schema;
  return spec.components?.schemas?.[reference.split('/').at(-1) ?? ''];
}

const uuid = fc.uuid({ version: 4 });
/**
 * Text of every kind: ordinary, any Unicode, half of a surrogate pair, control characters (NUL
 * among them, which PostgreSQL cannot store), and far longer than any field allows.
 */
const hostileText = fc.oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 40 }) },
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc
    .tuple(
      fc.string({ maxLength: 10 }),
      fc.constantFrom('\ud800', '\udfff', '\udc00\ud800'),
      fc.string({ maxLength: 10 }),
    )
    .map((parts) => parts.join('')),
  fc
    .tuple(fc.string({ maxLength: 10 }), fc.integer({ min: 0, max: 0x1f }), fc.string({ maxLength: 10 }))
    .map(([before, code, after]) => `${before}${String.fromCharCode(code)}${after}`),
  fc.constantFrom('\u0000', 'a\u0000b', '\u007f', '\u0085', '\u2028', '\ufeff', '\ufffe'),
  fc
    .tuple(fc.constantFrom('a', 'é', '😀', '\u0000'), fc.integer({ min: 5_000, max: 100_000 }))
    .map(([character, length]) => character.repeat(length)),
);
const scalar = fc.oneof(
  hostileText,
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
  fc.dictionary(fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('\u0000', '\ud800')), scalar),
);

/** A value for a field: often one the schema allows (an enum member, a list of them), often not. */
function valueFor(schema: Schema | undefined): fc.Arbitrary<unknown> {
  const resolved = resolve(schema);
  const options: fc.Arbitrary<unknown>[] = [anyJson];
  // A text field mostly gets text, so hostile text often reaches the database with valid company.
  const types = [
    resolved?.type,
    ...((resolved as { anyOf?: Schema[] } | undefined)?.anyOf ?? []).map((option) => option.type),
  ].flat();
  if (types.includes('string') && !resolved?.enum) options.push(hostileText, hostileText, hostileText);
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
            hostileText,
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
  it('never answers 5xx, every refusal is problem+json, and every answer is as described', async () => {
    const routes = t.app.routeTable.filter(
      (route) =>
        route.url.startsWith('/api/') &&
        // Signing in is public, and fuzzed too (anonymously, below): it reads what is typed
        // before anyone is known.
        (route.access !== 'public' || (route.method === 'POST' && route.url === '/api/session')) &&
        !route.url.startsWith('/api/docs') &&
        // Signing out would end the session the rest of the run uses.
        !(route.method === 'DELETE' && route.url === '/api/session'),
    );
    expect(routes.length).toBeGreaterThan(40);
    const failures: string[] = [];
    const undescribed = new Set<string>();
    let succeeded = 0;
    for (const route of routes) {
      const path = route.url.replaceAll(/:([A-Za-z]+)/g, '{$1}');
      const operation = spec.paths[path]?.[route.method.toLowerCase()] ?? {};
      const bodySchema = operation.requestBody?.content?.['application/json']?.schema;
      const who = route.access === 'public' ? { headers: {} } : staff[roleFor(route.access)];
      await fc.assert(
        fc.asyncProperty(
          bodyFor(bodySchema),
          queryFor(operation),
          fc.oneof(
            uuid,
            fc.constantFrom('not-an-id', '0', 'care_coordination', '%00', '\u0000', 'a'.repeat(5000)),
          ),
          ifMatch,
          async (body, query, id, version) => {
            const url = `${route.url.replaceAll(/:[A-Za-z]+/g, encodeURIComponent(id))}${query ? `?${query}` : ''}`;
            const isUpdate = route.method === 'PATCH' || route.method === 'PUT';
            const hasBody = route.method !== 'GET' && route.method !== 'DELETE';
            const headers: Record<string, string> = {
              ...(who.headers as Record<string, string>),
              // Without it every body is refused as unsupported (415) before validation is reached.
              ...(hasBody ? { 'content-type': 'application/json' } : {}),
              ...(isUpdate && version !== undefined ? { 'if-match': version } : {}),
            };
            const response = await t.app.inject({
              method: route.method as 'GET',
              url,
              headers,
              ...(hasBody ? { payload: JSON.stringify(body) } : {}),
            });
            const problem =
              response.statusCode >= 400 &&
              !response.headers['content-type']?.toString().includes('application/problem+json');
            if (response.statusCode < 300) succeeded += 1;
            for (const problem of conformance.problems(route.method, route.url, response))
              undescribed.add(problem);
            if (response.statusCode >= 500 || problem) {
              failures.push(
                `${route.method} ${url.slice(0, 200)} If-Match ${version} ${JSON.stringify(body).slice(0, 300)} → ${response.statusCode} ${response.body.slice(0, 200)}`,
              );
            }
          },
        ),
        { numRuns: 25, seed: 20261121 },
      );
    }
    expect(failures).toEqual([]);
    expect([...undescribed]).toEqual([]);
    // Not vacuous: the generated input is often good enough to get through validation.
    expect(succeeded).toBeGreaterThan(routes.length);
    expect(conformance.successBodiesValidated).toBeGreaterThan(routes.length);
  }, 180_000);
});

describe('text the database cannot store', () => {
  it('is refused on every route, naming the field, wherever it is sent', async () => {
    const isText = (schema: Schema | undefined) => {
      const resolved = resolve(schema);
      const types = [
        resolved?.type,
        ...((resolved as { anyOf?: Schema[] } | undefined)?.anyOf ?? []).map((option) => option.type),
      ].flat();
      return types.includes('string');
    };
    const unrefused: string[] = [];
    const undescribed = new Set<string>();
    let sent = 0;
    for (const route of t.app.routeTable) {
      if (!route.url.startsWith('/api/') || route.url.startsWith('/api/docs')) continue;
      if (route.method === 'DELETE' && route.url === '/api/session') continue;
      const operation =
        spec.paths[route.url.replaceAll(/:([A-Za-z]+)/g, '{$1}')]?.[route.method.toLowerCase()] ?? {};
      const path = route.url.replaceAll(/:[A-Za-z]+/g, '00000000-0000-4000-8000-000000000000');
      const headers = {
        ...(route.access === 'public'
          ? {}
          : route.access === 'partner_link'
            ? { 'x-partner-link': 'not-a-real-link' }
            : staff[roleFor(route.access)].headers),
        ...(route.method === 'GET' || route.method === 'DELETE'
          ? {}
          : { 'content-type': 'application/json' }),
      };
      const attempts: { field: string; url: string; payload?: string }[] = [];
      for (const parameter of operation.parameters ?? []) {
        if (parameter.in === 'query' && isText(parameter.schema)) {
          attempts.push({ field: parameter.name, url: `${path}?${parameter.name}=x%00y` });
        }
        if (parameter.in === 'path') {
          const url = route.url.replaceAll(/:([A-Za-z]+)/g, (_whole, name: string) =>
            name === parameter.name ? '%00' : '00000000-0000-4000-8000-000000000000',
          );
          attempts.push({ field: parameter.name, url });
        }
      }
      const bodySchema = resolve(operation.requestBody?.content?.['application/json']?.schema);
      for (const [name, property] of Object.entries(bodySchema?.properties ?? {})) {
        if (isText(property)) {
          attempts.push({ field: name, url: path, payload: JSON.stringify({ [name]: 'x\u0000y' }) });
        }
      }
      for (const attempt of attempts) {
        sent += 1;
        const response = await t.app.inject({
          method: route.method as 'POST',
          url: attempt.url,
          headers,
          ...(route.method === 'GET' || route.method === 'DELETE'
            ? {}
            : { payload: attempt.payload ?? '{}' }),
        });
        for (const problem of conformance.problems(route.method, route.url, response))
          undescribed.add(problem);
        const fields = response.statusCode === 400 ? (response.json().errors ?? []) : [];
        if (!fields.some((problem: { field: string }) => problem.field === attempt.field)) {
          unrefused.push(`${route.method} ${route.url} ${attempt.field} → ${response.statusCode}`);
        }
      }
    }
    expect(unrefused).toEqual([]);
    expect([...undescribed]).toEqual([]);
    expect(sent).toBeGreaterThan(100);
  }, 120_000);
});
