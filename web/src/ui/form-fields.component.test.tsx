import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import {
  CodeInput,
  changesFrom,
  codeChoices,
  DateInput,
  dateProblems,
  Radios,
  readDateInput,
  readDateRange,
  SelectField,
  TextArea,
} from './form-fields.tsx';

afterEach(cleanup);

describe('the form fields outside a form', () => {
  it('a text area shows its hint and error and is described by them', () => {
    render(<TextArea name="reason" label="Why?" hint="In their words." error="Say why" />);
    const area = screen.getByLabelText('Why?');
    expect(area.id).toBe('reason');
    expect(area.getAttribute('aria-describedby')).toBe('reason-hint reason-error');
    expect(area.className).toContain('nhsuk-textarea--error');
  });

  it('a select starts on its value', () => {
    render(
      <SelectField
        name="type"
        label="Type"
        options={[
          { value: '', label: 'Choose a type' },
          { value: 'gp', label: 'GP' },
        ]}
        defaultValue="gp"
      />,
    );
    expect((screen.getByLabelText('Type') as HTMLSelectElement).value).toBe('gp');
  });

  it('radios give the first item the field’s id and show a conditional part only while it is chosen', () => {
    render(
      <Radios
        id="decision"
        name="decision"
        legend="Will you do it?"
        items={[
          { value: 'accept', label: 'Yes' },
          { value: 'decline', label: 'No' },
        ]}
        conditional={{ decline: <p>Say why</p> }}
      />,
    );
    expect(screen.getByLabelText('Yes').id).toBe('decision');
    expect(screen.getByLabelText('No').id).toBe('decision-2');
    const why = screen.getByText('Say why').parentElement as HTMLElement;
    expect(why.hidden).toBe(true);
    fireEvent.click(screen.getByLabelText('No'));
    expect(why.hidden).toBe(false);
  });

  it('a date input reads back as a date, or says what is wrong in the NHS.UK words', () => {
    render(
      <form data-testid="form">
        <DateInput name="givenOn" legend="When?" defaultValue="2026-03-07" />
      </form>,
    );
    const form = () => new FormData(screen.getByTestId('form') as HTMLFormElement);
    expect((screen.getByLabelText('Day') as HTMLInputElement).value).toBe('7');
    expect(readDateInput(form(), 'givenOn', 'The date')).toEqual({ date: '2026-03-07' });
    fireEvent.change(screen.getByLabelText('Month'), { target: { value: '' } });
    expect(readDateInput(form(), 'givenOn', 'The date')).toEqual({
      problem: 'The date must include a month',
    });
    fireEvent.change(screen.getByLabelText('Month'), { target: { value: '2' } });
    fireEvent.change(screen.getByLabelText('Day'), { target: { value: '30' } });
    expect(readDateInput(form(), 'givenOn', 'The date')).toEqual({ problem: 'The date must be a real date' });
  });

  it('a code input asks phones for the number pad and lets the browser fill the one-time code', () => {
    render(<CodeInput id="code" label="Code" />);
    const input = screen.getByLabelText('Code');
    expect(input.getAttribute('inputmode')).toBe('numeric');
    expect(input.getAttribute('autocomplete')).toBe('one-time-code');
    expect(input.getAttribute('name')).toBe('code');
  });
});

describe('codeChoices', () => {
  const labels = { phone: 'By phone', email: 'By email' } as const;

  it('gives each code its label, and its hint where there are hints', () => {
    expect(codeChoices(['email', 'phone'], labels)).toEqual([
      { value: 'email', label: 'By email' },
      { value: 'phone', label: 'By phone' },
    ]);
    expect(codeChoices(['phone'], labels, { phone: 'A call or a text.' })).toEqual([
      { value: 'phone', label: 'By phone', hint: 'A call or a text.' },
    ]);
  });

  it('radios made from codes show each hint under its choice', () => {
    render(
      <Radios
        name="how"
        legend="How?"
        items={codeChoices(['phone', 'email'], labels, { email: 'To their work address.' })}
      />,
    );
    expect(screen.getByLabelText('By phone').getAttribute('aria-describedby')).toBeNull();
    expect(screen.getByLabelText('By email').getAttribute('aria-describedby')).toBe('how-2-item-hint');
    expect(screen.getByText('To their work address.').id).toBe('how-2-item-hint');
  });
});

describe('dateProblems', () => {
  it('passes on what is wrong with the date as typed, and asks for a needed date left empty', () => {
    expect(dateProblems('reviewOn', { problem: 'The review date must be a real date' }, 'Enter it')).toEqual([
      { field: 'reviewOn', message: 'The review date must be a real date' },
    ]);
    expect(dateProblems('reviewOn', { date: null }, 'Enter the date to review it by')).toEqual([
      { field: 'reviewOn', message: 'Enter the date to review it by' },
    ]);
    expect(dateProblems('endsOn', { date: null })).toEqual([]);
    expect(dateProblems('reviewOn', { date: '2027-01-31' }, 'Enter it')).toEqual([]);
  });
});

describe('changesFrom', () => {
  it('keeps only what differs, lists compared in any order', () => {
    expect(
      changesFrom<{ name: string; purposes: string[]; notes: string | null }>(
        { name: 'Ann', purposes: ['care', 'safety'], notes: null },
        { name: 'Ann', purposes: ['safety', 'care'], notes: 'New' },
      ),
    ).toEqual({ notes: 'New' });
  });
});

describe('readDateRange', () => {
  const range = (values: Record<string, string>) => {
    const data = new FormData();
    for (const [name, value] of Object.entries(values)) data.set(name, value);
    return readDateRange(data);
  };

  it('gives the dates typed as a query, leaving out one left empty', () => {
    expect(range({ 'from-day': '1', 'from-month': '11', 'from-year': '2026' }).query?.toString()).toBe(
      'from=2026-11-01',
    );
    expect(
      range({
        'from-day': '1',
        'from-month': '11',
        'from-year': '2026',
        'to-day': '1',
        'to-month': '11',
        'to-year': '2026',
      }).query?.toString(),
    ).toBe('from=2026-11-01&to=2026-11-01');
  });

  it('says what is wrong with either date, and with a last day before the first', () => {
    expect(range({ 'from-day': '31', 'from-month': '2', 'from-year': '2026' }).problems).toEqual([
      { field: 'from', message: 'The first day must be a real date' },
    ]);
    expect(
      range({
        'from-day': '2',
        'from-month': '11',
        'from-year': '2026',
        'to-day': '1',
        'to-month': '11',
        'to-year': '2026',
      }),
    ).toEqual({
      query: null,
      problems: [{ field: 'to', message: 'The last day must be the same as the first day or later' }],
    });
  });
});
