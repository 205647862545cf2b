import fs from 'node:fs';
import { describe, expect, it } from 'vitest';

// Every dependency comes from the npm registry over HTTPS (TRUST C1): the lockfile names no other
// source (another registry, plain HTTP, a git repository, a tarball address, a local folder), and
// package.json asks for versions only.

type LockEntry = { resolved?: string; link?: boolean; version?: string };
const lock = JSON.parse(fs.readFileSync('package-lock.json', 'utf8')) as {
  lockfileVersion: number;
  packages: Record<string, LockEntry>;
};
const manifest = JSON.parse(fs.readFileSync('package.json', 'utf8')) as Record<string, unknown>;

describe('where dependencies come from', () => {
  it('is the npm registry over HTTPS, for every package in the lockfile', () => {
    expect(lock.lockfileVersion).toBe(3);
    const entries = Object.entries(lock.packages).filter(([name]) => name !== '');
    expect(entries.length).toBeGreaterThan(100);
    const elsewhere = entries
      .filter(([, entry]) => entry.resolved && !entry.resolved.startsWith('https://registry.npmjs.org/'))
      .map(([name, entry]) => `${name}: ${entry.resolved}`);
    expect(elsewhere).toEqual([]);
    const notFromARegistry = entries
      .filter(([, entry]) => entry.link || /^(?:git|file|http|github:)/.test(entry.version ?? ''))
      .map(([name]) => name);
    expect(notFromARegistry).toEqual([]);
  });

  it('is asked for by version range in package.json, never by address', () => {
    const ranges = ['dependencies', 'devDependencies', 'optionalDependencies'].flatMap((field) =>
      Object.entries((manifest[field] ?? {}) as Record<string, string>),
    );
    expect(ranges.length).toBeGreaterThan(20);
    const byAddress = ranges
      .filter(([, range]) => /[:/]/.test(range))
      .map(([name, range]) => `${name}@${range}`);
    expect(byAddress).toEqual([]);
  });
});
