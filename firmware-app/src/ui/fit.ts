// Where the pages of a long list break. Every tile of the whole list is laid out once,
// hidden, at the grid's column width; from those heights the list is cut into pages of
// whole rows that fit the grid's box. The cut is made once for the whole list, so a name
// that wraps on page 3 cannot shift candidates between pages, and long names, a notice or a
// larger text give more pages instead of tiles off the screen.
import type { RefObject } from 'preact';
import { useLayoutEffect, useState } from 'preact/hooks';

/** Index of the first item of every page; always starts with 0. */
export type PageStarts = readonly number[];

export function breakPages(heights: readonly number[], cols: number, available: number, gap: number, maxRows: number): number[] {
  const starts = [0];
  let used = 0;
  let rows = 0;
  for (let i = 0; i < heights.length; i += cols) {
    const h = Math.max(...heights.slice(i, i + cols));
    if (rows > 0 && (used + gap + h > available || rows >= maxRows)) {
      starts.push(i);
      used = h;
      rows = 1;
    } else {
      used = rows === 0 ? h : used + gap + h;
      rows++;
    }
  }
  return starts;
}

export interface Layout {
  cols: number;
  starts: PageStarts;
}

/**
 * Columns and page starts for a list, measured in `container` from one hidden probe per column
 * count on offer (`probes[i]` lays out every item in `colsOptions[i]` columns): the column
 * count that needs the fewest pages wins, the first on a tie. Measured while the first page is
 * shown (the pager itself takes room once there are pages), then kept for that list and text
 * size: the other pages have the same layout, so paging never re-cuts the list.
 */
export function usePageLayout(
  container: RefObject<HTMLElement | null>,
  probes: ReadonlyArray<RefObject<HTMLElement | null>>,
  colsOptions: readonly number[],
  maxRows: number,
  resetKey: string,
  onFirstPage: boolean,
): Layout {
  const initial: Layout = { cols: colsOptions[0] ?? 1, starts: [0] };
  const [state, setState] = useState<{ key: string; layout: Layout }>({ key: resetKey, layout: initial });
  useLayoutEffect(() => {
    const box = container.current;
    if (!box) return;
    if (state.key === resetKey && !onFirstPage) return;
    const gap = parseFloat(getComputedStyle(box).rowGap) || 0;
    let best: Layout | undefined;
    colsOptions.forEach((cols, i) => {
      const probe = probes[i]?.current;
      if (!probe) return;
      const heights = Array.from(probe.children).map((c) => c.getBoundingClientRect().height);
      const starts = breakPages(heights, cols, box.clientHeight, gap, maxRows);
      if (!best || starts.length < best.starts.length) best = { cols, starts };
    });
    if (!best) return;
    const same = state.key === resetKey && best.cols === state.layout.cols && best.starts.join() === state.layout.starts.join();
    if (!same) setState({ key: resetKey, layout: best });
  });
  return state.key === resetKey ? state.layout : initial;
}

/** The items of page `page` (clamped) and the number of pages. */
export function pageOf<T>(items: readonly T[], starts: PageStarts, page: number): { items: T[]; page: number; pages: number } {
  const pages = Math.max(1, starts.length);
  const p = Math.min(Math.max(0, page), pages - 1);
  return { items: items.slice(starts[p] ?? 0, starts[p + 1] ?? items.length), page: p, pages };
}

/**
 * The confirmation and visualisation screens show a whole vote at once, in columns. When it
 * does not fit at the voter's text size, the text steps down, never below the normal size;
 * only if even that does not fit (a ballot with nearly every candidate of three elections
 * ticked) the box scrolls.
 */
export function useShrinkToFit(box: RefObject<HTMLElement | null>, minScale: number, resetKey: string): { scale: number; scroll: boolean } {
  const steps = [1, 0.9, 0.8, 0.7, 0.6].filter((s) => s > minScale + 0.001).concat([minScale]);
  const [state, setState] = useState({ key: resetKey, step: 0 });
  const step = state.key === resetKey ? state.step : 0;
  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    const overflows = el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1;
    if (overflows && step < steps.length - 1) setState({ key: resetKey, step: step + 1 });
    else if (state.key !== resetKey) setState({ key: resetKey, step });
  });
  const overflows = box.current ? box.current.scrollWidth > box.current.clientWidth + 1 : false;
  return { scale: steps[step] ?? 1, scroll: step === steps.length - 1 && overflows };
}
