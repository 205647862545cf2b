import { type FormEvent, useState } from 'react';
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
import { partnerTypeLabels, partnerTypeOptions, partnerTypes } from '../partners/partner-labels.ts';
import { ErrorSummary } from '../ui/ErrorSummary.tsx';
import { type FormErrors, formErrorsFrom, noFormErrors, toFormErrors } from '../ui/form-errors.ts';
import { Checkboxes, DateInput, Radios, readDateInput, SelectField, TextField } from '../ui/form-fields.tsx';
import { formatDate } from '../ui/format.ts';
import type { NoticeState } from '../ui/notice.ts';
import { LoadProblem } from '../ui/ProblemPages.tsx';
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
function todayInLondon(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
}

function Loading() {
  return (
    <p className="nhsuk-body" role="status">
      Loading
    </p>
  );
}

function BackTo({ person }: { person: Person }) {
  return (
    <div className="nhsuk-u-margin-bottom-5">
      <Link className="nhsuk-back-link" to={`/people/${person.id}`}>
        Back to {personName(person)}
      </Link>
    </div>
  );
}

/** Find a contact in the partner register, then say what role they hold for the person. */
export function AddCircleMemberPage() {
  const { personId = '' } = useParams();
  const [person, reload] = useResource(`person ${personId}`, () => getPerson(personId));
  if (person.status === 'loading') return <Loading />;
  if (person.status === 'failed') return <LoadProblem error={person.error} onTryAgain={reload} />;
  return <AddCircleMember person={person.data} />;
}

function AddCircleMember({ person }: { person: Person }) {
  const navigate = useNavigate();
  const [searchParams, setSearchParams] = useSearchParams();
  const q = searchParams.get('q')?.trim() ?? '';
  const typeParam = searchParams.get('type') ?? '';
  const type = (partnerTypes as string[]).includes(typeParam) ? (typeParam as PartnerType) : undefined;
  const hasSearched = Boolean(q || type);
  const [errors, setErrors] = useState<FormErrors>(noFormErrors);
  const [isSubmitting, setIsSubmitting] = useState(false);
  const title = `Add someone to ${personName(person)}’s circle of support`;
  usePageTitle(title, errors.items.length > 0);
  const searchKey = searchParams.toString();
  const [contacts, reload] = useResource(`circle candidates ${searchKey}`, () =>
    hasSearched
      ? listPartnerContacts({ limit: 25, offset: 0, q, ...(type ? { type } : {}) })
      : Promise.resolve({ items: [] }),
  );

  function search(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next = new URLSearchParams();
    for (const name of ['q', 'type']) {
      const value = String(form.get(name) ?? '').trim();
      if (value) next.set(name, value);
    }
    setErrors(noFormErrors);
    setSearchParams(next);
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (isSubmitting) return;
    const form = new FormData(event.currentTarget);
    const partnerContactId = String(form.get('partnerContactId') ?? '');
    const role = String(form.get('role') ?? '');
    const startedOn = readDateInput(form, 'startedOn', 'The date they started');
    const problems: FieldError[] = [];
    if (!partnerContactId) problems.push({ field: 'partnerContactId', message: 'Choose who to add' });
    if ('problem' in startedOn) problems.push({ field: 'startedOn', message: startedOn.problem });
    if (problems.length > 0) {
      setErrors(toFormErrors(fields, problems));
      return;
    }
    setIsSubmitting(true);
    try {
      const added = await addCircleMember(person.id, {
        partnerContactId,
        ...(role ? { role: role as PartnerType } : {}),
        isPrimary: form.get('isPrimary') === 'yes',
        ...('date' in startedOn && startedOn.date ? { startedOn: startedOn.date } : {}),
      });
      const state: NoticeState = {
        notice: `${added.partnerContact.name} has been added to ${personName(person)}’s circle of support as their ${partnerTypeLabels[added.role]}.`,
      };
      navigate(`/people/${person.id}`, { state });
    } catch (error) {
      setErrors(formErrorsFrom(fields, error));
      setIsSubmitting(false);
    }
  }

  return (
    <>
      <BackTo person={person} />
      <ErrorSummary items={errors.items} />
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
              <SelectField
                id="type"
                name="type"
                label="Type"
                options={[{ value: '', label: 'Any type' }, ...partnerTypeOptions]}
                defaultValue={type ?? ''}
              />
            </div>
          </div>
          <button className="nhsuk-button nhsuk-button--secondary" type="submit">
            Search the register
          </button>
        </form>
      </search>

      {contacts.status === 'loading' && hasSearched ? <Loading /> : null}
      {contacts.status === 'failed' ? <LoadProblem error={contacts.error} onTryAgain={reload} /> : null}
      {contacts.status === 'loaded' && hasSearched && contacts.data.items.length === 0 ? (
        <p>No current contacts match. Check the spelling, or search by type.</p>
      ) : null}
      {contacts.status === 'loaded' && contacts.data.items.length > 0 ? (
        <div className="nhsuk-grid-row">
          <div className="nhsuk-grid-column-two-thirds">
            <form onSubmit={submit} noValidate>
              <Radios
                id={fields.partnerContactId}
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
                error={errors.byField.get('partnerContactId')}
              />
              <SelectField
                id={fields.role}
                name="role"
                label="The role they hold for this person"
                hint="Leave it as it is to use the kind of partner they are, like GP or social worker."
                options={[{ value: '', label: 'The kind of partner they are' }, ...partnerTypeOptions]}
                error={errors.byField.get('role')}
              />
              <Checkboxes
                id={fields.isPrimary}
                name="isPrimary"
                legend="Primary contact"
                hint={`The partner to contact first about ${personName(person)}. Only one person can be primary: they take over from anyone who was.`}
                items={[{ value: 'yes', label: 'Make them the primary contact' }]}
                error={errors.byField.get('isPrimary')}
              />
              <DateInput
                id={fields.startedOn}
                name="startedOn"
                legend="When did they start in this role? (optional)"
                hint="Leave it empty for today."
                error={errors.byField.get('startedOn')}
              />
              <button className="nhsuk-button" type="submit">
                Add to circle of support
              </button>
            </form>
          </div>
        </div>
      ) : null}
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
  const [errors, setErrors] = useState<FormErrors>(noFormErrors);
  const [isSubmitting, setIsSubmitting] = useState(false);
  const endFields = { endedOn: 'ended-on' };
  const title = `End ${member.partnerContact.name}’s role for ${personName(person)}`;
  usePageTitle(title, errors.items.length > 0);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (isSubmitting) return;
    const endedOn = readDateInput(new FormData(event.currentTarget), 'endedOn', 'The date the role ended');
    if ('problem' in endedOn || !endedOn.date) {
      setErrors(
        toFormErrors(endFields, [
          {
            field: 'endedOn',
            message: 'problem' in endedOn ? endedOn.problem : 'Enter the date the role ended',
          },
        ]),
      );
      return;
    }
    setIsSubmitting(true);
    try {
      await changeCircleMember(person.id, member.id, member.version, { endedOn: endedOn.date });
      const state: NoticeState = {
        notice: `${member.partnerContact.name} is no longer ${personName(person)}’s ${partnerTypeLabels[member.role]}.`,
      };
      navigate(`/people/${person.id}`, { state });
    } catch (error) {
      setErrors(formErrorsFrom(endFields, error));
      setIsSubmitting(false);
    }
  }

  return (
    <>
      <BackTo person={person} />
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <ErrorSummary items={errors.items} />
          <h1>{title}</h1>
          <p>
            {member.partnerContact.name} has been {personName(person)}’s {partnerTypeLabels[member.role]}{' '}
            since {formatDate(member.startedOn)}. The role stays in the record as ended.
            {member.isPrimary ? ' They will no longer be the primary contact.' : ''}
          </p>
          <form onSubmit={submit} noValidate>
            <DateInput
              id={endFields.endedOn}
              name="endedOn"
              legend="When did the role end?"
              hint="For example, 21 11 2026"
              defaultValue={todayInLondon()}
              error={errors.byField.get('endedOn')}
            />
            <button className="nhsuk-button nhsuk-button--warning" type="submit">
              End this role
            </button>
          </form>
        </div>
      </div>
    </>
  );
}
