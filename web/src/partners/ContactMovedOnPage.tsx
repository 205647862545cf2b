import { type FormEvent, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { endPartnerContact, getPartnerContact, type PartnerContact } from '../api.ts';
import { ErrorSummary } from '../ui/ErrorSummary.tsx';
import {
  type FormErrors,
  formErrorsFrom,
  missingFields,
  noFormErrors,
  toFormErrors,
} from '../ui/form-errors.ts';
import { readText, TextArea } from '../ui/form-fields.tsx';
import type { NoticeState } from '../ui/notice.ts';
import { LoadProblem } from '../ui/ProblemPages.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { useResource } from '../ui/useResource.ts';

const fields = { reason: 'reason' };

export function ContactMovedOnPage() {
  const { contactId = '' } = useParams();
  const [contact, reload] = useResource(`partner contact ${contactId}`, () => getPartnerContact(contactId));
  if (contact.status === 'loading') {
    return (
      <p className="nhsuk-body" role="status">
        Loading the contact
      </p>
    );
  }
  if (contact.status === 'failed') return <LoadProblem error={contact.error} onTryAgain={reload} />;
  return <MovedOnForm contact={contact.data} />;
}

function MovedOnForm({ contact }: { contact: PartnerContact }) {
  const navigate = useNavigate();
  const [errors, setErrors] = useState<FormErrors>(noFormErrors);
  const [isSubmitting, setIsSubmitting] = useState(false);
  const title = `Record that ${contact.name} has moved on`;
  usePageTitle(title, errors.items.length > 0);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (isSubmitting) return;
    const reason = readText(new FormData(event.currentTarget), 'reason') ?? '';
    const missing = missingFields({ reason }, { reason: 'Say why they no longer hold the role' });
    if (missing.length > 0) {
      setErrors(toFormErrors(fields, missing));
      return;
    }
    setIsSubmitting(true);
    try {
      await endPartnerContact(contact.id, reason);
      const state: NoticeState = { notice: `${contact.name} has been recorded as moved on.` };
      navigate(`/partners/organisations/${contact.partnerOrganisationId}`, { state });
    } catch (error) {
      setErrors(formErrorsFrom(fields, error));
      setIsSubmitting(false);
    }
  }

  return (
    <>
      <div className="nhsuk-u-margin-bottom-5">
        <Link className="nhsuk-back-link" to={`/partners/contacts/${contact.id}`}>
          Back to {contact.name}
        </Link>
      </div>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <ErrorSummary items={errors.items} />
          <h1>{title}</h1>
          <p>
            {contact.name} will stay in the register and in the records they are part of, but will no longer
            be chosen as a channel or offered for anyone’s circle of support. This cannot be undone: if they
            return to the role, add them again.
          </p>
          <p>Check who now holds the role at {contact.partnerOrganisationName}, and add them as a contact.</p>
          <form onSubmit={submit} noValidate>
            <TextArea
              id={fields.reason}
              name="reason"
              label="Why they no longer hold the role"
              hint="Like: retired in March, or moved to another team. Up to 500 characters."
              rows={3}
              error={errors.byField.get('reason')}
            />
            <button className="nhsuk-button nhsuk-button--warning" type="submit">
              Record that they have moved on
            </button>
          </form>
        </div>
      </div>
    </>
  );
}
