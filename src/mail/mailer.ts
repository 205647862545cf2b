import nodemailer from 'nodemailer';
import type { Config } from '../config.ts';
import { toMailError } from './mail-error.ts';

export { MailError, type MailFailureKind, type MailFailureReason } from './mail-error.ts';

export type SmtpConfig = Config['smtp'];

export type OutgoingMail = {
  to: string | readonly string[];
  subject: string;
  text: string;
  html?: string;
  /** Extra headers, such as `In-Reply-To` to keep a thread together. */
  headers?: Readonly<Record<string, string>>;
  /**
   * The Message-ID to send with, `<unique@domain>`. Sending again with the same id lets the
   * recipient's mail system recognise a repeat after a retry. Made up when absent.
   */
  messageId?: string;
};

export type SentMail = {
  messageId: string;
  /** Recipients the server took. */
  accepted: string[];
  /**
   * Recipients the server refused while taking the message for the others. When it refuses
   * every recipient, `send` throws instead.
   */
  rejected: string[];
};

export type Mailer = {
  /** Sends one message; throws `MailError`, whose `kind` says whether to try again. */
  send(mail: OutgoingMail): Promise<SentMail>;
  /** Connects and signs in without sending, to check the configuration; throws `MailError`. */
  verify(): Promise<void>;
  /** Closes idle connections. Sends already under way finish first. */
  close(): Promise<void>;
};

/** The subset of a pino or Fastify logger the mailer writes to. */
export type MailLogger = {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
};

export type MailTimeouts = {
  /** To open the TCP connection. */
  connectMs: number;
  /** For the server's greeting once connected. */
  greetingMs: number;
  /** Of silence in the middle of a conversation. */
  idleMs: number;
};

// Long enough for a slow relay, short enough that a request to a dead server fails within a
// minute and the message goes back to its retry schedule.
export const defaultMailTimeouts: MailTimeouts = { connectMs: 10_000, greetingMs: 10_000, idleMs: 30_000 };

export function isMailConfigured(smtp: SmtpConfig): boolean {
  return Boolean(smtp.host);
}

/**
 * Sends email over SMTP using the SMTP_* settings. Logs only message ids, counts and reply
 * codes: never addresses, subjects or text, which may identify the people supported.
 */
export function createMailer(
  smtp: SmtpConfig,
  options: { logger?: MailLogger; timeouts?: Partial<MailTimeouts> } = {},
): Mailer {
  if (!smtp.host) throw new Error('Email cannot be sent: SMTP_HOST is not set.');
  const timeouts = { ...defaultMailTimeouts, ...options.timeouts };
  const logger = options.logger;
  const transport = nodemailer.createTransport(
    {
      pool: true,
      maxConnections: 2,
      // A message whose connection drops is not resent here: the caller decides on retries, so
      // each attempt is recorded where the caller keeps it.
      maxRequeues: 0,
      idleTimeout: 30_000,
      host: smtp.host,
      port: smtp.port,
      secure: smtp.secure,
      requireTLS: !smtp.secure && smtp.requireTls,
      tls: { minVersion: 'TLSv1.2' },
      auth: smtp.user ? { user: smtp.user, pass: smtp.password ?? '' } : undefined,
      connectionTimeout: timeouts.connectMs,
      greetingTimeout: timeouts.greetingMs,
      socketTimeout: timeouts.idleMs,
      dnsTimeout: timeouts.connectMs,
      // Nodemailer's own log prints addresses and the conversation; Liaison logs for itself below.
      logger: false,
      debug: false,
      // Messages are built from text Liaison holds; never read files or fetch URLs into them.
      disableFileAccess: true,
      disableUrlAccess: true,
    },
    { from: smtp.from },
  );

  return {
    async send(mail) {
      const started = performance.now();
      try {
        const info = await transport.sendMail({
          to: typeof mail.to === 'string' ? mail.to : [...mail.to],
          subject: mail.subject,
          text: mail.text,
          ...(mail.html === undefined ? {} : { html: mail.html }),
          ...(mail.headers ? { headers: { ...mail.headers } } : {}),
          ...(mail.messageId ? { messageId: mail.messageId } : {}),
        });
        const sent: SentMail = {
          messageId: info.messageId,
          accepted: info.accepted.map(addressOf),
          rejected: info.rejected.map(addressOf),
        };
        logger?.info(
          {
            messageId: sent.messageId,
            accepted: sent.accepted.length,
            rejected: sent.rejected.length,
            ms: Math.round(performance.now() - started),
          },
          'mail sent',
        );
        return sent;
      } catch (failure) {
        const error = toMailError(failure);
        logger?.warn(
          {
            kind: error.kind,
            reason: error.reason,
            responseCode: error.responseCode,
            ms: Math.round(performance.now() - started),
          },
          'mail not sent',
        );
        throw error;
      }
    },

    async verify() {
      try {
        await transport.verify();
      } catch (failure) {
        throw toMailError(failure);
      }
    },

    async close() {
      transport.close();
    },
  };
}

function addressOf(recipient: string | { address: string }): string {
  return typeof recipient === 'string' ? recipient : recipient.address;
}
