import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { createApiToken } from '../src/auth/auth.service.ts';
import { systemClock } from '../src/clock.ts';
import { systemContext } from '../src/context.ts';
import { createDatabase } from '../src/db/create-db.ts';
import type { Db } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { createOrganisation } from '../src/organisations/organisations.service.ts';
import { clinicalFlags } from '../src/people/people.table.ts';
import { median, printFigure, startServerProcess } from './support.ts';

const PEOPLE = 500;
const TIMELINE_EVENTS = 5_000;
const TIMELINE_PAGE = 100;

/**
 * Incidents through the API on PostgreSQL, against GET /healthz on the same server as baseline:
 * - an incident at a service where 500 people live: adding them all (each ranked by risk, with
 *   reasons) and then asking for the proposed partner messages, for their circles of partners;
 * - the timeline of an incident with 5,000 events (people, measures, decisions and readings,
 *   messages and their thread entries), read a page (100 entries, the most a list gives) at a
 *   time: the first page and the last.
 */
export async function benchmarkIncidents(options: { adminUrl: string; rounds: number; logFile: string }) {
  const databaseName = 'liaison_bench_incidents';
  const admin = new pg.Client({ connectionString: options.adminUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${databaseName} with (force)`);
  await admin.query(`create database ${databaseName}`);
  await admin.end();
  const url = new URL(options.adminUrl);
  url.pathname = `/${databaseName}`;
  const databaseUrl = url.toString();

  const handle = await createDatabase({ backend: 'postgres', url: databaseUrl });
  const db = handle.db;
  await migrateToLatest(db);
  const organisation = await createOrganisation(
    db,
    { name: 'Incident Benchmark Care' },
    systemClock,
    'bench',
  );
  const orgId = organisation.id;
  const now = new Date();
  const manager = await db
    .insertInto('users')
    .values({
      org_id: orgId,
      id: randomUUID(),
      email: 'bench-incidents@example.org',
      display_name: 'Bench Manager',
      role: 'registered_manager',
      password_hash: 'unused',
      throttled_until: null,
      disabled_at: null,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const context = {
    ...systemContext(orgId, 'bench'),
    actor: { type: 'user' as const, id: manager.id, role: 'registered_manager' as const },
  };
  const { token } = await createApiToken(db, context, {
    name: 'bench',
    role: 'manager',
    expiresAt: null,
    clock: systemClock,
  });
  const serviceIds = await seedServices(db, orgId, options.rounds);
  const timelineIncident = await seedTimeline(db, orgId, manager.id);
  await sql`analyze`.execute(db);
  await handle.close();

  const server = await startServerProcess(['dist/server/main.js'], {
    port: 3906,
    env: { DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn', HOST: '127.0.0.1' },
    logFile: options.logFile,
  });
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text.slice(0, 300)}`);
    return JSON.parse(text);
  };
  const timed = async (work: () => Promise<unknown>) => {
    const began = performance.now();
    await work();
    return performance.now() - began;
  };

  const rankAndPropose: number[] = [];
  const proposals: number[] = [];
  const timeline: number[] = [];
  const baseline: number[] = [];
  try {
    for (let round = 0; round < options.rounds; round += 1) {
      const incident = await call('POST', '/api/incidents', {
        type: 'staffing',
        title: `Staff shortage ${round}`,
        summary: 'Half the day staff are off sick.',
        severity: 'major',
        startedAt: new Date(Date.now() - 3_600_000).toISOString(),
        careServiceIds: [serviceIds[round]],
        leadId: manager.id,
        partnerLiaisonId: manager.id,
      });
      let proposed: { items: unknown[] } = { items: [] };
      rankAndPropose.push(
        await timed(async () => {
          const added = await call('POST', `/api/incidents/${incident.id}/people`, {
            careServiceIds: [serviceIds[round]],
          });
          if (added.added !== PEOPLE) throw new Error(`expected ${PEOPLE} people, got ${added.added}`);
          proposed = await call('GET', `/api/incidents/${incident.id}/proposed-messages`);
        }),
      );
      proposals.push(proposed.items.length);
      for (let repeat = 0; repeat < 10; repeat += 1) {
        timeline.push(
          await timed(async () => {
            // Every page costs the same: the entries are gathered and ordered before one is cut.
            const offset = repeat % 2 === 0 ? 0 : TIMELINE_EVENTS - TIMELINE_PAGE;
            const read = await call(
              'GET',
              `/api/incidents/${timelineIncident}/timeline?limit=${TIMELINE_PAGE}&offset=${offset}`,
            );
            if (read.items.length !== TIMELINE_PAGE)
              throw new Error(`timeline page at ${offset} has ${read.items.length} entries`);
          }),
        );
        baseline.push(
          await timed(() => fetch(`${server.url}/healthz`).then((response) => response.arrayBuffer())),
        );
      }
    }
  } finally {
    await server.stop();
  }
  const rank = median(rankAndPropose);
  const base = median(baseline);
  printFigure({
    figure: 'incident_rank_and_propose_ms',
    value: Math.round(rank),
    target: '< 2000',
    met: rank < 2_000,
    people: PEOPLE,
    proposals: median(proposals),
    baseline_healthz_ms: Number(base.toFixed(1)),
    ratio_to_baseline: Math.round(rank / base),
    rounds: options.rounds,
  });
  const read = median(timeline);
  printFigure({
    figure: 'incident_timeline_page_of_5000_events_ms',
    value: Math.round(read),
    target: '< 200',
    met: read < 200,
    events: TIMELINE_EVENTS,
    page: TIMELINE_PAGE,
    baseline_healthz_ms: Number(base.toFixed(1)),
    ratio_to_baseline: Math.round(read / base),
    reads: timeline.length,
    rounds: options.rounds,
  });
}

/** One care service of 500 people per round, with clinical flags and a GP or nurse in each circle. */
async function seedServices(db: Db, orgId: string, rounds: number): Promise<string[]> {
  const now = new Date();
  const partner = randomUUID();
  await db
    .insertInto('partner_organisations')
    .values({
      org_id: orgId,
      id: partner,
      name: 'Riverside Health Centre',
      type: 'gp',
      created_at: now,
      updated_at: now,
    })
    .execute();
  const contactTypes = ['gp', 'district_nurse', 'community_nurse'] as const;
  const contacts = Array.from({ length: 30 }, (_, index) => ({
    org_id: orgId,
    id: randomUUID(),
    partner_organisation_id: partner,
    name: `Clinician ${index}`,
    type: contactTypes[index % contactTypes.length]!,
    email: `clinician${index}@example.nhs.uk`,
    created_at: now,
    updated_at: now,
  }));
  await db.insertInto('partner_contacts').values(contacts).execute();
  const services: string[] = [];
  for (let round = 0; round < rounds; round += 1) {
    const service = randomUUID();
    services.push(service);
    await db
      .insertInto('care_services')
      .values({ org_id: orgId, id: service, name: `Service ${round}`, created_at: now, updated_at: now })
      .execute();
    const people = Array.from({ length: PEOPLE }, (_, index) => ({
      org_id: orgId,
      id: randomUUID(),
      given_name: `Person ${index}`,
      family_name: `Round ${round}`,
      care_service_id: service,
      date_of_birth: `19${30 + (index % 60)}-0${1 + (index % 9)}-1${index % 10}`,
      clinical_flags: clinicalFlags.filter((_, flag) => (index + flag) % 5 === 0),
      status: 'active' as const,
      created_at: now,
      updated_at: now,
    }));
    await db.insertInto('people').values(people).execute();
    await db
      .insertInto('person_circle_members')
      .values(
        people.map((person, index) => {
          const contact = contacts[index % contacts.length]!;
          return {
            org_id: orgId,
            id: randomUUID(),
            person_id: person.id,
            partner_contact_id: contact.id,
            role: contact.type,
            is_primary: true,
            started_on: '2026-01-01',
            created_at: now,
            updated_at: now,
          };
        }),
      )
      .execute();
  }
  return services;
}

/** An incident with 5,000 events on its timeline. */
async function seedTimeline(db: Db, orgId: string, managerId: string): Promise<string> {
  const incident = randomUUID();
  const started = new Date(Date.now() - 7 * 86_400_000);
  await db
    .insertInto('incidents')
    .values({
      org_id: orgId,
      id: incident,
      type: 'flood',
      title: 'Flood at the timeline service',
      summary: 'Water came in through the ground floor.',
      severity: 'critical',
      started_at: started,
      ended_at: null,
      care_service_ids: [],
      locations: [],
      lead_id: managerId,
      partner_liaison_id: managerId,
      escalation_route: null,
      created_by: managerId,
      created_at: started,
      closed_at: null,
      closed_by: null,
      review: null,
      findings: null,
      updated_at: started,
    })
    .execute();
  const contact = await db
    .selectFrom('partner_contacts')
    .select(['id', 'partner_organisation_id'])
    .where('org_id', '=', orgId)
    .executeTakeFirstOrThrow();
  // 2,000 decisions, readings and notes.
  await sql`insert into incident_records (org_id, id, incident_id, kind, occurred_at, recorded_at, recorded_by_type,
      recorded_by, decision, evidence, rationale, location, measure, value, unit, note)
    select ${orgId}, gen_random_uuid(), ${incident}, (array['decision', 'reading', 'note'])[1 + n % 3],
      ${started}::timestamptz + n * interval '1 minute', now(), 'user', ${managerId},
      case when n % 3 = 0 then 'Keep residents upstairs' end, case when n % 3 = 0 then 'Water level' end,
      case when n % 3 = 0 then 'Safety first' end, case when n % 3 = 1 then 'Lounge' end,
      case when n % 3 = 1 then 'water depth' end, case when n % 3 = 1 then n % 40 end,
      case when n % 3 = 1 then 'cm' end, case when n % 3 = 2 then 'Checked every room' end
    from generate_series(1, 2000) as n`.execute(db);
  // 500 messages with 6 thread entries each: 3,000 events.
  await sql`insert into partner_messages (org_id, id, template, ask_type, urgency, partner_organisation_id,
      partner_contact_id, subject, summary, impact, mitigations, ask, deadline, status, sent_by_type, sent_by, sent_at,
      updated_at, incident_id)
    select ${orgId}, gen_random_uuid(), 'request', 'action', 'urgent', ${contact.partner_organisation_id},
      ${contact.id}, 'Flood update ' || n, 'Since 6am today water has come in.', 'Residents moved.',
      'Sandbags in place.', 'Please send pumps by 5pm today.', now(), 'responded', 'user', ${managerId},
      ${started}::timestamptz + n * interval '3 minutes', now(), ${incident}
    from generate_series(1, 500) as n`.execute(db);
  await sql`insert into message_events (org_id, id, message_id, kind, actor_type, actor_id, actor_name, text,
      occurred_at, recorded_at)
    select ${orgId}, gen_random_uuid(), message.id,
      (array['sent', 'emailed', 'acknowledged', 'escalated', 'call_logged', 'responded'])[step],
      'user', ${managerId}, 'Bench Manager', 'Entry ' || step,
      message.sent_at + step * interval '5 minutes', now()
    from partner_messages as message cross join generate_series(1, 6) as step
    where message.org_id = ${orgId} and message.incident_id = ${incident}`.execute(db);
  return incident;
}
