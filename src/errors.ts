/** The closed set of ways a request can fail; each maps to exactly one HTTP status. */
export type ErrorKind =
  | 'bad_request'
  | 'validation'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'gone'
  | 'conflict'
  | 'precondition_failed'
  | 'precondition_required'
  | 'unprocessable'
  | 'unsupported_media_type'
  | 'payload_too_large'
  | 'too_many_requests'
  | 'unavailable'
  | 'internal';

export const statusByKind = {
  bad_request: 400,
  validation: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  gone: 410,
  conflict: 409,
  precondition_failed: 412,
  precondition_required: 428,
  unprocessable: 422,
  unsupported_media_type: 415,
  payload_too_large: 413,
  too_many_requests: 429,
  unavailable: 503,
  internal: 500,
} as const satisfies Record<ErrorKind, number>;

export const titleByKind = {
  bad_request: 'The request could not be understood',
  validation: 'Some fields need correcting',
  unauthenticated: 'Sign in to continue',
  forbidden: 'You do not have permission to do this',
  not_found: 'Not found',
  gone: 'No longer available',
  conflict: 'This conflicts with the current state',
  precondition_failed: 'The record has changed since you loaded it',
  precondition_required: 'Send If-Match with the version you loaded',
  unprocessable: 'The request cannot be processed as sent',
  unsupported_media_type: 'Send the request body as application/json',
  payload_too_large: 'The request body is too large',
  too_many_requests: 'Too many attempts',
  unavailable: 'Liaison is temporarily unavailable',
  internal: 'Something went wrong on our side',
} as const satisfies Record<ErrorKind, string>;

export type FieldProblem = { field: string; message: string };

export class AppError extends Error {
  readonly kind: ErrorKind;
  readonly fields: FieldProblem[];
  readonly retryAfterSeconds: number | undefined;
  /** Further members of the problem document, such as the reasons a share was refused. */
  readonly extensions: Record<string, unknown>;

  constructor(
    kind: ErrorKind,
    message: string,
    options: {
      field?: string;
      fields?: FieldProblem[];
      retryAfterSeconds?: number;
      extensions?: Record<string, unknown>;
      cause?: unknown;
    } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'AppError';
    this.kind = kind;
    this.fields = options.fields ?? (options.field ? [{ field: options.field, message }] : []);
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.extensions = options.extensions ?? {};
  }
}

export function notFound(what: string): AppError {
  return new AppError('not_found', `${what} was not found.`);
}

/** The record that was looked for, or a 404 naming what was not found (a record of another organisation is not found either). */
export function orNotFound<Row>(row: Row | null | undefined, what: string): Row {
  if (!row) throw notFound(what);
  return row;
}

/** A 400 about one field of the request. */
export function invalid(field: string, message: string): AppError {
  return new AppError('validation', message, { field });
}

/**
 * Optimistic concurrency: refuses a change made to an older version than the stored one. The
 * update itself must still compare and set the version, because another request can change the
 * row between this check and the write (see `changedElsewhere`).
 */
export function checkVersion(expected: number, actual: number, what: string): void {
  if (expected !== actual) {
    throw new AppError(
      'precondition_failed',
      `${what} has been changed by someone else since you loaded it (it is now version ${actual}; If-Match named version ${expected}). Reload it and make your change again.`,
    );
  }
}

/** The row changed between reading it and writing it (another request won the race). */
export function changedElsewhere(what: string): AppError {
  return new AppError(
    'precondition_failed',
    `${what} was changed by someone else while you saved. Reload it and make your change again.`,
  );
}

export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown }).code === '23505';
}
