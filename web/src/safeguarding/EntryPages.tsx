import { useState } from 'react';
import { useLocation, useNavigate, useParams } from 'react-router';
import {
  addConcernEntry,
  type ConcernChronologyEntry,
  type ConcernSummary,
  type EntrySource,
  type FieldError,
  getConcernChronology,
  type NewConcernEntry,
  type StaffConcernEntryKind,
} from '../api.ts';
import { useSession } from '../auth/session.tsx';
import { hasRole } from '../roles.ts';
import { Form, SubmitButton, useFormSubmit } from '../ui/form.tsx';
import { codeChoices, Radios, readText, TextArea, TextField } from '../ui/form-fields.tsx';
import { MomentFields, readMoment } from '../ui/moment-fields.tsx';
import { Loaded, Moment } from '../ui/page-parts.tsx';
import { useResource } from '../ui/useResource.ts';
import { concernReaders } from './access.ts';
import { entryAnchor, RecordedEntryDetails } from './ChronologySection.tsx';
import { ClosedNotice, ConcernFormSection, concernPath, count, useConcernOutlet } from './concern-parts.tsx';
import {
  entryKindHints,
  entryKindLabels,
  entrySourceLabels,
  entrySources,
  staffEntryKinds,
} from './safeguarding-labels.ts';

/** Quote rows a form starts with, and at most how many an entry keeps. */
const maximumQuotes = 20;

export function AddEntrySection() {
  const { summary } = useConcernOutlet();
  if (summary.status === 'closed') return <ClosedNotice title="Add an entry" />;
  return <EntryForm summary={summary} original={null} />;
}

/** A correction: a new entry naming the original, which stays as it was written. */
export function CorrectEntrySection() {
  const { summary } = useConcernOutlet();
  const { entryId = '' } = useParams();
  const location = useLocation();
  const handedOver = (location.state as { item?: ConcernChronologyEntry } | null)?.item;
  const [original, reload] = useResource(`concern entry ${entryId}`, async () => {
    if (handedOver?.id === entryId) return handedOver;
    return findEntry(summary.id, entryId);
  });
  if (summary.status === 'closed') return <ClosedNotice title="Correct an entry" />;
  return (
    <Loaded resource={original} reload={reload} loading="Loading the entry">
      {(item) =>
        item?.entry ? (
          <EntryForm summary={summary} original={item} />
        ) : (
          <>
            <h2>Correct an entry</h2>
            <p>This entry was not found in the concern’s chronology, or it is not one staff write.</p>
          </>
        )
      }
    </Loaded>
  );
}

/** The entry, looked for a page at a time (an address typed or reloaded has no entry handed over). */
async function findEntry(concernId: string, entryId: string): Promise<ConcernChronologyEntry | null> {
  let before: string | undefined;
  for (let page = 0; page < 20; page += 1) {
    const found = await getConcernChronology(concernId, { limit: 500, ...(before ? { before } : {}) });
    const item = found.items.find((each) => each.source === 'concern_entries' && each.id === entryId);
    if (item) return item;
    if (!found.nextBefore) return null;
    before = found.nextBefore;
  }
  return null;
}

type QuoteRow = { key: number; speaker: string; words: string };

/** Field names and input ids, in page order; the quotes' rows are numbered as the API numbers them. */
function fieldsFor(quotes: readonly QuoteRow[], isCorrection: boolean): Record<string, string> {
  return {
    ...(isCorrection ? { correctionReason: 'correctionReason' } : {}),
    kind: 'kind',
    occurredAt: 'occurredAt',
    facts: 'facts',
    ...Object.fromEntries(
      quotes.flatMap((_quote, index) => [
        [`quotes.${index}.words`, `quote-${index}-words`],
        [`quotes.${index}.speaker`, `quote-${index}-speaker`],
      ]),
    ),
    quotes: 'quotes',
    present: 'present',
    source: 'source',
    sourceDetail: 'sourceDetail-partner',
    actionDone: 'actionDone',
    actionTaken: 'actionTaken',
    noActionReason: 'noActionReason',
  };
}

/** What the form says, as the entry the API takes, or every problem with it, each naming its field. */
export function readEntry(
  values: FormData,
  options: { quotes: number; corrects: string | null },
): { entry: NewConcernEntry } | { problems: FieldError[] } {
  const text = (name: string) => readText(values, name);
  const problems: FieldError[] = [];
  const correctionReason = options.corrects ? text('correctionReason') : null;
  const kind = text('kind') as StaffConcernEntryKind | null;
  const occurred = readMoment(values, 'occurredAt', 'The entry');
  const facts = text('facts');
  const source = text('source') as EntrySource | null;
  const actionDone = text('actionDone');
  const actionTaken = actionDone === 'yes' ? text('actionTaken') : null;
  const noActionReason = actionDone === 'no' ? text('noActionReason') : null;
  if (options.corrects && !correctionReason) {
    problems.push({ field: 'correctionReason', message: 'Say what was wrong with the entry' });
  }
  if (!kind) problems.push({ field: 'kind', message: 'Choose what kind of entry it is' });
  if ('problem' in occurred) problems.push({ field: 'occurredAt', message: occurred.problem });
  if (!facts) problems.push({ field: 'facts', message: 'Enter what happened, as facts' });
  const quotes: { speaker: string; words: string }[] = [];
  for (let index = 0; index < options.quotes; index += 1) {
    const words = text(`quote-${index}-words`);
    const speaker = text(`quote-${index}-speaker`);
    if (!words && !speaker) continue;
    // Numbered as the rows on the page: the page checks every quote, so the server has none to name.
    if (!words)
      problems.push({ field: `quotes.${index}.words`, message: 'Enter the words exactly as they were said' });
    if (!speaker) problems.push({ field: `quotes.${index}.speaker`, message: 'Say who said it' });
    quotes.push({ speaker: speaker ?? '', words: words ?? '' });
  }
  if (!source) problems.push({ field: 'source', message: 'Choose where the information came from' });
  if (!actionDone) problems.push({ field: 'actionDone', message: 'Say whether anything was done' });
  if (actionDone === 'yes' && !actionTaken)
    problems.push({ field: 'actionTaken', message: 'Enter what was done' });
  if (actionDone === 'no' && !noActionReason) {
    problems.push({ field: 'noActionReason', message: 'Say why nothing was done' });
  }
  if (problems.length > 0 || !kind || 'problem' in occurred || !facts || !source) return { problems };
  const present = String(values.get('present') ?? '')
    .split(/\r?\n|,/)
    .map((name) => name.trim())
    .filter(Boolean);
  const sourceDetail =
    source === 'partner'
      ? text('sourceDetail-partner')
      : source === 'document'
        ? text('sourceDetail-document')
        : null;
  return {
    entry: {
      kind,
      occurredAt: occurred.moment,
      facts,
      present,
      quotes,
      source,
      sourceDetail,
      actionTaken,
      noActionReason,
      corrects: options.corrects,
      correctionReason,
    },
  };
}

function EntryForm({
  summary,
  original,
}: {
  summary: ConcernSummary;
  original: ConcernChronologyEntry | null;
}) {
  const session = useSession();
  const navigate = useNavigate();
  const { reload } = useConcernOutlet();
  const recorded = original?.entry ?? null;
  const [now] = useState(() => new Date());
  const [nextKey, setNextKey] = useState(1 + (recorded?.quotes.length ?? 0));
  const [quotes, setQuotes] = useState<QuoteRow[]>(() =>
    recorded && recorded.quotes.length > 0
      ? recorded.quotes.map((quote, index) => ({ key: index, ...quote }))
      : [{ key: 0, speaker: '', words: '' }],
  );
  const isManagerView = hasRole(session.user.role, concernReaders);
  const title = original ? 'Correct an entry' : 'Add an entry to the chronology';

  const form = useFormSubmit(fieldsFor(quotes, original !== null), async (values) => {
    const read = readEntry(values, { quotes: quotes.length, corrects: original?.id ?? null });
    if ('problems' in read) return read.problems;
    const added = await addConcernEntry(summary.id, read.entry);
    reload();
    const met = added.triggersMet.length;
    const what = original
      ? 'The correction has been added; the original entry stays as it was.'
      : 'The entry has been added.';
    const triggered =
      met === 0
        ? ''
        : isManagerView
          ? ` It met ${count(met, 'review trigger')}: consider escalating.`
          : ` It met ${count(met, 'review trigger')}, so the managers have been alerted.`;
    navigate(isManagerView ? concernPath(summary.id, 'chronology') : concernPath(summary.id), {
      state: { notice: `${what}${triggered}` },
    });
  });

  function addQuote() {
    setQuotes((rows) => [...rows, { key: nextKey, speaker: '', words: '' }]);
    setNextKey((key) => key + 1);
  }

  const occurredAt = original ? new Date(original.occurredAt) : now;
  return (
    <ConcernFormSection
      summary={summary}
      title={title}
      form={form}
      back={
        isManagerView
          ? { section: 'chronology', label: 'Back to the chronology' }
          : { section: '', label: 'Back to the concern' }
      }
    >
      {original && recorded ? (
        <>
          <p>
            The entry you correct stays as it was written, marked as corrected. Your correction is a new entry
            that names it and says what was wrong. Change below what needs putting right.
          </p>
          <div className="nhsuk-inset-text">
            <span className="nhsuk-u-visually-hidden">The entry you are correcting: </span>
            <h3 className="nhsuk-heading-xs nhsuk-u-margin-bottom-1">
              {original.kindLabel}, <Moment iso={original.occurredAt} />
            </h3>
            <p className="nhsuk-body-s nhsuk-u-margin-bottom-2">
              Recorded by {original.recordedBy ?? 'Liaison'} on <Moment iso={original.recordedAt} />.{' '}
              <a href={`${concernPath(summary.id, 'chronology')}#${entryAnchor(original.id)}`}>
                See it in the chronology
              </a>
            </p>
            <RecordedEntryDetails entry={recorded} />
          </div>
        </>
      ) : (
        <p>
          Record each thing that happens as facts: what you saw and heard, who was there, and what you did.
          Write anyone’s words exactly, as a quote. Entries cannot be changed afterwards, only corrected.
        </p>
      )}
      <Form form={form}>
        {original ? (
          <TextArea name="correctionReason" label="What was wrong with the entry?" rows={3} />
        ) : null}
        <Radios
          name="kind"
          legend="What are you recording?"
          items={codeChoices(staffEntryKinds, entryKindLabels, entryKindHints)}
          defaultValues={recorded ? [recorded.kind] : []}
        />
        <MomentFields name="occurredAt" legend="When did it happen?" initial={occurredAt} />
        <TextArea
          name="facts"
          label="What happened"
          hint="Facts only: what you saw, heard or were told, and by whom. Not what you think it means."
          defaultValue={recorded?.facts}
          rows={5}
        />
        <QuoteRows quotes={quotes} onAdd={addQuote} />
        <TextArea
          name="present"
          label="Who was present (optional)"
          hint="One on each line, like “Support worker” or “her son”."
          defaultValue={recorded?.present.join('\n')}
          rows={3}
        />
        <Radios
          name="source"
          legend="Where did the information come from?"
          items={codeChoices(entrySources, entrySourceLabels)}
          defaultValues={recorded?.source ? [recorded.source] : []}
          conditional={{
            partner: (
              <TextField
                id="sourceDetail-partner"
                name="sourceDetail-partner"
                field="sourceDetail"
                label="Which partner?"
                hint="Their organisation: it is shown as the agency in exports for meetings."
                defaultValue={recorded?.source === 'partner' ? recorded.sourceDetail : null}
              />
            ),
            document: (
              <TextField
                id="sourceDetail-document"
                name="sourceDetail-document"
                field="sourceDetail-document"
                label="Which document?"
                defaultValue={recorded?.source === 'document' ? recorded.sourceDetail : null}
              />
            ),
          }}
        />
        <Radios
          name="actionDone"
          legend="Was anything done about it?"
          items={[
            { value: 'yes', label: 'Yes' },
            { value: 'no', label: 'No' },
          ]}
          defaultValues={recorded ? [recorded.actionTaken ? 'yes' : 'no'] : []}
          conditional={{
            yes: (
              <TextArea
                name="actionTaken"
                label="What was done?"
                defaultValue={recorded?.actionTaken}
                rows={3}
              />
            ),
            no: (
              <TextArea
                name="noActionReason"
                label="Why was nothing done?"
                defaultValue={recorded?.noActionReason}
                rows={3}
              />
            ),
          }}
        />
        <SubmitButton>{original ? 'Add the correction' : 'Add the entry'}</SubmitButton>
      </Form>
    </ConcernFormSection>
  );
}

/** Direct quotes, each who said it and their exact words: kept, and shown, as quotes. */
function QuoteRows({ quotes, onAdd }: { quotes: readonly QuoteRow[]; onAdd: () => void }) {
  return (
    <fieldset className="nhsuk-fieldset nhsuk-u-margin-bottom-4" id="quotes" tabIndex={-1}>
      <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Direct quotes (optional)</legend>
      <div className="nhsuk-hint">
        Anything someone said that matters, word for word, even if it is rude or does not make sense. Leave
        empty if there is none.
      </div>
      {quotes.map((quote, index) => (
        <div key={quote.key} className="nhsuk-u-margin-bottom-3">
          <TextArea
            id={`quote-${index}-words`}
            name={`quote-${index}-words`}
            field={`quotes.${index}.words`}
            label={quotes.length > 1 ? `Quote ${index + 1}: exactly what was said` : 'Exactly what was said'}
            defaultValue={quote.words}
            rows={2}
          />
          <TextField
            id={`quote-${index}-speaker`}
            name={`quote-${index}-speaker`}
            field={`quotes.${index}.speaker`}
            label="Who said it"
            hint="For example, “the person”, “her son”, “the household member”."
            defaultValue={quote.speaker}
            widthClass="nhsuk-u-width-two-thirds"
          />
        </div>
      ))}
      {quotes.length < maximumQuotes ? (
        <button
          className="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
          type="button"
          onClick={onAdd}
        >
          Add another quote
        </button>
      ) : null}
    </fieldset>
  );
}
