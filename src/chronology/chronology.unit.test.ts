import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Executor } from '../db/database.ts';
import {
  type ChronologyEntry,
  type ChronologySource,
  mergeChronology,
  type SourceQuery,
} from './chronology.ts';

// The merge against sources held in memory that honour the window the way a SQL source does:
// paging through every page gives every entry exactly once, newest first, whatever the ties.

function memorySource(name: string, entries: ChronologyEntry[]): ChronologySource {
  return {
    name,
    read: async (_executor: Executor, query: SourceQuery) =>
      entries
        .filter((entry) => {
          const before = query.before;
          if (!before) return true;
          const t = entry.occurredAt.getTime();
          const at = before.at.getTime();
          if ('idBelow' in before) return t < at || (t === at && entry.id < before.idBelow);
          return before.mode === 'inclusive' ? t <= at : t < at;
        })
        .sort((a, b) => b.occurredAt.getTime() - a.occurredAt.getTime() || (a.id < b.id ? 1 : -1))
        .slice(0, query.limit),
  };
}

const uuid = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

describe('merging chronology sources', () => {
  it('pages through every entry of every source exactly once, newest first', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 30 }), {
          minLength: 1,
          maxLength: 4,
        }),
        fc.integer({ min: 1, max: 7 }),
        async (times, limit) => {
          let next = 0;
          const sources = times.map((minutes, index) =>
            memorySource(
              `source_${index}`,
              minutes.map((minute) => {
                next += 1;
                return {
                  source: `source_${index}`,
                  id: uuid(next),
                  occurredAt: new Date(Date.UTC(2026, 11, 7, 9, minute)),
                  recordedAt: new Date(Date.UTC(2026, 11, 7, 9, minute)),
                  agency: 'Oak House',
                  kindLabel: 'Note',
                  text: 'x',
                  recordedBy: null,
                  subject: null,
                };
              }),
            ),
          );
          const seen: ChronologyEntry[] = [];
          let before: string | null = null;
          for (let page = 0; page < 200; page += 1) {
            const result: Awaited<ReturnType<typeof mergeChronology>> = await mergeChronology(
              {} as Executor,
              sources,
              { orgId: 'o', key: 'k', ownAgency: 'Oak House', from: null, to: null, before, limit },
            );
            seen.push(...result.items);
            before = result.nextBefore;
            if (!before) break;
          }
          expect(seen.map((entry) => entry.id).sort()).toEqual(
            Array.from({ length: next }, (_, index) => uuid(index + 1)).sort(),
          );
          for (let index = 1; index < seen.length; index += 1) {
            expect(seen[index - 1]!.occurredAt.getTime()).toBeGreaterThanOrEqual(
              seen[index]!.occurredAt.getTime(),
            );
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('refuses a cursor it did not write, naming the field', async () => {
    await expect(
      mergeChronology({} as Executor, [], {
        orgId: 'o',
        key: 'k',
        ownAgency: 'x',
        from: null,
        to: null,
        before: 'not-a-cursor',
        limit: 10,
      }),
    ).rejects.toMatchObject({ kind: 'validation', fields: [{ field: 'before' }] });
  });
});
