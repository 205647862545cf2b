import { stringify } from 'csv-stringify/sync';

/**
 * A cell a spreadsheet would read as a formula (`=`, `+`, `-`, `@`, or a leading tab or carriage
 * return) is written with a leading apostrophe, so opening an export can never run what someone
 * typed into a record (CSV injection).
 */
export function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
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
