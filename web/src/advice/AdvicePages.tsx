import { useNavigate, useParams, useSearchParams } from 'react-router';
import {
  type Advice,
  getAdvice,
  getPerson,
  listPersonAdvice,
  type Person,
  recordAdviceConfirmation,
  recordCarePlanAmendment,
} from '../api.ts';
import { personName } from '../people/person-labels.ts';
import { Form, SubmitButton, useFormSubmit } from '../ui/form.tsx';
import { Radios, readText, TextArea } from '../ui/form-fields.tsx';
import { formatDateTime } from '../ui/format.ts';
import type { NoticeState } from '../ui/notice.ts';
import { LoadProblem } from '../ui/ProblemPages.tsx';
import { BackLink, FormPage, InsetText, Loading } from '../ui/page-parts.tsx';
import { useResource } from '../ui/useResource.ts';

const personPath = (personId: string) => `/people/${personId}`;

function adviceLabel(advice: Advice): string {
  const text = advice.advice.length > 80 ? `${advice.advice.slice(0, 80)}…` : advice.advice;
  return `${advice.givenByName}, ${formatDateTime(advice.givenAt)}: “${text}”`;
}

const confirmationFields = { how: 'how', note: 'note' };

export function RecordConfirmationPage() {
  const { personId = '', adviceId = '' } = useParams();
  const [loaded, reload] = useResource(`confirm advice ${adviceId}`, async () => {
    const [person, advice] = await Promise.all([getPerson(personId), getAdvice(adviceId)]);
    return { person, advice };
  });
  if (loaded.status === 'loading') return <Loading />;
  if (loaded.status === 'failed') {
    return (
      <>
        <BackLink to={personPath(personId)}>Back</BackLink>
        <h1>Record written confirmation</h1>
        <LoadProblem error={loaded.error} onTryAgain={reload} />
      </>
    );
  }
  return <RecordConfirmation {...loaded.data} />;
}

function RecordConfirmation({ person, advice }: { person: Person; advice: Advice }) {
  const navigate = useNavigate();
  const name = personName(person);

  const form = useFormSubmit(confirmationFields, async (values) => {
    const how = readText(values, 'how') as 'email' | 'letter' | 'other' | null;
    if (!how) {
      return [{ field: 'how', message: 'Choose how the confirmation came' }];
    }
    await recordAdviceConfirmation(advice.id, { how, note: readText(values, 'note') });
    const state: NoticeState = {
      notice: `Written confirmation of ${advice.givenByName}’s advice has been recorded.`,
    };
    navigate(personPath(person.id), { state });
  });
  return (
    <FormPage
      back={<BackLink to={personPath(person.id)}>Back to {name}</BackLink>}
      title="Record written confirmation"
      caption={name}
      form={form}
    >
      <InsetText label="The advice">{adviceLabel(advice)}</InsetText>
      <p>
        Record it when the partner confirmed this advice in writing by letter or email. Keep the letter or
        email with their records.
      </p>
      <Form form={form}>
        <Radios
          name="how"
          legend="How did the confirmation come?"
          items={[
            { value: 'email', label: 'By email' },
            { value: 'letter', label: 'By letter' },
            { value: 'other', label: 'Another way in writing' },
          ]}
        />
        <TextArea
          name="note"
          label="Note (optional)"
          hint="Like: letter dated 3 December, scanned to her file. Say if the written advice differs from what was said."
          rows={3}
        />
        <SubmitButton>Record confirmation</SubmitButton>
      </Form>
    </FormPage>
  );
}

const amendmentFields = { adviceId: 'adviceId', whatChanged: 'whatChanged', why: 'why' };

export function CarePlanAmendmentPage() {
  const { personId = '' } = useParams();
  const [loaded, reload] = useResource(`care plan amendment ${personId}`, async () => {
    const [person, advice] = await Promise.all([getPerson(personId), listPersonAdvice(personId)]);
    return { person, advice: advice.items };
  });
  if (loaded.status === 'loading') return <Loading />;
  if (loaded.status === 'failed') {
    return (
      <>
        <BackLink to={personPath(personId)}>Back</BackLink>
        <h1>Record a change to the care plan</h1>
        <LoadProblem error={loaded.error} onTryAgain={reload} />
      </>
    );
  }
  return <CarePlanAmendment {...loaded.data} />;
}

function CarePlanAmendment({ person, advice }: { person: Person; advice: Advice[] }) {
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const name = personName(person);
  const chosenAdvice = searchParams.get('adviceId');

  const form = useFormSubmit(amendmentFields, async (values) => {
    const adviceChoice = readText(values, 'adviceId');
    const whatChanged = readText(values, 'whatChanged');
    const why = readText(values, 'why');
    const problems = [
      ...(adviceChoice
        ? []
        : [{ field: 'adviceId', message: 'Choose the advice it applies, or that it applies none' }]),
      ...(whatChanged ? [] : [{ field: 'whatChanged', message: 'Say what changed in the care plan' }]),
      ...(why ? [] : [{ field: 'why', message: 'Say why the care plan changed' }]),
    ];
    if (problems.length > 0 || !whatChanged || !why) return problems;
    await recordCarePlanAmendment(person.id, {
      adviceId: adviceChoice === 'none' ? null : adviceChoice,
      whatChanged,
      why,
    });
    const state: NoticeState = { notice: `The change to ${name}’s care plan has been recorded.` };
    navigate(personPath(person.id), { state });
  });
  return (
    <FormPage
      back={<BackLink to={personPath(person.id)}>Back to {name}</BackLink>}
      title="Record a change to the care plan"
      caption={name}
      form={form}
    >
      <Form form={form}>
        <Radios
          name="adviceId"
          legend="Which advice does it apply?"
          hint="A change made because a partner advised it links to that advice."
          items={[
            ...advice.map((each) => ({ value: each.id, label: adviceLabel(each) })),
            { value: 'none', label: 'None: it was not made because of advice' },
          ]}
          {...(chosenAdvice && advice.some((each) => each.id === chosenAdvice)
            ? { defaultValues: [chosenAdvice] }
            : {})}
        />
        <TextArea name="whatChanged" label="What changed in the care plan" rows={4} />
        <TextArea name="why" label="Why" rows={3} />
        <SubmitButton>Record the change</SubmitButton>
      </Form>
    </FormPage>
  );
}
