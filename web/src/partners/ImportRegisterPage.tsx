import { type ChangeEvent, useState } from 'react';
import { Link } from 'react-router';
import { ApiError, importPartnerRegister, type PartnerRegisterImport } from '../api.ts';
import { ErrorSummary } from '../ui/ErrorSummary.tsx';
import { Form, SubmitButton, useFormSubmit } from '../ui/form.tsx';
import { ErrorMessage } from '../ui/form-fields.tsx';
import { NotificationBanner } from '../ui/NotificationBanner.tsx';
import { BackLink } from '../ui/page-parts.tsx';
import { SummaryList } from '../ui/SummaryList.tsx';
import { Cell, Row, Table } from '../ui/Table.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';

const maxCharacters = 1_000_000;

/** The columns the server reads (see partner-import.service.ts), with what each holds. */
const columns: { name: string; holds: string }[] = [
  {
    name: 'organisation_name',
    holds: 'Required. An organisation already in the register is matched by name.',
  },
  {
    name: 'organisation_type',
    holds: 'Required. Like GP, social worker, district nurse or safeguarding team.',
  },
  { name: 'ods_code', holds: 'The NHS ODS code, like A81001.' },
  { name: 'contact_name', holds: 'A named person there. Leave empty for a row about the organisation only.' },
  { name: 'contact_type', holds: 'Required with a contact: what kind of partner they are.' },
  { name: 'job_title', holds: 'The contact’s job title.' },
  { name: 'email', holds: 'The contact’s email address.' },
  { name: 'phone', holds: 'The contact’s phone number.' },
  { name: 'urgent_phone', holds: 'A phone line for urgent matters.' },
  { name: 'urgent_hours', holds: 'When urgent_phone is staffed, like Mon-Fri 08:00-18:30 or 24/7.' },
  { name: 'routine_email', holds: 'An email address for routine matters.' },
  { name: 'routine_hours', holds: 'When routine_email is read, like Mon-Fri 09:00-17:00.' },
  { name: 'out_of_hours_phone', holds: 'A line for urgent matters when nothing else is staffed.' },
  { name: 'staffed_on_bank_holidays', holds: 'Yes or no (empty means no).' },
];

type RowProblem = { row: string; column: string; message: string };

/** The server names each problem `row N: column`. */
function toRowProblems(error: ApiError): RowProblem[] {
  return error.fieldErrors.map((problem) => {
    const match = /^row (\d+): (.*)$/.exec(problem.field);
    return match
      ? { row: match[1] ?? '', column: match[2] ?? '', message: problem.message }
      : { row: '', column: problem.field, message: problem.message };
  });
}

export function ImportRegisterPage() {
  const [csv, setCsv] = useState('');
  const [fileName, setFileName] = useState<string | null>(null);
  const [rowProblems, setRowProblems] = useState<RowProblem[]>([]);
  const [report, setReport] = useState<PartnerRegisterImport | null>(null);
  const tooBig = 'The file is too big: import at most 5,000 rows at a time';
  const form = useFormSubmit(
    { csvFile: 'csv-file', csv: 'csv' },
    async () => {
      setReport(null);
      setRowProblems([]);
      if (csv.trim() === '')
        return [{ field: 'csvFile', message: 'Choose a CSV file, or paste its contents' }];
      if (csv.length > maxCharacters) return [{ field: 'csv', message: tooBig }];
      setReport(await importPartnerRegister(csv));
      setCsv('');
      setFileName(null);
    },
    {
      // Every problem in the file is listed by row below the summary, which names the first few.
      explainFailure(error) {
        if (!(error instanceof ApiError && error.status === 400 && error.fieldErrors.length > 0)) return;
        const found = toRowProblems(error);
        setRowProblems(found);
        return {
          items: [
            { text: error.detail, href: '#import-problems' },
            ...found.slice(0, 5).map((problem) => ({
              text: `${problem.row ? `Row ${problem.row}, ` : ''}${problem.column}: ${problem.message}`,
              href: '#import-problems',
            })),
          ],
          byField: new Map(),
        };
      },
    },
  );
  usePageTitle('Import partners from a CSV file', form.hasErrors);

  function chooseFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.currentTarget.files?.[0];
    form.showProblems([]);
    setRowProblems([]);
    setReport(null);
    if (!file) return;
    if (file.size > maxCharacters * 4) {
      form.showProblems([{ field: 'csvFile', message: tooBig }]);
      return;
    }
    const reader = new FileReader();
    reader.onload = () => {
      setCsv(typeof reader.result === 'string' ? reader.result : '');
      setFileName(file.name);
    };
    reader.onerror = () =>
      form.showProblems([{ field: 'csvFile', message: 'The file could not be read. Choose it again' }]);
    reader.readAsText(file);
  }

  const csvError = rowProblems.length > 0 ? 'Correct the file and import it again' : undefined;
  return (
    <>
      <BackLink to="/partners">Back to the partner register</BackLink>
      <ErrorSummary items={form.errors.items} />
      {report ? (
        <NotificationBanner variant="success">
          The file has been imported: {report.rows} {report.rows === 1 ? 'row' : 'rows'}.
        </NotificationBanner>
      ) : null}
      <h1>Import partners from a CSV file</h1>
      {report ? (
        <>
          <SummaryList
            rows={[
              { key: 'Rows imported', value: report.rows },
              { key: 'Organisations added', value: report.organisationsCreated },
              { key: 'Organisations already in the register', value: report.organisationsMatched },
              { key: 'Contacts added', value: report.contactsCreated },
              { key: 'Channels added', value: report.channelsCreated },
            ]}
          />
          <p>
            <Link to="/partners">Go to the partner register</Link>
          </p>
        </>
      ) : null}

      {rowProblems.length > 0 ? (
        <div id="import-problems" tabIndex={-1}>
          <Table caption="Problems in the file: nothing was imported" headings={['Row', 'Column', 'Problem']}>
            {rowProblems.map((problem) => (
              <Row key={`${problem.row} ${problem.column} ${problem.message}`}>
                <Cell heading="Row">{problem.row || 'Whole file'}</Cell>
                <Cell heading="Column">{problem.column}</Cell>
                <Cell heading="Problem">{problem.message}</Cell>
              </Row>
            ))}
          </Table>
        </div>
      ) : null}

      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <p>
            Add many organisations, contacts and channels at once from a spreadsheet saved as CSV. Every row
            is checked first: if any row has a problem, nothing is imported and each problem is listed by row,
            so you can correct the file and import it again. Contacts imported count as checked today.
          </p>
          <Form form={form}>
            <div className={form.hasErrors ? 'nhsuk-form-group nhsuk-form-group--error' : 'nhsuk-form-group'}>
              <label className="nhsuk-label" htmlFor="csv-file">
                Choose a CSV file
              </label>
              <div className="nhsuk-hint" id="csv-file-hint">
                The first row must name the columns. {fileName ? `Chosen: ${fileName}.` : null}
              </div>
              <input
                className="nhsuk-file-upload__input"
                id="csv-file"
                name="csvFile"
                type="file"
                accept=".csv,text/csv"
                aria-describedby="csv-file-hint"
                onChange={chooseFile}
              />
            </div>
            <div className={csvError ? 'nhsuk-form-group nhsuk-form-group--error' : 'nhsuk-form-group'}>
              <label className="nhsuk-label" htmlFor="csv">
                Or paste the file’s contents
              </label>
              <ErrorMessage id="csv" error={csvError} />
              <textarea
                className={csvError ? 'nhsuk-textarea nhsuk-textarea--error' : 'nhsuk-textarea'}
                id="csv"
                name="csv"
                rows={8}
                spellCheck={false}
                value={csv}
                aria-describedby={csvError ? 'csv-error' : undefined}
                onChange={(event) => setCsv(event.currentTarget.value)}
              />
            </div>
            <SubmitButton>Import</SubmitButton>
          </Form>
        </div>
      </div>

      <details className="nhsuk-details">
        <summary className="nhsuk-details__summary">
          <span className="nhsuk-details__summary-text">The columns Liaison reads</span>
        </summary>
        <div className="nhsuk-details__text">
          <p>Column names can be in any order and any case. Leave out the ones you do not need.</p>
          <Table caption="Columns" headings={['Column', 'What it holds']}>
            {columns.map((column) => (
              <Row key={column.name}>
                <Cell heading="Column">
                  <code>{column.name}</code>
                </Cell>
                <Cell heading="What it holds">{column.holds}</Cell>
              </Row>
            ))}
          </Table>
        </div>
      </details>
    </>
  );
}
