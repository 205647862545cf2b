import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import type { FormEvent } from 'react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import { TextField } from './form-fields.tsx';
import { SearchForm, searchQueryFrom } from './search-form.tsx';

afterEach(cleanup);

function Search({
  clearTo,
  onSearch,
}: {
  clearTo: string | null;
  onSearch: (query: URLSearchParams) => void;
}) {
  function search(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onSearch(searchQueryFrom(new FormData(event.currentTarget), ['q', 'type']));
  }
  return (
    <MemoryRouter>
      <SearchForm heading="Find a person" searchKey="q=Ann" onSubmit={search} clearTo={clearTo}>
        <div className="nhsuk-grid-column-one-half">
          <TextField id="q" name="q" label="Name" type="search" defaultValue="  Ann " />
        </div>
        <div className="nhsuk-grid-column-one-half">
          <TextField id="type" name="type" label="Type" />
        </div>
      </SearchForm>
    </MemoryRouter>
  );
}

describe('SearchForm', () => {
  it('is a search element with its heading, and sends what was asked for without the empty fields', () => {
    let query: URLSearchParams | null = null;
    const { container } = render(<Search clearTo={null} onSearch={(asked) => (query = asked)} />);
    expect(container.querySelector('search > form')).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Find a person' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Search' }));
    expect(String(query)).toBe('q=Ann');
    expect(screen.queryByRole('link', { name: 'Clear the search' })).toBeNull();
  });

  it('offers the whole list again while a search is shown', () => {
    render(<Search clearTo="/people" onSearch={() => {}} />);
    expect(screen.getByRole('link', { name: 'Clear the search' }).getAttribute('href')).toBe('/people');
  });
});
