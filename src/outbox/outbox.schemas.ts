import { z } from 'zod';
import { pageQuery } from '../http/schemas.ts';
import { subjectTypes } from '../subjects/subjects.ts';
import { emailStates } from './outbox.table.ts';

/** Where an email is, for staff: never its body or its link. */
export const emailSchema = z.object({
  id: z.uuid(),
  to: z.string(),
  state: z
    .enum(emailStates)
    .describe('waiting: in the outbox (for a mail server, or to be retried); held: never to be sent'),
  why: z.string().nullable().describe('Why it was held, or the last delivery error'),
  queuedAt: z.string(),
  sentAt: z.string().nullable(),
});

export const outboxQuery = pageQuery.extend({
  state: z.enum(emailStates).optional().describe('Only the emails in this state; every email when absent'),
});
export const outboxEmailSchema = emailSchema
  .extend({
    subject: z.string().describe("The email's subject line, which carries no personal details"),
    about: z
      .object({
        type: z.enum(subjectTypes),
        id: z.uuid(),
        title: z.string(),
        webPath: z.string().nullable().describe('Where staff open it; null when it no longer exists'),
      })
      .nullable()
      .describe('The record the email is about: a partner message, an incident, a safeguarding concern'),
    attempts: z.number().int().describe('How many times Liaison has tried to hand it to the mail server'),
    nextAttemptAt: z.string().nullable().describe('For an email waiting: when it is next tried'),
  })
  .meta({ id: 'OutboxEmail' });
export const outboxSchema = z
  .object({
    mailServerConfigured: z
      .boolean()
      .describe('false: no mail server is set up (SMTP_HOST); emails wait in the outbox and are not sent'),
    items: z.array(outboxEmailSchema),
  })
  .meta({ id: 'Outbox' });
