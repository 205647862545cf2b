import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyServerOptions } from 'fastify';
import {
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { adviceRoutes } from './advice/advice.routes.ts';
import { attentionRoutes } from './attention/attention.routes.ts';
import { accessHistoryRoutes } from './audit/access-history.routes.ts';
import { auditRoutes } from './audit/audit.routes.ts';
import { type Access, registerAccessControl, sessionCookieName } from './auth/access.ts';
import { authRoutes } from './auth/auth.routes.ts';
import { mfaRoutes } from './auth/mfa.routes.ts';
import { registerCapabilities } from './capabilities.ts';
import { careServicesRoutes } from './care-services/care-services.routes.ts';
import { chronologyRoutes } from './chronology/chronology.routes.ts';
import { consentRoutes } from './consent/consent.routes.ts';
import type { AppDependencies } from './dependencies.ts';
import { AppError } from './errors.ts';
import { routeSettingsRoutes } from './escalation/route-settings.routes.ts';
import { homeRoutes } from './home/home.routes.ts';
import { registerIdempotency } from './http/idempotency.ts';
import { describeRoute } from './http/openapi.ts';
import { registerProblemHandlers, sendProblem } from './http/problem.ts';
import { QuietRequestLogs } from './http/request-logging.ts';
import { registerStorableTextGuard } from './http/storable-text.ts';
import { installValidationMessages } from './http/zod-messages.ts';
import { incidentsRoutes } from './incidents/incidents.routes.ts';
import { riskPointsRoutes } from './incidents/risk-points.routes.ts';
import { mentalCapacityRoutes } from './mental-capacity/mental-capacity.routes.ts';
import { organisationsRoutes } from './organisations/organisations.routes.ts';
import { outboxRoutes } from './outbox/outbox.routes.ts';
import { partnerMessagesRoutes } from './partner-messages/partner-messages.routes.ts';
import { partnersRoutes } from './partners/partners.routes.ts';
import { peopleRoutes } from './people/people.routes.ts';
import { safeguardingRoutes } from './safeguarding/safeguarding.routes.ts';
import { safeguardingAuthorisationRoutes } from './safeguarding-authorisations/safeguarding-authorisations.routes.ts';
import { shareLogExportRoutes } from './sharing/share-log-export.routes.ts';
import { sharingRoutes } from './sharing/sharing.routes.ts';
import { sharingRecordsRoutes } from './sharing/sharing-records.routes.ts';
import { subjectAccessRoutes } from './subject-access/subject-access.routes.ts';
import { healthRoutes } from './system/health.routes.ts';
import { passwordResetRoutes } from './users/password-reset.routes.ts';
import { usersRoutes } from './users/users.routes.ts';

export type RouteEntry = {
  method: string;
  url: string;
  access: Access;
  /** May be called by a session that has not finished signing in (see access.ts). */
  partOfSignIn: boolean;
  /** Needs a re-authentication within REAUTHENTICATION_MINUTES (see access.ts). */
  freshAuthentication: boolean;
};

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route with its declared access policy: tests walk it so new routes are covered. */
    routeTable: RouteEntry[];
  }
}

// The same file runs from src/ (tsx, tests) and compiled from dist/server/ (npm start).
const projectRoot = fileURLToPath(
  new URL(import.meta.url.includes('/dist/server/') ? '../../' : '../', import.meta.url),
);
const webRoot = path.join(projectRoot, 'web/dist');
const documentationPrefix = '/api/docs';
export const documentationCsp =
  "default-src 'self'; base-uri 'none'; font-src 'self' data:; frame-ancestors 'none'; img-src 'self' data:; " +
  "object-src 'none'; script-src 'self'; script-src-attr 'none'; style-src 'self'; form-action 'none'; " +
  'upgrade-insecure-requests';

installValidationMessages();

/**
 * Security headers on every response: the browser app may load only its own scripts, styles,
 * fonts and images (and data: images), may not be framed, sends no referrer, and is reached over
 * HTTPS only; cross-origin isolation and no MIME sniffing. These are helmet's headers with this
 * policy (app.test.ts checks they stay equal), written out once.
 */
export const securityHeaders: ReadonlyArray<readonly [string, string]> = [
  [
    'Content-Security-Policy',
    "default-src 'self';base-uri 'none';font-src 'self';form-action 'self';frame-ancestors 'none';" +
      "img-src 'self' data:;object-src 'none';script-src 'self';script-src-attr 'none';style-src 'self';" +
      "connect-src 'self'",
  ],
  ['Cross-Origin-Opener-Policy', 'same-origin'],
  ['Cross-Origin-Resource-Policy', 'same-origin'],
  ['Origin-Agent-Cluster', '?1'],
  ['Referrer-Policy', 'no-referrer'],
  ['Strict-Transport-Security', 'max-age=31536000; includeSubDomains'],
  ['X-Content-Type-Options', 'nosniff'],
  ['X-DNS-Prefetch-Control', 'off'],
  ['X-Download-Options', 'noopen'],
  ['X-Frame-Options', 'SAMEORIGIN'],
  ['X-Permitted-Cross-Domain-Policies', 'none'],
  ['X-XSS-Protection', '0'],
];

/**
 * What API answers (JSON, never rendered as a page) carry instead: the REST set of the OWASP
 * cheat sheet. Nothing may be loaded by them, run in them or frame them; no referrer, HTTPS only,
 * no MIME sniffing, and no other site may read them. Shorter than the page set, which every
 * answer would otherwise carry to every system calling the API.
 */
export const apiSecurityHeaders: ReadonlyArray<readonly [string, string]> = [
  ['Content-Security-Policy', "default-src 'none';frame-ancestors 'none'"],
  ['Cross-Origin-Resource-Policy', 'same-origin'],
  ['Referrer-Policy', 'no-referrer'],
  ['Strict-Transport-Security', 'max-age=31536000; includeSubDomains'],
  ['X-Content-Type-Options', 'nosniff'],
  ['X-Frame-Options', 'DENY'],
];

/** JSON answers: the API (but not its documentation pages) and the health check. */
function isApiAnswer(url: string): boolean {
  return (url.startsWith('/api/') && !url.startsWith(documentationPrefix)) || url === '/healthz';
}

function setSecurityHeaders(url: string, reply: FastifyReply): void {
  for (const [name, value] of isApiAnswer(url) ? apiSecurityHeaders : securityHeaders) {
    reply.raw.setHeader(name, value);
  }
}

/**
 * What a log line says about a request and its answer: no query string (searches carry names),
 * no headers (cookies, tokens, partner links) and no bodies. Errors are logged with their message
 * and stack; statements are sent with parameters, so their values are not in the messages.
 */
const logSerializers = {
  req: (request: { method: string; url: string; ip?: string }) => ({
    method: request.method,
    url: request.url.split('?')[0],
    remoteAddress: request.ip,
  }),
  res: (reply: { statusCode: number }) => ({ statusCode: reply.statusCode }),
};

/** Builds the HTTP application from its dependencies; starts nothing. */
export async function buildApp(
  dependencies: AppDependencies,
  options: { logger?: FastifyServerOptions['logger'] } = {},
): Promise<FastifyInstance> {
  const { config } = dependencies;
  registerCapabilities();
  const app = Fastify({
    logger:
      options.logger === false
        ? false
        : {
            level: config.logLevel,
            ...(typeof options.logger === 'object' ? options.logger : {}),
            serializers: logSerializers,
          },
    logController: new QuietRequestLogs(),
    genReqId: () => randomUUID(),
    // The client's own X-Request-Id is not trusted as the correlation id.
    requestIdHeader: false,
    bodyLimit: 1_048_576,
    // Only the direct peer's address counts, unless it is a proxy named in TRUST_PROXY: then the
    // client's address is the last one in X-Forwarded-For that no trusted proxy added. A header a
    // client forges is ignored, or sits before what the proxies added.
    trustProxy: config.trustProxy.length > 0 ? config.trustProxy : false,
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    // An address the router cannot take apart (a path parameter over its length limit, a broken
    // %-escape) is refused before any route or hook runs: answer it like every other refusal.
    frameworkErrors: (error, request, reply) => {
      setSecurityHeaders(request.url, reply);
      // No route context: the onSend hook below does not run for it.
      reply.header('X-Request-Id', request.id).header('Cache-Control', 'no-store');
      const message =
        error.code === 'FST_ERR_MAX_PARAM_LENGTH'
          ? 'A part of the address is longer than any Liaison uses.'
          : 'The address is not valid.';
      sendProblem(request, reply, new AppError('bad_request', message));
    },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // JSON is the only body format the API accepts; anything else is answered 415.
  app.removeContentTypeParser('text/plain');

  app.decorate('routeTable', [] as RouteEntry[]);
  app.addHook('onRoute', (route) => {
    // The documentation plugin's own routes are public by declaration here.
    if (route.url.startsWith(documentationPrefix)) route.config = { ...route.config, access: 'public' };
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (method === 'HEAD') continue;
      app.routeTable.push({
        method,
        url: route.url,
        access: route.config?.access as Access,
        partOfSignIn: route.config?.partOfSignIn === true,
        freshAuthentication: route.config?.freshAuthentication === true,
      });
    }
  });

  registerProblemHandlers(app);

  // Set on the raw response before anything else runs, so every answer carries them, errors and
  // files included; fixed tables, so no request pays for building them.
  app.addHook('onRequest', (request, reply, done) => {
    setSecurityHeaders(request.url, reply);
    done();
  });

  app.addHook('onSend', (request, reply, payload, done) => {
    reply.header('X-Request-Id', request.id);
    // Nothing the API returns may be kept by a browser or proxy cache: it is personal data.
    if (request.url.startsWith('/api/') || request.url === '/healthz')
      reply.header('Cache-Control', 'no-store');
    done(null, payload);
  });

  await app.register(cookie);

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Liaison API',
        version: '0.1.0',
        description:
          'Structured, consent-safe partnership working for adult social care. Authenticate with a session cookie ' +
          '(browser; send X-CSRF-Token on writes) or `Authorization: Bearer <API token>`. Errors are RFC 9457 ' +
          'problem+json with per-field messages.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          session: { type: 'apiKey', in: 'cookie', name: sessionCookieName(config.cookieSecure) },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: describeRoute,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, {
    routePrefix: documentationPrefix,
    staticCSP: true,
    // Swagger UI's own policy allows any https: font and style, its validator's images and framing
    // by this site. Ours loads only its own files, frames nowhere and posts no forms; the one
    // difference from the browser app's policy is that the docs need no nonce for their scripts,
    // which are all files served from here.
    transformStaticCSP: () => documentationCsp,
  });

  registerAccessControl(app, {
    db: dependencies.db,
    clock: dependencies.clock,
    policy: { idleMs: config.sessionIdleMs, absoluteMs: config.sessionAbsoluteMs },
    cookieName: sessionCookieName(config.cookieSecure),
    reauthenticationMs: config.reauthenticationMs,
  });
  registerIdempotency(app, { db: dependencies.db, clock: dependencies.clock });
  registerStorableTextGuard(app);

  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () =>
    app.swagger(),
  );

  await app.register(healthRoutes(dependencies));
  await app.register(authRoutes(dependencies));
  await app.register(mfaRoutes(dependencies));
  await app.register(organisationsRoutes(dependencies));
  await app.register(usersRoutes(dependencies));
  await app.register(passwordResetRoutes(dependencies));
  await app.register(partnersRoutes(dependencies));
  await app.register(careServicesRoutes(dependencies));
  await app.register(peopleRoutes(dependencies));
  await app.register(sharingRecordsRoutes(dependencies));
  await app.register(consentRoutes(dependencies));
  await app.register(mentalCapacityRoutes(dependencies));
  await app.register(safeguardingAuthorisationRoutes(dependencies));
  await app.register(sharingRoutes(dependencies));
  await app.register(shareLogExportRoutes(dependencies));
  await app.register(subjectAccessRoutes(dependencies));
  await app.register(auditRoutes(dependencies));
  await app.register(accessHistoryRoutes(dependencies));
  await app.register(partnerMessagesRoutes(dependencies));
  await app.register(attentionRoutes(dependencies));
  await app.register(outboxRoutes(dependencies));
  await app.register(routeSettingsRoutes(dependencies));
  await app.register(adviceRoutes(dependencies));
  await app.register(incidentsRoutes(dependencies));
  await app.register(riskPointsRoutes(dependencies));
  await app.register(chronologyRoutes(dependencies));
  await app.register(safeguardingRoutes(dependencies));
  await app.register(homeRoutes(dependencies));

  registerWebApp(app);
  return app;
}

/** Serves the built browser app; any other non-API path returns its index page (client-side routing). */
function registerWebApp(app: FastifyInstance): void {
  const indexPath = path.join(webRoot, 'index.html');
  if (!fs.existsSync(indexPath)) {
    app.log.warn(`The web interface has not been built (${indexPath} is missing): run "npm run build".`);
    return;
  }
  // serve: false: files are sent by the two routes below, so every route declares its access.
  app.register(fastifyStatic, { root: webRoot, serve: false });
  app.get('/', { config: { access: 'public' }, schema: { hide: true } }, (_request, reply) =>
    reply.sendFile('index.html'),
  );
  app.get('/*', { config: { access: 'public' }, schema: { hide: true } }, (request, reply) => {
    if (request.url.startsWith('/api/')) {
      return reply.callNotFound();
    }
    const assetPath = path.join(webRoot, decodeURIComponent(request.url.split('?')[0] ?? ''));
    if (
      assetPath.startsWith(webRoot + path.sep) &&
      fs.existsSync(assetPath) &&
      fs.statSync(assetPath).isFile()
    ) {
      return reply.sendFile(path.relative(webRoot, assetPath));
    }
    return reply.sendFile('index.html');
  });
}
