import type { FormEvent } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import {
  addCircleMember,
  type CircleMember,
  changeCircleMember,
  type FieldError,
  getPerson,
  listCircle,
  listPartnerContacts,
  type PartnerType,
  type Person,
} from '../api.ts';
import { PartnerTypeFilter } from '../partners/PartnersPage.tsx';
import { partnerTypeLabels, partnerTypeOptions, partnerTypes } from '../partners/partner-labels.ts';
import { ErrorSummary } from '../ui/ErrorSummary.tsx';
import { Form, SubmitButton, useFormSubmit } from '../ui/form.tsx';
import { Checkboxes, DateInput, Radios, readDateInput, SelectField, TextField } from '../ui/form-fields.tsx';
import { formatDate } from '../ui/format.ts';
import { todayInLondon } from '../ui/london-time.ts';
import type { NoticeState } from '../ui/notice.ts';
import { LoadProblem } from '../ui/ProblemPages.tsx';
import { BackLink, FormPage, Loaded, Loading } from '../ui/page-parts.tsx';
import { searchQueryFrom } from '../ui/search-form.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { useResource } from '../ui/useResource.ts';
import { personName } from './person-labels.ts';

// API field name → input id, in the order the fields appear.
const fields = {
  partnerContactId: 'partner-contact',
  role: 'role',
  isPrimary: 'is-primary',
  startedOn: 'started-on',
};

/** Today's date in the UK as YYYY-MM-DD, whatever time zone the device is set to. */

function BackTo({ person }: { person: Person }) {
  return <BackLink to={`/people/${person.id}`}>Back to {personName(person)}</BackLink>;
}

/** Find a contact in the partner register, then say what role they hold for the person. */
export function AddCircleMemberPage() {
  const { personId = '' } = useParams();
  const [person, reload] = useResource(`person ${personId}`, () => getPerson(personId));
  return (
    <Loaded resource={person} reload={reload}>
      {(data) => <AddCircleMember person={data} />}
    </Loaded>
  );
}

function AddCircleMember({ person }: { person: Person }) {
  const navigate = useNavigate();
  const [searchParams, setSearchParams] = useSearchParams();
  const q = searchParams.get('q')?.trim() ?? '';
  const typeParam = searchParams.get('type') ?? '';
  const type = (partnerTypes as string[]).includes(typeParam) ? (typeParam as PartnerType) : undefined;
  const hasSearched = Boolean(q || type);
  const title = `Add someone to ${personName(person)}’s circle of support`;
  const searchKey = searchParams.toString();
  const [contacts, reload] = useResource(`circle candidates ${searchKey}`, () =>
    hasSearched
      ? listPartnerContacts({ limit: 25, offset: 0, q, ...(type ? { type } : {}) })
      : Promise.resolve({ items: [] }),
  );

  function search(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSearchParams(searchQueryFrom(new FormData(event.currentTarget), ['q', 'type']));
  }

  const form = useFormSubmit(fields, async (values) => {
    const partnerContactId = String(values.get('partnerContactId') ?? '');
    const role = String(values.get('role') ?? '');
    const startedOn = readDateInput(values, 'startedOn', 'The date they started');
    const problems: FieldError[] = [];
    if (!partnerContactId) problems.push({ field: 'partnerContactId', message: 'Choose who to add' });
    if ('problem' in startedOn) problems.push({ field: 'startedOn', message: startedOn.problem });
    if (problems.length > 0) return problems;
    const added = await addCircleMember(person.id, {
      partnerContactId,
      ...(role ? { role: role as PartnerType } : {}),
      isPrimary: values.get('isPrimary') === 'yes',
      ...('date' in startedOn && startedOn.date ? { startedOn: startedOn.date } : {}),
    });
    const state: NoticeState = {
      notice: `${added.partnerContact.name} has been added to ${personName(person)}’s circle of support as their ${partnerTypeLabels[added.role]}.`,
    };
    navigate(`/people/${person.id}`, { state });
  });
  usePageTitle(title, form.hasErrors);

  return (
    <>
      <BackTo person={person} />
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <ErrorSummary items={form.errors.items} />
          <h1>{title}</h1>
          <p>
            Find them in the partner register. If they are not there yet, ask a manager to{' '}
            <Link to="/partners">add them to the register</Link> first.
          </p>
          <search>
            <form className="nhsuk-u-margin-bottom-5" onSubmit={search} noValidate key={searchKey}>
              <div className="nhsuk-grid-row">
                <div className="nhsuk-grid-column-one-half">
                  <TextField id="q" name="q" label="Name" type="search" defaultValue={q} spellCheck={false} />
                </div>
                <div className="nhsuk-grid-column-one-half">
                  <PartnerTypeFilter chosen={type} />
                </div>
              </div>
              <SubmitButton variant="secondary">Search the register</SubmitButton>
            </form>
          </search>

          {contacts.status === 'loading' && hasSearched ? <Loading /> : null}
          {contacts.status === 'failed' ? <LoadProblem error={contacts.error} onTryAgain={reload} /> : null}
          {contacts.status === 'loaded' && hasSearched && contacts.data.items.length === 0 ? (
            <p>No current contacts match. Check the spelling, or search by type.</p>
          ) : null}
          {contacts.status === 'loaded' && contacts.data.items.length > 0 ? (
            <Form form={form}>
              <Radios
                name="partnerContactId"
                legend="Who do you want to add?"
                legendSize="m"
                items={contacts.data.items.map((contact) => ({
                  value: contact.id,
                  label: contact.name,
                  hint: [contact.jobTitle, contact.partnerOrganisationName, partnerTypeLabels[contact.type]]
                    .filter(Boolean)
                    .join(', '),
                }))}
              />
              <SelectField
                name="role"
                label="The role they hold for this person"
                hint="Leave it as it is to use the kind of partner they are, like GP or social worker."
                options={[{ value: '', label: 'The kind of partner they are' }, ...partnerTypeOptions]}
              />
              <Checkboxes
                name="isPrimary"
                legend="Primary contact"
                hint={`The partner to contact first about ${personName(person)}. Only one person can be primary: they take over from anyone who was.`}
                items={[{ value: 'yes', label: 'Make them the primary contact' }]}
              />
              <DateInput
                name="startedOn"
                legend="When did they start in this role? (optional)"
                hint="Leave it empty for today."
              />
              <SubmitButton>Add to circle of support</SubmitButton>
            </Form>
          ) : null}
        </div>
      </div>
    </>
  );
}

/** Records the day a partner stopped holding a role for the person; the role stays in the record. */
export function EndCircleMemberPage() {
  const { personId = '', memberId = '' } = useParams();
  const [loaded, reload] = useResource(`circle member ${personId} ${memberId}`, async () => {
    const [person, circle] = await Promise.all([getPerson(personId), listCircle(personId)]);
    return { person, member: circle.items.find((each) => each.id === memberId) ?? null };
  });
  if (loaded.status === 'loading') return <Loading />;
  if (loaded.status === 'failed') return <LoadProblem error={loaded.error} onTryAgain={reload} />;
  const { person, member } = loaded.data;
  if (!member) {
    return (
      <>
        <BackTo person={person} />
        <h1>Role not found</h1>
        <p>
          This role is not a current part of {personName(person)}’s circle of support. It may have ended
          already.
        </p>
      </>
    );
  }
  return <EndCircleMember person={person} member={member} />;
}

function EndCircleMember({ person, member }: { person: Person; member: CircleMember }) {
  const navigate = useNavigate();
  const endFields = { endedOn: 'ended-on' };
  const title = `End ${member.partnerContact.name}’s role for ${personName(person)}`;

  const form = useFormSubmit(endFields, async (values) => {
    const endedOn = readDateInput(values, 'endedOn', 'The date the role ended');
    if ('problem' in endedOn || !endedOn.date) {
      return [
        {
          field: 'endedOn',
          message: 'problem' in endedOn ? endedOn.problem : 'Enter the date the role ended',
        },
      ];
    }
    await changeCircleMember(person.id, member.id, member.version, { endedOn: endedOn.date });
    const state: NoticeState = {
      notice: `${member.partnerContact.name} is no longer ${personName(person)}’s ${partnerTypeLabels[member.role]}.`,
    };
    navigate(`/people/${person.id}`, { state });
  });
  return (
    <FormPage back={<BackTo person={person} />} title={title} form={form}>
      <p>
        {member.partnerContact.name} has been {personName(person)}’s {partnerTypeLabels[member.role]} since{' '}
        {formatDate(member.startedOn)}. The role stays in the record as ended.
        {member.isPrimary ? ' They will no longer be the primary contact.' : ''}
      </p>
      <Form form={form}>
        <DateInput
          name="endedOn"
          legend="When did the role end?"
          hint="For example, 21 11 2026"
          defaultValue={todayInLondon()}
        />
        <SubmitButton variant="warning">End this role</SubmitButton>
      </Form>
    </FormPage>
  );
}
