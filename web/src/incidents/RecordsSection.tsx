import { type ReactNode, useState } from 'react';
import {
  type Advice,
  addIncidentRecord,
  type FieldError,
  type IncidentRecord,
  listAffectedPeople,
  listIncidentRecords,
  listPersonAdvice,
  type NewIncidentRecord,
} from '../api.ts';
import { useSession } from '../auth/session.tsx';
import { hasRole } from '../roles.ts';
import { ErrorSummary } from '../ui/ErrorSummary.tsx';
import { Form, SubmitButton, useFormSubmit } from '../ui/form.tsx';
import { Checkboxes, Radios, readChoices, readText, TextArea, TextField } from '../ui/form-fields.tsx';
import { formatDateTime } from '../ui/format.ts';
import { MomentFields, readMoment } from '../ui/moment-fields.tsx';
import { LoadProblem } from '../ui/ProblemPages.tsx';
import { Loading, Moment } from '../ui/page-parts.tsx';
import { Cell, Row, Table } from '../ui/Table.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { type Resource, useResource } from '../ui/useResource.ts';
import { incidentLeaders, incidentRecorders } from './access.ts';
import { recordKindLabels } from './incident-labels.ts';
import { useIncident } from './incident-parts.tsx';

export function RecordsSection() {
  const { incident } = useIncident();
  const session = useSession();
  const isOpen = incident.status === 'open';
  const canDecide = hasRole(session.user.role, incidentLeaders) && isOpen;
  const canRecord = hasRole(session.user.role, incidentRecorders) && isOpen;
  const [records, reload] = useResource(`records ${incident.id}`, () => listIncidentRecords(incident.id));
  usePageTitle(`Decision log, readings and hazards: ${incident.title}`);
  const all = records.status === 'loaded' ? records.data.items : [];
  const decisions = all.filter((record) => record.kind === 'decision');
  const observations = all.filter((record) => record.kind !== 'decision');
  return (
    <>
      <h2>Decision log, readings and hazards</h2>
      <p>Records are never changed once made. To correct one, record a new one that says what was wrong.</p>
      {records.status === 'loading' ? <Loading /> : null}
      {records.status === 'failed' ? <LoadProblem error={records.error} onTryAgain={reload} /> : null}
      {records.status === 'loaded' ? (
        <>
          {decisions.length === 0 ? (
            <>
              <h3>Decisions</h3>
              <p>No decisions have been recorded yet.</p>
            </>
          ) : (
            <DecisionsTable decisions={decisions} />
          )}
          {observations.length === 0 ? (
            <>
              <h3>Readings, hazards and notes</h3>
              <p>No readings, hazards or notes have been recorded yet.</p>
            </>
          ) : (
            <ObservationsTable records={observations} />
          )}
        </>
      ) : null}
      {canDecide ? <DecisionForm onRecorded={reload} /> : null}
      {canRecord ? <ObservationForm onRecorded={reload} /> : null}
      {canRecord ? <NoteForm onRecorded={reload} /> : null}
    </>
  );
}

function DecisionsTable({ decisions }: { decisions: readonly IncidentRecord[] }) {
  return (
    <Table
      caption="Decisions"
      headings={['When (UK time)', 'Decision', 'Evidence', 'Why', 'Advice relied on']}
    >
      {decisions.map((record) => (
        <Row key={record.id}>
          <Cell heading="When (UK time)">
            <Moment iso={record.occurredAt} />
            <span className="nhsuk-u-display-block nhsuk-body-s nhsuk-u-margin-bottom-0">
              By {record.recordedBy}
            </span>
          </Cell>
          <Cell heading="Decision">{record.decision}</Cell>
          <Cell heading="Evidence">{record.evidence}</Cell>
          <Cell heading="Why">{record.rationale}</Cell>
          <Cell heading="Advice relied on">
            {record.advice.length === 0 ? (
              'None'
            ) : (
              <ul className="nhsuk-list nhsuk-body-s nhsuk-u-margin-bottom-0">
                {record.advice.map((advice) => (
                  <li key={advice.id}>
                    {advice.givenBy}: “{advice.advice}”
                  </li>
                ))}
              </ul>
            )}
          </Cell>
        </Row>
      ))}
    </Table>
  );
}

function ObservationsTable({ records }: { records: readonly IncidentRecord[] }) {
  return (
    <Table caption="Readings, hazards and notes" headings={['When (UK time)', 'Kind', 'What', 'Recorded by']}>
      {records.map((record) => (
        <Row key={record.id}>
          <Cell heading="When (UK time)">
            <Moment iso={record.occurredAt} />
          </Cell>
          <Cell heading="Kind">{recordKindLabels[record.kind]}</Cell>
          <Cell heading="What">
            {record.location ? <span className="nhsuk-u-display-block">At {record.location}</span> : null}
            {record.measure || record.value !== null ? (
              <span className="nhsuk-u-display-block">
                {[
                  record.measure,
                  record.value === null ? null : `${record.value}${record.unit ? ` ${record.unit}` : ''}`,
                ]
                  .filter(Boolean)
                  .join(': ')}
              </span>
            ) : null}
            {record.note ? <span className="nhsuk-u-display-block">{record.note}</span> : null}
          </Cell>
          <Cell heading="Recorded by">{record.recordedBy}</Cell>
        </Row>
      ))}
    </Table>
  );
}

/** A form of its own on the page, with its own error summary and a word when it has saved. */
function RecordForm({
  heading,
  fields,
  submitLabel,
  read,
  onRecorded,
  children,
}: {
  heading: string;
  fields: Record<string, string>;
  submitLabel: string;
  read: (values: FormData) => { record: NewIncidentRecord } | { problems: FieldError[] };
  onRecorded: () => void;
  children: ReactNode;
}) {
  const { incident } = useIncident();
  const [formKey, setFormKey] = useState(0);
  const [saved, setSaved] = useState<string | null>(null);
  const form = useFormSubmit(fields, async (values) => {
    setSaved(null);
    const answer = read(values);
    if ('problems' in answer) return answer.problems;
    const record = await addIncidentRecord(incident.id, answer.record);
    setSaved(`${recordKindLabels[record.kind]} recorded at ${formatDateTime(record.recordedAt)}.`);
    setFormKey((key) => key + 1);
    onRecorded();
  });

  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <h3>{heading}</h3>
        <ErrorSummary items={form.errors.items} />
        <p className="nhsuk-body" role="status">
          {saved ?? ''}
        </p>
        <Form form={form} key={formKey}>
          {children}
          <SubmitButton>{submitLabel}</SubmitButton>
        </Form>
      </div>
    </div>
  );
}

const decisionFields = {
  occurredAt: 'decision-occurredAt',
  decision: 'decision',
  evidence: 'evidence',
  rationale: 'rationale',
  adviceIds: 'adviceIds',
};

function DecisionForm({ onRecorded }: { onRecorded: () => void }) {
  const { incident } = useIncident();
  // The advice recorded for the people affected: what a decision during the incident can rest on.
  const [advice] = useResource(`advice for incident ${incident.id}`, async () => {
    const people = (await listAffectedPeople(incident.id)).items.slice(0, 50);
    const lists = await Promise.all(
      people.map(async (person) =>
        (await listPersonAdvice(person.personId)).items.map((each) => ({ ...each, personName: person.name })),
      ),
    );
    return lists.flat().sort((a, b) => b.givenAt.localeCompare(a.givenAt));
  });

  function read(values: FormData): { record: NewIncidentRecord } | { problems: FieldError[] } {
    const occurredAt = readMoment(values, 'decision-occurredAt', 'The decision');
    const decision = readText(values, 'decision');
    const evidence = readText(values, 'evidence');
    const rationale = readText(values, 'rationale');
    const problems: FieldError[] = [];
    if ('problem' in occurredAt) problems.push({ field: 'occurredAt', message: occurredAt.problem });
    if (!decision) problems.push({ field: 'decision', message: 'Enter what was decided' });
    if (!evidence) problems.push({ field: 'evidence', message: 'Enter the evidence the decision rests on' });
    if (!rationale) problems.push({ field: 'rationale', message: 'Enter why this was decided' });
    if (problems.length > 0 || 'problem' in occurredAt || !decision || !evidence || !rationale)
      return { problems };
    return {
      record: {
        kind: 'decision',
        occurredAt: occurredAt.moment,
        decision,
        evidence,
        rationale,
        adviceIds: readChoices<string>(values, 'adviceIds'),
      },
    };
  }

  return (
    <RecordForm
      heading="Record a decision"
      fields={decisionFields}
      submitLabel="Record the decision"
      read={read}
      onRecorded={onRecorded}
    >
      <MomentFields
        name="decision-occurredAt"
        field="occurredAt"
        legend="When was it decided?"
        initial={new Date()}
      />
      <TextArea name="decision" label="Decision" rows={3} />
      <TextArea
        name="evidence"
        label="Evidence"
        hint="What you knew: readings, observations, what partners said."
        rows={3}
      />
      <TextArea name="rationale" label="Why" hint="Why this, rather than the other options." rows={3} />
      <AdviceChoices advice={advice} />
    </RecordForm>
  );
}

function AdviceChoices({ advice }: { advice: Resource<(Advice & { personName: string })[]> }) {
  if (advice.status === 'loading') return <Loading />;
  if (advice.status === 'failed') {
    return (
      <p className="nhsuk-body">
        The advice recorded for the people affected could not be loaded: {advice.error.detail}
      </p>
    );
  }
  if (advice.data.length === 0) {
    return (
      <p className="nhsuk-body" id={decisionFields.adviceIds}>
        No advice has been recorded for the people affected, so there is none to name.
      </p>
    );
  }
  return (
    <Checkboxes
      name="adviceIds"
      legend="Advice relied on (optional)"
      hint="Advice recorded for the people affected by this incident, newest first."
      items={advice.data.map((each) => ({
        value: each.id,
        label: `${each.givenByName}${each.givenByRole ? ` (${each.givenByRole})` : ''}: “${each.advice}”`,
        hint: `About ${each.personName}, ${formatDateTime(each.givenAt)}${each.inWriting ? ', in writing' : ', not yet in writing'}${each.messageSubject ? `, in reply to “${each.messageSubject}”` : ''}.`,
      }))}
    />
  );
}

const observationFields = {
  kind: 'observation-kind',
  occurredAt: 'observation-occurredAt',
  location: 'location',
  measure: 'measure',
  value: 'value',
  unit: 'unit',
  note: 'observation-note',
};

function ObservationForm({ onRecorded }: { onRecorded: () => void }) {
  function read(values: FormData): { record: NewIncidentRecord } | { problems: FieldError[] } {
    const kind = readText(values, 'kind') as 'reading' | 'hazard' | null;
    const occurredAt = readMoment(values, 'observation-occurredAt', 'The reading');
    const location = readText(values, 'location');
    const valueText = readText(values, 'value');
    const value = valueText === null ? null : Number(valueText);
    const problems: FieldError[] = [];
    if (!kind) problems.push({ field: 'kind', message: 'Choose a reading or a hazard' });
    if ('problem' in occurredAt) problems.push({ field: 'occurredAt', message: occurredAt.problem });
    if (!location) problems.push({ field: 'location', message: 'Enter where it was' });
    if (value !== null && !Number.isFinite(value))
      problems.push({ field: 'value', message: 'Enter the value as a number, like 14.5' });
    if (problems.length > 0 || !kind || 'problem' in occurredAt || !location) return { problems };
    return {
      record: {
        kind,
        occurredAt: occurredAt.moment,
        location,
        measure: readText(values, 'measure'),
        value,
        unit: readText(values, 'unit'),
        note: readText(values, 'note'),
      },
    };
  }

  return (
    <RecordForm
      heading="Record a reading or a hazard"
      fields={observationFields}
      submitLabel="Record it"
      read={read}
      onRecorded={onRecorded}
    >
      <Radios
        name="kind"
        legend="What are you recording?"
        items={[
          { value: 'reading', label: 'A reading', hint: 'A temperature, a water level, a count.' },
          {
            value: 'hazard',
            label: 'A hazard',
            hint: 'Something unsafe: a wet floor, exposed wiring, a blocked exit.',
          },
        ]}
        inline={false}
      />
      <MomentFields name="observation-occurredAt" field="occurredAt" legend="When?" initial={new Date()} />
      <TextField name="location" label="Where" hint="Like “Lounge” or “Room 6”." />
      <TextField name="measure" label="What was measured (optional)" hint="Like “Room temperature”." />
      <TextField name="value" label="Value (optional)" inputMode="text" widthClass="nhsuk-input--width-5" />
      <TextField name="unit" label="Unit (optional)" hint="Like °C." widthClass="nhsuk-input--width-5" />
      <TextArea name="note" label="Note (optional)" rows={2} />
    </RecordForm>
  );
}

const noteFields = { occurredAt: 'note-occurredAt', note: 'note' };

function NoteForm({ onRecorded }: { onRecorded: () => void }) {
  function read(values: FormData): { record: NewIncidentRecord } | { problems: FieldError[] } {
    const occurredAt = readMoment(values, 'note-occurredAt', 'The note');
    const note = readText(values, 'note');
    const problems: FieldError[] = [];
    if ('problem' in occurredAt) problems.push({ field: 'occurredAt', message: occurredAt.problem });
    if (!note) problems.push({ field: 'note', message: 'Enter the note' });
    if (problems.length > 0 || 'problem' in occurredAt || !note) return { problems };
    return { record: { kind: 'note', occurredAt: occurredAt.moment, note } };
  }

  return (
    <RecordForm
      heading="Add a note"
      fields={noteFields}
      submitLabel="Add the note"
      read={read}
      onRecorded={onRecorded}
    >
      <MomentFields
        name="note-occurredAt"
        field="occurredAt"
        legend="When did it happen?"
        initial={new Date()}
      />
      <TextArea name="note" label="Note" rows={3} />
    </RecordForm>
  );
}
