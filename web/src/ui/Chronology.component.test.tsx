import { cleanup, render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import { ChronologyList, EntryMoment, OlderEntriesLink } from './Chronology.tsx';

afterEach(cleanup);

const entry: { occurredAt: string; recordedAt: string; agency: string; recordedBy: string | null } = {
  occurredAt: '2026-11-21T18:30:00Z',
  recordedAt: '2026-11-21T18:35:00Z',
  agency: 'Riverside Community Care',
  recordedBy: 'Sam Lee',
};

function moment(item: typeof entry) {
  const { container } = render(<EntryMoment item={item} ownAgency="Riverside Community Care" />);
  return (container.textContent ?? '').replace(/\s+/g, ' ').trim();
}

describe('EntryMoment', () => {
  it('says when, and who recorded it, without naming the organisation’s own agency', () => {
    expect(moment(entry)).toBe('21 November 2026 at 6:30pm. Recorded by Sam Lee.');
  });

  it('names another agency, and when it was written down if that was a while later', () => {
    expect(
      moment({ ...entry, agency: 'Riverside Surgery', recordedAt: '2026-11-22T09:00:00Z', recordedBy: null }),
    ).toBe('21 November 2026 at 6:30pm, from Riverside Surgery. Recorded 22 November 2026 at 9:00am.');
    expect(moment({ ...entry, recordedAt: '2026-11-21T19:00:00Z' })).toBe(
      '21 November 2026 at 6:30pm. Recorded by Sam Lee on 21 November 2026 at 7:00pm.',
    );
  });
});

describe('ChronologyList and OlderEntriesLink', () => {
  it('name the list for screen readers, and link to the older page', () => {
    render(
      <MemoryRouter>
        <ChronologyList label="Chronology, newest first">
          <li>An entry</li>
        </ChronologyList>
        <OlderEntriesLink to="?before=abc" />
      </MemoryRouter>,
    );
    expect(screen.getByRole('list', { name: 'Chronology, newest first' }).textContent).toBe('An entry');
    expect(screen.getByRole('link', { name: 'Older entries' }).getAttribute('href')).toBe('/?before=abc');
  });
});
