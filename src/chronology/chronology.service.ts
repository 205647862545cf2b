import { recordAudit } from '../audit/audit.service.ts';
import type { Clock } from '../clock.ts';
import type { RequestContext } from '../context.ts';
import type { Db } from '../db/database.ts';
import { getOrganisation } from '../organisations/organisations.service.ts';
import { getPerson } from '../people/people.service.ts';
import { type ChronologyPage, mergeChronology, registeredChronologySources } from './chronology.ts';

export type ChronologyOptions = {
  from?: Date | undefined;
  to?: Date | undefined;
  before?: string | undefined;
  limit: number;
};

/**
 * A person's chronology from every registered source, newest first, a page at a time. Every view
 * is in the audit trail.
 */
export async function personChronology(
  db: Db,
  context: RequestContext,
  options: ChronologyOptions & { personId: string },
  clock: Clock,
): Promise<ChronologyPage> {
  const [, organisation] = await Promise.all([
    getPerson(db, context, options.personId),
    getOrganisation(db, context),
  ]);
  const page = await mergeChronology(db, registeredChronologySources(), {
    orgId: context.orgId,
    key: options.personId,
    ownAgency: organisation.name,
    from: options.from ?? null,
    to: options.to ?? null,
    before: options.before ?? null,
    limit: options.limit,
  });
  await recordAudit(db, context, clock.now(), {
    action: 'person.view_chronology',
    entityType: 'person',
    entityId: options.personId,
    details: { entries: page.items.length },
  });
  return page;
}
