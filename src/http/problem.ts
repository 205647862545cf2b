import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { isDatabaseUnavailable } from '../db/create-db.ts';
import { AppError, type ErrorKind, type FieldProblem, statusByKind, titleByKind } from '../errors.ts';

type Problem = {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  requestId: string;
  errors?: FieldProblem[];
};

/**
 * What is logged of a failure: its kind, code, message and stack. A database error's detail
 * ("Failing row contains (…)", "Key (email)=(…)") can hold the values of a record, so it and any
 * other field the error carries are left out.
 */
export function loggableError(error: unknown): {
  type: string;
  code?: string;
  message: string;
  stack?: string;
} {
  const { name, message, stack, code } = error as {
    name?: unknown;
    message?: unknown;
    stack?: unknown;
    code?: unknown;
  };
  return {
    type: typeof name === 'string' ? name : 'Error',
    ...(typeof code === 'string' ? { code } : {}),
    message: typeof message === 'string' ? message : String(error),
    ...(typeof stack === 'string' ? { stack } : {}),
  };
}

/** Renders every failure as RFC 9457 problem+json. Internals (stacks, SQL, paths) never leave the server. */
export function registerProblemHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const appError = toAppError(error);
    if (appError.kind === 'internal' || appError.kind === 'unavailable') {
      request.log.error({ err: loggableError(error), requestId: request.id }, 'request failed');
    }
    sendProblem(request, reply, appError);
  });

  app.setNotFoundHandler((request, reply) => {
    sendProblem(
      request,
      reply,
      new AppError('not_found', `There is nothing at ${request.method} ${request.url.split('?')[0]}.`),
    );
  });
}

export function sendProblem(request: FastifyRequest, reply: FastifyReply, error: AppError): FastifyReply {
  const status = statusByKind[error.kind];
  const problem: Problem = {
    ...error.extensions,
    type: `/problems/${error.kind.replaceAll('_', '-')}`,
    title: titleByKind[error.kind],
    status,
    detail: error.message,
    instance: request.url.split('?')[0] ?? request.url,
    requestId: request.id,
    ...(error.fields.length > 0 ? { errors: error.fields } : {}),
  };
  if (error.retryAfterSeconds !== undefined) reply.header('Retry-After', String(error.retryAfterSeconds));
  return reply.code(status).type('application/problem+json').serializer(JSON.stringify).send(problem);
}

function toAppError(error: FastifyError | AppError | Error): AppError {
  if (error instanceof AppError) return error;

  if (hasZodFastifySchemaValidationErrors(error)) {
    const where = error.validationContext ?? 'body';
    const fields = error.validation.map((issue) => {
      const keys = (issue.params as { keys?: string[] }).keys;
      const path = issue.instancePath.replace(/^\//, '').replaceAll('/', '.');
      const field = keys?.length ? [path, ...keys].filter(Boolean).join('.') : path || where;
      return { field, message: issue.message ?? 'Not valid.' };
    });
    const summary = fields.map((problem) => `${problem.field}: ${problem.message}`).join(' ');
    return new AppError('validation', `Check the ${where === 'querystring' ? 'query' : where}: ${summary}`, {
      fields,
    });
  }

  if (isDatabaseUnavailable(error)) {
    return new AppError('unavailable', 'The database is unavailable; try again shortly.', {
      retryAfterSeconds: 5,
    });
  }

  const fastifyError = error as FastifyError;
  if (
    typeof fastifyError.code === 'string' &&
    fastifyError.code.startsWith('FST_ERR_RESPONSE_SERIALIZATION')
  ) {
    return new AppError(
      'internal',
      'Something went wrong on our side. Quote the request id if you report it.',
    );
  }
  if (isResponseSerializationError(error as never)) {
    return new AppError(
      'internal',
      'Something went wrong on our side. Quote the request id if you report it.',
    );
  }
  const statusCode = fastifyError.statusCode;
  if (statusCode === 429) {
    // The rate limiter has already set Retry-After to when its window reopens.
    return new AppError('too_many_requests', 'Too many requests from this address. Wait and try again.');
  }
  if (statusCode && statusCode >= 400 && statusCode < 500) {
    const kind: ErrorKind =
      statusCode === 415
        ? 'unsupported_media_type'
        : statusCode === 413
          ? 'payload_too_large'
          : statusCode === 404
            ? 'not_found'
            : 'bad_request';
    return new AppError(kind, clientErrorMessage(fastifyError));
  }
  return new AppError('internal', 'Something went wrong on our side. Quote the request id if you report it.');
}

function clientErrorMessage(error: FastifyError): string {
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return 'Send the request body as application/json.';
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'The request body is larger than Liaison accepts (1 MB).';
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return 'The request says it has a JSON body but it is empty.';
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return 'The request body is not valid JSON.';
    default:
      return error.message.includes('__proto__') || error.message.includes('constructor')
        ? 'The request body contains a forbidden property name (__proto__ or constructor).'
        : 'The request could not be understood.';
  }
}
