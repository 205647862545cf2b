import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// A join between two of an organisation's tables is written with `sameOrganisation`, so the
// organisation is matched in one place and cannot be left out of a join by a slip of the hand.

const sourceRoot = path.resolve(import.meta.dirname, '..');

function sourceFiles(directory: string): string[] {
  return fs.readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) return full.endsWith(path.join('db', 'migrations')) ? [] : sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !entry.name.includes('.test.') ? [full] : [];
  });
}

/** `file: alias` for each join condition that matches two tables' `org_id` and then a key by hand. */
function organisationJoinsByHand(files: readonly string[]): string[] {
  const byHand = /\.onRef\(\s*'(\w+)\.org_id',\s*'=',\s*'\w+\.org_id'\s*\)\s*\.onRef\(/g;
  return files.flatMap((file) =>
    [...fs.readFileSync(file, 'utf8').matchAll(byHand)].map(
      (match) => `${path.relative(sourceRoot, file)}: ${match[1]}`,
    ),
  );
}

describe('joins within an organisation', () => {
  it('are all written with sameOrganisation', () => {
    const files = sourceFiles(sourceRoot);
    expect(files.length).toBeGreaterThan(100);
    expect(organisationJoinsByHand(files)).toEqual([]);
  });

  it('names a join written by hand', () => {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-organisation-joins-'));
    try {
      const file = path.join(directory, 'partners.repository.ts');
      fs.writeFileSync(
        file,
        ".innerJoin('partner_organisations as partner', (join) =>\n" +
          "  join\n    .onRef('partner.org_id', '=', 'contact.org_id')\n" +
          "    .onRef('partner.id', '=', 'contact.partner_organisation_id'),\n)\n",
      );
      expect(organisationJoinsByHand([file]).map((offender) => offender.split(': ')[1])).toEqual(['partner']);
    } finally {
      fs.rmSync(directory, { recursive: true, force: true });
    }
  });
});
