// Long lists (up to 55 candidates, VVSG: no tiny text) are split into pages, and the voter
// is told plainly that there is more.
import { Button } from './buttons.tsx';
import type { Translate } from './i18n.ts';

export interface Page<T> {
  items: T[];
  page: number;
  pages: number;
}

/** Page `page` (0-based, clamped) of `items`, `perPage` at a time. */
export function paginate<T>(items: readonly T[], perPage: number, page: number): Page<T> {
  const size = Math.max(1, Math.floor(perPage));
  const pages = Math.max(1, Math.ceil(items.length / size));
  const p = Math.min(Math.max(0, page), pages - 1);
  return { items: items.slice(p * size, (p + 1) * size), page: p, pages };
}

export interface PagerProps {
  page: number;
  pages: number;
  onPage: (page: number) => void;
  t: Translate;
  /** What is on the other pages, e.g. 'candidates'; default: pages. */
  of?: 'candidates' | 'pages';
  /** A sentence under "page x of y" (e.g. that more candidates follow). */
  note?: string;
}

export function Pager({ page, pages, onPage, t, of = 'pages', note }: PagerProps) {
  if (pages <= 1) return null;
  // Both buttons are always laid out (the unusable one hidden), so that the bar, and with it
  // the room for the list above, has the same size on every page.
  return (
    <div class="pager paging" data-testid="pager">
      <span class={page > 0 ? '' : 'invisible'} aria-hidden={page > 0 ? undefined : 'true'}>
        <Button onPress={() => onPage(page - 1)} testId={page > 0 ? 'page-previous' : undefined}>
          {'◀ '}
          {t(of === 'candidates' ? 'page.previous' : 'page.previous-page')}
        </Button>
      </span>
      <span class="page-label">
        <strong class="nowrap" data-testid="page-of">
          {t('page.of', { page: page + 1, pages })}
        </strong>
        {note ? <span data-testid="more">{note}</span> : null}
      </span>
      <span class={page < pages - 1 ? '' : 'invisible'} aria-hidden={page < pages - 1 ? undefined : 'true'}>
        <Button onPress={() => onPage(page + 1)} kind="primary" testId={page < pages - 1 ? 'page-next' : undefined}>
          {t(of === 'candidates' ? 'page.next' : 'page.next-page')}
          {' ▶'}
        </Button>
      </span>
    </div>
  );
}
