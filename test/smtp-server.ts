import type { AddressInfo } from 'node:net';
import PostalMime, { type Email } from 'postal-mime';
import { SMTPServer, type SMTPServerError } from 'smtp-server';
import type { SmtpConfig } from '../src/mail/mailer.ts';

/** A message the test server took, as it arrived and parsed. */
export type ReceivedMail = {
  /** The envelope: MAIL FROM and RCPT TO, which may differ from the From and To headers. */
  envelope: { from: string; to: string[] };
  raw: string;
  parsed: Email;
};

export type SmtpReply = { code: number; message: string };

export type TestSmtpServer = {
  host: '127.0.0.1';
  port: number;
  /** Every message taken so far, oldest first. */
  messages: ReceivedMail[];
  /** Settings for `createMailer` that point at this server. */
  smtpConfig(overrides?: Partial<SmtpConfig>): SmtpConfig;
  /** Resolves once `count` messages have arrived in all. */
  waitForMessages(count: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  /** Answer RCPT TO for this address with the reply, e.g. 550 no such user or 450 mailbox busy. */
  refuseRecipient(address: string, reply: SmtpReply): void;
  /** Answer the end of the next message's DATA with the reply instead of taking it. */
  refuseNextMessage(reply: SmtpReply): void;
  /** Forget the messages and refusals, to reuse the server between tests. */
  reset(): void;
  stop(): Promise<void>;
};

/**
 * A real SMTP server on 127.0.0.1 and a free port, in this process, for tests that send mail.
 * Plain text only (no STARTTLS), so mailers pointed at it need `requireTls: false`, which
 * `smtpConfig()` sets. With `credentials`, it requires that user name and password.
 */
export async function startTestSmtpServer(
  options: { credentials?: { user: string; password: string } } = {},
): Promise<TestSmtpServer> {
  const messages: ReceivedMail[] = [];
  const refusedRecipients = new Map<string, SmtpReply>();
  let nextMessageReply: SmtpReply | null = null;
  let arrivals: Array<() => void> = [];
  const credentials = options.credentials;

  const server = new SMTPServer({
    logger: false,
    disableReverseLookup: true,
    disabledCommands: ['STARTTLS'],
    authOptional: !credentials,
    allowInsecureAuth: true,
    onAuth(auth, _session, callback) {
      if (credentials && auth.username === credentials.user && auth.password === credentials.password) {
        callback(null, { user: auth.username });
      } else {
        callback(smtpError({ code: 535, message: 'Authentication credentials invalid' }));
      }
    },
    onRcptTo(address, _session, callback) {
      const reply = refusedRecipients.get(address.address.toLowerCase());
      callback(reply ? smtpError(reply) : null);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', callback);
      stream.on('end', () => {
        const reply = nextMessageReply;
        if (reply) {
          nextMessageReply = null;
          callback(smtpError(reply));
          return;
        }
        const raw = Buffer.concat(chunks).toString('utf8');
        PostalMime.parse(raw).then(
          (parsed) => {
            messages.push({
              envelope: {
                from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
                to: session.envelope.rcptTo.map((recipient) => recipient.address),
              },
              raw,
              parsed,
            });
            callback(null);
            for (const arrived of arrivals) arrived();
          },
          (error: Error) => callback(error),
        );
      });
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;

  return {
    host: '127.0.0.1',
    port,
    messages,
    smtpConfig(overrides = {}) {
      return {
        host: '127.0.0.1',
        port,
        secure: false,
        user: credentials?.user,
        password: credentials?.password,
        from: 'Liaison <liaison@care.example>',
        requireTls: false,
        ...overrides,
      };
    },
    waitForMessages(count, timeoutMs = 5_000) {
      if (messages.length >= count) return Promise.resolve(messages.slice());
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          arrivals = arrivals.filter((arrival) => arrival !== check);
          reject(new Error(`Expected ${count} messages within ${timeoutMs} ms; ${messages.length} arrived.`));
        }, timeoutMs);
        const check = () => {
          if (messages.length < count) return;
          clearTimeout(timer);
          arrivals = arrivals.filter((arrival) => arrival !== check);
          resolve(messages.slice());
        };
        arrivals.push(check);
      });
    },
    refuseRecipient(address, reply) {
      refusedRecipients.set(address.toLowerCase(), reply);
    },
    refuseNextMessage(reply) {
      nextMessageReply = reply;
    },
    reset() {
      messages.length = 0;
      refusedRecipients.clear();
      nextMessageReply = null;
    },
    stop() {
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

function smtpError(reply: SmtpReply): SMTPServerError {
  const error: SMTPServerError = new Error(reply.message);
  error.responseCode = reply.code;
  return error;
}
