import { useState } from 'react';
import './partner-updates.css';
import { Link } from 'react-router';
import {
  ApiError,
  type EmailState,
  type FieldError,
  getIncidentTimeline,
  type IncidentTimelineEntry,
  listProposedMessages,
  type NewMessage,
  type ProposedMessage,
  type RequestUrgency,
  sendIncidentMessage,
} from '../api.ts';
import { useSession } from '../auth/session.tsx';
import { messagePath } from '../messages/message-parts.tsx';
import { urgencyLabels } from '../partners/partner-labels.ts';
import { hasRole } from '../roles.ts';
import { listCategories, purposeLabels } from '../sharing/sharing-labels.ts';
import { ErrorSummary } from '../ui/ErrorSummary.tsx';
import { everyPage } from '../ui/every-page.ts';
import { Form, SubmitButton, useFormSubmit } from '../ui/form.tsx';
import type { GateRefusal as Refusal } from '../ui/form-errors.ts';
import { describeError, gateRefusalFrom } from '../ui/form-errors.ts';
import { codeChoices, Radios, readText, TextArea, TextField } from '../ui/form-fields.tsx';
import { formatDateTime } from '../ui/format.ts';
import { MomentFields, readMoment } from '../ui/moment-fields.tsx';
import { LoadProblem } from '../ui/ProblemPages.tsx';
import { Loading, Moment } from '../ui/page-parts.tsx';
import { Cell, Row, Table } from '../ui/Table.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { useResource } from '../ui/useResource.ts';
import { incidentLeaders } from './access.ts';
import { useIncident } from './incident-parts.tsx';

export function PartnerUpdatesSection() {
  const { incident, reload: reloadIncident } = useIncident();
  const session = useSession();
  const canSend = hasRole(session.user.role, incidentLeaders) && incident.status === 'open';
  const [sent, reloadSent] = useResource(`incident messages ${incident.id}`, async () => {
    // Every message sent, a page of the timeline at a time.
    return everyPage((page) => getIncidentTimeline(incident.id, { kind: 'message.sent', ...page }));
  });
  usePageTitle(`Partner updates: ${incident.title}`);
  return (
    <>
      <h2>Partner updates</h2>
      {canSend ? (
        <Proposals
          onSent={() => {
            reloadSent();
            reloadIncident();
          }}
        />
      ) : (
        <p>The incident lead and managers send partner updates. These are the messages sent so far.</p>
      )}
      {sent.status === 'loading' ? <Loading /> : null}
      {sent.status === 'failed' ? <LoadProblem error={sent.error} onTryAgain={reloadSent} /> : null}
      {sent.status === 'loaded' ? <SentMessages entries={sent.data} /> : null}
    </>
  );
}

function SentMessages({ entries }: { entries: readonly IncidentTimelineEntry[] }) {
  if (entries.length === 0) {
    return (
      <>
        <h3>Messages sent from this incident</h3>
        <p>No messages have been sent from this incident yet.</p>
      </>
    );
  }
  return (
    <Table caption="Messages sent from this incident" headings={['Sent (UK time)', 'Message', 'Sent by']}>
      {entries.map((entry) => (
        <Row key={`${entry.messageId} ${entry.at}`}>
          <Cell heading="Sent (UK time)">
            <Moment iso={entry.at} />
          </Cell>
          <Cell heading="Message">
            {entry.messageId ? <Link to={messagePath(entry.messageId)}>{entry.text}</Link> : entry.text}
          </Cell>
          <Cell heading="Sent by">{entry.who ?? 'Not recorded'}</Cell>
        </Row>
      ))}
    </Table>
  );
}

/** What became of a proposal sent from this page. */
type Outcome =
  | { state: 'sent'; messageId: string; partnerLink: { url: string; id: string; emailState: EmailState } }
  | { state: 'held'; refusal: Refusal }
  | { state: 'refused'; problems: number }
  | { state: 'failed'; detail: string };

/** The parts of a proposal the lead can change before sending, in page order. */
const editable = ['urgency', 'subject', 'summary', 'impact', 'mitigations', 'ask', 'deadline'] as const;

function Proposals({ onSent }: { onSent: () => void }) {
  const { incident } = useIncident();
  const [proposals, reload] = useResource(`proposed messages ${incident.id}`, () =>
    listProposedMessages(incident.id),
  );
  if (proposals.status === 'loading') return <Loading />;
  if (proposals.status === 'failed') return <LoadProblem error={proposals.error} onTryAgain={reload} />;
  const items = proposals.data.items;
  return (
    <>
      <p>
        Liaison proposes the updates and requests this incident needs, most urgent first. Tick the ones to
        send and choose <strong>Send selected</strong>. Open one to check or change what it says. Nothing is
        sent until you send it.
      </p>
      <p>
        Each message is checked on its own as it is sent. One about a person goes only if their consent, or a
        decision made for them, allows that partner to receive it; if not, Liaison says why and sends nothing.
      </p>
      {items.length === 0 ? (
        <p>
          There are no updates to propose yet. Add the people affected, and record who is in their circle of
          support, to see them here.
        </p>
      ) : (
        <Checklist proposals={items} onSent={onSent} />
      )}
    </>
  );
}

function Checklist({ proposals, onSent }: { proposals: readonly ProposedMessage[]; onSent: () => void }) {
  const { incident } = useIncident();
  const rows = proposals.map((proposal, index) => ({ proposal, prefix: `proposal-${index + 1}` }));
  const [outcomes, setOutcomes] = useState<ReadonlyMap<string, Outcome>>(new Map());
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const [progress, setProgress] = useState<string | null>(null);
  const isSent = (proposal: ProposedMessage) =>
    proposal.alreadySent || outcomes.get(proposal.key)?.state === 'sent';
  const waiting = rows.filter((row) => !isSent(row.proposal));

  // Each row's fields are named after the row, so a problem shows beside the row's own field.
  const fields = Object.fromEntries(
    rows.flatMap(({ prefix }) => [
      [`${prefix}-send`, `${prefix}-send`],
      ...editable.map((part) => [`${prefix}-${part}`, `${prefix}-${part}`]),
    ]),
  ) as Record<string, string>;

  const form = useFormSubmit(fields, async (values) => {
    const chosen = rows.filter((row) => selected.has(row.proposal.key) && !isSent(row.proposal));
    if (chosen.length === 0) {
      return [
        { field: waiting[0] ? `${waiting[0].prefix}-send` : 'send', message: 'Tick the updates to send' },
      ];
    }
    const problems: FieldError[] = [];
    const results = new Map(outcomes);
    for (const [index, { proposal, prefix }] of chosen.entries()) {
      setProgress(`Sending ${index + 1} of ${chosen.length}…`);
      const who = recipientOf(proposal);
      const built = messageFrom(values, proposal, prefix);
      if ('problems' in built) {
        results.set(proposal.key, { state: 'refused', problems: built.problems.length });
        problems.push(...built.problems.map((each) => ({ ...each, message: `${who}: ${each.message}` })));
        continue;
      }
      try {
        const sent = await sendIncidentMessage(incident.id, built.message);
        results.set(proposal.key, {
          state: 'sent',
          messageId: sent.id,
          partnerLink: { url: sent.partnerLink, id: sent.partnerLinkId, emailState: sent.emailState },
        });
      } catch (error) {
        const refusal = gateRefusalFrom(error);
        if (refusal) {
          results.set(proposal.key, { state: 'held', refusal });
          problems.push({
            field: `${prefix}-send`,
            message: `${who}: held back by the sharing gate. Nothing was sent.`,
          });
        } else if (error instanceof ApiError && error.fieldErrors.length > 0) {
          results.set(proposal.key, { state: 'refused', problems: error.fieldErrors.length });
          for (const problem of error.fieldErrors) {
            const part = (editable as readonly string[]).includes(problem.field) ? problem.field : 'send';
            problems.push({ field: `${prefix}-${part}`, message: `${who}: ${problem.message}` });
          }
        } else {
          results.set(proposal.key, { state: 'failed', detail: describeError(error) });
          problems.push({ field: `${prefix}-send`, message: `${who}: not sent. ${describeError(error)}` });
        }
      }
      setOutcomes(new Map(results));
    }
    setProgress(null);
    setOutcomes(results);
    // Sent and held rows are done with; a message to correct stays ticked, opened at its fields.
    const toCorrect = chosen
      .filter((row) => results.get(row.proposal.key)?.state === 'refused')
      .map((row) => row.proposal.key);
    setSelected(new Set(toCorrect));
    setExpanded((current) => new Set([...current, ...toCorrect]));
    if (chosen.some((row) => results.get(row.proposal.key)?.state === 'sent')) onSent();
    return problems;
  });

  const sentCount = rows.length - waiting.length;
  return (
    <>
      <ErrorSummary items={form.errors.items} />
      <p className="nhsuk-body" role="status">
        {progress ??
          (waiting.length === 0
            ? `All ${rows.length} proposed updates have been sent.`
            : `${sentCount} of ${rows.length} sent; ${waiting.length} waiting.`)}
      </p>
      <Form form={form}>
        {waiting.length > 1 ? (
          <p>
            <button
              type="button"
              className="nhsuk-button nhsuk-button--secondary nhsuk-button--small nhsuk-u-margin-bottom-0"
              onClick={() =>
                setSelected(
                  selected.size === waiting.length
                    ? new Set()
                    : new Set(waiting.map((row) => row.proposal.key)),
                )
              }
            >
              {selected.size === waiting.length ? 'Untick all' : 'Tick all not yet sent'}
            </button>
          </p>
        ) : null}
        <ul
          className="nhsuk-list nhsuk-list--border"
          aria-label="Proposed partner updates, most urgent first"
        >
          {rows.map(({ proposal, prefix }) => (
            <ProposalRow
              key={proposal.key}
              proposal={proposal}
              prefix={prefix}
              outcome={outcomes.get(proposal.key) ?? null}
              isSelected={selected.has(proposal.key)}
              onSelect={(isChosen) =>
                setSelected((current) => {
                  const next = new Set(current);
                  if (isChosen) next.add(proposal.key);
                  else next.delete(proposal.key);
                  return next;
                })
              }
              isExpanded={expanded.has(proposal.key)}
              onExpand={(isOpen) =>
                setExpanded((current) => {
                  if (current.has(proposal.key) === isOpen) return current;
                  const next = new Set(current);
                  if (isOpen) next.add(proposal.key);
                  else next.delete(proposal.key);
                  return next;
                })
              }
            />
          ))}
        </ul>
        {waiting.length > 0 ? <SubmitButton>Send selected</SubmitButton> : null}
      </Form>
    </>
  );
}

/** "Dr Rowe (Elm Surgery), about Cyril Banks": which proposal, as the error summary names it. */
function recipientOf(proposal: ProposedMessage): string {
  return `${proposal.partnerContactName} (${proposal.partnerOrganisationName})${proposal.personName ? `, about ${proposal.personName}` : ''}`;
}

/** The message as edited on the page, or what is wrong with it (nothing is sent then). */
function messageFrom(
  values: FormData,
  proposal: ProposedMessage,
  prefix: string,
): { message: NewMessage } | { problems: FieldError[] } {
  const { draft } = proposal;
  const text = (part: string) => readText(values, `${prefix}-${part}`);
  const problems: FieldError[] = [];
  const urgency = text('urgency') as RequestUrgency | null;
  const subject = text('subject');
  const summary = text('summary');
  const when = draft.template === 'update' ? null : readMoment(values, `${prefix}-deadline`, 'The deadline');
  if (!urgency) problems.push({ field: `${prefix}-urgency`, message: 'Choose how urgent it is' });
  if (!subject) problems.push({ field: `${prefix}-subject`, message: 'Enter a subject' });
  if (!summary) problems.push({ field: `${prefix}-summary`, message: 'Enter a summary' });
  if (when && 'problem' in when) problems.push({ field: `${prefix}-deadline`, message: when.problem });
  if (problems.length > 0 || !urgency || !subject || !summary || (when && 'problem' in when)) {
    return { problems };
  }
  return {
    message: {
      ...draft,
      urgency,
      subject,
      summary,
      impact: text('impact'),
      mitigations: text('mitigations'),
      ask: hasAsk(proposal) ? text('ask') : null,
      deadline: when ? when.moment : null,
    },
  };
}

const hasAsk = (proposal: ProposedMessage) =>
  proposal.draft.template !== 'incident_update' && proposal.draft.template !== 'update';

function ProposalRow({
  proposal,
  prefix,
  outcome,
  isSelected,
  onSelect,
  isExpanded,
  onExpand,
}: {
  proposal: ProposedMessage;
  prefix: string;
  outcome: Outcome | null;
  isSelected: boolean;
  onSelect: (isChosen: boolean) => void;
  isExpanded: boolean;
  onExpand: (isOpen: boolean) => void;
}) {
  const { draft } = proposal;
  const sentId =
    outcome?.state === 'sent' ? outcome.messageId : proposal.alreadySent ? proposal.sentMessageId : null;
  const isSent = outcome?.state === 'sent' || proposal.alreadySent;
  const title = `${proposal.headline}: ${proposal.partnerContactName}, ${proposal.partnerOrganisationName}`;
  const facts = [
    proposal.personName ? `About ${proposal.personName}` : 'Not about one person',
    urgencyLabels[draft.urgency],
    draft.deadline ? `response by ${formatDateTime(draft.deadline)}` : null,
  ]
    .filter(Boolean)
    .join(' · ');
  return (
    <li className="nhsuk-u-padding-top-3">
      {isSent ? (
        <p className="nhsuk-u-margin-bottom-2">
          <strong>{title}</strong>
          <span className="nhsuk-u-display-block nhsuk-body-s nhsuk-u-margin-bottom-0">{facts}</span>
        </p>
      ) : (
        <div className="nhsuk-checkboxes nhsuk-checkboxes--small">
          <div className="nhsuk-checkboxes__item">
            <input
              className="nhsuk-checkboxes__input"
              id={`${prefix}-send`}
              type="checkbox"
              checked={isSelected}
              onChange={(event) => onSelect(event.currentTarget.checked)}
              aria-describedby={`${prefix}-facts`}
            />
            <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor={`${prefix}-send`}>
              <strong>{title}</strong>
            </label>
            <div className="nhsuk-hint nhsuk-checkboxes__hint" id={`${prefix}-facts`}>
              {facts}
            </div>
          </div>
        </div>
      )}
      <RowOutcome proposal={proposal} outcome={outcome} isSent={isSent} sentId={sentId} prefix={prefix} />
      {isSent ? null : (
        <details
          className="nhsuk-details nhsuk-u-margin-bottom-3"
          open={isExpanded}
          onToggle={(event) => onExpand(event.currentTarget.open)}
        >
          <summary className="nhsuk-details__summary">
            <span className="nhsuk-details__summary-text">
              Check or change the message
              <span className="nhsuk-u-visually-hidden"> to {recipientOf(proposal)}</span>
            </span>
          </summary>
          <div className="nhsuk-details__text">
            <p className="nhsuk-body-s">
              <strong>Why:</strong> {proposal.why}
            </p>
            <p className="nhsuk-body-s">
              {draft.personId
                ? `Shares ${listCategories(draft.categories ?? []).toLowerCase()} information about ${proposal.personName} for ${draft.purpose ? purposeLabels[draft.purpose].toLowerCase() : 'no stated purpose'}: the sharing gate checks this when you send it.`
                : 'Not about one person: no personal details are shared.'}
            </p>
            <ProposalFields proposal={proposal} prefix={prefix} />
          </div>
        </details>
      )}
    </li>
  );
}

function ProposalFields({ proposal, prefix }: { proposal: ProposedMessage; prefix: string }) {
  const { draft } = proposal;
  const [deadline] = useState(() => (draft.deadline ? new Date(draft.deadline) : null));
  return (
    <>
      <Radios
        name={`${prefix}-urgency`}
        legend="How urgent is it?"
        items={codeChoices(['routine', 'urgent'], urgencyLabels)}
        defaultValues={[draft.urgency]}
        inline
        small
      />
      <TextField
        name={`${prefix}-subject`}
        label="Subject"
        hint="No personal details: it goes in the email."
        defaultValue={draft.subject}
      />
      <TextArea name={`${prefix}-summary`} label="Summary" defaultValue={draft.summary} rows={2} />
      <TextArea name={`${prefix}-impact`} label="Impact" defaultValue={draft.impact} rows={3} />
      <TextArea
        name={`${prefix}-mitigations`}
        label="What is already in place"
        defaultValue={draft.mitigations}
        rows={2}
      />
      {hasAsk(proposal) ? (
        <TextArea
          name={`${prefix}-ask`}
          label="What you are asking them to do"
          defaultValue={draft.ask}
          rows={3}
        />
      ) : null}
      {draft.template !== 'update' ? (
        <MomentFields
          name={`${prefix}-deadline`}
          legend="When do you need a response?"
          hint={
            deadline
              ? `UK time. Proposed: ${formatDateTime(deadline.toISOString())}. If you change it, change the ask too.`
              : undefined
          }
          initial={deadline}
        />
      ) : null}
    </>
  );
}

function RowOutcome({
  proposal,
  outcome,
  isSent,
  sentId,
  prefix,
}: {
  proposal: ProposedMessage;
  outcome: Outcome | null;
  isSent: boolean;
  sentId: string | null;
  prefix: string;
}) {
  if (isSent) {
    const here = outcome?.state === 'sent' ? outcome : null;
    const isEmailed = here?.partnerLink.emailState !== 'no_mail_server';
    return (
      <p>
        {isEmailed ? (
          <strong className="nhsuk-tag nhsuk-tag--green">Sent</strong>
        ) : (
          <strong className="nhsuk-tag nhsuk-tag--orange">Recorded, not emailed</strong>
        )}{' '}
        {here
          ? isEmailed
            ? 'A secure link to read it and reply is waiting to be emailed to them. '
            : 'No mail server is set up. Open the message to see the secure link once, give it to them another way, and record that you did. '
          : ''}
        {sentId ? (
          <Link to={messagePath(sentId)} state={here ? { partnerLink: here.partnerLink } : undefined}>
            See the message and its replies
            <span className="nhsuk-u-visually-hidden"> ({proposal.partnerContactName})</span>
          </Link>
        ) : null}
      </p>
    );
  }
  if (outcome?.state === 'held')
    return <GateHeld refusal={outcome.refusal} proposal={proposal} prefix={prefix} />;
  if (outcome?.state === 'refused') {
    return (
      <p>
        <strong className="nhsuk-tag nhsuk-tag--red">Not sent</strong>{' '}
        {outcome.problems === 1 ? 'Correct the part marked below' : 'Correct the parts marked below'}, then
        send it again.
      </p>
    );
  }
  if (outcome?.state === 'failed') {
    return (
      <p>
        <strong className="nhsuk-tag nhsuk-tag--red">Not sent</strong> {outcome.detail}
      </p>
    );
  }
  return null;
}

function GateHeld({
  refusal,
  proposal,
  prefix,
}: {
  refusal: Refusal;
  proposal: ProposedMessage;
  prefix: string;
}) {
  const personId = proposal.draft.personId ?? null;
  return (
    <div className="nhsuk-warning-callout nhsuk-u-margin-top-5" id={`${prefix}-refusal`}>
      <h3 className="nhsuk-warning-callout__label">
        <span className="nhsuk-u-visually-hidden">Important: </span>
        Held back by the sharing gate
      </h3>
      <p>
        Nothing was sent: nothing about {proposal.personName ?? 'the person'} may go to{' '}
        {proposal.partnerOrganisationName} for this purpose.
        {refusal.reasons.length === 0 ? ` ${refusal.detail}` : ''}
      </p>
      <ul className="nhsuk-list nhsuk-list--bullet">
        {refusal.reasons.map((reason) => (
          <li key={`${reason.code} ${reason.recordId ?? ''}`}>{reason.message}</li>
        ))}
      </ul>
      {personId ? (
        <p>
          <Link to={`/people/${personId}/sharing`}>
            See {proposal.personName}’s consent and sharing records
          </Link>
        </p>
      ) : null}
    </div>
  );
}
