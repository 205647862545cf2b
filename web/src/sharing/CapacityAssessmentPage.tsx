import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import {
  type FieldError,
  getPerson,
  type InformationCategory,
  type Person,
  recordCapacityAssessment,
  type SharingPurpose,
} from '../api.ts';
import { useSession } from '../auth/session.tsx';
import { personName } from '../people/person-labels.ts';
import { Form, SubmitButton, useFormSubmit } from '../ui/form.tsx';
import {
  DateInput,
  dateProblems,
  Radios,
  readChoices,
  readDateInput,
  readText,
  TextArea,
  TextField,
} from '../ui/form-fields.tsx';
import { DayDoneInput } from '../ui/moment-fields.tsx';
import type { NoticeState } from '../ui/notice.ts';
import { FormPage, Loaded } from '../ui/page-parts.tsx';
import { CategoryCheckboxes, PurposeCheckboxes, purposeAndCategoryProblems } from '../ui/sharing-fields.tsx';
import { useResource } from '../ui/useResource.ts';
import { capacityOutcomeLabels } from './sharing-labels.ts';
import { BackToSharing, sharingPath } from './sharing-parts.tsx';

// API field name → input id, in the order the fields appear.
const fields = {
  decision: 'decision',
  purposes: 'purposes',
  categories: 'categories',
  impairment: 'impairment',
  impairmentNote: 'impairment-note',
  canUnderstand: 'can-understand',
  canRetain: 'can-retain',
  canUseOrWeigh: 'can-use-or-weigh',
  canCommunicate: 'can-communicate',
  reasons: 'reasons',
  assessorName: 'assessor-name',
  assessorRole: 'assessor-role',
  assessedOn: 'assessed-on',
  reviewOn: 'review-on',
};

type Answer = 'yes' | 'no';
type TestQuestion = 'impairment' | 'canUnderstand' | 'canRetain' | 'canUseOrWeigh' | 'canCommunicate';
const stageTwo = ['canUnderstand', 'canRetain', 'canUseOrWeigh', 'canCommunicate'] as const;

/**
 * The outcome the answers lead to, as the server works it out: the person lacks capacity only
 * when an impairment leaves them unable to do at least one of the four things. Null until every
 * question is answered.
 */
export function capacityOutcomeFrom(answers: Partial<Record<TestQuestion, Answer>>) {
  const questions: TestQuestion[] = ['impairment', ...stageTwo];
  if (questions.some((question) => !answers[question])) return null;
  const unable = stageTwo.some((question) => answers[question] === 'no');
  return answers.impairment === 'yes' && unable ? ('lacks_capacity' as const) : ('has_capacity' as const);
}

export function CapacityAssessmentPage() {
  const { personId = '' } = useParams();
  const [person, reload] = useResource(`person ${personId}`, () => getPerson(personId));
  return (
    <Loaded resource={person} reload={reload}>
      {(data) => <CapacityAssessmentForm person={data} />}
    </Loaded>
  );
}

function CapacityAssessmentForm({ person }: { person: Person }) {
  const navigate = useNavigate();
  const session = useSession();
  const [answers, setAnswers] = useState<Partial<Record<TestQuestion, Answer>>>({});
  const name = personName(person);
  const title = `Record a capacity assessment for ${name}`;
  const outcome = capacityOutcomeFrom(answers);

  function answer(question: TestQuestion) {
    return (value: string) => setAnswers((current) => ({ ...current, [question]: value as Answer }));
  }

  const form = useFormSubmit(fields, async (values) => {
    const decision = readText(values, 'decision');
    const chosenPurposes = readChoices<SharingPurpose>(values, 'purposes');
    const chosenCategories = readChoices<InformationCategory>(values, 'categories');
    const read = (question: TestQuestion) => String(values.get(question) ?? '');
    const reasons = readText(values, 'reasons');
    const assessorName = readText(values, 'assessorName');
    const assessedOn = readDateInput(values, 'assessedOn', 'The assessment date');
    const reviewOn = readDateInput(values, 'reviewOn', 'The review date');

    const problems: FieldError[] = [];
    if (!decision) problems.push({ field: 'decision', message: 'Enter the decision being assessed' });
    problems.push(...purposeAndCategoryProblems(chosenPurposes, chosenCategories));
    const unanswered: Record<TestQuestion, string> = {
      impairment: 'Say whether they have an impairment of the mind or brain',
      canUnderstand: 'Say whether they can understand the information',
      canRetain: 'Say whether they can retain the information',
      canUseOrWeigh: 'Say whether they can use or weigh the information',
      canCommunicate: 'Say whether they can communicate their decision',
    };
    for (const [question, message] of Object.entries(unanswered)) {
      if (!read(question as TestQuestion)) problems.push({ field: question, message });
    }
    if (!reasons) problems.push({ field: 'reasons', message: 'Say how you reached this conclusion' });
    problems.push(...dateProblems('assessedOn', assessedOn, 'Enter the assessment date'));
    problems.push(...dateProblems('reviewOn', reviewOn, 'Enter the date to review it by'));
    if (problems.length > 0 || !('date' in assessedOn) || !('date' in reviewOn)) return problems;

    const recorded = await recordCapacityAssessment(person.id, {
      decision: decision ?? '',
      purposes: chosenPurposes,
      categories: chosenCategories,
      impairment: read('impairment') === 'yes',
      impairmentNote: read('impairment') === 'yes' ? readText(values, 'impairmentNote') : null,
      canUnderstand: read('canUnderstand') === 'yes',
      canRetain: read('canRetain') === 'yes',
      canUseOrWeigh: read('canUseOrWeigh') === 'yes',
      canCommunicate: read('canCommunicate') === 'yes',
      reasons: reasons ?? '',
      // Without a name, the assessor is the member of staff recording it.
      ...(assessorName ? { assessorName } : {}),
      assessorRole: readText(values, 'assessorRole'),
      assessedOn: assessedOn.date ?? '',
      reviewOn: reviewOn.date ?? '',
    });
    const state: NoticeState = {
      notice: `The capacity assessment has been recorded: ${name} ${
        recorded.outcome === 'lacks_capacity' ? 'lacks' : 'has'
      } capacity for this decision.`,
    };
    navigate(sharingPath(person.id), { state });
  });

  const yesNoItems = [
    { value: 'yes', label: 'Yes' },
    { value: 'no', label: 'No' },
  ];

  return (
    <FormPage back={<BackToSharing person={person} />} title={title} form={form}>
      <p>
        Start by assuming {name} can make the decision. Give them all the help they need to decide, like easy
        read information, a better time of day, or an interpreter, before concluding they cannot.
      </p>
      <Form form={form}>
        <TextField
          name="decision"
          label="The decision being assessed"
          hint="Be specific, like: sharing health information with her GP."
        />
        <PurposeCheckboxes legend="Which sharing purposes does the decision cover?" />
        <CategoryCheckboxes legend="Which kinds of information does it cover?" />

        <h2>Stage 1: is there an impairment?</h2>
        <Radios
          name="impairment"
          legend={`Does ${name} have an impairment of, or a disturbance in, the way their mind or brain works?`}
          hint="For example dementia, a learning disability, a brain injury, or confusion caused by an infection or medicine. It can be temporary."
          items={yesNoItems}
          onChange={answer('impairment')}
        />
        <TextArea name="impairmentNote" label="If yes, what is it? (optional)" rows={2} />

        <h2>Stage 2: can they make this decision?</h2>
        <p>Answer for this decision only, with all the help they need.</p>
        <Radios
          name="canUnderstand"
          legend="Can they understand the information about the decision?"
          hint="Including what is likely to happen if they decide one way or the other, or do not decide at all."
          inline
          items={yesNoItems}
          onChange={answer('canUnderstand')}
        />
        <Radios
          name="canRetain"
          legend="Can they remember that information long enough to make the decision?"
          inline
          items={yesNoItems}
          onChange={answer('canRetain')}
        />
        <Radios
          name="canUseOrWeigh"
          legend="Can they use or weigh up that information to make the decision?"
          inline
          items={yesNoItems}
          onChange={answer('canUseOrWeigh')}
        />
        <Radios
          name="canCommunicate"
          legend="Can they communicate their decision in any way?"
          hint="By talking, signing, writing, gestures, pointing, blinking, or any other way."
          inline
          items={yesNoItems}
          onChange={answer('canCommunicate')}
        />

        <div className="nhsuk-inset-text" aria-live="polite">
          <span className="nhsuk-u-visually-hidden">Outcome: </span>
          {outcome ? (
            <p>
              From your answers:{' '}
              <strong>
                {name} {capacityOutcomeLabels[outcome].toLowerCase()}
              </strong>
              .
              {outcome === 'lacks_capacity'
                ? ' The impairment means they cannot do at least one of the four things.'
                : ' They can decide for themselves, so only their own consent can allow sharing.'}
            </p>
          ) : (
            <p>
              The outcome is worked out from your answers. {name} lacks capacity only if they have an
              impairment and, because of it, answer no to at least one of the stage 2 questions.
            </p>
          )}
        </div>

        <TextArea
          name="reasons"
          label="How you reached this conclusion"
          hint="What you explained and how, what they said or did, and the steps you took to help them decide."
          rows={5}
        />
        <h2>Who assessed them</h2>
        <TextField
          name="assessorName"
          label="Assessor’s name (optional)"
          hint={`Leave it empty if you assessed them yourself: it is recorded as ${session.user.displayName}.`}
        />
        <TextField
          name="assessorRole"
          label="Their role (optional)"
          hint="Like: senior care worker, or social worker at Exampleton City Council."
        />
        <DayDoneInput name="assessedOn" legend="When was the assessment?" />
        <DateInput
          name="reviewOn"
          legend="When should it be reviewed?"
          hint="Sooner if their condition may change. After this date Liaison will not rely on it."
        />
        <SubmitButton>Record assessment</SubmitButton>
      </Form>
    </FormPage>
  );
}
