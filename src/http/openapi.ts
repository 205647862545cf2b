import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { statusByKind, titleByKind } from '../errors.ts';

// The OpenAPI description says what the server really answers. Routes declare their own results
// and the refusals their handlers give; what every route can answer because of the hooks in front
// of it (credentials, cross-site and CSRF checks, content type, idempotency keys, rate limits, an
// unavailable database) is declared here, once. Every refusal is sent by sendProblem as
// application/problem+json, so that is the one content type declared for a status of 400 or more.

type Transform = typeof jsonSchemaTransform;
type TransformInput = Parameters<Transform>[0];
type TransformOutput = ReturnType<Transform>;

const problemMediaType = 'application/problem+json';
const problemReference = { $ref: '#/components/schemas/Problem' };
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

const titleByStatus = new Map<number, string>(
  Object.entries(statusByKind).map(([kind, status]) => [
    status,
    titleByKind[kind as keyof typeof titleByKind],
  ]),
);
// Two kinds share 400; the more general title describes the status.
titleByStatus.set(400, titleByKind.bad_request);

/** Statuses any route can answer before its handler runs, from what the route declares about itself. */
function frameworkStatuses(route: TransformInput['route']): number[] {
  const methods = [route.method].flat().map((method) => String(method).toUpperCase());
  const config = (route.config ?? {}) as { access?: unknown; rateLimit?: unknown };
  // 400: an address the router cannot take apart, or input the schema refuses. 401: a bearer token
  // or session cookie that is presented and not valid, on every route. 500 and 503: a failure, or
  // the database out of reach.
  const statuses = [400, 401, 500, 503];
  const writes = methods.some((method) => method !== 'GET' && method !== 'HEAD');
  // Writes from another site are refused; so is a role the route does not name, or a missing CSRF token.
  if (writes || config.access !== 'public') statuses.push(403);
  if (methods.some((method) => BODY_METHODS.has(method))) statuses.push(413, 415);
  // Idempotency-Key: still being handled (409), or reused for a different request (422).
  if (methods.includes('POST')) statuses.push(409, 422);
  if (config.access === 'partner_link' || config.rateLimit !== undefined) statuses.push(429);
  return statuses;
}

function isContentResponse(value: unknown): value is { content: Record<string, { schema: unknown }> } {
  return typeof value === 'object' && value !== null && 'content' in value;
}

/**
 * fastify-type-provider-zod's transform, then: refusals under application/problem+json, the
 * statuses the hooks can answer added to every operation, each refusal described by its title.
 */
export function describeRoute(input: TransformInput): TransformOutput {
  const output = jsonSchemaTransform(input);
  const schema = output.schema as { hide?: boolean; response?: Record<string, unknown> } | undefined;
  if (!schema || schema.hide || !input.url.startsWith('/api/')) return output;
  const response: Record<string, unknown> = { ...(schema.response ?? {}) };
  for (const status of frameworkStatuses(input.route)) {
    if (response[status] === undefined) response[status] = problemReference;
  }
  for (const [status, declared] of Object.entries(response)) {
    const code = Number(status);
    if (code >= 400) {
      const declaredSchema = isContentResponse(declared)
        ? Object.values(declared.content)[0]?.schema
        : declared;
      response[status] = {
        description: titleByStatus.get(code) ?? 'Refused',
        content: { [problemMediaType]: { schema: declaredSchema ?? problemReference } },
      };
    }
  }
  return { ...output, schema: { ...schema, response } } as TransformOutput;
}
