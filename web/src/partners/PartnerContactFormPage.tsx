import { type FormEvent, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import {
  addPartnerContact,
  changePartnerContact,
  getPartnerContact,
  getPartnerOrganisation,
  type PartnerContact,
  type PartnerOrganisation,
  type PartnerType,
} from '../api.ts';
import { ErrorSummary } from '../ui/ErrorSummary.tsx';
import {
  type FormErrors,
  formErrorsFrom,
  missingFields,
  noFormErrors,
  toFormErrors,
} from '../ui/form-errors.ts';
import { changesFrom, readText, SelectField, TextArea, TextField } from '../ui/form-fields.tsx';
import type { NoticeState } from '../ui/notice.ts';
import { LoadProblem } from '../ui/ProblemPages.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { useResource } from '../ui/useResource.ts';
import { partnerTypeOptions } from './partner-labels.ts';

// API field name → input id, in the order the fields appear.
const fields = {
  name: 'name',
  jobTitle: 'job-title',
  type: 'type',
  email: 'email',
  phone: 'phone',
  notes: 'notes',
};

export function AddPartnerContactPage() {
  const { organisationId = '' } = useParams();
  const [organisation, reload] = useResource(`partner organisation ${organisationId}`, () =>
    getPartnerOrganisation(organisationId),
  );
  if (organisation.status === 'loading') return <Loading />;
  if (organisation.status === 'failed') return <LoadProblem error={organisation.error} onTryAgain={reload} />;
  return <ContactForm organisation={organisation.data} contact={null} />;
}

export function ChangePartnerContactPage() {
  const { contactId = '' } = useParams();
  const [contact, reload] = useResource(`partner contact ${contactId}`, () => getPartnerContact(contactId));
  if (contact.status === 'loading') return <Loading />;
  if (contact.status === 'failed') return <LoadProblem error={contact.error} onTryAgain={reload} />;
  return (
    <ContactForm
      organisation={{ id: contact.data.partnerOrganisationId, name: contact.data.partnerOrganisationName }}
      contact={contact.data}
    />
  );
}

function Loading() {
  return (
    <p className="nhsuk-body" role="status">
      Loading
    </p>
  );
}

function ContactForm({
  organisation,
  contact,
}: {
  organisation: Pick<PartnerOrganisation, 'id' | 'name'> & { type?: PartnerType };
  contact: PartnerContact | null;
}) {
  const navigate = useNavigate();
  const [errors, setErrors] = useState<FormErrors>(noFormErrors);
  const [isSubmitting, setIsSubmitting] = useState(false);
  const title = contact ? `Change ${contact.name}’s details` : `Add a contact at ${organisation.name}`;
  usePageTitle(title, errors.items.length > 0);
  const backPath = contact
    ? `/partners/contacts/${contact.id}`
    : `/partners/organisations/${organisation.id}`;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (isSubmitting) return;
    const form = new FormData(event.currentTarget);
    const values = {
      name: readText(form, 'name') ?? '',
      jobTitle: readText(form, 'jobTitle'),
      type: String(form.get('type') ?? ''),
      email: readText(form, 'email'),
      phone: readText(form, 'phone'),
      notes: readText(form, 'notes'),
    };
    const missing = missingFields(
      { name: values.name, type: values.type },
      { name: 'Enter the contact’s name', type: 'Choose what kind of partner they are' },
    );
    if (missing.length > 0) {
      setErrors(toFormErrors(fields, missing));
      return;
    }
    setIsSubmitting(true);
    try {
      const input = { ...values, type: values.type as PartnerType };
      if (contact) {
        const changes = changesFrom(contact, input);
        if (Object.keys(changes).length > 0) {
          await changePartnerContact(contact.id, contact.version, changes);
        }
        const state: NoticeState =
          Object.keys(changes).length > 0 ? { notice: `${input.name}’s details have been changed.` } : {};
        navigate(backPath, { state });
      } else {
        const added = await addPartnerContact(organisation.id, input);
        const state: NoticeState = { notice: `${added.name} has been added to ${organisation.name}.` };
        navigate(`/partners/contacts/${added.id}`, { state });
      }
    } catch (error) {
      setErrors(formErrorsFrom(fields, error));
      setIsSubmitting(false);
    }
  }

  return (
    <>
      <div className="nhsuk-u-margin-bottom-5">
        <Link className="nhsuk-back-link" to={backPath}>
          {contact ? `Back to ${contact.name}` : `Back to ${organisation.name}`}
        </Link>
      </div>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <ErrorSummary items={errors.items} />
          <h1>{title}</h1>
          {contact ? null : (
            <p>
              Adding a contact counts as checking their details today. Add their phone lines and emails next.
            </p>
          )}
          <form onSubmit={submit} noValidate>
            <TextField
              id={fields.name}
              name="name"
              label="Name"
              defaultValue={contact?.name}
              error={errors.byField.get('name')}
            />
            <TextField
              id={fields.jobTitle}
              name="jobTitle"
              label="Job title (optional)"
              hint="Like Practice Manager or Senior Social Worker."
              defaultValue={contact?.jobTitle}
              error={errors.byField.get('jobTitle')}
            />
            <SelectField
              id={fields.type}
              name="type"
              label="What kind of partner they are"
              hint="Also the role they hold when you add them to someone’s circle of support."
              options={[{ value: '', label: 'Choose a type' }, ...partnerTypeOptions]}
              defaultValue={contact?.type ?? organisation.type ?? ''}
              error={errors.byField.get('type')}
            />
            <TextField
              id={fields.email}
              name="email"
              type="email"
              label="Email address (optional)"
              spellCheck={false}
              defaultValue={contact?.email}
              error={errors.byField.get('email')}
            />
            <TextField
              id={fields.phone}
              name="phone"
              type="tel"
              label="Phone number (optional)"
              hint="For the record. To say when and what it is for, add it as a channel."
              widthClass="nhsuk-input--width-20"
              defaultValue={contact?.phone}
              error={errors.byField.get('phone')}
            />
            <TextArea
              id={fields.notes}
              name="notes"
              label="Notes (optional)"
              hint="Do not write about people you support here."
              defaultValue={contact?.notes}
              error={errors.byField.get('notes')}
            />
            <button className="nhsuk-button" type="submit">
              {contact ? 'Save changes' : 'Add contact'}
            </button>
          </form>
        </div>
      </div>
    </>
  );
}
