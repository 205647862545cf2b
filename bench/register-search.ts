import { randomUUID } from 'node:crypto';
import { createApiToken } from '../src/auth/auth.service.ts';
import { systemClock } from '../src/clock.ts';
import { systemContext } from '../src/context.ts';
import { createDatabase } from '../src/db/create-db.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { createOrganisation } from '../src/organisations/organisations.service.ts';
import * as partnersRepository from '../src/partners/partners.repository.ts';
import { percentile } from './channel-choice.ts';
import { createBenchDatabase, median, printFigure, startServerProcess } from './support.ts';

const givenNames = [
  'Amira',
  'Ben',
  'Chloe',
  'Dev',
  'Ellen',
  'Farid',
  'Grace',
  'Hugh',
  'Isla',
  'Jon',
  'Kiran',
  'Lena',
];
const familyNames = [
  'Marchbank',
  'Okafor',
  'Patel',
  'Quinn',
  'Rowe',
  'Singh',
  'Thorne',
  'Usher',
  'Vance',
  'Wilde',
];
const types = ['gp', 'district_nurse', 'social_worker', 'housing', 'advocate', 'dietician'] as const;

/**
 * Searching a register of 10,000 contacts through the API on PostgreSQL: p95 over varied name
 * searches, type filters and organisation filters. The baseline is GET /healthz on the same
 * server, so the figure's ratio is what the search itself costs.
 */
export async function benchmarkRegisterSearch(options: {
  adminUrl: string;
  rounds: number;
  logFile: string;
}) {
  const databaseUrl = await createBenchDatabase(options.adminUrl, 'liaison_bench_search');

  const handle = await createDatabase({ backend: 'postgres', url: databaseUrl });
  await migrateToLatest(handle.db);
  const organisation = await createOrganisation(
    handle.db,
    { name: 'Search Benchmark Care' },
    systemClock,
    'bench',
  );
  const now = new Date();
  const partnerOrganisations = Array.from({ length: 500 }, (_, index) => ({
    org_id: organisation.id,
    id: randomUUID(),
    name: `${familyNames[index % familyNames.length]} ${['Surgery', 'Nursing Team', 'Housing', 'Advocacy'][index % 4]} ${index}`,
    type: types[index % types.length]!,
    ods_code: null,
    address: null,
    notes: null,
    created_at: now,
    updated_at: now,
  }));
  await partnersRepository.insertPartnerOrganisations(handle.db, partnerOrganisations);
  for (let batch = 0; batch < 10; batch += 1) {
    await partnersRepository.insertPartnerContacts(
      handle.db,
      Array.from({ length: 1_000 }, (_, offset) => {
        const index = batch * 1_000 + offset;
        return {
          org_id: organisation.id,
          id: randomUUID(),
          partner_organisation_id: partnerOrganisations[index % partnerOrganisations.length]!.id,
          name: `${givenNames[index % givenNames.length]} ${familyNames[(index * 7) % familyNames.length]} ${index}`,
          job_title: null,
          type: types[index % types.length]!,
          email: `contact${index}@example.org`,
          phone: null,
          notes: null,
          last_verified_at: now,
          last_verified_by: null,
          ended_at: null,
          ended_reason: null,
          created_at: now,
          updated_at: now,
        };
      }),
    );
  }
  await partnersRepository.analyseRegister(handle.db);
  const creator = await handle.db
    .insertInto('users')
    .values({
      org_id: organisation.id,
      id: randomUUID(),
      email: 'bench-search@example.org',
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
  const context = {
    ...systemContext(organisation.id, 'bench'),
    actor: { type: 'user' as const, id: creator.id, role: 'registered_manager' as const },
  };
  const { token } = await createApiToken(handle.db, context, {
    name: 'bench',
    role: 'care_worker',
    expiresAt: null,
    clock: systemClock,
  });
  await handle.close();

  const server = await startServerProcess(['dist/server/main.js'], {
    port: 3905,
    env: { DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn', HOST: '127.0.0.1' },
    logFile: options.logFile,
  });
  const queries = [
    ...givenNames.map((name) => `q=${name}`),
    ...familyNames.map((name) => `q=${name.slice(0, 4).toLowerCase()}`),
    ...types.map((type) => `type=${type}`),
    ...partnerOrganisations.slice(0, 20).map((partner) => `partnerOrganisationId=${partner.id}`),
    'q=Amira%20Patel',
    'q=zzz',
  ];
  const headers = { authorization: `Bearer ${token}` };
  const timed = async (path: string) => {
    const began = performance.now();
    const response = await fetch(`${server.url}${path}`, { headers });
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`${path} answered ${response.status}`);
    return performance.now() - began;
  };
  const p95s: number[] = [];
  const baselineP95s: number[] = [];
  try {
    for (let round = 0; round < options.rounds; round += 1) {
      const search: number[] = [];
      const baseline: number[] = [];
      for (let repeat = 0; repeat < 6; repeat += 1) {
        for (const query of queries) {
          search.push(await timed(`/api/partner-contacts?${query}`));
          baseline.push(await timed('/healthz'));
        }
      }
      p95s.push(percentile(search, 0.95));
      baselineP95s.push(percentile(baseline, 0.95));
    }
  } finally {
    await server.stop();
  }
  const p95 = median(p95s);
  printFigure({
    figure: 'register_search_p95_ms',
    value: Number(p95.toFixed(1)),
    target: '< 50',
    met: p95 < 50,
    contacts: 10_000,
    baseline_healthz_p95_ms: Number(median(baselineP95s).toFixed(1)),
    ratio_to_baseline: Number((p95 / median(baselineP95s)).toFixed(1)),
    searches_per_round: queries.length * 6,
    rounds: options.rounds,
  });
}
