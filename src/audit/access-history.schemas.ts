import { z } from 'zod';
import { pageQuery } from '../http/schemas.ts';
import type { AccessHistory, AccessVisit } from './access-history.service.ts';
import { actionPhrases } from './audit-labels.ts';

const entityTypeSchema = z
  .string()
  .regex(/^[a-z][a-z_]{0,63}$/, 'Must be a kind of record such as person or user (lower case, underscores).')
  .describe('The kind of record: person, user, partner_contact, share…');

/** The records whose own id must be a UUID, so a mistyped id is named rather than answered with nothing. */
const uuidEntityTypes = new Set(['person', 'user']);

const auditActions = Object.keys(actionPhrases) as [string, ...string[]];

/**
 * A record's history (entityType + entityId: who accessed it), an actor's (actorId: what they
 * accessed), or both (what one staff member did to one record); narrowed by action and by dates
 * in UK time. Paged like every list, by visits; the page size is capped.
 */
export const accessHistoryQuery = pageQuery
  .extend({
    entityType: entityTypeSchema.optional(),
    entityId: z.string().trim().min(1).max(200).optional(),
    actorId: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .optional()
      .describe('A staff member’s, API token’s or partner link’s id'),
    action: z.enum(auditActions).optional().describe('Only this kind of action, such as person.view'),
    from: z.iso.date().optional().describe('From this day (UK time), inclusive'),
    to: z.iso.date().optional().describe('To this day (UK time), inclusive'),
  })
  .superRefine((query, context) => {
    const byEntity = query.entityType !== undefined || query.entityId !== undefined;
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
    if (query.from !== undefined && query.to !== undefined && query.to < query.from) {
      context.addIssue({ code: 'custom', path: ['to'], message: 'Must be the same day as from, or later.' });
    }
  });
export type AccessHistoryQuery = z.infer<typeof accessHistoryQuery>;

const actorTypeSchema = z.enum(['user', 'api_token', 'partner', 'system']);

export const accessVisitSchema = z
  .object({
    /** The first and last audit entries of the visit, for finding them in the trail. */
    firstEntryId: z.number().int(),
    lastEntryId: z.number().int(),
    entries: z.number().int().describe('How many audit entries the visit holds (one per page or part read)'),
    firstAt: z.iso.datetime(),
    lastAt: z.iso.datetime(),
    actor: z.object({
      type: actorTypeSchema,
      id: z.string().nullable(),
      role: z.string().nullable(),
      name: z
        .string()
        .nullable()
        .describe('The staff member’s, API token’s or partner contact’s name, when it still exists'),
      description: z.string().describe('Who, in words: "Priya Shah (Care worker)"'),
    }),
    action: z.string().describe('As <entity>.<verb>: person.view, person.update…'),
    label: z.string().describe('The action in words: "Viewed the record"'),
    sentence: z
      .string()
      .describe('The visit in words: "Dr Helena Marchbank read the message through a secure link"'),
    detail: z
      .string()
      .nullable()
      .describe('The parts viewed or the fields changed, in words (never their values)'),
    entity: z.object({
      type: z.string(),
      id: z.string().nullable(),
      name: z.string().nullable().describe('The person’s or staff member’s name, for those records'),
    }),
    outcome: z.enum(['success', 'denied', 'failed']),
    requestId: z.string().nullable(),
  })
  .meta({ id: 'AccessVisit' });

export const accessHistorySchema = z
  .object({
    subject: z.object({
      /** 'entity' for who accessed a record, 'actor' for what someone accessed. */
      kind: z.enum(['entity', 'actor']),
      type: z
        .string()
        .describe('person, user, api_token, partner… or actor when the id names no known record'),
      id: z.string(),
      name: z.string().nullable(),
    }),
    items: z.array(accessVisitSchema),
  })
  .meta({ id: 'AccessHistory' });

export const auditActionsSchema = z
  .object({ items: z.array(z.object({ action: z.string(), label: z.string() })) })
  .meta({ id: 'AuditActions' });

export function toAccessHistoryResponse(history: AccessHistory): z.infer<typeof accessHistorySchema> {
  return { subject: history.subject, items: history.visits.map(toAccessVisitResponse) };
}

function toAccessVisitResponse(visit: AccessVisit): z.infer<typeof accessVisitSchema> {
  return {
    firstEntryId: visit.first_id,
    lastEntryId: visit.last_id,
    entries: visit.entries,
    firstAt: visit.first_at.toISOString(),
    lastAt: visit.last_at.toISOString(),
    actor: {
      type: visit.actor_type,
      id: visit.actor_id,
      role: visit.actor_role,
      name: visit.actorName,
      description: visit.actorDescription,
    },
    action: visit.action,
    label: visit.label,
    sentence: visit.sentence,
    detail: visit.detail,
    entity: { type: visit.entity_type, id: visit.entity_id, name: visit.entityName },
    outcome: visit.outcome,
    requestId: visit.request_id,
  };
}
