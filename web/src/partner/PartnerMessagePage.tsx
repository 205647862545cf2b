import { type FormEvent, useEffect, useState } from 'react';
import { useLocation } from 'react-router';
import {
  ApiError,
  acceptAsPartner,
  acknowledgeAsPartner,
  declineAsPartner,
  type FieldError,
  getPartnerMessage,
  type PartnerResponseKind,
  type PartnerView,
  respondAsPartner,
} from '../api.ts';
import {
  askTypeLabels,
  eventLabels,
  receivedHowLabels,
  statusLabels,
  statusTagClass,
  templateLabels,
} from '../messages/message-labels.ts';
import { TheMessage } from '../messages/message-parts.tsx';
import { formatNhsNumber } from '../people/person-labels.ts';
import { ErrorSummary } from '../ui/ErrorSummary.tsx';
import { Form, SubmitButton, useFormSubmit } from '../ui/form.tsx';
import { noFormErrors } from '../ui/form-errors.ts';
import { codeChoices, ErrorMessage, Radios, TextArea } from '../ui/form-fields.tsx';
import { formatDate } from '../ui/format.ts';
import { Layout } from '../ui/Layout.tsx';
import { NotificationBanner } from '../ui/NotificationBanner.tsx';
import { ServiceProblemPage } from '../ui/ProblemPages.tsx';
import { Deadline, Loading, Moment, MultiLine } from '../ui/page-parts.tsx';
import { SummaryList, type SummaryRow } from '../ui/SummaryList.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';

// The page a partner opens from the secure link in their email. They have no staff account: the
// link's token, after the #, is the only thing that lets them in, and it opens this one message.
// It is sent in a header, never a cookie, and never kept in browser storage.

type Loaded =
  | { status: 'loading' }
  | { status: 'invalid'; detail: string }
  | { status: 'no_longer_shared' }
  | { status: 'failed'; error: ApiError }
  | { status: 'loaded'; view: PartnerView };

// API field name → input id, in the order the fields appear.
const fields = {
  name: 'partner-name',
  role: 'partner-role',
  decision: 'decision',
  reason: 'decline-reason',
  kind: 'response-kind',
  response: 'response-text',
};

const responseKindLabels = {
  answer: 'An answer to the question',
  decision: 'A decision',
  advice: 'Advice or an instruction',
  done: 'The action asked for is done',
} as const satisfies Record<PartnerResponseKind, string>;

function tokenFrom(hash: string): string {
  return decodeURIComponent(hash.replace(/^#/, '')).trim();
}

export function PartnerMessagePage() {
  const location = useLocation();
  const token = tokenFrom(location.hash);
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });
  const [attempts, setAttempts] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempts` asks again.
  useEffect(() => {
    let current = true;
    setLoaded({ status: 'loading' });
    if (!token) {
      setLoaded({
        status: 'invalid',
        detail: 'The link has no code in it. Open the link from your email again.',
      });
      return;
    }
    getPartnerMessage(token).then(
      (view) => {
        if (current) setLoaded({ status: 'loaded', view });
      },
      (error: unknown) => {
        if (!current) return;
        setLoaded(toFailure(error));
      },
    );
    return () => {
      current = false;
    };
  }, [token, attempts]);

  return (
    <Layout>
      {loaded.status === 'loading' ? <Loading /> : null}
      {loaded.status === 'invalid' ? <InvalidLink detail={loaded.detail} /> : null}
      {loaded.status === 'no_longer_shared' ? <NoLongerShared /> : null}
      {loaded.status === 'failed' ? (
        <ServiceProblemPage error={loaded.error} onTryAgain={() => setAttempts((count) => count + 1)} />
      ) : null}
      {loaded.status === 'loaded' ? (
        <PartnerMessage
          token={token}
          view={loaded.view}
          onChanged={(view) => setLoaded({ status: 'loaded', view })}
          onLinkRefused={(refusal) => setLoaded(refusal)}
        />
      ) : null}
    </Layout>
  );
}

function toFailure(error: unknown): Loaded {
  // The basis for sharing ended: nothing about the person is shown, only that.
  if (error instanceof ApiError && error.status === 410) return { status: 'no_longer_shared' };
  if (error instanceof ApiError && (error.status === 401 || error.status === 403)) {
    return { status: 'invalid', detail: error.detail };
  }
  return {
    status: 'failed',
    error:
      error instanceof ApiError
        ? error
        : new ApiError({ status: 0, title: 'Error', detail: 'Something went wrong. Try again.' }),
  };
}

function InvalidLink({ detail }: { detail: string }) {
  usePageTitle('This link is not valid');
  return (
    <>
      <h1>This link is not valid</h1>
      <p>{detail}</p>
      <p>
        Links stop working when they expire, when the organisation that sent the message stops them, or when
        the message is withdrawn. If you still need to reply, contact the organisation that sent it.
      </p>
    </>
  );
}

function NoLongerShared() {
  usePageTitle('This information is no longer shared with you');
  return (
    <>
      <h1>This information is no longer shared with you</h1>
      <p>
        The organisation that sent this message can no longer share it with you, for example because the
        person withdrew their consent. Please do not use or pass on what you were sent unless you have your
        own lawful basis for it.
      </p>
      <p>If you need to discuss this, contact the organisation that sent it.</p>
    </>
  );
}

function PartnerMessage({
  token,
  view,
  onChanged,
  onLinkRefused,
}: {
  token: string;
  view: PartnerView;
  onChanged: (view: PartnerView) => void;
  onLinkRefused: (refusal: Loaded) => void;
}) {
  const [name, setName] = useState('');
  const [role, setRole] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  // Each reply is a form of its own, sent through `act`; they share the name fields and the errors.
  const reply = useFormSubmit(fields, () => undefined, {
    explainFailure(error) {
      if (!(error instanceof ApiError && (error.status === 401 || error.status === 410))) return undefined;
      onLinkRefused(toFailure(error));
      return noFormErrors;
    },
  });
  usePageTitle(view.subject, reply.hasErrors);

  /** Sends one reply; every reply needs the partner's name first. */
  function act(
    send: (who: { name: string; role: string | null }) => Promise<PartnerView>,
    done: string,
    problems: FieldError[] = [],
  ) {
    return reply.perform(async () => {
      setNotice(null);
      const all = [...(name.trim() ? [] : [{ field: 'name', message: 'Enter your name' }]), ...problems];
      if (all.length > 0) return all;
      const changed = await send({ name: name.trim(), role: role.trim() || null });
      setNotice(done);
      onChanged(changed);
      return undefined;
    });
  }

  function acknowledge(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void act(
      (who) => acknowledgeAsPartner(token, who),
      `Thank you. ${view.organisationName} has been told you have received it.`,
    );
  }

  function acceptOrDecline(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const decision = String(form.get('decision') ?? '');
    const reason = String(form.get('reason') ?? '').trim();
    if (decision === 'accept') {
      void act(
        (who) => acceptAsPartner(token, who),
        `Thank you. ${view.organisationName} has been told you accept the request.`,
      );
      return;
    }
    const problems: FieldError[] = [];
    if (decision !== 'decline')
      problems.push({ field: 'decision', message: 'Choose whether you accept or decline the request' });
    else if (!reason) problems.push({ field: 'reason', message: 'Say why you are declining' });
    void act(
      (who) => declineAsPartner(token, { ...who, reason }),
      `Thank you. ${view.organisationName} has been told you decline the request.`,
      problems,
    );
  }

  function respond(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const kind = String(form.get('kind') ?? '') as PartnerResponseKind | '';
    const response = String(form.get('response') ?? '').trim();
    const problems: FieldError[] = [];
    if (!kind) problems.push({ field: 'kind', message: 'Choose what your response is' });
    if (!response) problems.push({ field: 'response', message: 'Enter your response' });
    void act(
      async (who) => {
        const changed = await respondAsPartner(token, { ...who, kind: kind || 'answer', response });
        formElement.reset();
        return changed;
      },
      `Thank you. Your response has been sent to ${view.organisationName}.`,
      problems,
    );
  }

  const rows: SummaryRow[] = [
    { key: 'From', value: `${view.sentBy}, ${view.organisationName}` },
    { key: 'To', value: view.addressedTo },
  ];
  if (view.person) {
    rows.push(
      {
        key: 'About',
        value: view.person.knownAs
          ? `${view.person.fullName} (known as ${view.person.knownAs})`
          : view.person.fullName,
      },
      {
        key: 'Date of birth',
        value: view.person.dateOfBirth ? formatDate(view.person.dateOfBirth) : 'Not recorded',
      },
      {
        key: 'NHS number',
        value: view.person.nhsNumber ? formatNhsNumber(view.person.nhsNumber) : 'Not recorded',
      },
    );
  } else if (view.personName) {
    rows.push({ key: 'About', value: view.personName });
  }
  rows.push(
    { key: 'Sent', value: <Moment iso={view.sentAt} /> },
    {
      key:
        view.template === 'incident_update'
          ? 'Please acknowledge by (UK time)'
          : 'Response needed by (UK time)',
      value: <Deadline iso={view.deadline} />,
    },
    {
      key: 'Status',
      value: <strong className={statusTagClass(view.status)}>{statusLabels[view.status]}</strong>,
    },
  );
  const canReply = view.canAcknowledge || view.canAcceptOrDecline || view.canRespond;
  // One main action on the page: the furthest step the partner can take. The others are secondary.
  const mainAction = view.canRespond ? 'respond' : view.canAcceptOrDecline ? 'decide' : 'acknowledge';
  const variant = (action: typeof mainAction) =>
    action === mainAction ? {} : { variant: 'secondary' as const };

  return (
    <>
      <ErrorSummary items={reply.errors.items} />
      {notice ? <NotificationBanner variant="success">{notice}</NotificationBanner> : null}
      <h1>
        <span className="nhsuk-caption-l">{captionFor(view)}</span>
        {view.subject}
      </h1>
      <SummaryList rows={rows} />
      <TheMessage message={view} />

      <h2>Thread</h2>
      <ol className="nhsuk-list" aria-label="Thread, oldest first">
        {view.thread.map((entry, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the thread is append-only, in order
          <li className="nhsuk-card nhsuk-u-margin-bottom-3" key={index}>
            <div className="nhsuk-card__content">
              <h3 className="nhsuk-heading-s nhsuk-u-margin-bottom-1">{eventLabels[entry.kind]}</h3>
              <p className="nhsuk-body-s nhsuk-u-secondary-text-colour nhsuk-u-margin-bottom-2">
                <Moment iso={entry.at} /> · {entry.who}
                {entry.how ? ` · ${receivedHowLabels[entry.how]}` : ''}
              </p>
              {entry.text ? (
                <p className="nhsuk-u-margin-bottom-0">
                  <MultiLine text={entry.text} />
                </p>
              ) : null}
            </div>
          </li>
        ))}
      </ol>

      {canReply ? (
        <div className="nhsuk-grid-row">
          <div className="nhsuk-grid-column-two-thirds">
            <h2>Reply</h2>
            <p>Give your name, so {view.organisationName} knows who replied.</p>
            <NameField
              id={fields.name}
              label="Your name"
              value={name}
              onChange={setName}
              error={reply.errors.byField.get('name')}
              autoComplete="name"
            />
            <NameField
              id={fields.role}
              label="Your job title or role (optional)"
              value={role}
              onChange={setRole}
              error={reply.errors.byField.get('role')}
              autoComplete="organization-title"
            />
            {view.canAcknowledge ? (
              <Form form={reply} onSubmit={acknowledge}>
                <h3>Acknowledge</h3>
                <p>Let {view.organisationName} know you have received this. You can respond fully later.</p>
                <SubmitButton {...variant('acknowledge')}>Acknowledge receipt</SubmitButton>
              </Form>
            ) : null}
            {view.canAcceptOrDecline ? (
              <Form form={reply} onSubmit={acceptOrDecline}>
                <h3>Accept or decline</h3>
                <Radios
                  name="decision"
                  legend="Will you do what is asked?"
                  items={[
                    { value: 'accept', label: 'Yes, I accept the request' },
                    { value: 'decline', label: 'No, I decline the request' },
                  ]}
                  conditional={{
                    decline: (
                      <TextArea
                        name="reason"
                        label="Why are you declining?"
                        hint="If someone else should be asked, say who."
                        rows={3}
                      />
                    ),
                  }}
                />
                <SubmitButton {...variant('decide')}>Send</SubmitButton>
              </Form>
            ) : null}
            {view.canRespond ? (
              <Form form={reply} onSubmit={respond}>
                <h3>Respond</h3>
                <Radios
                  name="kind"
                  legend="What is your response?"
                  items={codeChoices(
                    Object.keys(responseKindLabels) as PartnerResponseKind[],
                    responseKindLabels,
                  )}
                />
                <TextArea
                  name="response"
                  label="Your response"
                  hint="Advice is recorded as yours, in your words, as written here."
                  rows={6}
                />
                <SubmitButton {...variant('respond')}>Send response</SubmitButton>
              </Form>
            ) : null}
          </div>
        </div>
      ) : (
        <p>There is nothing more for you to do on this message. Thank you.</p>
      )}
      <p className="nhsuk-body-s">
        This link works until <Moment iso={view.linkExpiresAt} /> (UK time). Do not forward it: anyone with
        the link can read the message.
      </p>
    </>
  );
}

/** "Urgent request for advice from Riverside Care". */
function captionFor(view: PartnerView): string {
  const kind = templateLabels[view.template].toLowerCase();
  const asking = view.askType ? ` for ${askTypeLabels[view.askType].toLowerCase()}` : '';
  const words = `${view.urgency === 'urgent' ? 'urgent ' : ''}${kind}${asking} from ${view.organisationName}`;
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function NameField({
  id,
  label,
  value,
  onChange,
  error,
  autoComplete,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  error: string | undefined;
  autoComplete: string;
}) {
  return (
    <div className={error ? 'nhsuk-form-group nhsuk-form-group--error' : 'nhsuk-form-group'}>
      <label className="nhsuk-label" htmlFor={id}>
        {label}
      </label>
      <ErrorMessage id={id} error={error} />
      <input
        className={
          error
            ? 'nhsuk-input nhsuk-input--error nhsuk-u-width-two-thirds'
            : 'nhsuk-input nhsuk-u-width-two-thirds'
        }
        id={id}
        type="text"
        value={value}
        autoComplete={autoComplete}
        onChange={(event) => onChange(event.currentTarget.value)}
        aria-describedby={error ? `${id}-error` : undefined}
      />
    </div>
  );
}
