import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isStaffedAt, type WeeklyHours, weekdays } from '../calendar/working-hours.ts';
import { type ChannelForChoice, chooseChannel } from './channel-choice.ts';

const officeHours: WeeklyHours = {
  monday: ['09:00-17:00'],
  tuesday: ['09:00-17:00'],
  wednesday: ['09:00-17:00'],
  thursday: ['09:00-17:00'],
  friday: ['09:00-17:00'],
};

type TestChannel = ChannelForChoice & { id: string };

function channel(id: string, overrides: Partial<TestChannel> = {}): TestChannel {
  return {
    id,
    kind: 'phone',
    value: '0121 496 0000',
    label: null,
    urgencies: ['urgent'],
    hours: officeHours,
    staffedOnBankHolidays: false,
    ...overrides,
  };
}

const gpDirect = channel('gp-direct', { value: '0121 496 0001', label: 'Direct line' });
const surgeryReception = channel('surgery-reception', {
  value: '0121 496 0002',
  urgencies: ['urgent', 'routine'],
});
const surgeryDuty = channel('surgery-ooh', {
  kind: 'out_of_hours_line',
  value: '111',
  urgencies: ['out_of_hours'],
  hours: '24/7',
  staffedOnBankHolidays: true,
});

function choose(
  at: string,
  options: { contact?: TestChannel[]; organisation?: TestChannel[]; urgency?: 'urgent' | 'routine' } = {},
) {
  return chooseChannel({
    contact: { name: 'Dr Patel', endedAt: null, channels: options.contact ?? [gpDirect] },
    organisation: {
      name: 'Riverside Surgery',
      channels: options.organisation ?? [surgeryReception, surgeryDuty],
    },
    urgency: options.urgency ?? 'urgent',
    at: new Date(at),
  });
}

describe('which channel now: the edges of working hours (Europe/London)', () => {
  it('is closed at 08:59 on a weekday, open at 09:00, and closed again at 17:00', () => {
    // Friday 20 November 2026: GMT, so London time is UTC.
    expect(choose('2026-11-20T08:59:00Z').route?.channel.id).toBe('surgery-ooh');
    const nine = choose('2026-11-20T09:00:00Z');
    expect(nine.route).toMatchObject({ whose: 'contact', outOfHours: false });
    expect(nine.route?.channel.id).toBe('gp-direct');
    expect(nine.route?.staffedUntil).toEqual(new Date('2026-11-20T17:00:00Z'));
    expect(nine.reason).toBe(
      'Dr Patel’s own phone line “Direct line” (0121 496 0001) serves urgent matters and is staffed until 17:00 on Friday 20 November.',
    );
    expect(choose('2026-11-20T16:59:00Z').route?.channel.id).toBe('gp-direct');
    expect(choose('2026-11-20T17:00:00Z').route).toMatchObject({ whose: 'organisation', outOfHours: true });
  });

  it('treats the weekend as out of hours', () => {
    const saturday = choose('2026-11-21T18:30:00Z');
    expect(saturday.route).toMatchObject({ whose: 'organisation', outOfHours: true, staffedUntil: null });
    expect(saturday.reason).toBe(
      'No channel for urgent matters is staffed at 18:30 on Saturday 21 November, so Riverside Surgery’s out-of-hours line (111) is used as the out-of-hours route: it is staffed around the clock.',
    );
  });

  it('treats bank holidays as out of hours, including the Boxing Day substitute', () => {
    for (const day of ['2026-12-25', '2026-12-28', '2027-05-03']) {
      expect(choose(`${day}T10:00:00Z`).route, day).toMatchObject({
        outOfHours: true,
        ownerName: 'Riverside Surgery',
      });
    }
    // The ordinary Tuesday after is a working day again.
    expect(choose('2026-12-29T10:00:00Z').route?.channel.id).toBe('gp-direct');
  });

  it('uses a channel on a bank holiday when it is marked as staffed on bank holidays', () => {
    const bankHolidayLine = channel('bank-holiday-line', { staffedOnBankHolidays: true });
    expect(choose('2026-12-28T10:00:00Z', { contact: [bankHolidayLine] }).route?.channel.id).toBe(
      'bank-holiday-line',
    );
  });

  it('reads local hours right on the days the clocks change', () => {
    const sundayLine = channel('sunday-line', { hours: { sunday: ['09:00-17:00'] } });
    const onSunday = (at: string) =>
      choose(at, { contact: [sundayLine], organisation: [] }).route?.channel.id;
    // 28 March 2027: clocks go forward at 01:00 UTC, so 09:00 in London is 08:00 UTC.
    expect(onSunday('2027-03-28T07:59:00Z')).toBeUndefined();
    expect(onSunday('2027-03-28T08:00:00Z')).toBe('sunday-line');
    expect(onSunday('2027-03-28T15:59:00Z')).toBe('sunday-line');
    expect(onSunday('2027-03-28T16:00:00Z')).toBeUndefined();
    // 25 October 2026: clocks go back at 01:00 UTC, so 09:00 in London is 09:00 UTC again.
    expect(onSunday('2026-10-25T08:59:00Z')).toBeUndefined();
    expect(onSunday('2026-10-25T09:00:00Z')).toBe('sunday-line');
    expect(onSunday('2026-10-25T16:59:00Z')).toBe('sunday-line');
    expect(onSunday('2026-10-25T17:00:00Z')).toBeUndefined();
  });

  it('follows a staffed stretch past midnight when saying until when it is staffed', () => {
    const overnight = channel('overnight', { hours: { friday: ['17:00-24:00'], saturday: ['00:00-09:00'] } });
    const choice = choose('2026-11-20T22:00:00Z', { contact: [overnight], organisation: [] });
    expect(choice.route?.staffedUntil).toEqual(new Date('2026-11-21T09:00:00Z'));
  });
});

describe('which channel now: whose channel', () => {
  it('falls back to the organisation’s channel when the contact has none for this urgency', () => {
    const choice = choose('2026-11-20T10:00:00Z', { urgency: 'routine' });
    expect(choice.route).toMatchObject({ whose: 'organisation', outOfHours: false });
    expect(choice.route?.channel.id).toBe('surgery-reception');
    expect(choice.reason).toBe(
      'Dr Patel has no channel for routine matters staffed at 10:00 on Friday 20 November, so Riverside Surgery’s phone line (0121 496 0002) is used: it is staffed until 17:00 on Friday 20 November.',
    );
  });

  it('falls back to the organisation’s out-of-hours channel when the contact has none', () => {
    expect(choose('2026-11-21T12:00:00Z').route?.channel.id).toBe('surgery-ooh');
  });

  it('prefers the contact’s own out-of-hours channel to the organisation’s', () => {
    const mobile = channel('gp-mobile', { urgencies: ['out_of_hours'], hours: '24/7' });
    expect(choose('2026-11-21T12:00:00Z', { contact: [gpDirect, mobile] }).route).toMatchObject({
      whose: 'contact',
      outOfHours: true,
    });
  });

  it('never chooses the channel of a contact who has moved on', () => {
    const choice = chooseChannel({
      contact: { name: 'Dr Patel', endedAt: new Date('2026-11-01T00:00:00Z'), channels: [gpDirect] },
      organisation: { name: 'Riverside Surgery', channels: [surgeryReception] },
      urgency: 'urgent',
      at: new Date('2026-11-20T10:00:00Z'),
    });
    expect(choice.route?.channel.id).toBe('surgery-reception');
    expect(choice.reason).toContain('Dr Patel has moved on from this role');
  });

  it('answers no route, and says why, when nothing is staffed and there is no out-of-hours channel', () => {
    const choice = choose('2026-11-21T18:30:00Z', { organisation: [surgeryReception] });
    expect(choice.route).toBeNull();
    expect(choice.reason).toBe(
      'No channel for urgent matters is staffed at 18:30 on Saturday 21 November, and neither Dr Patel nor Riverside Surgery has an out-of-hours channel in the register.',
    );
  });

  it('keeps routine matters off out-of-hours lines and says when a routine channel next opens', () => {
    const choice = choose('2026-11-21T18:30:00Z', { urgency: 'routine' });
    expect(choice.route).toBeNull();
    if (choice.route !== null) return;
    expect(choice.nextStaffedAt).toEqual(new Date('2026-11-23T09:00:00Z'));
    expect(choice.reason).toBe(
      'No channel for routine matters is staffed at 18:30 on Saturday 21 November. Routine matters wait for staffed hours: Riverside Surgery’s phone line (0121 496 0002) is next staffed at 09:00 on Monday 23 November.',
    );
  });

  it('prefers a written channel for routine matters and a voice for urgent ones', () => {
    const email = channel('email', {
      kind: 'secure_email',
      value: 'gp@nhs.net',
      urgencies: ['urgent', 'routine'],
    });
    const phone = channel('phone', { urgencies: ['urgent', 'routine'] });
    expect(
      choose('2026-11-20T10:00:00Z', { contact: [email, phone], urgency: 'routine' }).route?.channel.id,
    ).toBe('email');
    expect(
      choose('2026-11-20T10:00:00Z', { contact: [email, phone], urgency: 'urgent' }).route?.channel.id,
    ).toBe('phone');
  });
});

describe('which channel now: saying plainly what the register lacks', () => {
  const saturdayEvening = new Date('2026-11-21T18:30:00Z');
  const fridayMorning = new Date('2026-11-20T10:00:00Z');
  const organisationOnly = (channels: TestChannel[], urgency: 'urgent' | 'routine', at = saturdayEvening) =>
    chooseChannel({ contact: null, organisation: { name: 'Riverside Surgery', channels }, urgency, at });

  it('says there is no channel in the register when the contact and organisation have none', () => {
    for (const urgency of ['urgent', 'routine'] as const) {
      for (const at of [saturdayEvening, fridayMorning]) {
        const choice = chooseChannel({
          contact: { name: 'Dr Patel', endedAt: null, channels: [] },
          organisation: { name: 'Riverside Surgery', channels: [] },
          urgency,
          at,
        });
        expect(choice).toEqual({
          route: null,
          nextStaffedAt: null,
          reason: 'There is no channel in the register for Dr Patel or Riverside Surgery.',
        });
      }
    }
  });

  it('says the same of an organisation asked about alone (the duty-line step), never that it has a channel', () => {
    expect(organisationOnly([], 'urgent').reason).toBe(
      'There is no channel in the register for Riverside Surgery.',
    );
    expect(organisationOnly([surgeryReception], 'urgent').reason).toBe(
      'No channel for urgent matters is staffed at 18:30 on Saturday 21 November, and Riverside Surgery has no out-of-hours channel in the register.',
    );
  });

  it('leaves a contact who has moved on out of the sentence', () => {
    const choice = chooseChannel({
      contact: { name: 'Dr Patel', endedAt: new Date('2026-11-01T00:00:00Z'), channels: [gpDirect] },
      organisation: { name: 'Riverside Surgery', channels: [] },
      urgency: 'urgent',
      at: fridayMorning,
    });
    expect(choice.reason).toBe('There is no channel in the register for Riverside Surgery.');
  });

  it('says when no channel serves routine matters at all, or none opens in the next two weeks', () => {
    expect(organisationOnly([gpDirect], 'routine').reason).toBe(
      'No channel for routine matters is staffed at 18:30 on Saturday 21 November: Riverside Surgery has no channel for routine matters in the register.',
    );
    const neverStaffed = channel('closed', { urgencies: ['routine'], hours: {} });
    expect(organisationOnly([neverStaffed], 'routine').reason).toBe(
      'No channel for routine matters is staffed at 18:30 on Saturday 21 November, and Riverside Surgery has no channel for routine matters staffed in the next two weeks.',
    );
    expect(
      choose('2026-11-21T18:30:00Z', { contact: [], organisation: [neverStaffed], urgency: 'routine' })
        .reason,
    ).toBe(
      'No channel for routine matters is staffed at 18:30 on Saturday 21 November, and neither Dr Patel nor Riverside Surgery has a channel for routine matters staffed in the next two weeks.',
    );
  });
});

describe('which channel now: properties', () => {
  const span = fc
    .tuple(fc.integer({ min: 0, max: 47 }), fc.integer({ min: 1, max: 48 }))
    .filter(([start, length]) => start + length <= 48)
    .map(([start, length]) => {
      const clock = (half: number) =>
        `${String(Math.floor(half / 2)).padStart(2, '0')}:${half % 2 ? '30' : '00'}`;
      return `${clock(start)}-${clock(start + length)}`;
    });
  const hours: fc.Arbitrary<WeeklyHours> = fc.oneof(
    fc.constant('24/7' as const),
    fc.record(Object.fromEntries(weekdays.map((day) => [day, fc.array(span, { maxLength: 1 })])), {
      requiredKeys: [],
    }),
  );
  const arbitraryChannel = fc.record({
    id: fc.uuid(),
    kind: fc.constantFrom(
      'phone',
      'email',
      'secure_email',
      'duty_line',
      'out_of_hours_line',
      'portal',
      'other' as const,
    ),
    value: fc.constant('0121 496 0000'),
    label: fc.constant(null),
    urgencies: fc.uniqueArray(fc.constantFrom('urgent', 'routine', 'out_of_hours' as const), {
      minLength: 1,
      maxLength: 3,
    }),
    hours,
    staffedOnBankHolidays: fc.boolean(),
  }) as fc.Arbitrary<TestChannel>;
  const moment = fc.date({
    min: new Date('2026-01-01T00:00:00Z'),
    max: new Date('2027-12-31T23:59:59Z'),
    noInvalidDate: true,
  });

  it('only ever returns a channel that is staffed at that moment and fits the matter', () => {
    fc.assert(
      fc.property(
        fc.array(arbitraryChannel, { maxLength: 4 }),
        fc.array(arbitraryChannel, { maxLength: 4 }),
        fc.constantFrom('urgent', 'routine' as const),
        moment,
        fc.constantFrom('current', 'moved_on', 'absent' as const),
        (givenContactChannels, organisationChannels, urgency, at, contactState) => {
          const contactChannels = contactState === 'current' ? givenContactChannels : [];
          const choice = chooseChannel({
            contact:
              contactState === 'absent'
                ? null
                : {
                    name: 'Dr Patel',
                    endedAt: contactState === 'moved_on' ? new Date('2026-01-01T00:00:00Z') : null,
                    channels: contactState === 'current' ? contactChannels : givenContactChannels,
                  },
            organisation: { name: 'Riverside Surgery', channels: organisationChannels },
            urgency,
            at,
          });
          const all = [...contactChannels, ...organisationChannels];
          const servesNow = all.filter((item) => item.urgencies.includes(urgency) && isStaffedAt(item, at));
          if (!choice.route) {
            expect(servesNow).toEqual([]);
            // Only "X has no …" or "neither X nor Y has …": never a claim that someone has a channel.
            expect(choice.reason.replace(/neither [^.,:]* has/g, '')).not.toMatch(/\bhas (a|an|one)\b/);
            if (all.length === 0) expect(choice.reason).toContain('no channel in the register');
            return;
          }
          const chosen = choice.route.channel;
          expect(isStaffedAt(chosen, at)).toBe(true);
          if (choice.route.outOfHours) {
            expect(urgency).toBe('urgent');
            expect(chosen.urgencies).toContain('out_of_hours');
            expect(servesNow).toEqual([]);
          } else {
            expect(chosen.urgencies).toContain(urgency);
          }
          const contactServesNow = contactChannels.some((item) => servesNow.includes(item));
          if (contactServesNow) expect(choice.route.whose).toBe('contact');
          if (choice.route.staffedUntil)
            expect(choice.route.staffedUntil.getTime()).toBeGreaterThan(at.getTime());
        },
      ),
      { numRuns: 500 },
    );
  });
});
