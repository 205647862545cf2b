import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { actionLabel, actionPhrases } from './audit-labels.ts';

const sourceRoot = path.resolve(import.meta.dirname, '..');

function sourceFiles(directory: string): string[] {
  return fs.readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.includes('.test.') ? [full] : [];
  });
}

describe('audit action labels', () => {
  it('has words for every action the application records', () => {
    const recorded = new Set<string>();
    for (const file of sourceFiles(sourceRoot)) {
      // `action: 'share.check'`, and either side of `action: allowed ? 'share.allowed' : 'share.refused'`.
      for (const line of fs.readFileSync(file, 'utf8').matchAll(/action: [^,\n]*/g)) {
        for (const match of line[0].matchAll(/'([a-z_]+\.[a-z_]+)'/g)) recorded.add(match[1] ?? '');
      }
    }
    // Built from a kind at run time.
    for (const reply of ['acknowledge', 'accept', 'decline', 'done', 'respond'])
      recorded.add(`partner_message.${reply}`);
    for (const kind of ['decision', 'reading', 'hazard', 'note']) recorded.add(`incident.record_${kind}`);
    expect(recorded.size).toBeGreaterThan(80);
    expect([...recorded].filter((action) => !(action in actionPhrases)).sort()).toEqual([]);
  });

  it('labels an action and its outcome in words, never as a code', () => {
    expect(actionLabel('person.view', 'success')).toBe('Viewed the record');
    expect(actionLabel('person.view', 'denied')).toBe('Viewed the record (refused)');
    expect(actionLabel('access.denied', 'denied')).toBe('Was refused access');
    expect(actionLabel('widget.frobnicate', 'success')).not.toMatch(/[._]/);
  });
});
