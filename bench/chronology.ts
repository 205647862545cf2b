import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { createApiToken } from '../src/auth/auth.service.ts';
import { systemClock } from '../src/clock.ts';
import { systemContext } from '../src/context.ts';
import { createDatabase } from '../src/db/create-db.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { createOrganisation } from '../src/organisations/organisations.service.ts';
import { percentile } from './channel-choice.ts';
import { createBenchDatabase, median, printFigure, startServerProcess } from './support.ts';

/** Entries the person's chronology holds, spread over every kind of source. */
const ENTRIES = 10_000;
/** Other people, each with a chronology of their own, so every source has to find one person's rows. */
const OTHER_PEOPLE = 20;

/**
 * A person's merged chronology with 10,000 entries from all sources, read through the API on
 * PostgreSQL: p95 over first pages and pages deep into the past (following `nextBefore`). The
 * baseline is GET /healthz on the same server, so the ratio is what the merge itself costs.
 */
export async function benchmarkChronology(options: { adminUrl: string; rounds: number; logFile: string }) {
  const databaseUrl = await createBenchDatabase(options.adminUrl, 'liaison_bench_chronology');

  const handle = await createDatabase({ backend: 'postgres', url: databaseUrl });
  await migrateToLatest(handle.db);
  const organisation = await createOrganisation(
    handle.db,
    { name: 'Chronology Benchmark Care' },
    systemClock,
    'bench',
  );
  const orgId = organisation.id;
  const now = new Date();
  const creator = await handle.db
    .insertInto('users')
    .values({
      org_id: orgId,
      id: randomUUID(),
      email: 'bench-chronology@example.org',
      display_name: 'Bench',
      role: 'registered_manager',
      password_hash: 'unused',
      throttled_until: null,
      disabled_at: null,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const partnerId = randomUUID();
  const contactId = randomUUID();
  await sql`insert into partner_organisations (org_id, id, name, type, created_at, updated_at)
    values (${orgId}, ${partnerId}, 'Exampleton Safeguarding Hub', 'safeguarding_team', ${now}, ${now})`.execute(
    handle.db,
  );
  await sql`insert into partner_contacts (org_id, id, partner_organisation_id, name, type, email, created_at, updated_at)
    values (${orgId}, ${contactId}, ${partnerId}, 'Sam Duty', 'safeguarding_team', 'duty@example.org', ${now}, ${now})`.execute(
    handle.db,
  );
  const people: string[] = [];
  for (let index = 0; index <= OTHER_PEOPLE; index += 1) {
    const personId = randomUUID();
    people.push(personId);
    await sql`insert into people (org_id, id, given_name, family_name, clinical_flags, status, created_at, updated_at)
      values (${orgId}, ${personId}, 'Person', ${`Number ${index}`}, '{}', 'active', ${now}, ${now})`.execute(
      handle.db,
    );
    // Each person: 40% concern entries, 40% message thread entries, 20% advice — one entry a minute
    // going back in time, so pages deep in the past are as real as the first.
    const concernId = randomUUID();
    await sql`insert into safeguarding_concerns (org_id, id, person_id, occurred_at, what_happened, category,
        location_of_risk, source_kind, immediate_actions, level, status, raised_by_type, raised_by, raised_at, updated_at)
      values (${orgId}, ${concernId}, ${personId}, ${now}, 'Seen', 'physical', 'own_home', 'not_known', 'Told the manager',
        'medium', 'raised', 'user', ${creator.id}, ${now}, ${now})`.execute(handle.db);
    await sql`insert into concern_entries (org_id, id, concern_id, person_id, kind, occurred_at, recorded_at,
        recorded_by_type, recorded_by_id, recorded_by_name, text)
      select ${orgId}, gen_random_uuid(), ${concernId}, ${personId}, 'observation',
        ${now}::timestamptz - make_interval(mins => n * 5), ${now}::timestamptz - make_interval(mins => n * 5),
        'user', ${creator.id}, 'Bench', 'Door answered; the person seemed well.'
      from generate_series(1, ${ENTRIES * 0.4}) as n`.execute(handle.db);
    const messageIds = Array.from({ length: 40 }, () => randomUUID());
    for (const messageId of messageIds) {
      // A message about a person names its share; the share log itself is not read here.
      await sql`insert into partner_messages (org_id, id, template, ask_type, urgency, person_id, purpose, categories,
          share_id, partner_organisation_id, partner_contact_id, subject, summary, deadline, status, sent_by_type, sent_by,
          sent_at, updated_at)
        values (${orgId}, ${messageId}, 'safeguarding', 'advice', 'routine', ${personId}, 'safeguarding',
          '{identity,safeguarding}', gen_random_uuid(), ${partnerId}, ${contactId}, 'Threshold advice', 'Since Monday…', ${now}, 'sent',
          'user', ${creator.id}, ${now}, ${now})`.execute(handle.db);
    }
    await sql`insert into message_events (org_id, id, message_id, kind, actor_type, actor_id, actor_name, text,
        occurred_at, recorded_at)
      select ${orgId}, gen_random_uuid(), (${sql.val(messageIds)}::uuid[])[1 + n % 40], 'note', 'user', ${creator.id},
        'Bench', 'Called the duty team.', ${now}::timestamptz - make_interval(mins => n * 5 + 1),
        ${now}::timestamptz - make_interval(mins => n * 5 + 1)
      from generate_series(1, ${ENTRIES * 0.4}) as n`.execute(handle.db);
    await sql`insert into advice_records (org_id, id, person_id, partner_organisation_id, given_by_name, given_at,
        received_how, advice, in_writing, confirmation_status, recorded_by_type, recorded_by, created_at, updated_at)
      select ${orgId}, gen_random_uuid(), ${personId}, ${partnerId}, 'Sam Duty',
        ${now}::timestamptz - make_interval(mins => n * 10 + 2), 'phone', 'Keep a chronology.', false, 'not_requested',
        'user', ${creator.id}, ${now}, ${now}
      from generate_series(1, ${ENTRIES * 0.2}) as n`.execute(handle.db);
  }
  await sql`analyze`.execute(handle.db);
  const context = {
    ...systemContext(orgId, 'bench'),
    actor: { type: 'user' as const, id: creator.id, role: 'registered_manager' as const },
  };
  const { token } = await createApiToken(handle.db, context, {
    name: 'bench',
    role: 'auditor',
    expiresAt: null,
    clock: systemClock,
  });
  await handle.close();

  const server = await startServerProcess(['dist/server/main.js'], {
    port: 3906,
    env: { DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn', HOST: '127.0.0.1' },
    logFile: options.logFile,
  });
  const headers = { authorization: `Bearer ${token}` };
  const personId = people[0]!;
  const timed = async (path: string) => {
    const began = performance.now();
    const response = await fetch(`${server.url}${path}`, { headers });
    const body = (await response.json()) as { nextBefore?: string | null };
    if (!response.ok) throw new Error(`${path} answered ${response.status}`);
    return { ms: performance.now() - began, nextBefore: body.nextBefore ?? null };
  };
  const p95s: number[] = [];
  const baselineP95s: number[] = [];
  try {
    for (let round = 0; round < options.rounds; round += 1) {
      const chronology: number[] = [];
      const baseline: number[] = [];
      // Page through the whole chronology, 100 entries at a time, and read its first page often.
      let before: string | null = null;
      for (let page = 0; page < ENTRIES / 100 + 1; page += 1) {
        const path: string = `/api/people/${personId}/chronology?limit=100${before ? `&before=${encodeURIComponent(before)}` : ''}`;
        const answer = await timed(path);
        chronology.push(answer.ms);
        chronology.push((await timed(`/api/people/${personId}/chronology?limit=100`)).ms);
        baseline.push((await timed('/healthz')).ms);
        before = answer.nextBefore;
        if (!before) break;
      }
      p95s.push(percentile(chronology, 0.95));
      baselineP95s.push(percentile(baseline, 0.95));
    }
  } finally {
    await server.stop();
  }
  const p95 = median(p95s);
  printFigure({
    figure: 'person_chronology_p95_ms',
    value: Number(p95.toFixed(1)),
    target: '< 150',
    met: p95 < 150,
    entries: ENTRIES,
    other_people: OTHER_PEOPLE,
    baseline_healthz_p95_ms: Number(median(baselineP95s).toFixed(1)),
    ratio_to_baseline: Number((p95 / median(baselineP95s)).toFixed(1)),
    rounds: options.rounds,
  });
}
