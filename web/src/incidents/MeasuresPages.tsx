import { type FormEvent, useState } from 'react';
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
import { type FormErrors, formErrorsFrom, noFormErrors, toFormErrors } from '../ui/form-errors.ts';
import { readText, SelectField, TextArea } from '../ui/form-fields.tsx';
import { LoadProblem } from '../ui/ProblemPages.tsx';
import { Loading, Moment } from '../ui/page-parts.tsx';
import { Cell, Row, Table } from '../ui/Table.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { useResource } from '../ui/useResource.ts';
import { incidentRecorders } from './access.ts';
import { measureKindLabels, measureKinds } from './incident-labels.ts';
import { incidentPath, useIncident, useStaffChoices } from './incident-parts.tsx';
import { MomentFields, readMoment } from './incident-time.tsx';

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
  const canRecord = hasRole(session.user.role, incidentRecorders) && incident.status === 'open';
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
          canRecord={canRecord}
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
  canRecord,
}: {
  measures: readonly InterimMeasure[];
  nameOf: (personId: string | null) => string | undefined;
  incidentId: string;
  canRecord: boolean;
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
                {canRecord ? (
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
  const [staff] = useStaffChoices(session, incident);
  const [errors, setErrors] = useState<FormErrors>(noFormErrors);
  const [isSaving, setIsSaving] = useState(false);
  const [formKey, setFormKey] = useState(0);
  const [notice, setNotice] = useState<string | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (isSaving) return;
    const values = new FormData(event.currentTarget);
    const kind = readText(values, 'kind') as MeasureKind | null;
    const description = readText(values, 'description');
    const ownerId = readText(values, 'ownerId');
    const startsAt = readMoment(values, 'startsAt', 'The start');
    const problems: FieldError[] = [];
    if (!kind) problems.push({ field: 'kind', message: 'Choose what kind of measure it is' });
    if (!description) problems.push({ field: 'description', message: 'Describe the measure' });
    if (!ownerId) problems.push({ field: 'ownerId', message: 'Choose who is responsible for it' });
    if ('problem' in startsAt) problems.push({ field: 'startsAt', message: startsAt.problem });
    if (problems.length > 0 || !kind || !description || !ownerId || 'problem' in startsAt) {
      setErrors(toFormErrors(fields, problems));
      return;
    }
    setIsSaving(true);
    try {
      await addInterimMeasure(incident.id, {
        kind,
        description,
        ownerId,
        personId: readText(values, 'personId'),
        startsAt: startsAt.moment,
      });
      setErrors(noFormErrors);
      setNotice('The interim measure has been recorded.');
      setFormKey((key) => key + 1);
      onAdded();
    } catch (error) {
      setErrors(formErrorsFrom(fields, error));
    } finally {
      setIsSaving(false);
    }
  }

  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <h3>Add an interim measure</h3>
        <ErrorSummary items={errors.items} />
        {notice ? (
          <p className="nhsuk-body" role="status">
            {notice}
          </p>
        ) : null}
        <form key={formKey} onSubmit={submit} noValidate>
          <SelectField
            id={fields.kind}
            name="kind"
            label="Kind of measure"
            options={[
              { value: '', label: 'Choose a kind' },
              ...measureKinds.map((each) => ({ value: each, label: measureKindLabels[each] })),
            ]}
            error={errors.byField.get('kind')}
          />
          <TextArea
            id={fields.description}
            name="description"
            label="What is being done"
            hint="Like “Hourly checks on rooms 4 to 9 overnight” or “Two oil-filled heaters in the lounge”."
            rows={3}
            error={errors.byField.get('description')}
          />
          <SelectField
            id={fields.personId}
            name="personId"
            label="For one person (optional)"
            options={[{ value: '', label: 'Everyone affected' }, ...people]}
            error={errors.byField.get('personId')}
          />
          <SelectField
            id={fields.ownerId}
            name="ownerId"
            label="Who is responsible for it"
            options={[
              { value: '', label: 'Choose a member of staff' },
              ...(staff.status === 'loaded' ? staff.data : []),
            ]}
            defaultValue={session.user.id}
            key={`owner ${staff.status}`}
            error={errors.byField.get('ownerId')}
          />
          <MomentFields
            id={fields.startsAt}
            name="startsAt"
            legend="When did it start?"
            error={errors.byField.get('startsAt')}
            initial={new Date()}
          />
          <button className="nhsuk-button" type="submit" aria-disabled={isSaving ? 'true' : undefined}>
            Add the measure
          </button>
        </form>
      </div>
    </div>
  );
}

export function EndMeasureSection() {
  const { incident } = useIncident();
  const { measureId = '' } = useParams();
  const navigate = useNavigate();
  const [measures, reload] = useResource(`measures ${incident.id}`, () => listInterimMeasures(incident.id));
  const [errors, setErrors] = useState<FormErrors>(noFormErrors);
  const [isSaving, setIsSaving] = useState(false);
  const [now] = useState(() => new Date());
  usePageTitle('Record when a measure ended', errors.items.length > 0);
  if (measures.status === 'loading') return <Loading />;
  if (measures.status === 'failed') return <LoadProblem error={measures.error} onTryAgain={reload} />;
  const measure = measures.data.items.find((each) => each.id === measureId);
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

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (isSaving || !measure) return;
    const endedAt = readMoment(new FormData(event.currentTarget), 'endedAt', 'The end');
    if ('problem' in endedAt) {
      setErrors(toFormErrors({ endedAt: 'endedAt' }, [{ field: 'endedAt', message: endedAt.problem }]));
      return;
    }
    setIsSaving(true);
    try {
      await endInterimMeasure(incident.id, measure.id, endedAt.moment);
      navigate(incidentPath(incident.id, 'measures'), {
        state: { notice: 'The end of the measure has been recorded.' },
      });
    } catch (error) {
      setErrors(formErrorsFrom({ endedAt: 'endedAt' }, error));
    } finally {
      setIsSaving(false);
    }
  }

  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <ErrorSummary items={errors.items} />
        <h2>Record when a measure ended</h2>
        <p>
          {measureKindLabels[measure.kind]}: {measure.description}. In place since{' '}
          <Moment iso={measure.startsAt} />.
        </p>
        <form onSubmit={submit} noValidate>
          <MomentFields
            id="endedAt"
            name="endedAt"
            legend="When did it end?"
            error={errors.byField.get('endedAt')}
            initial={now}
          />
          <button className="nhsuk-button" type="submit" aria-disabled={isSaving ? 'true' : undefined}>
            Record the end
          </button>
        </form>
        <p>
          <Link to={incidentPath(incident.id, 'measures')}>Back to the interim measures</Link>
        </p>
      </div>
    </div>
  );
}
