import { z } from 'zod';
import { subjectTypes } from '../subjects/subjects.ts';
import { attentionAudiences, attentionKinds } from './attention.table.ts';

export const attentionItemSchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(attentionKinds),
    forRole: z
      .enum(attentionAudiences)
      .describe(
        'Every manager, the registered manager, or one member of staff (`sender`: who sent or raised it)',
      ),
    title: z.string(),
    detail: z.string().nullable(),
    subject: z
      .object({
        type: z.enum(subjectTypes),
        id: z.uuid(),
        title: z.string().describe('What the item is about, in words'),
        webPath: z.string().nullable().describe('Where staff open it; null when it no longer exists'),
      })
      .describe('The record the item is about: a partner message, an incident, a safeguarding concern'),
    createdAt: z.string(),
    resolvedAt: z.string().nullable(),
    resolvedByName: z.string().nullable().describe('The member of staff who marked it dealt with'),
    resolvedAutomatically: z
      .boolean()
      .describe('Resolved by Liaison because its cause went away; resolutionNote says what happened'),
    resolutionNote: z.string().nullable(),
  })
  .meta({ id: 'AttentionItem' });

export const listAttentionQuery = z.object({ open: z.enum(['true', 'false']).default('true') });
export const resolveAttentionBody = z.strictObject({
  note: z.string().trim().max(2000).nullable().optional(),
});
