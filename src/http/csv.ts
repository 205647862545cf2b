import { stringify } from 'csv-stringify/sync';

/**
 * What makes a spreadsheet read a cell as a formula: `=`, `+`, `-`, `@`, and in some programs and
 * locales `;` (the list separator where `,` is the decimal mark) and `|` (DDE), in their ASCII and
 * full-width forms.
 */
const formulaStart = /^[=+\-@;|\uFF1D\uFF0B\uFF0D\uFF20\uFF1B\uFF5C]/;
/** Spreadsheets skip these before deciding, so they cannot hide a formula behind them. */
const ignoredLead = /^[\s\p{Cc}\p{Cf}\p{Zs}]+/u;

/**
 * A cell a spreadsheet would read as a formula (see formulaStart), also behind leading spaces,
 * tabs, line breaks or other control or invisible characters, or one that starts with a tab,
 * carriage return or line feed, is written with a leading apostrophe, so opening an export can
 * never run what someone typed into a record (CSV injection).
 */
export function neutraliseFormula(value: string): string {
  if (/^[\t\r\n]/.test(value) || formulaStart.test(value.replace(ignoredLead, ''))) return `'${value}`;
  return value;
}

export type CsvCell = string | number | boolean | null;

/** RFC 4180 CSV with a header row, every text cell neutralised, CRLF line ends. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  const cell = (value: CsvCell) => (typeof value === 'string' ? neutraliseFormula(value) : value);
  return stringify([header.map(neutraliseFormula), ...rows.map((row) => row.map(cell))], {
    record_delimiter: 'windows',
    cast: { boolean: (value) => (value ? 'yes' : 'no') },
  });
}
