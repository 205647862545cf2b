import { syllable } from 'syllable';

/** A stretch of one field's text: `start` and `end` index into the field's string, as `slice` does. */
export type TextSpan = { start: number; end: number; text: string };

// Full stops that end these words do not end the sentence ("Dr. Patel", "e.g. a hoist").
const titlesAndShortForms = new Set([
  'mr.',
  'mrs.',
  'ms.',
  'mx.',
  'dr.',
  'st.',
  'prof.',
  'e.g.',
  'i.e.',
  'approx.',
  'no.',
  'tel.',
  'vs.',
  'w.e.f.',
]);

// A sentence ends at . ! or ? followed by white space or the end, at a blank line, or before a
// line that starts a list item. A single line break inside a paragraph is only wrapping.
const sentenceEnd = /[.!?]+(?=\s|$)|\n[ \t]*\n\s*|\n(?=[ \t]*(?:[-*•]|\d{1,3}[.)])[ \t])/g;

const wordPattern = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;
const hasLetter = /\p{L}/u;

/** The sentences of a text, each trimmed, with where it lies in the text. Empty ones are left out. */
export function splitSentences(text: string): TextSpan[] {
  const sentences: TextSpan[] = [];
  let start = 0;
  for (const match of text.matchAll(sentenceEnd)) {
    const end = match.index + match[0].length;
    if (match[0].startsWith('.') && endsWithShortForm(text.slice(start, match.index + 1))) continue;
    // The full stop of a numbered list item ("1. Checked hourly") is its marker, not an ending.
    if (match[0] === '.' && /^\s*\d{1,3}$/.test(text.slice(start, match.index))) continue;
    pushTrimmed(sentences, text, start, end);
    start = end;
  }
  pushTrimmed(sentences, text, start, text.length);
  return sentences;
}

function endsWithShortForm(textSoFar: string): boolean {
  const lastToken = /\S+$/.exec(textSoFar)?.[0].toLowerCase() ?? '';
  return titlesAndShortForms.has(lastToken.replace(/^[("'‘“]+/, ''));
}

function pushTrimmed(sentences: TextSpan[], text: string, from: number, to: number): void {
  let start = from;
  let end = to;
  while (start < end && /\s/.test(text[start]!)) start++;
  // A list marker at the start of a line is not part of the sentence.
  const marker = /^(?:[-*•]|\d{1,3}[.)])[ \t]+/.exec(text.slice(start, end));
  if (marker) start += marker[0].length;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  const sentence = text.slice(start, end);
  if (countWords(sentence) > 0) sentences.push({ start, end, text: sentence });
}

/** The words of a text: runs of letters or digits, joined by apostrophes or hyphens. */
export function findWords(text: string): string[] {
  return text.match(wordPattern) ?? [];
}

export function countWords(text: string): number {
  return findWords(text).length;
}

/**
 * Flesch reading ease (Flesch, 1948): 206.835 − 1.015 × (words ÷ sentences) − 84.6 × (syllables
 * ÷ words). Higher is easier: 60–70 is plain English, understood by most people; below 50 is
 * hard going for many readers. Syllables are counted by the `syllable` package; a number
 * written in digits counts as one syllable. Returns null for text with no words.
 */
export function fleschReadingEase(text: string): number | null {
  const sentences = splitSentences(text);
  const words = sentences.flatMap((sentence) => findWords(sentence.text));
  if (words.length === 0) return null;
  const syllables = words.reduce(
    (total, word) => total + (hasLetter.test(word) ? Math.max(1, syllable(word)) : 1),
    0,
  );
  return 206.835 - 1.015 * (words.length / sentences.length) - 84.6 * (syllables / words.length);
}
