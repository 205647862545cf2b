import type { ReactNode } from 'react';
import { Pagination } from './Pagination.tsx';
import { Loaded } from './page-parts.tsx';
import type { Resource } from './useResource.ts';

/**
 * What to ask the API for to show a page of a list: one item more than the page holds, so the
 * page knows whether there is a next one without counting the whole list.
 */
export function pageRequest(page: number, pageSize: number): { limit: number; offset: number } {
  return { limit: pageSize + 1, offset: (page - 1) * pageSize };
}

/**
 * A page of a list asked for with pageRequest, once it has loaded: the page's items (shown by
 * `children`), then the links to the pages either side. `empty` says so when there is nothing at
 * all; without it an empty page is shown like any other.
 */
export function PagedList<T>({
  resource,
  reload,
  page,
  pageSize,
  searchParams,
  empty,
  children,
}: {
  resource: Resource<{ items: readonly T[] }>;
  reload: () => void;
  page: number;
  pageSize: number;
  searchParams: URLSearchParams;
  empty?: ReactNode;
  children: (items: T[]) => ReactNode;
}) {
  return (
    <Loaded resource={resource} reload={reload}>
      {({ items }) =>
        empty !== undefined && items.length === 0 ? (
          empty
        ) : (
          <>
            {children(items.slice(0, pageSize))}
            <Pagination page={page} hasNextPage={items.length > pageSize} searchParams={searchParams} />
          </>
        )
      }
    </Loaded>
  );
}
