import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { neutraliseFormula, toCsv } from './csv.ts';

describe('CSV exports', () => {
  it('neutralises every cell a spreadsheet would run as a formula', () => {
    const hostile = ['=HYPERLINK("http://x","y")', '+1+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1'];
    const csv = toCsv(
      ['note'],
      hostile.map((value) => [value]),
    );
    const cells = (parse(csv) as string[][]).slice(1).map(([value]) => value);
    expect(cells).toEqual(hostile.map((value) => `'${value}`));
  });

  it('neutralises separators some locales run (; and |), full-width forms, and formulas behind spaces or control characters', () => {
    const hostile = [
      ';=1+1',
      ';cmd',
      '|calc',
      '\uFF1D1+1',
      '\uFF0B1',
      '\uFF0D1',
      '\uFF20SUM(A1)',
      '\uFF1B1',
      '\uFF5C1',
      ' =1+1',
      '\u00a0=1+1',
      '\u0000=10+10',
      '\u200b=1',
      '\ufeff+1',
      '\n=1',
      '\t',
      '\r',
    ];
    for (const value of hostile) expect(neutraliseFormula(value)).toBe(`'${value}`);
    const csv = toCsv(
      ['note'],
      hostile.map((value) => [value]),
    );
    const cells = (parse(csv) as string[][]).slice(1).map(([value]) => value);
    expect(cells).toEqual(hostile.map((value) => `'${value}`));
    for (const ordinary of [
      'Phoned the GP; no answer',
      'A & E',
      'ward 3 | bed 2',
      ' spaced',
      '12.5',
      'e-mail',
    ]) {
      expect(neutraliseFormula(ordinary)).toBe(ordinary);
    }
  });

  it('leaves ordinary text alone and round-trips through a CSV parser', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.string(), { minLength: 2, maxLength: 2 }), { maxLength: 5 }),
        (rows) => {
          const parsed = parse(toCsv(['a', 'b'], rows), { relax_column_count: true }) as string[][];
          expect(parsed.slice(1)).toEqual(rows.map((row) => row.map(neutraliseFormula)));
          for (const row of parsed.slice(1))
            for (const cell of row) expect(cell).not.toMatch(/^[\s\p{Cc}\p{Cf}]*[=+\-@;|＝＋－＠；｜]/u);
        },
      ),
    );
    expect(neutraliseFormula('Phoned the GP')).toBe('Phoned the GP');
  });
});
