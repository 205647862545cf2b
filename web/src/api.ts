/**
 * The one client for Liaison's HTTP API. Nothing it receives is written to localStorage,
 * sessionStorage or IndexedDB: personal data must not outlive the page in the browser.
 */

export type StaffRole = 'care_worker' | 'manager' | 'registered_manager' | 'auditor' | 'admin';

/** 'complete', or what is left of signing in: a code from the authenticator app, or setting one up. */
export type SignInStep = 'complete' | 'second_factor' | 'enrolment';

export type Session = {
  user: { id: string; displayName: string; email: string | null; role: StaffRole };
  organisation: { id: string; name: string };
  signInStep: SignInStep;
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
  /** Their owner has not yet chosen a password through their set-up link. */
  awaitingSetUp: boolean;
  createdAt: string;
  updatedAt: string;
  version: number;
};

export type NewStaffMember = { email: string; displayName: string; role: StaffRole };
/** Shown once: only its owner should open it. It works once, until it expires. */
export type SetUpLink = { url: string; expiresAt: string };
export type CreatedStaffMember = StaffMember & { setUpLink: SetUpLink };
/** Whose account a set-up link is for. */
export type AccountToSetUp = {
  displayName: string;
  email: string;
  organisationName: string;
  expiresAt: string;
};

export type ApiTokenStatus = 'awaiting_approval' | 'active' | 'refused' | 'revoked' | 'expired';
export type ApiToken = {
  id: string;
  name: string;
  role: StaffRole;
  status: ApiTokenStatus;
  requestedBy: string;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  decidedAt: string | null;
};
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

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

async function request<T>(
  method: Method,
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
  const response = await send('GET', path, undefined, { Accept: '*/*' });
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const fileName = /filename="([^"]+)"/.exec(disposition)?.[1] ?? null;
  return { blob: await response.blob(), fileName };
}

/** Sends a request; answers the response when it succeeded, and throws an ApiError otherwise. */
async function send(
  method: Method,
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
      const problem = (await response.json()) as Partial<{
        title: string;
        detail: string;
        requestId: string;
        errors: FieldError[];
        reasons: ShareRefusalReason[];
        code: string;
      }>;
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

export type SecondFactor = { code: string } | { recoveryCode: string };

export type MfaEnrolment = { secret: string; otpauthUri: string; qrCodeDataUrl: string };

export type MfaStatus = {
  enabled: boolean;
  enabledAt: string | null;
  required: boolean;
  recoveryCodesLeft: number;
  canTurnOff: boolean;
};

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
  const answer = await request<SessionAnswer & { recoveryCodes: string[] }>(
    'POST',
    '/api/account/mfa/enrolment/confirm',
    { code },
  );
  return { session: rememberSession(answer), recoveryCodes: answer.recoveryCodes };
}

export function getMfaStatus(): Promise<MfaStatus> {
  return request('GET', '/api/account/mfa');
}

export function regenerateRecoveryCodes(): Promise<{ recoveryCodes: string[] }> {
  return request('POST', '/api/account/mfa/recovery-codes');
}

export function turnOffMfa(): Promise<void> {
  return request('DELETE', '/api/account/mfa');
}

export async function reauthenticate(credentials: {
  password: string;
  code?: string;
  recoveryCode?: string;
}): Promise<Session> {
  return rememberSession(await request<SessionAnswer>('POST', '/api/session/reauthentication', credentials));
}

/** An administrator's reset of a staff member's authenticator (a lost phone). */
export function resetStaffMfa(id: string): Promise<void> {
  return request('DELETE', `/api/users/${id}/mfa`);
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

export function addStaffMember(staffMember: NewStaffMember): Promise<CreatedStaffMember> {
  return request('POST', '/api/users', staffMember);
}

/** A new set-up link for someone who has not used theirs; earlier links stop working. */
export function renewSetUpLink(id: string): Promise<SetUpLink> {
  return request('POST', `/api/users/${encodeURIComponent(id)}/set-up-link`);
}

// The set-up page is opened by someone with no account yet: the link's token, after the #, goes
// in a header, and no cookie is sent.
async function setUpRequest<T>(method: 'GET' | 'POST', token: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', 'X-Set-Up-Link': token };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch('/api/account-set-up', {
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

export function getAccountToSetUp(token: string): Promise<AccountToSetUp> {
  return setUpRequest('GET', token);
}

export function chooseFirstPassword(token: string, password: string): Promise<void> {
  return setUpRequest('POST', token, { password });
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

export type PartnerType =
  | 'advocate'
  | 'social_worker'
  | 'occupational_therapist'
  | 'gp'
  | 'district_nurse'
  | 'community_nurse'
  | 'psychiatrist'
  | 'psychologist'
  | 'physiotherapist'
  | 'consultant'
  | 'dietician'
  | 'speech_and_language_therapist'
  | 'dentist'
  | 'volunteer_or_community_group'
  | 'housing'
  | 'safeguarding_team'
  | 'police'
  | 'commissioner'
  | 'regulator'
  | 'external_care_provider'
  | 'other';
export type ChannelKind =
  | 'phone'
  | 'email'
  | 'secure_email'
  | 'duty_line'
  | 'out_of_hours_line'
  | 'portal'
  | 'other';
export type ChannelUrgency = 'urgent' | 'routine' | 'out_of_hours';
/** How urgent the matter is that someone needs to reach a partner about. */
export type RequestUrgency = 'urgent' | 'routine';
export type Weekday = 'monday' | 'tuesday' | 'wednesday' | 'thursday' | 'friday' | 'saturday' | 'sunday';
/** "24/7", or weekdays mapped to "HH:MM-HH:MM" spans, in UK local time; a day left out is not staffed. */
export type WeeklyHours = '24/7' | Partial<Record<Weekday, string[]>>;

export type PartnerOrganisation = {
  id: string;
  name: string;
  type: PartnerType;
  odsCode: string | null;
  address: string | null;
  notes: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
};

export type PartnerChannel = {
  id: string;
  whose: 'contact' | 'organisation';
  partnerOrganisationId: string;
  partnerContactId: string | null;
  kind: ChannelKind;
  value: string;
  label: string | null;
  urgencies: ChannelUrgency[];
  hours: WeeklyHours;
  staffedOnBankHolidays: boolean;
  createdAt: string;
  updatedAt: string;
  version: number;
};

export type PartnerOrganisationWithChannels = PartnerOrganisation & { channels: PartnerChannel[] };

export type PartnerContact = {
  id: string;
  partnerOrganisationId: string;
  partnerOrganisationName: string;
  name: string;
  jobTitle: string | null;
  type: PartnerType;
  email: string | null;
  phone: string | null;
  notes: string | null;
  lastVerifiedAt: string | null;
  lastVerifiedBy: string | null;
  verificationDueAt: string | null;
  isStale: boolean;
  endedAt: string | null;
  endedReason: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
};

export type PartnerContactWithChannels = PartnerContact & { channels: PartnerChannel[] };

/** Which channel to use now for a matter of one urgency, and why, in plain English. */
export type ChannelNow = {
  at: string;
  urgency: RequestUrgency;
  route: {
    channel: PartnerChannel;
    whose: 'contact' | 'organisation';
    ownerName: string;
    outOfHours: boolean;
    /** Null when staffed around the clock. */
    staffedUntil: string | null;
  } | null;
  reason: string;
  /** For a routine matter with no route: when one opens. */
  nextStaffedAt: string | null;
};

export type PartnerOrganisationFields = {
  name: string;
  type: PartnerType;
  odsCode?: string | null;
  address?: string | null;
  notes?: string | null;
};

export type PartnerContactFields = {
  name: string;
  type: PartnerType;
  jobTitle?: string | null;
  email?: string | null;
  phone?: string | null;
  notes?: string | null;
};

export type ChannelFields = {
  kind: ChannelKind;
  value: string;
  label?: string | null;
  urgencies: ChannelUrgency[];
  hours: WeeklyHours;
  staffedOnBankHolidays?: boolean;
};

export type PartnerRegisterImport = {
  imported: true;
  rows: number;
  organisationsCreated: number;
  organisationsMatched: number;
  contactsCreated: number;
  channelsCreated: number;
};

/** Who a channel belongs to: an organisation as a whole, or one named contact. */
export type ChannelOwner = { organisationId: string } | { contactId: string };

type Page = { limit: number; offset: number };

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
  search: Page & { q?: string; type?: PartnerType },
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
  changes: Partial<PartnerOrganisationFields>,
): Promise<PartnerOrganisation> {
  return update(`/api/partner-organisations/${part(organisationId)}`, version, changes);
}

export function listContactsOfOrganisation(
  organisationId: string,
  search: Page & { includeEnded?: boolean },
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
  search: Page & { q?: string; type?: PartnerType; partnerOrganisationId?: string; includeEnded?: boolean },
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
  changes: Partial<PartnerContactFields>,
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
  changes: Partial<ChannelFields>,
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

export function getStaffMember(userId: string): Promise<StaffMember> {
  return request('GET', `/api/users/${part(userId)}`);
}

// ---- services and people supported ----

export type CareService = {
  id: string;
  name: string;
  address: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
};

export type ClinicalFlag =
  | 'diabetes'
  | 'epilepsy'
  | 'respiratory_condition'
  | 'dysphagia'
  | 'anticoagulants'
  | 'insulin_dependent'
  | 'heart_condition'
  | 'dementia'
  | 'mobility_risk'
  | 'pressure_ulcer_risk'
  | 'oxygen_dependent'
  | 'other';
export type PersonStatus = 'active' | 'left' | 'died';
export type RepresentativeKind =
  | 'lpa_health_and_welfare'
  | 'lpa_property_and_financial_affairs'
  | 'court_appointed_deputy'
  | 'advocate'
  | 'imca'
  | 'imha'
  | 'next_of_kin';
export type DeputyDecisionArea = 'property_and_financial_affairs' | 'personal_welfare';

export type Person = {
  id: string;
  givenName: string;
  familyName: string;
  preferredName: string | null;
  /** YYYY-MM-DD */
  dateOfBirth: string | null;
  /** Null only for people recorded before the address was required. */
  address: string | null;
  /** Like "EX1 2RM". */
  postcode: string | null;
  nhsNumber: string | null;
  careServiceId: string | null;
  careServiceName: string | null;
  communicationNeeds: string | null;
  clinicalFlags: ClinicalFlag[];
  clinicalFlagsNote: string | null;
  status: PersonStatus;
  createdAt: string;
  updatedAt: string;
  version: number;
};

export type PersonFields = {
  givenName: string;
  familyName: string;
  preferredName?: string | null;
  /** Required for a new person; once recorded, can be corrected but not removed. */
  dateOfBirth?: string | null;
  address?: string | null;
  postcode?: string | null;
  nhsNumber?: string | null;
  careServiceId?: string | null;
  communicationNeeds?: string | null;
  clinicalFlags: ClinicalFlag[];
  clinicalFlagsNote?: string | null;
  status: PersonStatus;
};

export type Representative = {
  id: string;
  personId: string;
  kind: RepresentativeKind;
  /** An attorney or deputy: may make decisions within their authority. */
  isLegallyAuthorised: boolean;
  name: string;
  relationship: string | null;
  phone: string | null;
  email: string | null;
  address: string | null;
  partnerContactId: string | null;
  scopeOfAuthority: string | null;
  deputyDecisions: DeputyDecisionArea[];
  reference: string | null;
  registeredOn: string | null;
  documentSeenOn: string | null;
  documentSeenBy: string | null;
  endedAt: string | null;
  endedReason: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
};

export type RepresentativeFields = {
  kind: RepresentativeKind;
  name: string;
  relationship?: string | null;
  phone?: string | null;
  email?: string | null;
  address?: string | null;
  partnerContactId?: string | null;
  scopeOfAuthority?: string | null;
  deputyDecisions?: DeputyDecisionArea[];
  reference?: string | null;
  registeredOn?: string | null;
  documentSeenOn?: string | null;
};

export type CircleMember = {
  id: string;
  personId: string;
  role: PartnerType;
  isPrimary: boolean;
  startedOn: string;
  endedOn: string | null;
  partnerContact: {
    id: string;
    name: string;
    type: PartnerType;
    jobTitle: string | null;
    email: string | null;
    phone: string | null;
    partnerOrganisationId: string;
    partnerOrganisationName: string;
    hasMovedOn: boolean;
  };
  createdAt: string;
  updatedAt: string;
  version: number;
};

export type PersonLinkedToContact = {
  person: {
    id: string;
    givenName: string;
    familyName: string;
    preferredName: string | null;
    status: PersonStatus;
    careServiceName: string | null;
  };
  circleMemberId: string;
  role: PartnerType;
  isPrimary: boolean;
  startedOn: string;
};

export function listCareServices(page: Page): Promise<{ items: CareService[] }> {
  return request('GET', `/api/care-services${queryString(page)}`);
}

export function listPeople(
  search: Page & { q?: string; careServiceId?: string; status?: PersonStatus; clinicalFlag?: ClinicalFlag },
): Promise<{ items: Person[] }> {
  return request('GET', `/api/people${queryString(search)}`);
}

/** Every view of a person's record is in the audit trail. */
export function getPerson(personId: string): Promise<Person> {
  return request('GET', `/api/people/${part(personId)}`);
}

export function addPerson(fields: PersonFields): Promise<Person> {
  return request('POST', '/api/people', fields);
}

export function changePerson(
  personId: string,
  version: number,
  changes: Partial<PersonFields>,
): Promise<Person> {
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
  changes: Partial<Omit<RepresentativeFields, 'kind'>>,
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
  options: { includeEnded?: boolean } = {},
): Promise<{ items: CircleMember[] }> {
  return request('GET', `/api/people/${part(personId)}/circle${queryString(options)}`);
}

export function addCircleMember(
  personId: string,
  fields: { partnerContactId: string; role?: PartnerType; isPrimary?: boolean; startedOn?: string },
): Promise<CircleMember> {
  return request('POST', `/api/people/${part(personId)}/circle`, fields);
}

export function changeCircleMember(
  personId: string,
  memberId: string,
  version: number,
  changes: { role?: PartnerType; isPrimary?: boolean; startedOn?: string; endedOn?: string | null },
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

export type AuditActorType = 'user' | 'api_token' | 'partner' | 'system';

/** One audit entry: ids, names where Liaison knows them, and never any note text. */
/** One visit: consecutive reads (or changes) by one actor of one record, described in words by the server. */
export type AccessVisit = {
  firstEntryId: number;
  lastEntryId: number;
  entries: number;
  firstAt: string;
  lastAt: string;
  actor: {
    type: AuditActorType;
    id: string | null;
    role: string | null;
    name: string | null;
    description: string;
  };
  action: string;
  label: string;
  sentence: string;
  detail: string | null;
  entity: { type: string; id: string | null; name: string | null };
  outcome: 'success' | 'denied' | 'failed';
  requestId: string | null;
};

export type AccessHistory = {
  subject: { kind: 'entity' | 'actor'; type: string; id: string; name: string | null };
  items: AccessVisit[];
};

/** Narrows an access history: by a staff member or person, a kind of action, and days (UK). */
export type AccessHistoryFilter = {
  actorId?: string;
  personId?: string;
  action?: string;
  from?: string;
  to?: string;
};

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
export function listAuditActions(): Promise<{ items: { action: string; label: string }[] }> {
  return request('GET', '/api/audit/actions');
}

export type AuditVerification = {
  verified: boolean;
  sealedEntries: number;
  unsealedEntries: number;
  oldestUnsealedAgeMs: number | null;
  firstBadSeq: number | null;
  problem: string | null;
  checkpoint: {
    status: 'verified' | 'failed' | 'none';
    size: number | null;
    signedAt: string | null;
    problem: string | null;
  };
};

/** Recomputes the organisation's audit chain and compares it with the latest signed checkpoint. */
export function verifyAuditTrail(): Promise<AuditVerification> {
  return request('GET', '/api/audit/verify');
}

// ---- consent and sharing ----

export type SharingPurpose =
  | 'care_coordination'
  | 'health_monitoring'
  | 'assessment'
  | 'safeguarding'
  | 'housing'
  | 'advocacy';
export type InformationCategory = 'identity' | 'health' | 'care_plan' | 'risk' | 'safeguarding' | 'finances';
/** The confidentiality basis the sharing gate decided a share on. */
export type ShareBasis = 'consent' | 'representative_consent' | 'best_interests' | 'safeguarding';
/** Whether a consent, assessment, decision or authorisation is in force now. */
export type SharingRecordStatus =
  | 'in_force'
  | 'withdrawn'
  | 'lapsed'
  | 'review_overdue'
  | 'not_yet'
  | 'revoked'
  | 'expired';
export type ConsentGiver = 'person' | 'representative';
export type ConsentRecordedHow = 'signed_form' | 'easy_read_form' | 'verbal' | 'electronic' | 'other';
export type CapacityOutcome = 'has_capacity' | 'lacks_capacity';
export type BestInterestsOutcome = 'share' | 'do_not_share';
export type BasisRecordType = 'consent_record' | 'best_interests_decision' | 'safeguarding_authorisation';
export type QueuedShareStatus = 'queued' | 'sent' | 'held' | 'cancelled';

/** Who a record lets information go to, with names resolved. */
export type RecipientScope = {
  partnerOrganisations: { id: string; name: string }[];
  partnerContacts: { id: string; name: string; organisationName: string }[];
  partnerTypes: PartnerType[];
};

/** Who a record lets information go to, as sent: at least one organisation, contact or type. */
export type RecipientScopeFields = {
  partnerOrganisationIds: string[];
  partnerContactIds: string[];
  partnerTypes: PartnerType[];
};

export type ConsentRecord = {
  id: string;
  givenBy: ConsentGiver;
  representative: { id: string; name: string; kind: string } | null;
  scope: RecipientScope;
  purposes: SharingPurpose[];
  categories: InformationCategory[];
  recordedHow: ConsentRecordedHow;
  notes: string | null;
  givenOn: string;
  reviewOn: string;
  recordedBy: string | null;
  createdAt: string;
  withdrawal: {
    at: string;
    by: ConsentGiver;
    representativeName: string | null;
    reason: string | null;
    recordedBy: string | null;
  } | null;
  status: SharingRecordStatus;
};

export type CapacityAssessment = {
  id: string;
  decision: string;
  purposes: SharingPurpose[];
  categories: InformationCategory[];
  impairment: boolean;
  impairmentNote: string | null;
  canUnderstand: boolean;
  canRetain: boolean;
  canUseOrWeigh: boolean;
  canCommunicate: boolean;
  outcome: CapacityOutcome;
  reasons: string;
  assessorUserId: string | null;
  assessorName: string;
  assessorRole: string | null;
  assessedOn: string;
  reviewOn: string;
  createdAt: string;
  status: SharingRecordStatus;
};

export type BestInterestsDecision = {
  id: string;
  capacityAssessmentId: string;
  decision: string;
  scope: RecipientScope;
  purposes: SharingPurpose[];
  categories: InformationCategory[];
  consulted: string;
  wishesAndFeelings: string;
  outcome: BestInterestsOutcome;
  rationale: string;
  decisionMaker: string;
  decidedOn: string;
  reviewOn: string;
  createdAt: string;
  status: SharingRecordStatus;
};

export type SafeguardingAuthorisation = {
  id: string;
  scope: RecipientScope;
  categories: InformationCategory[];
  rationale: string;
  authorisedBy: string;
  authorisedAt: string;
  expiresAt: string;
  revokedAt: string | null;
  revokedBy: string | null;
  revokedReason: string | null;
  status: SharingRecordStatus;
};

/** A person's consent, capacity, best-interests and safeguarding records, newest first. */
export type SharingRecords = {
  consents: ConsentRecord[];
  capacityAssessments: CapacityAssessment[];
  bestInterestsDecisions: BestInterestsDecision[];
  safeguardingAuthorisations: SafeguardingAuthorisation[];
};

export type ConsentFields = RecipientScopeFields & {
  givenBy: ConsentGiver;
  representativeId?: string | null;
  purposes: SharingPurpose[];
  categories: InformationCategory[];
  recordedHow: ConsentRecordedHow;
  notes?: string | null;
  givenOn: string;
  reviewOn: string;
};

export type ConsentWithdrawal = {
  withdrawnBy: ConsentGiver;
  representativeId?: string | null;
  reason?: string | null;
};

export type CapacityAssessmentFields = {
  decision: string;
  purposes: SharingPurpose[];
  categories: InformationCategory[];
  impairment: boolean;
  impairmentNote?: string | null;
  canUnderstand: boolean;
  canRetain: boolean;
  canUseOrWeigh: boolean;
  canCommunicate: boolean;
  reasons: string;
  /** Someone from outside the organisation; without it the assessor is the signed-in member of staff. */
  assessorName?: string | null;
  assessorRole?: string | null;
  assessedOn: string;
  reviewOn: string;
};

export type BestInterestsDecisionFields = RecipientScopeFields & {
  capacityAssessmentId: string;
  decision: string;
  purposes: SharingPurpose[];
  categories: InformationCategory[];
  consulted: string;
  wishesAndFeelings: string;
  outcome: BestInterestsOutcome;
  rationale: string;
  decidedOn: string;
  reviewOn: string;
};

export type SafeguardingAuthorisationFields = RecipientScopeFields & {
  categories: InformationCategory[];
  rationale: string;
  /** Defaults to 7 days from now; at most 30 days. */
  expiresAt?: string;
};

/** A partner organisation, or a named contact (their organisation is implied). */
export type ShareRecipient = { partnerOrganisationId?: string; partnerContactId?: string };
export type ShareQuestion = ShareRecipient & { purpose: SharingPurpose; categories: InformationCategory[] };

export type ShareRefusalReason = { code: string; message: string; recordType?: string; recordId?: string };

/** The UK GDPR conditions a share relies on (separate from consent). */
export type LawfulBasis = { article6: string; article9: string; dpa2018: string | null };

/** The sharing gate's answer to "Can I share this?". */
export type ShareDecision = {
  allowed: boolean;
  basis: ShareBasis | null;
  record: { type: BasisRecordType; id: string } | null;
  /** The answer in plain English. */
  explanation: string;
  reasons: ShareRefusalReason[];
  lawfulBasis: LawfulBasis | null;
  recipient: {
    partnerOrganisationId: string;
    partnerOrganisationName: string;
    partnerContactId: string | null;
    partnerContactName: string | null;
  };
  agreement: { id: string; title: string; reference: string | null } | null;
};

export type ShareLogEntry = {
  id: string;
  partnerOrganisationId: string;
  partnerOrganisationName: string;
  partnerContactId: string | null;
  partnerContactName: string | null;
  purpose: SharingPurpose;
  categories: InformationCategory[];
  outcome: 'allowed' | 'refused';
  basis: ShareBasis | null;
  basisRecordType: BasisRecordType | null;
  basisRecordId: string | null;
  reasons: ShareRefusalReason[];
  lawfulBasis: LawfulBasis | null;
  delivery: 'recorded' | 'queued' | 'emailed' | 'link' | 'handed_over' | 'exported';
  description: string | null;
  sharedBy: string;
  occurredAt: string;
  queueStatus: QueuedShareStatus | null;
};

export type HeldShare = {
  shareId: string;
  personId: string;
  personName: string;
  partnerOrganisationName: string;
  partnerContactName: string | null;
  purpose: SharingPurpose;
  categories: InformationCategory[];
  heldReason: string | null;
  heldAt: string | null;
  status: QueuedShareStatus;
};

export type SharingAgreement = {
  id: string;
  partnerOrganisationId: string;
  partnerOrganisationName: string;
  title: string;
  reference: string | null;
  purposes: SharingPurpose[];
  categories: InformationCategory[];
  startsOn: string;
  endsOn: string | null;
  notes: string | null;
  inForce: boolean;
  createdAt: string;
  updatedAt: string;
  version: number;
};

export type SharingAgreementFields = {
  partnerOrganisationId: string;
  title: string;
  reference?: string | null;
  purposes: SharingPurpose[];
  categories: InformationCategory[];
  startsOn: string;
  endsOn?: string | null;
  notes?: string | null;
};

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
): Promise<{ consent: ConsentRecord; heldShares: number }> {
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
  share: ShareQuestion & { description: string },
): Promise<ShareLogEntry> {
  return request('POST', `/api/people/${part(personId)}/shares`, share);
}

/** The person's share log, newest first; reading it is audited. */
export function listShares(
  personId: string,
  search: Page & { outcome?: 'allowed' | 'refused' },
): Promise<{ items: ShareLogEntry[] }> {
  return request('GET', `/api/people/${part(personId)}/shares${queryString(search)}`);
}

export function listHeldShares(search: Page & { personId?: string }): Promise<{ items: HeldShare[] }> {
  return request('GET', `/api/held-shares${queryString(search)}`);
}

export function cancelHeldShare(shareId: string, note: string): Promise<void> {
  return request('POST', `/api/held-shares/${part(shareId)}/cancel`, { note });
}

export function listSharingAgreements(
  search: Page & { partnerOrganisationId?: string },
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
  changes: Partial<Omit<SharingAgreementFields, 'partnerOrganisationId'>>,
): Promise<SharingAgreement> {
  return update(`/api/sharing-agreements/${part(agreementId)}`, version, changes);
}

// ---- partner messages ----

export type MessageTemplate = 'request' | 'safeguarding' | 'meeting_request' | 'incident_update' | 'update';
export type AskType = 'decision' | 'resource' | 'advice' | 'action';
export type MessageStatus =
  | 'sent'
  | 'acknowledged'
  | 'accepted'
  | 'declined'
  | 'responded'
  | 'done'
  | 'closed'
  | 'withdrawn';
export type MessageEventKind =
  | 'sent'
  | 'emailed'
  | 'email_failed'
  | 'acknowledged'
  | 'accepted'
  | 'declined'
  | 'responded'
  | 'done'
  | 'call_logged'
  | 'reply_logged'
  | 'note'
  | 'escalated'
  | 'link_issued'
  | 'link_revoked'
  | 'withdrawn'
  | 'closed'
  | 'advice_recorded'
  | 'confirmation_requested'
  | 'confirmation_received'
  | 'email_held'
  | 'link_handed_over'
  | 'sharing_ended'
  | 'share_refused';
/** How something reached the organisation or the partner. */
export type ReceivedHow = 'partner_link' | 'email' | 'phone' | 'in_person' | 'letter' | 'meeting' | 'other';
export type MessageView =
  | 'open'
  | 'awaiting_acknowledgement'
  | 'awaiting_response'
  | 'overdue'
  | 'escalated'
  | 'all';
export type EscalationTarget =
  | 'remind_same_contact'
  | 'next_contact'
  | 'duty_or_out_of_hours_channel'
  | 'senior_contact'
  | 'internal_manager'
  | 'internal_registered_manager';
export type StepDelay =
  | { unit: 'minutes' | 'hours' | 'days'; amount: number }
  | { unit: 'next_working_morning' };
export type EscalationRoute = {
  steps: { delay: StepDelay; target: EscalationTarget; stopsOnAcknowledgement: boolean }[];
  repeat: { lastSteps: number; times: number } | null;
};
export type EscalationRouteTemplate =
  | 'incident_update'
  | 'request_decision'
  | 'request_resource'
  | 'request_advice'
  | 'request_action'
  | 'safeguarding'
  | 'meeting_request';

/** Something the writer may want to change; a warning never stops a message being sent. */
export type MessageWarning = {
  code: string;
  field: string;
  explanation: string;
  span?: { start: number; end: number; text: string };
  suggestion?: string;
};

export type MessageDraft = {
  template: MessageTemplate;
  askType?: AskType | null;
  /** Checked for personal details: it goes into the email. */
  subject?: string | null;
  /** The person the message is about: anyone else it names is warned of. */
  personId?: string | null;
  summary: string;
  impact?: string | null;
  mitigations?: string | null;
  ask?: string | null;
  body?: string | null;
  /** ISO 8601 date-time with its offset. */
  deadline?: string | null;
};

export type NewMessage = MessageDraft & {
  urgency: RequestUrgency;
  partnerOrganisationId: string;
  partnerContactId: string;
  nextContactId?: string | null;
  seniorContactId?: string | null;
  personId?: string | null;
  purpose?: SharingPurpose | null;
  categories?: InformationCategory[];
  subject: string;
};

export type MessageSummary = {
  id: string;
  template: MessageTemplate;
  askType: AskType | null;
  urgency: RequestUrgency;
  subject: string;
  status: MessageStatus;
  personId: string | null;
  personName: string | null;
  partnerOrganisationId: string;
  partnerOrganisationName: string;
  partnerContactId: string;
  partnerContactName: string;
  deadline: string | null;
  overdue: boolean;
  escalationStepsFired: number;
  sentAt: string;
  version: number;
};

export type MessageEvent = {
  id: string;
  kind: MessageEventKind;
  actorType: 'user' | 'api_token' | 'partner' | 'system';
  actorName: string | null;
  actorRole: string | null;
  how: ReceivedHow | null;
  text: string | null;
  details: Record<string, unknown>;
  occurredAt: string;
  recordedAt: string;
};

export type EscalationStep = {
  id: string;
  index: number;
  target: EscalationTarget;
  stopsOnAcknowledgement: boolean;
  plannedAt: string;
  status: 'pending' | 'fired' | 'cancelled';
  firedAt: string | null;
  cancelledReason: string | null;
};

export type PartnerLink = {
  id: string;
  contactName: string | null;
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
};

export type MessageDetail = MessageSummary & {
  purpose: SharingPurpose | null;
  categories: InformationCategory[];
  shareId: string | null;
  summary: string;
  impact: string | null;
  mitigations: string | null;
  ask: string | null;
  body: string | null;
  sentBy: string;
  acknowledgedAt: string | null;
  acceptedAt: string | null;
  declinedAt: string | null;
  declineReason: string | null;
  respondedAt: string | null;
  doneAt: string | null;
  outcome: string | null;
  closedAt: string | null;
  withdrawnAt: string | null;
  withdrawnReason: string | null;
  confirmsAdviceId: string | null;
  escalationRoute: EscalationRoute | null;
  steps: EscalationStep[];
  links: PartnerLink[];
  emails: MessageEmail[];
  sharingEnded: { at: string; reason: string } | null;
  events: MessageEvent[];
};

/** Where an email is: waiting in the outbox, sent, given up, or held (never to be sent). */
export type OutboxState = 'waiting' | 'sent' | 'failed' | 'held';

/** An email about a message: waiting in the outbox, sent, given up, or held (never to be sent). */
export type MessageEmail = {
  id: string;
  to: string;
  state: OutboxState;
  why: string | null;
  queuedAt: string;
  sentAt: string | null;
};

/** Whether an email carries the link: queued for the mail server, or not sent (no mail server). */
export type EmailState = 'queued' | 'no_mail_server';

/** The partner link is in this answer only: it is not kept anywhere Liaison can show it again. */
export type SentMessage = MessageDetail & {
  partnerLink: string;
  partnerLinkId: string;
  emailState: EmailState;
};

export type LinkHandover = 'by_phone' | 'in_person' | 'by_own_secure_email' | 'other';

export type ContactOutcome = 'none' | 'acknowledged' | 'accepted' | 'declined' | 'responded' | 'done';

export type LoggedContact = {
  kind: 'call' | 'reply';
  how: Exclude<ReceivedHow, 'partner_link'>;
  direction?: 'from_partner' | 'to_partner';
  partnerName: string;
  partnerRole?: string | null;
  summary: string;
  occurredAt: string;
  outcome?: ContactOutcome;
  declineReason?: string | null;
  isAdvice?: boolean;
  /** With isAdvice: the advice itself, in the adviser's words. */
  advice?: string | null;
  /** With isAdvice: who gave it, from the register; written confirmation is asked of them. */
  adviserContactId?: string | null;
};

export type AttentionKind =
  | 'escalated_to_manager'
  | 'escalated_to_registered_manager'
  | 'call_partner'
  | 'email_failed'
  | 'no_route'
  | 'share_refused'
  | 'share_held'
  | 'review_trigger_met'
  | 'restriction_past_review'
  | 'decision_overdue';

export type AttentionItem = {
  id: string;
  kind: AttentionKind;
  forRole: 'manager' | 'registered_manager' | 'sender';
  title: string;
  detail: string | null;
  /** The record the item is about: a partner message, an incident, a safeguarding concern. */
  subject: {
    type: 'partner_message' | 'incident' | 'concern';
    id: string;
    title: string;
    /** Where staff open it; null when it no longer exists. */
    webPath: string | null;
  };
  createdAt: string;
  resolvedAt: string | null;
  /** The member of staff who marked it dealt with. */
  resolvedByName: string | null;
  /** Resolved by Liaison because its cause went away; the note says what happened. */
  resolvedAutomatically: boolean;
  resolutionNote: string | null;
};

export type EscalationRouteSetting = {
  template: EscalationRouteTemplate;
  urgency: RequestUrgency;
  route: EscalationRoute;
  isDefault: boolean;
  version: number;
};

/** Warnings only: the check never refuses. */
export function checkMessage(draft: MessageDraft): Promise<{ warnings: MessageWarning[] }> {
  return request('POST', '/api/messages/check', draft);
}

/**
 * A message about a person passes the sharing gate first: refused, it is an ApiError (403)
 * carrying every reason, and nothing is sent.
 */
export function sendMessage(message: NewMessage): Promise<SentMessage> {
  return request('POST', '/api/messages', message);
}

export function listMessages(search: Page & { view: MessageView; personId?: string }): Promise<{
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
export type OutboxEmail = MessageEmail & {
  /** The email's subject line, which carries no personal details. */
  subject: string;
  /** The record the email is about: a partner message, an incident, a safeguarding concern. */
  about: {
    type: 'partner_message' | 'incident' | 'concern';
    id: string;
    title: string;
    /** Where staff open it; null when it no longer exists. */
    webPath: string | null;
  } | null;
  attempts: number;
  /** For an email waiting: when it is next tried. */
  nextAttemptAt: string | null;
};

export type Outbox = {
  /** false: no mail server is set up, and emails wait in the outbox without being sent. */
  mailServerConfigured: boolean;
  items: OutboxEmail[];
};

export function listOutbox(search: Page & { state?: OutboxState | undefined }): Promise<Outbox> {
  return request('GET', `/api/outbox${queryString(search)}`);
}

export function listAttentionItems(search: Page & { open?: boolean }): Promise<{ items: AttentionItem[] }> {
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

export type PartnerView = {
  organisationName: string;
  template: MessageTemplate;
  askType: AskType | null;
  urgency: RequestUrgency;
  subject: string;
  summary: string;
  impact: string | null;
  mitigations: string | null;
  ask: string | null;
  body: string | null;
  personName: string | null;
  /** Who the message is about, to identify them: shared when identity is among the categories. */
  person: {
    fullName: string;
    knownAs: string | null;
    dateOfBirth: string | null;
    nhsNumber: string | null;
  } | null;
  deadline: string | null;
  status: MessageStatus;
  sentAt: string;
  sentBy: string;
  addressedTo: string;
  canAcknowledge: boolean;
  canAcceptOrDecline: boolean;
  canRespond: boolean;
  thread: { kind: MessageEventKind; who: string; how: ReceivedHow | null; text: string | null; at: string }[];
  linkExpiresAt: string;
};

export type PartnerName = { name: string; role?: string | null };
export type PartnerResponseKind = 'answer' | 'decision' | 'advice' | 'done';

/**
 * A request from the partner's page, which carries the link's token in a header and never a
 * cookie: the server refuses a partner request made with a staff session.
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
  answer: PartnerName & { reason: string },
): Promise<PartnerView> {
  return partnerRequest('POST', '/api/partner/message/decline', token, answer);
}

export function respondAsPartner(
  token: string,
  answer: PartnerName & { kind: PartnerResponseKind; response: string },
): Promise<PartnerView> {
  return partnerRequest('POST', '/api/partner/message/respond', token, answer);
}

// ---- advice and care-plan amendments ----

export type AdviceConfirmationStatus = 'not_needed' | 'requested' | 'confirmed' | 'not_requested';
export type AdviceConfirmedHow = 'partner_link' | 'email' | 'letter' | 'other';

export type Advice = {
  id: string;
  personId: string | null;
  personName: string | null;
  messageId: string | null;
  messageSubject: string | null;
  partnerOrganisationName: string | null;
  givenByName: string;
  givenByRole: string | null;
  givenAt: string;
  receivedHow: ReceivedHow;
  advice: string;
  inWriting: boolean;
  confirmationStatus: AdviceConfirmationStatus;
  confirmationMessageId: string | null;
  /** The partner contact the request for written confirmation was sent to. */
  confirmationRequestedFrom: string | null;
  confirmedAt: string | null;
  confirmedHow: AdviceConfirmedHow | null;
  confirmationNote: string | null;
  appliedIn: { id: string; whatChanged: string; why: string; madeAt: string }[];
};

export type CarePlanAmendment = {
  id: string;
  personId: string;
  adviceId: string | null;
  adviceGivenBy: string | null;
  advice: string | null;
  whatChanged: string;
  why: string;
  madeBy: string;
  madeAt: string;
};

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
  confirmation: { how: Exclude<AdviceConfirmedHow, 'partner_link'>; note?: string | null },
): Promise<Advice> {
  return request('POST', `/api/advice/${part(adviceId)}/confirmation`, confirmation);
}

/** Viewing them is audited. */
export function listCarePlanAmendments(personId: string): Promise<{ items: CarePlanAmendment[] }> {
  return request('GET', `/api/people/${part(personId)}/care-plan-amendments`);
}

export function recordCarePlanAmendment(
  personId: string,
  amendment: { adviceId?: string | null; whatChanged: string; why: string },
): Promise<{ id: string }> {
  return request('POST', `/api/people/${part(personId)}/care-plan-amendments`, amendment);
}

// ---- incidents and business continuity ----

export type IncidentType =
  | 'staffing'
  | 'heating'
  | 'flood'
  | 'power'
  | 'environmental'
  | 'digital_failure'
  | 'transport'
  | 'medication_supply'
  | 'equipment'
  | 'external_provider_failure'
  | 'other';
export type IncidentSeverity = 'minor' | 'moderate' | 'major' | 'critical';
export type IncidentStatus = 'open' | 'closed';
export type RiskLevel = 'high' | 'medium' | 'low';
export type MeasureKind =
  | 'room_move'
  | 'additional_checks'
  | 'temporary_equipment'
  | 'alternative_accommodation_request'
  | 'staffing_cover'
  | 'other';
/** A gate refusal is written by Liaison when a message from the incident is refused. */
export type IncidentRecordKind = 'decision' | 'reading' | 'hazard' | 'note' | 'gate_refusal';

export type Incident = {
  id: string;
  type: IncidentType;
  title: string;
  summary: string;
  severity: IncidentSeverity;
  status: IncidentStatus;
  startedAt: string;
  endedAt: string | null;
  careServices: { id: string; name: string }[];
  locations: string[];
  lead: { id: string; name: string };
  partnerLiaison: { id: string; name: string };
  escalationRoute: EscalationRoute | null;
  affectedPeople: number;
  closedAt: string | null;
  version: number;
};

export type NewIncident = {
  type: IncidentType;
  /** Goes in partner emails: no personal details. */
  title: string;
  summary: string;
  severity: IncidentSeverity;
  /** ISO 8601 date-time with its offset. */
  startedAt: string;
  careServiceIds: string[];
  locations: string[];
  leadId: string;
  partnerLiaisonId: string;
  escalationRoute?: EscalationRoute | null;
};

export type IncidentChanges = Partial<
  Pick<NewIncident, 'title' | 'summary' | 'severity' | 'locations' | 'leadId' | 'partnerLiaisonId'>
> & { endedAt?: string | null };

export type AffectedPerson = {
  personId: string;
  name: string;
  careServiceName: string | null;
  /** The level in force: the lead's adjustment if there is one, else the ranking. */
  level: RiskLevel;
  rankedLevel: RiskLevel;
  score: number;
  reasons: { points: number; reason: string }[];
  adjustment: { level: RiskLevel; reason: string; by: string | null; at: string } | null;
  observationPlan: string | null;
  addedAt: string;
};

export type PersonAdjustment = { level?: RiskLevel; reason?: string | null; observationPlan?: string | null };

export type InterimMeasure = {
  id: string;
  kind: MeasureKind;
  description: string;
  personId: string | null;
  owner: string;
  startsAt: string;
  endedAt: string | null;
};

export type NewInterimMeasure = {
  kind: MeasureKind;
  description: string;
  personId?: string | null;
  ownerId: string;
  startsAt: string;
};

export type IncidentRecord = {
  id: string;
  kind: IncidentRecordKind;
  occurredAt: string;
  recordedAt: string;
  recordedBy: string;
  decision: string | null;
  evidence: string | null;
  rationale: string | null;
  advice: { id: string; givenBy: string; advice: string }[];
  location: string | null;
  measure: string | null;
  value: number | null;
  unit: string | null;
  note: string | null;
  /** A gate refusal: the share log entry naming the recipient and every reason. */
  shareId: string | null;
};

export type NewIncidentRecord =
  | {
      kind: 'decision';
      occurredAt: string;
      decision: string;
      evidence: string;
      rationale: string;
      adviceIds: string[];
    }
  | {
      kind: 'reading' | 'hazard';
      occurredAt: string;
      location: string;
      measure?: string | null;
      value?: number | null;
      unit?: string | null;
      note?: string | null;
    }
  | { kind: 'note'; occurredAt: string; note: string };

/** A partner update or request the incident needs, prefilled for the lead to check and send. */
export type ProposedMessage = {
  key: string;
  why: string;
  alreadySent: boolean;
  sentMessageId: string | null;
  personName: string | null;
  partnerOrganisationName: string;
  partnerContactName: string;
  draft: NewMessage;
};

export type IncidentTimelineEntry = {
  at: string;
  kind: string;
  text: string;
  who: string | null;
  messageId: string | null;
  personId: string | null;
};

/** Judged on the response (a request) or on receipt (an incident update), when the review was worked out. */
export type DeadlineOutcome = 'met' | 'missed' | 'not_yet_due' | 'no_deadline';

/** One message to a partner, from its thread. */
export type ReviewRequest = {
  messageId: string;
  subject: string;
  template: MessageTemplate;
  partnerOrganisationId: string;
  partner: string;
  contact: string;
  sentAt: string;
  sentEventId: string | null;
  deadline: string | null;
  awaits: 'response' | 'acknowledgement' | 'nothing';
  /** The first acknowledgement entry; a reply does not stand in for one. */
  acknowledgement: { at: string; minutes: number; eventId: string } | null;
  response: { at: string; minutes: number; kind: 'responded' | 'done' | 'declined'; eventId: string } | null;
  answered: boolean;
  deadlineOutcome: DeadlineOutcome;
  /** How far before (met) or after (missed) the deadline. */
  deadlineMinutes: number | null;
  escalation: {
    steps: number;
    furthestTarget: EscalationTarget | null;
    reachedManagers: boolean;
    eventIds: string[];
  };
};

/**
 * The review's figures. A review closed before the figures came from the message threads has no
 * figuresVersion and none of the optional parts below; it is shown as it was kept.
 */
export type ReviewFigures = {
  figuresVersion?: 2;
  generatedAt: string;
  incident: {
    title: string;
    type: IncidentType;
    severity: IncidentSeverity;
    startedAt: string;
    endedAt: string | null;
    durationMinutes: number | null;
  };
  people: { total: number; high: number; medium: number; low: number };
  firstPartnerContact: { at: string; minutesFromStart: number; partner: string; messageId?: string } | null;
  /** Messages to partners: not Liaison's own requests for written confirmation, nor withdrawn ones. */
  messagesSent: number;
  messages?: {
    toPartners: { count: number; messageIds: string[] };
    confirmationRequests: { count: number; messageIds: string[] };
    withdrawn: { count: number; messageIds: string[] };
  };
  requests?: ReviewRequest[];
  partners: {
    partnerOrganisationId: string;
    name: string;
    messages: number;
    messageIds?: string[];
    firstContactAt: string;
    acknowledged: number;
    acknowledgementEventIds?: string[];
    notAcknowledgedMessageIds?: string[];
    firstAcknowledgementMinutes: number | null;
    medianMinutesToAcknowledge: number | null;
    responded: number;
    responseEventIds?: string[];
    medianMinutesToRespond: number | null;
    slowestMinutesToRespond: number | null;
    notResponded: number;
    notRespondedMessageIds?: string[];
    deadlinesMetMessageIds?: string[];
    deadlinesMissedMessageIds?: string[];
    notYetDueMessageIds?: string[];
    furthestEscalation?: EscalationTarget | null;
  }[];
  escalated: {
    messageId: string;
    subject: string;
    partner: string;
    stepsFired: number;
    furthestTarget: EscalationTarget;
    reachedManagers: boolean;
    answered: boolean;
    eventIds?: string[];
  }[];
  nonResponses: {
    messageId: string;
    subject: string;
    partner: string;
    contact: string;
    sentAt: string;
    deadline: string | null;
    acknowledged: boolean;
    deadlineOutcome?: DeadlineOutcome;
    deadlineMinutes?: number | null;
  }[];
  writtenConfirmation?: {
    adviceId: string;
    givenBy: string;
    partner: string | null;
    givenAt: string;
    receivedHow: ReceivedHow;
    status: AdviceConfirmationStatus;
    confirmedAt: string | null;
    minutesToConfirm: number | null;
    messageId: string | null;
    confirmationMessageId: string | null;
    eventIds: string[];
  }[];
  medianMinutesToWrittenConfirmation?: number | null;
  gateRefusals?: {
    recordId: string;
    shareId: string;
    at: string;
    by: string;
    person: string;
    partner: string;
    contact: string | null;
    purpose: SharingPurpose;
    reasons: { code: string; message: string }[];
  }[];
  decisions: {
    recordId?: string;
    at: string;
    by: string;
    decision: string;
    evidence: string;
    rationale: string;
    advice: {
      adviceId?: string;
      givenBy: string;
      advice: string;
      receivedHow: ReceivedHow;
      confirmation: AdviceConfirmationStatus;
    }[];
  }[];
  measures: {
    kind: MeasureKind;
    description: string;
    owner: string;
    startsAt: string;
    endedAt: string | null;
    minutesInPlace: number | null;
  }[];
};

export type LearningAction = {
  id: string;
  action: string;
  owner: string;
  ownerId: string;
  /** YYYY-MM-DD */
  dueOn: string;
  doneAt: string | null;
};

export type IncidentReview = {
  status: IncidentStatus;
  /** False while the incident is open: the figures are a preview, worked out now. */
  final: boolean;
  findings: string | null;
  figures: ReviewFigures;
  learningActions: LearningAction[];
};

function incidentPath(incidentId: string, rest = ''): string {
  return `/api/incidents/${part(incidentId)}${rest}`;
}

export function listIncidents(
  search: Page & { status: IncidentStatus | 'all'; personId?: string },
): Promise<{ items: Incident[] }> {
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
  chosen: { careServiceIds?: string[]; personIds?: string[] },
): Promise<{ added: number; people: AffectedPerson[] }> {
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
  page: Page & { kind?: string },
): Promise<{ items: IncidentTimelineEntry[] }> {
  return request('GET', `${incidentPath(incidentId, '/timeline')}${queryString(page)}`);
}

/** The review's figures are worked out from the records and kept as they stand at closing. */
export function closeIncident(
  incidentId: string,
  closing: { endedAt?: string; findings?: string | null },
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
  action: { action: string; ownerId: string; dueOn: string },
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

/** Where the browser downloads the review; the download is audited. */
export function incidentReviewDownloadPath(incidentId: string, format: 'html' | 'pdf'): string {
  return incidentPath(incidentId, `/review.${format}`);
}
