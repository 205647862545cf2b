/**
 * The one client for Liaison's HTTP API. Nothing it receives is written to localStorage,
 * sessionStorage or IndexedDB: personal data must not outlive the page in the browser.
 */

export type StaffRole = 'care_worker' | 'manager' | 'registered_manager' | 'auditor' | 'admin';

export type Session = {
  user: { id: string; displayName: string; email: string | null; role: StaffRole };
  organisation: { id: string; name: string };
};

export type Organisation = {
  id: string;
  name: string;
  registrationNumber: string | null;
  registeredManagerName: string | null;
  address: string | null;
  logoDataUrl: string | null;
  contactVerificationDays: number;
  createdAt: string;
  updatedAt: string;
  version: number;
};

export type StaffMember = {
  id: string;
  email: string;
  displayName: string;
  role: StaffRole;
  disabled: boolean;
  createdAt: string;
  updatedAt: string;
  version: number;
};

export type NewStaffMember = { email: string; displayName: string; role: StaffRole; password: string };
export type StaffChanges = { displayName?: string; role?: StaffRole; disabled?: boolean };

export type FieldError = { field: string; message: string };

/** A failed request, from an RFC 9457 problem+json answer (or from the network failing). */
export class ApiError extends Error {
  readonly status: number;
  readonly title: string;
  readonly detail: string;
  readonly fieldErrors: readonly FieldError[];
  readonly requestId: string | null;
  readonly retryAfterSeconds: number | null;

  constructor(problem: {
    status: number;
    title: string;
    detail: string;
    fieldErrors?: readonly FieldError[];
    requestId?: string | null;
    retryAfterSeconds?: number | null;
  }) {
    super(problem.detail);
    this.name = 'ApiError';
    this.status = problem.status;
    this.title = problem.title;
    this.detail = problem.detail;
    this.fieldErrors = problem.fieldErrors ?? [];
    this.requestId = problem.requestId ?? null;
    this.retryAfterSeconds = problem.retryAfterSeconds ?? null;
  }
}

type SessionAnswer = Session & { csrfToken: string | null };

// Kept in memory only; a reload asks the server for it again (GET /api/session).
let csrfToken: string | null = null;
const sessionEndedListeners = new Set<() => void>();

/** Called when the server says the session is over (expired, or ended elsewhere) during other work. */
export function onSessionEnded(listener: () => void): () => void {
  sessionEndedListeners.add(listener);
  return () => {
    sessionEndedListeners.delete(listener);
  };
}

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

async function request<T>(method: Method, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;

  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      cache: 'no-store',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError({
      status: 0,
      title: 'Liaison cannot be reached',
      detail: 'Liaison cannot be reached. Check your internet connection and try again.',
    });
  }

  if (!response.ok) {
    const error = await readProblem(response);
    if (error.status === 401 && !path.startsWith('/api/session')) {
      csrfToken = null;
      for (const listener of sessionEndedListeners) listener();
    }
    throw error;
  }
  if (response.status === 204) return undefined as T;
  // The server validates every answer against its schema before sending it.
  return (await response.json()) as T;
}

async function readProblem(response: Response): Promise<ApiError> {
  const retryAfter = Number(response.headers.get('Retry-After'));
  const retryAfterSeconds = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null;
  const contentType = response.headers.get('Content-Type') ?? '';
  if (contentType.includes('json')) {
    try {
      const problem = (await response.json()) as Partial<{
        title: string;
        detail: string;
        requestId: string;
        errors: FieldError[];
      }>;
      return new ApiError({
        status: response.status,
        title: problem.title ?? response.statusText,
        detail: problem.detail ?? problem.title ?? 'Something went wrong. Try again.',
        fieldErrors: Array.isArray(problem.errors) ? problem.errors : [],
        requestId: problem.requestId ?? null,
        retryAfterSeconds,
      });
    } catch {
      // Fall through: a proxy may answer with a body that is not JSON.
    }
  }
  return new ApiError({
    status: response.status,
    title: response.statusText,
    detail:
      response.status >= 500
        ? 'Sorry, there is a problem with Liaison. Try again later.'
        : 'Something went wrong. Try again.',
    requestId: response.headers.get('X-Request-Id'),
    retryAfterSeconds,
  });
}

function rememberSession(answer: SessionAnswer): Session {
  csrfToken = answer.csrfToken;
  return { user: answer.user, organisation: answer.organisation };
}

export async function signIn(credentials: { email: string; password: string }): Promise<Session> {
  return rememberSession(await request<SessionAnswer>('POST', '/api/session', credentials));
}

export async function getSession(): Promise<Session> {
  return rememberSession(await request<SessionAnswer>('GET', '/api/session'));
}

/** Ends the session on the server. A session that had already ended counts as signed out. */
export async function signOut(): Promise<void> {
  try {
    await request<void>('DELETE', '/api/session');
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 401)) throw error;
  }
  csrfToken = null;
}

export function getOrganisation(): Promise<Organisation> {
  return request('GET', '/api/organisation');
}

export function listStaff(page: { limit: number; offset: number }): Promise<{ items: StaffMember[] }> {
  const query = new URLSearchParams({ limit: String(page.limit), offset: String(page.offset) });
  return request('GET', `/api/users?${query}`);
}

export function addStaffMember(staffMember: NewStaffMember): Promise<StaffMember> {
  return request('POST', '/api/users', staffMember);
}

export function changeStaffMember(id: string, changes: StaffChanges): Promise<StaffMember> {
  return request('PATCH', `/api/users/${encodeURIComponent(id)}`, changes);
}
