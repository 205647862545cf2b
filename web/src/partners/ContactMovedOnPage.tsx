import { useNavigate, useParams } from 'react-router';
import { endPartnerContact, getPartnerContact, type PartnerContact } from '../api.ts';
import { Form, SubmitButton, useFormSubmit } from '../ui/form.tsx';
import { missingFields } from '../ui/form-errors.ts';
import { readText, TextArea } from '../ui/form-fields.tsx';
import type { NoticeState } from '../ui/notice.ts';
import { LoadProblem } from '../ui/ProblemPages.tsx';
import { BackLink, FormPage, Loading } from '../ui/page-parts.tsx';
import { useResource } from '../ui/useResource.ts';

const fields = { reason: 'reason' };

export function ContactMovedOnPage() {
  const { contactId = '' } = useParams();
  const [contact, reload] = useResource(`partner contact ${contactId}`, () => getPartnerContact(contactId));
  if (contact.status === 'loading') {
    return <Loading what="Loading the contact" />;
  }
  if (contact.status === 'failed') return <LoadProblem error={contact.error} onTryAgain={reload} />;
  return <MovedOnForm contact={contact.data} />;
}

function MovedOnForm({ contact }: { contact: PartnerContact }) {
  const navigate = useNavigate();
  const title = `Record that ${contact.name} has moved on`;

  const form = useFormSubmit(fields, async (values) => {
    const reason = readText(values, 'reason') ?? '';
    const missing = missingFields({ reason }, { reason: 'Say why they no longer hold the role' });
    if (missing.length > 0) return missing;
    await endPartnerContact(contact.id, reason);
    const state: NoticeState = { notice: `${contact.name} has been recorded as moved on.` };
    navigate(`/partners/organisations/${contact.partnerOrganisationId}`, { state });
  });

  return (
    <FormPage
      back={<BackLink to={`/partners/contacts/${contact.id}`}>Back to {contact.name}</BackLink>}
      title={title}
      form={form}
    >
      <p>
        {contact.name} will stay in the register and in the records they are part of, but will no longer be
        chosen as a channel or offered for anyone’s circle of support. This cannot be undone: if they return
        to the role, add them again.
      </p>
      <p>Check who now holds the role at {contact.partnerOrganisationName}, and add them as a contact.</p>
      <Form form={form}>
        <TextArea
          name="reason"
          label="Why they no longer hold the role"
          hint="Like: retired in March, or moved to another team. Up to 500 characters."
          rows={3}
        />
        <SubmitButton variant="warning">Record that they have moved on</SubmitButton>
      </Form>
    </FormPage>
  );
}
