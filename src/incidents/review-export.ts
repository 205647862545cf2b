import type { IncidentReview } from './incident-review.ts';
import { londonText, minutesText } from './incident-review.ts';

// The post-incident review for a governance meeting, as a web page and as a PDF. Both are built
// from the same sections, so they say the same thing.

type Review = {
  organisationName: string;
  findings: string | null;
  final: boolean;
  figures: IncidentReview;
  learningActions: { action: string; owner: string; dueOn: string; doneAt: string | null }[];
};

type Section = { heading: string; lines: string[] };

const targetWords: Record<string, string> = {
  remind_same_contact: 'a reminder',
  next_contact: 'the next contact',
  duty_or_out_of_hours_channel: 'the duty or out-of-hours line',
  senior_contact: 'a senior contact',
  internal_manager: 'the manager',
  internal_registered_manager: 'the registered manager',
};

export function reviewSections(review: Review): Section[] {
  const { figures } = review;
  const sections: Section[] = [];
  sections.push({
    heading: 'The incident',
    lines: [
      `${figures.incident.title} (${figures.incident.type.replaceAll('_', ' ')}, ${figures.incident.severity}).`,
      `Started ${londonText(figures.incident.startedAt)}; ended ${londonText(figures.incident.endedAt)}; lasted ${minutesText(figures.incident.durationMinutes)}.`,
      `People affected: ${figures.people.total} (${figures.people.high} high, ${figures.people.medium} medium, ${figures.people.low} low risk).`,
      review.final
        ? `Review generated ${londonText(figures.generatedAt)}, when the incident was closed.`
        : `Preview: the incident is still open (${londonText(figures.generatedAt)}).`,
    ],
  });
  sections.push({
    heading: 'Partner communication',
    lines: [
      figures.firstPartnerContact
        ? `First partner contact: ${figures.firstPartnerContact.partner}, ${minutesText(figures.firstPartnerContact.minutesFromStart)} after the start (${londonText(figures.firstPartnerContact.at)}).`
        : 'No partner was contacted through Liaison.',
      `Messages sent: ${figures.messagesSent}.`,
      ...figures.partners.map(
        (partner) =>
          `${partner.name}: ${partner.messages} message${partner.messages === 1 ? '' : 's'}; ` +
          `acknowledged ${partner.acknowledged} (first after ${minutesText(partner.firstAcknowledgementMinutes)}, median ${minutesText(partner.medianMinutesToAcknowledge)}); ` +
          `responded ${partner.responded} (median ${minutesText(partner.medianMinutesToRespond)}, slowest ${minutesText(partner.slowestMinutesToRespond)}); ` +
          `not responded ${partner.notResponded}.`,
      ),
    ],
  });
  sections.push({
    heading: 'Escalations',
    lines:
      figures.escalated.length === 0
        ? ['No request needed escalating.']
        : figures.escalated.map(
            (each) =>
              `"${each.subject}" to ${each.partner}: ${each.stepsFired} step${each.stepsFired === 1 ? '' : 's'}, as far as ${targetWords[each.furthestTarget]}; ${each.answered ? 'answered in the end' : 'never answered'}.`,
          ),
  });
  sections.push({
    heading: 'Requests not answered',
    lines:
      figures.nonResponses.length === 0
        ? ['Every request was answered.']
        : figures.nonResponses.map(
            (each) =>
              `"${each.subject}" to ${each.contact} (${each.partner}), sent ${londonText(each.sentAt)}, due ${londonText(each.deadline)}${each.acknowledged ? '; acknowledged only' : ''}.`,
          ),
  });
  sections.push({
    heading: 'Decisions',
    lines:
      figures.decisions.length === 0
        ? ['No decisions were recorded.']
        : figures.decisions.flatMap((decision) => [
            `${londonText(decision.at)}, ${decision.by}: ${decision.decision}`,
            `  Evidence: ${decision.evidence}`,
            `  Why: ${decision.rationale}`,
            ...decision.advice.map(
              (advice) =>
                `  Advice relied on: ${advice.givenBy}: "${advice.advice}" (${advice.receivedHow.replaceAll('_', ' ')}; ${advice.confirmation === 'confirmed' || advice.confirmation === 'not_needed' ? 'in writing' : 'not yet confirmed in writing'}).`,
            ),
          ]),
  });
  sections.push({
    heading: 'Interim measures',
    lines:
      figures.measures.length === 0
        ? ['No interim measures were recorded.']
        : figures.measures.map(
            (measure) =>
              `${measure.description} (${measure.owner}): from ${londonText(measure.startsAt)} ${measure.endedAt ? `to ${londonText(measure.endedAt)}, ${minutesText(measure.minutesInPlace)}` : '— still in place'}.`,
          ),
  });
  sections.push({ heading: 'Findings', lines: [review.findings ?? 'No findings recorded yet.'] });
  sections.push({
    heading: 'Learning actions',
    lines:
      review.learningActions.length === 0
        ? ['No learning actions yet.']
        : review.learningActions.map(
            (action) =>
              `${action.action} (${action.owner}, due ${action.dueOn})${action.doneAt ? `: done ${londonText(action.doneAt)}` : ''}.`,
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

export function reviewHtml(review: Review): string {
  const body = reviewSections(review)
    .map(
      (section) =>
        `<h2>${escapeHtml(section.heading)}</h2>\n<ul>\n${section.lines
          .map((line) => `  <li>${escapeHtml(line)}</li>`)
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
      for (const line of section.lines) document.text(line, { paragraphGap: 3 });
    }
    document.end();
  });
}
