// The president's keypad in Debian's Chromium at the kiosk's real size: the code typed with
// taps as on the touch screen, groups shown as typed, a wrong code, the right one, the erased
// card, and every word in Dutch. SHOTS=dir keeps a screenshot of each screen for a person to look at.
import t from 'tap';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { SimulatedCard } from '@ovs/devices';
import { erasedActivationCard } from '@ovs/card';
import { MIN_CONTRAST, MIN_FONT_EM_MM, VVSG_MIN_GAP_MM, VVSG_MIN_TARGET_MM } from '@ovs/ui';
import { PX_PER_MM } from '../src/index.ts';
import { measureLayout, openKiosk, screenIs, touch, type Kiosk } from './browser.ts';
import { startMachine, type Machine } from './support-machine.ts';

const shots = process.env.SHOTS;
async function shot(page: Page, name: string): Promise<void> {
  if (!shots) return;
  await mkdir(shots, { recursive: true });
  await page.screenshot({ path: join(shots, `${name}.png`) });
}

const text = (page: Page): Promise<string> => page.locator('body').innerText();
const display = (page: Page): Promise<string> => page.getByTestId('code-display').innerText();

async function typeOnKeypad(page: Page, digits: string): Promise<void> {
  for (const d of digits) await touch(page, `key-${d}`);
}

let m: Machine;
let kiosk: Kiosk;
/** The card of the first test, erased by its activation. */
let erasedChip: SimulatedCard;
t.before(async () => {
  m = await startMachine();
  kiosk = await openKiosk(m.handle.url);
});
t.teardown(async () => {
  await kiosk.close();
  await m.stop();
});

t.test('the code on the keypad: typed, corrected, wrong once, then right; the card erased', async (t) => {
  const page = kiosk.page;
  await screenIs(page, 'not-activated');
  t.match(await text(page), /Voorzitter: maak op de voorzitterscomputer een activeringskaart.*typ de activeringscode/s);
  await shot(page, '1-not-activated');

  const card = await m.kit.activationCard();
  erasedChip = m.insert(card.bytes);
  await screenIs(page, 'activation-code');
  t.match(await text(page), /Activeringscode/);
  t.match(await text(page), /typ de 16 cijfers die de voorzitterscomputer toont/);
  t.equal((await display(page)).replace(/\s+/g, ' '), '···· ···· ···· ····', 'four empty groups');
  t.equal(await page.getByTestId('code-submit').count(), 0, 'no "Activeren" before the 16 digits');
  await shot(page, '2-code-empty');

  await typeOnKeypad(page, '123456');
  t.equal((await display(page)).replace(/\s+/g, ' '), '1234 56·· ···· ····', 'the groups as typed');
  await touch(page, 'code-erase');
  t.equal((await display(page)).replace(/\s+/g, ' '), '1234 5··· ···· ····', 'the erase key takes the last digit back');
  t.match(await text(page), /Nog 11 cijfers\./);
  await shot(page, '3-code-typing');

  // Layout as the voter screens are measured: every key big enough, far enough apart, readable.
  const r = await measureLayout(page, VVSG_MIN_GAP_MM * PX_PER_MM, MIN_CONTRAST, MIN_FONT_EM_MM * PX_PER_MM);
  t.same(r.targets.filter((x) => x.width < VVSG_MIN_TARGET_MM * PX_PER_MM || x.height < VVSG_MIN_TARGET_MM * PX_PER_MM), [], 'every key ≥ 12.7 mm');
  t.ok(r.targets.length >= 12, `${r.targets.length} keys measured`);
  t.same(r.crowded, [], 'keys apart');
  t.same(r.clipped, [], 'every key on screen');
  t.same(r.lowContrast, [], 'contrast');
  t.same(r.smallText, [], 'text size');

  for (let i = 0; i < 5; i++) await touch(page, 'code-erase');
  const wrong = card.code.slice(0, 15) + String((Number(card.code[15]) + 1) % 10);
  await typeOnKeypad(page, wrong);
  t.match(await text(page), /De code is volledig\. Kijk ze na en raak "Activeren" aan\./);
  await shot(page, '4-code-complete');
  await touch(page, 'code-submit');
  await page.getByTestId('code-wrong').waitFor();
  t.match(await page.getByTestId('code-wrong').innerText(), /^Foute code\. Nog 2 pogingen; daarna weigert deze stemcomputer de kaart en moet u een nieuwe activeringskaart maken\.$/);
  t.equal((await display(page)).replace(/\s+/g, ' '), '···· ···· ···· ····', 'the keypad is empty again');
  await shot(page, '5-code-wrong');

  await typeOnKeypad(page, card.code);
  await touch(page, 'code-submit');
  await screenIs(page, 'activated');
  const done = await text(page);
  t.match(done, /De stemcomputer is klaar voor gebruik\./);
  t.match(done, /De activeringskaart is gewist: ze kan geen stemcomputer meer activeren/);
  t.match(done, /Neem de kaart uit de kaartlezer\./);
  t.notOk(done.includes(card.code.slice(0, 4)) && done.includes(card.code.slice(4, 8)), 'the code is off the screen');
  await shot(page, '6-activated-erased');
  m.remove();
  await screenIs(page, 'insert-card');
});

t.test('the erased card, a cancelled entry, a card that cannot be erased: each said in Dutch', async (t) => {
  const page = kiosk.page;
  const other = await startMachine();
  t.teardown(() => other.stop());
  const second = await openKiosk(other.handle.url);
  t.teardown(() => second.close());

  // The activation card of the first test, now erased, at a second stemcomputer.
  other.insert(erasedChip);
  await second.page.getByTestId('refusal').waitFor();
  t.match(await second.page.getByTestId('refusal').innerText(), /^Deze activeringskaart is al gebruikt: een stemcomputer heeft ze na de activering gewist\. Ze kan geen stemcomputer meer activeren\./);
  await shot(second.page, '7-erased-card-elsewhere');
  other.remove();
  await screenIs(second.page, 'not-activated');

  const card = await other.kit.activationCard();
  other.insert(card.bytes);
  await screenIs(second.page, 'activation-code');
  await touch(second.page, 'code-cancel');
  await second.page.getByTestId('refusal').waitFor();
  t.match(await second.page.getByTestId('refusal').innerText(), /De activering is afgebroken\. De kaart is niet gewist/);
  other.remove();
  await screenIs(second.page, 'not-activated');

  const protectedChip = other.insert(card.bytes);
  protectedChip.writeProtected = true;
  await screenIs(second.page, 'activation-code');
  await typeOnKeypad(second.page, card.code);
  await touch(second.page, 'code-submit');
  await second.page.getByTestId('not-erased').waitFor();
  t.match(await second.page.getByTestId('not-erased').innerText(), /kon niet gewist worden en bevat nog de verzegelde sleutel\. Bewaar de kaart onder uw toezicht en noteer dit in het proces-verbaal\./);
  await shot(second.page, '8-not-erased');
  other.remove();
  await second.page.getByTestId('understood').waitFor();
  await shot(second.page, '9-not-erased-card-out');
  await touch(second.page, 'understood');
  await screenIs(second.page, 'insert-card');

  // The erased card stops an alarm on the first machine.
  m.insert(m.kit.voterCard(['G']));
  await screenIs(page, 'election-intro');
  m.remove();
  await screenIs(page, 'alarm');
  await shot(page, '10-alarm');
  m.insert(erasedActivationCard(m.kit.context.hashPrefix, 1, undefined));
  await page.getByTestId('refusal').waitFor();
  t.match(await page.getByTestId('refusal').innerText(), /^Deze kaart stopt het alarm niet\. Deze activeringskaart werd gewist na te veel foute codes\./);
  await shot(page, '10b-alarm-refused-card');
  m.remove();
  await page.getByTestId('refusal').waitFor({ state: 'detached' });
  m.insert(erasedChip);
  await screenIs(page, 'activated');
  t.match(await text(page), /Het alarm is gestopt\..*sleutel van de voorzitter/s);
  await shot(page, '11-alarm-stopped');
  m.remove();
  await screenIs(page, 'insert-card');
  for (const p of [page, second.page]) t.notMatch(await p.locator('html').getAttribute('lang'), /fr|de/);
});

t.test('a president who types faster than the screen answers loses no digit', async (t) => {
  const fast = await startMachine();
  const k = await openKiosk(fast.handle.url);
  t.teardown(async () => {
    await k.close();
    await fast.stop();
  });
  const card = await fast.kit.activationCard();
  fast.insert(card.bytes);
  await screenIs(k.page, 'activation-code');
  await k.page.waitForFunction(() => !(document.querySelector('[data-testid="key-0"]') as HTMLButtonElement).disabled);
  // Sixteen taps within one moment, before a single answer is back.
  await k.page.evaluate((code) => {
    for (const d of code) (document.querySelector(`[data-testid="key-${d}"]`) as HTMLButtonElement).click();
  }, card.code);
  await k.page.getByTestId('code-submit').waitFor();
  t.equal((await k.page.getByTestId('code-display').innerText()).replace(/\s+/g, ''), card.code, 'every digit, in order');
  await touch(k.page, 'code-submit');
  await screenIs(k.page, 'activated');
  t.pass('and the code opens the card');
});
