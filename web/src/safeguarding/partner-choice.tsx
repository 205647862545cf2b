import {
  listPartnerContacts,
  type PartnerContact,
  type ShareDecision,
  type ShareRefusalReason,
} from '../api.ts';
import { basisLabels } from '../sharing/sharing-labels.ts';
import { everyPage } from '../ui/every-page.ts';
import type { GateRefusal } from '../ui/form-errors.ts';
import { SelectField } from '../ui/form-fields.tsx';

/** Every current contact in the partner register, by organisation then name. */
export async function listAllPartnerContacts(): Promise<PartnerContact[]> {
  const all = await everyPage(listPartnerContacts, 5_000);
  return all
    .filter((contact) => contact.endedAt === null)
    .sort(
      (a, b) =>
        a.partnerOrganisationName.localeCompare(b.partnerOrganisationName) || a.name.localeCompare(b.name),
    );
}

/** "Sam Duty, duty social worker, Exampleton Adult Safeguarding Hub". */
export function describeContact(contact: PartnerContact): string {
  return [contact.name, contact.jobTitle, contact.partnerOrganisationName].filter(Boolean).join(', ');
}

/** A contact from the register; the value is the contact's id. */
export function ContactSelect({
  name,
  field,
  label,
  hint,
  contacts,
  defaultValue,
}: {
  name: string;
  field?: string;
  label: string;
  hint?: string;
  contacts: readonly PartnerContact[];
  defaultValue?: string | null;
}) {
  return (
    <SelectField
      name={name}
      {...(field ? { field } : {})}
      label={label}
      {...(hint ? { hint } : {})}
      options={[
        { value: '', label: 'Choose a contact' },
        ...contacts.map((contact) => ({ value: contact.id, label: describeContact(contact) })),
      ]}
      defaultValue={defaultValue ?? ''}
    />
  );
}

/** The sharing gate's refusal of a send, with every reason: nothing was sent. */
export function GateRefusalCallout({ refusal, what }: { refusal: GateRefusal; what: string }) {
  return (
    <div className="nhsuk-warning-callout" id="gate-refusal" tabIndex={-1}>
      <h3 className="nhsuk-warning-callout__label">
        <span>
          <span className="nhsuk-u-visually-hidden">Important: </span>Not sent: the sharing gate refused it
        </span>
      </h3>
      <p>{refusal.detail}</p>
      <Reasons reasons={refusal.reasons} />
      <p>
        Nothing about the person left Liaison. If {what} must go to protect someone, a manager can authorise
        sharing for safeguarding on the person’s consent and sharing page, then send it again.
      </p>
    </div>
  );
}

function Reasons({ reasons }: { reasons: readonly ShareRefusalReason[] }) {
  return reasons.length === 0 ? null : (
    <ul className="nhsuk-list nhsuk-list--bullet">
      {reasons.map((reason) => (
        <li key={`${reason.code} ${reason.recordId ?? ''}`}>{reason.message}</li>
      ))}
    </ul>
  );
}

/** What the gate would answer now: allowed and on what, or refused and why. Nothing is shared by asking. */
export function GateAnswer({ decision }: { decision: ShareDecision }) {
  const to = decision.recipient.partnerContactName
    ? `${decision.recipient.partnerContactName} at ${decision.recipient.partnerOrganisationName}`
    : decision.recipient.partnerOrganisationName;
  if (!decision.allowed) {
    return (
      <div className="nhsuk-warning-callout" data-testid="gate-answer">
        <h3 className="nhsuk-warning-callout__label">
          <span>
            <span className="nhsuk-u-visually-hidden">Important: </span>The sharing gate would refuse it
          </span>
        </h3>
        <p>
          It would not go to {to}. {decision.explanation}
        </p>
        <Reasons reasons={decision.reasons} />
      </div>
    );
  }
  return (
    <div className="nhsuk-inset-text" data-testid="gate-answer">
      <span className="nhsuk-u-visually-hidden">The sharing gate’s answer: </span>
      <p>
        <strong>The sharing gate allows it</strong> to {to}
        {decision.basis ? `, on ${basisLabels[decision.basis].toLowerCase()}` : ''}. {decision.explanation}
      </p>
      <p className="nhsuk-body-s">It is asked again when you send, and again as the email leaves.</p>
    </div>
  );
}
