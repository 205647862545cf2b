import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { todayInLondon } from './london-time.ts';
import { DayDoneInput, MomentFields, readMoment } from './moment-fields.tsx';

afterEach(cleanup);

function formWith(values: Record<string, string>): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(values)) form.set(name, value);
  return form;
}

describe('a moment typed as a UK date and time', () => {
  it('starts on the moment given, in UK time whatever the device says', () => {
    render(
      <MomentFields
        name="occurredAt"
        legend="When did it happen?"
        initial={new Date('2026-07-01T08:05:00Z')}
      />,
    );
    expect((screen.getByLabelText('Day') as HTMLInputElement).value).toBe('1');
    expect((screen.getByLabelText('Month') as HTMLInputElement).value).toBe('7');
    expect((screen.getByLabelText('Time') as HTMLInputElement).value).toBe('09:05');
    expect(screen.getByLabelText('Day').id).toBe('occurredAt');
  });

  it('reads back with its UK offset, or says what is missing', () => {
    const summer = formWith({
      'when-day': '1',
      'when-month': '7',
      'when-year': '2026',
      'when-time': '9:05am',
    });
    expect(readMoment(summer, 'when', 'The visit')).toEqual({ moment: '2026-07-01T09:05:00+01:00' });
    const winter = formWith({
      'when-day': '1',
      'when-month': '12',
      'when-year': '2026',
      'when-time': '21:30',
    });
    expect(readMoment(winter, 'when', 'The visit')).toEqual({ moment: '2026-12-01T21:30:00+00:00' });
    expect(readMoment(formWith({}), 'when', 'The visit')).toEqual({
      problem: 'Enter the date and time of the visit',
    });
    const noTime = formWith({ 'when-day': '1', 'when-month': '12', 'when-year': '2026' });
    expect(readMoment(noTime, 'when', 'The visit')).toEqual({
      problem: 'Enter the time of the visit, like 9:30am or 21:30',
    });
  });
});

describe('the day something was done', () => {
  it('starts on today in UK time and gives it as the example', () => {
    render(<DayDoneInput name="assessedOn" legend="When was the assessment?" />);
    const [year, month, day] = todayInLondon().split('-');
    expect((screen.getByLabelText('Day') as HTMLInputElement).value).toBe(String(Number(day)));
    expect((screen.getByLabelText('Month') as HTMLInputElement).value).toBe(String(Number(month)));
    expect((screen.getByLabelText('Year') as HTMLInputElement).value).toBe(year);
    expect(document.getElementById('assessedOn-hint')?.textContent).toMatch(
      /^For example, \d{1,2} \d{1,2} \d{4}$/,
    );
  });
});
