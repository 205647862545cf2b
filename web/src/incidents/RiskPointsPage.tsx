import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import {
  riskPointKeys,
  riskPointRules,
  standardRiskPoints,
} from '../../../src/incidents/risk-points.vocabulary.ts';
import {
  type FieldError,
  getIncidentRiskPoints,
  type IncidentRiskPoints,
  setIncidentRiskPoints,
} from '../api.ts';
import { useSession } from '../auth/session.tsx';
import { hasRole } from '../roles.ts';
import { ErrorSummary } from '../ui/ErrorSummary.tsx';
import { Form, SubmitButton, useFormField, useFormSubmit } from '../ui/form.tsx';
import { NotificationBanner } from '../ui/NotificationBanner.tsx';
import { LoadProblem } from '../ui/ProblemPages.tsx';
import { BackLink, InsetText, Loading, Moment } from '../ui/page-parts.tsx';
import { Cell, Row, Table } from '../ui/Table.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { useResource } from '../ui/useResource.ts';
import { riskPointsKeepers } from './access.ts';

type PointKey = (typeof riskPointKeys)[number];

/** The table's lines, grouped as a reader looks for them: each condition, then age and communication. */
const groups: { heading: string; keys: PointKey[] }[] = [
  { heading: 'Conditions', keys: riskPointKeys.filter((key) => riskPointRules[key].flag !== null) },
  {
    heading: 'Age and communication',
    keys: riskPointKeys.filter((key) => riskPointRules[key].flag === null),
  },
];

const fields = Object.fromEntries([
  ['highFrom', 'highFrom'],
  ['mediumFrom', 'mediumFrom'],
  ...riskPointKeys.map((key) => [`points.${key}`, `points-${key}`]),
]) as Record<string, string>;

/** The risk points table: read by staff who run incidents, set by the registered manager. */
export function RiskPointsPage() {
  const [searchParams] = useSearchParams();
  const asked = Number(searchParams.get('version'));
  const version = Number.isInteger(asked) && asked > 0 ? asked : undefined;
  const [table, reload] = useResource(`risk points ${version ?? 'in force'}`, () =>
    getIncidentRiskPoints(version),
  );
  const [notice, setNotice] = useState<string | null>(null);
  usePageTitle('Risk points table');
  return (
    <>
      <BackLink to="/incidents">Back to incidents</BackLink>
      {notice ? <NotificationBanner variant="success">{notice}</NotificationBanner> : null}
      <h1>Risk points table</h1>
      <p>
        When people are added to an incident, Liaison ranks them with these points. Each condition or
        circumstance a person has adds its points, more where the kind of incident bears on it. A person is at
        high or medium risk from the scores set below; the reasons are listed beside them, and the lead can
        change a level, saying why.
      </p>
      <InsetText label="Important">
        Liaison’s standard points are a starting point, not a clinically validated tool. The registered
        manager should review them with the clinical leads and set the points your organisation uses.
      </InsetText>
      {table.status === 'loading' ? <Loading /> : null}
      {table.status === 'failed' ? <LoadProblem error={table.error} onTryAgain={reload} /> : null}
      {table.status === 'loaded' ? (
        <TableVersion
          key={table.data.version}
          table={table.data}
          onSaved={(saved) => {
            setNotice(
              `The risk points table is now version ${saved.version}. People added to an incident from now on are ranked with it; people already ranked keep their ranking.`,
            );
            reload();
          }}
          onReload={reload}
        />
      ) : null}
    </>
  );
}

function TableVersion({
  table,
  onSaved,
  onReload,
}: {
  table: IncidentRiskPoints;
  onSaved: (saved: IncidentRiskPoints) => void;
  onReload: () => void;
}) {
  const session = useSession();
  const canChange = hasRole(session.user.role, riskPointsKeepers) && table.isInForce;
  const form = useFormSubmit(fields, async (values) => {
    const problems: FieldError[] = [];
    const read = (field: string, name: string, max: number) => {
      const text = String(values.get(name) ?? '').trim();
      const value = Number(text);
      if (!/^\d+$/.test(text) || value > max) {
        problems.push({ field, message: `${labelOf(field)}: enter a whole number from 0 to ${max}` });
      }
      return value;
    };
    const highFrom = read('highFrom', 'highFrom', 50);
    const mediumFrom = read('mediumFrom', 'mediumFrom', 50);
    const points = Object.fromEntries(
      riskPointKeys.map((key) => [key, read(`points.${key}`, `points-${key}`, 20)]),
    ) as Record<PointKey, number>;
    if (problems.length > 0) return problems;
    onSaved(await setIncidentRiskPoints(table.version, { highFrom, mediumFrom, points }));
  });
  usePageTitle('Risk points table', form.hasErrors);

  return (
    <>
      <p>
        {table.isStandard
          ? 'This is Liaison’s standard table (version 1): your organisation has not changed it.'
          : `Version ${table.version}, set by ${table.setBy ?? 'a former member of staff'} on `}
        {table.isStandard || !table.setAt ? null : (
          <>
            <Moment iso={table.setAt} />.
          </>
        )}{' '}
        Each person on an incident shows the version they were ranked with.
      </p>
      {table.isInForce ? null : (
        <InsetText>
          This is an earlier version, kept because people were ranked with it.{' '}
          <Link to="/incidents/risk-points">See the table in force</Link>
        </InsetText>
      )}
      <ErrorSummary items={form.errors.items} />
      {form.isChangedElsewhere ? (
        <p>
          <button className="nhsuk-button nhsuk-button--secondary" type="button" onClick={onReload}>
            Reload the table
          </button>
        </p>
      ) : null}
      <Form form={form}>
        <Table caption="Levels" headings={['Level', 'Standard', 'From a score of']}>
          <PointsRow
            name="highFrom"
            label="High risk"
            current={table.highFrom}
            standard={standardRiskPoints.highFrom}
            canChange={canChange}
          />
          <PointsRow
            name="mediumFrom"
            label="Medium risk"
            current={table.mediumFrom}
            standard={standardRiskPoints.mediumFrom}
            canChange={canChange}
          />
        </Table>
        {groups.map((group) => (
          <Table
            key={group.heading}
            caption={group.heading}
            headings={['Counts when the person has', 'Standard', 'Points']}
          >
            {group.keys.map((key) => (
              <PointsRow
                key={key}
                name={`points.${key}`}
                label={riskPointRules[key].label}
                current={table.points[key]}
                standard={riskPointRules[key].standard}
                canChange={canChange}
              />
            ))}
          </Table>
        ))}
        {canChange ? <SubmitButton>Save as a new version</SubmitButton> : null}
      </Form>
    </>
  );
}

function labelOf(field: string): string {
  if (field === 'highFrom') return 'High risk from';
  if (field === 'mediumFrom') return 'Medium risk from';
  const key = field.replace(/^points\./, '') as PointKey;
  return riskPointRules[key]?.label ?? field;
}

/** One line of the table: its points beside the standard; an input for the registered manager. */
function PointsRow(props: {
  name: string;
  label: string;
  current: number;
  standard: number;
  canChange: boolean;
}) {
  const { id, error } = useFormField({ name: props.name });
  const [heading, standard, points] = props.name.startsWith('points.')
    ? ['Counts when the person has', 'Standard', 'Points']
    : ['Level', 'Standard', 'From a score of'];
  return (
    <Row>
      <Cell heading={heading}>
        {props.canChange ? (
          <label htmlFor={id} className="nhsuk-label nhsuk-u-margin-bottom-0">
            {props.label}
          </label>
        ) : (
          props.label
        )}
      </Cell>
      <Cell heading={standard}>{props.standard}</Cell>
      <Cell heading={points}>
        {props.canChange ? (
          <div
            className={`nhsuk-form-group nhsuk-u-margin-bottom-0${error ? ' nhsuk-form-group--error' : ''}`}
          >
            {error ? (
              <span className="nhsuk-error-message" id={`${id}-error`}>
                <span className="nhsuk-u-visually-hidden">Error:</span> {error}
              </span>
            ) : null}
            <input
              className={`nhsuk-input nhsuk-input--width-2${error ? ' nhsuk-input--error' : ''}`}
              id={id}
              name={id}
              type="text"
              inputMode="numeric"
              defaultValue={String(props.current)}
              aria-describedby={error ? `${id}-error` : undefined}
            />
          </div>
        ) : (
          <strong>{props.current}</strong>
        )}
      </Cell>
    </Row>
  );
}
