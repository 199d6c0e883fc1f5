import t from 'tap';
import { contrastRatio, KIOSK_MM, kioskCss, MESSAGES, MIN_CONTRAST, paginate, PALETTE, translate, VVSG_MIN_GAP_MM, VVSG_MIN_TARGET_MM, type MessageKey } from '../src/index.ts';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort().join();

t.test('every language has every message, with the same placeholders', (t) => {
  const keys = Object.keys(MESSAGES.nl) as MessageKey[];
  for (const lang of ['fr', 'de'] as const) {
    t.same(Object.keys(MESSAGES[lang]).sort(), [...keys].sort(), `${lang}: same keys`);
    for (const k of keys) {
      if (placeholders(MESSAGES[lang][k]) !== placeholders(MESSAGES.nl[k])) t.fail(`${lang} ${k}: placeholders differ`);
      if (MESSAGES[lang][k].trim() === '') t.fail(`${lang} ${k}: empty`);
    }
  }
  t.equal(translate('nl', 'page.of', { page: 1, pages: 2 }), 'Pagina 1 van 2');
  t.equal(translate('fr', 'notice.choices-discarded', { list: 3 }).includes('liste 3'), true);
  t.equal(translate('de', 'election.of', { number: 2 }), 'Wahl 2 von {of}', 'a missing parameter stays visible');
  t.end();
});

t.test('both palettes give at least 10:1 for every text colour on its background, as the CSS sets them', (t) => {
  // Read from the style sheet the screens get, not from the palette: what is checked is what is drawn.
  const css = kioskCss({ pxPerMm: 5 });
  const block = (selector: string): Record<string, string> => {
    const body = css.slice(css.indexOf(`${selector} {`)).split('}')[0] ?? '';
    return Object.fromEntries([...body.matchAll(/--([a-z-]+): (#[0-9a-f]{6});/g)].map((m) => [m[1] as string, m[2] as string]));
  };
  const normal = block(':root');
  const high = { ...normal, ...block('html[data-contrast="high"]') };
  const PAIRS = [
    ['text', 'fg', 'bg'],
    ['selected', 'on-accent', 'accent'],
    ['notice', 'notice-fg', 'notice'],
    ['alarm', 'on-alarm', 'alarm'],
    ['test banner', 'test-fg', 'test'],
  ] as const;
  for (const [palette, vars] of [['normal', normal], ['high', high]] as const) {
    for (const [name, fg, bg] of PAIRS) {
      t.ok(vars[fg] && vars[bg], `${palette} ${name}: both colours in the CSS`);
      t.ok(contrastRatio(vars[fg] ?? '', vars[bg] ?? '') >= MIN_CONTRAST, `${palette} ${name}: ${contrastRatio(vars[fg] ?? '', vars[bg] ?? '').toFixed(1)}:1`);
    }
  }
  t.equal(high['notice-fg'], PALETTE.high.onNotice, 'the high palette overrides what it must');
  t.equal(Math.round(contrastRatio('#000', '#fff')), 21);
  t.equal(contrastRatio('rgb(255, 255, 0)', 'rgba(0, 0, 0, 1)').toFixed(2), '19.56');
  t.ok(Number.isNaN(contrastRatio('transparent', '#fff')));
  t.end();
});

t.test('sizes are in millimetres of the real screen and above the VVSG minimums', (t) => {
  t.ok(KIOSK_MM.target >= VVSG_MIN_TARGET_MM);
  t.ok(KIOSK_MM.gap >= VVSG_MIN_GAP_MM);
  const css = kioskCss({ pxPerMm: 4 });
  t.match(css, '--target: 52.0px;');
  t.match(css, '--gap: 11.6px;');
  t.match(kioskCss({ pxPerMm: 6 }), '--target: 78.0px;');
  t.end();
});

t.test('paginate: pages of a fixed size, clamped', (t) => {
  const items = Array.from({ length: 55 }, (_, i) => i + 1);
  t.same(paginate(items, 30, 0), { items: items.slice(0, 30), page: 0, pages: 2 });
  t.same(paginate(items, 30, 1).items, items.slice(30));
  t.equal(paginate(items, 30, 9).page, 1);
  t.equal(paginate(items, 30, -3).page, 0);
  t.same(paginate([], 10, 0), { items: [], page: 0, pages: 1 });
  t.equal(paginate(items, 0, 0).pages, 55);
  t.end();
});
