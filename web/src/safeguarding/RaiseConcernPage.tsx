import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import {
  type AbuseCategory,
  type ConcernLevel,
  type FieldError,
  type NewConcern,
  type Person,
  type RiskLocation,
  raiseConcern,
  type SourceOfRisk,
} from '../api.ts';
import { listAllActivePeople } from '../people/all-people.ts';
import { personName } from '../people/person-labels.ts';
import { ErrorSummary } from '../ui/ErrorSummary.tsx';
import { Form, SubmitButton, useFormSubmit } from '../ui/form.tsx';
import {
  Checkboxes,
  codeChoices,
  Radios,
  readText,
  SelectField,
  TextArea,
  TextField,
} from '../ui/form-fields.tsx';
import { MomentFields, readMoment } from '../ui/moment-fields.tsx';
import { BackLink, Loaded } from '../ui/page-parts.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { useResource } from '../ui/useResource.ts';
import { concernPath } from './concern-parts.tsx';
import {
  categories,
  categoryLabels,
  levelHints,
  levelLabels,
  levels,
  locationLabels,
  locations,
  sourceKinds,
  sourceLabels,
} from './safeguarding-labels.ts';

// API field name → input id, in the order the fields appear.
const fields = {
  personId: 'personId',
  occurredAt: 'occurredAt',
  whatHappened: 'whatHappened',
  category: 'category',
  locationOfRisk: 'locationOfRisk',
  locationDetail: 'locationDetail',
  sourceKind: 'sourceKind',
  sourcePersonId: 'sourcePersonId',
  sourceDescription: 'sourceDescription',
  othersPresent: 'othersPresent',
  othersAtRisk: 'othersAtRisk',
  childrenAtRisk: 'childrenAtRisk',
  immediateActions: 'immediateActions',
  level: 'level',
};

export function RaiseConcernPage() {
  const [people, reload] = useResource('people for a concern', listAllActivePeople);
  usePageTitle('Raise a safeguarding concern');
  return (
    <>
      <BackLink to="/safeguarding">Back to safeguarding concerns</BackLink>
      <Loaded resource={people} reload={reload} loading="Loading the people we support">
        {(loaded) => <RaiseConcernForm people={loaded} />}
      </Loaded>
    </>
  );
}

/** Checks what the page can before anything is sent: every problem at once, each naming its field. */
export function readNewConcern(values: FormData): { problems: FieldError[] } | { concern: NewConcern } {
  const text = (name: string) => readText(values, name);
  const problems: FieldError[] = [];
  const personId = text('personId');
  const occurred = readMoment(values, 'occurredAt', 'What happened');
  const whatHappened = text('whatHappened');
  const category = text('category') as AbuseCategory | null;
  const locationOfRisk = text('locationOfRisk') as RiskLocation | null;
  const sourceKind = text('sourceKind') as SourceOfRisk | null;
  const sourcePersonId = sourceKind === 'person_supported' ? text('sourcePersonId') : null;
  const immediateActions = text('immediateActions');
  const level = text('level') as ConcernLevel | null;
  if (!personId) problems.push({ field: 'personId', message: 'Choose the adult at risk' });
  if ('problem' in occurred) problems.push({ field: 'occurredAt', message: occurred.problem });
  if (!whatHappened) problems.push({ field: 'whatHappened', message: 'Enter what happened, as facts' });
  if (!category) problems.push({ field: 'category', message: 'Choose the kind of abuse or neglect' });
  if (!locationOfRisk) problems.push({ field: 'locationOfRisk', message: 'Choose where the risk is' });
  if (!sourceKind) problems.push({ field: 'sourceKind', message: 'Choose who the alleged source is' });
  if (sourceKind === 'person_supported' && !sourcePersonId) {
    problems.push({
      field: 'sourcePersonId',
      message: 'Choose the person we support who is the alleged source',
    });
  }
  if (sourcePersonId && sourcePersonId === personId) {
    problems.push({ field: 'sourcePersonId', message: 'The alleged source cannot be the adult at risk' });
  }
  if (!immediateActions) {
    problems.push({
      field: 'immediateActions',
      message: 'Enter what was done straight away to keep people safe',
    });
  }
  if (!level) problems.push({ field: 'level', message: 'Choose the level of the concern' });
  if (
    problems.length > 0 ||
    !personId ||
    'problem' in occurred ||
    !whatHappened ||
    !category ||
    !locationOfRisk ||
    !sourceKind ||
    !immediateActions ||
    !level
  ) {
    return { problems };
  }
  return {
    concern: {
      personId,
      occurredAt: occurred.moment,
      whatHappened,
      category,
      locationOfRisk,
      locationDetail: text('locationDetail'),
      sourceKind,
      sourcePersonId,
      sourceDescription: text('sourceDescription'),
      othersPresent: text('othersPresent'),
      othersAtRisk: text('othersAtRisk'),
      childrenAtRisk: values.get('childrenAtRisk') === 'yes',
      immediateActions,
      level,
    },
  };
}

function RaiseConcernForm({ people }: { people: Person[] }) {
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const [now] = useState(() => new Date());
  const asked = searchParams.get('personId');
  const form = useFormSubmit(fields, async (values) => {
    const read = readNewConcern(values);
    if ('problems' in read) return read.problems;
    const raised = await raiseConcern(read.concern);
    navigate(concernPath(raised.id), {
      state: {
        notice: `The concern about ${raised.personName} has been raised. Managers see it in their list of open concerns.`,
      },
    });
  });
  usePageTitle('Raise a safeguarding concern', form.hasErrors);
  const personOptions = people.map((person) => ({ value: person.id, label: personName(person) }));

  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <ErrorSummary items={form.errors.items} />
        <h1>Raise a safeguarding concern</h1>
        <div className="nhsuk-warning-callout">
          <h2 className="nhsuk-warning-callout__label">
            <span>
              <span className="nhsuk-u-visually-hidden">Important: </span>If someone is in danger now
            </span>
          </h2>
          <p>Call 999 first, then tell your manager. Record the concern when everyone is safe.</p>
        </div>
        <p>
          Write what you saw, heard or were told, as facts. Do not ask the person leading questions. Only
          managers see everything you write here; other staff see a short summary a manager writes.
        </p>
        <Form form={form}>
          <h2>Who is at risk</h2>
          <SelectField
            name="personId"
            label="The adult at risk"
            options={[{ value: '', label: 'Choose a person we support' }, ...personOptions]}
            defaultValue={people.some((person) => person.id === asked) ? asked : ''}
          />

          <h2>What happened</h2>
          <MomentFields
            name="occurredAt"
            legend="When did it happen, or when did you first notice it?"
            initial={now}
          />
          <TextArea
            name="whatHappened"
            label="What happened"
            hint="What you saw or heard, or what you were told and by whom. Write down anyone’s words exactly, in quotation marks."
            rows={6}
          />
          <SelectField
            name="category"
            label="What kind of abuse or neglect might it be?"
            hint="The Care Act categories. Choose the closest; the manager can talk it through with you."
            options={[{ value: '', label: 'Choose a kind' }, ...codeChoices(categories, categoryLabels)]}
          />
          <SelectField
            name="locationOfRisk"
            label="Where is the risk?"
            options={[{ value: '', label: 'Choose where' }, ...codeChoices(locations, locationLabels)]}
          />
          <TextField
            name="locationDetail"
            label="Where exactly (optional)"
            hint="For example, “Flat 3, communal lounge”. Concerns about the same place are shown together."
          />

          <h2>Who is involved</h2>
          <Radios
            name="sourceKind"
            legend="Who is the alleged source of the risk?"
            hint="The person who may be causing the harm. It may be another person we support."
            items={codeChoices(sourceKinds, sourceLabels)}
            conditional={{
              person_supported: (
                <SelectField
                  name="sourcePersonId"
                  label="Which person we support?"
                  options={[{ value: '', label: 'Choose a person' }, ...personOptions]}
                />
              ),
            }}
          />
          <TextField
            name="sourceDescription"
            label="Describe the alleged source (optional)"
            hint="For example, “a new acquaintance, first name Dan” or “household member”. Not needed when you chose another person we support."
          />
          <TextArea
            name="othersPresent"
            label="Who else was there (optional)"
            hint="Staff, visitors, other people we support."
            rows={2}
          />
          <TextArea
            name="othersAtRisk"
            label="Other people at risk (optional)"
            hint="Anyone else who could be harmed, children included."
            rows={2}
          />
          <Checkboxes
            name="childrenAtRisk"
            legend="Children"
            items={[{ value: 'yes', label: 'A child may be at risk' }]}
            small
          />

          <h2>What you did</h2>
          <TextArea
            name="immediateActions"
            label="What was done straight away to keep people safe"
            hint="For example, “body map completed, manager called, two staff for personal care”."
            rows={4}
          />
          <Radios
            name="level"
            legend="How serious is it?"
            items={codeChoices(levels, levelLabels, levelHints)}
          />
          <SubmitButton>Raise the concern</SubmitButton>
        </Form>
      </div>
    </div>
  );
}
