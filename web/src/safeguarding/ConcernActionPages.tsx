import { Link, useNavigate } from 'react-router';
import {
  type AdvocacyStatus,
  type ConcernLevel,
  type ConcernStatus,
  changeConcern,
  changeConcernStatus,
  closeConcern,
  type FieldError,
  type RiskOutcome,
  recordAdvocacy,
} from '../api.ts';
import { useSession } from '../auth/session.tsx';
import { Form, SubmitButton, useFormSubmit } from '../ui/form.tsx';
import { missingFields } from '../ui/form-errors.ts';
import { codeChoices, Radios, readText, TextArea, TextField } from '../ui/form-fields.tsx';
import { InsetText } from '../ui/page-parts.tsx';
import { ClosedNotice, ConcernFormSection, concernPath, useConcern } from './concern-parts.tsx';
import {
  advocacyLabels,
  levelHints,
  levelLabels,
  levels,
  nextStatuses,
  outcomeLabels,
  outcomes,
  statusLabels,
} from './safeguarding-labels.ts';

/** What each move means, for the manager choosing it. */
const statusHints = {
  raised: '',
  triage: 'You are finding out more before deciding whether to refer.',
  advice_sought: 'You have asked the safeguarding link, or another agency, whether the threshold is met.',
  referred: '',
  not_referred: 'You decided not to refer it to the local authority: say why. The concern stays open.',
  enquiry: 'The local authority is making enquiries.',
  plan: 'The risk is managed under a plan agreed with partners.',
  closed: '',
} as const satisfies Record<ConcernStatus, string>;

const reasonHints: Partial<Record<ConcernStatus, string>> = {
  not_referred:
    'For example, “the safeguarding link advised the threshold is not met yet; we keep a money log and review weekly”.',
};

export function StatusSection() {
  const { concern, reload } = useConcern();
  const navigate = useNavigate();
  // A referral is sent from its own page (checked, through the sharing gate); closing has its page too.
  const choices = nextStatuses[concern.status].filter(
    (status) => status !== 'referred' && status !== 'closed',
  );
  const form = useFormSubmit({ status: 'status', reason: 'reason' }, async (values) => {
    const status = readText(values, 'status') as Exclude<ConcernStatus, 'closed'> | null;
    const reason = readText(values, 'reason');
    const problems: FieldError[] = [];
    if (!status) problems.push({ field: 'status', message: 'Choose where the concern is now' });
    if (!reason) problems.push({ field: 'reason', message: 'Say why' });
    if (!status || !reason) return problems;
    await changeConcernStatus(concern.id, { status, reason });
    reload();
    navigate(concernPath(concern.id), { state: { notice: `The concern is now “${statusLabels[status]}”.` } });
  });
  if (concern.status === 'closed') return <ClosedNotice title="Move the concern on" />;
  return (
    <ConcernFormSection summary={concern} title="Move the concern on" form={form}>
      {concern.status === 'referred' ? (
        <p>
          When the local authority has decided,{' '}
          <Link to={concernPath(concern.id, 'advice/decision')}>record their decision</Link>: that moves the
          concern on and stops the referral being chased.
        </p>
      ) : null}
      <p>
        It is “{statusLabels[concern.status]}”. The reason you give goes into the chronology.
        {nextStatuses[concern.status].includes('referred') ? (
          <>
            {' '}
            To refer it to the local authority,{' '}
            <Link to={concernPath(concern.id, 'advice/referral')}>make a section 42 referral</Link>: it is
            checked and sent from Liaison, and its decision is chased.
          </>
        ) : null}
      </p>
      {choices.length === 0 ? (
        <p>There is nowhere else it can move from here except being closed.</p>
      ) : (
        <Form form={form}>
          <Radios
            name="status"
            legend="Where is the concern now?"
            items={codeChoices(choices, statusLabels, statusHints)}
          />
          <TextArea
            name="reason"
            label="Why"
            hint={
              reasonHints.not_referred && choices.includes('not_referred')
                ? reasonHints.not_referred
                : undefined
            }
            rows={4}
          />
          <SubmitButton>Save</SubmitButton>
        </Form>
      )}
    </ConcernFormSection>
  );
}

export function LevelSection() {
  const { concern, reload } = useConcern();
  const navigate = useNavigate();
  const form = useFormSubmit({ level: 'level', levelReason: 'levelReason' }, async (values) => {
    const level = readText(values, 'level') as ConcernLevel | null;
    const levelReason = readText(values, 'levelReason');
    const problems: FieldError[] = [];
    if (!level) problems.push({ field: 'level', message: 'Choose the level' });
    else if (level === concern.level) {
      problems.push({ field: 'level', message: `The level is already ${levelLabels[level].toLowerCase()}` });
    }
    if (!levelReason) problems.push({ field: 'levelReason', message: 'Say why the level changes' });
    if (problems.length > 0 || !level || !levelReason) return problems;
    await changeConcern(concern.id, concern.version, { level, levelReason });
    reload();
    navigate(concernPath(concern.id), {
      state: {
        notice: `The level is now ${levelLabels[level].toLowerCase()}. The reason is in the chronology.`,
      },
    });
  });
  if (concern.status === 'closed') return <ClosedNotice title="Change the level" />;
  return (
    <ConcernFormSection summary={concern} title="Change the level" form={form}>
      <p>
        It is {levelLabels[concern.level].toLowerCase()} now. The change and its reason go into the
        chronology.
      </p>
      {form.isChangedElsewhere ? <ChangedElsewhere reload={reload} /> : null}
      <Form form={form}>
        <Radios
          name="level"
          legend="What is the level now?"
          items={codeChoices(levels, levelLabels, levelHints)}
          defaultValues={[concern.level]}
        />
        <TextArea name="levelReason" label="Why does it change?" rows={4} />
        <SubmitButton>Change the level</SubmitButton>
      </Form>
    </ConcernFormSection>
  );
}

function ChangedElsewhere({ reload }: { reload: () => void }) {
  return (
    <p>
      <button className="nhsuk-button nhsuk-button--secondary" type="button" onClick={reload}>
        Reload the concern
      </button>
    </p>
  );
}

export function NeedToKnowSection() {
  const { concern, reload } = useConcern();
  const navigate = useNavigate();
  const form = useFormSubmit({ needToKnow: 'needToKnow' }, async (values) => {
    const needToKnow = readText(values, 'needToKnow');
    if (!needToKnow) return [{ field: 'needToKnow', message: 'Enter what staff need to know' }];
    await changeConcern(concern.id, concern.version, { needToKnow });
    reload();
    navigate(concernPath(concern.id), {
      state: { notice: 'Staff who are not managers now see this summary of the concern.' },
    });
  });
  if (concern.status === 'closed') return <ClosedNotice title="What staff need to know" />;
  return (
    <ConcernFormSection summary={concern} title="What staff need to know" form={form}>
      <p>
        Care workers see this instead of the concern: what they must do or avoid to keep people safe. They do
        not see what happened, who is suspected, or the chronology.
      </p>
      <InsetText label="For example">
        Two staff for personal care. Report any new marks to the manager the same day. Do not discuss the
        concern in the home.
      </InsetText>
      {form.isChangedElsewhere ? <ChangedElsewhere reload={reload} /> : null}
      <Form form={form}>
        <TextArea
          name="needToKnow"
          label="What staff need to know"
          hint="Keep out details of what happened and who is suspected."
          defaultValue={concern.needToKnow}
          rows={4}
        />
        <SubmitButton>Save</SubmitButton>
      </Form>
    </ConcernFormSection>
  );
}

export function CloseConcernSection() {
  const { concern, reload } = useConcern();
  const session = useSession();
  const navigate = useNavigate();
  const form = useFormSubmit({ outcome: 'outcome', lessonsLearnt: 'lessonsLearnt' }, async (values) => {
    const outcome = readText(values, 'outcome') as RiskOutcome | null;
    const lessonsLearnt = readText(values, 'lessonsLearnt');
    const problems: FieldError[] = [];
    if (!outcome) problems.push({ field: 'outcome', message: 'Choose what became of the risk' });
    if (!lessonsLearnt) problems.push({ field: 'lessonsLearnt', message: 'Enter the lessons learnt' });
    if (!outcome || !lessonsLearnt) return problems;
    await closeConcern(concern.id, { outcome, lessonsLearnt });
    reload();
    navigate(concernPath(concern.id), { state: { notice: 'The concern is closed and signed off.' } });
  });
  if (concern.status === 'closed') return <ClosedNotice title="Close the concern" />;
  const openRestrictions = concern.restrictions.filter((restriction) => restriction.endedOn === null);
  return (
    <ConcernFormSection summary={concern} title="Close the concern" form={form}>
      <p>
        Closing signs the concern off in your name, {session.user.displayName}. Nothing more can be recorded
        on it afterwards.
      </p>
      {openRestrictions.length > 0 ? (
        <div className="nhsuk-warning-callout">
          <h3 className="nhsuk-warning-callout__label">
            <span>
              <span className="nhsuk-u-visually-hidden">Important: </span>
              {openRestrictions.length === 1
                ? 'An interim restriction is still in place'
                : `${openRestrictions.length} interim restrictions are still in place`}
            </span>
          </h3>
          <p>
            Nothing can be recorded on a closed concern, a restriction’s review or end included.{' '}
            <Link to={concernPath(concern.id, 'restrictions')}>
              End {openRestrictions.length === 1 ? 'it' : 'them'} first
            </Link>
            , or record the restriction again on a concern that stays open.
          </p>
        </div>
      ) : null}
      <Form form={form}>
        <Radios
          name="outcome"
          legend="What became of the risk?"
          items={codeChoices(outcomes, outcomeLabels)}
        />
        <TextArea
          name="lessonsLearnt"
          label="Lessons learnt"
          hint="What the organisation learnt, and what will change because of it."
          rows={5}
        />
        <SubmitButton variant="warning">Close and sign off</SubmitButton>
      </Form>
    </ConcernFormSection>
  );
}

export function AdvocacySection() {
  const { concern, reload } = useConcern();
  const navigate = useNavigate();
  const form = useFormSubmit(
    { status: 'advocacy-status', advocateName: 'advocateName', note: 'advocacy-note' },
    async (values) => {
      const status = readText(values, 'status') as Exclude<AdvocacyStatus, 'not_offered'> | null;
      const advocateName = readText(values, 'advocateName');
      const problems = missingFields(
        { status: status ?? '', ...(status === 'accepted' ? { advocateName: advocateName ?? '' } : {}) },
        {
          status: 'Choose what happened',
          ...(status === 'accepted' ? { advocateName: 'Name the advocate' } : {}),
        },
      );
      if (problems.length > 0 || !status) return problems;
      await recordAdvocacy(concern.id, {
        status,
        advocateName: status === 'accepted' ? advocateName : null,
        note: readText(values, 'note'),
      });
      reload();
      navigate(concernPath(concern.id, 'advice'), { state: { notice: 'Advocacy recorded.' } });
    },
  );
  if (concern.status === 'closed') return <ClosedNotice title="Advocacy" />;
  return (
    <ConcernFormSection
      summary={concern}
      title="Advocacy"
      form={form}
      back={{ section: 'advice', label: 'Back to advice, referral and decision' }}
    >
      <p>
        An advocate helps the person say what they want. So far:{' '}
        {advocacyLabels[concern.advocacy.status].toLowerCase()}
        {concern.advocacy.advocateName ? ` (${concern.advocacy.advocateName})` : ''}.
      </p>
      <Form form={form}>
        <Radios
          id="advocacy-status"
          name="status"
          legend="What happened?"
          items={[
            { value: 'offered', label: 'Offered, no answer yet' },
            { value: 'accepted', label: 'Accepted' },
            { value: 'declined', label: 'Declined' },
          ]}
          conditional={{ accepted: <TextField name="advocateName" label="Who is the advocate?" /> }}
        />
        <TextArea id="advocacy-note" name="note" label="Note (optional)" rows={3} />
        <SubmitButton>Record advocacy</SubmitButton>
      </Form>
    </ConcernFormSection>
  );
}
