import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkMessage,
  type MessageDraft,
  type MessageField,
  type MessageWarning,
  type MessageWarningCode,
} from './message-check.ts';
import { fleschReadingEase, splitSentences } from './readability.ts';

// A request written the way the product asks for: timed summary, impact, mitigations, a direct
// ask and a deadline, in plain words. It should raise no warnings at all.
const clearRequest: MessageDraft = {
  template: 'request',
  summary:
    'Since 6am today two of our carers are off sick. We cannot cover every visit on the Oak Road round.',
  impact:
    'Mrs Khan has diabetes. Her blood sugar is usually checked at each visit, and two checks may be missed today.',
  mitigations:
    'The registered manager is covering the morning visits herself. Staff will call us at once if Mrs Khan seems unwell.',
  ask: 'Please can a district nurse check Mrs Khan’s blood sugar at her 1pm visit today?',
  askType: 'action',
  deadline: '2026-11-21T11:00:00Z',
};

function request(overrides: Partial<MessageDraft> = {}): MessageDraft {
  return { ...clearRequest, ...overrides };
}

function warningsWith(code: MessageWarningCode, draft: MessageDraft, now?: Date): MessageWarning[] {
  return checkMessage(draft, now ? { now } : {}).filter((warning) => warning.code === code);
}

describe('a clear message', () => {
  it('raises no warnings for a well-written request', () => {
    expect(checkMessage(clearRequest)).toEqual([]);
  });

  it('raises no warnings for a well-written update without an ask or a deadline', () => {
    const update: MessageDraft = {
      template: 'update',
      summary: 'The heating at 12 Oak Road failed at 9pm yesterday. The engineer fixed it at 10am today.',
      impact: 'The four people who live there were cold overnight. Nobody is unwell.',
      mitigations: 'Staff gave out extra blankets and hot drinks. We checked room temperatures every hour.',
    };
    expect(checkMessage(update)).toEqual([]);
  });
});

describe('missing sections', () => {
  it('warns for each empty section, naming its field', () => {
    const warnings = warningsWith('missing_section', request({ impact: '', mitigations: '  ' }));
    expect(warnings.map((warning) => warning.field)).toEqual(['impact', 'mitigations']);
    expect(warnings[0]!.explanation).toContain('how people or services are affected');
  });

  it('treats a field of punctuation alone as empty', () => {
    expect(warningsWith('missing_section', request({ summary: '...' }))).toHaveLength(1);
  });
});

describe('placeholders and wording', () => {
  it('warns when the impact or mitigations only hold a place', () => {
    for (const filler of ['n/a', 'N/A', 'tbc', 'TBC.', 'na', '-', 'see above']) {
      const warnings = warningsWith('missing_section', request({ impact: filler, mitigations: filler }));
      expect(warnings.map((warning) => warning.field)).toEqual(['impact', 'mitigations']);
    }
  });

  it('does not mistake a short real answer for a placeholder', () => {
    expect(warningsWith('missing_section', request({ mitigations: 'Nothing yet.' }))).toEqual([]);
    expect(
      warningsWith('missing_section', request({ impact: 'None of the residents are affected.' })),
    ).toEqual([]);
  });

  it('names the fields in plain English', () => {
    const warnings = checkMessage(request({ mitigations: '' }));
    const explanations = warnings.map((warning) => warning.explanation).join(' ');
    expect(explanations).not.toMatch(/mitigations is/i);
    expect(explanations).toContain('Nothing says what is already in place');
  });

  it('spells out "pls" and counts it as asking', () => {
    const draft = request({ ask: 'Pls advise by 4pm today whether she can stay at home.' });
    expect(warningsWith('jargon', draft).map((warning) => warning.suggestion)).toEqual(['please']);
    expect(warningsWith('no_explicit_ask', draft)).toEqual([]);
  });
});

const doris = { givenName: 'Doris', familyName: 'Evans', preferredName: 'Dot', nhsNumber: '9434765919' };
const arthur = { givenName: 'Arthur', familyName: 'Price', preferredName: null, nhsNumber: '4010232137' };

describe('personal details in the subject', () => {
  const subjectWarnings = (subject: string) =>
    checkMessage(request({ subject }), { aboutPerson: doris, otherPeople: [arthur] }).filter(
      (warning) => warning.field === 'subject',
    );

  it('warns for a name, a date of birth and an NHS number, each at its words', () => {
    const warnings = subjectWarnings('Doris Evans 12/03/1941 NHS 943 476 5919');
    expect(warnings.every((warning) => warning.code === 'personal_details_in_subject')).toBe(true);
    expect(warnings.map((warning) => warning.span?.text)).toEqual([
      'Doris',
      'Evans',
      '12/03/1941',
      '943 476 5919',
    ]);
  });

  it('warns for the preferred name, a written-out date and someone else the organisation supports', () => {
    expect(subjectWarnings('Dot: review').map((warning) => warning.span?.text)).toEqual(['Dot']);
    expect(subjectWarnings('Born 12 March 1941').map((warning) => warning.span?.text)).toEqual([
      '12 March 1941',
    ]);
    expect(subjectWarnings('Mr Price and the boiler').map((warning) => warning.span?.text)).toEqual([
      'Mr Price',
    ]);
  });

  it('says nothing about a subject with no personal details', () => {
    expect(subjectWarnings('Heating failure at Oak House since 6am')).toEqual([]);
    expect(subjectWarnings('Call us on 01392 123456 about the 2pm visit')).toEqual([]);
  });
});

describe('people named in a message not about them', () => {
  it('warns where the text names someone else the organisation supports', () => {
    const warnings = checkMessage(
      request({ impact: 'Arthur Price next door was also without heating; his NHS number is 4010232137.' }),
      { aboutPerson: doris, otherPeople: [arthur] },
    ).filter((warning) => warning.code === 'names_person_not_shared');
    expect(warnings.map((warning) => [warning.field, warning.span?.text])).toEqual([
      ['impact', 'Arthur Price'],
      ['impact', '4010232137'],
    ]);
  });

  it('does not warn for a first name alone, or without anyone to compare with', () => {
    expect(
      warningsWith('names_person_not_shared', request({ impact: 'Arthur from the day centre called.' })),
    ).toEqual([]);
    expect(
      checkMessage(request({ impact: 'Arthur from the day centre called.' }), {
        otherPeople: [arthur],
      }).filter((warning) => warning.code === 'names_person_not_shared'),
    ).toEqual([]);
  });
});

describe('summary without timing', () => {
  it('warns when the summary does not say when', () => {
    const warnings = warningsWith(
      'summary_without_timing',
      request({ summary: 'The boiler at Elm House has broken down and there is no hot water.' }),
    );
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.field).toBe('summary');
  });

  it.each([
    'The boiler broke down at 06:30.',
    'The boiler broke down at 6.30am.',
    'The boiler broke down overnight.',
    'The boiler broke down on Tuesday.',
    'The boiler broke down on 19 November.',
    'The boiler broke down two hours ago.',
    'The boiler broke down on 19/11/2026.',
  ])('accepts a timed summary: %s', (summary) => {
    expect(warningsWith('summary_without_timing', request({ summary }))).toEqual([]);
  });
});

describe('explicit ask', () => {
  it('warns when a request has no ask, with an example for the kind of ask', () => {
    const warnings = warningsWith('no_explicit_ask', request({ ask: '', askType: 'decision' }));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.field).toBe('ask');
    expect(warnings[0]!.explanation).toContain('Please decide');
  });

  it.each([
    'Any help appreciated.',
    'Mrs Khan needs her blood sugar checked.',
    'FYI, the situation is ongoing.',
  ])('warns when the ask is not a request or a question: %s', (ask) => {
    expect(warningsWith('no_explicit_ask', request({ ask }))).toHaveLength(1);
  });

  it.each([
    'Can a district nurse visit Mrs Khan at 1pm today?',
    'Please confirm by 4pm whether a district nurse can visit.',
    'We would be grateful if you could approve two extra visits a day from tomorrow.',
    'Confirm in writing by noon that the repair is booked.',
    'We need you to decide by Friday whether Mr Evans can move to the ground-floor flat.',
    'Mrs Khan has been unwell since Monday. Could you advise us by 3pm today on her insulin?',
    'Let us know by 5pm today if you can send a heater.',
  ])('accepts a direct request or question: %s', (ask) => {
    expect(warningsWith('no_explicit_ask', request({ ask }))).toEqual([]);
  });

  it('does not expect an ask on an update', () => {
    expect(warningsWith('no_explicit_ask', { ...clearRequest, template: 'update', ask: '' })).toEqual([]);
  });
});

describe('the deadline', () => {
  it('warns when a request has no deadline', () => {
    const warnings = warningsWith('no_deadline', request({ deadline: undefined }));
    expect(warnings).toEqual([expect.objectContaining({ code: 'no_deadline', field: 'deadline' })]);
  });

  it('does not expect a deadline on an update', () => {
    expect(warningsWith('no_deadline', { ...clearRequest, template: 'update', deadline: undefined })).toEqual(
      [],
    );
  });

  it.each(['tomorrow', '21/11/2026 16:00', '2026-13-45T99:00:00Z'])(
    'warns when the deadline cannot be read: %s',
    (deadline) => {
      expect(warningsWith('unreadable_deadline', request({ deadline }))).toHaveLength(1);
    },
  );

  it.each(['2026-11-21T16:00:00Z', '2026-11-21T16:00:00+00:00', '2026-11-21'])(
    'accepts an ISO 8601 deadline: %s',
    (deadline) => {
      expect(warningsWith('unreadable_deadline', request({ deadline }))).toEqual([]);
    },
  );

  it('warns when the deadline has passed, only when told the time now', () => {
    const deadline = '2026-11-21T11:00:00Z';
    expect(
      warningsWith('deadline_passed', request({ deadline }), new Date('2026-11-21T11:00:00Z')),
    ).toHaveLength(1);
    expect(warningsWith('deadline_passed', request({ deadline }), new Date('2026-11-21T10:59:00Z'))).toEqual(
      [],
    );
    expect(warningsWith('deadline_passed', request({ deadline }))).toEqual([]);
  });
});

describe('vague deadline words', () => {
  it.each([
    ['Please send a heater asap.', 'asap'],
    ['Please send a heater ASAP.', 'ASAP'],
    ['Please send a heater a.s.a.p.', 'a.s.a.p.'],
    ['Please send a heater as soon as possible.', 'as soon as possible'],
    ['Please send a heater soon.', 'soon'],
    ['Please send a heater when you can.', 'when you can'],
    ['Please send a heater at your earliest convenience.', 'at your earliest convenience'],
    ['Please send a heater urgently.', 'urgently'],
    ['This is urgent: please send a heater.', 'urgent'],
    ['Please send a heater in due course.', 'in due course'],
  ])('warns for "%s"', (ask, phrase) => {
    const warnings = warningsWith('vague_deadline', request({ ask }));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.field).toBe('ask');
    expect(warnings[0]!.span?.text).toBe(phrase);
    expect(ask.slice(warnings[0]!.span!.start, warnings[0]!.span!.end)).toBe(phrase);
  });

  it.each([
    'Please send a heater urgently, by 4pm today.',
    'Please send a heater asap and no later than 16:00.',
    'Please reply as soon as possible, and within 2 hours at the latest.',
    'Please send a heater as soon as you can on Friday.',
  ])('accepts vague words when the same sentence gives a time: %s', (ask) => {
    expect(warningsWith('vague_deadline', request({ ask }))).toEqual([]);
  });

  it('does not mistake "as soon as" used to join two events for a deadline', () => {
    const mitigations = 'As soon as Mr Evans wakes, staff check his breathing and write it down.';
    expect(warningsWith('vague_deadline', request({ mitigations }))).toEqual([]);
  });

  it('does not flag words that only contain a vague word', () => {
    expect(
      warningsWith('vague_deadline', request({ mitigations: 'We moved Mr Evans to a sunnier room.' })),
    ).toEqual([]);
  });

  it('reports each vague phrase in any text field, and points to the deadline when one is set', () => {
    const warnings = warningsWith(
      'vague_deadline',
      request({ mitigations: 'Housing will fix the boiler shortly.', body: 'Reply when you get a chance.' }),
    );
    expect(warnings.map((warning) => [warning.field, warning.span?.text])).toEqual([
      ['mitigations', 'shortly'],
      ['body', 'when you get a chance'],
    ]);
    expect(warnings[0]!.explanation).toContain('the same as the deadline you set');
  });
});

describe('unexplained abbreviations', () => {
  it.each(['DN', 'MAR', 'PRN', 'BG', 'OOH', 'SALT'])(
    'warns for %s with its plain alternative',
    (abbreviation) => {
      const impact = `Mrs Khan's ${abbreviation} has been affected by the staff shortage today.`;
      const warnings = warningsWith('unexplained_abbreviation', request({ impact }));
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatchObject({ field: 'impact', span: { text: abbreviation } });
      expect(warnings[0]!.suggestion).toBeTruthy();
      expect(warnings[0]!.explanation).toContain(warnings[0]!.suggestion);
    },
  );

  it('warns for an abbreviation not on the shipped list, without a suggestion', () => {
    const warnings = warningsWith(
      'unexplained_abbreviation',
      request({ mitigations: 'The RRT has been told and will visit at 2pm today.' }),
    );
    expect(warnings).toEqual([
      expect.objectContaining({ field: 'mitigations', span: { start: 4, end: 7, text: 'RRT' } }),
    ]);
    expect(warnings[0]!.suggestion).toBeUndefined();
  });

  it('warns once per abbreviation, at its first use', () => {
    const warnings = warningsWith(
      'unexplained_abbreviation',
      request({
        impact: 'The DN visit is at risk.',
        mitigations: 'We told the DN office.',
        body: 'DNs are busy.',
      }),
    );
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ field: 'impact', span: { text: 'DN' } });
  });

  it.each([
    ['District Nurse (DN)', 'The DN visit is at risk.'],
    ['DN (district nurse)', 'The DN visit is at risk.'],
    ['The DN (district nurse) visit is at risk.', ''],
    ['DN means district nurse.', 'The DN visit is at risk.'],
  ])('accepts an abbreviation explained anywhere in the message: %s', (mitigations, body) => {
    expect(warningsWith('unexplained_abbreviation', request({ mitigations, body }))).toEqual([]);
  });

  it('does not count brackets with no words before them as an explanation', () => {
    expect(
      warningsWith('unexplained_abbreviation', request({ mitigations: '(DN)', body: 'DN today.' })),
    ).toHaveLength(1);
  });

  it('counts plurals and mixed-case short forms', () => {
    const warnings = warningsWith(
      'unexplained_abbreviation',
      request({ impact: 'Two MARs are missing and the DoLS review is due.' }),
    );
    expect(warnings.map((warning) => warning.span?.text)).toEqual(['MARs', 'DoLS']);
  });

  it.each([
    'Her NHS number and GP are on file.',
    'Staff will call at 9 AM and 2 PM.',
    'Do NOT give her paracetamol.',
    'PLEASE DO NOT LEAVE HER ON HER OWN.',
    'She had COVID-19 last winter.',
    'She is in A&E today.',
    'The flat is at B15 2TT.',
    'Mrs Khan is well.',
  ])('does not flag understood capitals, shouting, postcodes or names: %s', (impact) => {
    expect(warningsWith('unexplained_abbreviation', request({ impact }))).toEqual([]);
  });
});

describe('jargon', () => {
  it.each([
    ['Her obs are stable.', 'obs'],
    ['Her sats dropped to 91%.', 'sats'],
    ['Her meds were late.', 'meds'],
    ['He is mobilising with a frame.', 'mobilising'],
    ['The pt was c/o chest pain.', 'pt'],
    ['She is a double-up call.', 'double-up'],
    ['She is nil by mouth.', 'nil by mouth'],
    ['An s42 has been opened.', 's42'],
  ])('warns for "%s" with a plain alternative', (impact, term) => {
    const warnings = warningsWith('jargon', request({ impact }));
    expect(warnings[0]).toMatchObject({ field: 'impact', span: { text: term } });
    expect(warnings[0]!.suggestion).toBeTruthy();
  });

  it.each([
    'Jobs were shared out between the team.',
    'She is mobile with a frame.',
    'The apartment is on the ground floor.',
    'We have an optimistic outlook.',
  ])('does not flag words that only contain a jargon term: %s', (impact) => {
    expect(warningsWith('jargon', request({ impact }))).toEqual([]);
  });
});

describe('long sentences', () => {
  const longSentence =
    'Because two carers phoned in sick this morning and the agency could not send anyone until after lunch, ' +
    'the Oak Road round is running about two hours late and some visits may be shortened.';

  it('warns for a sentence over 25 words, with its span', () => {
    const impact = `Mrs Khan is well. ${longSentence}`;
    const warnings = warningsWith('long_sentence', request({ impact }));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.span).toEqual({ start: 18, end: impact.length, text: longSentence });
    expect(warnings[0]!.explanation).toContain('34 words');
  });

  it('accepts a sentence of exactly 25 words', () => {
    const impact =
      'one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty twenty-one twenty-two twenty-three twenty-four twenty-five.';
    expect(warningsWith('long_sentence', request({ impact }))).toEqual([]);
    expect(warningsWith('long_sentence', request({ impact: `zero ${impact}` }))).toHaveLength(1);
  });

  it('does not end sentences at titles or short forms', () => {
    expect(
      splitSentences('Dr. Patel saw Mrs. Khan, e.g. for her feet. Then she left.').map((s) => s.text),
    ).toEqual(['Dr. Patel saw Mrs. Khan, e.g. for her feet.', 'Then she left.']);
  });

  it('treats each list item as its own sentence', () => {
    const mitigations =
      'We have:\n- moved Mr Evans to a warm room\n- given extra blankets to everyone\n1. checked temperatures hourly';
    expect(splitSentences(mitigations).map((s) => s.text)).toEqual([
      'We have:',
      'moved Mr Evans to a warm room',
      'given extra blankets to everyone',
      'checked temperatures hourly',
    ]);
  });

  it('reads a paragraph wrapped over several lines as one text', () => {
    expect(splitSentences('The boiler failed\nat 6am and\nthe engineer is coming.')).toHaveLength(1);
  });
});

describe('reading ease', () => {
  it('warns when a field is harder than plain English', () => {
    const impact =
      'Notwithstanding the aforementioned considerations, the multidisciplinary safeguarding arrangements ' +
      'necessitate comprehensive reconsideration regarding the individual’s accommodation requirements.';
    const warnings = warningsWith('hard_to_read', request({ impact }));
    expect(warnings).toEqual([expect.objectContaining({ code: 'hard_to_read', field: 'impact' })]);
    expect(warnings[0]!.explanation).toMatch(/reading ease -?\d+; aim for 60 or more/);
  });

  it('does not score fields too short for the score to mean anything', () => {
    expect(
      warningsWith('hard_to_read', request({ impact: 'Multidisciplinary reconsideration necessary.' })),
    ).toEqual([]);
  });

  it('scores short everyday sentences as easy and long formal ones as hard', () => {
    expect(
      fleschReadingEase('The heating is off. It is cold. We have put on extra heaters.'),
    ).toBeGreaterThan(80);
    expect(
      fleschReadingEase(
        'Consequently, the organisation anticipates considerable operational difficulties regarding administration.',
      ),
    ).toBeLessThan(0);
    expect(fleschReadingEase('')).toBeNull();
  });
});

describe('a realistic message with several problems', () => {
  it('reports each problem, in the order of the form', () => {
    const warnings = checkMessage({
      template: 'request',
      summary: 'Staffing issues on the Oak Road round.',
      impact: 'Mrs Khan’s BG has been high. Her obs are stable.',
      mitigations: 'RM covering. District Nurse (DN) aware.',
      ask: 'Any support appreciated asap.',
    });
    expect(
      warnings.map((warning): [MessageWarningCode, MessageField, string | undefined] => [
        warning.code,
        warning.field,
        warning.span?.text,
      ]),
    ).toEqual([
      ['summary_without_timing', 'summary', undefined],
      ['unexplained_abbreviation', 'impact', 'BG'],
      ['jargon', 'impact', 'obs'],
      ['unexplained_abbreviation', 'mitigations', 'RM'],
      ['no_explicit_ask', 'ask', undefined],
      ['vague_deadline', 'ask', 'asap'],
      ['no_deadline', 'deadline', undefined],
    ]);
  });
});

describe('any text at all', () => {
  const text = fc.oneof(
    fc.string({ unit: 'grapheme', maxLength: 300 }),
    fc.string({ unit: 'binary', maxLength: 300 }),
    // Fragments the checks look for, in any order, to reach their edge cases.
    fc
      .array(
        fc.constantFrom(
          'DN',
          '(DN)',
          'asap',
          ' soon',
          '.',
          '?',
          '\n',
          '\n\n- ',
          'Please ',
          'at 4pm',
          'obs',
          ' ',
          'Mr.',
          'é',
        ),
        { maxLength: 60 },
      )
      .map((parts) => parts.join('')),
  );
  const draft = fc.record(
    {
      template: fc.constantFrom('request' as const, 'update' as const),
      subject: text,
      summary: text,
      impact: text,
      mitigations: text,
      ask: text,
      askType: fc.constantFrom(
        'decision' as const,
        'resource' as const,
        'advice' as const,
        'action' as const,
      ),
      deadline: fc.oneof(
        fc.string(),
        fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
      ),
      body: text,
    },
    { requiredKeys: ['template', 'summary', 'impact', 'mitigations'] },
  );

  it('never throws, and every span is the text it points at', () => {
    fc.assert(
      fc.property(draft, fc.option(fc.date(), { nil: undefined }), (message, now) => {
        const warnings = checkMessage(message, { now, aboutPerson: doris, otherPeople: [arthur] });
        for (const warning of warnings) {
          expect(warning.explanation.length).toBeGreaterThan(0);
          if (!warning.span) continue;
          const fieldText = message[warning.field as Exclude<MessageField, 'deadline'>] ?? '';
          expect(fieldText.slice(warning.span.start, warning.span.end)).toBe(warning.span.text);
        }
      }),
    );
  });
});
