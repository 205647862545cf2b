import type { Executor } from '../db/database.ts';
import type { FieldProblem } from '../errors.ts';
import { checkSubject, type NamedPerson } from '../messages/message-check.ts';
import { findNhsNumbers, possibleFamilyNames } from '../messages/personal-details.ts';
import * as messagesRepository from './partner-messages.repository.ts';

// The message check compares what is written with the people the organisation supports: their
// names must stay out of the subject (it goes into the email), and a message that names someone
// it is not about goes round the sharing gate.

type PersonRow = {
  id: string;
  given_name: string;
  family_name: string;
  preferred_name: string | null;
  nhs_number: string | null;
};

const toNamedPerson = (row: PersonRow): NamedPerson => ({
  givenName: row.given_name,
  familyName: row.family_name,
  preferredName: row.preferred_name,
  nhsNumber: row.nhs_number,
});

/**
 * The person the message is about, and the other people of the organisation the texts may name:
 * those whose family name or NHS number appears in them. Looked up by those words (indexed), not
 * by reading every person.
 */
export async function peopleNamedIn(
  executor: Executor,
  orgId: string,
  options: { texts: readonly string[]; personId: string | null | undefined },
): Promise<{ aboutPerson: NamedPerson | null; otherPeople: NamedPerson[] }> {
  const joined = options.texts.join('\n');
  const familyNames = possibleFamilyNames(joined).slice(0, 500);
  const nhsNumbers = findNhsNumbers(joined).map((found) => found.digits);
  const about = options.personId
    ? await messagesRepository.findPersonForNaming(executor, orgId, options.personId)
    : undefined;
  const others = await messagesRepository.findPeopleNamed(executor, orgId, { familyNames, nhsNumbers });
  return {
    aboutPerson: about ? toNamedPerson(about) : null,
    otherPeople: others.filter((row) => row.id !== options.personId).map(toNamedPerson),
  };
}

/** The subject's personal details as problems that refuse the send, each naming `subject`. */
export async function subjectProblems(
  executor: Executor,
  orgId: string,
  input: { subject: string; personId?: string | null | undefined },
): Promise<FieldProblem[]> {
  const people = await peopleNamedIn(executor, orgId, { texts: [input.subject], personId: input.personId });
  return checkSubject(input.subject, people).map((warning) => ({
    field: 'subject',
    message: warning.explanation,
  }));
}
