/**
 * The one client for Liaison's HTTP API. Nothing it receives is written to localStorage,
 * sessionStorage or IndexedDB: personal data must not outlive the page in the browser.
 *
 * Every request and answer type here is an alias into api-schema.ts, which is generated from the
 * server's OpenAPI description (`npm run generate:api`): a page cannot expect a field the server
 * does not send, and `npm run check` fails when the two drift apart.
 */

import type { components, paths } from './api-schema.ts';

type Schemas = components['schemas'];
type JsonContent<Part> = Part extends { content: { 'application/json': infer Json } } ? Json : never;
/** What a route answers when it succeeds. */
type Answer<
  Path extends keyof paths,
  On extends keyof paths[Path] = Extract<'get', keyof paths[Path]>,
> = paths[Path][On] extends {
  responses: infer Responses;
}
  ? JsonContent<Responses[keyof Responses & (200 | 201)]>
  : never;
/** The JSON a route takes as its body. */
type RequestBody<
  Path extends keyof paths,
  On extends keyof paths[Path] = Extract<'post', keyof paths[Path]>,
> = paths[Path][On] extends {
  requestBody?: infer Body;
}
  ? JsonContent<NonNullable<Body>>
  : never;
/** The query string a route reads. */
type Query<
  Path extends keyof paths,
  On extends keyof paths[Path] = Extract<'get', keyof paths[Path]>,
> = paths[Path][On] extends {
  parameters: { query?: infer Parameters };
}
  ? NonNullable<Parameters>
  : never;

export type StaffRole = Schemas['StaffRole'];

/** 'complete', or what is left of signing in: a code from the authenticator app, or setting one up. */
export type SignInStep = Session['signInStep'];

export type Session = Omit<SessionAnswer, 'csrfToken'>;

export type Organisation = Schemas['Organisation'];

export type StaffMember = Schemas['StaffUser'];
/** The home page's work list: each kind of work with its count and most urgent few. */
export type HomeWork = Schemas['HomeWork'];
export type WorkGroup = Schemas['WorkGroup'];
export type WorkItem = Schemas['WorkItem'];
/** A colleague as any member of staff sees them: name and role. */
export type Colleague = Schemas['Colleague'];

export type NewStaffMember = RequestBody<'/api/users', 'post'>;
/** Shown once: only its owner should open it. It works once, until it expires. */
export type SetUpLink = Schemas['SetUpLink'];
export type CreatedStaffMember = Schemas['CreatedStaffUser'];
/** Whose account a set-up link is for. */
export type AccountToSetUp = Schemas['AccountToSetUp'];
export type PasswordResetRequested = Schemas['PasswordResetRequested'];

export type ApiTokenStatus = ApiToken['status'];
export type ApiToken = Schemas['ApiToken'];
export type StaffChanges = RequestBody<'/api/users/{id}', 'patch'>;

export type FieldError = NonNullable<Schemas['Problem']['errors']>[number];

/** A failed request, from an RFC 9457 problem+json answer (or from the network failing). */
export class ApiError extends Error {
  readonly status: number;
  readonly title: string;
  readonly detail: string;
  readonly fieldErrors: readonly FieldError[];
  readonly requestId: string | null;
  readonly retryAfterSeconds: number | null;
  /** For a share the sharing gate refused: every reason it gave. */
  readonly reasons: readonly ShareRefusalReason[];
  /** A refusal the page can act on, such as 'reauthentication_required'. */
  readonly code: string | null;

  constructor(problem: {
    status: number;
    title: string;
    detail: string;
    fieldErrors?: readonly FieldError[];
    requestId?: string | null;
    retryAfterSeconds?: number | null;
    reasons?: readonly ShareRefusalReason[];
    code?: string | null;
  }) {
    super(problem.detail);
    this.name = 'ApiError';
    this.status = problem.status;
    this.title = problem.title;
    this.detail = problem.detail;
    this.fieldErrors = problem.fieldErrors ?? [];
    this.requestId = problem.requestId ?? null;
    this.retryAfterSeconds = problem.retryAfterSeconds ?? null;
    this.reasons = problem.reasons ?? [];
    this.code = problem.code ?? null;
  }
}

type SessionAnswer = Schemas['Session'];

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

type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

async function request<T>(
  method: HttpMethod,
  path: string,
  body?: unknown,
  extraHeaders: Record<string, string> = {},
): Promise<T> {
  const response = await send(method, path, body, extraHeaders);
  if (response.status === 204) return undefined as T;
  // The server validates every answer against its schema before sending it.
  return (await response.json()) as T;
}

/**
 * A file the API sends (a CSV export…), fetched like any other request so that a sensitive export
 * asks the person to confirm who they are first, and a refusal is shown rather than lost in a
 * download the browser silently cancels.
 */
export async function downloadFile(path: string): Promise<{ blob: Blob; fileName: string | null }> {
  return fileOf(await send('GET', path, undefined, { Accept: '*/*' }));
}

async function fileOf(response: Response): Promise<{ blob: Blob; fileName: string | null }> {
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const fileName = /filename="([^"]+)"/.exec(disposition)?.[1] ?? null;
  return { blob: await response.blob(), fileName };
}

/** Sends a request; answers the response when it succeeded, and throws an ApiError otherwise. */
async function send(
  method: HttpMethod,
  path: string,
  body: unknown,
  extraHeaders: Record<string, string>,
): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json', ...extraHeaders };
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
    // Sensitive actions need the person to confirm who they are again: ask, then try once more.
    if (error.status === 403 && error.code === 'reauthentication_required' && reauthenticationHandler) {
      if (await reauthenticationHandler()) return send(method, path, body, extraHeaders);
    }
    if (error.status === 401 && !path.startsWith('/api/session')) {
      csrfToken = null;
      for (const listener of sessionEndedListeners) listener();
    }
    throw error;
  }
  return response;
}

/**
 * Changes a record only if it is still at `version`, the version the page loaded (sent as
 * `If-Match`). If someone else has changed it since, the server refuses with 412 and says so.
 */
function update<T>(path: string, version: number, changes: unknown): Promise<T> {
  return request('PATCH', path, changes, { 'If-Match': `"${version}"` });
}

async function readProblem(response: Response): Promise<ApiError> {
  const retryAfter = Number(response.headers.get('Retry-After'));
  const retryAfterSeconds = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null;
  const contentType = response.headers.get('Content-Type') ?? '';
  if (contentType.includes('json')) {
    try {
      const problem = (await response.json()) as Partial<Schemas['Problem'] & Schemas['ShareRefusedProblem']>;
      return new ApiError({
        status: response.status,
        title: problem.title ?? response.statusText,
        detail: problem.detail ?? problem.title ?? 'Something went wrong. Try again.',
        fieldErrors: Array.isArray(problem.errors) ? problem.errors : [],
        requestId: problem.requestId ?? null,
        retryAfterSeconds,
        reasons: Array.isArray(problem.reasons) ? problem.reasons : [],
        code: typeof problem.code === 'string' ? problem.code : null,
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
  return { user: answer.user, organisation: answer.organisation, signInStep: answer.signInStep };
}

let reauthenticationHandler: (() => Promise<boolean>) | null = null;

/**
 * Who asks the person to confirm their password (and code) when the server says an action needs
 * it; resolves true once they have, false if they cancel. The refused request is then repeated.
 */
export function onReauthenticationRequired(handler: () => Promise<boolean>): () => void {
  reauthenticationHandler = handler;
  return () => {
    if (reauthenticationHandler === handler) reauthenticationHandler = null;
  };
}

// ---- multi-factor sign-in and the account's security ----

export type SecondFactor = RequestBody<'/api/session/second-factor', 'post'>;

export type MfaEnrolment = Schemas['MfaEnrolment'];

export type MfaStatus = Schemas['MfaStatus'];

/** The second step of signing in. The session is replaced by one that has finished signing in. */
export async function giveSecondFactor(factor: SecondFactor): Promise<Session> {
  return rememberSession(await request<SessionAnswer>('POST', '/api/session/second-factor', factor));
}

export function startMfaEnrolment(): Promise<MfaEnrolment> {
  return request('POST', '/api/account/mfa/enrolment');
}

/** Turns the authenticator on; answers the recovery codes, which are shown once. */
export async function confirmMfaEnrolment(
  code: string,
): Promise<{ session: Session; recoveryCodes: string[] }> {
  const answer = await request<Answer<'/api/account/mfa/enrolment/confirm', 'post'>>(
    'POST',
    '/api/account/mfa/enrolment/confirm',
    { code },
  );
  return { session: rememberSession(answer), recoveryCodes: answer.recoveryCodes };
}

export function getMfaStatus(): Promise<MfaStatus> {
  return request('GET', '/api/account/mfa');
}

export function regenerateRecoveryCodes(): Promise<Schemas['RecoveryCodes']> {
  return request('POST', '/api/account/mfa/recovery-codes');
}

export function turnOffMfa(): Promise<void> {
  return request('DELETE', '/api/account/mfa');
}

export async function reauthenticate(
  credentials: RequestBody<'/api/session/reauthentication'>,
): Promise<Session> {
  return rememberSession(await request<SessionAnswer>('POST', '/api/session/reauthentication', credentials));
}

/** An administrator's reset of a staff member's authenticator (a lost phone). */
export function resetStaffMfa(id: string): Promise<void> {
  return request('DELETE', `/api/users/${id}/mfa`);
}

export async function signIn(credentials: RequestBody<'/api/session'>): Promise<Session> {
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

/** What needs the signed-in member of staff, for the home page (the view is audited). */
export function getHomeWork(): Promise<HomeWork> {
  return request('GET', '/api/home/work');
}

export function getOrganisation(): Promise<Organisation> {
  return request('GET', '/api/organisation');
}

export function listStaff(page: { limit: number; offset: number }): Promise<{ items: StaffMember[] }> {
  const query = new URLSearchParams({ limit: String(page.limit), offset: String(page.offset) });
  return request('GET', `/api/users?${query}`);
}

export function addStaffMember(staffMember: NewStaffMember): Promise<CreatedStaffMember> {
  return request('POST', '/api/users', staffMember);
}

/** A new set-up link for someone who has not used theirs; earlier links stop working. */
export function renewSetUpLink(id: string): Promise<SetUpLink> {
  return request('POST', `/api/users/${encodeURIComponent(id)}/set-up-link`);
}

/**
 * A request made with a one-time link to an account (a set-up link, or a link to choose a new
 * password): the token from after the # goes in a header, and no session is sent with it.
 */
async function accountLinkRequest<T>(
  link: { path: '/api/account-set-up' | '/api/password-reset'; header: string },
  method: 'GET' | 'POST',
  token: string,
  body?: unknown,
): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', [link.header]: token };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(link.path, {
      method,
      headers,
      credentials: 'omit',
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
  if (!response.ok) throw await readProblem(response);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

const setUpLink = { path: '/api/account-set-up', header: 'X-Set-Up-Link' } as const;
const passwordResetLink = { path: '/api/password-reset', header: 'X-Password-Reset-Link' } as const;

export function getAccountToSetUp(token: string): Promise<AccountToSetUp> {
  return accountLinkRequest(setUpLink, 'GET', token);
}

export function chooseFirstPassword(token: string, password: string): Promise<void> {
  return accountLinkRequest(setUpLink, 'POST', token, { password });
}

/** Whose account a link to choose a new password is for (the same fields as a set-up link's). */
export function getAccountToReset(token: string): Promise<AccountToSetUp> {
  return accountLinkRequest(passwordResetLink, 'GET', token);
}

export function chooseNewPassword(token: string, password: string): Promise<void> {
  return accountLinkRequest(passwordResetLink, 'POST', token, { password });
}

/** Asks for a link to choose a new password; the answer is the same whatever the address. */
export function askForPasswordResetLink(
  body: RequestBody<'/api/password-reset-requests'>,
): Promise<PasswordResetRequested> {
  return request('POST', '/api/password-reset-requests', body);
}

export function listApiTokens(): Promise<{ items: ApiToken[] }> {
  return request('GET', '/api/api-tokens');
}

/** A registered manager lets a system's token read people's records, or refuses it. */
export function decideApiToken(id: string, decision: 'approval' | 'refusal'): Promise<void> {
  return request('POST', `/api/api-tokens/${encodeURIComponent(id)}/${decision}`);
}

export function changeStaffMember(id: string, version: number, changes: StaffChanges): Promise<StaffMember> {
  return update(`/api/users/${encodeURIComponent(id)}`, version, changes);
}

// ---- partner register ----

export type PartnerType = Schemas['PartnerType'];
export type ChannelKind = Schemas['ChannelKind'];
export type ChannelUrgency = Schemas['ChannelUrgency'];
/** How urgent the matter is that someone needs to reach a partner about. */
export type RequestUrgency = ChannelNow['urgency'];
export type Weekday = keyof Exclude<WeeklyHours, '24/7'>;
/** "24/7", or weekdays mapped to "HH:MM-HH:MM" spans, in UK local time; a day left out is not staffed. */
export type WeeklyHours = PartnerChannel['hours'];

export type PartnerOrganisation = Schemas['PartnerOrganisation'];

export type PartnerChannel = Schemas['PartnerChannel'];

export type PartnerOrganisationWithChannels = Schemas['PartnerOrganisationWithChannels'];

export type PartnerContact = Schemas['PartnerContact'];

export type PartnerContactWithChannels = Schemas['PartnerContactWithChannels'];

/** Which channel to use now for a matter of one urgency, and why, in plain English. */
export type ChannelNow = Schemas['ChannelNow'];

export type PartnerOrganisationFields = RequestBody<'/api/partner-organisations', 'post'>;

export type PartnerContactFields = RequestBody<'/api/partner-organisations/{id}/contacts', 'post'>;

export type ChannelFields = RequestBody<'/api/partner-organisations/{id}/channels', 'post'>;

export type PartnerRegisterImport = Schemas['PartnerRegisterImportReport'];

/** Who a channel belongs to: an organisation as a whole, or one named contact. */
export type ChannelOwner = { organisationId: string } | { contactId: string };

type Page = { limit: number; offset: number };
/** A route's query filters as the pages give them: a yes-or-no filter as a boolean. */
type Filters<Path extends keyof paths> = {
  [Name in keyof Query<Path>]?: NonNullable<Query<Path>[Name]> extends 'true' | 'false'
    ? boolean
    : Query<Path>[Name];
};
/** A page of a list, and its filters. */
type Search<Path extends keyof paths> = Page & Omit<Filters<Path>, 'limit' | 'offset'>;

function queryString(params: Record<string, string | number | boolean | undefined>): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') query.set(name, String(value));
  }
  const text = query.toString();
  return text ? `?${text}` : '';
}

/** One path segment, escaped. */
const part = encodeURIComponent;

function channelOwnerPath(owner: ChannelOwner): string {
  return 'organisationId' in owner
    ? `/api/partner-organisations/${part(owner.organisationId)}`
    : `/api/partner-contacts/${part(owner.contactId)}`;
}

export function listPartnerOrganisations(
  search: Search<'/api/partner-organisations'>,
): Promise<{ items: PartnerOrganisation[] }> {
  return request('GET', `/api/partner-organisations${queryString(search)}`);
}

export function getPartnerOrganisation(organisationId: string): Promise<PartnerOrganisationWithChannels> {
  return request('GET', `/api/partner-organisations/${part(organisationId)}`);
}

export function addPartnerOrganisation(fields: PartnerOrganisationFields): Promise<PartnerOrganisation> {
  return request('POST', '/api/partner-organisations', fields);
}

export function changePartnerOrganisation(
  organisationId: string,
  version: number,
  changes: RequestBody<'/api/partner-organisations/{id}', 'patch'>,
): Promise<PartnerOrganisation> {
  return update(`/api/partner-organisations/${part(organisationId)}`, version, changes);
}

export function listContactsOfOrganisation(
  organisationId: string,
  search: Search<'/api/partner-organisations/{id}/contacts'>,
): Promise<{ items: PartnerContact[] }> {
  return request('GET', `/api/partner-organisations/${part(organisationId)}/contacts${queryString(search)}`);
}

export function addPartnerContact(
  organisationId: string,
  fields: PartnerContactFields,
): Promise<PartnerContact> {
  return request('POST', `/api/partner-organisations/${part(organisationId)}/contacts`, fields);
}

export function listPartnerContacts(
  search: Search<'/api/partner-contacts'>,
): Promise<{ items: PartnerContact[] }> {
  return request('GET', `/api/partner-contacts${queryString(search)}`);
}

export function listStalePartnerContacts(page: Page): Promise<{ items: PartnerContact[] }> {
  return request('GET', `/api/partner-contacts/stale${queryString(page)}`);
}

export function getPartnerContact(contactId: string): Promise<PartnerContactWithChannels> {
  return request('GET', `/api/partner-contacts/${part(contactId)}`);
}

export function changePartnerContact(
  contactId: string,
  version: number,
  changes: RequestBody<'/api/partner-contacts/{id}', 'patch'>,
): Promise<PartnerContact> {
  return update(`/api/partner-contacts/${part(contactId)}`, version, changes);
}

export function verifyPartnerContact(contactId: string): Promise<PartnerContact> {
  return request('POST', `/api/partner-contacts/${part(contactId)}/verify`);
}

export function endPartnerContact(contactId: string, reason: string): Promise<PartnerContact> {
  return request('POST', `/api/partner-contacts/${part(contactId)}/end`, { reason });
}

/** For a contact, falls back to their organisation's channels when they have none staffed. */
export function findChannelNow(owner: ChannelOwner, urgency: RequestUrgency): Promise<ChannelNow> {
  return request('GET', `${channelOwnerPath(owner)}/channel-now${queryString({ urgency })}`);
}

export function addChannel(owner: ChannelOwner, fields: ChannelFields): Promise<PartnerChannel> {
  return request('POST', `${channelOwnerPath(owner)}/channels`, fields);
}

export function changeChannel(
  owner: ChannelOwner,
  channelId: string,
  version: number,
  changes: RequestBody<'/api/partner-organisations/{id}/channels/{channelId}', 'patch'>,
): Promise<PartnerChannel> {
  return update(`${channelOwnerPath(owner)}/channels/${part(channelId)}`, version, changes);
}

export function removeChannel(owner: ChannelOwner, channelId: string): Promise<void> {
  return request('DELETE', `${channelOwnerPath(owner)}/channels/${part(channelId)}`);
}

/** All rows or none: a refusal is an ApiError whose field errors are named `row N: column`. */
export function importPartnerRegister(csv: string): Promise<PartnerRegisterImport> {
  return request('POST', '/api/partner-register/import', { csv });
}

/** A colleague's name and role, current or former: what any member of staff may know of another. */
export function getColleague(userId: string): Promise<Colleague> {
  return request('GET', `/api/colleagues/${part(userId)}`);
}

/** The current colleagues who can be named as an owner, by name. */
export function listColleagues(page: { limit: number; offset: number }): Promise<{ items: Colleague[] }> {
  return request('GET', `/api/colleagues${queryString(page)}`);
}

// ---- services and people supported ----

export type CareService = Schemas['CareService'];

export type ClinicalFlag = Schemas['ClinicalFlag'];
export type PersonStatus = Schemas['PersonStatus'];
export type RepresentativeKind = Schemas['RepresentativeKind'];
export type DeputyDecisionArea = Representative['deputyDecisions'][number];

export type Person = Schemas['Person'];

export type NewPerson = RequestBody<'/api/people'>;
export type PersonChanges = RequestBody<'/api/people/{id}', 'patch'>;
/**
 * A person's details as the form holds them: what a new record takes, except that a record made
 * before the date of birth, address and postcode were required may still lack them (null).
 */
export type PersonFields = Omit<NewPerson, 'dateOfBirth' | 'address' | 'postcode'> &
  Pick<Person, 'dateOfBirth' | 'address' | 'postcode'>;

export type Representative = Schemas['PersonRepresentative'];

export type RepresentativeFields = RequestBody<'/api/people/{id}/representatives', 'post'>;

export type CircleMember = Schemas['CircleMember'];

export type PersonLinkedToContact = Schemas['PersonLinkedToContact'];

export function listCareServices(page: Page): Promise<{ items: CareService[] }> {
  return request('GET', `/api/care-services${queryString(page)}`);
}

/**
 * The people who match, asked for with the search in the request's body: a name or NHS number in
 * an address would stay in proxies' logs. The search is audited (without the name).
 */
export function listPeople(search: RequestBody<'/api/people/search'>): Promise<{ items: Person[] }> {
  return request('POST', '/api/people/search', search);
}

/** Every view of a person's record is in the audit trail. */
export function getPerson(personId: string): Promise<Person> {
  return request('GET', `/api/people/${part(personId)}`);
}

export function addPerson(fields: NewPerson): Promise<Person> {
  return request('POST', '/api/people', fields);
}

export function changePerson(personId: string, version: number, changes: PersonChanges): Promise<Person> {
  return update(`/api/people/${part(personId)}`, version, changes);
}

export function listRepresentatives(personId: string): Promise<{ items: Representative[] }> {
  return request('GET', `/api/people/${part(personId)}/representatives`);
}

export function addRepresentative(personId: string, fields: RepresentativeFields): Promise<Representative> {
  return request('POST', `/api/people/${part(personId)}/representatives`, fields);
}

export function changeRepresentative(
  personId: string,
  representativeId: string,
  version: number,
  changes: RequestBody<'/api/people/{id}/representatives/{representativeId}', 'patch'>,
): Promise<Representative> {
  return update(`/api/people/${part(personId)}/representatives/${part(representativeId)}`, version, changes);
}

export function endRepresentative(
  personId: string,
  representativeId: string,
  reason: string,
): Promise<Representative> {
  return request('POST', `/api/people/${part(personId)}/representatives/${part(representativeId)}/end`, {
    reason,
  });
}

export function listCircle(
  personId: string,
  options: Filters<'/api/people/{id}/circle'> = {},
): Promise<{ items: CircleMember[] }> {
  return request('GET', `/api/people/${part(personId)}/circle${queryString(options)}`);
}

export function addCircleMember(
  personId: string,
  fields: RequestBody<'/api/people/{id}/circle'>,
): Promise<CircleMember> {
  return request('POST', `/api/people/${part(personId)}/circle`, fields);
}

export function changeCircleMember(
  personId: string,
  memberId: string,
  version: number,
  changes: RequestBody<'/api/people/{id}/circle/{memberId}', 'patch'>,
): Promise<CircleMember> {
  return update(`/api/people/${part(personId)}/circle/${part(memberId)}`, version, changes);
}

/** The people a partner contact currently holds a role for (the look-up is audited). */
export function listPeopleOfPartnerContact(
  contactId: string,
  page: Page,
): Promise<{ items: PersonLinkedToContact[] }> {
  return request('GET', `/api/partner-contacts/${part(contactId)}/people${queryString(page)}`);
}

// ---- the audit trail ----

export type AuditActorType = AccessVisit['actor']['type'];

/** One audit entry: ids, names where Liaison knows them, and never any note text. */
/** One visit: consecutive reads (or changes) by one actor of one record, described in words by the server. */
export type AccessVisit = Schemas['AccessVisit'];

export type AccessHistory = Schemas['AccessHistory'];

/** Narrows an access history: by a staff member or person, a kind of action, and days (UK). */
export type AccessHistoryFilter = Partial<Record<'actorId' | 'personId' | 'action' | 'from' | 'to', string>>;

/** Who has accessed a person's record, by visit, newest first. The look-up is itself audited. */
export function getPersonAccessHistory(
  personId: string,
  page: Page,
  filter: Omit<AccessHistoryFilter, 'personId'> = {},
): Promise<AccessHistory> {
  return request(
    'GET',
    `/api/audit/access${queryString({ entityType: 'person', entityId: personId, ...filter, ...page })}`,
  );
}

/** What a staff member has accessed, by visit, newest first. The look-up is itself audited. */
export function getStaffAccessHistory(
  userId: string,
  page: Page,
  { personId, ...filter }: Omit<AccessHistoryFilter, 'actorId'> = {},
): Promise<AccessHistory> {
  const about = personId ? { entityType: 'person', entityId: personId } : {};
  return request('GET', `/api/audit/access${queryString({ actorId: userId, ...about, ...filter, ...page })}`);
}

/** The kinds of action in the audit trail, with their labels: the server's one table. */
export function listAuditActions(): Promise<Schemas['AuditActions']> {
  return request('GET', '/api/audit/actions');
}

export type AuditVerification = Schemas['AuditChainReport'];

/** Recomputes the organisation's audit chain and compares it with the latest signed checkpoint. */
export function verifyAuditTrail(): Promise<AuditVerification> {
  return request('GET', '/api/audit/verify');
}

// ---- consent and sharing ----

export type SharingPurpose = Schemas['SharingPurpose'];
export type InformationCategory = Schemas['InformationCategory'];
/** The confidentiality basis the sharing gate decided a share on. */
export type ShareBasis = Schemas['ShareBasis'];
/** Whether a consent, assessment, decision or authorisation is in force now. */
export type SharingRecordStatus = Schemas['SharingRecordStatus'];
export type ConsentGiver = ConsentRecord['givenBy'];
export type ConsentRecordedHow = ConsentRecord['recordedHow'];
export type CapacityOutcome = CapacityAssessment['outcome'];
export type BestInterestsOutcome = BestInterestsDecision['outcome'];
export type BasisRecordType = NonNullable<ShareDecision['record']>['type'];
export type QueuedShareStatus = HeldShare['status'];

/** Who a record lets information go to, with names resolved. */
export type RecipientScope = ConsentRecord['scope'];

/** Who a record lets information go to, as sent: at least one organisation, contact or type. */
export type RecipientScopeFields = Required<
  Pick<ConsentFields, 'partnerOrganisationIds' | 'partnerContactIds' | 'partnerTypes'>
>;

export type ConsentRecord = Schemas['ConsentRecord'];

export type CapacityAssessment = Schemas['CapacityAssessment'];

export type BestInterestsDecision = Schemas['BestInterestsDecision'];

export type SafeguardingAuthorisation = Schemas['SafeguardingAuthorisation'];

/** A person's consent, capacity, best-interests and safeguarding records, newest first. */
export type SharingRecords = Answer<'/api/people/{id}/sharing-records', 'get'>;

export type ConsentFields = RequestBody<'/api/people/{id}/consents', 'post'>;

export type ConsentWithdrawal = RequestBody<'/api/people/{id}/consents/{recordId}/withdraw', 'post'>;

export type CapacityAssessmentFields = RequestBody<'/api/people/{id}/capacity-assessments', 'post'>;

export type BestInterestsDecisionFields = RequestBody<'/api/people/{id}/best-interests-decisions', 'post'>;

export type SafeguardingAuthorisationFields = RequestBody<
  '/api/people/{id}/safeguarding-authorisations',
  'post'
>;

/** A partner organisation, or a named contact (their organisation is implied). */
export type ShareRecipient = Pick<ShareQuestion, 'partnerOrganisationId' | 'partnerContactId'>;
export type ShareQuestion = RequestBody<'/api/people/{id}/share-checks', 'post'>;

export type ShareRefusalReason = Schemas['ShareRefusalReason'];

/** The UK GDPR conditions a share relies on (separate from consent). */
export type LawfulBasis = Schemas['LawfulBasis'];

/** The sharing gate's answer to "Can I share this?". */
export type ShareDecision = Schemas['ShareDecision'];

export type ShareLogEntry = Schemas['ShareLogEntry'];

export type HeldShare = Schemas['HeldShare'];

export type SharingAgreement = Schemas['InformationSharingAgreement'];

export type SharingAgreementFields = RequestBody<'/api/sharing-agreements', 'post'>;

/** Viewing them is audited. */
export function getSharingRecords(personId: string): Promise<SharingRecords> {
  return request('GET', `/api/people/${part(personId)}/sharing-records`);
}

/** Consent is never edited: to change it, record a new consent and withdraw the old one. */
export function recordConsent(personId: string, fields: ConsentFields): Promise<ConsentRecord> {
  return request('POST', `/api/people/${part(personId)}/consents`, fields);
}

/** Takes effect at once; shares queued to be sent on this consent are held for a manager. */
export function withdrawConsent(
  personId: string,
  consentId: string,
  withdrawal: ConsentWithdrawal,
): Promise<Answer<'/api/people/{id}/consents/{recordId}/withdraw', 'post'>> {
  return request('POST', `/api/people/${part(personId)}/consents/${part(consentId)}/withdraw`, withdrawal);
}

/** The outcome is worked out by the server from the two-stage test. */
export function recordCapacityAssessment(
  personId: string,
  fields: CapacityAssessmentFields,
): Promise<CapacityAssessment> {
  return request('POST', `/api/people/${part(personId)}/capacity-assessments`, fields);
}

export function recordBestInterestsDecision(
  personId: string,
  fields: BestInterestsDecisionFields,
): Promise<BestInterestsDecision> {
  return request('POST', `/api/people/${part(personId)}/best-interests-decisions`, fields);
}

export function authoriseSafeguardingSharing(
  personId: string,
  fields: SafeguardingAuthorisationFields,
): Promise<SafeguardingAuthorisation> {
  return request('POST', `/api/people/${part(personId)}/safeguarding-authorisations`, fields);
}

export function revokeSafeguardingAuthorisation(
  personId: string,
  authorisationId: string,
  reason: string,
): Promise<SafeguardingAuthorisation> {
  return request(
    'POST',
    `/api/people/${part(personId)}/safeguarding-authorisations/${part(authorisationId)}/revoke`,
    { reason },
  );
}

/** "Can I share this?": the gate's answer, without sharing anything. The question is audited. */
export function checkShare(personId: string, question: ShareQuestion): Promise<ShareDecision> {
  return request('POST', `/api/people/${part(personId)}/share-checks`, question);
}

/**
 * Records information shared outside Liaison. The gate decides again first: a refusal is logged
 * and comes back as an ApiError (403) carrying every reason.
 */
export function recordShare(
  personId: string,
  share: RequestBody<'/api/people/{id}/shares'>,
): Promise<ShareLogEntry> {
  return request('POST', `/api/people/${part(personId)}/shares`, share);
}

/** The person's share log, newest first; reading it is audited. */
export function listShares(
  personId: string,
  search: Search<'/api/people/{id}/shares'>,
): Promise<{ items: ShareLogEntry[] }> {
  return request('GET', `/api/people/${part(personId)}/shares${queryString(search)}`);
}

export function listHeldShares(search: Search<'/api/held-shares'>): Promise<{ items: HeldShare[] }> {
  return request('GET', `/api/held-shares${queryString(search)}`);
}

export function cancelHeldShare(shareId: string, note: string): Promise<void> {
  return request('POST', `/api/held-shares/${part(shareId)}/cancel`, { note });
}

export function listSharingAgreements(
  search: Search<'/api/sharing-agreements'>,
): Promise<{ items: SharingAgreement[] }> {
  return request('GET', `/api/sharing-agreements${queryString(search)}`);
}

export function getSharingAgreement(agreementId: string): Promise<SharingAgreement> {
  return request('GET', `/api/sharing-agreements/${part(agreementId)}`);
}

export function addSharingAgreement(fields: SharingAgreementFields): Promise<SharingAgreement> {
  return request('POST', '/api/sharing-agreements', fields);
}

export function changeSharingAgreement(
  agreementId: string,
  version: number,
  changes: RequestBody<'/api/sharing-agreements/{id}', 'patch'>,
): Promise<SharingAgreement> {
  return update(`/api/sharing-agreements/${part(agreementId)}`, version, changes);
}

// ---- partner messages ----

export type MessageTemplate = Schemas['MessageTemplate'];
export type AskType = Schemas['AskType'];
export type MessageStatus = Schemas['MessageStatus'];
export type MessageEventKind = MessageEvent['kind'];
/** How something reached the organisation or the partner. */
export type ReceivedHow = Schemas['ReceivedHow'];
export type MessageView = NonNullable<Query<'/api/messages'>['view']>;
export type EscalationTarget = Schemas['EscalationTarget'];
export type StepDelay = Schemas['StepDelay'];
export type EscalationRoute = Schemas['EscalationRoute'];
export type EscalationRouteTemplate = EscalationRouteSetting['template'];

/** Something the writer may want to change; a warning never stops a message being sent. */
export type MessageWarning = Schemas['MessageWarning'];

export type MessageDraft = RequestBody<'/api/messages/check', 'post'>;

export type NewMessage = RequestBody<'/api/messages', 'post'>;

export type MessageSummary = Schemas['MessageSummary'];

export type MessageEvent = Schemas['MessageEvent'];

export type EscalationStep = MessageDetail['steps'][number];

export type PartnerLink = MessageDetail['links'][number];

export type MessageDetail = Schemas['MessageDetail'];

/** Where an email is: waiting in the outbox, sent, given up, or held (never to be sent). */
export type OutboxState = MessageEmail['state'];

/** An email about a message: waiting in the outbox, sent, given up, or held (never to be sent). */
export type MessageEmail = MessageDetail['emails'][number];

/** Whether an email carries the link: queued for the mail server, or not sent (no mail server). */
export type EmailState = SentMessage['emailState'];

/** The partner link is in this answer only: it is not kept anywhere Liaison can show it again. */
export type SentMessage = Schemas['SentMessage'];

export type LinkHandover = RequestBody<'/api/messages/{id}/links/{linkId}/handed-over', 'post'>['how'];

export type ContactOutcome = NonNullable<LoggedContact['outcome']>;

export type LoggedContact = RequestBody<'/api/messages/{id}/contacts', 'post'>;

export type AttentionKind = AttentionItem['kind'];

export type AttentionItem = Schemas['AttentionItem'];

export type EscalationRouteSetting = Schemas['EscalationRouteSetting'];

/** Warnings only: the check never refuses. */
export function checkMessage(draft: MessageDraft): Promise<Answer<'/api/messages/check', 'post'>> {
  return request('POST', '/api/messages/check', draft);
}

/**
 * A message about a person passes the sharing gate first: refused, it is an ApiError (403)
 * carrying every reason, and nothing is sent.
 */
export function sendMessage(message: NewMessage): Promise<SentMessage> {
  return request('POST', '/api/messages', message);
}

export function listMessages(search: Search<'/api/messages'>): Promise<{
  items: MessageSummary[];
}> {
  return request('GET', `/api/messages${queryString(search)}`);
}

/** Viewing a thread is audited. */
export function getMessage(messageId: string): Promise<MessageDetail> {
  return request('GET', `/api/messages/${part(messageId)}`);
}

export function logMessageContact(messageId: string, contact: LoggedContact): Promise<MessageDetail> {
  return request('POST', `/api/messages/${part(messageId)}/contacts`, contact);
}

export function closeMessage(messageId: string, note: string | null): Promise<MessageDetail> {
  return request('POST', `/api/messages/${part(messageId)}/close`, { note });
}

export function withdrawMessage(messageId: string, reason: string): Promise<MessageDetail> {
  return request('POST', `/api/messages/${part(messageId)}/withdraw`, { reason });
}

/** Emails the contact a new link; the answer carries it, once. */
export function sendNewPartnerLink(messageId: string): Promise<SentMessage> {
  return request('POST', `/api/messages/${part(messageId)}/links`);
}

/** Records that the link was given to the partner another way; the sharing gate is asked first. */
export function recordLinkHandedOver(
  messageId: string,
  linkId: string,
  how: LinkHandover,
): Promise<MessageDetail> {
  return request('POST', `/api/messages/${part(messageId)}/links/${part(linkId)}/handed-over`, { how });
}

export function revokePartnerLink(messageId: string, linkId: string, reason: string): Promise<MessageDetail> {
  return request('POST', `/api/messages/${part(messageId)}/links/${part(linkId)}/revoke`, { reason });
}

/** An email in the organisation's outbox, without its body or its link. */
export type OutboxEmail = Schemas['OutboxEmail'];

export type Outbox = Schemas['Outbox'];

export function listOutbox(search: Search<'/api/outbox'>): Promise<Outbox> {
  return request('GET', `/api/outbox${queryString(search)}`);
}

export function listAttentionItems(search: Search<'/api/attention'>): Promise<{ items: AttentionItem[] }> {
  return request('GET', `/api/attention${queryString(search)}`);
}

export function resolveAttentionItem(itemId: string, note: string | null): Promise<void> {
  return request('POST', `/api/attention/${part(itemId)}/resolve`, { note });
}

export function listEscalationRoutes(): Promise<{ items: EscalationRouteSetting[] }> {
  return request('GET', '/api/escalation-routes');
}

/** Messages already sent keep the route they were sent with. */
export function setEscalationRoute(
  template: EscalationRouteTemplate,
  urgency: RequestUrgency,
  version: number,
  route: EscalationRoute,
): Promise<EscalationRouteSetting> {
  return request(
    'PUT',
    `/api/escalation-routes/${part(template)}/${part(urgency)}`,
    { route },
    { 'If-Match': `"${version}"` },
  );
}

export function resetEscalationRoute(
  template: EscalationRouteTemplate,
  urgency: RequestUrgency,
  version: number,
): Promise<EscalationRouteSetting> {
  return request('DELETE', `/api/escalation-routes/${part(template)}/${part(urgency)}`, undefined, {
    'If-Match': `"${version}"`,
  });
}

// ---- the partner's page (a secure link, no staff account) ----

export type PartnerView = Schemas['PartnerView'];

export type PartnerName = RequestBody<'/api/partner/message/acknowledge', 'post'>;
export type PartnerResponseKind = RequestBody<'/api/partner/message/respond', 'post'>['kind'];

/**
 * A request from the partner's page, which carries the link's token in a header and never a
 * cookie: in a browser signed in as staff, the staff session stays out of it (the server would not
 * read it either).
 */
async function partnerRequest<T>(
  method: 'GET' | 'POST',
  path: string,
  token: string,
  body?: unknown,
): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', 'X-Partner-Link': token };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'omit',
      cache: 'no-store',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError({
      status: 0,
      title: 'Liaison cannot be reached',
      detail: 'This page cannot reach the server. Check your internet connection and try again.',
    });
  }
  if (!response.ok) throw await readProblem(response);
  return (await response.json()) as T;
}

export function getPartnerMessage(token: string): Promise<PartnerView> {
  return partnerRequest('GET', '/api/partner/message', token);
}

export function acknowledgeAsPartner(token: string, who: PartnerName): Promise<PartnerView> {
  return partnerRequest('POST', '/api/partner/message/acknowledge', token, who);
}

export function acceptAsPartner(token: string, who: PartnerName): Promise<PartnerView> {
  return partnerRequest('POST', '/api/partner/message/accept', token, who);
}

export function declineAsPartner(
  token: string,
  answer: RequestBody<'/api/partner/message/decline'>,
): Promise<PartnerView> {
  return partnerRequest('POST', '/api/partner/message/decline', token, answer);
}

export function respondAsPartner(
  token: string,
  answer: RequestBody<'/api/partner/message/respond'>,
): Promise<PartnerView> {
  return partnerRequest('POST', '/api/partner/message/respond', token, answer);
}

// ---- advice and care-plan amendments ----

export type AdviceConfirmationStatus = Advice['confirmationStatus'];
export type AdviceConfirmedHow = NonNullable<Advice['confirmedHow']>;

export type Advice = Schemas['Advice'];

export type CarePlanAmendment = Schemas['CarePlanAmendment'];

/** Viewing it is audited. */
export function listPersonAdvice(personId: string): Promise<{ items: Advice[] }> {
  return request('GET', `/api/people/${part(personId)}/advice`);
}

export function listAdviceAwaitingConfirmation(page: Page): Promise<{ items: Advice[] }> {
  return request('GET', `/api/advice/awaiting-confirmation${queryString(page)}`);
}

export function getAdvice(adviceId: string): Promise<Advice> {
  return request('GET', `/api/advice/${part(adviceId)}`);
}

/** Written confirmation that arrived another way than the partner's link: a letter, an email. */
export function recordAdviceConfirmation(
  adviceId: string,
  confirmation: RequestBody<'/api/advice/{id}/confirmation'>,
): Promise<Advice> {
  return request('POST', `/api/advice/${part(adviceId)}/confirmation`, confirmation);
}

/** Viewing them is audited. */
export function listCarePlanAmendments(personId: string): Promise<{ items: CarePlanAmendment[] }> {
  return request('GET', `/api/people/${part(personId)}/care-plan-amendments`);
}

export function recordCarePlanAmendment(
  personId: string,
  amendment: RequestBody<'/api/people/{id}/care-plan-amendments'>,
): Promise<Answer<'/api/people/{id}/care-plan-amendments', 'post'>> {
  return request('POST', `/api/people/${part(personId)}/care-plan-amendments`, amendment);
}

// ---- incidents and business continuity ----

export type IncidentType = Schemas['IncidentType'];
export type IncidentSeverity = Schemas['IncidentSeverity'];
export type IncidentStatus = Incident['status'];
export type RiskLevel = Schemas['RiskLevel'];
export type MeasureKind = InterimMeasure['kind'];
/** A gate refusal is written by Liaison when a message from the incident is refused. */
export type IncidentRecordKind = IncidentRecord['kind'];

export type Incident = Schemas['Incident'];

export type NewIncident = RequestBody<'/api/incidents', 'post'>;

export type IncidentChanges = RequestBody<'/api/incidents/{id}', 'patch'>;

export type AffectedPerson = Schemas['AffectedPerson'];

export type PersonAdjustment = RequestBody<'/api/incidents/{id}/people/{personId}/adjustment', 'post'>;

export type InterimMeasure = Schemas['InterimMeasure'];

export type NewInterimMeasure = RequestBody<'/api/incidents/{id}/measures', 'post'>;

export type IncidentRecord = Schemas['IncidentRecord'];

export type NewIncidentRecord = RequestBody<'/api/incidents/{id}/records', 'post'>;

/** A partner update or request the incident needs, prefilled for the lead to check and send. */
export type ProposedMessage = Schemas['ProposedMessage'];

export type IncidentTimelineEntry = Schemas['IncidentTimelineEntry'];
export type IncidentTimelineEntryKind = IncidentTimelineEntry['kind'];

/** Judged on the response (a request) or on receipt (an incident update), when the review was worked out. */
export type DeadlineOutcome = ReviewRequest['deadlineOutcome'];

/** One message to a partner, from its thread. */
export type ReviewRequest = Schemas['ReviewRequest'];

/** The parts of the review's figures that came with figuresVersion 2. */
type NewerFigures =
  | 'figuresVersion'
  | 'messages'
  | 'requests'
  | 'writtenConfirmation'
  | 'medianMinutesToWrittenConfirmation'
  | 'gateRefusals';

/**
 * The review's figures. A review closed before the figures came from the message threads has no
 * figuresVersion and none of the newer parts (the server describes it only as an object, kept as it
 * was); it is shown as it was kept.
 */
export type ReviewFigures = Omit<Schemas['ReviewFigures'], NewerFigures> &
  Partial<Pick<Schemas['ReviewFigures'], NewerFigures>>;

export type LearningAction = IncidentReview['learningActions'][number];

export type IncidentReview = Omit<Schemas['IncidentReview'], 'figures'> & { figures: ReviewFigures };

function incidentPath(incidentId: string, rest = ''): string {
  return `/api/incidents/${part(incidentId)}${rest}`;
}

export function listIncidents(search: Search<'/api/incidents'>): Promise<{ items: Incident[] }> {
  return request('GET', `/api/incidents${queryString(search)}`);
}

export function openIncident(incident: NewIncident): Promise<Incident> {
  return request('POST', '/api/incidents', incident);
}

export function getIncident(incidentId: string): Promise<Incident> {
  return request('GET', incidentPath(incidentId));
}

export function changeIncident(
  incidentId: string,
  version: number,
  changes: IncidentChanges,
): Promise<Incident> {
  return update(incidentPath(incidentId), version, changes);
}

/** Highest risk first, with the reasons. Viewing them is audited. */
export function listAffectedPeople(incidentId: string): Promise<{ items: AffectedPerson[] }> {
  return request('GET', incidentPath(incidentId, '/people'));
}

/** People already on the incident keep their ranking and any adjustment. */
export function addAffectedPeople(
  incidentId: string,
  chosen: RequestBody<'/api/incidents/{id}/people'>,
): Promise<Answer<'/api/incidents/{id}/people', 'post'>> {
  return request('POST', incidentPath(incidentId, '/people'), chosen);
}

export function adjustAffectedPerson(
  incidentId: string,
  personId: string,
  adjustment: PersonAdjustment,
): Promise<{ items: AffectedPerson[] }> {
  return request('POST', incidentPath(incidentId, `/people/${part(personId)}/adjustment`), adjustment);
}

export function listInterimMeasures(incidentId: string): Promise<{ items: InterimMeasure[] }> {
  return request('GET', incidentPath(incidentId, '/measures'));
}

export function addInterimMeasure(incidentId: string, measure: NewInterimMeasure): Promise<InterimMeasure> {
  return request('POST', incidentPath(incidentId, '/measures'), measure);
}

export function endInterimMeasure(
  incidentId: string,
  measureId: string,
  endedAt: string,
): Promise<InterimMeasure> {
  return request('POST', incidentPath(incidentId, `/measures/${part(measureId)}/end`), { endedAt });
}

export function listIncidentRecords(incidentId: string): Promise<{ items: IncidentRecord[] }> {
  return request('GET', incidentPath(incidentId, '/records'));
}

/** Records are never edited: a correction is a new record. */
export function addIncidentRecord(incidentId: string, record: NewIncidentRecord): Promise<IncidentRecord> {
  return request('POST', incidentPath(incidentId, '/records'), record);
}

export function listProposedMessages(incidentId: string): Promise<{ items: ProposedMessage[] }> {
  return request('GET', incidentPath(incidentId, '/proposed-messages'));
}

/**
 * The same rules as sendMessage: a message about a person passes the sharing gate first (a
 * refusal is a 403 carrying every reason), then the message rules (400, per field).
 */
export function sendIncidentMessage(incidentId: string, message: NewMessage): Promise<SentMessage> {
  return request('POST', incidentPath(incidentId, '/messages'), message);
}

/** Everything on the incident, oldest first, a page at a time (at most 100). Viewing it is audited. */
export function getIncidentTimeline(
  incidentId: string,
  page: Search<'/api/incidents/{id}/timeline'>,
): Promise<{ items: IncidentTimelineEntry[] }> {
  return request('GET', `${incidentPath(incidentId, '/timeline')}${queryString(page)}`);
}

/** The review's figures are worked out from the records and kept as they stand at closing. */
export function closeIncident(
  incidentId: string,
  closing: RequestBody<'/api/incidents/{id}/close'>,
): Promise<IncidentReview> {
  return request('POST', incidentPath(incidentId, '/close'), closing);
}

/** A preview while the incident is open. Viewing it is audited. */
export function getIncidentReview(incidentId: string): Promise<IncidentReview> {
  return request('GET', incidentPath(incidentId, '/review'));
}

export function recordIncidentFindings(incidentId: string, findings: string): Promise<IncidentReview> {
  return request('POST', incidentPath(incidentId, '/findings'), { findings });
}

export function addLearningAction(
  incidentId: string,
  action: RequestBody<'/api/incidents/{id}/learning-actions'>,
): Promise<LearningAction[]> {
  return request('POST', incidentPath(incidentId, '/learning-actions'), action);
}

export function completeLearningAction(incidentId: string, actionId: string): Promise<LearningAction[]> {
  return request('POST', incidentPath(incidentId, `/learning-actions/${part(actionId)}/done`));
}

/** The person's whole share log as CSV; the export is audited, and needs a recent sign-in. */
export function shareLogExportPath(personId: string): string {
  return `/api/people/${part(personId)}/shares/export`;
}

/** A copy of everything held about the person (JSON), for a subject access request; audited, and needs a recent sign-in. */
export function subjectAccessExportPath(personId: string): string {
  return `/api/people/${part(personId)}/subject-access-export`;
}

/** The risk points table that ranks the people an incident affects: one version, or the one in force. */
export type IncidentRiskPoints = Schemas['IncidentRiskPoints'];

export function getIncidentRiskPoints(version?: number): Promise<IncidentRiskPoints> {
  return request('GET', `/api/incident-risk-points${version === undefined ? '' : queryString({ version })}`);
}

/** Sets the table as a new version, if it is still at `version`; people already ranked keep theirs. */
export function setIncidentRiskPoints(
  version: number,
  table: RequestBody<'/api/incident-risk-points', 'put'>,
): Promise<IncidentRiskPoints> {
  return request('PUT', '/api/incident-risk-points', table, { 'If-Match': `"${version}"` });
}

/** Where the browser downloads the review; the download is audited. */
export function incidentReviewDownloadPath(incidentId: string, format: 'html' | 'pdf'): string {
  return incidentPath(incidentId, `/review.${format}`);
}

// ---- safeguarding ----

export type AbuseCategory = Schemas['AbuseCategory'];
export type RiskLocation = Schemas['RiskLocation'];
export type SourceOfRisk = Schemas['SourceOfRisk'];
export type ConcernLevel = Schemas['ConcernLevel'];
export type ConcernStatus = Schemas['ConcernStatus'];
export type StaffConcernEntryKind = Schemas['StaffConcernEntryKind'];
export type ConcernEntryKind = Schemas['ConcernEntryKind'];
export type EntrySource = NonNullable<RecordedEntry['source']>;
export type ConcernListView = NonNullable<Query<'/api/safeguarding/concerns'>['view']>;
export type RestrictionView = NonNullable<Query<'/api/safeguarding/restrictions'>['view']>;
export type AdvocacyStatus = Concern['advocacy']['status'];
export type RiskOutcome = CloseConcernFields['outcome'];
export type LocalAuthorityDecision = NonNullable<Concern['localAuthorityDecision']>['decision'];
export type OtherRoute = NonNullable<DecisionFields['otherRoute']>;
export type ConsentToReferral = ReferralFields['consentToReferral'];
export type SafeContactMeasure = SafeContactPlan['measures'][number];
export type RestrictionBasis = InterimRestriction['legalBasis'];
export type ConcernAlertKind = Concern['alerts'][number]['kind'];
export type ConcernMessagePurpose = Concern['messages'][number]['purpose'];
export type ExportOccasion = ExportFields['occasion'];

/** What staff who need to know see of a concern: the manager's summary, the status and dates. */
export type ConcernSummary = Schemas['ConcernSummary'];
export type ConcernListItem = Schemas['ConcernListItem'];
/** A concern in full: managers, the registered manager and the auditor only. */
export type Concern = Schemas['Concern'];
export type SafeContactPlan = Concern['plans'][number];
export type ReviewTrigger = Concern['triggers'][number];
export type InterimRestriction = Schemas['InterimRestriction'];
export type ConcernChronologyEntry = Schemas['ConcernChronologyEntry'];
export type ChronologyEntry = Schemas['ChronologyEntry'];
export type ChronologyPage = Schemas['ChronologyPage'];
/** What staff recorded in one of the concern's own entries, with its corrections. */
export type RecordedEntry = NonNullable<ConcernChronologyEntry['entry']>;
export type ConcernChronologyPage = Schemas['ConcernChronologyPage'];
export type RelatedConcern = Answer<'/api/safeguarding/concerns/{id}/related'>['items'][number];
export type ConcernPatterns = Schemas['ConcernPatterns'];
export type PatternConcern = Schemas['PatternConcern'];
export type ReferralDraft = Schemas['Section42ReferralDraft'];
export type SafeguardingSettings = Schemas['SafeguardingSettings'];
/** The partner's link is in this answer only, as for any message sent. */
export type SafeguardingMessageSent = Answer<'/api/safeguarding/concerns/{id}/referral', 'post'>;

export type NewConcern = RequestBody<'/api/safeguarding/concerns'>;
export type ConcernChanges = RequestBody<'/api/safeguarding/concerns/{id}', 'patch'>;
export type NewConcernEntry = RequestBody<'/api/safeguarding/concerns/{id}/entries'>;
export type CloseConcernFields = RequestBody<'/api/safeguarding/concerns/{id}/close'>;
export type AdviceRequestFields = RequestBody<'/api/safeguarding/concerns/{id}/advice-requests'>;
export type ThresholdAdviceFields = RequestBody<'/api/safeguarding/concerns/{id}/advice'>;
export type ReferralFields = RequestBody<'/api/safeguarding/concerns/{id}/referral'>;
export type DecisionFields = RequestBody<'/api/safeguarding/concerns/{id}/decision'>;
export type PlanFields = RequestBody<'/api/safeguarding/concerns/{id}/plans'>;
export type TriggerFields = RequestBody<'/api/safeguarding/concerns/{id}/triggers'>;
export type RestrictionFields = RequestBody<'/api/safeguarding/concerns/{id}/restrictions'>;
export type RestrictionReviewFields =
  RequestBody<'/api/safeguarding/concerns/{id}/restrictions/{childId}/reviews'>;
export type ExportFields = RequestBody<'/api/safeguarding/concerns/{id}/export'>;

function concernPath(concernId: string, rest = ''): string {
  return `/api/safeguarding/concerns/${part(concernId)}${rest}`;
}

/** In full, for managers and the auditor. Viewing the list is audited. */
export function listConcerns(
  search: Search<'/api/safeguarding/concerns'>,
): Promise<{ items: ConcernListItem[] }> {
  return request('GET', `/api/safeguarding/concerns${queryString(search)}`);
}

/** Open concerns as staff who need to know see them. Viewing them is audited. */
export function listConcernSummaries(
  search: Search<'/api/safeguarding/concern-summaries'>,
): Promise<{ items: ConcernSummary[] }> {
  return request('GET', `/api/safeguarding/concern-summaries${queryString(search)}`);
}

export function getConcernCounts(): Promise<Schemas['ConcernCounts']> {
  return request('GET', '/api/safeguarding/counts');
}

/** Low-level and not-referred concerns that recur about one person or one alleged source. */
export function getConcernPatterns(
  search: Query<'/api/safeguarding/patterns'> = {},
): Promise<ConcernPatterns> {
  return request('GET', `/api/safeguarding/patterns${queryString(search)}`);
}

/** The answer is the summary: anyone who may raise a concern may not read it in full. */
export function raiseConcern(concern: NewConcern): Promise<ConcernSummary> {
  return request('POST', '/api/safeguarding/concerns', concern);
}

/** Viewing it is audited. */
export function getConcern(concernId: string): Promise<Concern> {
  return request('GET', concernPath(concernId));
}

/** Viewing it is audited. */
export function getConcernSummary(concernId: string): Promise<ConcernSummary> {
  return request('GET', concernPath(concernId, '/summary'));
}

/** A change of level needs its reason, which goes into the chronology. */
export function changeConcern(concernId: string, version: number, changes: ConcernChanges): Promise<Concern> {
  return update(concernPath(concernId), version, changes);
}

export function changeConcernStatus(
  concernId: string,
  change: RequestBody<'/api/safeguarding/concerns/{id}/status'>,
): Promise<Concern> {
  return request('POST', concernPath(concernId, '/status'), change);
}

/** The manager closing it signs it off. */
export function closeConcern(concernId: string, closing: CloseConcernFields): Promise<Concern> {
  return request('POST', concernPath(concernId, '/close'), closing);
}

export function recordAdvocacy(
  concernId: string,
  advocacy: RequestBody<'/api/safeguarding/concerns/{id}/advocacy'>,
): Promise<Concern> {
  return request('POST', concernPath(concernId, '/advocacy'), advocacy);
}

/** Entries are never changed: a correction is a new entry naming the one it corrects. */
export function addConcernEntry(
  concernId: string,
  entry: NewConcernEntry,
): Promise<Answer<'/api/safeguarding/concerns/{id}/entries', 'post'>> {
  return request('POST', concernPath(concernId, '/entries'), entry);
}

/** The person's chronology from every record, newest first, a page at a time. Viewing it is audited. */
export function getPersonChronology(
  personId: string,
  search: Query<'/api/people/{id}/chronology'> = {},
): Promise<ChronologyPage> {
  return request('GET', `/api/people/${encodeURIComponent(personId)}/chronology${queryString(search)}`);
}

/** Newest first, a page at a time. Viewing it is audited. */
export function getConcernChronology(
  concernId: string,
  search: Query<'/api/safeguarding/concerns/{id}/chronology'> = {},
): Promise<ConcernChronologyPage> {
  return request('GET', `${concernPath(concernId, '/chronology')}${queryString(search)}`);
}

/** Viewing them is audited. */
export function listRelatedConcerns(concernId: string): Promise<{ items: RelatedConcern[] }> {
  return request('GET', concernPath(concernId, '/related'));
}

/** Prefilled from the records for the manager to check. Viewing it is audited. */
export function getReferralDraft(concernId: string): Promise<ReferralDraft> {
  return request('GET', concernPath(concernId, '/referral-draft'));
}

/** A safeguarding message through the sharing gate: a refusal is a 403 carrying every reason. */
export function requestThresholdAdvice(
  concernId: string,
  fields: AdviceRequestFields,
): Promise<Answer<'/api/safeguarding/concerns/{id}/advice-requests', 'post'>> {
  return request('POST', concernPath(concernId, '/advice-requests'), fields);
}

export function recordThresholdAdvice(concernId: string, advice: ThresholdAdviceFields): Promise<Concern> {
  return request('POST', concernPath(concernId, '/advice'), advice);
}

/** Through the sharing gate, as any message about a person: a refusal is a 403 carrying every reason. */
export function sendReferral(concernId: string, referral: ReferralFields): Promise<SafeguardingMessageSent> {
  return request('POST', concernPath(concernId, '/referral'), referral);
}

export function recordLocalAuthorityDecision(concernId: string, decision: DecisionFields): Promise<Concern> {
  return request('POST', concernPath(concernId, '/decision'), decision);
}

export function addSafeContactPlan(concernId: string, plan: PlanFields): Promise<Concern> {
  return request('POST', concernPath(concernId, '/plans'), plan);
}

export function endSafeContactPlan(concernId: string, planId: string, reason: string): Promise<Concern> {
  return request('POST', concernPath(concernId, `/plans/${part(planId)}/end`), { reason });
}

export function addReviewTrigger(concernId: string, trigger: TriggerFields): Promise<Concern> {
  return request('POST', concernPath(concernId, '/triggers'), trigger);
}

export function stopReviewTrigger(concernId: string, triggerId: string): Promise<Concern> {
  return request('POST', concernPath(concernId, `/triggers/${part(triggerId)}/end`), {});
}

export function addInterimRestriction(concernId: string, restriction: RestrictionFields): Promise<Concern> {
  return request('POST', concernPath(concernId, '/restrictions'), restriction);
}

/** Only a review extends a restriction. */
export function reviewInterimRestriction(
  concernId: string,
  restrictionId: string,
  review: RestrictionReviewFields,
): Promise<Concern> {
  return request('POST', concernPath(concernId, `/restrictions/${part(restrictionId)}/reviews`), review);
}

export function endInterimRestriction(
  concernId: string,
  restrictionId: string,
  reason: string,
): Promise<Concern> {
  return request('POST', concernPath(concernId, `/restrictions/${part(restrictionId)}/end`), { reason });
}

export function resolveConcernAlert(
  concernId: string,
  alertId: string,
  note: string | null,
): Promise<Concern> {
  return request('POST', concernPath(concernId, `/alerts/${part(alertId)}/resolve`), { note });
}

/** Every interim restriction; viewing the register is audited. */
export function listInterimRestrictions(
  search: Search<'/api/safeguarding/restrictions'>,
): Promise<{ items: InterimRestriction[] }> {
  return request('GET', `/api/safeguarding/restrictions${queryString(search)}`);
}

export function getSafeguardingSettings(): Promise<SafeguardingSettings> {
  return request('GET', '/api/safeguarding/settings');
}

export function saveSafeguardingSettings(
  version: number,
  settings: RequestBody<'/api/safeguarding/settings', 'put'>,
): Promise<SafeguardingSettings> {
  return request('PUT', '/api/safeguarding/settings', settings, { 'If-Match': `"${version}"` });
}

/**
 * The chronology as a file for a meeting (HTML or PDF). It needs a recent sign-in, which the API
 * client asks for; for another agency it is a share, which the sharing gate may refuse (a 403
 * carrying every reason).
 */
export async function exportConcernChronology(
  concernId: string,
  fields: ExportFields,
): Promise<{ blob: Blob; fileName: string | null }> {
  const response = await send('POST', concernPath(concernId, '/export'), fields, { Accept: '*/*' });
  return fileOf(response);
}
