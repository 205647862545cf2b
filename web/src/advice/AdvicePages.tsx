import { type FormEvent, useState } from 'react';
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
import { ErrorSummary } from '../ui/ErrorSummary.tsx';
import { type FormErrors, formErrorsFrom, noFormErrors, toFormErrors } from '../ui/form-errors.ts';
import { Radios, readText, TextArea } from '../ui/form-fields.tsx';
import { formatDateTime } from '../ui/format.ts';
import type { NoticeState } from '../ui/notice.ts';
import { LoadProblem } from '../ui/ProblemPages.tsx';
import { BackLink, Loading } from '../ui/page-parts.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';
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
  const [errors, setErrors] = useState<FormErrors>(noFormErrors);
  const [isSaving, setIsSaving] = useState(false);
  const name = personName(person);
  usePageTitle(`Record written confirmation: ${name}`, errors.items.length > 0);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (isSaving) return;
    const form = new FormData(event.currentTarget);
    const how = readText(form, 'how') as 'email' | 'letter' | 'other' | null;
    if (!how) {
      setErrors(
        toFormErrors(confirmationFields, [{ field: 'how', message: 'Choose how the confirmation came' }]),
      );
      return;
    }
    setIsSaving(true);
    try {
      await recordAdviceConfirmation(advice.id, { how, note: readText(form, 'note') });
      const state: NoticeState = {
        notice: `Written confirmation of ${advice.givenByName}’s advice has been recorded.`,
      };
      navigate(personPath(person.id), { state });
    } catch (error) {
      setErrors(formErrorsFrom(confirmationFields, error));
    } finally {
      setIsSaving(false);
    }
  }

  return (
    <>
      <BackLink to={personPath(person.id)}>Back to {name}</BackLink>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <ErrorSummary items={errors.items} />
          <h1>
            <span className="nhsuk-caption-l">{name}</span>
            Record written confirmation
          </h1>
          <div className="nhsuk-inset-text">
            <span className="nhsuk-u-visually-hidden">The advice: </span>
            <p>{adviceLabel(advice)}</p>
          </div>
          <p>
            Record it when the partner confirmed this advice in writing by letter or email. Keep the letter or
            email with their records.
          </p>
          <form onSubmit={submit} noValidate>
            <Radios
              id={confirmationFields.how}
              name="how"
              legend="How did the confirmation come?"
              items={[
                { value: 'email', label: 'By email' },
                { value: 'letter', label: 'By letter' },
                { value: 'other', label: 'Another way in writing' },
              ]}
              error={errors.byField.get('how')}
            />
            <TextArea
              id={confirmationFields.note}
              name="note"
              label="Note (optional)"
              hint="Like: letter dated 3 December, scanned to her file. Say if the written advice differs from what was said."
              rows={3}
              error={errors.byField.get('note')}
            />
            <button className="nhsuk-button" type="submit" aria-disabled={isSaving ? 'true' : undefined}>
              Record confirmation
            </button>
          </form>
        </div>
      </div>
    </>
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
  const [errors, setErrors] = useState<FormErrors>(noFormErrors);
  const [isSaving, setIsSaving] = useState(false);
  const name = personName(person);
  const chosenAdvice = searchParams.get('adviceId');
  usePageTitle(`Record a change to the care plan: ${name}`, errors.items.length > 0);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (isSaving) return;
    const form = new FormData(event.currentTarget);
    const adviceChoice = readText(form, 'adviceId');
    const whatChanged = readText(form, 'whatChanged');
    const why = readText(form, 'why');
    const problems = [
      ...(adviceChoice
        ? []
        : [{ field: 'adviceId', message: 'Choose the advice it applies, or that it applies none' }]),
      ...(whatChanged ? [] : [{ field: 'whatChanged', message: 'Say what changed in the care plan' }]),
      ...(why ? [] : [{ field: 'why', message: 'Say why the care plan changed' }]),
    ];
    if (problems.length > 0 || !whatChanged || !why) {
      setErrors(toFormErrors(amendmentFields, problems));
      return;
    }
    setIsSaving(true);
    try {
      await recordCarePlanAmendment(person.id, {
        adviceId: adviceChoice === 'none' ? null : adviceChoice,
        whatChanged,
        why,
      });
      const state: NoticeState = { notice: `The change to ${name}’s care plan has been recorded.` };
      navigate(personPath(person.id), { state });
    } catch (error) {
      setErrors(formErrorsFrom(amendmentFields, error));
    } finally {
      setIsSaving(false);
    }
  }

  return (
    <>
      <BackLink to={personPath(person.id)}>Back to {name}</BackLink>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <ErrorSummary items={errors.items} />
          <h1>
            <span className="nhsuk-caption-l">{name}</span>
            Record a change to the care plan
          </h1>
          <form onSubmit={submit} noValidate>
            <Radios
              id={amendmentFields.adviceId}
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
              error={errors.byField.get('adviceId')}
            />
            <TextArea
              id={amendmentFields.whatChanged}
              name="whatChanged"
              label="What changed in the care plan"
              rows={4}
              error={errors.byField.get('whatChanged')}
            />
            <TextArea
              id={amendmentFields.why}
              name="why"
              label="Why"
              rows={3}
              error={errors.byField.get('why')}
            />
            <button className="nhsuk-button" type="submit" aria-disabled={isSaving ? 'true' : undefined}>
              Record the change
            </button>
          </form>
        </div>
      </div>
    </>
  );
}
