// The kiosk in Debian's Chromium at the real screen size, touched like a voter touches it.
// For every kind of vote the printed ticket's PNG (from the printer simulator) is decoded with
// zxing-wasm and must equal what the confirmation screens showed.
import t from 'tap';
import type { Page } from 'playwright-core';
import { encodeSignedBallot, sameVote, toLatin1, type ElectionChoice } from '@ovs/ballot';
import { decodeWpc1252, type SimulatedCard } from '@ovs/devices';
import { MIN_CONTRAST, MIN_FONT_EM_MM, VVSG_MIN_GAP_MM, VVSG_MIN_TARGET_MM } from '@ovs/ui';
import { PX_PER_MM, TECHNICIAN_CARD_PAYLOAD } from '../src/index.ts';
import { measureLayout, openKiosk, screenIs, seqOf, touch, type Kiosk } from './browser.ts';
import { readTicket, startMachine, type Machine } from './support-machine.ts';

/** The assertions a helper uses, from whichever (sub)test calls it. */
type Asserts = Pick<typeof t, 'ok' | 'equal' | 'same' | 'match' | 'notOk'>;

const MIN_TARGET_PX = VVSG_MIN_TARGET_MM * PX_PER_MM;
const MIN_GAP_PX = VVSG_MIN_GAP_MM * PX_PER_MM;
const MIN_FONT_PX = MIN_FONT_EM_MM * PX_PER_MM;

/** How the voter gets to a choice on screen, step by step, checking what the screen shows. */
async function choose(t: Asserts, page: Page, choice: ElectionChoice): Promise<void> {
  await screenIs(page, 'election-intro');
  await touch(page, 'start-election');
  await screenIs(page, 'lists');
  if (choice.kind === 'blank') {
    await touch(page, 'blank');
  } else {
    await touch(page, `list-${choice.list}`);
    await screenIs(page, 'candidates');
    t.equal(await page.locator('[data-testid^="candidate-"][aria-pressed="true"]').count(), 0, 'a list opens with nothing ticked');
    if (choice.topBox) await touch(page, 'top-box');
    for (const p of choice.candidates) await touch(page, `candidate-${p}`);
    await touch(page, 'review');
  }
  await screenIs(page, 'confirm');
}

/** Reads the confirmation screen as a person reads it, then confirms. */
async function confirm(page: Page): Promise<string[]> {
  const lines = (await page.getByTestId('confirm-lines').locator('div').allInnerTexts()).map((l) => l.trim());
  await touch(page, 'confirm');
  return lines;
}

async function checkPrinted(t: Asserts, m: Machine, elections: string[], choices: ElectionChoice[], shown: string[]): Promise<void> {
  const ticket = m.handle.devices.printer.tickets.at(-1)!;
  const ballot = await readTicket(m.kit, ticket);
  t.ok(sameVote(ballot.vote, { elections: elections.map((election, i) => ({ election, choice: choices[i]! })) }), 'the decoded barcode equals the vote');
  const paper = decodeWpc1252(ticket.bytes);
  for (const line of shown) t.ok(paper.includes(toLatin1(line)), `the paper says "${line}"`);
}

async function voteThrough(t: Asserts, m: Machine, page: Page, elections: string[], choices: ElectionChoice[]): Promise<string[]> {
  const before = m.handle.devices.printer.tickets.length;
  m.insert(m.kit.voterCard(elections));
  const shown: string[] = [];
  for (const choice of choices) {
    await choose(t, page, choice);
    shown.push(...(await confirm(page)));
  }
  await screenIs(page, 'printed');
  t.equal(m.handle.devices.printer.tickets.length, before + 1);
  await checkPrinted(t, m, elections, choices, shown);
  m.remove();
  await screenIs(page, 'insert-card');
  return shown;
}

let kiosk: Kiosk;
let m: Machine;
/** The activation card, erased by the activation: the president's key to stop an alarm. */
let presidentKey: SimulatedCard;

t.before(async () => {
  m = await startMachine({ simulate: { handScanner: true } });
  presidentKey = await m.activate();
  kiosk = await openKiosk(m.handle.url);
  await screenIs(kiosk.page, 'insert-card');
});
t.teardown(async () => {
  await kiosk.close();
  await m.stop();
});

t.test('list vote, preference votes, top box with candidates, blank', async (t) => {
  const page = kiosk.page;
  const cases: Array<[string, ElectionChoice[]]> = [
    ['list vote', [{ kind: 'list', list: 3, topBox: true, candidates: [] }, { kind: 'list', list: 2, topBox: true, candidates: [] }]],
    ['preference votes', [{ kind: 'list', list: 1, topBox: false, candidates: [2, 5, 9] }, { kind: 'list', list: 4, topBox: false, candidates: [1] }]],
    ['top box + candidates', [{ kind: 'list', list: 6, topBox: true, candidates: [1, 3] }, { kind: 'list', list: 7, topBox: true, candidates: [9] }]],
    ['blank', [{ kind: 'blank' }, { kind: 'blank' }]],
  ];
  for (const [name, choices] of cases) {
    const shown = await voteThrough(t, m, page, ['G', 'P'], choices);
    t.ok(shown.length >= 2, `${name}: confirmation screens read`);
  }
  t.end();
});

t.test('change of list: the first list\'s ticks are discarded, visibly (2014)', async (t) => {
  const page = kiosk.page;
  m.insert(m.kit.voterCard(['G', 'P']));
  await screenIs(page, 'election-intro');
  await touch(page, 'start-election');
  await touch(page, 'list-2');
  await touch(page, 'top-box');
  await touch(page, 'candidate-4');
  await touch(page, 'candidate-7');
  t.equal(await page.getByTestId('chosen-count').innerText(), 'Aangeduid: 3');
  await touch(page, 'back-to-lists');
  await screenIs(page, 'lists');
  t.match(await page.getByTestId('notice').innerText(), 'Uw keuzes bij lijst 2 zijn gewist');
  await touch(page, 'list-5');
  t.equal(await page.locator('[aria-pressed="true"]').count(), 1, 'only the text-size setting is pressed: no box of list 5 is ticked');
  t.equal(await page.getByTestId('top-box').getAttribute('aria-pressed'), 'false');
  await touch(page, 'candidate-3');
  await touch(page, 'review');
  const g = await confirm(page);
  t.notOk(g.some((l) => l.includes('bovenaan')), 'no top box from list 2');
  await choose(t, page, { kind: 'blank' });
  const p = await confirm(page);
  await screenIs(page, 'printed');
  await checkPrinted(t, m, ['G', 'P'], [{ kind: 'list', list: 5, topBox: false, candidates: [3] }, { kind: 'blank' }], [...g, ...p]);
  m.remove();
  await screenIs(page, 'insert-card');
  t.end();
});

t.test('restart of an election from its confirmation screen', async (t) => {
  const page = kiosk.page;
  m.insert(m.kit.voterCard(['G', 'P']));
  await choose(t, page, { kind: 'list', list: 1, topBox: false, candidates: [1] });
  await touch(page, 'restart-election');
  await screenIs(page, 'lists');
  t.match(await page.getByTestId('notice').innerText(), 'opnieuw');
  await touch(page, 'list-4');
  await touch(page, 'top-box');
  await touch(page, 'review');
  const g = await confirm(page);
  await choose(t, page, { kind: 'list', list: 3, topBox: false, candidates: [2] });
  await touch(page, 'restart-election');
  await touch(page, 'blank');
  const p = await confirm(page);
  await screenIs(page, 'printed');
  await checkPrinted(t, m, ['G', 'P'], [{ kind: 'list', list: 4, topBox: true, candidates: [] }, { kind: 'blank' }], [...g, ...p]);
  m.remove();
  await screenIs(page, 'insert-card');
  t.end();
});

t.test('a card valid only for the gemeenteraad; a test card prints a test ballot', async (t) => {
  const page = kiosk.page;
  await voteThrough(t, m, page, ['G'], [{ kind: 'list', list: 7, topBox: false, candidates: [8] }]);
  m.insert(m.kit.voterCard(['G'], true));
  await screenIs(page, 'election-intro');
  t.match(await page.locator('.banner-test').innerText(), 'TESTSTEM');
  await choose(t, page, { kind: 'blank' });
  await confirm(page);
  await screenIs(page, 'printed');
  const ballot = await readTicket(m.kit, m.handle.devices.printer.tickets.at(-1)!);
  t.equal(ballot.test, true);
  m.remove();
  await screenIs(page, 'insert-card');
  t.end();
});

t.test('barcode visualisation with the hand scanner, read-only', async (t) => {
  const page = kiosk.page;
  m.insert(m.kit.voterCard(['G'], true));
  await choose(t, page, { kind: 'blank' });
  await confirm(page);
  await screenIs(page, 'printed');
  m.remove();
  await screenIs(page, 'insert-card');
  const ticket = m.handle.devices.printer.tickets.at(-1)!;
  const { decodeQr } = await import('@ovs/barcode');
  const scanned = await decodeQr(ticket.png());
  if (!scanned.ok) throw new Error(scanned.error);
  m.handle.devices.handScanner!.feedBytes(scanned.value);
  await screenIs(page, 'visualisation');
  const text = await page.getByTestId('visualised').innerText();
  t.match(text, 'TESTSTEMBILJET');
  t.match(text, 'Blanco');
  t.equal(await page.locator('.tile').count(), 0, 'nothing to choose on this screen');
  t.match(await page.getByTestId('visualised').locator('xpath=..').innerText(), 'voorzitter', 'a mismatch goes to the president (art. 18)');
  await touch(page, 'close');
  await screenIs(page, 'insert-card');

  // The longest ballot: every candidate of a full list and of the provincial list ticked.
  const every = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
  const long = encodeSignedBallot(
    m.kit.context,
    {
      test: false,
      pollingStation: 1,
      ballotId: new Uint8Array(16).fill(7),
      vote: { elections: [{ election: 'G', choice: { kind: 'list', list: 1, topBox: true, candidates: every(27) } }, { election: 'P', choice: { kind: 'list', list: 1, topBox: true, candidates: every(9) } }] },
    },
    m.kit.session,
  );
  if (!long.ok) throw new Error(long.error.code);
  for (const size of [0, 2] as const) {
    m.handle.devices.handScanner!.feedBytes(long.value);
    await screenIs(page, 'visualisation');
    if (size > 0) await touch(page, `text-size-${size}`);
    const lines = page.getByTestId('visualised');
    const onScreen = async () => {
      const bar = await page.locator('.actions').boundingBox();
      const last = await lines.locator('div').last().boundingBox();
      return !!bar && !!last && last.y + last.height <= bar.y && last.x >= 0 && last.x + last.width <= 1920;
    };
    if (size === 0) t.ok(await onScreen(), 'normal text: the whole ballot is on the screen');
    else {
      // At the largest text the text steps down to the normal size; what still does not fit
      // (here: every candidate of two lists ticked) scrolls sideways, nothing is cut off.
      if (!(await onScreen())) {
        t.match(await lines.getAttribute('class'), 'scroll');
        await lines.evaluate((el) => el.scrollTo({ left: el.scrollWidth }));
      }
      t.ok(await onScreen(), 'largest text: the end of the ballot can be brought on screen');
    }
    await touch(page, 'close');
    await screenIs(page, 'insert-card');
  }
  t.end();
});

t.test('alarms: card pulled, too many wrong touches, printer out of paper; the president resets', async (t) => {
  const page = kiosk.page;
  const reset = async () => {
    m.remove();
    m.insert(presidentKey);
    await screenIs(page, 'activated');
    m.remove();
    await screenIs(page, 'insert-card');
  };
  m.insert(m.kit.voterCard(['G', 'P']));
  await screenIs(page, 'election-intro');
  await touch(page, 'start-election');
  await touch(page, 'list-1');
  await touch(page, 'candidate-2');
  m.remove();
  await screenIs(page, 'alarm');
  t.equal(await page.getByTestId('alarm').getAttribute('data-reason'), 'card-pulled');
  t.match(await page.getByTestId('alarm').innerText(), 'Roep de voorzitter');
  t.equal(await page.locator('[data-testid^="candidate-"]').count(), 0, 'the choices are off the screen');
  m.insert(m.kit.voterCard(['G']));
  await m.handle.computer.settle();
  t.equal(await page.locator('html').getAttribute('data-screen'), 'alarm', 'a voter card does not stop the alarm');
  await reset();
  t.same(m.handle.devices.alarm.status(), { kind: 'quiet' });

  m.insert(m.kit.voterCard(['G']));
  await screenIs(page, 'election-intro');
  await touch(page, 'start-election');
  await touch(page, 'list-1');
  for (let i = 0; i < 9; i++) await touch(page, 'review');
  t.match(await page.getByTestId('notice').innerText(), 'Duid het stemvak bovenaan de lijst aan', 'the instruction is highlighted');
  t.match(await page.getByTestId('notice').getAttribute('class'), 'alert');
  await touch(page, 'review');
  await screenIs(page, 'alarm');
  t.equal(await page.getByTestId('alarm').getAttribute('data-reason'), 'too-many-invalid-actions');
  await reset();

  m.handle.devices.printer.setPaperMm(15);
  m.insert(m.kit.voterCard(['G']));
  await choose(t, page, { kind: 'blank' });
  await confirm(page);
  await screenIs(page, 'alarm');
  const alarm = page.getByTestId('alarm');
  t.equal(await alarm.getAttribute('data-reason'), 'printer-paper-out');
  t.equal(await alarm.getAttribute('data-ballot'), 'partly-printed');
  t.match(await alarm.innerText(), 'nieuwe kaart');
  m.remove();
  m.insert(presidentKey);
  await m.handle.computer.settle();
  t.equal(await page.locator('html').getAttribute('data-screen'), 'alarm', 'no reset while the paper is out');
  m.handle.devices.printer.setPaperMm(80_000);
  m.remove();
  m.insert(presidentKey);
  await screenIs(page, 'activated');
  m.remove();
  await screenIs(page, 'insert-card');
  t.end();
});

t.test('touch targets, gaps, contrast and fit on every voter screen, every text size, both contrasts', async (t) => {
  const page = kiosk.page;
  const check = async (label: string) => {
    const r = await measureLayout(page, MIN_GAP_PX, MIN_CONTRAST, MIN_FONT_PX);
    const small = r.targets.filter((x) => x.width < MIN_TARGET_PX || x.height < MIN_TARGET_PX);
    t.same(small, [], `${label}: every target ≥ ${VVSG_MIN_TARGET_MM} mm`);
    t.same(r.crowded, [], `${label}: ≥ ${VVSG_MIN_GAP_MM} mm between targets`);
    t.same(r.clipped, [], `${label}: every target fully on screen`);
    t.same(r.lowContrast, [], `${label}: contrast ≥ ${MIN_CONTRAST}:1`);
    t.same(r.smallText, [], `${label}: capitals ≥ 3.0 mm`);
  };
  m.insert(m.kit.voterCard(['G', 'P']));
  await screenIs(page, 'election-intro');
  await check('intro');
  await touch(page, 'start-election');
  for (const contrast of ['normal', 'high']) {
    if (contrast === 'high') await touch(page, 'contrast');
    for (const size of [0, 1, 2]) {
      await touch(page, `text-size-${size}`);
      await screenIs(page, 'lists');
      await check(`lists ${contrast} ${size}`);
      await touch(page, 'list-1');
      await touch(page, 'candidate-1');
      await check(`candidates ${contrast} ${size}`);
      await touch(page, 'review');
      await check(`confirm ${contrast} ${size}`);
      await touch(page, 'restart-election');
      await check(`lists with notice ${contrast} ${size}`);
      await touch(page, 'list-2');
      await touch(page, 'review');
      await check(`candidates with notice ${contrast} ${size}`);
      await touch(page, 'back-to-lists');
    }
  }
  m.remove();
  await screenIs(page, 'alarm');
  await check('alarm');
  m.insert(presidentKey);
  await screenIs(page, 'activated');
  m.remove();
  await screenIs(page, 'insert-card');
  await check('insert card');
  m.insert(m.kit.voterCard(['G', 'P']));
  await screenIs(page, 'election-intro');
  t.same([await page.locator('html').getAttribute('data-text'), await page.locator('html').getAttribute('data-contrast')], ['0', 'normal'], 'settings reset for the next voter');
  m.remove();
  await screenIs(page, 'alarm');
  m.insert(presidentKey);
  await screenIs(page, 'activated');
  m.remove();
  await screenIs(page, 'insert-card');
  t.end();
});

t.test('55 candidates: pages, clearly marked, at every text size', async (t) => {
  const big = await startMachine({ bigList: true });
  t.teardown(() => big.stop());
  await big.activate();
  const page = kiosk.page;
  await page.goto(big.handle.url);
  await screenIs(page, 'insert-card');
  for (const size of [0, 1, 2] as const) {
    big.insert(big.kit.voterCard(['G']));
    await screenIs(page, 'election-intro');
    await touch(page, `text-size-${size}`);
    await touch(page, 'start-election');
    await touch(page, 'list-1');
    const pages = Number(/van (\d+)/.exec(await page.getByTestId('page-of').innerText())?.[1]);
    t.ok(pages >= 2, `text size ${size}: ${pages} pages`);
    if (size < 2) t.match(await page.getByTestId('more').innerText(), 'volgende pagina');
    t.match(await page.getByTestId('page-next').innerText(), 'Volgende kandidaten');
    const r = await measureLayout(page, MIN_GAP_PX, MIN_CONTRAST, MIN_FONT_PX);
    t.same(r.clipped, [], 'nothing off screen');
    const seen = new Set<number>();
    for (let p = 1; p <= pages; p++) {
      for (const id of await page.locator('[data-testid^="candidate-"]').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.testid))) seen.add(Number(id!.slice(10)));
      if (p < pages) {
        const before = await seqOf(page);
        await page.getByTestId('page-next').tap();
        await page.waitForFunction((n) => document.querySelector('[data-testid="page-of"]')?.textContent?.startsWith(`Pagina ${n} `), p + 1);
        t.equal(await seqOf(page), before, 'paging is the screen\'s own: the vote does not change');
      }
    }
    t.equal(seen.size, 55, 'every candidate appears on one of the pages');
    await touch(page, 'candidate-55');
    t.match(await page.getByTestId('chosen-count').innerText(), '1');
    for (let p = pages; p > 1; p--) {
      await page.getByTestId('page-previous').tap();
      await page.waitForFunction((n) => document.querySelector('[data-testid="page-of"]')?.textContent?.startsWith(`Pagina ${n} `), p - 1);
    }
    await touch(page, 'candidate-1');
    t.match(await page.getByTestId('chosen-count').innerText(), '2', 'ticks on other pages are counted on every page');
    await touch(page, 'review');
    await screenIs(page, 'confirm');
    const lines = await confirm(page);
    t.ok(lines.some((l) => l.startsWith('55. ')) && lines.some((l) => l.startsWith('1. ')));
    await screenIs(page, 'printed');
    const ballot = await readTicket(big.kit, big.handle.devices.printer.tickets.at(-1)!);
    t.same(ballot.vote.elections, [{ election: 'G', choice: { kind: 'list', list: 1, topBox: false, candidates: [1, 55] } }]);
    big.remove();
    await screenIs(page, 'insert-card');
  }
  await page.goto(m.handle.url);
  t.end();
});

t.test('language choice first, definitive, and the ballot in that language', async (t) => {
  const fr = await startMachine({ languages: ['nl', 'fr'] });
  t.teardown(() => fr.stop());
  await fr.activate();
  const page = kiosk.page;
  await page.goto(fr.handle.url);
  await screenIs(page, 'insert-card');
  t.match(await page.getByTestId('insert-card').innerText(), 'Introduisez votre carte');
  fr.insert(fr.kit.voterCard(['G', 'P']));
  await screenIs(page, 'language');
  await touch(page, 'language-nl');
  await screenIs(page, 'language-confirm');
  await touch(page, 'change-language');
  await touch(page, 'language-fr');
  await screenIs(page, 'language-confirm');
  t.match(await page.locator('h1').innerText(), 'Vous avez choisi : Français');
  await touch(page, 'confirm-language');
  await screenIs(page, 'election-intro');
  t.equal(await page.locator('html').getAttribute('lang'), 'fr');
  t.match(await page.getByTestId('start-election').innerText(), 'Vers les listes');
  await touch(page, 'start-election');
  t.match(await page.getByTestId('blank').innerText(), 'Voter blanc');
  await touch(page, 'list-2');
  await touch(page, 'top-box');
  await touch(page, 'review');
  const g = await confirm(page);
  t.ok(g.includes('Vote en case de tête'));
  await choose(t, page, { kind: 'blank' });
  const p = await confirm(page);
  t.same(p, ['Blanc']);
  await screenIs(page, 'printed');
  const ticket = fr.handle.devices.printer.tickets.at(-1)!;
  const ballot = await readTicket(fr.kit, ticket);
  t.ok(sameVote(ballot.vote, { elections: [{ election: 'G', choice: { kind: 'list', list: 2, topBox: true, candidates: [] } }, { election: 'P', choice: { kind: 'blank' } }] }));
  t.match(decodeWpc1252(ticket.bytes), 'BULLETIN DE VOTE');
  fr.remove();
  await screenIs(page, 'insert-card');
  await page.goto(m.handle.url);
  t.end();
});

t.test('inactivity: warning, then reset and alarm', async (t) => {
  const slow = await startMachine({ manualTimers: true });
  t.teardown(() => slow.stop());
  await slow.activate();
  const page = kiosk.page;
  await page.goto(slow.handle.url);
  slow.insert(slow.kit.voterCard(['G']));
  await screenIs(page, 'election-intro');
  await touch(page, 'start-election');
  await slow.timers!.run(3 * 60_000);
  await page.getByTestId('still-here').waitFor();
  t.match(await page.locator('.modal').innerText(), 'Bent u er nog?');
  await touch(page, 'still-here');
  t.equal(await page.locator('.modal').count(), 0);
  await slow.timers!.run(3 * 60_000 + 30_000);
  await screenIs(page, 'alarm');
  t.equal(await page.getByTestId('alarm').getAttribute('data-reason'), 'inactivity');
  await page.goto(m.handle.url);
  t.end();
});

t.test('test mode on the kiosk: the technician card, the five targets touched on the screen, the report', async (t) => {
  const tech = await startMachine();
  t.teardown(() => tech.stop());
  const page = kiosk.page;
  await page.goto(tech.handle.url);
  await screenIs(page, 'not-activated');
  tech.insert(TECHNICIAN_CARD_PAYLOAD);
  await page.getByTestId('technician-menu').waitFor();
  await touch(page, 'technician-fase-1');
  for (let i = 0; i < 5; i++) {
    const target = page.getByTestId(`touch-target-${i}`);
    t.match(await target.getAttribute('class'), /current/, `target ${i + 1} is the one to touch`);
    const box = (await target.boundingBox())!;
    const before = await seqOf(page);
    await page.touchscreen.tap(box.x + box.width / 2 + 3, box.y + box.height / 2 - 2);
    await page.waitForFunction((s) => Number(document.documentElement.dataset.seq) > s, before);
  }
  const report = page.getByTestId('technician-report');
  await report.waitFor({ timeout: 30_000 });
  t.equal(await report.getAttribute('data-passed'), 'true');
  const text = await report.innerText();
  t.match(text, /OK\s+Schermresolutie: 1920 × 1080 pixels, schaal 1/, 'the page measured the kiosk screen');
  t.match(text, /OK\s+Aanraakscherm gekalibreerd: vijf doelen geraakt/, 'the touches landed where the targets were drawn');
  t.match(text, /OK\s+Barcode van het testbiljet teruggelezen: gelezen uit de afdruk \(simulatie\)/);
  t.match(decodeWpc1252(tech.handle.devices.printer.tickets.at(-1)!.bytes), /TESTRAPPORT STEMCOMPUTER/, 'printed on the ballot printer');
  tech.remove();
  await screenIs(page, 'not-activated');
  await page.goto(m.handle.url);
  t.end();
});
