import { useEffect, useRef, useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { subjectTypeLabels } from '../../../src/subjects/subjects.vocabulary.ts';
import {
  type EmailState,
  getMessage,
  type LinkHandover,
  type MessageDetail,
  type MessageEmail,
  type MessageEvent,
  recordLinkHandedOver,
  sendNewPartnerLink,
} from '../api.ts';
import { useSession } from '../auth/session.tsx';
import { hasRole } from '../roles.ts';
import { listCategories, purposeLabels } from '../sharing/sharing-labels.ts';
import { ContentsList, ContentsSection } from '../ui/ContentsList.tsx';
import { ErrorSummary, type ErrorSummaryItem } from '../ui/ErrorSummary.tsx';
import { describeError } from '../ui/form-errors.ts';
import { formatDateTime } from '../ui/format.ts';
import { NotificationBanner } from '../ui/NotificationBanner.tsx';
import { LoadProblem } from '../ui/ProblemPages.tsx';
import { BackLink, Deadline, Loading, Moment, MultiLine } from '../ui/page-parts.tsx';
import { SummaryList, type SummaryRow } from '../ui/SummaryList.tsx';
import { Cell, Row, Table } from '../ui/Table.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { useResource } from '../ui/useResource.ts';
import { messageWriters } from './access.ts';
import {
  askTypeLabels,
  describeDelay,
  describeRepeat,
  emailStateLabels,
  eventLabels,
  receivedHowLabels,
  stepStatusLabels,
  targetLabels,
  templateLabels,
} from './message-labels.ts';
import { isOpen, MessageTags, messagePath, TheMessage } from './message-parts.tsx';

/** What the page before hands over: a notice, and a partner link to show this once. */
export type ThreadState = {
  notice?: string;
  partnerLink?: { url: string; id: string; emailState: EmailState };
};

export function MessageThreadPage() {
  const { messageId = '' } = useParams();
  return <MessageThread key={messageId} messageId={messageId} />;
}

function MessageThread({ messageId }: { messageId: string }) {
  const session = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  // Read once, then dropped from the history entry, so a reload or going back does not show the
  // link again: it exists in this page's memory only.
  const [handedOver] = useState(() => (location.state as ThreadState | null) ?? {});
  const [notice, setNotice] = useState<string | null>(handedOver.notice ?? null);
  const [partnerLink, setPartnerLink] = useState<ThreadState['partnerLink'] | null>(
    handedOver.partnerLink ?? null,
  );
  const [problems, setProblems] = useState<ErrorSummaryItem[]>([]);
  const [isSendingLink, setIsSendingLink] = useState(false);
  const [message, reload] = useResource(`message ${messageId}`, () => getMessage(messageId));
  usePageTitle(message.status === 'loaded' ? message.data.subject : 'Message', problems.length > 0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: once, on arrival.
  useEffect(() => {
    if (location.state) navigate(`${location.pathname}${location.search}`, { replace: true, state: null });
  }, []);

  if (message.status === 'loading') return <Loading />;
  if (message.status === 'failed') {
    return (
      <>
        <BackLink to="/messages">Back to partner messages</BackLink>
        <h1>Message</h1>
        <LoadProblem error={message.error} onTryAgain={reload} />
      </>
    );
  }
  const current = message.data;
  const canAct = hasRole(session.user.role, messageWriters) && isOpen(current.status);

  async function emailNewLink() {
    if (isSendingLink) return;
    setIsSendingLink(true);
    try {
      const sent = await sendNewPartnerLink(current.id);
      setProblems([]);
      setNotice(
        sent.emailState === 'queued'
          ? `A new link is waiting to be emailed to ${sent.partnerContactName}.`
          : `A new link has been made for ${sent.partnerContactName}. It has not been emailed: give it to them another way.`,
      );
      setPartnerLink({ url: sent.partnerLink, id: sent.partnerLinkId, emailState: sent.emailState });
      reload();
    } catch (error) {
      setNotice(null);
      setProblems([{ text: describeError(error) }]);
    } finally {
      setIsSendingLink(false);
    }
  }

  return (
    <>
      {current.incidentId ? (
        // Sent from an incident: back to the incident's partner updates, where it was sent from.
        <BackLink to={`/incidents/${current.incidentId}/partner-updates`}>Back to the incident</BackLink>
      ) : current.sentFrom ? (
        // Sent from another record (a safeguarding concern's advice request, say): back to it.
        <BackLink to={current.sentFrom.webPath}>
          Back to the {subjectTypeLabels[current.sentFrom.type].toLowerCase()}
        </BackLink>
      ) : (
        <BackLink to="/messages">Back to partner messages</BackLink>
      )}
      <ErrorSummary items={problems} />
      {notice ? <NotificationBanner variant="success">{notice}</NotificationBanner> : null}
      {current.sharingEnded ? (
        <div className="nhsuk-warning-callout">
          <h2 className="nhsuk-warning-callout__label">
            <span>
              <span className="nhsuk-u-visually-hidden">Important: </span>No longer shared
            </span>
          </h2>
          <p>
            {current.sharingEnded.reason}. The partner’s links no longer show anything about the person. A
            notice to them, without personal details, is in the emails below; emails about the message that
            had not gone were held.
          </p>
        </div>
      ) : null}
      {partnerLink ? (
        <PartnerLinkOnce
          link={partnerLink}
          messageId={current.id}
          contactName={current.partnerContactName}
          onHandedOver={(how) => {
            setPartnerLink(null);
            setNotice(`Recorded: you gave ${current.partnerContactName} the link ${how}.`);
            reload();
          }}
          onProblem={(text) => setProblems([{ text }])}
        />
      ) : null}
      <h1>
        <span className="nhsuk-caption-l">
          {templateLabels[current.template]}
          {current.askType ? `: ${askTypeLabels[current.askType].toLowerCase()}` : ''}
        </span>
        {current.subject}
      </h1>
      <p>
        <MessageTags message={current} />
      </p>
      <MessageFacts message={current} />
      <ContentsList
        label="On this page"
        items={[
          { label: 'The message', to: '#the-message' },
          { label: 'Thread', to: '#thread' },
          ...(canAct ? [{ label: 'What you can do', to: '#what-you-can-do' }] : []),
          { label: 'Emails', to: '#emails' },
          { label: 'Escalation', to: '#escalation' },
          { label: 'Secure links', to: '#secure-links' },
        ]}
      />
      <ContentsSection id="the-message">
        <TheMessage message={current} />
      </ContentsSection>

      <ContentsSection id="thread">
        <h2>Thread</h2>
        <Timeline events={current.events} />
      </ContentsSection>

      {canAct ? (
        <ContentsSection id="what-you-can-do">
          <h2>What you can do</h2>
          <ul className="nhsuk-list">
            <li>
              <Link to={`${messagePath(current.id)}/log-contact`}>
                Log a phone call or a reply that came another way
              </Link>
            </li>
            <li>
              <Link to={`${messagePath(current.id)}/close`}>Close the message</Link>
            </li>
            <li>
              <Link to={`${messagePath(current.id)}/withdraw`}>Withdraw the message</Link>
            </li>
          </ul>
          <button
            className="nhsuk-button nhsuk-button--secondary"
            type="button"
            aria-disabled={isSendingLink ? 'true' : undefined}
            onClick={emailNewLink}
          >
            Email {current.partnerContactName} a new link
          </button>
        </ContentsSection>
      ) : null}

      <ContentsSection id="emails">
        <h2>Emails</h2>
        <Emails emails={current.emails} />
      </ContentsSection>

      <ContentsSection id="escalation">
        <h2>Escalation</h2>
        <EscalationSteps message={current} />
      </ContentsSection>

      <ContentsSection id="secure-links">
        <h2>Secure links</h2>
        <Links message={current} canAct={canAct} />
      </ContentsSection>
    </>
  );
}

const handoverWords: Record<LinkHandover, string> = {
  by_phone: 'by phone',
  in_person: 'in person',
  by_own_secure_email: 'by secure email from my own account',
  other: 'another way',
};

/**
 * The link, shown on this page only: it is not kept anywhere Liaison could show it again. Says
 * truthfully whether an email carries it, and lets the sender record that they gave it another way.
 */
function PartnerLinkOnce({
  link,
  messageId,
  contactName,
  onHandedOver,
  onProblem,
}: {
  link: NonNullable<ThreadState['partnerLink']>;
  messageId: string;
  contactName: string;
  onHandedOver: (how: string) => void;
  onProblem: (text: string) => void;
}) {
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const [how, setHow] = useState<LinkHandover>('by_phone');
  const [isRecording, setIsRecording] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  async function copy() {
    try {
      await navigator.clipboard.writeText(link.url);
      setCopied('yes');
    } catch {
      input.current?.select();
      setCopied('failed');
    }
  }

  async function recordHandover() {
    if (isRecording) return;
    setIsRecording(true);
    try {
      await recordLinkHandedOver(messageId, link.id, how);
      onHandedOver(handoverWords[how]);
    } catch (error) {
      onProblem(describeError(error));
    } finally {
      setIsRecording(false);
    }
  }

  const notEmailed = link.emailState === 'no_mail_server';
  return (
    <div className={notEmailed ? 'nhsuk-warning-callout' : 'nhsuk-inset-text'}>
      <h2 className={notEmailed ? 'nhsuk-warning-callout__label' : 'nhsuk-heading-s'}>
        <span>
          {notEmailed ? (
            <>
              <span className="nhsuk-u-visually-hidden">Important: </span>Not emailed: give {contactName} this
              link
            </>
          ) : (
            <>The secure link for {contactName}</>
          )}
        </span>
      </h2>
      {notEmailed ? (
        <p>
          No mail server is set up, so nothing has been emailed. Give them this link another way (read it out
          on the phone, or send it from your own secure email), then record that you did. Liaison will not
          show it again.
        </p>
      ) : (
        <p>
          It is waiting to be emailed to them; Liaison checks again that it may be shared as the email leaves.
          If you need to read it out or send it another way, copy it now: Liaison will not show it again.
        </p>
      )}
      <div className="nhsuk-form-group nhsuk-u-margin-bottom-3">
        <label className="nhsuk-label" htmlFor="partner-link">
          Secure link
        </label>
        <input
          className="nhsuk-input"
          id="partner-link"
          type="text"
          readOnly
          value={link.url}
          ref={input}
          onFocus={(event) => event.currentTarget.select()}
        />
      </div>
      <button
        className="nhsuk-button nhsuk-button--secondary nhsuk-u-margin-bottom-2"
        type="button"
        onClick={copy}
      >
        Copy the link
      </button>
      <p role="status">
        {copied === 'yes' ? 'The link has been copied.' : null}
        {copied === 'failed'
          ? 'The link could not be copied here: it is selected, so copy it with your keyboard.'
          : null}
      </p>
      <div className="nhsuk-form-group nhsuk-u-margin-bottom-2">
        <label className="nhsuk-label" htmlFor="handover-how">
          How did you give it to them?
        </label>
        <select
          className="nhsuk-select"
          id="handover-how"
          value={how}
          onChange={(event) => setHow(event.currentTarget.value as LinkHandover)}
        >
          {(Object.keys(handoverWords) as LinkHandover[]).map((each) => (
            <option key={each} value={each}>
              {handoverWords[each]}
            </option>
          ))}
        </select>
      </div>
      <button
        className="nhsuk-button nhsuk-u-margin-bottom-0"
        type="button"
        aria-disabled={isRecording ? 'true' : undefined}
        onClick={recordHandover}
      >
        I gave them the link
      </button>
    </div>
  );
}

/** Where each email about the message is: staff see what actually left. */
function Emails({ emails }: { emails: readonly MessageEmail[] }) {
  if (emails.length === 0) return <p>No emails.</p>;
  return (
    <Table caption="Emails about this message" headings={['To', 'Where it is', 'When']}>
      {emails.map((email) => (
        <Row key={email.id}>
          <Cell heading="To">{email.to}</Cell>
          <Cell heading="Where it is">
            {emailStateLabels[email.state]}
            {email.why ? <span className="nhsuk-body-s nhsuk-u-display-block">{email.why}</span> : null}
          </Cell>
          <Cell heading="When">
            {email.sentAt
              ? `Sent ${formatDateTime(email.sentAt)}`
              : `Queued ${formatDateTime(email.queuedAt)}`}
          </Cell>
        </Row>
      ))}
    </Table>
  );
}

function MessageFacts({ message }: { message: MessageDetail }) {
  const rows: SummaryRow[] = [
    {
      key: 'To',
      value: (
        <>
          <Link to={`/partners/contacts/${message.partnerContactId}`}>{message.partnerContactName}</Link>
          <span className="nhsuk-u-display-block">
            <Link to={`/partners/organisations/${message.partnerOrganisationId}`}>
              {message.partnerOrganisationName}
            </Link>
          </span>
        </>
      ),
    },
    {
      key: 'About',
      value:
        message.personId && message.personName ? (
          <Link to={`/people/${message.personId}`}>{message.personName}</Link>
        ) : (
          'Nobody in particular'
        ),
    },
  ];
  if (message.purpose) {
    rows.push({
      key: 'Shared for',
      value: `${purposeLabels[message.purpose]}: ${listCategories(message.categories).toLowerCase()} information`,
    });
  }
  rows.push(
    { key: 'Sent by', value: message.sentBy },
    { key: 'Sent', value: <Moment iso={message.sentAt} /> },
    { key: 'Response needed by (UK time)', value: <Deadline iso={message.deadline} /> },
    { key: 'Urgency', value: message.urgency === 'urgent' ? 'Urgent' : 'Routine' },
  );
  if (message.declineReason)
    rows.push({ key: 'Why they declined', value: <MultiLine text={message.declineReason} /> });
  if (message.withdrawnReason) {
    rows.push({ key: 'Why it was withdrawn', value: <MultiLine text={message.withdrawnReason} /> });
  }
  return <SummaryList rows={rows} />;
}

function who(event: MessageEvent): string {
  const name = event.actorName ?? (event.actorType === 'system' ? 'Liaison' : 'Someone');
  return event.actorRole ? `${name} (${event.actorRole})` : name;
}

/** Everything that happened, oldest first, with when it happened in UK time. */
function Timeline({ events }: { events: readonly MessageEvent[] }) {
  if (events.length === 0) return <p>Nothing has happened yet.</p>;
  return (
    <ol className="nhsuk-list" aria-label="Thread, oldest first">
      {events.map((event) => (
        <li className="nhsuk-card nhsuk-u-margin-bottom-3" key={event.id}>
          <div className="nhsuk-card__content">
            <h3 className="nhsuk-heading-s nhsuk-u-margin-bottom-1">{eventLabels[event.kind]}</h3>
            <p className="nhsuk-body-s nhsuk-u-secondary-text-colour nhsuk-u-margin-bottom-2">
              <Moment iso={event.occurredAt} /> · {who(event)}
              {event.how ? ` · ${receivedHowLabels[event.how]}` : ''}
              {event.recordedAt !== event.occurredAt ? (
                <>
                  {' '}
                  · recorded <Moment iso={event.recordedAt} />
                </>
              ) : null}
            </p>
            {event.text ? (
              <p className="nhsuk-u-margin-bottom-0">
                <MultiLine text={event.text} />
              </p>
            ) : null}
          </div>
        </li>
      ))}
    </ol>
  );
}

function EscalationSteps({ message }: { message: MessageDetail }) {
  if (message.steps.length === 0) {
    return (
      <p>
        {message.template === 'update'
          ? 'An update is not chased.'
          : 'No escalation steps are planned for this message.'}
      </p>
    );
  }
  return (
    <>
      <p>If the partner does not reply, Liaison chases them along this route. A response stops every step.</p>
      <Table caption="Escalation steps" headings={['Step', 'Who it reaches', 'When (UK time)', 'Status']}>
        {message.steps.map((step) => (
          <Row key={step.id}>
            <Cell heading="Step">{step.index + 1}</Cell>
            <Cell heading="Who it reaches">
              {targetLabels[step.target]}
              {step.stopsOnAcknowledgement ? (
                <span className="nhsuk-u-display-block nhsuk-body-s nhsuk-u-margin-bottom-0">
                  Not needed once they acknowledge
                </span>
              ) : null}
            </Cell>
            <Cell heading="When (UK time)">
              <Moment iso={step.firedAt ?? step.plannedAt} />
            </Cell>
            <Cell heading="Status">
              <strong
                className={`nhsuk-tag ${step.status === 'fired' ? 'nhsuk-tag--orange' : step.status === 'pending' ? 'nhsuk-tag--blue' : 'nhsuk-tag--grey'}`}
              >
                {stepStatusLabels[step.status]}
              </strong>
              {step.cancelledReason ? (
                <span className="nhsuk-u-display-block nhsuk-body-s nhsuk-u-margin-bottom-0">
                  {step.cancelledReason}
                </span>
              ) : null}
            </Cell>
          </Row>
        ))}
      </Table>
      {message.escalationRoute?.repeat ? (
        <p className="nhsuk-body-s">After the last step, {describeRepeat(message.escalationRoute.repeat)}.</p>
      ) : null}
      {message.escalationRoute ? (
        <details className="nhsuk-details">
          <summary className="nhsuk-details__summary">
            <span className="nhsuk-details__summary-text">The route this message follows</span>
          </summary>
          <div className="nhsuk-details__text">
            <ol className="nhsuk-list nhsuk-list--number">
              {message.escalationRoute.steps.map((step, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: a route's steps in their fixed order
                <li key={index}>
                  {describeDelay(step.delay, index === 0)}: {targetLabels[step.target].toLowerCase()}
                </li>
              ))}
            </ol>
          </div>
        </details>
      ) : null}
    </>
  );
}

function Links({ message, canAct }: { message: MessageDetail; canAct: boolean }) {
  if (message.links.length === 0) return <p>No links have been issued.</p>;
  const now = Date.now();
  return (
    <Table caption="Secure links to this message" headings={['For', 'Issued', 'Works until', 'Status']}>
      {message.links.map((link) => {
        const expired = new Date(link.expiresAt).getTime() <= now;
        return (
          <Row key={link.id}>
            <Cell heading="For">{link.contactName ?? 'The partner'}</Cell>
            <Cell heading="Issued">
              <Moment iso={link.createdAt} />
            </Cell>
            <Cell heading="Works until">
              <Moment iso={link.expiresAt} />
            </Cell>
            <Cell heading="Status">
              {link.revokedAt ? (
                <>
                  <strong className="nhsuk-tag nhsuk-tag--grey">Stopped</strong>
                  <span className="nhsuk-u-display-block nhsuk-body-s nhsuk-u-margin-bottom-0">
                    <Moment iso={link.revokedAt} />
                  </span>
                </>
              ) : expired ? (
                <strong className="nhsuk-tag nhsuk-tag--grey">Expired</strong>
              ) : message.sharingEnded ? (
                <>
                  <strong className="nhsuk-tag nhsuk-tag--grey">Shows nothing</strong>
                  <span className="nhsuk-u-display-block nhsuk-body-s nhsuk-u-margin-bottom-0">
                    No longer shared
                  </span>
                </>
              ) : (
                <>
                  <strong className="nhsuk-tag nhsuk-tag--green">Working</strong>
                  {link.lastUsedAt ? (
                    <span className="nhsuk-u-display-block nhsuk-body-s nhsuk-u-margin-bottom-1">
                      Last opened <Moment iso={link.lastUsedAt} />
                    </span>
                  ) : null}
                  {canAct ? (
                    <span className="nhsuk-u-display-block">
                      <Link to={`${messagePath(message.id)}/links/${link.id}/revoke`}>
                        Stop this link
                        <span className="nhsuk-u-visually-hidden">
                          {' '}
                          (issued {formatDateTime(link.createdAt)})
                        </span>
                      </Link>
                    </span>
                  ) : null}
                </>
              )}
            </Cell>
          </Row>
        );
      })}
    </Table>
  );
}
