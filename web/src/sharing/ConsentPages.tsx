import { useNavigate, useParams } from 'react-router';
import {
  type ConsentGiver,
  type ConsentRecord,
  type ConsentRecordedHow,
  type FieldError,
  getPerson,
  type InformationCategory,
  listRepresentatives,
  type Person,
  type Representative,
  recordConsent,
  type SharingPurpose,
  withdrawConsent,
} from '../api.ts';
import { personName, representativeKindLabels } from '../people/person-labels.ts';
import { Form, SubmitButton, useFormSubmit } from '../ui/form.tsx';
import {
  codeChoices,
  DateInput,
  dateProblems,
  Radios,
  readChoices,
  readDateInput,
  readText,
  TextArea,
} from '../ui/form-fields.tsx';
import { formatDate } from '../ui/format.ts';
import { dateInputExample, todayInLondon, yearsAfter } from '../ui/london-time.ts';
import { DayDoneInput } from '../ui/moment-fields.tsx';
import type { NoticeState } from '../ui/notice.ts';
import { FormPage, InsetText, Loaded } from '../ui/page-parts.tsx';
import { SummaryList } from '../ui/SummaryList.tsx';
import { CategoryCheckboxes, PurposeCheckboxes, purposeAndCategoryProblems } from '../ui/sharing-fields.tsx';
import { useResource } from '../ui/useResource.ts';
import {
  loadPartnerLists,
  namesNobody,
  type PartnerLists,
  RecipientScopeQuestion,
  readRecipientScope,
  recipientScopeFields,
} from './recipients.tsx';
import { listCategories, listPurposes, recordedHowLabels, recordedHows } from './sharing-labels.ts';
import { BackToSharing, NothingToDo, ScopeLines, sharingPath, usePersonSharing } from './sharing-parts.tsx';

// API field name → input id, in the order the fields appear.
const fields = {
  givenBy: 'given-by',
  representativeId: 'given-by',
  ...recipientScopeFields,
  purposes: 'purposes',
  categories: 'categories',
  recordedHow: 'recorded-how',
  givenOn: 'given-on',
  reviewOn: 'review-on',
  notes: 'notes',
};

function isActing(representative: Representative): boolean {
  return representative.endedAt === null;
}

/** The person, or one of their representatives, each a choice of its own. */
function giverItems(person: Person, representatives: readonly Representative[]) {
  return [
    { value: 'person', label: personName(person) },
    ...representatives.map((representative) => ({
      value: `representative:${representative.id}`,
      label: representative.name,
      hint: `${representativeKindLabels[representative.kind]}, acting for them`,
    })),
  ];
}

function readGiver(
  form: FormData,
  name: string,
): { giver: ConsentGiver | ''; representativeId: string | null } {
  const value = String(form.get(name) ?? '');
  if (value === 'person') return { giver: 'person', representativeId: null };
  if (value.startsWith('representative:')) {
    return { giver: 'representative', representativeId: value.slice('representative:'.length) };
  }
  return { giver: '', representativeId: null };
}

export function RecordConsentPage() {
  const { personId = '' } = useParams();
  const [loaded, reload] = useResource(`record consent ${personId}`, async () => {
    const [person, representatives, lists] = await Promise.all([
      getPerson(personId),
      listRepresentatives(personId),
      loadPartnerLists(personId),
    ]);
    return { person, representatives: representatives.items.filter(isActing), lists };
  });
  return (
    <Loaded resource={loaded} reload={reload}>
      {(data) => <RecordConsentForm {...data} />}
    </Loaded>
  );
}

function RecordConsentForm({
  person,
  representatives,
  lists,
}: {
  person: Person;
  representatives: readonly Representative[];
  lists: PartnerLists;
}) {
  const navigate = useNavigate();
  // Only an attorney or deputy can consent for someone; advocates and next of kin cannot.
  const attorneys = representatives.filter((representative) => representative.isLegallyAuthorised);
  const today = todayInLondon();

  const form = useFormSubmit(fields, async (values) => {
    const { giver: givenBy, representativeId } = readGiver(values, 'givenBy');
    const scope = readRecipientScope(values);
    const chosenPurposes = readChoices<SharingPurpose>(values, 'purposes');
    const chosenCategories = readChoices<InformationCategory>(values, 'categories');
    const recordedHow = String(values.get('recordedHow') ?? '') as ConsentRecordedHow | '';
    const givenOn = readDateInput(values, 'givenOn', 'The date consent was given');
    const reviewOn = readDateInput(values, 'reviewOn', 'The review date');

    const problems: FieldError[] = [];
    if (!givenBy) problems.push({ field: 'givenBy', message: 'Choose who gave consent' });
    if (namesNobody(scope)) {
      problems.push({
        field: 'partnerOrganisationIds',
        message: 'Choose at least one partner organisation, person or type of partner the consent covers',
      });
    }
    problems.push(...purposeAndCategoryProblems(chosenPurposes, chosenCategories));
    if (!recordedHow) problems.push({ field: 'recordedHow', message: 'Choose how consent was recorded' });
    problems.push(...dateProblems('givenOn', givenOn, 'Enter the date consent was given'));
    problems.push(...dateProblems('reviewOn', reviewOn, 'Enter the date to review consent by'));
    if (problems.length > 0 || !givenBy || !recordedHow || !('date' in givenOn) || !('date' in reviewOn)) {
      return problems;
    }

    await recordConsent(person.id, {
      givenBy,
      representativeId,
      ...scope,
      purposes: chosenPurposes,
      categories: chosenCategories,
      recordedHow,
      notes: readText(values, 'notes'),
      givenOn: givenOn.date ?? '',
      reviewOn: reviewOn.date ?? '',
    });
    const state: NoticeState = { notice: `Consent has been recorded for ${personName(person)}.` };
    navigate(sharingPath(person.id), { state });
  });

  return (
    <FormPage
      back={<BackToSharing person={person} />}
      title={`Record consent for ${personName(person)}`}
      form={form}
    >
      <p>
        Record what {personName(person)} agreed to: who information can go to, why, and what kinds of
        information. Liaison allows sharing only within it.
      </p>
      <Form form={form}>
        <Radios
          name="givenBy"
          legend="Who gave consent?"
          legendSize="m"
          hint={
            attorneys.length > 0
              ? 'An attorney or deputy can consent only when the person lacks capacity for this decision.'
              : `No attorney or deputy is recorded for ${personName(person)}, so only they can consent.`
          }
          items={giverItems(person, attorneys)}
          error={form.errors.byField.get('givenBy') ?? form.errors.byField.get('representativeId')}
        />
        <RecipientScopeQuestion
          lists={lists}
          legend="Who can the information go to?"
          hint="Choose everyone the consent covers. You can choose organisations, named people and types of partner."
        />
        <PurposeCheckboxes />
        <CategoryCheckboxes />
        <Radios
          name="recordedHow"
          legend="How was consent recorded?"
          legendSize="m"
          items={codeChoices(recordedHows, recordedHowLabels)}
        />
        <DayDoneInput name="givenOn" legend="When was consent given?" />
        <DateInput
          name="reviewOn"
          legend="When should consent be reviewed?"
          hint={`Consent lapses after this date unless it is recorded again. For example, a year from now: ${dateInputExample(yearsAfter(today, 1))}`}
        />
        <TextArea
          name="notes"
          label="Notes (optional)"
          hint="Anything they asked for, like not to share with a particular person."
        />
        <SubmitButton>Record consent</SubmitButton>
      </Form>
    </FormPage>
  );
}

// ---- withdrawing consent ----

const withdrawFields = {
  withdrawnBy: 'withdrawn-by',
  representativeId: 'withdrawn-by',
  reason: 'reason',
};

export function WithdrawConsentPage() {
  const { personId = '', consentId = '' } = useParams();
  const [loaded, reload] = usePersonSharing(personId);
  const [representatives, reloadRepresentatives] = useResource(`representatives of ${personId}`, () =>
    listRepresentatives(personId),
  );
  return (
    <Loaded resource={loaded} reload={reload}>
      {({ person, records }) => (
        <Loaded resource={representatives} reload={reloadRepresentatives}>
          {({ items }) => {
            const consent = records.consents.find((each) => each.id === consentId);
            if (!consent || consent.withdrawal) {
              return (
                <NothingToDo
                  person={person}
                  heading={consent ? 'This consent has already been withdrawn' : 'Consent not found'}
                  what="withdraw"
                />
              );
            }
            return (
              <WithdrawConsentForm
                person={person}
                consent={consent}
                representatives={items.filter(isActing)}
              />
            );
          }}
        </Loaded>
      )}
    </Loaded>
  );
}

function WithdrawConsentForm({
  person,
  consent,
  representatives,
}: {
  person: Person;
  consent: ConsentRecord;
  representatives: readonly Representative[];
}) {
  const navigate = useNavigate();
  const form = useFormSubmit(withdrawFields, async (values) => {
    const { giver: withdrawnBy, representativeId } = readGiver(values, 'withdrawnBy');
    if (!withdrawnBy) return [{ field: 'withdrawnBy', message: 'Choose who withdrew consent' }];
    const { heldShares } = await withdrawConsent(person.id, consent.id, {
      withdrawnBy,
      representativeId,
      reason: readText(values, 'reason'),
    });
    const held =
      heldShares > 0
        ? ` ${heldShares} queued ${heldShares === 1 ? 'share was' : 'shares were'} held for a manager to review.`
        : '';
    const state: NoticeState = {
      notice: `The consent given on ${formatDate(consent.givenOn)} has been withdrawn. Liaison will not share on it from now on.${held}`,
    };
    navigate(sharingPath(person.id), { state });
  });

  return (
    <FormPage
      back={<BackToSharing person={person} />}
      title={`Withdraw the consent given on ${formatDate(consent.givenOn)}`}
      form={form}
    >
      <SummaryList
        rows={[
          { key: 'Can go to', value: <ScopeLines scope={consent.scope} /> },
          { key: 'For', value: listPurposes(consent.purposes) },
          { key: 'Information', value: listCategories(consent.categories) },
        ]}
      />
      <InsetText>
        Withdrawal takes effect straight away: nothing more will be shared on this consent. Anything waiting
        to be sent on it is held for a manager to review.
      </InsetText>
      <Form form={form}>
        <Radios
          name="withdrawnBy"
          legend="Who withdrew consent?"
          legendSize="m"
          items={giverItems(person, representatives)}
          error={form.errors.byField.get('withdrawnBy') ?? form.errors.byField.get('representativeId')}
        />
        <TextArea
          name="reason"
          label="Why was consent withdrawn? (optional)"
          hint="In their words, if they gave a reason."
          rows={3}
        />
        <SubmitButton variant="warning">Withdraw consent</SubmitButton>
      </Form>
    </FormPage>
  );
}
