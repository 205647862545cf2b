import { useState } from 'react';
import {
  type CircleMember,
  listCircle,
  listPartnerContacts,
  type PartnerContact,
  type PartnerOrganisation,
  type PartnerType,
  type RecipientScopeFields,
} from '../api.ts';
import { listAllPartnerOrganisations } from '../partners/PartnersPage.tsx';
import { partnerTypeLabels, partnerTypes } from '../partners/partner-labels.ts';
import { everyPage } from '../ui/every-page.ts';
import { useFormErrors } from '../ui/form.tsx';
import { Checkboxes, type ChoiceItem, codeChoices, ErrorMessage, readChoices } from '../ui/form-fields.tsx';

/** The partner register, for choosing who information may go to; the person's circle comes first. */
export type PartnerLists = {
  organisations: PartnerOrganisation[];
  contacts: { contact: PartnerContact; circleRole: PartnerType | null }[];
};

function listAllCurrentContacts(): Promise<PartnerContact[]> {
  return everyPage(listPartnerContacts, 5_000);
}

export async function loadPartnerLists(personId: string): Promise<PartnerLists> {
  const [organisations, contacts, circle] = await Promise.all([
    listAllPartnerOrganisations(),
    listAllCurrentContacts(),
    listCircle(personId),
  ]);
  const roles = new Map(circle.items.map((member: CircleMember) => [member.partnerContact.id, member.role]));
  const withRoles = contacts.map((contact) => ({ contact, circleRole: roles.get(contact.id) ?? null }));
  return {
    organisations,
    contacts: [
      ...withRoles.filter((each) => each.circleRole !== null),
      ...withRoles.filter((each) => each.circleRole === null),
    ],
  };
}

/** "GP, Riverside Medical Practice · in their circle of support as GP". */
export function contactHint(entry: PartnerLists['contacts'][number]): string {
  const { contact, circleRole } = entry;
  const where = [contact.jobTitle, contact.partnerOrganisationName].filter(Boolean).join(', ');
  return circleRole ? `${where}. In their circle of support as ${partnerTypeLabels[circleRole]}.` : where;
}

/** The API fields a recipient scope's errors come back on, all shown beside the one question. */
export const recipientScopeFields = {
  partnerOrganisationIds: 'recipients',
  partnerContactIds: 'recipients',
  partnerTypes: 'recipients',
};

/**
 * "Who can the information go to?": named organisations, named people and types of partner, each
 * list folded into its own details element (which needs no script), so the page is not one long
 * list. Each summary says how many are chosen in it.
 */
export function RecipientScopeQuestion({
  lists,
  legend,
  hint,
}: {
  lists: PartnerLists;
  legend: string;
  hint: string;
}) {
  const errors = useFormErrors();
  const error =
    errors.byField.get('partnerOrganisationIds') ??
    errors.byField.get('partnerContactIds') ??
    errors.byField.get('partnerTypes');
  const describedBy = ['recipients-hint', error ? 'recipients-error' : null].filter(Boolean).join(' ');
  return (
    <div className={error ? 'nhsuk-form-group nhsuk-form-group--error' : 'nhsuk-form-group'}>
      <fieldset className="nhsuk-fieldset" aria-describedby={describedBy}>
        <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">{legend}</legend>
        <div className="nhsuk-hint" id="recipients-hint">
          {hint}
        </div>
        <ErrorMessage id="recipients" error={error} />
        <RecipientGroup
          id="recipients"
          summary="Partner organisations"
          legend="Partner organisations: anyone working there"
          name="partnerOrganisationIds"
          items={lists.organisations.map((organisation) => ({
            value: organisation.id,
            label: organisation.name,
            hint: partnerTypeLabels[organisation.type],
          }))}
        />
        <RecipientGroup
          id="recipient-contacts"
          summary="Named people at partner organisations"
          legend="Named people"
          hint="People in their circle of support are listed first."
          name="partnerContactIds"
          items={lists.contacts.map((entry) => ({
            value: entry.contact.id,
            label: entry.contact.name,
            hint: contactHint(entry),
          }))}
        />
        <RecipientGroup
          id="recipient-types"
          summary="Types of partner, like any GP"
          legend="Any partner of these types"
          hint="For example, whoever is their GP, even when that changes."
          name="partnerTypes"
          items={codeChoices(partnerTypes, partnerTypeLabels)}
        />
      </fieldset>
    </div>
  );
}

function RecipientGroup({
  id,
  summary,
  legend,
  hint,
  name,
  items,
}: {
  id: string;
  summary: string;
  legend: string;
  hint?: string;
  name: string;
  items: readonly ChoiceItem[];
}) {
  const [chosen, setChosen] = useState(0);
  return (
    <details className="nhsuk-details nhsuk-u-margin-bottom-3">
      {/* The summary carries the id, so the error summary can move focus to a closed group. */}
      <summary className="nhsuk-details__summary" id={id}>
        <span className="nhsuk-details__summary-text">
          {summary}
          {chosen > 0 ? ` (${chosen} chosen)` : ''}
        </span>
      </summary>
      <div className="nhsuk-details__text">
        <Checkboxes
          id={`${id}-choices`}
          name={name}
          legend={legend}
          {...(hint ? { hint } : {})}
          small
          items={items}
          error={undefined}
          onChange={(_value, checked) => setChosen((count) => count + (checked ? 1 : -1))}
        />
      </div>
    </details>
  );
}

/** What RecipientScopeQuestion's answer is. */
export function readRecipientScope(form: FormData): RecipientScopeFields {
  return {
    partnerOrganisationIds: readChoices(form, 'partnerOrganisationIds'),
    partnerContactIds: readChoices(form, 'partnerContactIds'),
    partnerTypes: readChoices<PartnerType>(form, 'partnerTypes'),
  };
}

export function namesNobody(scope: RecipientScopeFields): boolean {
  return (
    scope.partnerOrganisationIds.length + scope.partnerContactIds.length + scope.partnerTypes.length === 0
  );
}
