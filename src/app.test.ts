import helmet from '@fastify/helmet';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { createTestApp, testAppForFile } from '../test/app-for-test.ts';
import { createStaffedOrganisation } from '../test/factories.ts';
import { apiSecurityHeaders, documentationCsp, securityHeaders } from './app.ts';

const t = testAppForFile();

describe('deny by default', () => {
  it('every route declares who may call it', () => {
    const undeclared = t.app.routeTable.filter((route) => route.access === undefined);
    expect(undeclared).toEqual([]);
    expect(t.app.routeTable.length).toBeGreaterThan(5);
  });

  it('only sign-in, the links to set or choose a new password, health and the API description are open to anonymous callers under /api', () => {
    const publicApi = t.app.routeTable
      .filter(
        (route) =>
          route.url.startsWith('/api/') && route.access === 'public' && !route.url.startsWith('/api/docs'),
      )
      .map((route) => `${route.method} ${route.url}`);
    // The set-up and new-password routes let in nobody without the link's token (checked by the
    // routes themselves); asking for a new-password link answers everyone the same, and only
    // ever emails the account's own address.
    expect(publicApi.sort()).toEqual([
      'GET /api/account-set-up',
      'GET /api/openapi.json',
      'GET /api/password-reset',
      'POST /api/account-set-up',
      'POST /api/password-reset',
      'POST /api/password-reset-requests',
      'POST /api/session',
    ]);
  });

  it('answers 401 to anonymous calls on every non-public API route', async () => {
    for (const route of t.app.routeTable) {
      if (route.access === 'public' || !route.url.startsWith('/api/')) continue;
      const url = route.url.replaceAll(/:[A-Za-z]+/g, '00000000-0000-4000-8000-000000000000');
      const response = await t.app.inject({
        method: route.method as 'GET',
        url,
        payload: route.method === 'GET' ? undefined : {},
      });
      expect({ route: `${route.method} ${route.url}`, status: response.statusCode }).toEqual({
        route: `${route.method} ${route.url}`,
        status: 401,
      });
    }
  });
});

/** A sign-in request whose body is sent exactly as given, under `contentType`. */
const signInWithBody = (contentType: string, body: string) =>
  t.app.inject({
    method: 'POST',
    url: '/api/session',
    headers: { 'content-type': contentType },
    payload: body,
  });

describe('errors', () => {
  it('names an unknown field and refuses the request', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { email: 'a@example.org', password: 'x', role: 'admin' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({ status: 400, errors: [{ field: 'role' }] });
    expect(response.json().errors[0].message).toContain('not a field');
  });

  it('names a missing field', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { email: 'a@example.org' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([{ field: 'password', message: 'This field is required.' }]);
  });

  it('refuses malformed JSON, non-JSON bodies, oversized bodies and prototype pollution', async () => {
    const malformed = await signInWithBody('application/json', '{"email": ');
    expect(malformed.statusCode).toBe(400);
    const text = await signInWithBody('text/plain', 'hello');
    expect(text.statusCode).toBe(415);
    const huge = await signInWithBody(
      'application/json',
      JSON.stringify({ email: 'a'.repeat(2_000_000), password: 'x' }),
    );
    expect(huge.statusCode).toBe(413);
    const polluted = await signInWithBody(
      'application/json',
      '{"email":"a@example.org","password":"x","__proto__":{"polluted":true}}',
    );
    expect(polluted.statusCode).toBe(400);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    for (const response of [malformed, text, huge, polluted]) {
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json().requestId).toBe(response.headers['x-request-id']);
    }
  });

  it('answers an address the router cannot take apart as problem+json, with the security headers', async () => {
    for (const url of [`/api/people/${'a'.repeat(5000)}`, '/api/people/%E0%A4%A']) {
      const response = await t.app.inject({ method: 'GET', url });
      // With the browser app built, its catch-all route takes what the API's routes cannot: 404.
      expect([400, 404]).toContain(response.statusCode);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['cache-control']).toBe('no-store');
      expect(response.json().requestId).toBe(response.headers['x-request-id']);
    }
  });

  it('answers an unknown API path with a 404 problem', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/no-such-thing' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ status: 404, type: '/problems/not-found' });
  });

  it('never leaks internals when a request crashes', async () => {
    const broken = await createTestApp();
    const { staff } = await createStaffedOrganisation(broken.app, broken.db, broken.clock);
    await broken.db.destroy();
    const response = await broken.app.inject({
      method: 'GET',
      url: '/api/organisation',
      headers: staff.manager.headers,
    });
    expect(response.statusCode).toBeGreaterThanOrEqual(500);
    const body = response.json();
    expect(body.requestId).toBe(response.headers['x-request-id']);
    expect(JSON.stringify(body)).not.toMatch(/at .*\.ts|node_modules|select |Kysely|stack/i);
    await broken.app.close();
  });
});

describe('headers', () => {
  it('sets security headers everywhere and forbids caching of API answers', async () => {
    const { staff } = await createStaffedOrganisation(t.app, t.db, t.clock);
    for (const response of [
      await t.app.inject({ method: 'GET', url: '/api/organisation', headers: staff.manager.headers }),
      await t.app.inject({ method: 'GET', url: '/api/no-such-thing' }),
      await t.app.inject({ method: 'GET', url: '/healthz' }),
    ]) {
      expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(response.headers['strict-transport-security']).toContain('max-age=');
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['referrer-policy']).toBe('no-referrer');
      expect(response.headers['cache-control']).toBe('no-store');
    }
  });

  it('sends exactly the security headers helmet sends with the same policy', async () => {
    const probe = Fastify();
    await probe.register(helmet, {
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'"],
          connectSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'none'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          upgradeInsecureRequests: null,
        },
      },
      strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true },
      referrerPolicy: { policy: 'no-referrer' },
      crossOriginEmbedderPolicy: false,
    });
    probe.get('/', async () => ({}));
    const fromHelmet = (await probe.inject({ method: 'GET', url: '/' })).headers;
    await probe.close();
    const ignored = new Set(['content-type', 'content-length', 'date', 'connection']);
    const expected = Object.fromEntries(Object.entries(fromHelmet).filter(([name]) => !ignored.has(name)));
    expect(Object.fromEntries(securityHeaders.map(([name, value]) => [name.toLowerCase(), value]))).toEqual(
      expected,
    );
    // Pages: the browser app, its files, and the API's documentation pages.
    for (const response of [
      await t.app.inject({ method: 'GET', url: '/' }),
      await t.app.inject({ method: 'GET', url: '/sign-in' }),
      await t.app.inject({ method: 'GET', url: '/assets/no-such-file.js' }),
    ]) {
      for (const [name, value] of Object.entries(expected)) expect(response.headers[name]).toBe(value);
    }
    const docs = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    // The documentation's policy: its own files only, framed nowhere, no https: wildcards.
    for (const url of ['/api/docs/', '/api/docs/static/index.html']) {
      const policy = String((await t.app.inject({ method: 'GET', url })).headers['content-security-policy']);
      expect(policy).toBe(documentationCsp);
      expect(policy).not.toContain('https:');
      expect(policy).toContain("frame-ancestors 'none'");
    }
    expect(docs.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(docs.headers['cross-origin-opener-policy']).toBe('same-origin');
  });

  it('sends API answers the REST set: nothing loads, runs or frames in them, and only this site reads them', async () => {
    const pageOnly = securityHeaders
      .map(([name]) => name.toLowerCase())
      .filter((name) => !apiSecurityHeaders.some(([apiName]) => apiName.toLowerCase() === name));
    for (const response of [
      await t.app.inject({ method: 'GET', url: '/healthz' }),
      await t.app.inject({ method: 'POST', url: '/api/partner-organisations', payload: {} }),
      await t.app.inject({ method: 'GET', url: '/api/no-such-thing' }),
      await t.app.inject({ method: 'GET', url: '/api/openapi.json' }),
    ]) {
      for (const [name, value] of apiSecurityHeaders)
        expect(response.headers[name.toLowerCase()]).toBe(value);
      expect(response.headers['content-security-policy']).toBe("default-src 'none';frame-ancestors 'none'");
      for (const name of pageOnly) expect(response.headers[name]).toBeUndefined();
    }
  });
});

describe('health and the API description', () => {
  it('reports database reachability', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/healthz' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok', database: { backend: t.backend, reachable: true } });
  });

  it('describes every API route in OpenAPI', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(response.statusCode).toBe(200);
    const document = response.json();
    expect(document.openapi).toBe('3.1.0');
    const documented = new Set(
      Object.entries(document.paths as Record<string, Record<string, unknown>>).flatMap(
        ([path, operations]) =>
          Object.keys(operations).map(
            (method) => `${method.toUpperCase()} ${path.replaceAll(/\{(\w+)\}/g, ':$1')}`,
          ),
      ),
    );
    const apiRoutes = t.app.routeTable.filter(
      (route) =>
        route.url.startsWith('/api/') &&
        !route.url.startsWith('/api/docs') &&
        route.url !== '/api/openapi.json',
    );
    for (const route of apiRoutes) expect(documented).toContain(`${route.method} ${route.url}`);
  });
});
