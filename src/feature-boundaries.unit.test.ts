import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sourceFiles } from '../test/source-files.ts';

// A feature's queries are its own: another feature calls its service (or a kernel module), so the
// rules that go with a table (who may see it, what is audited) are kept in one place.

const sourceRoot = import.meta.dirname;

/** `file imports target` for each import of a repository outside the file's own folder under `root`. */
function repositoryImportsAcrossFeatures(root: string, files: readonly string[]): string[] {
  // The folder under `root` a file belongs to (`''` for the files at the top).
  const featureOf = (file: string) => {
    const parts = path.relative(root, file).split(path.sep);
    return parts.length > 1 ? (parts[0] ?? '') : '';
  };
  const offenders: string[] = [];
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    for (const match of text.matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+\.repository(?:\.ts)?)['"]/g)) {
      const target = path.resolve(path.dirname(file), match[1] ?? '');
      if (featureOf(target) !== featureOf(file)) {
        offenders.push(`${path.relative(root, file)} imports ${path.relative(root, target)}`);
      }
    }
  }
  return offenders.sort();
}

describe('feature boundaries', () => {
  it('no feature imports another feature’s repository', () => {
    const files = sourceFiles(sourceRoot);
    expect(files.length).toBeGreaterThan(100);
    expect(repositoryImportsAcrossFeatures(sourceRoot, files)).toEqual([]);
  });

  it('names each file that does, and lets a feature use its own', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-boundaries-'));
    try {
      fs.mkdirSync(path.join(root, 'incidents'));
      const offending = path.join(root, 'incidents', 'incidents.service.ts');
      fs.writeFileSync(
        offending,
        "import * as peopleRepository from '../people/people.repository.ts';\nimport * as incidentsRepository from './incidents.repository.ts';\n",
      );
      expect(repositoryImportsAcrossFeatures(root, [offending])).toEqual([
        path.join('incidents', 'incidents.service.ts') +
          ' imports ' +
          path.join('people', 'people.repository.ts'),
      ]);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
