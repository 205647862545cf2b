import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { recordAudit } from '../audit/audit.service.ts';
import type { Clock } from '../clock.ts';
import type { RequestContext } from '../context.ts';
import type { Db } from '../db/database.ts';
import { AppError } from '../errors.ts';
import type { StaffRole } from '../users/users.table.ts';
import { ApiTokenCache } from './api-token-cache.ts';
import {
  type Authentication,
  authenticateApiToken,
  authenticateSession,
  type SessionPolicy,
} from './auth.service.ts';
import { FailureThrottle } from './rate-limit-store.ts';
import { safeEqual } from './secrets.ts';

/**
 * Who may call a route. Every route under /api declares one; a route without it cannot be
 * registered (deny by default).
 * - 'public': anyone, signed in or not (sign-in, health, the API description).
 * - 'signed_in': any staff member of the organisation.
 * - 'partner_link': a partner holding a secure link to one message (checked by the route itself,
 *   from the X-Partner-Link header). A staff session cookie the browser sends is not read, and an
 *   API token is refused: the two identities are never mixed.
 * - a list of roles: only those.
 */
export type Access = 'public' | 'signed_in' | 'partner_link' | readonly StaffRole[];

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
    /**
     * The route is part of signing in, so a session that has given its password but not yet its
     * second factor (MFA-pending) may call it. Every other route refuses such a session.
     */
    partOfSignIn?: boolean;
    /**
     * Only a person who re-authenticated (or signed in) within the last few minutes may call it
     * (REAUTHENTICATION_MINUTES). API tokens are refused: these are a person's decisions.
     */
    freshAuthentication?: boolean;
    /**
     * Only a person signed in with a session may call it; API tokens are refused (a token may not
     * create API tokens: each is created by, and answers to, a named person).
     */
    personOnly?: boolean;
  }
  interface FastifyRequest {
    authentication: Authentication | null;
  }
  interface FastifyInstance {
    /** Recently used API tokens (see ApiTokenCache): revocations empty it. */
    apiTokenCache: ApiTokenCache;
  }
}

// The role groups are in role-groups.ts, which the browser app imports too.
export { anyStaff, managers, staffWhoWrite, userAdministrators } from './role-groups.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Partner links that do not work, presented from one client address, before it must wait. */
export const PARTNER_LINK_FAILURES_PER_WINDOW = 20;
export const PARTNER_LINK_FAILURE_WINDOW_MS = 15 * 60_000;

export function sessionCookieName(secure: boolean): string {
  // The __Host- prefix makes the browser refuse the cookie unless it is Secure, host-only and Path=/.
  return secure ? '__Host-liaison_session' : 'liaison_session';
}

export function requestContext(request: FastifyRequest): RequestContext {
  const authentication = request.authentication;
  if (!authentication) throw new AppError('unauthenticated', 'Sign in to continue.');
  return {
    orgId: authentication.orgId,
    actor: {
      type: authentication.kind === 'session' ? 'user' : 'api_token',
      id: authentication.actorId,
      role: authentication.role,
    },
    requestId: request.id,
    ip: request.ip,
  };
}

/** Refusal codes a client can act on (the `code` member of the problem document). */
export const accessProblemCodes = {
  /** The session has not finished signing in: give the second factor, or set one up. */
  mfaRequired: 'mfa_required',
  /** Confirm your password (and code) again, then repeat the request. */
  reauthenticationRequired: 'reauthentication_required',
  /** Only a person, signed in with a session, may do this: not an API token. */
  personRequired: 'person_required',
} as const;

/**
 * Whether the caller re-authenticated recently enough for a sensitive action; throws the problem
 * the client acts on if not. API tokens never are: those actions are a person's decision.
 */
export function requireFreshAuthentication(
  authentication: Authentication,
  now: Date,
  windowMs: number,
): void {
  if (authentication.kind !== 'session') {
    throw new AppError('forbidden', 'Only a person signed in to Liaison can do this, not an API token.', {
      extensions: { code: accessProblemCodes.personRequired },
    });
  }
  const at = authentication.authenticatedAt;
  if (!at || now.getTime() - at.getTime() > windowMs) {
    throw new AppError(
      'forbidden',
      `Confirm your password (and your authenticator code, if you use one) to do this: it needs you to have signed in or confirmed them in the last ${Math.round(windowMs / 60_000)} minutes.`,
      { extensions: { code: accessProblemCodes.reauthenticationRequired } },
    );
  }
}

export function registerAccessControl(
  app: FastifyInstance,
  dependencies: {
    db: Db;
    clock: Clock;
    policy: SessionPolicy;
    cookieName: string;
    reauthenticationMs: number;
  },
): void {
  app.decorateRequest('authentication', null);
  const apiTokens = new ApiTokenCache(dependencies.db, { clock: dependencies.clock });
  apiTokens.listen();
  app.decorate('apiTokenCache', apiTokens);
  app.addHook('onClose', () => apiTokens.close());
  const authenticationDependencies = { ...dependencies, apiTokens };

  // A partner link is 256 random bits, so guessing one is hopeless; still, an address that keeps
  // presenting links that do not work is slowed, and every such attempt costs it more.
  const partnerLinkFailures = new FailureThrottle(dependencies.db, {
    name: 'partner link failures',
    limit: PARTNER_LINK_FAILURES_PER_WINDOW,
    windowMs: PARTNER_LINK_FAILURE_WINDOW_MS,
  });
  // Counted before the answer leaves, so the next attempt from the address already sees it.
  app.addHook('onSend', async (request, reply, payload) => {
    if (
      request.routeOptions.config?.access === 'partner_link' &&
      reply.statusCode === 401 &&
      typeof request.headers['x-partner-link'] === 'string'
    ) {
      await partnerLinkFailures.recordFailure(request.ip, dependencies.clock.now());
    }
    return payload;
  });

  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/') && route.config?.access === undefined) {
      throw new Error(`Route ${String(route.method)} ${route.url} declares no access policy`);
    }
  });

  app.addHook('onRequest', async (request: FastifyRequest, _reply: FastifyReply) => {
    const access = request.routeOptions.config?.access;
    const isApi = request.url.startsWith('/api/');
    if (!isApi) return;

    const isWrite = !SAFE_METHODS.has(request.method);
    if (isWrite) refuseCrossSite(request);

    if (access === 'partner_link') {
      refuseStaffCredentialOnPartnerLink(request);
      // The partner's page is the partner's alone. A browser signed in as staff still sends its
      // session cookie (a member of staff checking a link, or a partner who is also staff): it is
      // not read, so the session is neither used nor kept alive, and everything is done as the
      // partner.
      request.authentication = null;
    } else {
      request.authentication = await authenticate(request, authenticationDependencies);
    }

    // Unknown /api paths have no route config: they fall through to the 404 handler.
    if (access === undefined) {
      if (request.is404) return;
      throw new AppError('forbidden', 'This operation has no access policy and is refused.');
    }
    if (access === 'public') return;
    if (access === 'partner_link') {
      // The route checks the link itself; without one there is nothing to check.
      if (typeof request.headers['x-partner-link'] !== 'string') {
        throw new AppError('unauthenticated', 'Open this page from the secure link in your email.');
      }
      const retryAfterSeconds = await partnerLinkFailures.retryAfterSeconds(
        request.ip,
        dependencies.clock.now(),
      );
      if (retryAfterSeconds !== null) {
        throw new AppError(
          'too_many_requests',
          'Too many links that do not work were tried from this address. Wait and try again.',
          { retryAfterSeconds },
        );
      }
      return;
    }
    const authentication = request.authentication;
    if (!authentication) throw new AppError('unauthenticated', 'Sign in to continue.');
    const config = request.routeOptions.config;

    if (isWrite && authentication.kind === 'session') {
      const presented = request.headers['x-csrf-token'];
      if (
        typeof presented !== 'string' ||
        !authentication.csrfToken ||
        !safeEqual(presented, authentication.csrfToken)
      ) {
        throw new AppError('forbidden', 'The request did not carry this session’s X-CSRF-Token header.');
      }
    }

    // Deny by default: a password alone opens nothing but the rest of signing in.
    if (authentication.signInStep !== 'complete' && config?.partOfSignIn !== true) {
      await recordAudit(dependencies.db, requestContext(request), dependencies.clock.now(), {
        action: 'access.denied',
        entityType: 'route',
        entityId: `${request.method} ${request.routeOptions.url}`,
        outcome: 'denied',
        details: { reason: 'mfa_required', sign_in_step: authentication.signInStep },
      });
      throw new AppError(
        'unauthenticated',
        authentication.signInStep === 'enrolment'
          ? 'Set up your authenticator app to finish signing in.'
          : 'Enter the code from your authenticator app to finish signing in.',
        { extensions: { code: accessProblemCodes.mfaRequired, signInStep: authentication.signInStep } },
      );
    }

    if (access !== 'signed_in' && !access.includes(authentication.role)) {
      const context = requestContext(request);
      await recordAudit(dependencies.db, context, dependencies.clock.now(), {
        action: 'access.denied',
        entityType: 'route',
        entityId: `${request.method} ${request.routeOptions.url}`,
        outcome: 'denied',
        details: { role: authentication.role },
      });
      throw new AppError('forbidden', `A ${authentication.role.replace('_', ' ')} cannot do this.`);
    }

    if (config?.personOnly === true && authentication.kind !== 'session') {
      await recordAudit(dependencies.db, requestContext(request), dependencies.clock.now(), {
        action: 'access.denied',
        entityType: 'route',
        entityId: `${request.method} ${request.routeOptions.url}`,
        outcome: 'denied',
        details: { reason: 'person_required' },
      });
      throw new AppError('forbidden', 'Only a person signed in to Liaison can do this, not an API token.', {
        extensions: { code: accessProblemCodes.personRequired },
      });
    }

    if (config?.freshAuthentication === true) {
      const now = dependencies.clock.now();
      try {
        requireFreshAuthentication(authentication, now, dependencies.reauthenticationMs);
      } catch (error) {
        await recordAudit(dependencies.db, requestContext(request), now, {
          action: 'access.denied',
          entityType: 'route',
          entityId: `${request.method} ${request.routeOptions.url}`,
          outcome: 'denied',
          details: {
            reason: authentication.kind === 'session' ? 'reauthentication_required' : 'person_required',
          },
        });
        throw error;
      }
    }
  });
}

async function authenticate(
  request: FastifyRequest,
  dependencies: {
    db: Db;
    clock: Clock;
    policy: SessionPolicy;
    cookieName: string;
    apiTokens: ApiTokenCache;
  },
): Promise<Authentication | null> {
  const header = request.headers.authorization;
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match?.[1])
      throw new AppError('unauthenticated', 'The Authorization header must be "Bearer <token>".');
    const authentication = await authenticateApiToken(dependencies.db, {
      token: match[1],
      clock: dependencies.clock,
      cache: dependencies.apiTokens,
    });
    if (!authentication)
      throw new AppError('unauthenticated', 'The API token is not valid, has expired or was revoked.');
    return authentication;
  }
  const cookie = request.cookies[dependencies.cookieName];
  if (!cookie) return null;
  return authenticateSession(dependencies.db, {
    token: cookie,
    clock: dependencies.clock,
    policy: dependencies.policy,
  });
}

/**
 * An API token is a credential a system sends on purpose, unlike a cookie: sent with a partner
 * link, it would mix a staff identity with the partner's, so it is refused rather than ignored.
 */
function refuseStaffCredentialOnPartnerLink(request: FastifyRequest): void {
  if (request.headers.authorization !== undefined) {
    throw new AppError(
      'forbidden',
      'Partner pages open with the partner’s own link alone: send no Authorization header with it.',
    );
  }
}

/**
 * Browsers say where a request came from. A state-changing request sent by another site is
 * refused whatever credentials it carries (defence in depth beside the CSRF token).
 */
function refuseCrossSite(request: FastifyRequest): void {
  const fetchSite = request.headers['sec-fetch-site'];
  if (typeof fetchSite === 'string' && fetchSite !== 'same-origin' && fetchSite !== 'none') {
    throw new AppError('forbidden', 'Requests from other sites cannot change anything here.');
  }
  const origin = request.headers.origin;
  if (typeof origin === 'string' && origin !== 'null') {
    let originHost: string;
    try {
      originHost = new URL(origin).host;
    } catch {
      throw new AppError('forbidden', 'The Origin header is not a valid origin.');
    }
    if (originHost !== request.headers.host) {
      throw new AppError('forbidden', 'Requests from other sites cannot change anything here.');
    }
  } else if (origin === 'null') {
    throw new AppError('forbidden', 'Requests from other sites cannot change anything here.');
  }
}
