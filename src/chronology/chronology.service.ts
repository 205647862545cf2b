import { recordAudit } from '../audit/audit.service.ts';
import type { Clock } from '../clock.ts';
import type { RequestContext } from '../context.ts';
import type { Db, Executor } from '../db/database.ts';
import { getOrganisation } from '../organisations/organisations.service.ts';
import { getPerson } from '../people/people.service.ts';
import {
  type ChronologyEntry,
  type ChronologyPage,
  type ChronologySource,
  mergeChronology,
  registeredChronologySources,
} from './chronology.ts';

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
  await getPerson(db, context, options.personId);
  return viewChronology(
    db,
    context,
    {
      sources: registeredChronologySources(),
      key: options.personId,
      options,
      audit: { action: 'person.view_chronology', entityType: 'person', entityId: options.personId },
    },
    clock,
  );
}

/**
 * A page of one chronology (a person's, a concern's) merged from its sources, the view audited
 * with how many entries it showed.
 */
export async function viewChronology(
  db: Db,
  context: RequestContext,
  view: {
    sources: readonly ChronologySource[];
    key: string;
    options: ChronologyOptions;
    audit: { action: string; entityType: string; entityId: string };
  },
  clock: Clock,
): Promise<ChronologyPage> {
  const organisation = await getOrganisation(db, context);
  const page = await mergeChronology(db, view.sources, {
    orgId: context.orgId,
    key: view.key,
    ownAgency: organisation.name,
    from: view.options.from ?? null,
    to: view.options.to ?? null,
    before: view.options.before ?? null,
    limit: view.options.limit,
  });
  await recordAudit(db, context, clock.now(), { ...view.audit, details: { entries: page.items.length } });
  return page;
}

/**
 * The person's whole chronology from every registered source, oldest first: for a copy of
 * everything held about them (a subject access request). Read a page at a time, with a bound so a
 * runaway source cannot exhaust the server; it says whether the bound cut it short. Not audited:
 * the caller's export is.
 */
export async function wholeChronologyOf(
  executor: Executor,
  context: Pick<RequestContext, 'orgId'>,
  options: { personId: string; ownAgency: string; most: number },
): Promise<{ entries: ChronologyEntry[]; complete: boolean }> {
  const entries: ChronologyEntry[] = [];
  let before: string | null = null;
  do {
    const page = await mergeChronology(executor, registeredChronologySources(), {
      orgId: context.orgId,
      key: options.personId,
      ownAgency: options.ownAgency,
      from: null,
      to: null,
      before,
      limit: Math.min(500, options.most - entries.length),
    });
    entries.push(...page.items);
    before = page.nextBefore;
  } while (before !== null && entries.length < options.most);
  return { entries: entries.reverse(), complete: before === null };
}
