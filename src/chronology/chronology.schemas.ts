import { z } from 'zod';
import type { ChronologyEntry, ChronologyPage } from './chronology.ts';

export const chronologyQuery = z.strictObject({
  from: z.iso
    .datetime({ offset: true })
    .optional()
    .describe('Only entries that happened at or after this moment'),
  to: z.iso.datetime({ offset: true }).optional().describe('Only entries that happened before this moment'),
  before: z
    .string()
    .max(300)
    .optional()
    .describe('The `nextBefore` of the previous page: the next page continues from there'),
  limit: z.coerce.number().int().min(1).max(500).default(100).describe('Entries per page, at most 500'),
});

export const chronologyEntrySchema = z
  .object({
    source: z
      .string()
      .describe(
        'Which record it comes from: partner_messages, incidents, consent, consent_withdrawals, mental_capacity, safeguarding_authorisations, advice, safeguarding_shares, concern_entries, concern_advice',
      ),
    id: z.uuid().describe('The entry’s id within its source'),
    occurredAt: z.iso.datetime().describe('When what it records happened'),
    recordedAt: z.iso.datetime().describe('When it was recorded'),
    agency: z
      .string()
      .describe('The agency the information came from: the provider or a partner organisation'),
    kindLabel: z.string().describe('What kind of entry it is, in words'),
    text: z.string().describe('What the entry says'),
    recordedBy: z.string().nullable().describe('Who recorded it, when known'),
    subject: z
      .object({
        type: z.string().describe('message, incident, concern, person or advice'),
        id: z.uuid(),
        title: z.string().describe('The record’s title, for a link'),
      })
      .nullable()
      .describe('The record the entry belongs to'),
  })
  .meta({ id: 'ChronologyEntry', description: 'One entry of a merged chronology' });

export const chronologyPageSchema = z
  .object({
    items: z.array(chronologyEntrySchema).describe('Newest first'),
    nextBefore: z
      .string()
      .nullable()
      .describe('Pass as `before` for the next (older) page; null on the last page'),
  })
  .meta({ id: 'ChronologyPage' });

export function toChronologyEntryResponse(entry: ChronologyEntry): z.infer<typeof chronologyEntrySchema> {
  return {
    source: entry.source,
    id: entry.id,
    occurredAt: entry.occurredAt.toISOString(),
    recordedAt: entry.recordedAt.toISOString(),
    agency: entry.agency,
    kindLabel: entry.kindLabel,
    text: entry.text,
    recordedBy: entry.recordedBy,
    subject: entry.subject,
  };
}

export function toChronologyPageResponse(page: ChronologyPage): z.infer<typeof chronologyPageSchema> {
  return { items: page.items.map(toChronologyEntryResponse), nextBefore: page.nextBefore };
}

export function chronologyOptions(query: z.infer<typeof chronologyQuery>) {
  return {
    from: query.from ? new Date(query.from) : undefined,
    to: query.to ? new Date(query.to) : undefined,
    before: query.before,
    limit: query.limit,
  };
}
