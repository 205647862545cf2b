import { ApiError, type FieldError, type ShareRefusalReason } from '../api.ts';
import type { ErrorSummaryItem } from './ErrorSummary.tsx';
import { formatWait } from './format.ts';

export type FormErrors = {
  /** For the error summary, in the order the fields appear on the page. */
  items: ErrorSummaryItem[];
  /** The message to show beside each field, by the API's field name. */
  byField: ReadonlyMap<string, string>;
};

export const noFormErrors: FormErrors = { items: [], byField: new Map() };

/**
 * Arranges field errors for a form. `fields` maps each API field name to its input's id, in page
 * order; errors for fields the form does not show are listed without a link.
 */
export function toFormErrors(
  fields: Readonly<Record<string, string>>,
  problems: readonly FieldError[],
): FormErrors {
  const byField = new Map<string, string>();
  for (const problem of problems) {
    if (!byField.has(problem.field)) byField.set(problem.field, problem.message);
  }
  const items: ErrorSummaryItem[] = [];
  for (const [field, inputId] of Object.entries(fields)) {
    const message = byField.get(field);
    if (message) items.push({ text: message, href: `#${inputId}` });
  }
  for (const [field, message] of byField) {
    if (!Object.hasOwn(fields, field)) items.push({ text: message });
  }
  return { items, byField };
}

/**
 * A failed request as form errors: per field when the server named fields, else one message. The
 * server names a list item's field with its index (`partnerContactIds.2`); unless the form has a
 * field of that name, it is shown beside the list.
 */
export function formErrorsFrom(fields: Readonly<Record<string, string>>, error: unknown): FormErrors {
  if (error instanceof ApiError && error.fieldErrors.length > 0) {
    return toFormErrors(
      fields,
      error.fieldErrors.map((problem) =>
        Object.hasOwn(fields, problem.field)
          ? problem
          : { ...problem, field: problem.field.replace(/\.\d+$/, '') },
      ),
    );
  }
  return { items: [{ text: describeError(error) }], byField: new Map() };
}

/** The fields left empty, each with the message that asks for it. */
export function missingFields(
  values: Record<string, string>,
  messages: Record<string, string>,
): FieldError[] {
  return Object.entries(messages)
    .filter(([field]) => (values[field] ?? '').trim() === '')
    .map(([field, message]) => ({ field, message }));
}

/** The server's own words for what went wrong, and when to try again if it said. */
export function describeError(error: unknown): string {
  if (!(error instanceof ApiError)) return 'Something went wrong. Try again.';
  if (error.retryAfterSeconds !== null) {
    return `${error.detail} You can try again in ${formatWait(error.retryAfterSeconds)}.`;
  }
  return error.detail;
}

/** The sharing gate's refusal of a send, with its reasons: the page shows them in full. */
export type GateRefusal = { detail: string; reasons: ShareRefusalReason[] };

/** The gate's refusal, if that is what the error is (403 with reasons). */
export function gateRefusalFrom(error: unknown): GateRefusal | null {
  if (error instanceof ApiError && error.status === 403 && error.reasons.length > 0) {
    return { detail: error.detail, reasons: [...error.reasons] };
  }
  return null;
}

/** One line in the error summary that links to where the page explains. */
export function summaryOnly(text: string, href: string): FormErrors {
  return { items: [{ text, href }], byField: new Map() };
}
