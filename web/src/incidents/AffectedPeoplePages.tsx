import { type FormEvent, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import {
  type AffectedPerson,
  addAffectedPeople,
  adjustAffectedPerson,
  type FieldError,
  listAffectedPeople,
  listPeople,
  type Person,
  type PersonAdjustment,
  type RiskLevel,
} from '../api.ts';
import { useSession } from '../auth/session.tsx';
import { personName } from '../people/person-labels.ts';
import { hasRole } from '../roles.ts';
import { ErrorSummary } from '../ui/ErrorSummary.tsx';
import { Form, SubmitButton, useFormSubmit } from '../ui/form.tsx';
import {
  Checkboxes,
  codeChoices,
  Radios,
  readChoices,
  readText,
  TextArea,
  TextField,
} from '../ui/form-fields.tsx';
import { LoadProblem } from '../ui/ProblemPages.tsx';
import { Loading, Moment, MultiLine } from '../ui/page-parts.tsx';
import { Cell, Row, Table } from '../ui/Table.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { useResource } from '../ui/useResource.ts';
import { incidentLeaders } from './access.ts';
import { levelLabels, riskLevels } from './incident-labels.ts';
import { incidentPath, LevelTag, useCareServices, useIncident } from './incident-parts.tsx';
import { servicesChosenFor } from './incident-places.ts';

const levelHints = {
  high: 'Needs the closest watch and the earliest partner contact.',
  medium: 'Needs extra checks while the disruption lasts.',
  low: 'Usual care, watching for changes.',
} as const satisfies Record<RiskLevel, string>;

export function AffectedPeopleSection() {
  const { incident } = useIncident();
  const session = useSession();
  const [people, reload] = useResource(`affected people ${incident.id}`, () =>
    listAffectedPeople(incident.id),
  );
  const canLead = hasRole(session.user.role, incidentLeaders) && incident.status === 'open';
  usePageTitle(`Affected people: ${incident.title}`);
  return (
    <>
      <h2>Affected people</h2>
      <p>
        Each person is ranked from their clinical flags and circumstances, with the reasons, so you can check
        the ranking. Change a level when you know better, and say why.
      </p>
      {canLead ? (
        <p>
          <Link className="nhsuk-button nhsuk-button--secondary" to={incidentPath(incident.id, 'people/add')}>
            Add people
          </Link>
        </p>
      ) : null}
      {people.status === 'loading' ? <Loading /> : null}
      {people.status === 'failed' ? <LoadProblem error={people.error} onTryAgain={reload} /> : null}
      {people.status === 'loaded' ? (
        people.data.items.length === 0 ? (
          <p>No one has been added yet.</p>
        ) : (
          <AffectedPeopleTable people={people.data.items} incidentId={incident.id} canLead={canLead} />
        )
      ) : null}
    </>
  );
}

function AffectedPeopleTable({
  people,
  incidentId,
  canLead,
}: {
  people: readonly AffectedPerson[];
  incidentId: string;
  canLead: boolean;
}) {
  const counts = riskLevels
    .map((level) => ({ level, count: people.filter((person) => person.level === level).length }))
    .filter((each) => each.count > 0)
    .map((each) => `${each.count} at ${levelLabels[each.level].toLowerCase()}`);
  return (
    <Table
      caption={`People affected, highest risk first (${counts.join(', ')})`}
      headings={['Person', 'Risk level', 'Why', 'Interim observation plan', ...(canLead ? ['Action'] : [])]}
    >
      {people.map((person) => (
        <Row key={person.personId}>
          <Cell heading="Person">
            <Link to={`/people/${person.personId}`}>{person.name}</Link>
            {person.careServiceName ? (
              <span className="nhsuk-u-display-block nhsuk-body-s nhsuk-u-margin-bottom-0">
                {person.careServiceName}
              </span>
            ) : null}
          </Cell>
          <Cell heading="Risk level">
            <LevelTag level={person.level} />
            {person.adjustment ? (
              <span className="nhsuk-u-display-block nhsuk-body-s nhsuk-u-margin-top-1 nhsuk-u-margin-bottom-0">
                Ranked {levelLabels[person.rankedLevel].toLowerCase()}; changed
                {person.adjustment.by ? ` by ${person.adjustment.by}` : ''} on{' '}
                <Moment iso={person.adjustment.at} />: {person.adjustment.reason}
              </span>
            ) : null}
          </Cell>
          <Cell heading="Why">
            <ul className="nhsuk-list nhsuk-list--bullet nhsuk-body-s nhsuk-u-margin-bottom-1">
              {person.reasons.map((reason) => (
                <li key={reason.reason}>{reason.reason}</li>
              ))}
            </ul>
            <span className="nhsuk-body-s nhsuk-u-margin-bottom-0">
              Ranked with{' '}
              <Link to={`/incidents/risk-points?version=${person.rankedWith}`}>
                {person.rankedWith === 1
                  ? 'the standard points table'
                  : `points table version ${person.rankedWith}`}
              </Link>
            </span>
          </Cell>
          <Cell heading="Interim observation plan">
            {person.observationPlan ? <MultiLine text={person.observationPlan} /> : 'None yet'}
          </Cell>
          {canLead ? (
            <Cell heading="Action">
              <Link to={incidentPath(incidentId, `people/${person.personId}`)}>
                Change level or plan<span className="nhsuk-u-visually-hidden"> for {person.name}</span>
              </Link>
            </Cell>
          ) : null}
        </Row>
      ))}
    </Table>
  );
}

// ---- adjusting one person ----

export function AdjustPersonSection() {
  const { incident } = useIncident();
  const { personId = '' } = useParams();
  const [people, reload] = useResource(`affected people ${incident.id}`, () =>
    listAffectedPeople(incident.id),
  );
  if (people.status === 'loading') return <Loading />;
  if (people.status === 'failed') return <LoadProblem error={people.error} onTryAgain={reload} />;
  const person = people.data.items.find((each) => each.personId === personId);
  if (!person) {
    return (
      <>
        <h2>Person not found on this incident</h2>
        <p>
          <Link to={incidentPath(incident.id, 'people')}>Back to the affected people</Link>
        </p>
      </>
    );
  }
  return <AdjustPersonForm person={person} incidentId={incident.id} />;
}

const adjustFields = { level: 'level', reason: 'reason', observationPlan: 'observationPlan' };

function AdjustPersonForm({ person, incidentId }: { person: AffectedPerson; incidentId: string }) {
  const navigate = useNavigate();

  const form = useFormSubmit(adjustFields, async (values) => {
    const level = readText(values, 'level') as RiskLevel | null;
    const reason = readText(values, 'reason');
    const plan = readText(values, 'observationPlan');
    const adjustment: PersonAdjustment = {};
    const problems: FieldError[] = [];
    if (level && level !== person.level) {
      if (!reason) problems.push({ field: 'reason', message: 'Say why you are changing the risk level' });
      adjustment.level = level;
      adjustment.reason = reason;
    }
    if ((plan ?? null) !== (person.observationPlan ?? null)) adjustment.observationPlan = plan;
    if (problems.length === 0 && Object.keys(adjustment).length === 0) {
      problems.push({ field: 'level', message: 'Change the risk level or the observation plan' });
    }
    if (problems.length > 0) return problems;
    await adjustAffectedPerson(incidentId, person.personId, adjustment);
    navigate(incidentPath(incidentId, 'people'), {
      state: { notice: `${person.name}’s record has been updated.` },
    });
  });
  usePageTitle(`Change ${person.name}’s risk level or plan`, form.hasErrors);

  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <ErrorSummary items={form.errors.items} />
        <h2>Change {person.name}’s risk level or observation plan</h2>
        <p>
          Ranked <LevelTag level={person.rankedLevel} /> because:
        </p>
        <ul className="nhsuk-list nhsuk-list--bullet">
          {person.reasons.map((reason) => (
            <li key={reason.reason}>{reason.reason}</li>
          ))}
        </ul>
        <Form form={form}>
          <Radios
            name="level"
            legend="Risk level"
            items={codeChoices(riskLevels, levelLabels, levelHints)}
            defaultValues={[person.level]}
          />
          <TextArea
            name="reason"
            label="Why are you changing the level? (needed if you change it)"
            hint="What you know that the ranking does not, like “Blood sugar has been unstable this week”."
            rows={3}
          />
          <TextArea
            name="observationPlan"
            label="Interim observation plan (optional)"
            hint="What staff check, how often, and when they escalate, like “Check blood glucose at each visit; call the district nurse if above 15”."
            defaultValue={person.observationPlan}
          />
          <SubmitButton>Save</SubmitButton>
        </Form>
        <p>
          <Link to={incidentPath(incidentId, 'people')}>Back to the affected people</Link>
        </p>
      </div>
    </div>
  );
}

// ---- adding people ----

export function AddPeopleSection() {
  const { incident, reload } = useIncident();
  const navigate = useNavigate();
  const [services, reloadServices] = useCareServices();
  const [query, setQuery] = useState('');
  const [found] = useResource(`people matching ${query}`, () =>
    query ? listPeople({ q: query, status: 'active', limit: 25, offset: 0 }) : Promise.resolve({ items: [] }),
  );

  async function add(chosen: { careServiceIds?: string[]; personIds?: string[] }) {
    const answer = await addAffectedPeople(incident.id, chosen);
    reload();
    navigate(incidentPath(incident.id, 'people'), {
      state: {
        notice:
          answer.added === 0
            ? 'Everyone chosen was already on the incident.'
            : `${answer.added === 1 ? '1 person has' : `${answer.added} people have`} been added and ranked.`,
      },
    });
  }

  // Two forms, one error summary: submitting one clears the other's errors.
  const serviceForm = useFormSubmit({ careServiceIds: 'careServiceIds' }, async (values) => {
    const careServiceIds = readChoices<string>(values, 'careServiceIds');
    personForm.showProblems([]);
    if (careServiceIds.length === 0) {
      return [{ field: 'careServiceIds', message: 'Choose at least one service or location' }];
    }
    await add({ careServiceIds });
  });
  const personForm = useFormSubmit({ personIds: 'personIds' }, async (values) => {
    const personIds = readChoices<string>(values, 'personIds');
    serviceForm.showProblems([]);
    if (personIds.length === 0) return [{ field: 'personIds', message: 'Choose at least one person' }];
    await add({ personIds });
  });
  usePageTitle(`Add people: ${incident.title}`, serviceForm.hasErrors || personForm.hasErrors);

  function search(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setQuery(String(new FormData(event.currentTarget).get('q') ?? '').trim());
  }

  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <ErrorSummary items={[...serviceForm.errors.items, ...personForm.errors.items]} />
        <h2>Add the people affected</h2>
        <p>
          Everyone you add is ranked by risk straight away. People already on the incident keep their level.
        </p>
        <h3>Everyone at a service or location</h3>
        {services.status === 'loading' ? <Loading /> : null}
        {services.status === 'failed' ? (
          <LoadProblem error={services.error} onTryAgain={reloadServices} />
        ) : null}
        {services.status === 'loaded' ? (
          services.data.length === 0 ? (
            <p>Your organisation has no services or locations recorded.</p>
          ) : (
            <Form form={serviceForm}>
              <Checkboxes
                id="careServiceIds"
                name="careServiceIds"
                legend="Which services or locations?"
                hint="Everyone currently supported there is added."
                items={services.data.map((service) => ({
                  value: service.id,
                  label: service.name,
                  ...(service.address ? { hint: service.address } : {}),
                }))}
                defaultValues={servicesChosenFor(incident, services.data)}
              />
              <SubmitButton>Add everyone there</SubmitButton>
            </Form>
          )
        ) : null}

        <h3>One by one</h3>
        <search>
          <form onSubmit={search} noValidate>
            <TextField
              id="q"
              name="q"
              label="Find a person by name or NHS number"
              type="search"
              spellCheck={false}
            />
            <SubmitButton variant="secondary">Search</SubmitButton>
          </form>
        </search>
        {query && found.status === 'loading' ? <Loading /> : null}
        {query && found.status === 'loaded' ? (
          found.data.items.length === 0 ? (
            <p>No one supported now matches “{query}”.</p>
          ) : (
            <Form form={personForm} key={query}>
              <Checkboxes
                id="personIds"
                name="personIds"
                legend={`People matching “${query}”`}
                items={found.data.items.map((person: Person) => ({
                  value: person.id,
                  label: personName(person),
                  ...(person.careServiceName ? { hint: person.careServiceName } : {}),
                }))}
              />
              <SubmitButton>Add the people chosen</SubmitButton>
            </Form>
          )
        ) : null}
        <p>
          <Link to={incidentPath(incident.id, 'people')}>Back to the affected people</Link>
        </p>
      </div>
    </div>
  );
}
