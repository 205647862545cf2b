import PDFDocument from 'pdfkit';
import { recordAudit } from '../audit/audit.service.ts';
import { inLondon } from '../calendar/london-time.ts';
import type { ChronologyEntry } from '../chronology/chronology.ts';
import type { Clock } from '../clock.ts';
import type { RequestContext } from '../context.ts';
import type { Db } from '../db/database.ts';
import { getPerson } from '../people/people.service.ts';
import { askAtDisclosure } from '../sharing/disclosure.ts';
import { shareRefused } from '../sharing/sharing.service.ts';
import { concernChronologyForExport } from './concern-patterns.service.ts';
import type { ExportInput } from './safeguarding.schemas.ts';
import { CONCERN_SUBJECT, getConcern } from './safeguarding.service.ts';
import { abuseCategoryLabels } from './safeguarding.vocabulary.ts';

// The concern's merged chronology for a multi-agency meeting or a Safeguarding Adults Review, as a
// web page and a PDF. One row per entry with its agency and time, in a fixed column order another
// agency can merge with its own, and the gaps in agency contact said in words.

/** A stretch longer than this without contact with any partner agency is stated as a gap. */
const GAP_DAYS = 7;
const DAY_MS = 24 * 60 * 60_000;

type Row = {
  when: string;
  agency: string;
  kind: string;
  entry: string;
  recordedBy: string;
  recordedAt: string;
};

const londonText = (at: Date) => inLondon(at).toFormat('yyyy-MM-dd HH:mm');

/** Stretches without any entry from another agency, from the concern being raised to now. */
export function agencyContactGaps(
  entries: readonly ChronologyEntry[],
  ownAgency: string,
  from: Date,
  to: Date,
) {
  const contacts = entries
    .filter((entry) => entry.agency !== ownAgency || entry.source === 'partner_messages')
    .map((entry) => entry.occurredAt.getTime())
    .sort((a, b) => a - b);
  const points = [from.getTime(), ...contacts, to.getTime()];
  const gaps: string[] = [];
  for (let index = 1; index < points.length; index += 1) {
    const days = Math.floor((points[index]! - points[index - 1]!) / DAY_MS);
    if (days > GAP_DAYS) {
      gaps.push(
        `No contact with a partner agency for ${days} days, from ${londonText(new Date(points[index - 1]!))} to ${londonText(new Date(points[index]!))}.`,
      );
    }
  }
  return gaps;
}

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

type ExportData = { title: string; heading: string[]; gaps: string[]; rows: Row[] };

export function chronologyHtml(data: ExportData): string {
  const cells = (row: Row) =>
    [row.when, row.agency, row.kind, row.entry, row.recordedBy, row.recordedAt]
      .map((cell) => `<td>${escapeHtml(cell).replaceAll('\n', '<br>')}</td>`)
      .join('');
  return `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>${escapeHtml(data.title)}</title></head><body>
<h1>${escapeHtml(data.title)}</h1>
${data.heading.map((line) => `<p>${escapeHtml(line)}</p>`).join('\n')}
<h2>Gaps in agency contact</h2>
${data.gaps.length === 0 ? '<p>No gap longer than 7 days.</p>' : `<ul>${data.gaps.map((gap) => `<li>${escapeHtml(gap)}</li>`).join('')}</ul>`}
<h2>Chronology</h2>
<table><thead><tr><th>Date and time (UK)</th><th>Agency</th><th>Kind</th><th>Entry</th><th>Recorded by</th><th>Recorded at (UK)</th></tr></thead>
<tbody>${data.rows.map((row) => `<tr>${cells(row)}</tr>`).join('\n')}</tbody></table>
</body></html>`;
}

export function chronologyPdf(data: ExportData): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const document = new PDFDocument({ size: 'A4', margin: 40, info: { Title: data.title } });
    const chunks: Buffer[] = [];
    document.on('data', (chunk: Buffer) => chunks.push(chunk));
    document.on('end', () => resolve(Buffer.concat(chunks)));
    document.on('error', reject);
    document.fontSize(16).text(data.title);
    document.fontSize(10);
    for (const line of data.heading) document.text(line);
    document.moveDown().fontSize(12).text('Gaps in agency contact').fontSize(10);
    if (data.gaps.length === 0) document.text('No gap longer than 7 days.');
    for (const gap of data.gaps) document.text(`• ${gap}`);
    document.moveDown().fontSize(12).text('Chronology').fontSize(10);
    for (const row of data.rows) {
      document.moveDown(0.5).font('Helvetica-Bold').text(`${row.when} — ${row.agency} — ${row.kind}`);
      document.font('Helvetica').text(row.entry);
      document
        .fillColor('#555555')
        .text(`Recorded by ${row.recordedBy} at ${row.recordedAt}`)
        .fillColor('#000000');
    }
    document.end();
  });
}

/**
 * Builds the export. For another agency it is a disclosure: the sharing gate is asked (moment
 * `export`, purpose safeguarding) and a refusal is logged and reported; for staff only it is audited.
 */
export async function exportConcernChronology(
  db: Db,
  context: RequestContext,
  concernId: string,
  input: ExportInput,
  clock: Clock,
): Promise<{ body: string | Buffer; contentType: string; filename: string }> {
  const at = clock.now();
  const concern = await getConcern(db, context, concernId);
  if (input.recipient) {
    const recipient = input.recipient;
    const gated = await db.transaction().execute((trx) =>
      askAtDisclosure(
        trx,
        context,
        {
          personId: concern.person_id,
          recipient: {
            partnerOrganisationId: recipient.partnerOrganisationId,
            partnerContactId: recipient.partnerContactId ?? null,
          },
          purpose: 'safeguarding',
          categories: ['identity', 'safeguarding'],
          moment: 'export',
          subject: { type: CONCERN_SUBJECT, id: concernId },
          description:
            input.occasion === 'multi_agency_meeting'
              ? 'Safeguarding chronology for a multi-agency meeting'
              : 'Safeguarding chronology for a Safeguarding Adults Review',
        },
        at,
      ),
    );
    if (!gated.decision.allowed) throw shareRefused(gated.decision.reasons, gated.share.id);
  }
  const { entries, ownAgency } = await concernChronologyForExport(db, context, concern);
  const person = await getPerson(db, context, concern.person_id);
  const rows: Row[] = [...entries].reverse().map((entry) => ({
    when: londonText(entry.occurredAt),
    agency: entry.agency,
    kind: entry.kindLabel,
    entry: entry.text,
    recordedBy: entry.recordedBy ?? 'not recorded',
    recordedAt: londonText(entry.recordedAt),
  }));
  const data: ExportData = {
    title: `Safeguarding chronology: ${person.given_name} ${person.family_name}`,
    heading: [
      `Prepared by ${ownAgency} on ${londonText(at)} for ${input.occasion === 'multi_agency_meeting' ? 'a multi-agency meeting' : 'a Safeguarding Adults Review'}.`,
      `Date of birth: ${person.date_of_birth ?? 'not recorded'}. NHS number: ${person.nhs_number ?? 'not recorded'}.`,
      `Concern: ${abuseCategoryLabels[concern.category]}, raised ${londonText(concern.raised_at)}.`,
      'Columns: date and time (UK), agency, kind, entry, recorded by, recorded at — one row per entry, oldest first.',
    ],
    gaps: agencyContactGaps(entries, ownAgency, concern.raised_at, concern.closed_at ?? at),
    rows,
  };
  await recordAudit(db, context, at, {
    action: 'concern.export',
    entityType: 'concern',
    entityId: concernId,
    details: {
      format: input.format,
      occasion: input.occasion,
      partnerOrganisationId: input.recipient?.partnerOrganisationId ?? null,
      entries: rows.length,
    },
  });
  const filename = `safeguarding-chronology-${concernId}.${input.format}`;
  return input.format === 'html'
    ? { body: chronologyHtml(data), contentType: 'text/html; charset=utf-8', filename }
    : { body: await chronologyPdf(data), contentType: 'application/pdf', filename };
}
