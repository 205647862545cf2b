import type { ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import {
  addRepresentative,
  changeRepresentative,
  type DeputyDecisionArea,
  endRepresentative,
  type FieldError,
  getPerson,
  listRepresentatives,
  type Person,
  type Representative,
  type RepresentativeKind,
} from '../api.ts';
import { Form, SubmitButton, useFormSubmit } from '../ui/form.tsx';
import { missingFields } from '../ui/form-errors.ts';
import {
  Checkboxes,
  changesFrom,
  codeChoices,
  DateInput,
  Radios,
  readDateInput,
  readText,
  TextArea,
  TextField,
} from '../ui/form-fields.tsx';
import type { NoticeState } from '../ui/notice.ts';
import { LoadProblem } from '../ui/ProblemPages.tsx';
import { BackLink, FormPage, Loading } from '../ui/page-parts.tsx';
import { useResource } from '../ui/useResource.ts';
import {
  deputyDecisionLabels,
  personName,
  representativeKindLabels,
  representativeKinds,
} from './person-labels.ts';

// API field name → input id, in the order the fields appear.
const fields = {
  kind: 'kind',
  deputyDecisions: 'deputy-decisions',
  name: 'name',
  relationship: 'relationship',
  phone: 'phone',
  email: 'email',
  address: 'address',
  scopeOfAuthority: 'scope-of-authority',
  reference: 'reference',
  registeredOn: 'registered-on',
  documentSeenOn: 'document-seen-on',
  documentSeenBy: 'document-seen-on',
};

const deputyAreas = Object.keys(deputyDecisionLabels) as DeputyDecisionArea[];

/** Loads the person, and the representative when the address names one. */
function useRepresentativeOf(personId: string, representativeId: string | undefined) {
  return useResource(`representative ${personId} ${representativeId ?? 'new'}`, async () => {
    const [person, representatives] = await Promise.all([
      getPerson(personId),
      representativeId ? listRepresentatives(personId) : Promise.resolve({ items: [] }),
    ]);
    const representative = representatives.items.find((each) => each.id === representativeId) ?? null;
    return { person, representative };
  });
}

export function RepresentativeFormPage() {
  const { personId = '', representativeId } = useParams();
  const [loaded, reload] = useRepresentativeOf(personId, representativeId);
  if (loaded.status === 'loading') return <Loading />;
  if (loaded.status === 'failed') return <LoadProblem error={loaded.error} onTryAgain={reload} />;
  if (representativeId && !loaded.data.representative) return <NotFound person={loaded.data.person} />;
  return <RepresentativeForm person={loaded.data.person} representative={loaded.data.representative} />;
}

function NotFound({ person }: { person: Person }) {
  return (
    <>
      <h1>Representative not found</h1>
      <p>
        They are not one of {personName(person)}’s representatives.{' '}
        <Link to={`/people/${person.id}`}>Go back to {personName(person)}</Link>.
      </p>
    </>
  );
}

function BackTo({ person }: { person: Person }) {
  return <BackLink to={`/people/${person.id}`}>Back to {personName(person)}</BackLink>;
}

function RepresentativeForm({
  person,
  representative,
}: {
  person: Person;
  representative: Representative | null;
}) {
  const navigate = useNavigate();
  const title = representative
    ? `Change ${representative.name}’s details`
    : `Add a representative for ${personName(person)}`;

  const form = useFormSubmit(fields, async (formData) => {
    const kind = (representative?.kind ?? String(formData.get('kind') ?? '')) as RepresentativeKind | '';
    const problems: FieldError[] = missingFields(
      { kind, name: readText(formData, 'name') ?? '' },
      { kind: 'Choose what kind of representative they are', name: 'Enter their name' },
    );
    const registeredOn = readDateInput(formData, 'registeredOn', 'The date registered');
    if ('problem' in registeredOn) problems.push({ field: 'registeredOn', message: registeredOn.problem });
    const documentSeenOn = readDateInput(formData, 'documentSeenOn', 'The date you saw the document');
    if ('problem' in documentSeenOn)
      problems.push({ field: 'documentSeenOn', message: documentSeenOn.problem });
    const deputyDecisions =
      kind === 'court_appointed_deputy'
        ? (formData.getAll('deputyDecisions').map(String) as DeputyDecisionArea[])
        : [];
    if (kind === 'court_appointed_deputy' && deputyDecisions.length === 0) {
      problems.push({ field: 'deputyDecisions', message: 'Choose which decisions the court order covers' });
    }
    if (problems.length > 0 || !kind) return problems;
    const values = {
      name: readText(formData, 'name') ?? '',
      relationship: readText(formData, 'relationship'),
      phone: readText(formData, 'phone'),
      email: readText(formData, 'email'),
      address: readText(formData, 'address'),
      scopeOfAuthority: readText(formData, 'scopeOfAuthority'),
      deputyDecisions,
      reference: readText(formData, 'reference'),
      registeredOn: 'date' in registeredOn ? registeredOn.date : null,
      documentSeenOn: 'date' in documentSeenOn ? documentSeenOn.date : null,
    };
    if (representative) {
      const changes = changesFrom(representative, values);
      if (Object.keys(changes).length > 0) {
        await changeRepresentative(person.id, representative.id, representative.version, changes);
      }
      const state: NoticeState =
        Object.keys(changes).length > 0 ? { notice: `${values.name}’s details have been changed.` } : {};
      navigate(`/people/${person.id}`, { state });
    } else {
      const added = await addRepresentative(person.id, { kind, ...values });
      const state: NoticeState = {
        notice: `${added.name} has been recorded as ${personName(person)}’s ${representativeKindLabels[added.kind].toLowerCase()}.`,
      };
      navigate(`/people/${person.id}`, { state });
    }
  });

  const deputyChoices = (
    <Checkboxes
      name="deputyDecisions"
      legend="Which decisions does the court order cover?"
      items={codeChoices(deputyAreas, deputyDecisionLabels)}
      defaultValues={representative?.deputyDecisions ?? []}
    />
  );
  const deputyConditional: Partial<Record<string, ReactNode>> = { court_appointed_deputy: deputyChoices };

  return (
    <FormPage back={<BackTo person={person} />} title={title} form={form}>
      <Form form={form}>
        {representative ? (
          <>
            <p>
              <strong>{representativeKindLabels[representative.kind]}</strong>
            </p>
            {representative.kind === 'court_appointed_deputy' ? deputyChoices : null}
          </>
        ) : (
          <Radios
            name="kind"
            legend="What kind of representative are they?"
            hint="Only attorneys and deputies can make decisions for the person."
            items={codeChoices(representativeKinds, representativeKindLabels)}
            conditional={deputyConditional}
          />
        )}
        <TextField name="name" label="Name" spellCheck={false} defaultValue={representative?.name} />
        <TextField
          name="relationship"
          label="Relationship to the person (optional)"
          hint="Like daughter, friend, or solicitor."
          defaultValue={representative?.relationship}
        />
        <TextField
          name="phone"
          type="tel"
          label="Phone number (optional)"
          widthClass="nhsuk-input--width-20"
          defaultValue={representative?.phone}
        />
        <TextField
          name="email"
          type="email"
          label="Email address (optional)"
          spellCheck={false}
          defaultValue={representative?.email}
        />
        <TextArea name="address" label="Address (optional)" rows={3} defaultValue={representative?.address} />
        <h2 className="nhsuk-heading-m">For an attorney or deputy</h2>
        <TextArea
          name="scopeOfAuthority"
          label="What they can decide (optional)"
          hint="As the lasting power of attorney or the court order says, including any conditions."
          defaultValue={representative?.scopeOfAuthority}
        />
        <TextField
          name="reference"
          label="Reference (optional)"
          hint="The Office of the Public Guardian’s registration number, or the court order’s case number."
          widthClass="nhsuk-input--width-20"
          spellCheck={false}
          defaultValue={representative?.reference}
        />
        <DateInput
          name="registeredOn"
          legend="Date registered or order made (optional)"
          hint="For example, 27 3 2021"
          defaultValue={representative?.registeredOn}
        />
        <DateInput
          name="documentSeenOn"
          legend="Date you saw the document (optional)"
          hint="The registered LPA or the court order, or a certified copy. It is recorded as seen by you."
          defaultValue={representative?.documentSeenOn}
          error={form.errors.byField.get('documentSeenOn') ?? form.errors.byField.get('documentSeenBy')}
        />
        <SubmitButton>{representative ? 'Save changes' : 'Add representative'}</SubmitButton>
      </Form>
    </FormPage>
  );
}

export function EndRepresentativePage() {
  const { personId = '', representativeId } = useParams();
  const [loaded, reload] = useRepresentativeOf(personId, representativeId);
  if (loaded.status === 'loading') return <Loading />;
  if (loaded.status === 'failed') return <LoadProblem error={loaded.error} onTryAgain={reload} />;
  const { person, representative } = loaded.data;
  if (!representative) return <NotFound person={person} />;
  return <EndRepresentativeForm person={person} representative={representative} />;
}

function EndRepresentativeForm({
  person,
  representative,
}: {
  person: Person;
  representative: Representative;
}) {
  const navigate = useNavigate();
  const title = `Record that ${representative.name} no longer acts for ${personName(person)}`;
  const reasonFields = { reason: 'reason' };

  const form = useFormSubmit(reasonFields, async (values) => {
    const reason = readText(values, 'reason') ?? '';
    const missing = missingFields({ reason }, { reason: 'Say why they no longer act for the person' });
    if (missing.length > 0) return missing;
    await endRepresentative(person.id, representative.id, reason);
    const state: NoticeState = { notice: `${representative.name} has been recorded as no longer acting.` };
    navigate(`/people/${person.id}`, { state });
  });
  return (
    <FormPage back={<BackTo person={person} />} title={title} form={form}>
      <p>They stay in the record, marked as no longer acting, and can no longer be changed.</p>
      <Form form={form}>
        <TextArea
          id="reason"
          name="reason"
          label="Why they no longer act"
          hint="Like: the LPA was revoked, the court order ended, or the advocacy finished."
          rows={3}
        />
        <SubmitButton variant="warning">Record that they no longer act</SubmitButton>
      </Form>
    </FormPage>
  );
}
