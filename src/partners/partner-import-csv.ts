import { CsvError } from 'csv-parse';
import { parse } from 'csv-parse/sync';

// Reading the partner register's CSV file: rows and cells, with a problem for each thing that
// stops it being read. Checking what the cells say is partner-import.service.ts.

/** The columns Liaison reads, in the order of the template in docs/partners.md. */
export const importColumns = [
  'organisation_name',
  'organisation_type',
  'ods_code',
  'contact_name',
  'contact_type',
  'job_title',
  'email',
  'phone',
  'urgent_phone',
  'urgent_hours',
  'routine_email',
  'routine_hours',
  'out_of_hours_phone',
  'staffed_on_bank_holidays',
] as const;
export type Column = (typeof importColumns)[number];
export type Cells = Record<Column, string>;

const MAX_ROWS = 5_000;

export type ImportProblem = { row: number; field: string; message: string };

/** Spreadsheets say "GP", "Social worker" or "Contact Name"; Liaison's names are snake_case. */
export function snakeCase(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
}

export function readRows(csv: string): { rows: { row: number; cells: Cells }[]; problems: ImportProblem[] } {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    // With `info: true` each record comes with where it was found (the types do not say so).
    records = parse(csv, {
      bom: true,
      trim: true,
      skip_empty_lines: true,
      relax_column_count: true,
      info: true,
    }) as unknown as typeof records;
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const line = typeof error.lines === 'number' ? error.lines : 1;
    return {
      rows: [],
      problems: [{ row: line, field: 'file', message: `The file is not valid CSV: ${error.message}.` }],
    };
  }
  const [header, ...body] = records;
  if (!header) return { rows: [], problems: [{ row: 1, field: 'file', message: 'The file is empty.' }] };
  const problems: ImportProblem[] = [];
  const columns = readHeader(header.record, problems);
  if (body.length === 0)
    problems.push({ row: 1, field: 'file', message: 'The file has a header row but no rows to import.' });
  if (body.length > MAX_ROWS) {
    problems.push({
      row: 1,
      field: 'file',
      message: `The file has ${body.length} rows; import at most ${MAX_ROWS} at a time.`,
    });
  }
  if (problems.length > 0 || !columns) return { rows: [], problems };
  const rows = body.map(({ record, info }) => {
    const row = startLine(record, info.lines);
    if (record.length > columns.length && record.slice(columns.length).some(Boolean)) {
      problems.push({
        row,
        field: 'file',
        message: `This row has more cells than the header has columns (${columns.length}).`,
      });
    }
    const cells = Object.fromEntries(importColumns.map((column) => [column, ''])) as Cells;
    columns.forEach((column, index) => {
      cells[column] = record[index] ?? '';
    });
    return { row, cells };
  });
  return { rows, problems };
}

/** csv-parse reports the line a record ends on; a cell holding line breaks started earlier. */
function startLine(record: string[], endLine: number): number {
  return endLine - record.reduce((breaks, cell) => breaks + (cell.match(/\n/g)?.length ?? 0), 0);
}

function readHeader(header: string[], problems: ImportProblem[]): Column[] | null {
  const columns: Column[] = [];
  for (const name of header.map(snakeCase)) {
    if (!(importColumns as readonly string[]).includes(name)) {
      problems.push({
        row: 1,
        field: name || '(blank)',
        message: `"${name}" is not a column Liaison reads. The columns are: ${importColumns.join(', ')}.`,
      });
    } else if (columns.includes(name as Column)) {
      problems.push({ row: 1, field: name, message: `The column "${name}" appears twice.` });
    } else columns.push(name as Column);
  }
  for (const required of ['organisation_name', 'organisation_type'] as const) {
    if (!columns.includes(required)) {
      problems.push({ row: 1, field: required, message: `The file needs a "${required}" column.` });
    }
  }
  return problems.length > 0 ? null : columns;
}
