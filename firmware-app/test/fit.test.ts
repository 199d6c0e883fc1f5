// Page breaks for long lists: whole rows, cut once for the whole list.
import t from 'tap';
import { breakPages, pageOf } from '../src/ui/fit.ts';

t.test('pages are whole rows that fit, never more rows than allowed', (t) => {
  // 10 tiles of 50 px, 2 columns, gap 10: rows of 50; 170 px fit 3 rows (50+10+50+10+50).
  t.same(breakPages(Array(10).fill(50), 2, 170, 10, 9), [0, 6]);
  t.same(breakPages(Array(10).fill(50), 2, 169, 10, 9), [0, 4, 8], 'one pixel less: two rows per page');
  t.same(breakPages(Array(10).fill(50), 2, 1000, 10, 2), [0, 4, 8], 'the row limit');
  // A tall tile (a wrapped name) makes its whole row tall.
  t.same(breakPages([50, 110, 50, 50, 50, 50], 2, 170, 10, 9), [0, 4]);
  t.same(breakPages([50], 3, 10, 10, 9), [0], 'a row that does not fit still gets a page of its own');
  t.same(breakPages([], 3, 100, 10, 9), [0]);
  t.end();
});

t.test('every item is on exactly one page, in order', (t) => {
  const items = Array.from({ length: 55 }, (_, i) => i + 1);
  const heights = items.map((i) => (i % 9 === 5 ? 90 : 60));
  for (const [cols, available] of [[4, 500], [3, 300], [2, 200], [1, 61]] as const) {
    const starts = breakPages(heights, cols, available, 16, 9);
    const seen = starts.flatMap((_, p) => pageOf(items, starts, p).items);
    t.same(seen, items, `${cols} columns, ${available} px: ${starts.length} pages`);
    t.ok(starts.every((s) => s % cols === 0), 'pages start at a row');
  }
  t.same(pageOf(items, [0, 30], 5), { items: items.slice(30), page: 1, pages: 2 }, 'clamped to the last page');
  t.end();
});
