import { describe, expect, it } from 'vitest';
import { everyPage } from './every-page.ts';

function pagedList(length: number) {
  const asked: { limit: number; offset: number }[] = [];
  const items = Array.from({ length }, (_, index) => index);
  const loadPage = async (page: { limit: number; offset: number }) => {
    asked.push(page);
    return { items: items.slice(page.offset, page.offset + page.limit) };
  };
  return { asked, loadPage };
}

describe('everyPage', () => {
  it('reads pages of a hundred until a short one', async () => {
    const { asked, loadPage } = pagedList(250);
    expect(await everyPage(loadPage)).toHaveLength(250);
    expect(asked).toEqual([
      { limit: 100, offset: 0 },
      { limit: 100, offset: 100 },
      { limit: 100, offset: 200 },
    ]);
  });

  it('asks once more after a full last page, and gets nothing', async () => {
    const { asked, loadPage } = pagedList(200);
    expect(await everyPage(loadPage)).toHaveLength(200);
    expect(asked).toHaveLength(3);
  });

  it('stops at the most it may read', async () => {
    const { asked, loadPage } = pagedList(1_000);
    expect(await everyPage(loadPage, 300)).toHaveLength(300);
    expect(asked).toHaveLength(3);
  });
});
