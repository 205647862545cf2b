import { cleanup, render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import { PagedList, pageRequest } from './PagedList.tsx';
import { pageFrom } from './Pagination.tsx';

afterEach(cleanup);

function List({ items, page, empty }: { items: string[]; page: number; empty?: string }) {
  return (
    <MemoryRouter>
      <PagedList
        resource={{ status: 'loaded', data: { items } }}
        reload={() => {}}
        page={page}
        pageSize={2}
        searchParams={new URLSearchParams('view=open')}
        {...(empty ? { empty: <p>{empty}</p> } : {})}
      >
        {(shown) => (
          <ul aria-label="Items">
            {shown.map((item) => (
              <li key={item}>{item}</li>
            ))}
          </ul>
        )}
      </PagedList>
    </MemoryRouter>
  );
}

describe('a paged list', () => {
  it('takes its page from the address as a whole number from 1, else the first', () => {
    const page = (query: string) => pageFrom(new URLSearchParams(query));
    expect(page('page=3')).toBe(3);
    for (const query of [
      '',
      'page=',
      'page=0',
      'page=-2',
      'page=abc',
      'page=1e999',
      'page=99999999999999999',
    ]) {
      expect(page(query), query).toBe(1);
    }
    // What someone typed after the number is ignored, as any site would: 2.5 is page 2.
    expect(page('page=2.5')).toBe(2);
  });

  it('asks for one more than a page holds', () => {
    expect(pageRequest(1, 25)).toEqual({ limit: 26, offset: 0 });
    expect(pageRequest(3, 25)).toEqual({ limit: 26, offset: 50 });
  });

  it('shows a page’s worth, and a next page when the extra one came', () => {
    render(<List items={['a', 'b', 'c']} page={1} />);
    expect(screen.getByRole('list', { name: 'Items' }).textContent).toBe('ab');
    expect(screen.getByRole('link', { name: 'Next page' }).getAttribute('href')).toBe('/?view=open&page=2');
    expect(screen.queryByRole('link', { name: 'Previous page' })).toBeNull();
  });

  it('says when there is nothing at all, if it is told what to say', () => {
    render(<List items={[]} page={1} empty="There are no messages here." />);
    expect(screen.getByText('There are no messages here.')).toBeTruthy();
    expect(screen.queryByRole('list', { name: 'Items' })).toBeNull();
  });

  it('shows the way back from a later page', () => {
    render(<List items={['e']} page={3} />);
    expect(screen.getByRole('link', { name: 'Previous page' }).getAttribute('href')).toBe(
      '/?view=open&page=2',
    );
    expect(screen.queryByRole('link', { name: 'Next page' })).toBeNull();
  });
});
