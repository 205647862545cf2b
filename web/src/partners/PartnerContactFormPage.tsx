import { useNavigate, useParams } from 'react-router';
import {
  addPartnerContact,
  changePartnerContact,
  getPartnerContact,
  getPartnerOrganisation,
  type PartnerContact,
  type PartnerOrganisation,
  type PartnerType,
} from '../api.ts';
import { Form, SubmitButton, useFormSubmit } from '../ui/form.tsx';
import { missingFields } from '../ui/form-errors.ts';
import { changesFrom, readText, SelectField, TextArea, TextField } from '../ui/form-fields.tsx';
import type { NoticeState } from '../ui/notice.ts';
import { LoadProblem } from '../ui/ProblemPages.tsx';
import { BackLink, FormPage, Loaded, Loading } from '../ui/page-parts.tsx';
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
  return (
    <Loaded resource={organisation} reload={reload}>
      {(data) => <ContactForm organisation={data} contact={null} />}
    </Loaded>
  );
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

function ContactForm({
  organisation,
  contact,
}: {
  organisation: Pick<PartnerOrganisation, 'id' | 'name'> & { type?: PartnerType };
  contact: PartnerContact | null;
}) {
  const navigate = useNavigate();
  const title = contact ? `Change ${contact.name}’s details` : `Add a contact at ${organisation.name}`;
  const backPath = contact
    ? `/partners/contacts/${contact.id}`
    : `/partners/organisations/${organisation.id}`;

  const form = useFormSubmit(fields, async (formData) => {
    const values = {
      name: readText(formData, 'name') ?? '',
      jobTitle: readText(formData, 'jobTitle'),
      type: String(formData.get('type') ?? ''),
      email: readText(formData, 'email'),
      phone: readText(formData, 'phone'),
      notes: readText(formData, 'notes'),
    };
    const missing = missingFields(
      { name: values.name, type: values.type },
      { name: 'Enter the contact’s name', type: 'Choose what kind of partner they are' },
    );
    if (missing.length > 0) return missing;
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
  });

  return (
    <FormPage
      back={
        <BackLink to={backPath}>
          {contact ? `Back to ${contact.name}` : `Back to ${organisation.name}`}
        </BackLink>
      }
      title={title}
      form={form}
    >
      {contact ? null : (
        <p>Adding a contact counts as checking their details today. Add their phone lines and emails next.</p>
      )}
      <Form form={form}>
        <TextField name="name" label="Name" defaultValue={contact?.name} />
        <TextField
          name="jobTitle"
          label="Job title (optional)"
          hint="Like Practice Manager or Senior Social Worker."
          defaultValue={contact?.jobTitle}
        />
        <SelectField
          name="type"
          label="What kind of partner they are"
          hint="Also the role they hold when you add them to someone’s circle of support."
          options={[{ value: '', label: 'Choose a type' }, ...partnerTypeOptions]}
          defaultValue={contact?.type ?? organisation.type ?? ''}
        />
        <TextField
          name="email"
          type="email"
          label="Email address (optional)"
          spellCheck={false}
          defaultValue={contact?.email}
        />
        <TextField
          name="phone"
          type="tel"
          label="Phone number (optional)"
          hint="For the record. To say when and what it is for, add it as a channel."
          widthClass="nhsuk-input--width-20"
          defaultValue={contact?.phone}
        />
        <TextArea
          name="notes"
          label="Notes (optional)"
          hint="Do not write about people you support here."
          defaultValue={contact?.notes}
        />
        <SubmitButton>{contact ? 'Save changes' : 'Add contact'}</SubmitButton>
      </Form>
    </FormPage>
  );
}
