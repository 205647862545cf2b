import { Link, useNavigate, useParams } from 'react-router';
import {
  type BestInterestsOutcome,
  type CapacityAssessment,
  type FieldError,
  type InformationCategory,
  type Person,
  recordBestInterestsDecision,
  type SharingPurpose,
} from '../api.ts';
import { personName } from '../people/person-labels.ts';
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
  TextField,
} from '../ui/form-fields.tsx';
import { formatDate } from '../ui/format.ts';
import { DayDoneInput } from '../ui/moment-fields.tsx';
import type { NoticeState } from '../ui/notice.ts';
import { LoadProblem } from '../ui/ProblemPages.tsx';
import { FormPage, Loading } from '../ui/page-parts.tsx';
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
import { bestInterestsOutcomeLabels, listCategories, listPurposes, statusLabels } from './sharing-labels.ts';
import { BackToSharing, sharingPath, usePersonSharing } from './sharing-parts.tsx';

// API field name → input id, in the order the fields appear.
const fields = {
  capacityAssessmentId: 'capacity-assessment',
  decision: 'decision',
  ...recipientScopeFields,
  purposes: 'purposes',
  categories: 'categories',
  consulted: 'consulted',
  wishesAndFeelings: 'wishes-and-feelings',
  outcome: 'outcome',
  rationale: 'rationale',
  decidedOn: 'decided-on',
  reviewOn: 'review-on',
};

export function BestInterestsDecisionPage() {
  const { personId = '' } = useParams();
  const [loaded, reload] = usePersonSharing(personId);
  const [lists, reloadLists] = useResource(`partner lists ${personId}`, () => loadPartnerLists(personId));
  if (loaded.status === 'loading' || lists.status === 'loading') return <Loading />;
  if (loaded.status === 'failed') return <LoadProblem error={loaded.error} onTryAgain={reload} />;
  if (lists.status === 'failed') return <LoadProblem error={lists.error} onTryAgain={reloadLists} />;
  const { person, records } = loaded.data;
  const assessments = records.capacityAssessments.filter(
    (assessment) => assessment.outcome === 'lacks_capacity',
  );
  if (assessments.length === 0) {
    return (
      <>
        <BackToSharing person={person} />
        <h1>A capacity assessment is needed first</h1>
        <p>
          A best-interests decision can be made only for someone who lacks capacity for the decision. No
          assessment has found that {personName(person)} does.
        </p>
        <p>
          <Link to={`${sharingPath(person.id)}/capacity-assessments/new`}>Record a capacity assessment</Link>
        </p>
      </>
    );
  }
  return <BestInterestsForm person={person} assessments={assessments} lists={lists.data} />;
}

function BestInterestsForm({
  person,
  assessments,
  lists,
}: {
  person: Person;
  assessments: readonly CapacityAssessment[];
  lists: PartnerLists;
}) {
  const navigate = useNavigate();
  const name = personName(person);
  const title = `Record a best-interests decision for ${name}`;

  const form = useFormSubmit(fields, async (values) => {
    const capacityAssessmentId = String(values.get('capacityAssessmentId') ?? '');
    const decision = readText(values, 'decision');
    const scope = readRecipientScope(values);
    const chosenPurposes = readChoices<SharingPurpose>(values, 'purposes');
    const chosenCategories = readChoices<InformationCategory>(values, 'categories');
    const consulted = readText(values, 'consulted');
    const wishesAndFeelings = readText(values, 'wishesAndFeelings');
    const outcome = String(values.get('outcome') ?? '') as BestInterestsOutcome | '';
    const rationale = readText(values, 'rationale');
    const decidedOn = readDateInput(values, 'decidedOn', 'The decision date');
    const reviewOn = readDateInput(values, 'reviewOn', 'The review date');

    const problems: FieldError[] = [];
    if (!capacityAssessmentId) {
      problems.push({
        field: 'capacityAssessmentId',
        message: 'Choose the capacity assessment it relies on',
      });
    }
    if (!decision) problems.push({ field: 'decision', message: 'Enter the decision' });
    if (namesNobody(scope)) {
      problems.push({
        field: 'partnerOrganisationIds',
        message: 'Choose at least one partner organisation, person or type of partner the decision covers',
      });
    }
    problems.push(...purposeAndCategoryProblems(chosenPurposes, chosenCategories));
    if (!consulted) problems.push({ field: 'consulted', message: 'Say who was consulted' });
    if (!wishesAndFeelings) {
      problems.push({
        field: 'wishesAndFeelings',
        message: 'Describe their wishes, feelings, beliefs and values',
      });
    }
    if (!outcome) problems.push({ field: 'outcome', message: 'Choose what was decided' });
    if (!rationale)
      problems.push({ field: 'rationale', message: 'Explain why this is in their best interests' });
    problems.push(...dateProblems('decidedOn', decidedOn, 'Enter the decision date'));
    problems.push(...dateProblems('reviewOn', reviewOn, 'Enter the date to review it by'));
    if (problems.length > 0 || !outcome || !('date' in decidedOn) || !('date' in reviewOn)) return problems;

    await recordBestInterestsDecision(person.id, {
      capacityAssessmentId,
      decision: decision ?? '',
      ...scope,
      purposes: chosenPurposes,
      categories: chosenCategories,
      consulted: consulted ?? '',
      wishesAndFeelings: wishesAndFeelings ?? '',
      outcome,
      rationale: rationale ?? '',
      decidedOn: decidedOn.date ?? '',
      reviewOn: reviewOn.date ?? '',
    });
    const state: NoticeState = { notice: `The best-interests decision has been recorded for ${name}.` };
    navigate(sharingPath(person.id), { state });
  });

  return (
    <FormPage back={<BackToSharing person={person} />} title={title} form={form}>
      <p>
        Only when {name} lacks capacity for the decision and no attorney or deputy has authority to make it.
        Involve {name} as fully as possible, and consult the people who care for them.
      </p>
      <Form form={form}>
        <Radios
          name="capacityAssessmentId"
          legend="Which capacity assessment does this rely on?"
          legendSize="m"
          hint="The decision must be within what the assessment covers."
          items={assessments.map((assessment) => ({
            value: assessment.id,
            label: assessment.decision,
            hint: `Assessed on ${formatDate(assessment.assessedOn)} (${statusLabels[assessment.status].toLowerCase()}). ${listPurposes(assessment.purposes)}: ${listCategories(assessment.categories).toLowerCase()} information.`,
          }))}
        />
        <TextField
          name="decision"
          label="The decision"
          hint="Like: sharing her care plan with the district nurses."
        />
        <RecipientScopeQuestion
          lists={lists}
          legend="Who does the decision cover?"
          hint="Choose everyone information could go to under this decision."
        />
        <PurposeCheckboxes legend="What for?" />
        <CategoryCheckboxes />
        <TextArea
          name="consulted"
          label="Who was consulted?"
          hint="Family, carers, their advocate, and the professionals involved."
        />
        <TextArea
          name="wishesAndFeelings"
          label={`${name}’s wishes and feelings`}
          hint="What they want now and wanted in the past, and their beliefs and values."
        />
        <Radios
          name="outcome"
          legend="What was decided?"
          legendSize="m"
          items={codeChoices(['share', 'do_not_share'], bestInterestsOutcomeLabels)}
        />
        <TextArea
          name="rationale"
          label="Why"
          hint="How the benefits and risks were weighed, and why this is the least restrictive option."
          rows={5}
        />
        <DayDoneInput name="decidedOn" legend="When was the decision made?" />
        <DateInput
          name="reviewOn"
          legend="When should it be reviewed?"
          hint="After this date Liaison will not rely on it."
        />
        <SubmitButton>Record decision</SubmitButton>
      </Form>
    </FormPage>
  );
}
