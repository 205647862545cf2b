import { type FormEvent, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import {
  authoriseSafeguardingSharing,
  type FieldError,
  getPerson,
  type InformationCategory,
  type Person,
  revokeSafeguardingAuthorisation,
  type SafeguardingAuthorisation,
} from '../api.ts';
import { personName } from '../people/person-labels.ts';
import { ErrorSummary } from '../ui/ErrorSummary.tsx';
import { type FormErrors, formErrorsFrom, noFormErrors, toFormErrors } from '../ui/form-errors.ts';
import { DateInput, readChoices, readDateInput, readText, TextArea } from '../ui/form-fields.tsx';
import { formatDate, formatDateTime } from '../ui/format.ts';
import type { NoticeState } from '../ui/notice.ts';
import { LoadProblem } from '../ui/ProblemPages.tsx';
import { Loading } from '../ui/page-parts.tsx';
import { SummaryList } from '../ui/SummaryList.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { useResource } from '../ui/useResource.ts';
import { endOfDayInLondon } from './dates.ts';
import {
  loadPartnerLists,
  namesNobody,
  type PartnerLists,
  RecipientScopeQuestion,
  readRecipientScope,
  recipientScopeFields,
} from './recipients.tsx';
import { CategoryCheckboxes } from './sharing-fields.tsx';
import { listCategories } from './sharing-labels.ts';
import { BackToSharing, ScopeLines, sharingPath, usePersonSharing } from './sharing-parts.tsx';

/** The server refuses a shorter rationale: it must say why sharing without consent is necessary. */
const minimumRationale = 20;

// API field name → input id, in the order the fields appear.
const fields = {
  rationale: 'rationale',
  ...recipientScopeFields,
  categories: 'categories',
  expiresAt: 'expires-at',
};

export function AuthoriseSafeguardingPage() {
  const { personId = '' } = useParams();
  const [loaded, reload] = useResource(`authorise safeguarding ${personId}`, async () => {
    const [person, lists] = await Promise.all([getPerson(personId), loadPartnerLists(personId)]);
    return { person, lists };
  });
  if (loaded.status === 'loading') return <Loading />;
  if (loaded.status === 'failed') return <LoadProblem error={loaded.error} onTryAgain={reload} />;
  return <AuthoriseSafeguardingForm {...loaded.data} />;
}

function AuthoriseSafeguardingForm({ person, lists }: { person: Person; lists: PartnerLists }) {
  const navigate = useNavigate();
  const [errors, setErrors] = useState<FormErrors>(noFormErrors);
  const [isSubmitting, setIsSubmitting] = useState(false);
  const name = personName(person);
  const title = `Authorise sharing about ${name} for safeguarding`;
  usePageTitle(title, errors.items.length > 0);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (isSubmitting) return;
    const form = new FormData(event.currentTarget);
    const rationale = readText(form, 'rationale') ?? '';
    const scope = readRecipientScope(form);
    const chosenCategories = readChoices<InformationCategory>(form, 'categories');
    const endsOn = readDateInput(form, 'expiresAt', 'The end date');

    const problems: FieldError[] = [];
    if (rationale.length < minimumRationale) {
      problems.push({
        field: 'rationale',
        message: rationale
          ? 'Write the rationale in full: why sharing without consent is necessary to protect someone'
          : 'Explain why sharing without consent is necessary',
      });
    }
    if (namesNobody(scope)) {
      problems.push({
        field: 'partnerOrganisationIds',
        message: 'Choose who the information can go to',
      });
    }
    if (chosenCategories.length === 0) {
      problems.push({ field: 'categories', message: 'Choose the kinds of information they need' });
    }
    if ('problem' in endsOn) problems.push({ field: 'expiresAt', message: endsOn.problem });
    if (problems.length > 0 || 'problem' in endsOn) {
      setErrors(toFormErrors(fields, problems));
      return;
    }

    setIsSubmitting(true);
    try {
      const authorisation = await authoriseSafeguardingSharing(person.id, {
        rationale,
        ...scope,
        categories: chosenCategories,
        ...(endsOn.date ? { expiresAt: endOfDayInLondon(endsOn.date) } : {}),
      });
      const state: NoticeState = {
        notice: `Sharing about ${name} for safeguarding is authorised until ${formatDateTime(authorisation.expiresAt)}.`,
      };
      navigate(sharingPath(person.id), { state });
    } catch (error) {
      setErrors(formErrorsFrom(fields, error));
      setIsSubmitting(false);
    }
  }

  return (
    <>
      <BackToSharing person={person} />
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <ErrorSummary items={errors.items} />
          <h1>{title}</h1>
          <p>
            Share without consent only when it is necessary to protect {name} or someone else from harm, and
            asking for consent is not possible, would be refused without good reason, or would increase the
            risk.
          </p>
          <div className="nhsuk-inset-text">
            <span className="nhsuk-u-visually-hidden">Information: </span>
            <p>
              Share the minimum necessary: only with the people who need it to protect them, and only the
              kinds of information those people need. Liaison will refuse anything outside what you authorise
              here.
            </p>
          </div>
          <form onSubmit={submit} noValidate>
            <TextArea
              id={fields.rationale}
              name="rationale"
              label="Why is sharing without consent necessary?"
              hint="Who is at risk and of what, why consent has not been asked for or has been overridden, and why this sharing is proportionate."
              rows={6}
              error={errors.byField.get('rationale')}
            />
            <RecipientScopeQuestion
              lists={lists}
              legend="Who can the information go to?"
              hint="Usually the local authority’s safeguarding team, and the police if a crime may have been committed."
              errors={errors}
            />
            <CategoryCheckboxes
              errors={errors}
              legend="What kinds of information do they need?"
              hint="Only what they need to protect the person. Leave out anything they do not need."
            />
            <DateInput
              id={fields.expiresAt}
              name="expiresAt"
              legend="When should the authorisation end? (optional)"
              hint="Leave it empty to end it 7 days from now. It can last at most 30 days; authorise again if sharing must continue."
              error={errors.byField.get('expiresAt')}
            />
            <button className="nhsuk-button" type="submit">
              Authorise sharing
            </button>
          </form>
        </div>
      </div>
    </>
  );
}

// ---- revoking ----

const revokeFields = { reason: 'reason' };

export function RevokeSafeguardingPage() {
  const { personId = '', authorisationId = '' } = useParams();
  const [loaded, reload] = usePersonSharing(personId);
  if (loaded.status === 'loading') return <Loading />;
  if (loaded.status === 'failed') return <LoadProblem error={loaded.error} onTryAgain={reload} />;
  const { person, records } = loaded.data;
  const authorisation = records.safeguardingAuthorisations.find((each) => each.id === authorisationId);
  if (!authorisation || authorisation.revokedAt) {
    return (
      <>
        <BackToSharing person={person} />
        <h1>{authorisation ? 'This authorisation has already been revoked' : 'Authorisation not found'}</h1>
        <p>There is nothing to revoke.</p>
      </>
    );
  }
  return <RevokeSafeguardingForm person={person} authorisation={authorisation} />;
}

function RevokeSafeguardingForm({
  person,
  authorisation,
}: {
  person: Person;
  authorisation: SafeguardingAuthorisation;
}) {
  const navigate = useNavigate();
  const [errors, setErrors] = useState<FormErrors>(noFormErrors);
  const [isSubmitting, setIsSubmitting] = useState(false);
  const title = `Revoke the safeguarding authorisation of ${formatDate(authorisation.authorisedAt)}`;
  usePageTitle(title, errors.items.length > 0);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (isSubmitting) return;
    const reason = readText(new FormData(event.currentTarget), 'reason');
    if (!reason) {
      setErrors(toFormErrors(revokeFields, [{ field: 'reason', message: 'Say why you are revoking it' }]));
      return;
    }
    setIsSubmitting(true);
    try {
      await revokeSafeguardingAuthorisation(person.id, authorisation.id, reason);
      const state: NoticeState = {
        notice:
          'The safeguarding authorisation has been revoked. Anything waiting to be sent on it is held for a manager.',
      };
      navigate(sharingPath(person.id), { state });
    } catch (error) {
      setErrors(formErrorsFrom(revokeFields, error));
      setIsSubmitting(false);
    }
  }

  return (
    <>
      <BackToSharing person={person} />
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <ErrorSummary items={errors.items} />
          <h1>{title}</h1>
          <SummaryList
            rows={[
              { key: 'Can go to', value: <ScopeLines scope={authorisation.scope} /> },
              { key: 'Information', value: listCategories(authorisation.categories) },
              { key: 'Authorised by', value: authorisation.authorisedBy },
              { key: 'Ends', value: formatDateTime(authorisation.expiresAt) },
            ]}
          />
          <p>
            Liaison will refuse sharing on it from now on, and anything waiting to be sent on it is held for a
            manager to review.
          </p>
          <form onSubmit={submit} noValidate>
            <TextArea
              id={revokeFields.reason}
              name="reason"
              label="Why are you revoking it?"
              rows={3}
              error={errors.byField.get('reason')}
            />
            <button className="nhsuk-button nhsuk-button--warning" type="submit">
              Revoke authorisation
            </button>
          </form>
        </div>
      </div>
    </>
  );
}
