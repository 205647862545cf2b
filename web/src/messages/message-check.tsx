import { type ReactNode, useEffect, useRef, useState } from 'react';
import { checkMessage, type MessageDraft, type MessageWarning } from '../api.ts';

/** The fields the message check reads, as the compose form names them. */
export type CheckedField = 'subject' | 'summary' | 'impact' | 'mitigations' | 'ask' | 'deadline' | 'body';

/** The heading over a field's warnings, as a sentence. */
const checkHeadings: Record<CheckedField, string> = {
  subject: 'Check the subject',
  summary: 'Check the summary',
  impact: 'Check the impact',
  mitigations: 'Check what is already in place',
  ask: 'Check what you are asking them to do',
  deadline: 'Check the deadline',
  body: 'Check the rest of the message',
};

export type MessageCheck = {
  /** The draft the warnings are about: spans point into its text. */
  draft: MessageDraft;
  warnings: MessageWarning[];
};

const checkDelayMs = 500;

/**
 * Checks the draft with the server a moment after the writer stops typing. An answer that arrives
 * after a newer draft has been sent is dropped. A check that fails is simply not shown: it only
 * advises, and the send itself says what must be fixed.
 */
export function useMessageCheck(draft: MessageDraft): MessageCheck | null {
  const [check, setCheck] = useState<MessageCheck | null>(null);
  const latest = useRef(0);
  const key = JSON.stringify(draft);

  useEffect(() => {
    const asked = latest.current + 1;
    latest.current = asked;
    const timer = window.setTimeout(() => {
      const sent = JSON.parse(key) as MessageDraft;
      checkMessage(sent).then(
        (answer) => {
          if (latest.current === asked) setCheck({ draft: sent, warnings: answer.warnings });
        },
        () => undefined,
      );
    }, checkDelayMs);
    return () => window.clearTimeout(timer);
  }, [key]);

  return check;
}

/** The warnings about one field, beside it: the words concerned highlighted, and what to say instead. */
export function FieldWarnings({
  id,
  field,
  check,
}: {
  id: string;
  field: CheckedField;
  check: MessageCheck | null;
}) {
  const warnings = check?.warnings.filter((warning) => warning.field === field) ?? [];
  if (warnings.length === 0) return null;
  const text = textOf(check?.draft, field);
  return (
    <div className="nhsuk-warning-callout nhsuk-u-margin-bottom-4" id={id}>
      <h3 className="nhsuk-warning-callout__label">
        <span className="nhsuk-u-visually-hidden">Important: </span>
        {checkHeadings[field]}
      </h3>
      <ul className="nhsuk-list nhsuk-list--bullet">
        {warnings.map((warning) => (
          <li key={`${warning.code} ${warning.span?.start ?? ''}`}>
            {warning.span && text ? (
              <span className="nhsuk-u-display-block nhsuk-u-margin-bottom-1">
                <Excerpt text={text} span={warning.span} />
              </span>
            ) : null}
            {warning.explanation}
            {warning.suggestion ? (
              <span className="nhsuk-u-display-block">
                Try: <strong>{warning.suggestion}</strong>
              </span>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}

function textOf(draft: MessageDraft | undefined, field: CheckedField): string {
  if (!draft || field === 'deadline') return '';
  return draft[field] ?? '';
}

/** The words around the span, with the span marked. */
function Excerpt({ text, span }: { text: string; span: { start: number; end: number; text: string } }) {
  if (text.slice(span.start, span.end) !== span.text) return <mark>{span.text}</mark>;
  const from = Math.min(span.start, wordBoundaryBefore(text, Math.max(0, span.start - 40)));
  const to = Math.max(span.end, wordBoundaryAfter(text, Math.min(text.length, span.end + 40)));
  const before: ReactNode = `${from > 0 ? '…' : ''}${text.slice(from, span.start)}`;
  const after: ReactNode = `${text.slice(span.end, to)}${to < text.length ? '…' : ''}`;
  return (
    <q>
      {before}
      <mark>{span.text}</mark>
      {after}
    </q>
  );
}

function wordBoundaryBefore(text: string, index: number): number {
  if (index === 0) return 0;
  const space = text.indexOf(' ', index);
  return space === -1 ? index : space + 1;
}

function wordBoundaryAfter(text: string, index: number): number {
  if (index >= text.length) return text.length;
  const space = text.lastIndexOf(' ', index);
  return space === -1 ? index : space;
}
