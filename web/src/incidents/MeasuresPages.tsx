import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import {
  addInterimMeasure,
  endInterimMeasure,
  type FieldError,
  type InterimMeasure,
  listAffectedPeople,
  listInterimMeasures,
  type MeasureKind,
} from '../api.ts';
import { useSession } from '../auth/session.tsx';
import { hasRole } from '../roles.ts';
import { ErrorSummary } from '../ui/ErrorSummary.tsx';
import { Form, SubmitButton, useFormSubmit } from '../ui/form.tsx';
import { codeChoices, readText, SelectField, TextArea } from '../ui/form-fields.tsx';
import { MomentFields, readMoment } from '../ui/moment-fields.tsx';
import { LoadProblem } from '../ui/ProblemPages.tsx';
import { Loading, Moment } from '../ui/page-parts.tsx';
import { Cell, Row, Table } from '../ui/Table.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { useResource } from '../ui/useResource.ts';
import { incidentRecorders } from './access.ts';
import { measureKindLabels, measureKinds } from './incident-labels.ts';
import { incidentPath, useIncident, useStaffChoices } from './incident-parts.tsx';

const fields = {
  kind: 'kind',
  description: 'description',
  personId: 'measure-personId',
  ownerId: 'ownerId',
  startsAt: 'startsAt',
};

export function MeasuresSection() {
  const { incident } = useIncident();
  const session = useSession();
  const isRecorder = hasRole(session.user.role, incidentRecorders);
  const canRecord = isRecorder && incident.status === 'open';
  const [measures, reload] = useResource(`measures ${incident.id}`, async () => {
    const [list, people] = await Promise.all([
      listInterimMeasures(incident.id),
      listAffectedPeople(incident.id),
    ]);
    return { measures: list.items, people: people.items };
  });
  usePageTitle(`Interim measures: ${incident.title}`);
  if (measures.status === 'loading') return <Loading />;
  if (measures.status === 'failed') return <LoadProblem error={measures.error} onTryAgain={reload} />;
  const { people } = measures.data;
  const nameOf = (personId: string | null) => people.find((person) => person.personId === personId)?.name;
  return (
    <>
      <h2>Interim measures</h2>
      <p>
        What is in place to keep people safe until the disruption ends: room moves, extra checks, equipment.
      </p>
      {measures.data.measures.length === 0 ? (
        <p>No interim measures have been recorded yet.</p>
      ) : (
        <MeasuresTable
          measures={measures.data.measures}
          nameOf={nameOf}
          incidentId={incident.id}
          // A measure still in place when the incident closed can still be recorded as ended.
          canEnd={isRecorder}
        />
      )}
      {canRecord ? (
        <AddMeasureForm
          people={people.map((person) => ({ value: person.personId, label: person.name }))}
          onAdded={reload}
        />
      ) : null}
    </>
  );
}

function MeasuresTable({
  measures,
  nameOf,
  incidentId,
  canEnd,
}: {
  measures: readonly InterimMeasure[];
  nameOf: (personId: string | null) => string | undefined;
  incidentId: string;
  canEnd: boolean;
}) {
  return (
    <Table caption="Interim measures" headings={['Measure', 'Owner', 'Started (UK time)', 'Ended (UK time)']}>
      {measures.map((measure) => (
        <Row key={measure.id}>
          <Cell heading="Measure">
            <strong>{measureKindLabels[measure.kind]}</strong>
            <span className="nhsuk-u-display-block">{measure.description}</span>
            {measure.personId ? (
              <span className="nhsuk-u-display-block nhsuk-body-s nhsuk-u-margin-bottom-0">
                For {nameOf(measure.personId) ?? 'one person'}
              </span>
            ) : null}
          </Cell>
          <Cell heading="Owner">{measure.owner}</Cell>
          <Cell heading="Started (UK time)">
            <Moment iso={measure.startsAt} />
          </Cell>
          <Cell heading="Ended (UK time)">
            {measure.endedAt ? (
              <Moment iso={measure.endedAt} />
            ) : (
              <>
                <strong className="nhsuk-tag nhsuk-tag--blue">In place</strong>
                {canEnd ? (
                  <span className="nhsuk-u-display-block nhsuk-u-margin-top-1">
                    <Link to={incidentPath(incidentId, `measures/${measure.id}/end`)}>
                      Record the end
                      <span className="nhsuk-u-visually-hidden">
                        {' '}
                        of {measureKindLabels[measure.kind].toLowerCase()}: {measure.description}
                      </span>
                    </Link>
                  </span>
                ) : null}
              </>
            )}
          </Cell>
        </Row>
      ))}
    </Table>
  );
}

function AddMeasureForm({
  people,
  onAdded,
}: {
  people: { value: string; label: string }[];
  onAdded: () => void;
}) {
  const { incident } = useIncident();
  const session = useSession();
  const [staff] = useStaffChoices(session, 'owner');
  const [formKey, setFormKey] = useState(0);
  const [notice, setNotice] = useState<string | null>(null);

  const form = useFormSubmit(fields, async (values) => {
    const kind = readText(values, 'kind') as MeasureKind | null;
    const description = readText(values, 'description');
    const ownerId = readText(values, 'ownerId');
    const startsAt = readMoment(values, 'startsAt', 'The start');
    const problems: FieldError[] = [];
    if (!kind) problems.push({ field: 'kind', message: 'Choose what kind of measure it is' });
    if (!description) problems.push({ field: 'description', message: 'Describe the measure' });
    if (!ownerId) problems.push({ field: 'ownerId', message: 'Choose who is responsible for it' });
    if ('problem' in startsAt) problems.push({ field: 'startsAt', message: startsAt.problem });
    if (problems.length > 0 || !kind || !description || !ownerId || 'problem' in startsAt) return problems;
    await addInterimMeasure(incident.id, {
      kind,
      description,
      ownerId,
      personId: readText(values, 'personId'),
      startsAt: startsAt.moment,
    });
    setNotice('The interim measure has been recorded.');
    setFormKey((key) => key + 1);
    onAdded();
  });

  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <h3>Add an interim measure</h3>
        <ErrorSummary items={form.errors.items} />
        {notice ? (
          <p className="nhsuk-body" role="status">
            {notice}
          </p>
        ) : null}
        <Form form={form} key={formKey}>
          <SelectField
            name="kind"
            label="Kind of measure"
            options={[{ value: '', label: 'Choose a kind' }, ...codeChoices(measureKinds, measureKindLabels)]}
          />
          <TextArea
            name="description"
            label="What is being done"
            hint="Like “Hourly checks on rooms 4 to 9 overnight” or “Two oil-filled heaters in the lounge”."
            rows={3}
          />
          <SelectField
            name="personId"
            label="For one person (optional)"
            options={[{ value: '', label: 'Everyone affected' }, ...people]}
          />
          <SelectField
            name="ownerId"
            label="Who is responsible for it"
            options={[
              { value: '', label: 'Choose a member of staff' },
              ...(staff.status === 'loaded' ? staff.data : []),
            ]}
            defaultValue={session.user.id}
            key={`owner ${staff.status}`}
          />
          <MomentFields name="startsAt" legend="When did it start?" initial={new Date()} />
          <SubmitButton>Add the measure</SubmitButton>
        </Form>
      </div>
    </div>
  );
}

export function EndMeasureSection() {
  const { incident } = useIncident();
  const { measureId = '' } = useParams();
  const navigate = useNavigate();
  const [measures, reload] = useResource(`measures ${incident.id}`, () => listInterimMeasures(incident.id));
  const [now] = useState(() => new Date());
  const measure =
    measures.status === 'loaded' ? measures.data.items.find((each) => each.id === measureId) : undefined;
  const form = useFormSubmit({ endedAt: 'endedAt' }, async (values) => {
    if (!measure) return;
    const endedAt = readMoment(values, 'endedAt', 'The end');
    if ('problem' in endedAt) {
      return [{ field: 'endedAt', message: endedAt.problem }];
    }
    await endInterimMeasure(incident.id, measure.id, endedAt.moment);
    navigate(incidentPath(incident.id, 'measures'), {
      state: { notice: 'The end of the measure has been recorded.' },
    });
  });
  usePageTitle('Record when a measure ended', form.hasErrors);
  if (measures.status === 'loading') return <Loading />;
  if (measures.status === 'failed') return <LoadProblem error={measures.error} onTryAgain={reload} />;
  if (!measure) {
    return (
      <>
        <h2>Measure not found</h2>
        <p>
          <Link to={incidentPath(incident.id, 'measures')}>Back to the interim measures</Link>
        </p>
      </>
    );
  }

  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <ErrorSummary items={form.errors.items} />
        <h2>Record when a measure ended</h2>
        <p>
          {measureKindLabels[measure.kind]}: {measure.description}. In place since{' '}
          <Moment iso={measure.startsAt} />.
        </p>
        <Form form={form}>
          <MomentFields id="endedAt" name="endedAt" legend="When did it end?" initial={now} />
          <SubmitButton>Record the end</SubmitButton>
        </Form>
        <p>
          <Link to={incidentPath(incident.id, 'measures')}>Back to the interim measures</Link>
        </p>
      </div>
    </div>
  );
}
