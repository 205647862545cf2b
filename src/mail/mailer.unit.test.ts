import net from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestSmtpServer, type TestSmtpServer } from '../../test/smtp-server.ts';
import { MailError, toMailError } from './mail-error.ts';
import { createMailer, isMailConfigured, type Mailer, type MailLogger, type SmtpConfig } from './mailer.ts';

let server: TestSmtpServer;
const openMailers: Mailer[] = [];

beforeAll(async () => {
  server = await startTestSmtpServer();
});
afterAll(async () => {
  await server.stop();
});
beforeEach(() => server.reset());
afterEach(async () => {
  await Promise.all(openMailers.splice(0).map((mailer) => mailer.close()));
});

function mailerFor(smtp: SmtpConfig, logger?: MailLogger): Mailer {
  const mailer = createMailer(smtp, {
    ...(logger ? { logger } : {}),
    timeouts: { connectMs: 2_000, greetingMs: 2_000 },
  });
  openMailers.push(mailer);
  return mailer;
}

async function failureOf(promise: Promise<unknown>): Promise<MailError> {
  const error = await promise.then(
    () => {
      throw new Error('expected the send to fail');
    },
    (failure: unknown) => failure,
  );
  expect(error).toBeInstanceOf(MailError);
  return error as MailError;
}

const update = {
  to: 'duty.nurse@nhs.example',
  subject: 'Request for advice: Mrs Ó’Brien, blood sugar checks — reply by 4pm',
  text: 'Please advise by 4pm today whether we should check Mrs Ó’Brien’s blood sugar four times a day.\n\nThank you.',
};

describe('sending over SMTP', () => {
  it('delivers the message with its headers and bodies to the server', async () => {
    const mailer = mailerFor(server.smtpConfig());
    const sent = await mailer.send({
      ...update,
      html: '<p>Please advise by <strong>4pm today</strong>.</p>',
      headers: { 'X-Liaison-Request': 'req-42', 'In-Reply-To': '<thread-1@care.example>' },
    });

    const [received] = await server.waitForMessages(1);
    expect(sent).toEqual({ messageId: received!.parsed.messageId, accepted: [update.to], rejected: [] });
    expect(received!.envelope).toEqual({ from: 'liaison@care.example', to: [update.to] });
    const mail = received!.parsed;
    expect(mail.from).toMatchObject({ name: 'Liaison', address: 'liaison@care.example' });
    expect(mail.to).toEqual([expect.objectContaining({ address: update.to })]);
    expect(mail.subject).toBe(update.subject);
    expect(mail.text?.trim()).toBe(update.text);
    expect(mail.html).toContain('<strong>4pm today</strong>');
    expect(mail.inReplyTo).toBe('<thread-1@care.example>');
    const header = (name: string) => mail.headers.find((h) => h.key === name)?.value;
    expect(header('x-liaison-request')).toBe('req-42');
    expect(header('date')).toBeTruthy();
  });

  it('sends with the Message-ID it is given, so a retry can be recognised', async () => {
    const mailer = mailerFor(server.smtpConfig());
    const sent = await mailer.send({ ...update, messageId: '<outbox-7-attempt@care.example>' });
    const [received] = await server.waitForMessages(1);
    expect(sent.messageId).toBe('<outbox-7-attempt@care.example>');
    expect(received!.parsed.messageId).toBe('<outbox-7-attempt@care.example>');
  });

  it('cannot be made to add headers through a line break in the subject', async () => {
    const mailer = mailerFor(server.smtpConfig());
    await mailer.send({ ...update, subject: 'Heating failure\r\nBcc: someone@elsewhere.example' });
    const [received] = await server.waitForMessages(1);
    expect(received!.parsed.headers.some((h) => h.key === 'bcc')).toBe(false);
    expect(received!.envelope.to).toEqual([update.to]);
  });

  it('reports recipients refused while the others still get the message', async () => {
    server.refuseRecipient('left.service@nhs.example', { code: 550, message: '5.1.1 Mailbox unavailable' });
    const mailer = mailerFor(server.smtpConfig());
    const sent = await mailer.send({ ...update, to: [update.to, 'left.service@nhs.example'] });
    expect(sent.accepted).toEqual([update.to]);
    expect(sent.rejected).toEqual(['left.service@nhs.example']);
    const [received] = await server.waitForMessages(1);
    expect(received!.envelope.to).toEqual([update.to]);
  });

  it('checks the settings without sending', async () => {
    await expect(mailerFor(server.smtpConfig()).verify()).resolves.toBeUndefined();
    expect(server.messages).toEqual([]);
  });
});

describe('failures, transient or permanent', () => {
  it('a recipient refused with a 5xx reply is permanent', async () => {
    server.refuseRecipient(update.to, { code: 550, message: `5.1.1 <${update.to}>: no such user` });
    const error = await failureOf(mailerFor(server.smtpConfig()).send(update));
    expect(error).toMatchObject({ kind: 'permanent', reason: 'recipient_rejected', responseCode: 550 });
    expect(error.isTransient).toBe(false);
    // The reply named the address; what is kept of it does not.
    expect(error.serverReply).toContain('no such user');
    expect(`${error.message} ${error.serverReply}`).not.toContain(update.to);
    expect(server.messages).toEqual([]);
  });

  it('a recipient refused with a 4xx reply is transient', async () => {
    server.refuseRecipient(update.to, { code: 450, message: '4.2.1 Mailbox busy, try again later' });
    const error = await failureOf(mailerFor(server.smtpConfig()).send(update));
    expect(error).toMatchObject({ kind: 'transient', reason: 'recipient_rejected', responseCode: 450 });
    expect(error.isTransient).toBe(true);
  });

  it('a message refused after its text was sent follows the reply code too', async () => {
    const mailer = mailerFor(server.smtpConfig());
    server.refuseNextMessage({ code: 451, message: '4.3.0 Temporary local problem' });
    expect(await failureOf(mailer.send(update))).toMatchObject({
      kind: 'transient',
      reason: 'message_rejected',
      responseCode: 451,
    });
    server.refuseNextMessage({ code: 554, message: '5.7.1 Message refused by policy' });
    expect(await failureOf(mailer.send(update))).toMatchObject({
      kind: 'permanent',
      reason: 'message_rejected',
      responseCode: 554,
    });
    // The refusals were for those messages only.
    await mailer.send(update);
    await server.waitForMessages(1);
  });

  it('a server that is down is transient', async () => {
    const stopped = await startTestSmtpServer();
    const smtp = stopped.smtpConfig();
    await stopped.stop();
    const error = await failureOf(mailerFor(smtp).send(update));
    expect(error).toMatchObject({ kind: 'transient', reason: 'connection_failed', responseCode: undefined });
  });

  it('a server that accepts the connection but never answers times out, transiently', async () => {
    const sockets = new Set<net.Socket>();
    const silent = net.createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const port = (silent.address() as net.AddressInfo).port;
      const mailer = createMailer(server.smtpConfig({ port }), {
        timeouts: { connectMs: 500, greetingMs: 200 },
      });
      openMailers.push(mailer);
      const started = Date.now();
      const error = await failureOf(mailer.send(update));
      expect(error).toMatchObject({ kind: 'transient', reason: 'timeout' });
      expect(Date.now() - started).toBeLessThan(2_000);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('refuses to send unencrypted when encryption is required, and the server gets nothing', async () => {
    const error = await failureOf(mailerFor(server.smtpConfig({ requireTls: true })).send(update));
    expect(error).toMatchObject({ kind: 'transient', reason: 'encryption_unavailable' });
    expect(server.messages).toEqual([]);
  });
});

describe('signing in', () => {
  let guarded: TestSmtpServer;
  beforeAll(async () => {
    guarded = await startTestSmtpServer({ credentials: { user: 'liaison', password: 'correct horse' } });
  });
  afterAll(async () => {
    await guarded.stop();
  });

  it('signs in with SMTP_USER and SMTP_PASSWORD', async () => {
    const mailer = mailerFor(guarded.smtpConfig());
    await expect(mailer.verify()).resolves.toBeUndefined();
    await mailer.send(update);
    await guarded.waitForMessages(1);
  });

  it('a wrong password is transient, as it is fixed in the settings and not in the message', async () => {
    const mailer = mailerFor(guarded.smtpConfig({ password: 'wrong' }));
    const error = await failureOf(mailer.send(update));
    expect(error).toMatchObject({ kind: 'transient', reason: 'authentication_failed', responseCode: 535 });
    expect(error.message).toContain('SMTP_PASSWORD');
    expect(await failureOf(mailer.verify())).toMatchObject({ reason: 'authentication_failed' });
  });
});

describe('what is logged', () => {
  it('never the addresses, subject or text', async () => {
    const lines: { level: string; details: object; message: string }[] = [];
    const logger: MailLogger = {
      info: (details, message) => lines.push({ level: 'info', details, message }),
      warn: (details, message) => lines.push({ level: 'warn', details, message }),
    };
    const mailer = mailerFor(server.smtpConfig(), logger);
    const sent = await mailer.send(update);
    server.refuseRecipient(update.to, { code: 550, message: `<${update.to}> unknown` });
    await failureOf(mailer.send(update));

    expect(lines).toEqual([
      {
        level: 'info',
        details: { messageId: sent.messageId, accepted: 1, rejected: 0, ms: expect.any(Number) },
        message: 'mail sent',
      },
      {
        level: 'warn',
        details: {
          kind: 'permanent',
          reason: 'recipient_rejected',
          responseCode: 550,
          ms: expect.any(Number),
        },
        message: 'mail not sent',
      },
    ]);
    const logged = JSON.stringify(lines);
    for (const secret of [update.to, 'Ó’Brien', 'blood sugar', 'liaison@care.example']) {
      expect(logged).not.toContain(secret);
    }
  });
});

describe('configuration', () => {
  it('needs SMTP_HOST', () => {
    const unset = { ...server.smtpConfig(), host: undefined };
    expect(isMailConfigured(unset)).toBe(false);
    expect(() => createMailer(unset)).toThrow(/SMTP_HOST/);
    expect(isMailConfigured(server.smtpConfig())).toBe(true);
  });
});

describe('classifying transport failures', () => {
  it.each([
    [{ code: 'EENVELOPE', responseCode: 550, command: 'RCPT TO' }, 'permanent', 'recipient_rejected'],
    [{ code: 'EENVELOPE', responseCode: 452, command: 'RCPT TO' }, 'transient', 'recipient_rejected'],
    [{ code: 'EENVELOPE', responseCode: 553, command: 'MAIL FROM' }, 'permanent', 'sender_rejected'],
    [{ code: 'EMESSAGE', responseCode: 552, command: 'DATA' }, 'permanent', 'message_rejected'],
    [{ code: 'EPROTOCOL', responseCode: 421, command: 'CONN' }, 'transient', 'server_refused'],
    [{ code: 'EPROTOCOL', responseCode: 554, command: 'CONN' }, 'transient', 'server_refused'],
    [{ code: 'EAUTH', responseCode: 535, command: 'AUTH PLAIN' }, 'transient', 'authentication_failed'],
    [{ code: 'ESOCKET' }, 'transient', 'connection_failed'],
    [{ code: 'EDNS' }, 'transient', 'connection_failed'],
    [{ code: 'ETIMEDOUT' }, 'transient', 'timeout'],
    [{ code: 'ETLS' }, 'transient', 'encryption_unavailable'],
    [{ code: 'EENVELOPE' }, 'permanent', 'invalid_message'],
    [new Error('something else'), 'transient', 'unknown'],
    [undefined, 'transient', 'unknown'],
  ])('%o is %s (%s)', (failure, kind, reason) => {
    expect(toMailError(failure)).toMatchObject({ kind, reason });
  });

  it('keeps the reply without the addresses in it', () => {
    const error = toMailError({
      code: 'EENVELOPE',
      responseCode: 550,
      command: 'RCPT TO',
      response: '550 5.1.1 <jo.bloggs@council.example>: Recipient address rejected',
    });
    expect(error.serverReply).toBe('550 5.1.1 <[address]>: Recipient address rejected');
  });
});
