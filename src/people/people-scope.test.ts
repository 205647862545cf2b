import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { testAppForFile } from '../../test/app-for-test.ts';
import {
  createTestCareService,
  createTestOrganisation,
  createTestPerson,
  uniqueNhsNumber,
} from '../../test/factories.ts';
import * as peopleRepository from './people.repository.ts';
import { type ClinicalFlag, clinicalFlags, type PersonStatus, personStatuses } from './people.vocabulary.ts';

// The people search in the data layer against a reference written in plain code (TRUST Z11):
// random people in three organisations, random searches by any of them, and the rows the SQL
// finds must be exactly those the reference finds: in the caller's organisation only, matching
// every filter, in the same order. Each run adds people to those already there, so searches meet
// more and more of other organisations' people.

const t = testAppForFile({ at: '2026-11-23T09:00:00Z' });

type Modelled = {
  id: string;
  org: number;
  givenName: string;
  familyName: string;
  preferredName: string | null;
  nhsNumber: string;
  status: PersonStatus;
  service: number | null;
  flags: ClinicalFlag[];
};

const organisations: { id: string; services: string[] }[] = [];
const everyone: Modelled[] = [];

beforeAll(async () => {
  for (let index = 0; index < 3; index += 1) {
    const organisation = await createTestOrganisation(t.db, t.clock);
    const services = [];
    for (let service = 0; service < 2; service += 1) {
      services.push((await createTestCareService(t.db, t.clock, organisation.id)).id);
    }
    organisations.push({ id: organisation.id, services });
  }
});

// Few names, shared between organisations, so searches find people everywhere.
const givenNames = ['Ann', 'anna', 'Bob', 'Cara', 'Dev'] as const;
const familyNames = ['Hughes', 'hughson', 'Jones', 'Ng', 'Okafor'] as const;
const fragments = ['ann', 'HUGH', 'ng', 'o', 'Bob Jones', 'cara ok', 'x', 'a_n', '%'] as const;

const personArbitrary = fc.record({
  org: fc.integer({ min: 0, max: 2 }),
  givenName: fc.constantFrom(...givenNames),
  familyName: fc.constantFrom(...familyNames),
  preferredName: fc.option(fc.constantFrom('Nan', 'Bobby', 'Dee'), { nil: null }),
  status: fc.constantFrom(...personStatuses),
  service: fc.option(fc.integer({ min: 0, max: 1 }), { nil: null }),
  flags: fc.subarray([...clinicalFlags], { maxLength: 2 }),
});

const searchArbitrary = fc.record({
  org: fc.integer({ min: 0, max: 2 }),
  q: fc.option(fc.oneof(fc.constantFrom(...fragments), fc.constant('nhs')), { nil: undefined }),
  status: fc.option(fc.constantFrom(...personStatuses), { nil: undefined }),
  service: fc.option(fc.integer({ min: 0, max: 1 }), { nil: undefined }),
  flag: fc.option(fc.constantFrom(...clinicalFlags), { nil: undefined }),
});

/** The policy and the search, in plain code: the caller's organisation, then each filter. */
type Search = typeof searchArbitrary extends fc.Arbitrary<infer Value> ? Value : never;

function reference(search: Search, q: string | undefined): Modelled[] {
  const contains = (text: string | null, part: string) =>
    Boolean(text?.toLowerCase().includes(part.toLowerCase()));
  return everyone
    .filter((person) => person.org === search.org)
    .filter((person) => {
      if (!q) return true;
      const digits = q.replace(/\s+/g, '');
      return (
        contains(person.givenName, q) ||
        contains(person.familyName, q) ||
        contains(person.preferredName, q) ||
        contains(`${person.givenName} ${person.familyName}`, q) ||
        (/^\d{10}$/.test(digits) && person.nhsNumber === digits)
      );
    })
    .filter((person) => search.service === undefined || person.service === search.service)
    .filter((person) => search.status === undefined || person.status === search.status)
    .filter((person) => search.flag === undefined || person.flags.includes(search.flag))
    .sort(
      (a, b) =>
        compare(a.familyName.toLowerCase(), b.familyName.toLowerCase()) ||
        compare(a.givenName.toLowerCase(), b.givenName.toLowerCase()) ||
        compare(a.id, b.id),
    );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

describe('the people search, scoped to the caller’s organisation', () => {
  it('finds exactly what the reference finds, in the same order', { timeout: 180_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(personArbitrary, { maxLength: 4 }),
        searchArbitrary,
        async (added, search) => {
          for (const person of added) {
            const organisation = organisations[person.org]!;
            const nhsNumber = uniqueNhsNumber();
            const created = await createTestPerson(t.db, t.clock, organisation.id, {
              givenName: person.givenName,
              familyName: person.familyName,
              preferredName: person.preferredName,
              nhsNumber,
              status: person.status,
              careServiceId: person.service === null ? null : organisation.services[person.service]!,
              flags: person.flags,
            });
            everyone.push({ ...person, id: created.id, nhsNumber });
          }
          // 'nhs': the NHS number of someone, anywhere, written with spaces as people do.
          const someone = everyone[everyone.length - 1];
          const q =
            search.q === 'nhs'
              ? someone
                ? `${someone.nhsNumber.slice(0, 3)} ${someone.nhsNumber.slice(3, 6)} ${someone.nhsNumber.slice(6)}`
                : undefined
              : search.q;
          const organisation = organisations[search.org]!;
          const found = await peopleRepository.listPeople(t.db, organisation.id, {
            q,
            status: search.status,
            careServiceId: search.service === undefined ? undefined : organisation.services[search.service],
            clinicalFlag: search.flag,
            limit: 1_000,
            offset: 0,
          });
          expect(found.map((row) => row.id)).toEqual(reference(search, q).map((person) => person.id));
          expect(found.every((row) => row.org_id === organisation.id)).toBe(true);
        },
      ),
      { numRuns: 40 },
    );
    expect(new Set(everyone.map((person) => person.org)).size).toBe(3);
  });
});
