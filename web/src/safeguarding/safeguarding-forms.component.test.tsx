import { cleanup, render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import type { RecordedEntry } from '../api.ts';
import { RecordedEntryDetails } from './ChronologySection.tsx';
import { NeedToKnow } from './ConcernsPage.tsx';
import { readEntry } from './EntryPages.tsx';
import { readTrigger } from './PlansSection.tsx';
import { readNewConcern } from './RaiseConcernPage.tsx';

afterEach(cleanup);

function formWith(values: Record<string, string | string[]>): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(values)) {
    for (const each of Array.isArray(value) ? value : [value]) form.append(name, each);
  }
  return form;
}

const when = {
  'occurredAt-day': '7',
  'occurredAt-month': '12',
  'occurredAt-year': '2026',
  'occurredAt-time': '9:30am',
};

describe('raising a concern', () => {
  it('names every field that is missing, in the words the page shows', () => {
    const read = readNewConcern(formWith({}));
    expect('problems' in read && read.problems.map((problem) => problem.field)).toEqual([
      'personId',
      'occurredAt',
      'whatHappened',
      'category',
      'locationOfRisk',
      'sourceKind',
      'immediateActions',
      'level',
    ]);
  });

  it('asks which person supported is the alleged source, and never the adult at risk', () => {
    const base = {
      ...when,
      personId: 'ada',
      whatHappened: 'Threats at night.',
      category: 'psychological',
      locationOfRisk: 'in_a_community_service',
      immediateActions: 'Night checks.',
      level: 'high',
      sourceKind: 'person_supported',
    };
    expect(readNewConcern(formWith(base))).toEqual({
      problems: [
        { field: 'sourcePersonId', message: 'Choose the person we support who is the alleged source' },
      ],
    });
    expect(readNewConcern(formWith({ ...base, sourcePersonId: 'ada' }))).toEqual({
      problems: [{ field: 'sourcePersonId', message: 'The alleged source cannot be the adult at risk' }],
    });
    const read = readNewConcern(formWith({ ...base, sourcePersonId: 'ben', childrenAtRisk: 'yes' }));
    expect(read).toMatchObject({
      concern: {
        personId: 'ada',
        sourceKind: 'person_supported',
        sourcePersonId: 'ben',
        childrenAtRisk: true,
        occurredAt: '2026-12-07T09:30:00+00:00',
      },
    });
  });

  it('drops a person chosen before the source was changed to someone else', () => {
    const read = readNewConcern(
      formWith({
        ...when,
        personId: 'ada',
        whatHappened: 'Money ran out.',
        category: 'financial_or_material',
        locationOfRisk: 'own_home',
        immediateActions: 'Budgeting support.',
        level: 'low',
        sourceKind: 'known_to_individual',
        sourcePersonId: 'ben',
        sourceDescription: 'New acquaintance, first name Dan',
      }),
    );
    expect(read).toMatchObject({
      concern: { sourcePersonId: null, sourceDescription: 'New acquaintance, first name Dan' },
    });
  });
});

describe('a chronology entry', () => {
  const entry = {
    ...when,
    kind: 'distress',
    facts: 'Tearful after the visitor left.',
    source: 'person',
    actionDone: 'yes',
    actionTaken: 'Told the manager.',
  };

  it('keeps quotes word for word, skips empty rows, and asks for a speaker for each', () => {
    const read = readEntry(
      formWith({
        ...entry,
        'quote-0-words': 'He said I must not talk to you.',
        'quote-0-speaker': 'Ada',
        'quote-1-words': '',
        'quote-1-speaker': '',
        'quote-2-words': 'Leave her alone.',
        present: 'Support worker\nher son',
      }),
      { quotes: 3, corrects: null },
    );
    expect(read).toEqual({ problems: [{ field: 'quotes.2.speaker', message: 'Say who said it' }] });
    const fixed = readEntry(
      formWith({
        ...entry,
        'quote-0-words': 'He said I must not talk to you.',
        'quote-0-speaker': 'Ada',
        present: 'Support worker\nher son',
      }),
      { quotes: 1, corrects: null },
    );
    expect(fixed).toMatchObject({
      entry: {
        quotes: [{ speaker: 'Ada', words: 'He said I must not talk to you.' }],
        present: ['Support worker', 'her son'],
        actionTaken: 'Told the manager.',
        noActionReason: null,
        corrects: null,
      },
    });
  });

  it('sends what was done, or why nothing was, never both', () => {
    const read = readEntry(
      formWith({
        ...entry,
        actionDone: 'no',
        actionTaken: 'Typed before changing my mind',
        noActionReason: 'Ada asked me not to.',
      }),
      { quotes: 0, corrects: null },
    );
    expect(read).toMatchObject({ entry: { actionTaken: null, noActionReason: 'Ada asked me not to.' } });
    expect(readEntry(formWith({ ...entry, actionDone: 'no' }), { quotes: 0, corrects: null })).toEqual({
      problems: [{ field: 'noActionReason', message: 'Say why nothing was done' }],
    });
  });

  it('a correction names the entry it corrects and must say what was wrong', () => {
    expect(readEntry(formWith(entry), { quotes: 0, corrects: 'original' })).toEqual({
      problems: [{ field: 'correctionReason', message: 'Say what was wrong with the entry' }],
    });
    expect(
      readEntry(formWith({ ...entry, correctionReason: 'Wrong arm.' }), { quotes: 0, corrects: 'original' }),
    ).toMatchObject({ entry: { corrects: 'original', correctionReason: 'Wrong arm.' } });
  });
});

describe('a review trigger', () => {
  it('is met by any single entry, or by a count within a window of days', () => {
    expect(readTrigger(formWith({ kinds: ['visible_injury', 'threat'], how: 'any' }))).toEqual({
      trigger: { kinds: ['visible_injury', 'threat'], threshold: 1, windowDays: null, description: null },
    });
    expect(
      readTrigger(formWith({ kinds: 'blocked_access', how: 'count', threshold: '3', windowDays: '14' })),
    ).toEqual({
      trigger: { kinds: ['blocked_access'], threshold: 3, windowDays: 14, description: null },
    });
    expect(
      readTrigger(formWith({ kinds: 'blocked_access', how: 'count', threshold: 'three', windowDays: '0' })),
    ).toEqual({
      problems: [
        { field: 'threshold', message: 'Enter how many entries, as a whole number from 1 to 100' },
        { field: 'windowDays', message: 'Enter within how many days, as a whole number from 1 to 366' },
      ],
    });
  });
});

describe('what the chronology shows', () => {
  it('shows a direct quote as a quote, with who said it', () => {
    const recorded: RecordedEntry = {
      kind: 'disclosure',
      facts: 'Ada told me about last night.',
      present: ['Casey Carer'],
      quotes: [{ speaker: 'Ada', words: 'He locked the door.' }],
      source: 'person',
      sourceDetail: null,
      actionTaken: null,
      noActionReason: 'Ada asked me to wait until the manager came.',
      corrects: null,
      correctionReason: null,
      correctedBy: [],
    };
    render(
      <MemoryRouter>
        <RecordedEntryDetails entry={recorded} />
      </MemoryRouter>,
    );
    const quote = screen.getByText(/He locked the door/).closest('blockquote');
    expect(quote?.textContent).toBe('Direct quote: “He locked the door.”');
    expect(screen.getByText('Ada, in their own words')).toBeTruthy();
    expect(screen.getByText('No action, because')).toBeTruthy();
  });

  it('tells a manager, and a care worker, what an unwritten need-to-know summary means for them', () => {
    const { rerender } = render(<NeedToKnow summary={{ needToKnow: null }} forManager />);
    expect(screen.getByText(/staff who are not managers see nothing/)).toBeTruthy();
    rerender(<NeedToKnow summary={{ needToKnow: null }} />);
    expect(screen.getByText(/Ask them if you work with this person/)).toBeTruthy();
    rerender(<NeedToKnow summary={{ needToKnow: 'Two staff for personal care.' }} />);
    expect(screen.getByText('Two staff for personal care.')).toBeTruthy();
  });
});
