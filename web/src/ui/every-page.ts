/** The size of the pages a whole list is read in. */
const pageSize = 100;

/**
 * Every item of a list the API gives a page at a time: pages of a hundred until a short one, and
 * no further than `most` items (a safeguard against a list that never ends).
 */
export async function everyPage<T>(
  loadPage: (page: { limit: number; offset: number }) => Promise<{ items: readonly T[] }>,
  most = Number.POSITIVE_INFINITY,
): Promise<T[]> {
  const all: T[] = [];
  for (let offset = 0; offset < most; offset += pageSize) {
    const page = await loadPage({ limit: pageSize, offset });
    all.push(...page.items);
    if (page.items.length < pageSize) break;
  }
  return all;
}
