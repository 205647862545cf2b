/**
 * Why a message was not sent. The first three are the server refusing this message; the rest are
 * about reaching the server at all, and clear up when the server or the configuration is fixed.
 */
export type MailFailureReason =
  | 'recipient_rejected'
  | 'sender_rejected'
  | 'message_rejected'
  | 'server_refused'
  | 'authentication_failed'
  | 'encryption_unavailable'
  | 'connection_failed'
  | 'timeout'
  | 'invalid_message'
  | 'unknown';

/**
 * `transient`: the same message may go through later; retry it with a delay.
 * `permanent`: sending the same message again will fail the same way.
 */
export type MailFailureKind = 'transient' | 'permanent';

/**
 * A message that could not be sent. Holds no addresses, subject or text, so it can be logged and
 * stored as it is: the server's reply has any email addresses in it replaced.
 */
export class MailError extends Error {
  override readonly name = 'MailError';
  readonly kind: MailFailureKind;
  readonly reason: MailFailureReason;
  /** The SMTP reply code, when the server replied. */
  readonly responseCode: number | undefined;
  /** The server's reply, with email addresses replaced by "[address]". */
  readonly serverReply: string | undefined;

  constructor(
    message: string,
    details: {
      kind: MailFailureKind;
      reason: MailFailureReason;
      responseCode?: number | undefined;
      serverReply?: string | undefined;
    },
  ) {
    super(message);
    this.kind = details.kind;
    this.reason = details.reason;
    this.responseCode = details.responseCode;
    this.serverReply = details.serverReply;
  }

  get isTransient(): boolean {
    return this.kind === 'transient';
  }
}

/** The fields Nodemailer sets on the errors it raises. */
export type TransportFailure = {
  code?: string | undefined;
  responseCode?: number | undefined;
  response?: string | undefined;
  command?: string | undefined;
};

const messageRefusals = new Set<MailFailureReason>([
  'recipient_rejected',
  'sender_rejected',
  'message_rejected',
]);

/**
 * Classifies a transport failure. SMTP's own rule decides for the message: a 4xx reply is
 * temporary, a 5xx reply permanent. Failures to reach or log in to the server are transient
 * whatever the code (a 535 for a wrong password included): they are about this installation, not
 * the message, and every queued message would otherwise be dropped until someone fixed them.
 */
export function toMailError(failure: unknown): MailError {
  const { code, responseCode, response, command } = (failure ?? {}) as TransportFailure;
  const reason = reasonFor(code, responseCode, command);
  const isPermanent =
    (messageRefusals.has(reason) &&
      responseCode !== undefined &&
      responseCode >= 500 &&
      responseCode < 600) ||
    reason === 'invalid_message';
  const kind: MailFailureKind = isPermanent ? 'permanent' : 'transient';
  return new MailError(describeFailure(reason, kind, responseCode), {
    kind,
    reason,
    responseCode,
    serverReply: typeof response === 'string' ? withoutAddresses(response) : undefined,
  });
}

function reasonFor(
  code: string | undefined,
  responseCode: number | undefined,
  command: string | undefined,
): MailFailureReason {
  switch (code) {
    case 'EAUTH':
    case 'ENOAUTH':
      return 'authentication_failed';
    case 'ETLS':
    case 'EREQUIRETLS':
      return 'encryption_unavailable';
    case 'ETIMEDOUT':
      return 'timeout';
    case 'ECONNECTION':
    case 'ESOCKET':
    case 'EDNS':
    case 'EPROXY':
      return 'connection_failed';
  }
  if (responseCode !== undefined) {
    const verb = command?.toUpperCase() ?? '';
    if (verb.startsWith('RCPT')) return 'recipient_rejected';
    if (verb.startsWith('MAIL')) return 'sender_rejected';
    if (verb === 'DATA' || verb.startsWith('DATA') || code === 'EMESSAGE') return 'message_rejected';
    return 'server_refused';
  }
  // Refused before anything was sent: no recipients, an address that cannot be parsed, too many recipients.
  if (code === 'EENVELOPE' || code === 'EMESSAGE' || code === 'EMAXRECIPIENTS' || code === 'ECONFIG') {
    return 'invalid_message';
  }
  return 'unknown';
}

const descriptions: Record<MailFailureReason, string> = {
  recipient_rejected: 'The mail server refused the recipient',
  sender_rejected: 'The mail server refused the sender address',
  message_rejected: 'The mail server refused the message',
  server_refused: 'The mail server refused the connection',
  authentication_failed: 'Could not sign in to the mail server: check SMTP_USER and SMTP_PASSWORD',
  encryption_unavailable: 'Could not encrypt the connection to the mail server',
  connection_failed: 'Could not reach the mail server',
  timeout: 'The mail server did not answer in time',
  invalid_message: 'The message could not be sent as written',
  unknown: 'The message could not be sent',
};

function describeFailure(
  reason: MailFailureReason,
  kind: MailFailureKind,
  responseCode: number | undefined,
): string {
  const code = responseCode === undefined ? '' : ` (${responseCode})`;
  const advice = kind === 'transient' ? '; it can be tried again later' : '';
  return `${descriptions[reason]}${code}${advice}.`;
}

const emailAddress = /[^\s<>"'(),;:[\]]+@[^\s<>"'(),;:[\]]+/g;

export function withoutAddresses(text: string): string {
  return text.replace(emailAddress, '[address]');
}
