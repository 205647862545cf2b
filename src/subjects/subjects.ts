import type { Executor } from '../db/database.ts';
import { type SubjectType, subjectTypes } from './subjects.vocabulary.ts';

/**
 * What a row of a shared mechanism is about: the outbox's emails, "needs attention" items,
 * partner links, escalation steps, log entries and actions each name a subject rather than a
 * feature's own column. A capability adds its type here and registers how to describe it (a line
 * in `src/capabilities.ts`); the mechanisms then work for it without knowing it.
 */
export { type SubjectType, subjectTypeLabels, subjectTypes } from './subjects.vocabulary.ts';

/** A subject within an organisation; the organisation always comes from the session. */
export type SubjectRef = { orgId: string; type: SubjectType; id: string };

/** How staff see a subject wherever a shared mechanism shows it. */
export type SubjectDescription = {
  /** Short, for a list: "Request to the district nursing team: pressure care". */
  title: string;
  /** Where staff open it in the web app: "/messages/…". */
  webPath: string;
  /** The people it is about, for the sharing gate and the person's chronology. */
  personIds: string[];
};

export type SubjectDescriber = (
  executor: Executor,
  ref: SubjectRef,
) => Promise<SubjectDescription | undefined>;

const describers = new Map<SubjectType, SubjectDescriber>();

/** Registers how a subject type is described; once per type. */
export function registerSubject(type: SubjectType, describe: SubjectDescriber): void {
  describers.set(type, describe);
}

/** The subject as staff see it, or `undefined` when it does not exist in the organisation. */
export async function describeSubject(
  executor: Executor,
  ref: SubjectRef,
): Promise<SubjectDescription | undefined> {
  const describe = describers.get(ref.type);
  if (!describe) throw new Error(`No description is registered for subjects of type ${ref.type}.`);
  return describe(executor, ref);
}

export function isSubjectType(value: string): value is SubjectType {
  return (subjectTypes as readonly string[]).includes(value);
}
