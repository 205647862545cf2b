import { useState } from 'react';
import { Link } from 'react-router';
import {
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
import { askTypeLabels, templateLabels } from '../messages/message-labels.ts';
import { messagePath } from '../messages/message-parts.tsx';
import { urgencyHints, urgencyLabels } from '../partners/partner-labels.ts';
import { hasRole } from '../roles.ts';
import { listCategories, purposeLabels } from '../sharing/sharing-labels.ts';
import { ErrorSummary } from '../ui/ErrorSummary.tsx';
import { Form, SubmitButton, useFormSubmit } from '../ui/form.tsx';
import type { GateRefusal as Refusal } from '../ui/form-errors.ts';
import { gateRefusalFrom, summaryOnly } from '../ui/form-errors.ts';
import { Radios, readText, TextArea, TextField } from '../ui/form-fields.tsx';
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
    const entries: IncidentTimelineEntry[] = [];
    for (let offset = 0; ; offset += 100) {
      const page = await getIncidentTimeline(incident.id, { kind: 'message.sent', limit: 100, offset });
      entries.push(...page.items);
      if (page.items.length < 100) return entries;
    }
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

function Proposals({ onSent }: { onSent: () => void }) {
  const { incident } = useIncident();
  const [proposals, reload] = useResource(`proposed messages ${incident.id}`, () =>
    listProposedMessages(incident.id),
  );
  if (proposals.status === 'loading') return <Loading />;
  if (proposals.status === 'failed') return <LoadProblem error={proposals.error} onTryAgain={reload} />;
  const items = proposals.data.items;
  const waiting = items.filter((proposal) => !proposal.alreadySent).length;
  return (
    <>
      <p>
        Liaison proposes the updates and requests this incident needs, from the people at high or medium risk
        and the partners in their circle, and from the kind and severity of the incident. Check each one,
        change what it says if you need to, and send it. Nothing is sent until you send it.
      </p>
      <p>
        A message about a person goes only if their consent, or a decision made for them, allows that partner
        to receive that information for that purpose. If it does not, Liaison says why and sends nothing.
      </p>
      {items.length === 0 ? (
        <p>
          There are no updates to propose yet. Add the people affected, and record who is in their circle of
          support, to see them here.
        </p>
      ) : (
        <p className="nhsuk-body" role="status">
          {waiting === 0
            ? 'Every proposed update has been sent.'
            : `${waiting} of ${items.length} proposed ${items.length === 1 ? 'update is' : 'updates are'} waiting to be sent.`}
        </p>
      )}
      {items.map((proposal, index) => (
        <ProposalCard
          key={proposal.key}
          proposal={proposal}
          index={index + 1}
          sentMessageId={proposal.sentMessageId}
          onSent={onSent}
        />
      ))}
    </>
  );
}

/** The person a proposal is about, from its key ("person:<personId>:<contactId>"). */
function personIdOf(proposal: ProposedMessage): string | null {
  const [scope, personId] = proposal.key.split(':');
  return scope === 'person' ? (personId ?? null) : null;
}

function ProposalCard({
  proposal,
  index,
  sentMessageId,
  onSent,
}: {
  proposal: ProposedMessage;
  index: number;
  sentMessageId: string | null;
  onSent: () => void;
}) {
  const { incident } = useIncident();
  const { draft } = proposal;
  const prefix = `proposal-${index}`;
  const fields = {
    urgency: `${prefix}-urgency`,
    subject: `${prefix}-subject`,
    summary: `${prefix}-summary`,
    impact: `${prefix}-impact`,
    mitigations: `${prefix}-mitigations`,
    ask: `${prefix}-ask`,
    deadline: `${prefix}-deadline`,
  };
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [sentHere, setSentHere] = useState<{
    id: string;
    to: string;
    partnerLink: { url: string; id: string; emailState: 'queued' | 'no_mail_server' };
  } | null>(null);
  const [deadline] = useState(() => (draft.deadline ? new Date(draft.deadline) : null));
  const hasAsk = draft.template !== 'incident_update' && draft.template !== 'update';
  const isSent = proposal.alreadySent || sentHere !== null;
  const messageId = sentHere?.id ?? sentMessageId;
  const headingId = `${prefix}-heading`;

  const form = useFormSubmit(
    fields,
    async (values) => {
      const text = (name: string) => readText(values, `${prefix}-${name}`);
      const problems: FieldError[] = [];
      const urgency = text('urgency') as RequestUrgency | null;
      const subject = text('subject');
      const summary = text('summary');
      const when =
        draft.template === 'update' ? null : readMoment(values, `${prefix}-deadline`, 'The deadline');
      if (!urgency) problems.push({ field: 'urgency', message: 'Choose how urgent it is' });
      if (!subject) problems.push({ field: 'subject', message: 'Enter a subject' });
      if (!summary) problems.push({ field: 'summary', message: 'Enter a summary' });
      if (when && 'problem' in when) problems.push({ field: 'deadline', message: when.problem });
      if (problems.length > 0 || !urgency || !subject || !summary || (when && 'problem' in when)) {
        setRefusal(null);
        return problems;
      }
      const message: NewMessage = {
        ...draft,
        urgency,
        subject,
        summary,
        impact: text('impact'),
        mitigations: text('mitigations'),
        ask: hasAsk ? text('ask') : null,
        deadline: when ? when.moment : null,
      };
      const sent = await sendIncidentMessage(incident.id, message);
      setRefusal(null);
      setSentHere({
        id: sent.id,
        to: `${sent.partnerContactName} at ${sent.partnerOrganisationName}`,
        partnerLink: { url: sent.partnerLink, id: sent.partnerLinkId, emailState: sent.emailState },
      });
      onSent();
    },
    {
      explainFailure(error) {
        const refused = gateRefusalFrom(error);
        setRefusal(refused);
        return refused
          ? summaryOnly('Not sent: the sharing gate refused it', `#${prefix}-refusal`)
          : undefined;
      },
    },
  );

  return (
    <section className="nhsuk-card" aria-labelledby={headingId}>
      <div className="nhsuk-card__content">
        <h3 className="nhsuk-card__heading" id={headingId}>
          {templateLabels[draft.template]}
          {draft.askType ? ` (${askTypeLabels[draft.askType].toLowerCase()})` : ''} to{' '}
          {proposal.partnerContactName}, {proposal.partnerOrganisationName}
          {proposal.personName ? `, about ${proposal.personName}` : ''}
        </h3>
        <p>
          {isSent ? (
            <strong className="nhsuk-tag nhsuk-tag--green">Sent</strong>
          ) : (
            <strong className="nhsuk-tag nhsuk-tag--blue">Not sent yet</strong>
          )}
        </p>
        <p>
          <strong>Why:</strong> {proposal.why}
        </p>
        {isSent ? (
          <>
            {sentHere ? (
              <p className="nhsuk-body" role="status">
                {sentHere.partnerLink.emailState === 'queued'
                  ? `Sent to ${sentHere.to}. A secure link to read it and reply is waiting to be emailed to them.`
                  : `Recorded for ${sentHere.to}, but not emailed: no mail server is set up. Open the message to see the secure link once, give it to them another way, and record that you did.`}
              </p>
            ) : null}
            <p>
              {messageId ? (
                <Link
                  to={messagePath(messageId)}
                  state={sentHere?.id === messageId ? { partnerLink: sentHere.partnerLink } : undefined}
                >
                  See the message and its replies
                  <span className="nhsuk-u-visually-hidden"> ({proposal.partnerContactName})</span>
                </Link>
              ) : (
                'The message is in the timeline and the list below.'
              )}
            </p>
          </>
        ) : (
          <>
            <ErrorSummary items={form.errors.items} />
            {refusal ? <GateRefusal id={`${prefix}-refusal`} refusal={refusal} proposal={proposal} /> : null}
            {draft.personId ? (
              <p className="nhsuk-body-s">
                Shares {listCategories(draft.categories ?? []).toLowerCase()} information about{' '}
                {proposal.personName} for{' '}
                {draft.purpose ? purposeLabels[draft.purpose].toLowerCase() : 'no stated purpose'}: the
                sharing gate checks this when you send it.
              </p>
            ) : (
              <p className="nhsuk-body-s">Not about one person: no personal details are shared.</p>
            )}
            <Form form={form}>
              <Radios
                id={fields.urgency}
                name={fields.urgency}
                legend="How urgent is it?"
                items={(['routine', 'urgent'] as const).map((each) => ({
                  value: each,
                  label: urgencyLabels[each],
                  hint: urgencyHints[each],
                }))}
                defaultValues={[draft.urgency]}
                inline
                error={form.errors.byField.get('urgency')}
              />
              <TextField
                id={fields.subject}
                name={fields.subject}
                label="Subject"
                hint="No personal details: it goes in the email."
                defaultValue={draft.subject}
                error={form.errors.byField.get('subject')}
              />
              <TextArea
                id={fields.summary}
                name={fields.summary}
                label="Summary"
                defaultValue={draft.summary}
                rows={3}
                error={form.errors.byField.get('summary')}
              />
              <TextArea
                id={fields.impact}
                name={fields.impact}
                label="Impact"
                defaultValue={draft.impact}
                rows={3}
                error={form.errors.byField.get('impact')}
              />
              <TextArea
                id={fields.mitigations}
                name={fields.mitigations}
                label="What is already in place"
                defaultValue={draft.mitigations}
                rows={3}
                error={form.errors.byField.get('mitigations')}
              />
              {hasAsk ? (
                <TextArea
                  id={fields.ask}
                  name={fields.ask}
                  label="What you are asking them to do"
                  defaultValue={draft.ask}
                  rows={3}
                  error={form.errors.byField.get('ask')}
                />
              ) : null}
              {draft.template !== 'update' ? (
                <MomentFields
                  id={fields.deadline}
                  name={fields.deadline}
                  legend="When do you need a response?"
                  hint={
                    deadline
                      ? `UK time. Proposed: ${formatDateTime(deadline.toISOString())}. If you change it, change the ask too.`
                      : undefined
                  }
                  error={form.errors.byField.get('deadline')}
                  initial={deadline}
                />
              ) : null}
              <SubmitButton>
                Send<span className="nhsuk-u-visually-hidden"> to {proposal.partnerContactName}</span>
              </SubmitButton>
            </Form>
          </>
        )}
      </div>
    </section>
  );
}

function GateRefusal({ id, refusal, proposal }: { id: string; refusal: Refusal; proposal: ProposedMessage }) {
  const personId = personIdOf(proposal);
  return (
    <div className="nhsuk-warning-callout" id={id} tabIndex={-1}>
      <h4 className="nhsuk-warning-callout__label">
        <span className="nhsuk-u-visually-hidden">Refused: </span>
        Not sent
      </h4>
      <p>
        Nothing about {proposal.personName ?? 'the person'} may go to {proposal.partnerOrganisationName} for
        this purpose. {refusal.detail}
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
