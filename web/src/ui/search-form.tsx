import type { FormEvent, ReactNode } from 'react';
import { Link } from 'react-router';

/** What a search form asks for, as the page address's query: the fields left empty are left out. */
export function searchQueryFrom(form: FormData, names: readonly string[]): URLSearchParams {
  const query = new URLSearchParams();
  for (const name of names) {
    const value = String(form.get(name) ?? '').trim();
    if (value) query.set(name, value);
  }
  return query;
}

/**
 * A list page's search: its heading, its fields side by side (each in a grid column), the Search
 * button, and a way back to the whole list while a search is shown. `searchKey` is the search
 * being shown, so the fields start again from it when it changes.
 */
export function SearchForm({
  heading,
  searchKey,
  onSubmit,
  clearTo,
  children,
}: {
  heading: string;
  searchKey: string;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  /** The whole list, while a search is shown. */
  clearTo: string | null;
  children: ReactNode;
}) {
  return (
    <search>
      <form className="nhsuk-u-margin-bottom-5" onSubmit={onSubmit} noValidate key={searchKey}>
        <h2 className="nhsuk-heading-m">{heading}</h2>
        <div className="nhsuk-grid-row">{children}</div>
        <button className="nhsuk-button nhsuk-button--secondary nhsuk-u-margin-bottom-2" type="submit">
          Search
        </button>
        {clearTo ? (
          <p>
            <Link to={clearTo}>Clear the search</Link>
          </p>
        ) : null}
      </form>
    </search>
  );
}
