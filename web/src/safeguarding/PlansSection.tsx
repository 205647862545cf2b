import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import {
  addReviewTrigger,
  addSafeContactPlan,
  endSafeContactPlan,
  type FieldError,
  type SafeContactMeasure,
  type StaffConcernEntryKind,
  stopReviewTrigger,
  type TriggerFields,
} from '../api.ts';
import { useSession } from '../auth/session.tsx';
import { hasRole } from '../roles.ts';
import { ErrorSummary, type ErrorSummaryItem } from '../ui/ErrorSummary.tsx';
import { Form, SubmitButton, useFormSubmit } from '../ui/form.tsx';
import { describeError } from '../ui/form-errors.ts';
import {
  Checkboxes,
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
import { daysAfter, todayInLondon } from '../ui/london-time.ts';
import { Lines, Moment, MultiLine } from '../ui/page-parts.tsx';
import { SummaryList } from '../ui/SummaryList.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { concernManagers } from './access.ts';
import {
  ClosedNotice,
  ConcernFormSection,
  concernPath,
  count,
  EndMeasureSection,
  useConcern,
} from './concern-parts.tsx';
import {
  entryKindHints,
  entryKindLabels,
  measureLabels,
  measures,
  staffEntryKinds,
} from './safeguarding-labels.ts';

export function PlansSection() {
  const { concern, reload } = useConcern();
  const session = useSession();
  const canManage = hasRole(session.user.role, concernManagers) && concern.status !== 'closed';
  usePageTitle(`Safe-contact plans and review triggers: concern about ${concern.personName}`);
  const [problems, setProblems] = useState<ErrorSummaryItem[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
  const [stopping, setStopping] = useState<string | null>(null);

  async function stop(triggerId: string, words: string) {
    if (stopping) return;
    setStopping(triggerId);
    try {
      await stopReviewTrigger(concern.id, triggerId);
      setProblems([]);
      setNotice(`Stopped: ${words}.`);
      reload();
    } catch (error) {
      setProblems([{ text: describeError(error) }]);
    } finally {
      setStopping(null);
    }
  }

  const current = concern.plans.filter((plan) => plan.endedAt === null);
  const ended = concern.plans.filter((plan) => plan.endedAt !== null);
  const today = todayInLondon();
  return (
    <>
      <ErrorSummary items={problems} />
      {notice ? (
        <p className="nhsuk-body" role="status">
          {notice}
        </p>
      ) : null}
      <h2>Safe-contact plans</h2>
      <p>
        How staff keep contact with the person safe: who visits, when, and what is not discussed in the home.
      </p>
      {canManage ? (
        <p>
          <Link to={concernPath(concern.id, 'plans/add')}>Add a safe-contact plan</Link>
        </p>
      ) : null}
      {current.length === 0 ? <p>No safe-contact plan is in place.</p> : null}
      {[...current, ...ended].map((plan) => (
        <div className="nhsuk-card" key={plan.id}>
          <div className="nhsuk-card__content">
            <h3 className="nhsuk-card__heading nhsuk-heading-s">
              Plan from <Moment iso={plan.createdAt} />
              {plan.endedAt ? (
                <strong className="nhsuk-tag nhsuk-tag--grey nhsuk-u-margin-left-2">Ended</strong>
              ) : null}
              {!plan.endedAt && plan.reviewOn < today ? (
                <strong className="nhsuk-tag nhsuk-tag--red nhsuk-u-margin-left-2">Review overdue</strong>
              ) : null}
            </h3>
            <SummaryList
              rows={[
                { key: 'Measures', value: <Lines lines={plan.measureLabels} /> },
                { key: 'Arrangements', value: <MultiLine text={plan.arrangements} /> },
                { key: 'Review by', value: formatDate(plan.reviewOn) },
                ...(plan.endedAt
                  ? [
                      {
                        key: 'Ended',
                        value: (
                          <>
                            <Moment iso={plan.endedAt} />
                            {plan.endedReason ? `: ${plan.endedReason}` : ''}
                          </>
                        ),
                      },
                    ]
                  : []),
              ]}
            />
            {canManage && !plan.endedAt ? (
              <Link to={concernPath(concern.id, `plans/${plan.id}/end`)}>
                End this plan
                <span className="nhsuk-u-visually-hidden"> from {formatDate(plan.createdAt)}</span>
              </Link>
            ) : null}
          </div>
        </div>
      ))}

      <h2>Review triggers</h2>
      <p>
        What would make you escalate, set so that escalation is paced by the risk. When an entry meets a
        trigger, the chronology says so, managers are alerted, and the concern asks you to consider
        escalating.
      </p>
      {canManage ? (
        <p>
          <Link to={concernPath(concern.id, 'plans/triggers/add')}>Set a review trigger</Link>
        </p>
      ) : null}
      {concern.triggers.length === 0 ? (
        <p>No review trigger is set.</p>
      ) : (
        <ul className="nhsuk-list">
          {concern.triggers.map((trigger) => (
            <li key={trigger.id} className="nhsuk-card nhsuk-u-margin-bottom-3">
              <div className="nhsuk-card__content">
                <h3 className="nhsuk-card__heading nhsuk-heading-s">
                  {trigger.inWords.charAt(0).toUpperCase()}
                  {trigger.inWords.slice(1)}
                  {trigger.endedAt ? (
                    <strong className="nhsuk-tag nhsuk-tag--grey nhsuk-u-margin-left-2">Stopped</strong>
                  ) : null}
                  {trigger.timesMet > 0 && !trigger.endedAt ? (
                    <strong className="nhsuk-tag nhsuk-tag--orange nhsuk-u-margin-left-2">Met</strong>
                  ) : null}
                </h3>
                {trigger.description ? <p>{trigger.description}</p> : null}
                <p className="nhsuk-body-s">
                  {trigger.timesMet === 0 ? (
                    'Not met yet.'
                  ) : (
                    <>
                      Met {trigger.timesMet === 1 ? 'once' : count(trigger.timesMet, 'time')}
                      {trigger.lastMetAt ? (
                        <>
                          , last by the entry of <Moment iso={trigger.lastMetAt} />
                        </>
                      ) : null}
                      .
                    </>
                  )}
                </p>
                {canManage && !trigger.endedAt ? (
                  <button
                    className="nhsuk-button nhsuk-button--secondary nhsuk-button--small nhsuk-u-margin-bottom-0"
                    type="button"
                    aria-disabled={stopping === trigger.id ? 'true' : undefined}
                    onClick={() => void stop(trigger.id, trigger.inWords)}
                  >
                    Stop this trigger<span className="nhsuk-u-visually-hidden">: {trigger.inWords}</span>
                  </button>
                ) : null}
              </div>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

export function AddPlanSection() {
  const { concern, reload } = useConcern();
  const navigate = useNavigate();
  const form = useFormSubmit(
    { measures: 'measures', arrangements: 'arrangements', reviewOn: 'reviewOn' },
    async (values) => {
      const chosen = readChoices<SafeContactMeasure>(values, 'measures');
      const arrangements = readText(values, 'arrangements');
      const reviewOn = readDateInput(values, 'reviewOn', 'The review date');
      const problems: FieldError[] = [];
      if (chosen.length === 0) problems.push({ field: 'measures', message: 'Choose at least one measure' });
      if (!arrangements) problems.push({ field: 'arrangements', message: 'Enter how contact is kept safe' });
      problems.push(...dateProblems('reviewOn', reviewOn, 'Enter when the plan is reviewed'));
      if (problems.length > 0 || !arrangements || 'problem' in reviewOn || !reviewOn.date) return problems;
      await addSafeContactPlan(concern.id, { measures: chosen, arrangements, reviewOn: reviewOn.date });
      reload();
      navigate(concernPath(concern.id, 'plans'), { state: { notice: 'The safe-contact plan is in place.' } });
    },
  );
  if (concern.status === 'closed') return <ClosedNotice title="Add a safe-contact plan" />;
  return (
    <ConcernFormSection
      summary={concern}
      title="Add a safe-contact plan"
      form={form}
      back={{ section: 'plans', label: 'Back to plans and triggers' }}
    >
      <Form form={form}>
        <Checkboxes
          name="measures"
          legend="What does the plan do?"
          hint="Select all that apply."
          items={codeChoices(measures, measureLabels)}
        />
        <TextArea
          name="arrangements"
          label="The arrangements"
          hint="Who visits and when, who makes the welfare calls, what staff must not discuss in the home."
          rows={5}
        />
        <DateInput
          name="reviewOn"
          legend="When is it reviewed?"
          hint="For example, 21 12 2026."
          defaultValue={daysAfter(todayInLondon(), 14)}
        />
        <SubmitButton>Add the plan</SubmitButton>
      </Form>
    </ConcernFormSection>
  );
}

export function EndPlanSection() {
  const { concern, reload } = useConcern();
  const { planId = '' } = useParams();
  const plan = concern.plans.find((each) => each.id === planId && !each.endedAt);
  return (
    <EndMeasureSection
      concern={concern}
      reload={reload}
      title="End a safe-contact plan"
      what="plan"
      description={plan ? `${plan.measureLabels.join(', ')}.` : null}
      missingReason="Say why the plan ends"
      end={(reason) => endSafeContactPlan(concern.id, planId, reason)}
      back={{ section: 'plans', label: 'Back to plans and triggers' }}
    />
  );
}

const triggerFields = {
  kinds: 'kinds',
  how: 'how',
  threshold: 'threshold',
  windowDays: 'windowDays',
  description: 'description',
};

/** "3 entries within 14 days" or "any single entry": what the trigger form reads, or what is wrong. */
export function readTrigger(values: FormData): { problems: FieldError[] } | { trigger: TriggerFields } {
  const kinds = readChoices<StaffConcernEntryKind>(values, 'kinds');
  const how = readText(values, 'how');
  const problems: FieldError[] = [];
  if (kinds.length === 0) problems.push({ field: 'kinds', message: 'Choose the kinds of entry it counts' });
  if (!how) problems.push({ field: 'how', message: 'Choose how the trigger is met' });
  let threshold = 1;
  let windowDays: number | null = null;
  if (how === 'count') {
    const thresholdText = readText(values, 'threshold') ?? '';
    const windowText = readText(values, 'windowDays') ?? '';
    threshold = Number(thresholdText);
    windowDays = Number(windowText);
    if (!/^\d+$/.test(thresholdText) || threshold < 1 || threshold > 100) {
      problems.push({
        field: 'threshold',
        message: 'Enter how many entries, as a whole number from 1 to 100',
      });
    }
    if (!/^\d+$/.test(windowText) || windowDays < 1 || windowDays > 366) {
      problems.push({
        field: 'windowDays',
        message: 'Enter within how many days, as a whole number from 1 to 366',
      });
    }
  }
  if (problems.length > 0) return { problems };
  return { trigger: { kinds, threshold, windowDays, description: readText(values, 'description') } };
}

export function AddTriggerSection() {
  const { concern, reload } = useConcern();
  const navigate = useNavigate();
  const form = useFormSubmit(triggerFields, async (values) => {
    const read = readTrigger(values);
    if ('problems' in read) return read.problems;
    await addReviewTrigger(concern.id, read.trigger);
    reload();
    navigate(concernPath(concern.id, 'plans'), { state: { notice: 'The review trigger is set.' } });
  });
  if (concern.status === 'closed') return <ClosedNotice title="Set a review trigger" />;
  return (
    <ConcernFormSection
      summary={concern}
      title="Set a review trigger"
      form={form}
      back={{ section: 'plans', label: 'Back to plans and triggers' }}
    >
      <p>
        For example, three blocked access entries within 14 days, or any single visible injury or threat.
        Entries are counted by when they happened.
      </p>
      <Form form={form}>
        <Checkboxes
          name="kinds"
          legend="Which kinds of entry does it count?"
          hint="Select all that apply."
          items={codeChoices(staffEntryKinds, entryKindLabels, entryKindHints)}
        />
        <Radios
          name="how"
          legend="When is it met?"
          items={[
            { value: 'any', label: 'By any single entry of these kinds' },
            { value: 'count', label: 'By a number of entries within a number of days' },
          ]}
          conditional={{
            count: (
              <>
                <TextField
                  name="threshold"
                  label="How many entries"
                  inputMode="numeric"
                  widthClass="nhsuk-input--width-3"
                />
                <TextField
                  name="windowDays"
                  label="Within how many days"
                  inputMode="numeric"
                  widthClass="nhsuk-input--width-3"
                />
              </>
            ),
          }}
        />
        <TextField
          name="description"
          label="Why this trigger (optional)"
          hint="For example, “agreed with the MASH on 3 December”."
        />
        <SubmitButton>Set the trigger</SubmitButton>
      </Form>
    </ConcernFormSection>
  );
}
