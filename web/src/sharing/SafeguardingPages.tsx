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
import { Form, SubmitButton, useFormSubmit } from '../ui/form.tsx';
import { DateInput, readChoices, readDateInput, readText, TextArea } from '../ui/form-fields.tsx';
import { formatDate, formatDateTime } from '../ui/format.ts';
import { endOfDayInLondon } from '../ui/london-time.ts';
import type { NoticeState } from '../ui/notice.ts';
import { FormPage, InsetText, Loaded } from '../ui/page-parts.tsx';
import { SummaryList } from '../ui/SummaryList.tsx';
import { CategoryCheckboxes } from '../ui/sharing-fields.tsx';
import { useResource } from '../ui/useResource.ts';
import {
  loadPartnerLists,
  namesNobody,
  type PartnerLists,
  RecipientScopeQuestion,
  readRecipientScope,
  recipientScopeFields,
} from './recipients.tsx';
import { listCategories } from './sharing-labels.ts';
import { BackToSharing, NothingToDo, ScopeLines, sharingPath, usePersonSharing } from './sharing-parts.tsx';

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
  return (
    <Loaded resource={loaded} reload={reload}>
      {(data) => <AuthoriseSafeguardingForm {...data} />}
    </Loaded>
  );
}

function AuthoriseSafeguardingForm({ person, lists }: { person: Person; lists: PartnerLists }) {
  const navigate = useNavigate();
  const name = personName(person);

  const form = useFormSubmit(fields, async (values) => {
    const rationale = readText(values, 'rationale') ?? '';
    const scope = readRecipientScope(values);
    const chosenCategories = readChoices<InformationCategory>(values, 'categories');
    const endsOn = readDateInput(values, 'expiresAt', 'The end date');

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
    if (problems.length > 0 || 'problem' in endsOn) return problems;

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
  });

  return (
    <FormPage
      back={<BackToSharing person={person} />}
      title={`Authorise sharing about ${name} for safeguarding`}
      form={form}
    >
      <p>
        Share without consent only when it is necessary to protect {name} or someone else from harm, and
        asking for consent is not possible, would be refused without good reason, or would increase the risk.
      </p>
      <InsetText>
        Share the minimum necessary: only with the people who need it to protect them, and only the kinds of
        information those people need. Liaison will refuse anything outside what you authorise here.
      </InsetText>
      <Form form={form}>
        <TextArea
          name="rationale"
          label="Why is sharing without consent necessary?"
          hint="Who is at risk and of what, why consent has not been asked for or has been overridden, and why this sharing is proportionate."
          rows={6}
        />
        <RecipientScopeQuestion
          lists={lists}
          legend="Who can the information go to?"
          hint="Usually the local authority’s safeguarding team, and the police if a crime may have been committed."
        />
        <CategoryCheckboxes
          legend="What kinds of information do they need?"
          hint="Only what they need to protect the person. Leave out anything they do not need."
        />
        <DateInput
          name="expiresAt"
          legend="When should the authorisation end? (optional)"
          hint="Leave it empty to end it 7 days from now. It can last at most 30 days; authorise again if sharing must continue."
        />
        <SubmitButton>Authorise sharing</SubmitButton>
      </Form>
    </FormPage>
  );
}

// ---- revoking ----

const revokeFields = { reason: 'reason' };

export function RevokeSafeguardingPage() {
  const { personId = '', authorisationId = '' } = useParams();
  const [loaded, reload] = usePersonSharing(personId);
  return (
    <Loaded resource={loaded} reload={reload}>
      {({ person, records }) => {
        const authorisation = records.safeguardingAuthorisations.find((each) => each.id === authorisationId);
        if (!authorisation || authorisation.revokedAt) {
          return (
            <NothingToDo
              person={person}
              heading={
                authorisation ? 'This authorisation has already been revoked' : 'Authorisation not found'
              }
              what="revoke"
            />
          );
        }
        return <RevokeSafeguardingForm person={person} authorisation={authorisation} />;
      }}
    </Loaded>
  );
}

function RevokeSafeguardingForm({
  person,
  authorisation,
}: {
  person: Person;
  authorisation: SafeguardingAuthorisation;
}) {
  const navigate = useNavigate();
  const form = useFormSubmit(revokeFields, async (values) => {
    const reason = readText(values, 'reason');
    if (!reason) return [{ field: 'reason', message: 'Say why you are revoking it' }];
    await revokeSafeguardingAuthorisation(person.id, authorisation.id, reason);
    const state: NoticeState = {
      notice:
        'The safeguarding authorisation has been revoked. Anything waiting to be sent on it is held for a manager.',
    };
    navigate(sharingPath(person.id), { state });
  });

  return (
    <FormPage
      back={<BackToSharing person={person} />}
      title={`Revoke the safeguarding authorisation of ${formatDate(authorisation.authorisedAt)}`}
      form={form}
    >
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
      <Form form={form}>
        <TextArea name="reason" label="Why are you revoking it?" rows={3} />
        <SubmitButton variant="warning">Revoke authorisation</SubmitButton>
      </Form>
    </FormPage>
  );
}
