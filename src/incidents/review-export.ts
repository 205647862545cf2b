import type { IncidentReview, StoredReviewFigures } from './incident-review.ts';
import { londonText, minutesText } from './incident-review.ts';
import { type RiskLevel, riskLevelLabels } from './incidents.vocabulary.ts';

// The post-incident review for a governance meeting, as a web page and as a PDF. Both are built
// from the same sections, so they say the same thing. A figure with nothing to measure is said in
// words ("no acknowledgement", "not yet due"), never as 0 or a dash.

type TimelineLine = { at: string; text: string; who: string | null; messageId: string | null };

type Review = {
  organisationName: string;
  findings: string | null;
  final: boolean;
  figures: StoredReviewFigures;
  learningActions: { action: string; owner: string; dueOn: string; doneAt: string | null }[];
  /** The people affected, highest risk first, with the reasons and any change the lead made. */
  people?: readonly {
    name: string;
    careServiceName: string | null;
    level: RiskLevel;
    rankedLevel: RiskLevel;
    rankedWith: number;
    reasons: readonly { points: number; reason: string }[];
    adjustment: { level: RiskLevel; reason: string; by: string | null; at: string } | null;
    observationPlan: string | null;
  }[];
  /** Readings and hazards, oldest first. */
  observations?: readonly {
    kind: string;
    occurredAt: string;
    recordedBy: string;
    location: string | null;
    measure: string | null;
    value: number | null;
    unit: string | null;
    note: string | null;
  }[];
  /** Everything on the incident up to closing, oldest first. */
  timeline?: readonly TimelineLine[];
  /** What happened after closing: not counted in the figures. */
  sinceClosing?: readonly TimelineLine[];
  /** The address of a message's thread in Liaison, for links from the web page. */
  messageUrl?: (messageId: string) => string;
};

/** A line of the review, and the messages it was counted from (linked from the web page). */
type Line = { text: string; messageIds?: readonly string[] };
type Section = { heading: string; lines: Line[] };

const targetWords: Record<string, string> = {
  remind_same_contact: 'a reminder',
  next_contact: 'the next contact',
  duty_or_out_of_hours_channel: 'the duty or out-of-hours line',
  senior_contact: 'a senior contact',
  internal_manager: 'the manager',
  internal_registered_manager: 'the registered manager',
};

const confirmationWords: Record<string, string> = {
  not_needed: 'given in writing',
  confirmed: 'confirmed in writing',
  requested: 'written confirmation requested, not received',
  not_requested: 'not confirmed in writing',
};

const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;
const line = (text: string, messageIds?: readonly string[]): Line =>
  messageIds && messageIds.length > 0 ? { text, messageIds } : { text };

type Request = IncidentReview['requests'][number];

function acknowledgementText(request: Request): string {
  return request.acknowledgement
    ? `acknowledged after ${minutesText(request.acknowledgement.minutes)}`
    : 'no acknowledgement';
}

function responseText(request: Request): string {
  if (!request.response) return request.awaits === 'nothing' ? 'no reply asked for' : 'no response';
  const verb = { responded: 'responded', done: 'done', declined: 'declined' }[request.response.kind];
  return `${verb} after ${minutesText(request.response.minutes)}`;
}

/** The deadline and how it went, in words; `final` when the review was worked out at closing. */
export function deadlineText(
  request: {
    deadline: string | null;
    deadlineOutcome: Request['deadlineOutcome'];
    deadlineMinutes: number | null;
    answered: boolean;
  },
  final: boolean,
): string {
  const due = `due ${londonText(request.deadline, 'with no deadline')}`;
  switch (request.deadlineOutcome) {
    case 'no_deadline':
      return request.deadline ? `${due}; nothing was asked by then` : 'no deadline';
    case 'not_yet_due':
      return `${due}: not yet due${final ? ' at closing' : ''}`;
    case 'met':
      return request.deadlineMinutes === 0
        ? `${due}: met, on the deadline`
        : `${due}: met with ${minutesText(request.deadlineMinutes)} to spare`;
    case 'missed':
      return request.answered
        ? `${due}: missed by ${minutesText(request.deadlineMinutes)}`
        : `${due}: missed, still unanswered ${minutesText(request.deadlineMinutes)} after it`;
  }
}

function escalationText(request: Request): string {
  const { escalation } = request;
  if (escalation.steps === 0) return 'not escalated';
  return `escalated ${plural(escalation.steps, 'step')}, as far as ${escalation.furthestTarget ? targetWords[escalation.furthestTarget] : 'an unrecorded step'}`;
}

function partnerLine(partner: StoredReviewFigures['partners'][number], final: boolean): Line {
  const acknowledged =
    partner.acknowledged > 0
      ? `acknowledged ${partner.acknowledged} of ${partner.messages} (first after ${minutesText(partner.firstAcknowledgementMinutes)}, median ${minutesText(partner.medianMinutesToAcknowledge)})`
      : 'no acknowledgement';
  const responded =
    partner.responded > 0
      ? `responded ${partner.responded} of ${partner.messages} (median ${minutesText(partner.medianMinutesToRespond)}, slowest ${minutesText(partner.slowestMinutesToRespond)})`
      : 'no response';
  const waiting = partner.notResponded > 0 ? `; ${partner.notResponded} still waiting for an answer` : '';
  const deadlineParts = [
    [partner.deadlinesMetMessageIds, 'met'],
    [partner.deadlinesMissedMessageIds, 'missed'],
    [partner.notYetDueMessageIds, final ? 'not yet due at closing' : 'not yet due'],
  ].flatMap(([ids, words]) => (ids && ids.length > 0 ? [`${ids.length} ${words}`] : []));
  const deadlines =
    partner.deadlinesMetMessageIds === undefined
      ? ''
      : `; deadlines: ${deadlineParts.length > 0 ? deadlineParts.join(', ') : 'none set'}`;
  return line(
    `${partner.name}: ${plural(partner.messages, 'message')}; ${acknowledged}; ${responded}${waiting}${deadlines}.`,
    partner.messageIds,
  );
}

const timelineLine = (entry: TimelineLine): Line =>
  line(
    `${londonText(entry.at)}: ${entry.text}${entry.who ? ` (by ${entry.who})` : ''}`,
    entry.messageId ? [entry.messageId] : undefined,
  );

function personLine(person: NonNullable<Review['people']>[number]): Line {
  const level = riskLevelLabels[person.level].toLowerCase();
  const changed = person.adjustment
    ? ` (ranked ${riskLevelLabels[person.rankedLevel].toLowerCase()}; changed${person.adjustment.by ? ` by ${person.adjustment.by}` : ''} ${londonText(person.adjustment.at)}: ${person.adjustment.reason})`
    : '';
  const table =
    person.rankedWith === 1 ? 'the standard points table' : `points table version ${person.rankedWith}`;
  return line(
    `${person.name}${person.careServiceName ? `, ${person.careServiceName}` : ''}: ${level}${changed}. ${person.reasons
      .map((reason) => reason.reason)
      .join(
        ' ',
      )} Ranked with ${table}.${person.observationPlan ? ` Observation plan: ${person.observationPlan}` : ''}`,
  );
}

export function reviewSections(review: Review): Section[] {
  const { figures } = review;
  const isEarlier = figures.figuresVersion === undefined;
  const sections: Section[] = [];
  sections.push({
    heading: 'The incident',
    lines: [
      line(
        `${figures.incident.title} (${figures.incident.type.replaceAll('_', ' ')}, ${figures.incident.severity}).`,
      ),
      line(
        figures.incident.endedAt
          ? `Started ${londonText(figures.incident.startedAt)}; ended ${londonText(figures.incident.endedAt)}; lasted ${minutesText(figures.incident.durationMinutes)}.`
          : `Started ${londonText(figures.incident.startedAt)}; not yet ended.`,
      ),
      line(
        `People affected: ${figures.people.total} (${figures.people.high} high, ${figures.people.medium} medium, ${figures.people.low} low risk).`,
      ),
      line(
        review.final
          ? `Review generated ${londonText(figures.generatedAt)}, when the incident was closed.`
          : `Preview: the incident is still open (${londonText(figures.generatedAt)}).`,
      ),
      ...(isEarlier
        ? [
            line(
              'This review was worked out when the incident closed, before the figures came from each message’s thread: it has no per-request figures, and its partner figures may count requests for written confirmation and replies as acknowledgements.',
            ),
          ]
        : []),
    ],
  });

  if (review.people) {
    sections.push({
      heading: 'People affected and their risk',
      lines:
        review.people.length === 0
          ? [line('No one was added to the incident.')]
          : review.people.map(personLine),
    });
  }

  const messages = figures.messages;
  sections.push({
    heading: 'Partner communication',
    lines: [
      figures.firstPartnerContact
        ? line(
            `First partner contact: ${figures.firstPartnerContact.partner}, ${minutesText(figures.firstPartnerContact.minutesFromStart)} after the start (${londonText(figures.firstPartnerContact.at)}).`,
            figures.firstPartnerContact.messageId ? [figures.firstPartnerContact.messageId] : undefined,
          )
        : line('No partner was contacted through Liaison.'),
      messages
        ? line(
            messages.toPartners.count === 0
              ? 'Messages sent to partners: none.'
              : `Messages sent to partners: ${messages.toPartners.count}.`,
            messages.toPartners.messageIds,
          )
        : line(`Messages sent: ${figures.messagesSent}.`),
      ...(messages && messages.confirmationRequests.count > 0
        ? [
            line(
              `Requests for written confirmation of advice, sent by Liaison: ${messages.confirmationRequests.count} (not counted as messages to partners).`,
              messages.confirmationRequests.messageIds,
            ),
          ]
        : []),
      ...(messages && messages.withdrawn.count > 0
        ? [
            line(
              `Withdrawn after sending, and not counted: ${messages.withdrawn.count}.`,
              messages.withdrawn.messageIds,
            ),
          ]
        : []),
      ...figures.partners.map((partner) => partnerLine(partner, review.final)),
    ],
  });

  if (figures.requests) {
    sections.push({
      heading: 'Each message',
      lines:
        figures.requests.length === 0
          ? [line('No message was sent to a partner.')]
          : figures.requests.map((request) =>
              line(
                `"${request.subject}" to ${request.contact} (${request.partner}), sent ${londonText(request.sentAt)}: ${acknowledgementText(request)}; ${responseText(request)}; ${deadlineText(request, review.final)}; ${escalationText(request)}.`,
                [request.messageId],
              ),
            ),
    });
  }

  // A request whose deadline had not come when the incident closed was not "never answered".
  const notYetDue = new Set(
    figures.nonResponses
      .filter((each) => each.deadlineOutcome === 'not_yet_due')
      .map((each) => each.messageId),
  );
  const unansweredWords = (messageId: string) =>
    notYetDue.has(messageId)
      ? review.final
        ? 'not yet due at closing'
        : 'not yet due'
      : review.final
        ? 'never answered'
        : 'not answered yet';
  sections.push({
    heading: 'Escalations',
    lines:
      figures.escalated.length === 0
        ? [line('No request needed escalating.')]
        : figures.escalated.map((each) =>
            line(
              `"${each.subject}" to ${each.partner}: ${plural(each.stepsFired, 'step')}, as far as ${targetWords[each.furthestTarget]}; ${each.answered ? 'answered in the end' : unansweredWords(each.messageId)}.`,
              [each.messageId],
            ),
          ),
  });
  const nonResponseLine = (each: StoredReviewFigures['nonResponses'][number]) =>
    line(
      `"${each.subject}" to ${each.contact} (${each.partner}), sent ${londonText(each.sentAt)}, ${
        each.deadlineOutcome
          ? deadlineText({ ...each, answered: false }, review.final)
          : `due ${londonText(each.deadline, 'with no deadline')}`
      }${each.acknowledged ? '; acknowledged only' : '; no acknowledgement'}.`,
      [each.messageId],
    );
  const overdue = figures.nonResponses.filter((each) => !notYetDue.has(each.messageId));
  const waiting = figures.nonResponses.filter((each) => notYetDue.has(each.messageId));
  sections.push({
    heading: review.final ? 'Requests never answered' : 'Requests not answered yet',
    lines:
      overdue.length === 0
        ? [
            line(
              waiting.length === 0 ? 'Every request was answered.' : 'None: every request due was answered.',
            ),
          ]
        : overdue.map(nonResponseLine),
  });
  if (waiting.length > 0) {
    sections.push({
      heading: review.final ? 'Requests not yet due at closing' : 'Requests not yet due',
      lines: waiting.map(nonResponseLine),
    });
  }

  if (figures.writtenConfirmation) {
    const confirmed = figures.writtenConfirmation.filter((each) => each.status === 'confirmed');
    sections.push({
      heading: 'Advice and its written confirmation',
      lines:
        figures.writtenConfirmation.length === 0
          ? [line('No advice was recorded from these messages.')]
          : [
              ...figures.writtenConfirmation.map((each) =>
                line(
                  `${each.givenBy}${each.partner ? ` (${each.partner})` : ''}, ${each.receivedHow.replaceAll('_', ' ')}, ${londonText(each.givenAt)}: ${
                    each.status === 'confirmed'
                      ? `confirmed in writing after ${minutesText(each.minutesToConfirm)} (${londonText(each.confirmedAt)})`
                      : confirmationWords[each.status]
                  }.`,
                  [each.messageId, each.confirmationMessageId].filter((id): id is string => id !== null),
                ),
              ),
              line(
                confirmed.length === 0
                  ? 'No advice given another way was confirmed in writing.'
                  : `Time from advice to written confirmation: median ${minutesText(figures.medianMinutesToWrittenConfirmation ?? null)} (${plural(confirmed.length, 'piece')} of advice).`,
              ),
            ],
    });
  }

  if (figures.gateRefusals) {
    sections.push({
      heading: 'Refused by the sharing gate',
      lines:
        figures.gateRefusals.length === 0
          ? [line('The sharing gate refused nothing sent from this incident.')]
          : figures.gateRefusals.map((refusal) =>
              line(
                `${londonText(refusal.at)}, ${refusal.by}: a message to ${refusal.contact ? `${refusal.contact} (${refusal.partner})` : refusal.partner} about ${refusal.person}, for ${refusal.purpose.replaceAll('_', ' ')}, was not sent. ${refusal.reasons.map((reason) => reason.message).join(' ')}`,
              ),
            ),
    });
  }

  sections.push({
    heading: 'Decisions',
    lines:
      figures.decisions.length === 0
        ? [line('No decisions were recorded.')]
        : figures.decisions.flatMap((decision) => [
            line(`${londonText(decision.at)}, ${decision.by}: ${decision.decision}`),
            line(`  Evidence: ${decision.evidence}`),
            line(`  Why: ${decision.rationale}`),
            ...decision.advice.map((advice) =>
              line(
                `  Advice relied on: ${advice.givenBy}: "${advice.advice}" (${advice.receivedHow.replaceAll('_', ' ')}; ${confirmationWords[advice.confirmation]}).`,
              ),
            ),
          ]),
  });
  if (review.observations) {
    sections.push({
      heading: 'Readings and hazards',
      lines:
        review.observations.length === 0
          ? [line('No readings or hazards were recorded.')]
          : review.observations.map((each) =>
              line(
                `${londonText(each.occurredAt)}, ${each.recordedBy}: ${each.kind === 'hazard' ? 'hazard' : 'reading'} at ${each.location ?? 'an unrecorded place'}: ${[
                  each.measure,
                  each.value === null ? null : `${each.value}${each.unit ? ` ${each.unit}` : ''}`,
                  each.note,
                ]
                  .filter(Boolean)
                  .join(', ')
                  .replace(/[^.!?]$/, '$&.')}`,
              ),
            ),
    });
  }
  sections.push({
    heading: 'Interim measures',
    lines:
      figures.measures.length === 0
        ? [line('No interim measures were recorded.')]
        : figures.measures.map((measure) =>
            line(
              `${measure.description} (${measure.owner}): from ${londonText(measure.startsAt)} ${measure.endedAt ? `to ${londonText(measure.endedAt)}, ${minutesText(measure.minutesInPlace)}` : 'and still in place'}.`,
            ),
          ),
  });
  if (review.timeline) {
    sections.push({
      heading: review.final ? 'Timeline to closing' : 'Timeline so far',
      lines: review.timeline.map(timelineLine),
    });
  }
  if (review.final && review.sinceClosing) {
    sections.push({
      heading: 'Since closing',
      lines: [
        line(
          review.sinceClosing.length === 0
            ? 'Nothing has happened on the incident since it closed.'
            : 'What happened after the incident closed. The figures above are as they stood at closing and do not count it.',
        ),
        ...review.sinceClosing.map(timelineLine),
      ],
    });
  }
  sections.push({ heading: 'Findings', lines: [line(review.findings ?? 'No findings recorded yet.')] });
  sections.push({
    heading: 'Learning actions',
    lines:
      review.learningActions.length === 0
        ? [line('No learning actions yet.')]
        : review.learningActions.map((action) =>
            line(
              `${action.action} (${action.owner}, due ${action.dueOn})${action.doneAt ? `: done ${londonText(action.doneAt)}` : ''}.`,
            ),
          ),
  });
  return sections;
}

function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

function lineHtml(entry: Line, messageUrl: Review['messageUrl']): string {
  const text = escapeHtml(entry.text);
  if (!messageUrl || !entry.messageIds) return text;
  const links = entry.messageIds.map(
    (id, index) =>
      `<a href="${escapeHtml(messageUrl(id))}">${entry.messageIds!.length === 1 ? 'Open the thread' : `Thread ${index + 1}`}</a>`,
  );
  return `${text} ${links.join(' ')}`;
}

export function reviewHtml(review: Review): string {
  const body = reviewSections(review)
    .map(
      (section) =>
        `<h2>${escapeHtml(section.heading)}</h2>\n<ul>\n${section.lines
          .map((entry) => `  <li>${lineHtml(entry, review.messageUrl)}</li>`)
          .join('\n')}\n</ul>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>Post-incident review: ${escapeHtml(review.figures.incident.title)}</title>
<style>body{font-family:Arial,sans-serif;max-width:48rem;margin:2rem auto;line-height:1.5;color:#212b32}h1{font-size:1.6rem}h2{font-size:1.2rem;margin-top:1.5rem}li{margin-bottom:.3rem}</style>
</head>
<body>
<p>${escapeHtml(review.organisationName)}</p>
<h1>Post-incident review: ${escapeHtml(review.figures.incident.title)}</h1>
${body}
</body>
</html>
`;
}

export async function reviewPdf(review: Review): Promise<Buffer> {
  // Loaded on the first PDF export, not at start: it brings its fonts' metrics with it.
  const { default: PDFDocument } = await import('pdfkit');
  return new Promise((resolve, reject) => {
    const document = new PDFDocument({
      size: 'A4',
      margin: 56,
      info: {
        Title: `Post-incident review: ${review.figures.incident.title}`,
        Author: review.organisationName,
      },
    });
    const chunks: Buffer[] = [];
    document.on('data', (chunk: Buffer) => chunks.push(chunk));
    document.on('end', () => resolve(Buffer.concat(chunks)));
    document.on('error', reject);
    document.font('Helvetica').fontSize(10).text(review.organisationName);
    document.moveDown(0.5);
    document
      .font('Helvetica-Bold')
      .fontSize(18)
      .text(`Post-incident review: ${review.figures.incident.title}`);
    for (const section of reviewSections(review)) {
      document.moveDown(1);
      document.font('Helvetica-Bold').fontSize(13).text(section.heading);
      document.moveDown(0.3);
      document.font('Helvetica').fontSize(10);
      for (const entry of section.lines) {
        const first = entry.messageIds?.[0];
        // The line links to the (first) thread it was counted from, as the web page does.
        document.text(entry.text, {
          paragraphGap: 3,
          ...(first && review.messageUrl ? { link: review.messageUrl(first) } : {}),
        });
      }
    }
    document.end();
  });
}
