import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { contactChoice, TheMessage } from './message-parts.tsx';

afterEach(cleanup);

describe('TheMessage', () => {
  it('shows each part that was written under its heading, and leaves out the empty ones', () => {
    render(
      <TheMessage
        message={{
          summary: 'The lift is out of order.',
          impact: null,
          mitigations: 'Two staff help with the stairs.\nThe engineer is booked.',
          ask: null,
          body: null,
        }}
      />,
    );
    expect(screen.getAllByRole('heading').map((heading) => heading.textContent)).toEqual([
      'The message',
      'Summary',
      'What is already in place',
    ]);
    expect(screen.getByText('The engineer is booked.')).toBeTruthy();
  });
});

describe('contactChoice', () => {
  it('names the contact and their job, and says when there is no email address to send to', () => {
    expect(
      contactChoice({ id: 'c1', name: 'Dr Ann Lee', jobTitle: 'GP', email: 'ann@example.nhs.uk' }),
    ).toEqual({
      value: 'c1',
      label: 'Dr Ann Lee, GP',
    });
    expect(contactChoice({ id: 'c2', name: 'Sam Duty', jobTitle: null, email: null })).toEqual({
      value: 'c2',
      label: 'Sam Duty, no email address',
    });
  });
});
