import { DateTime } from 'luxon';
import { careAbbreviations, careJargon, understoodCapitals } from './care-jargon.ts';
import {
  findAnyNameOf,
  findFullDates,
  findMentionsOf,
  findNhsNumbers,
  type NamedPerson,
} from './personal-details.ts';
import { countWords, fleschReadingEase, splitSentences, type TextSpan } from './readability.ts';

export type { NamedPerson } from './personal-details.ts';
export type { TextSpan } from './readability.ts';

/** A request asks the partner for something by a deadline; an update only informs. */
export type MessageTemplate = 'request' | 'update';

/** What a request asks the partner for. */
export type AskType = 'decision' | 'resource' | 'advice' | 'action';

/** A message to a partner as it is being written. Every text field may still be empty. */
export type MessageDraft = {
  template: MessageTemplate;
  /** The title, which goes word for word into the emails: no personal details. */
  subject?: string;
  /** What has happened, and when. */
  summary: string;
  /** The effect on people or services. */
  impact: string;
  /** What is already in place to reduce the risk. */
  mitigations: string;
  /** What the partner is asked to do; expected on a request. */
  ask?: string;
  askType?: AskType;
  /** When a response is needed, as an ISO 8601 date-time. */
  deadline?: string;
  /** Anything else the writer wants to say. */
  body?: string;
};

export type MessageField = 'subject' | 'summary' | 'impact' | 'mitigations' | 'ask' | 'deadline' | 'body';

export type MessageWarningCode =
  | 'personal_details_in_subject'
  | 'names_person_not_shared'
  | 'missing_section'
  | 'summary_without_timing'
  | 'no_explicit_ask'
  | 'no_deadline'
  | 'unreadable_deadline'
  | 'deadline_passed'
  | 'vague_deadline'
  | 'unexplained_abbreviation'
  | 'jargon'
  | 'long_sentence'
  | 'hard_to_read';

/**
 * Something the writer may want to change. Warnings never stop a message being sent: the writer
 * knows the partner, and may have good reason.
 */
export type MessageWarning = {
  code: MessageWarningCode;
  field: MessageField;
  /** Plain English, addressed to the writer. */
  explanation: string;
  /** The words concerned, when the warning is about particular words. */
  span?: TextSpan;
  /** Plain words to use instead, for jargon and abbreviations. */
  suggestion?: string;
};

export type MessageCheckOptions = {
  /** The time now, to warn of a deadline that has already passed. Without it that is not checked. */
  now?: Date;
  /** The person the message is about, when it is about one: their names may not go in the subject. */
  aboutPerson?: NamedPerson | null;
  /**
   * Other people the organisation supports whom the text may name. Naming them in a message that
   * is not about them bypasses the sharing gate.
   */
  otherPeople?: readonly NamedPerson[];
};

/** Sentences longer than this many words are hard to follow. */
export const longSentenceWords = 25;
/** Flesch reading ease below this is harder than plain English. */
export const readingEaseTarget = 60;
/** The reading-ease score is unreliable on a few words, so shorter fields are not scored. */
export const readingEaseMinimumWords = 12;

const proseFields = ['summary', 'impact', 'mitigations', 'ask', 'body'] as const;
type ProseField = (typeof proseFields)[number];

/** How each field is named at the start of a sentence. */
const fieldNames: Record<MessageField, string> = {
  subject: 'The subject',
  summary: 'The summary',
  impact: 'The impact',
  mitigations: 'What is already in place',
  ask: 'The ask',
  deadline: 'The deadline',
  body: 'The message',
};

/**
 * Checks a message to a partner while it is written, for the things that make partners
 * misunderstand or delay: a request with no clear ask or deadline, vague timing, unexplained
 * abbreviations and jargon, long sentences and hard reading. Returns warnings in the order of
 * the form's fields, then by position in the text. Never throws, whatever the text.
 */
export function checkMessage(draft: MessageDraft, options: MessageCheckOptions = {}): MessageWarning[] {
  const texts: Record<ProseField, string> = {
    summary: draft.summary ?? '',
    impact: draft.impact ?? '',
    mitigations: draft.mitigations ?? '',
    ask: draft.ask ?? '',
    body: draft.body ?? '',
  };
  const warnings: MessageWarning[] = [
    ...checkSubject(draft.subject ?? '', options),
    ...proseFields.flatMap((field) => checkPeopleNamed(field, texts[field], options.otherPeople ?? [])),
    ...checkSections(draft, texts),
    ...checkAsk(draft, texts.ask),
    ...checkDeadline(draft, options.now),
    ...proseFields.flatMap((field) => checkVagueTiming(field, texts[field], Boolean(draft.deadline?.trim()))),
    ...checkAbbreviations(texts),
    ...proseFields.flatMap((field) => checkJargon(field, texts[field])),
    ...proseFields.flatMap((field) => checkSentenceLength(field, texts[field])),
    ...proseFields.flatMap((field) => checkReadingEase(field, texts[field])),
  ];
  const fieldOrder: MessageField[] = [
    'subject',
    'summary',
    'impact',
    'mitigations',
    'ask',
    'deadline',
    'body',
  ];
  // Stable sort: within a field and position, warnings keep the order of the checks above.
  return warnings.sort(
    (a, b) =>
      fieldOrder.indexOf(a.field) - fieldOrder.indexOf(b.field) ||
      (a.span?.start ?? -1) - (b.span?.start ?? -1),
  );
}

// ---- Personal details -------------------------------------------------------------------------

/**
 * Personal details in the subject: it goes word for word into every email about the message
 * (the first, reminders, escalations), and email is not a secure channel. Names of the person the
 * message is about, or of anyone else the organisation supports; NHS numbers; full dates such as
 * a date of birth. Sending refuses a subject with any of these.
 */
export function checkSubject(
  subject: string,
  options: Pick<MessageCheckOptions, 'aboutPerson' | 'otherPeople'> = {},
): MessageWarning[] {
  const found: { span: TextSpan; what: string }[] = [
    ...(options.aboutPerson ? findAnyNameOf(subject, options.aboutPerson) : []).map((span) => ({
      span,
      what: 'the name of the person the message is about',
    })),
    ...(options.otherPeople ?? []).flatMap((person) =>
      findMentionsOf(subject, person).map((span) => ({ span, what: 'the name of someone you support' })),
    ),
    ...findNhsNumbers(subject).map(({ digits: _digits, ...span }) => ({ span, what: 'an NHS number' })),
    ...findFullDates(subject).map((span) => ({ span, what: 'a date, such as a date of birth' })),
  ];
  const seen = new Set<number>();
  return found
    .sort((a, b) => a.span.start - b.span.start)
    .filter(({ span }) => !seen.has(span.start) && seen.add(span.start))
    .map(({ span, what }) => ({
      code: 'personal_details_in_subject' as const,
      field: 'subject' as const,
      span,
      explanation:
        `The subject contains ${what}. The subject goes into the email, which is not secure: ` +
        'take it out, and put the details in the message, which the partner opens through the secure link.',
    }));
}

function checkPeopleNamed(
  field: ProseField,
  text: string,
  otherPeople: readonly NamedPerson[],
): MessageWarning[] {
  return otherPeople.flatMap((person) =>
    findMentionsOf(text, person).map((span) => ({
      code: 'names_person_not_shared' as const,
      field,
      span,
      explanation:
        'This names someone you support, but the message is not about them, so nothing has checked ' +
        'that they agreed to it being shared. Choose them as the person the message is about, or leave ' +
        'out who they are.',
    })),
  );
}

// ---- Sections ---------------------------------------------------------------------------------

const emptySection: Record<'summary' | 'impact' | 'mitigations', string> = {
  summary: 'The summary is empty. Partners need to know what has happened and when.',
  impact: 'The impact is empty. Partners need to know how people or services are affected.',
  mitigations:
    'Nothing says what is already in place. Partners need to know what you have done to reduce the risk.',
};

const placeholderSection: Record<'summary' | 'impact' | 'mitigations', string> = {
  summary: 'The summary does not say anything yet. Say what has happened and when.',
  impact: 'The impact does not say anything yet. Say how people or services are affected.',
  mitigations:
    'What is already in place does not say anything yet. Say what you have done to reduce the risk, or write "Nothing yet" if that is so.',
};

/** Words that hold a place rather than say anything: "n/a", "tbc", "-", "see above". */
const placeholder =
  /^\W*(?:n\/?a|not applicable|tbc|tba|to be (?:confirmed|advised)|none|nil|unknown|see (?:above|below)|as above|\?+|-+|\.+|x+)\W*$/i;

export function isPlaceholder(text: string): boolean {
  return placeholder.test(text.trim());
}

function checkSections(draft: MessageDraft, texts: Record<ProseField, string>): MessageWarning[] {
  const warnings: MessageWarning[] = [];
  for (const field of ['summary', 'impact', 'mitigations'] as const) {
    if (countWords(texts[field]) === 0 && !isPlaceholder(texts[field])) {
      warnings.push({ code: 'missing_section', field, explanation: emptySection[field] });
    } else if (isPlaceholder(texts[field])) {
      warnings.push({ code: 'missing_section', field, explanation: placeholderSection[field] });
    }
  }
  if (countWords(texts.summary) > 0 && !isPlaceholder(texts.summary) && !specificTime.test(texts.summary)) {
    warnings.push({
      code: 'summary_without_timing',
      field: 'summary',
      explanation:
        `The summary does not say when this happened. Add the time, for example ` +
        `"Since 6am today the heating has not worked".`,
    });
  }
  // An update may carry a deadline for its own reasons, but a request without one cannot be chased.
  if (draft.template === 'request' && !draft.deadline?.trim()) {
    warnings.push({
      code: 'no_deadline',
      field: 'deadline',
      explanation:
        'This request has no deadline. Say when you need an answer, so the partner can plan and ' +
        'Liaison can remind them if they do not reply.',
    });
  }
  return warnings;
}

// ---- The ask ----------------------------------------------------------------------------------

const askExamples: Record<AskType, string> = {
  decision: 'Please decide by 4pm today whether Mr Evans can move to the ground-floor flat.',
  resource: 'Please send two portable heaters to 12 Oak Road by 6pm today.',
  advice: 'Please advise by noon whether we should check her blood sugar four times a day.',
  action: 'Please arrange an emergency repair of the boiler by 5pm today.',
};

// Ways of asking in plain English: a polite request, a direct question, or an instruction
// starting with the thing to be done.
const requestPhrases =
  /\b(?:please|pls|plz|kindly|could you|can you|would you|will you|are you able|we (?:would|'d|’d) (?:like|be grateful|appreciate)|i (?:would|'d|’d) (?:like|be grateful|appreciate)|we (?:need|are asking|ask|request|require)|we(?:'re|’re) (?:asking|requesting)|i (?:need|am asking|ask|request)|let (?:us|me) know|we need you to)\b/i;
const requestVerbs =
  /^(?:advise|agree|allocate|approve|arrange|assess|attend|authorise|book|call|check|confirm|consider|contact|decide|email|fund|fix|phone|prescribe|provide|repair|reply|respond|review|ring|send|share|supply|tell|update|visit)\b/i;

function isAskSentence(sentence: string): boolean {
  return sentence.trimEnd().endsWith('?') || requestPhrases.test(sentence) || requestVerbs.test(sentence);
}

function checkAsk(draft: MessageDraft, ask: string): MessageWarning[] {
  if (draft.template !== 'request') return [];
  const example = askExamples[draft.askType ?? 'action'];
  if (countWords(ask) === 0) {
    return [
      {
        code: 'no_explicit_ask',
        field: 'ask',
        explanation: `This request does not say what you need from the partner. Write it as a direct request, for example "${example}"`,
      },
    ];
  }
  if (splitSentences(ask).some((sentence) => isAskSentence(sentence.text))) return [];
  return [
    {
      code: 'no_explicit_ask',
      field: 'ask',
      explanation: `The ask does not say plainly what the partner should do. Write it as a request or a question, for example "${example}"`,
    },
  ];
}

// ---- The deadline -----------------------------------------------------------------------------

function checkDeadline(draft: MessageDraft, now: Date | undefined): MessageWarning[] {
  const written = draft.deadline?.trim();
  if (!written) return [];
  const deadline = DateTime.fromISO(written, { setZone: true });
  if (!deadline.isValid) {
    return [
      {
        code: 'unreadable_deadline',
        field: 'deadline',
        explanation: 'The deadline is not a date and time Liaison can read. Choose it again.',
      },
    ];
  }
  if (now && deadline.toMillis() <= now.getTime()) {
    return [
      {
        code: 'deadline_passed',
        field: 'deadline',
        explanation: 'The deadline has already passed. Choose a time in the future.',
      },
    ];
  }
  return [];
}

// ---- Vague timing -----------------------------------------------------------------------------

const months =
  'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';
const counts = String.raw`\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|twelve|half an?`;

/** A time a reader can act on: a clock time, a day, a date, or a number of hours or days. */
const specificTime = new RegExp(
  [
    String.raw`\b\d{1,2}(?:[:.][0-5]\d)?\s?(?:am|pm)\b`,
    String.raw`\b(?:[01]?\d|2[0-3]):[0-5]\d\b`,
    String.raw`\b(?:noon|midday|midnight|today|tonight|tomorrow|yesterday|overnight|last night)\b`,
    String.raw`\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b`,
    String.raw`\b\d{1,2}(?:st|nd|rd|th)?\s+(?:${months})\b`,
    String.raw`\b(?:${months})\s+\d{1,2}(?:st|nd|rd|th)?\b`,
    String.raw`\b\d{1,2}/\d{1,2}(?:/\d{2,4})?\b`,
    String.raw`\b\d{4}-\d{2}-\d{2}\b`,
    String.raw`\b(?:within|in)\s+(?:the\s+next\s+)?(?:${counts})\s+(?:working\s+)?(?:minutes?|hours?|days?)\b`,
    String.raw`\b(?:${counts})\s+(?:minutes?|hours?|days?)\s+ago\b`,
    String.raw`\bend of (?:the )?(?:day|shift)\b`,
  ].join('|'),
  'i',
);

/** Words that sound like a deadline but leave the partner to guess the time. */
const vagueTiming = new RegExp(
  [
    String.raw`\ba\.s\.a\.p\.?|\basap\b`,
    String.raw`\bas (?:soon|quickly) as (?:possible|you (?:can|are able|get (?:a|the) chance))\b`,
    // "soon" on its own, but not the conjunction in "as soon as she wakes".
    String.raw`(?<!\bas )\bsoon\b|\bsooner rather than later\b`,
    String.raw`\bwhen(?:ever)? you (?:can|are able|get (?:a|the) chance|have (?:a )?(?:moment|minute|time))\b`,
    String.raw`\bwhen (?:possible|convenient)\b|\bat your (?:earliest )?convenience\b|\bat the earliest opportunity\b`,
    String.raw`\bas a matter of urgency\b|\burgent(?:ly)?\b`,
    String.raw`\bshortly\b|\bpromptly\b|\bin due course\b|\bat some point\b|\bin the near future\b`,
  ].join('|'),
  'gi',
);

function checkVagueTiming(field: ProseField, text: string, hasDeadline: boolean): MessageWarning[] {
  const warnings: MessageWarning[] = [];
  for (const sentence of splitSentences(text)) {
    if (specificTime.test(sentence.text)) continue;
    for (const match of sentence.text.matchAll(vagueTiming)) {
      const start = sentence.start + match.index;
      const phrase = match[0];
      warnings.push({
        code: 'vague_deadline',
        field,
        span: { start, end: start + phrase.length, text: phrase },
        explanation:
          `"${phrase}" does not say when. Give a time the partner can act on, for example "by 4pm today"` +
          (hasDeadline ? ', the same as the deadline you set.' : '.'),
      });
    }
  }
  return warnings;
}

// ---- Abbreviations and jargon -----------------------------------------------------------------

// A word starting with a capital; abbreviations are picked out of these below.
const capitalisedWord = /(?<![\p{L}\p{N}&])\p{Lu}[\p{L}\p{N}]*(?![\p{L}\p{N}&])/gu;

type Occurrence = { field: ProseField; span: TextSpan };

function abbreviationIn(word: string): string | null {
  if (Object.hasOwn(careAbbreviations, word)) return word;
  // Plurals: "DNs", "MARs".
  const base = word.endsWith('s') && word.length > 2 ? word.slice(0, -1) : word;
  if (Object.hasOwn(careAbbreviations, base)) return base;
  if (!/^\p{Lu}[\p{Lu}\p{N}]+$/u.test(base)) return null;
  if ((base.match(/\p{Lu}/gu) ?? []).length < 2) return null;
  if (understoodCapitals.has(base)) return null;
  return base;
}

/** Abbreviations in a text, in order, leaving out capitals used for shouting ("DO NOT LEAVE HER ALONE"). */
function findAbbreviations(field: ProseField, text: string): Occurrence[] {
  const words = [...text.matchAll(capitalisedWord)];
  const allCapitals = words.map(
    (word) => /^[\p{Lu}\p{N}]+$/u.test(word[0]) && /\p{Lu}.*\p{Lu}/u.test(word[0]),
  );
  const occurrences: Occurrence[] = [];
  words.forEach((word, index) => {
    if (isInRunOfCapitals(text, words, allCapitals, index)) return;
    const abbreviation = abbreviationIn(word[0]);
    if (!abbreviation) return;
    occurrences.push({
      field,
      span: { start: word.index, end: word.index + word[0].length, text: word[0] },
    });
  });
  return occurrences;
}

// Three or more capitalised words in a row, separated only by spaces, are shouting, not shorthand.
function isInRunOfCapitals(
  text: string,
  words: RegExpExecArray[],
  allCapitals: boolean[],
  index: number,
): boolean {
  if (!allCapitals[index]) return false;
  const joinedToNext = (i: number) =>
    allCapitals[i] === true &&
    allCapitals[i + 1] === true &&
    /^ +$/.test(text.slice(words[i]!.index + words[i]![0].length, words[i + 1]!.index));
  let first = index;
  while (first > 0 && joinedToNext(first - 1)) first--;
  let last = index;
  while (last < words.length - 1 && joinedToNext(last)) last++;
  return last - first + 1 >= 3;
}

function escapeForPattern(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/**
 * Explained once anywhere in the message: "district nurse (DN)", "DN (district nurse)" or
 * "DN means district nurse".
 */
function isExplained(abbreviation: string, wholeMessage: string): boolean {
  const term = escapeForPattern(abbreviation);
  const inBrackets = new RegExp(String.raw`\(\s*${term}s?\s*\)`, 'gu');
  for (const match of wholeMessage.matchAll(inBrackets)) {
    const lineStart = wholeMessage.lastIndexOf('\n', match.index) + 1;
    if (/\p{L}/u.test(wholeMessage.slice(lineStart, match.index))) return true;
  }
  const beforeWords = new RegExp(String.raw`(?<![\p{L}\p{N}])${term}s?\s*\([^()\n]*\p{Ll}{2}[^()\n]*\)`, 'u');
  const spelledOut = new RegExp(
    String.raw`(?<![\p{L}\p{N}])${term}s?\s*(?:[,:–—-]\s*)?(?:means|stands for|is short for)\b`,
    'u',
  );
  return beforeWords.test(wholeMessage) || spelledOut.test(wholeMessage);
}

function checkAbbreviations(texts: Record<ProseField, string>): MessageWarning[] {
  const wholeMessage = proseFields.map((field) => texts[field]).join('\n\n');
  const reported = new Set<string>();
  const warnings: MessageWarning[] = [];
  for (const field of proseFields) {
    for (const occurrence of findAbbreviations(field, texts[field])) {
      const abbreviation = abbreviationIn(occurrence.span.text)!;
      if (reported.has(abbreviation)) continue;
      reported.add(abbreviation);
      if (isExplained(abbreviation, wholeMessage)) continue;
      const plain = careAbbreviations[abbreviation];
      warnings.push({
        code: 'unexplained_abbreviation',
        field,
        span: occurrence.span,
        ...(plain ? { suggestion: plain } : {}),
        explanation: plain
          ? `Not every partner will know "${abbreviation}". Write "${plain}", or explain it once: "${plain} (${abbreviation})".`
          : `Not every partner will know "${abbreviation}". Spell it out the first time, with the short form after it in brackets.`,
      });
    }
  }
  return warnings;
}

const jargonPatterns = careJargon.map((entry) => ({
  ...entry,
  pattern: new RegExp(
    String.raw`(?<![\p{L}\p{N}])${escapeForPattern(entry.term).replace(/ /g, String.raw`\s+`)}(?![\p{L}\p{N}])`,
    'giu',
  ),
}));

function checkJargon(field: ProseField, text: string): MessageWarning[] {
  const warnings: MessageWarning[] = [];
  for (const { plain, pattern } of jargonPatterns) {
    for (const match of text.matchAll(pattern)) {
      warnings.push({
        code: 'jargon',
        field,
        span: { start: match.index, end: match.index + match[0].length, text: match[0] },
        suggestion: plain,
        explanation: `"${match[0]}" is care-team shorthand. Write "${plain}" instead.`,
      });
    }
  }
  return warnings;
}

// ---- Sentences and reading ease ---------------------------------------------------------------

function checkSentenceLength(field: ProseField, text: string): MessageWarning[] {
  return splitSentences(text)
    .map((sentence) => ({ sentence, words: countWords(sentence.text) }))
    .filter(({ words }) => words > longSentenceWords)
    .map(({ sentence, words }) => ({
      code: 'long_sentence' as const,
      field,
      span: sentence,
      explanation: `This sentence has ${words} words. Split it into sentences of ${longSentenceWords} words or fewer, so it is read correctly the first time.`,
    }));
}

function checkReadingEase(field: ProseField, text: string): MessageWarning[] {
  if (countWords(text) < readingEaseMinimumWords) return [];
  const ease = fleschReadingEase(text);
  if (ease === null || ease >= readingEaseTarget) return [];
  return [
    {
      code: 'hard_to_read',
      field,
      explanation:
        `${fieldNames[field]} is harder to read than plain English (reading ease ${Math.round(ease)}; ` +
        `aim for ${readingEaseTarget} or more). Use shorter sentences and everyday words.`,
    },
  ];
}
