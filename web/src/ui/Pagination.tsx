import { Link } from 'react-router';

/**
 * The page of a list the address asks for: a whole number from 1. Anything else (missing, 0,
 * "2.5", "abc") is the first page, so a mistyped address shows a list rather than an error.
 */
export function pageFrom(searchParams: URLSearchParams): number {
  const page = Number.parseInt(searchParams.get('page') ?? '', 10);
  return Number.isSafeInteger(page) && page >= 1 ? page : 1;
}

/** Previous/next links for a paged list; other query parameters (search, filters) are kept. */
export function Pagination({
  page,
  hasNextPage,
  searchParams,
  state,
}: {
  page: number;
  hasNextPage: boolean;
  searchParams?: URLSearchParams;
  /** What the list was asked for that stays out of the address (a person's name), kept from page to page. */
  state?: unknown;
}) {
  if (page === 1 && !hasNextPage) return null;
  const linkTo = (target: number) => {
    const next = new URLSearchParams(searchParams ?? '');
    next.set('page', String(target));
    return `?${next}`;
  };
  return (
    <nav className="nhsuk-pagination" aria-label="Pagination">
      <ul className="nhsuk-list nhsuk-pagination__list">
        {page > 1 ? (
          <li className="nhsuk-pagination-item--previous">
            <Link
              className="nhsuk-pagination__link nhsuk-pagination__link--prev"
              to={linkTo(page - 1)}
              state={state}
              rel="prev"
            >
              <span className="nhsuk-pagination__title">
                Previous<span className="nhsuk-u-visually-hidden"> page</span>
              </span>
            </Link>
          </li>
        ) : null}
        {hasNextPage ? (
          <li className="nhsuk-pagination-item--next">
            <Link
              className="nhsuk-pagination__link nhsuk-pagination__link--next"
              to={linkTo(page + 1)}
              state={state}
              rel="next"
            >
              <span className="nhsuk-pagination__title">
                Next<span className="nhsuk-u-visually-hidden"> page</span>
              </span>
            </Link>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}
