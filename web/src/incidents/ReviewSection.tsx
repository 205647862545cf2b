import { type ReactNode, useState } from 'react';
import { Link } from 'react-router';
import {
  type AdviceConfirmationStatus,
  addLearningAction,
  completeLearningAction,
  type FieldError,
  getIncidentReview,
  type IncidentReview,
  incidentReviewDownloadPath,
  type LearningAction,
  type ReviewFigures,
  type ReviewRequest,
  recordIncidentFindings,
} from '../api.ts';
import { useSession } from '../auth/session.tsx';
import { targetLabels } from '../messages/message-labels.ts';
import { messagePath } from '../messages/message-parts.tsx';
import { hasRole } from '../roles.ts';
import { purposeLabels } from '../sharing/sharing-labels.ts';
import { ErrorSummary } from '../ui/ErrorSummary.tsx';
import { Form, SubmitButton, useFormSubmit } from '../ui/form.tsx';
import {
  DateInput,
  dateProblems,
  readDateInput,
  readText,
  SelectField,
  TextArea,
} from '../ui/form-fields.tsx';
import { formatDate } from '../ui/format.ts';
import { LoadProblem } from '../ui/ProblemPages.tsx';
import { Loading, Moment, MultiLine } from '../ui/page-parts.tsx';
import { SummaryList } from '../ui/SummaryList.tsx';
import { Cell, Row, Table } from '../ui/Table.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { useResource } from '../ui/useResource.ts';
import { incidentLeaders } from './access.ts';
import { describeMinutes, levelLabels, measureKindLabels } from './incident-labels.ts';
import { useIncident, useStaffChoices } from './incident-parts.tsx';

const confirmationWords = {
  not_needed: 'given in writing',
  confirmed: 'confirmed in writing',
  requested: 'written confirmation requested',
  not_requested: 'not confirmed in writing',
} as const satisfies Record<AdviceConfirmationStatus, string>;

const responseWords = { responded: 'Responded', done: 'Done', declined: 'Declined' } as const;

/** The deadline and how it went, in words: never a bare 0 or a dash. */
function deadlineWords(
  request: {
    deadline: string | null;
    deadlineOutcome?: ReviewRequest['deadlineOutcome'];
    deadlineMinutes?: number | null;
    answered: boolean;
  },
  final: boolean,
): string {
  switch (request.deadlineOutcome) {
    case undefined:
      return request.deadline ? 'Not worked out for this review' : 'No deadline';
    case 'no_deadline':
      return 'No deadline';
    case 'not_yet_due':
      return final ? 'Not yet due at closing' : 'Not yet due';
    case 'met':
      return request.deadlineMinutes
        ? `Met, with ${describeMinutes(request.deadlineMinutes)} to spare`
        : 'Met, on the deadline';
    case 'missed':
      return request.answered
        ? `Missed by ${describeMinutes(request.deadlineMinutes ?? null)}`
        : `Missed: still unanswered ${describeMinutes(request.deadlineMinutes ?? null)} after it`;
  }
}

const count = (list: readonly unknown[] | undefined) => list?.length ?? 0;

/** Small print under a cell's main words. */
function Detail({ children }: { children: ReactNode }) {
  return <span className="nhsuk-u-display-block nhsuk-body-s nhsuk-u-margin-bottom-0">{children}</span>;
}

export function ReviewSection() {
  const { incident } = useIncident();
  const session = useSession();
  const canLead = hasRole(session.user.role, incidentLeaders);
  const [review, reload] = useResource(`review ${incident.id} ${incident.status}`, () =>
    getIncidentReview(incident.id),
  );
  const [current, setCurrent] = useState<IncidentReview | null>(null);
  usePageTitle(`Post-incident review: ${incident.title}`);
  if (review.status === 'loading') return <Loading />;
  if (review.status === 'failed') return <LoadProblem error={review.error} onTryAgain={reload} />;
  const shown = current ?? review.data;
  return (
    <>
      <h2>{shown.final ? 'Post-incident review' : 'Review so far'}</h2>
      {shown.final ? (
        <p>
          Worked out from the records when the incident was closed, on{' '}
          <Moment iso={shown.figures.generatedAt} />. The figures are kept as they stood then.
        </p>
      ) : (
        <div className="nhsuk-inset-text">
          <span className="nhsuk-u-visually-hidden">Information: </span>
          <p>
            The incident is still open: these figures are a preview, worked out from the records now. They are
            kept when the incident is closed.
          </p>
        </div>
      )}
      <h3>Download</h3>
      <ul className="nhsuk-list">
        <li>
          <a href={incidentReviewDownloadPath(incident.id, 'html')} download>
            Download the review as a web page (HTML)
          </a>
        </li>
        <li>
          <a href={incidentReviewDownloadPath(incident.id, 'pdf')} download>
            Download the review as a PDF
          </a>
        </li>
      </ul>
      <Figures figures={shown.figures} final={shown.final} />
      {shown.final ? <SinceClosing entries={shown.sinceClosing} /> : null}
      <Findings
        review={shown}
        canEdit={canLead}
        onSaved={(saved) => {
          setCurrent(saved);
        }}
      />
      <LearningActions
        actions={shown.learningActions}
        canEdit={canLead}
        onChanged={(actions) => setCurrent({ ...shown, learningActions: actions })}
      />
    </>
  );
}

function Figures({ figures, final }: { figures: ReviewFigures; final: boolean }) {
  const { people, firstPartnerContact, messages } = figures;
  // A request whose deadline had not come when the incident closed was not "never answered".
  const isNotYetDue = (messageId: string) =>
    figures.nonResponses.some(
      (each) => each.messageId === messageId && each.deadlineOutcome === 'not_yet_due',
    );
  const notYetDueWords = final ? 'Not yet due at closing' : 'Not yet due';
  const levels = (['high', 'medium', 'low'] as const)
    .map((level) => `${people[level]} at ${levelLabels[level].toLowerCase()}`)
    .join(', ');
  const isEarlier = figures.figuresVersion === undefined;
  return (
    <>
      {isEarlier ? (
        <div className="nhsuk-inset-text">
          <span className="nhsuk-u-visually-hidden">Information: </span>
          <p>
            This review was worked out when the incident closed, before the figures came from each message’s
            thread. It has no figures for each message, and its partner figures may count requests for written
            confirmation, and replies, as acknowledgements.
          </p>
        </div>
      ) : null}
      <h3>The incident and partner contact</h3>
      <SummaryList
        rows={[
          { key: 'Started (UK time)', value: <Moment iso={figures.incident.startedAt} /> },
          {
            key: 'Ended (UK time)',
            value: figures.incident.endedAt ? <Moment iso={figures.incident.endedAt} /> : 'Still going on',
          },
          {
            key: 'How long it lasted',
            value: describeMinutes(figures.incident.durationMinutes, 'Still going on'),
          },
          { key: 'People affected', value: `${people.total} (${levels})` },
          {
            key: 'First partner contact',
            value: firstPartnerContact ? (
              <>
                {describeMinutes(firstPartnerContact.minutesFromStart)} after the start, to{' '}
                {firstPartnerContact.partner}, on <Moment iso={firstPartnerContact.at} />
              </>
            ) : (
              'No partner has been contacted'
            ),
          },
          { key: 'Messages sent', value: figures.messagesSent === 0 ? 'None' : String(figures.messagesSent) },
          ...(messages
            ? [
                {
                  key: 'Requests for written confirmation, sent by Liaison',
                  value:
                    messages.confirmationRequests.count === 0
                      ? 'None'
                      : `${messages.confirmationRequests.count} (not counted as messages sent)`,
                },
                ...(messages.withdrawn.count > 0
                  ? [{ key: 'Withdrawn after sending', value: `${messages.withdrawn.count} (not counted)` }]
                  : []),
              ]
            : []),
          ...(figures.writtenConfirmation
            ? [
                {
                  key: 'Time from advice to written confirmation',
                  value:
                    figures.medianMinutesToWrittenConfirmation === null ||
                    figures.medianMinutesToWrittenConfirmation === undefined
                      ? 'No advice given another way was confirmed in writing'
                      : `${describeMinutes(figures.medianMinutesToWrittenConfirmation)} (median)`,
                },
              ]
            : []),
          ...(figures.gateRefusals
            ? [
                {
                  key: 'Refused by the sharing gate',
                  value: figures.gateRefusals.length === 0 ? 'None' : String(figures.gateRefusals.length),
                },
              ]
            : []),
        ]}
      />

      {figures.partners.length === 0 ? null : (
        <Table
          caption="Each partner’s acknowledgement and response times"
          headings={['Partner', 'First contact (UK time)', 'Acknowledged', 'Responded', 'Deadlines']}
        >
          {figures.partners.map((partner) => (
            <Row key={partner.partnerOrganisationId}>
              <Cell heading="Partner">
                {partner.name}
                <Detail>
                  {partner.messages} {partner.messages === 1 ? 'message' : 'messages'}
                </Detail>
              </Cell>
              <Cell heading="First contact (UK time)">
                <Moment iso={partner.firstContactAt} />
              </Cell>
              <Cell heading="Acknowledged">
                {partner.acknowledged === 0 ? (
                  'No acknowledgement'
                ) : (
                  <>
                    {partner.acknowledged} of {partner.messages}
                    <Detail>
                      First after {describeMinutes(partner.firstAcknowledgementMinutes)}; median{' '}
                      {describeMinutes(partner.medianMinutesToAcknowledge)}
                    </Detail>
                  </>
                )}
              </Cell>
              <Cell heading="Responded">
                {partner.responded === 0 ? (
                  'No response'
                ) : (
                  <>
                    {partner.responded} of {partner.messages}
                    <Detail>
                      Median {describeMinutes(partner.medianMinutesToRespond)}; slowest{' '}
                      {describeMinutes(partner.slowestMinutesToRespond)}
                    </Detail>
                  </>
                )}
              </Cell>
              <Cell heading="Deadlines">
                {partner.deadlinesMetMessageIds === undefined ? (
                  partner.notResponded === 0 ? (
                    'Every request answered'
                  ) : (
                    `${partner.notResponded} not answered`
                  )
                ) : (
                  <>
                    {[
                      [partner.deadlinesMetMessageIds, 'met'] as const,
                      [partner.deadlinesMissedMessageIds, 'missed'] as const,
                      [partner.notYetDueMessageIds, notYetDueWords.toLowerCase()] as const,
                    ]
                      .flatMap(([ids, words]) => (count(ids) > 0 ? [`${count(ids)} ${words}`] : []))
                      .join(', ') || 'No deadline set'}
                    {partner.furthestEscalation ? (
                      <Detail>
                        Escalated as far as {targetLabels[partner.furthestEscalation].toLowerCase()}
                      </Detail>
                    ) : null}
                  </>
                )}
              </Cell>
            </Row>
          ))}
        </Table>
      )}

      {figures.requests === undefined ? null : figures.requests.length === 0 ? (
        <>
          <h3>Each message</h3>
          <p>No message was sent to a partner.</p>
        </>
      ) : (
        <Table
          caption="Each message: acknowledgement, response, deadline and escalation"
          headings={['Message', 'Acknowledged', 'Responded', 'Deadline', 'Escalation']}
        >
          {figures.requests.map((request) => (
            <Row key={request.messageId}>
              <Cell heading="Message">
                <Link to={messagePath(request.messageId)}>{request.subject}</Link>
                <Detail>
                  {request.contact}, {request.partner}; sent <Moment iso={request.sentAt} />
                </Detail>
              </Cell>
              <Cell heading="Acknowledged">
                {request.acknowledgement
                  ? `After ${describeMinutes(request.acknowledgement.minutes)}`
                  : 'No acknowledgement'}
              </Cell>
              <Cell heading="Responded">
                {request.response
                  ? `${responseWords[request.response.kind]} after ${describeMinutes(request.response.minutes)}`
                  : request.awaits === 'nothing'
                    ? 'No reply asked for'
                    : 'No response'}
              </Cell>
              <Cell heading="Deadline">
                {deadlineWords(request, final)}
                {request.deadline ? (
                  <Detail>
                    Due <Moment iso={request.deadline} />
                  </Detail>
                ) : null}
              </Cell>
              <Cell heading="Escalation">
                {request.escalation.steps === 0
                  ? 'Not escalated'
                  : `${request.escalation.steps} ${request.escalation.steps === 1 ? 'step' : 'steps'}`}
                {request.escalation.furthestTarget ? (
                  <Detail>As far as {targetLabels[request.escalation.furthestTarget].toLowerCase()}</Detail>
                ) : null}
              </Cell>
            </Row>
          ))}
        </Table>
      )}

      {figures.escalated.length === 0 ? (
        <>
          <h3>Escalations</h3>
          <p>No request had to be chased.</p>
        </>
      ) : (
        <Table
          caption="Escalations: requests Liaison chased, and how far"
          headings={['Message', 'Steps taken', 'Furthest step', 'Outcome']}
        >
          {figures.escalated.map((each) => (
            <Row key={each.messageId}>
              <Cell heading="Message">
                <Link to={messagePath(each.messageId)}>{each.subject}</Link>
                <Detail>{each.partner}</Detail>
              </Cell>
              <Cell heading="Steps taken">{each.stepsFired}</Cell>
              <Cell heading="Furthest step">
                {targetLabels[each.furthestTarget]}
                {each.reachedManagers ? <Detail>Reached managers here</Detail> : null}
              </Cell>
              <Cell heading="Outcome">
                {each.answered ? 'Answered' : isNotYetDue(each.messageId) ? notYetDueWords : 'Not answered'}
              </Cell>
            </Row>
          ))}
        </Table>
      )}

      <NonResponses
        caption={final ? 'Requests never answered' : 'Requests not answered yet'}
        none={
          figures.nonResponses.length === 0
            ? 'Every request was answered.'
            : 'None: every request due was answered.'
        }
        requests={figures.nonResponses.filter((each) => !isNotYetDue(each.messageId))}
        final={final}
      />
      {figures.nonResponses.some((each) => isNotYetDue(each.messageId)) ? (
        <NonResponses
          caption={final ? 'Requests not yet due at closing' : 'Requests not yet due'}
          none=""
          requests={figures.nonResponses.filter((each) => isNotYetDue(each.messageId))}
          final={final}
        />
      ) : null}

      {figures.writtenConfirmation === undefined ? null : figures.writtenConfirmation.length === 0 ? (
        <>
          <h3>Advice and its written confirmation</h3>
          <p>No advice was recorded from these messages.</p>
        </>
      ) : (
        <Table
          caption="Advice and its written confirmation"
          headings={['Advice from', 'Given (UK time)', 'In writing']}
        >
          {figures.writtenConfirmation.map((each) => (
            <Row key={each.adviceId}>
              <Cell heading="Advice from">
                {each.messageId ? <Link to={messagePath(each.messageId)}>{each.givenBy}</Link> : each.givenBy}
                {each.partner ? <Detail>{each.partner}</Detail> : null}
              </Cell>
              <Cell heading="Given (UK time)">
                <Moment iso={each.givenAt} />
              </Cell>
              <Cell heading="In writing">
                {each.status === 'confirmed' && each.minutesToConfirm !== null
                  ? `Confirmed in writing after ${describeMinutes(each.minutesToConfirm)}`
                  : confirmationWords[each.status]}
                {each.confirmationMessageId ? (
                  <Detail>
                    <Link to={messagePath(each.confirmationMessageId)}>
                      The request for written confirmation
                    </Link>
                  </Detail>
                ) : null}
              </Cell>
            </Row>
          ))}
        </Table>
      )}

      {figures.gateRefusals === undefined ? null : figures.gateRefusals.length === 0 ? (
        <>
          <h3>Refused by the sharing gate</h3>
          <p>The sharing gate refused nothing sent from this incident.</p>
        </>
      ) : (
        <Table caption="Refused by the sharing gate" headings={['When (UK time)', 'Message', 'Reasons']}>
          {figures.gateRefusals.map((refusal) => (
            <Row key={refusal.recordId}>
              <Cell heading="When (UK time)">
                <Moment iso={refusal.at} />
                <Detail>By {refusal.by}</Detail>
              </Cell>
              <Cell heading="Message">
                To {refusal.contact ? `${refusal.contact}, ${refusal.partner}` : refusal.partner}, about{' '}
                {refusal.person}
                <Detail>{purposeLabels[refusal.purpose]}; not sent</Detail>
              </Cell>
              <Cell heading="Reasons">
                <ul className="nhsuk-list nhsuk-body-s nhsuk-u-margin-bottom-0">
                  {refusal.reasons.map((reason) => (
                    <li key={reason.code}>{reason.message}</li>
                  ))}
                </ul>
              </Cell>
            </Row>
          ))}
        </Table>
      )}

      {figures.decisions.length === 0 ? (
        <>
          <h3>Decisions and the advice behind them</h3>
          <p>No decisions were recorded.</p>
        </>
      ) : (
        <Table
          caption="Decisions and the advice behind them"
          headings={['When (UK time)', 'Decision', 'Evidence and why', 'Advice relied on']}
        >
          {figures.decisions.map((decision) => (
            <Row key={`${decision.at} ${decision.decision}`}>
              <Cell heading="When (UK time)">
                <Moment iso={decision.at} />
                <span className="nhsuk-u-display-block nhsuk-body-s nhsuk-u-margin-bottom-0">
                  By {decision.by}
                </span>
              </Cell>
              <Cell heading="Decision">{decision.decision}</Cell>
              <Cell heading="Evidence and why">
                <span className="nhsuk-u-display-block">Evidence: {decision.evidence}</span>
                <span className="nhsuk-u-display-block">Why: {decision.rationale}</span>
              </Cell>
              <Cell heading="Advice relied on">
                {decision.advice.length === 0 ? (
                  'None named'
                ) : (
                  <ul className="nhsuk-list nhsuk-body-s nhsuk-u-margin-bottom-0">
                    {decision.advice.map((advice) => (
                      <li key={`${advice.givenBy} ${advice.advice}`}>
                        {advice.givenBy}: “{advice.advice}” ({confirmationWords[advice.confirmation]})
                      </li>
                    ))}
                  </ul>
                )}
              </Cell>
            </Row>
          ))}
        </Table>
      )}

      {figures.measures.length === 0 ? (
        <>
          <h3>Interim measures</h3>
          <p>No interim measures were recorded.</p>
        </>
      ) : (
        <Table
          caption="Interim measures and when they ended"
          headings={['Measure', 'Owner', 'Started (UK time)', 'Ended']}
        >
          {figures.measures.map((measure) => (
            <Row key={`${measure.startsAt} ${measure.description}`}>
              <Cell heading="Measure">
                {measureKindLabels[measure.kind]}: {measure.description}
              </Cell>
              <Cell heading="Owner">{measure.owner}</Cell>
              <Cell heading="Started (UK time)">
                <Moment iso={measure.startsAt} />
              </Cell>
              <Cell heading="Ended">
                {measure.endedAt ? (
                  <>
                    <Moment iso={measure.endedAt} />
                    <span className="nhsuk-u-display-block nhsuk-body-s nhsuk-u-margin-bottom-0">
                      In place {describeMinutes(measure.minutesInPlace)}
                    </span>
                  </>
                ) : (
                  'Not recorded as ended'
                )}
              </Cell>
            </Row>
          ))}
        </Table>
      )}
    </>
  );
}

function NonResponses({
  caption,
  none,
  requests,
  final,
}: {
  caption: string;
  none: string;
  requests: ReviewFigures['nonResponses'];
  final: boolean;
}) {
  if (requests.length === 0) {
    return (
      <>
        <h3>{caption}</h3>
        <p>{none}</p>
      </>
    );
  }
  return (
    <Table caption={caption} headings={['Message', 'Sent (UK time)', 'Deadline', 'Acknowledged']}>
      {requests.map((each) => (
        <Row key={each.messageId}>
          <Cell heading="Message">
            <Link to={messagePath(each.messageId)}>{each.subject}</Link>
            <Detail>
              {each.contact}, {each.partner}
            </Detail>
          </Cell>
          <Cell heading="Sent (UK time)">
            <Moment iso={each.sentAt} />
          </Cell>
          <Cell heading="Deadline">
            {each.deadline ? (
              <>
                <Moment iso={each.deadline} />
                <Detail>{deadlineWords({ ...each, answered: false }, final)}</Detail>
              </>
            ) : (
              'No deadline'
            )}
          </Cell>
          <Cell heading="Acknowledged">{each.acknowledged ? 'Yes' : 'No acknowledgement'}</Cell>
        </Row>
      ))}
    </Table>
  );
}

/** What happened after closing: replies, measures ended. The figures, kept at closing, leave it out. */
function SinceClosing({ entries }: { entries: IncidentReview['sinceClosing'] }) {
  if (entries.length === 0) {
    return (
      <>
        <h3>Since closing</h3>
        <p>Nothing has happened on the incident since it closed.</p>
      </>
    );
  }
  return (
    <>
      <Table caption="Since closing" headings={['When (UK time)', 'What happened', 'Who']}>
        {entries.map((entry) => (
          <Row key={`${entry.at} ${entry.kind} ${entry.text}`}>
            <Cell heading="When (UK time)">
              <Moment iso={entry.at} />
            </Cell>
            <Cell heading="What happened">
              {entry.messageId ? <Link to={messagePath(entry.messageId)}>{entry.text}</Link> : entry.text}
            </Cell>
            <Cell heading="Who">{entry.who ?? 'Not recorded'}</Cell>
          </Row>
        ))}
      </Table>
      <p className="nhsuk-body-s">
        These came after the incident closed. The figures above are as they stood at closing and do not count
        them.
      </p>
    </>
  );
}

function Findings({
  review,
  canEdit,
  onSaved,
}: {
  review: IncidentReview;
  canEdit: boolean;
  onSaved: (review: IncidentReview) => void;
}) {
  const { incident } = useIncident();
  const [saved, setSaved] = useState<string | null>(null);

  const form = useFormSubmit({ findings: 'findings' }, async (values) => {
    setSaved(null);
    const findings = readText(values, 'findings');
    if (!findings) return [{ field: 'findings', message: 'Enter the findings' }];
    onSaved(await recordIncidentFindings(incident.id, findings));
    setSaved('The findings have been saved.');
  });

  return (
    <>
      <h3>Findings</h3>
      {!canEdit ? (
        <p>
          {review.findings ? <MultiLine text={review.findings} /> : 'No findings have been recorded yet.'}
        </p>
      ) : (
        <div className="nhsuk-grid-row">
          <div className="nhsuk-grid-column-two-thirds">
            <ErrorSummary items={form.errors.items} />
            <p className="nhsuk-body" role="status">
              {saved ?? ''}
            </p>
            <Form form={form}>
              <TextArea
                id="findings"
                name="findings"
                label="The lead’s findings"
                hint="What went well, what did not, and why: partner communication, decisions, interim measures."
                rows={6}
                defaultValue={review.findings}
              />
              <SubmitButton>Save the findings</SubmitButton>
            </Form>
          </div>
        </div>
      )}
    </>
  );
}

const actionFields = { action: 'learning-action', ownerId: 'learning-owner', dueOn: 'learning-due' };

function LearningActions({
  actions,
  canEdit,
  onChanged,
}: {
  actions: readonly LearningAction[];
  canEdit: boolean;
  onChanged: (actions: LearningAction[]) => void;
}) {
  const { incident } = useIncident();
  const session = useSession();
  const [staff] = useStaffChoices(session, 'owner');
  const [saved, setSaved] = useState<string | null>(null);
  const [formKey, setFormKey] = useState(0);

  const form = useFormSubmit(actionFields, async (values) => {
    setSaved(null);
    const action = readText(values, 'action');
    const ownerId = readText(values, 'ownerId');
    const due = readDateInput(values, 'dueOn', 'The due date');
    const problems: FieldError[] = [];
    if (!action) problems.push({ field: 'action', message: 'Enter the action' });
    if (!ownerId) problems.push({ field: 'ownerId', message: 'Choose who owns the action' });
    problems.push(...dateProblems('dueOn', due, 'Enter the date it is due'));
    if (problems.length > 0 || !action || !ownerId || 'problem' in due || !due.date) return problems;
    onChanged(await addLearningAction(incident.id, { action, ownerId, dueOn: due.date }));
    setSaved('The learning action has been added.');
    setFormKey((key) => key + 1);
  });

  function markDone(action: LearningAction) {
    return form.perform(async () => {
      setSaved(null);
      onChanged(await completeLearningAction(incident.id, action.id));
      setSaved(`“${action.action}” is marked done.`);
      return undefined;
    });
  }

  return (
    <>
      <h3>Learning actions</h3>
      {canEdit ? <ErrorSummary items={form.errors.items} /> : null}
      <p className="nhsuk-body" role="status">
        {saved ?? ''}
      </p>
      {actions.length === 0 ? (
        <p>No learning actions have been added yet.</p>
      ) : (
        <Table caption="Learning actions" headings={['Action', 'Owner', 'Due', 'Status']}>
          {actions.map((action) => (
            <Row key={action.id}>
              <Cell heading="Action">{action.action}</Cell>
              <Cell heading="Owner">{action.owner}</Cell>
              <Cell heading="Due">{formatDate(action.dueOn)}</Cell>
              <Cell heading="Status">
                {action.doneAt ? (
                  <>
                    <strong className="nhsuk-tag nhsuk-tag--green">Done</strong>
                    <span className="nhsuk-u-display-block nhsuk-body-s nhsuk-u-margin-bottom-0">
                      <Moment iso={action.doneAt} />
                    </span>
                  </>
                ) : (
                  <>
                    <strong className="nhsuk-tag nhsuk-tag--blue">To do</strong>
                    {canEdit ? (
                      <button
                        className="nhsuk-button nhsuk-button--secondary nhsuk-button--small nhsuk-u-display-block nhsuk-u-margin-top-2 nhsuk-u-margin-bottom-0"
                        type="button"
                        onClick={() => void markDone(action)}
                      >
                        Mark done<span className="nhsuk-u-visually-hidden">: {action.action}</span>
                      </button>
                    ) : null}
                  </>
                )}
              </Cell>
            </Row>
          ))}
        </Table>
      )}
      {canEdit ? (
        <div className="nhsuk-grid-row">
          <div className="nhsuk-grid-column-two-thirds">
            <h4>Add a learning action</h4>
            <Form form={form} key={formKey}>
              <TextArea
                name="action"
                label="Action"
                hint="Like “Add an out-of-hours number for the housing repairs team to the partner register”."
                rows={2}
              />
              <SelectField
                name="ownerId"
                label="Owner"
                options={[
                  { value: '', label: 'Choose a member of staff' },
                  ...(staff.status === 'loaded' ? staff.data : []),
                ]}
                key={`owner ${staff.status}`}
              />
              <DateInput name="dueOn" legend="Due date" hint="For example, 15 3 2027." />
              <SubmitButton>Add the action</SubmitButton>
            </Form>
          </div>
        </div>
      ) : null}
    </>
  );
}
