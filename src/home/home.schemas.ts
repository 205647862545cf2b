import { z } from 'zod';
import { workKinds } from './home.vocabulary.ts';

export const workItemSchema = z
  .object({
    title: z.string().describe('What it is, in words'),
    detail: z.string().nullable().describe('Who it is with or about, in words'),
    dueAt: z.iso.datetime().nullable().describe('When it is due, to the minute (a deadline)'),
    dueOn: z.iso.date().nullable().describe('The day it is due (a review date), a London day'),
    since: z.iso.datetime().nullable().describe('When it began waiting: the reply, the incident’s start'),
    overdue: z.boolean(),
    webPath: z
      .string()
      .nullable()
      .describe('Where it is dealt with in the web app; null when the caller cannot open it'),
  })
  .meta({ id: 'WorkItem' });

export const workGroupSchema = z
  .object({
    kind: z.enum(workKinds),
    count: z.number().int().describe('How many in all; `items` holds only the most urgent few'),
    mine: z.boolean().describe('Only the caller’s own: messages they sent, actions they lead'),
    items: z.array(workItemSchema),
    webPath: z.string().nullable().describe('Where the whole list is in the web app'),
  })
  .meta({ id: 'WorkGroup' });

export const homeWorkSchema = z
  .object({
    readOnly: z
      .boolean()
      .describe('The auditor: what is waiting, to look at; nothing on it is for them to act on'),
    groups: z
      .array(workGroupSchema)
      .describe('Only kinds with something in them, what cannot wait first (the order of WorkGroup.kind)'),
  })
  .meta({ id: 'HomeWork' });
export type HomeWork = z.infer<typeof homeWorkSchema>;
export type WorkGroup = z.infer<typeof workGroupSchema>;
export type WorkItem = z.infer<typeof workItemSchema>;
