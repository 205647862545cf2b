import { z } from 'zod';
import { pageQuery } from '../http/schemas.ts';
import type { AccessEntry, AccessHistory } from './access-history.service.ts';

const entityTypeSchema = z
  .string()
  .regex(/^[a-z][a-z_]{0,63}$/, 'Must be a kind of record such as person or user (lower case, underscores).')
  .describe('The kind of record: person, user, partner_contact, share…');

/** The records whose own id must be a UUID, so a mistyped id is named rather than answered with nothing. */
const uuidEntityTypes = new Set(['person', 'user']);

/**
 * Either one record's history (entityType + entityId: who accessed it) or one actor's
 * (actorId: what they accessed). Paged like every list; the page size is capped.
 */
export const accessHistoryQuery = pageQuery
  .extend({
    entityType: entityTypeSchema.optional(),
    entityId: z.string().trim().min(1).max(200).optional(),
    actorId: z.string().trim().min(1).max(200).optional().describe('A staff member’s or API token’s id'),
  })
  .superRefine((query, context) => {
    const byEntity = query.entityType !== undefined || query.entityId !== undefined;
    if (byEntity && query.actorId !== undefined) {
      context.addIssue({
        code: 'custom',
        path: ['actorId'],
        message: 'Ask about one record (entityType and entityId) or one actor (actorId), not both.',
      });
      return;
    }
    if (!byEntity && query.actorId === undefined) {
      context.addIssue({
        code: 'custom',
        path: ['entityId'],
        message: 'Give entityType and entityId (who accessed a record) or actorId (what someone accessed).',
      });
      return;
    }
    if (byEntity && query.entityType === undefined) {
      context.addIssue({ code: 'custom', path: ['entityType'], message: 'This field is required.' });
    }
    if (byEntity && query.entityId === undefined) {
      context.addIssue({ code: 'custom', path: ['entityId'], message: 'This field is required.' });
    }
    if (
      query.entityType !== undefined &&
      uuidEntityTypes.has(query.entityType) &&
      query.entityId !== undefined &&
      !z.uuid().safeParse(query.entityId).success
    ) {
      context.addIssue({
        code: 'custom',
        path: ['entityId'],
        message: 'Must be an identifier in UUID format.',
      });
    }
  });
export type AccessHistoryQuery = z.infer<typeof accessHistoryQuery>;

const actorTypeSchema = z.enum(['user', 'api_token', 'partner', 'system']);

export const accessEntrySchema = z
  .object({
    id: z.number().int(),
    /** Null while the entry waits (a moment) to be sealed into the chain. */
    seq: z.number().int().nullable(),
    occurredAt: z.iso.datetime(),
    actor: z.object({
      type: actorTypeSchema,
      id: z.string().nullable(),
      role: z.string().nullable(),
      name: z.string().nullable().describe('The staff member’s or API token’s name, when it still exists'),
    }),
    action: z.string().describe('As <entity>.<verb>: person.view, person.update, audit.access_history…'),
    entity: z.object({
      type: z.string(),
      id: z.string().nullable(),
      name: z.string().nullable().describe('The person’s or staff member’s name, for those records'),
    }),
    changedFields: z.array(z.string()),
    outcome: z.enum(['success', 'denied', 'failed']),
    requestId: z.string().nullable(),
    ip: z.string().nullable(),
    /** Ids, reasons and bases only: audit entries never hold note text or other personal details. */
    details: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'AccessEntry' });

export const accessHistorySchema = z
  .object({
    subject: z.object({
      /** 'entity' for who accessed a record, 'actor' for what someone accessed. */
      kind: z.enum(['entity', 'actor']),
      type: z.string().describe('person, user, api_token… or actor when the id names no known record'),
      id: z.string(),
      name: z.string().nullable(),
    }),
    items: z.array(accessEntrySchema),
  })
  .meta({ id: 'AccessHistory' });

export function toAccessHistoryResponse(history: AccessHistory): z.infer<typeof accessHistorySchema> {
  return { subject: history.subject, items: history.entries.map(toAccessEntryResponse) };
}

function toAccessEntryResponse(entry: AccessEntry): z.infer<typeof accessEntrySchema> {
  return {
    id: entry.id,
    seq: entry.seq,
    occurredAt: entry.occurred_at.toISOString(),
    actor: { type: entry.actor_type, id: entry.actor_id, role: entry.actor_role, name: entry.actorName },
    action: entry.action,
    entity: { type: entry.entity_type, id: entry.entity_id, name: entry.entityName },
    changedFields: entry.changed_fields,
    outcome: entry.outcome,
    requestId: entry.request_id,
    ip: entry.ip,
    details: entry.details,
  };
}
