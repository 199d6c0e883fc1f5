// The box's display in real Chromium (Debian's /usr/bin/chromium through playwright-core),
// at the panel's size (800 × 480), reading what the voter and the assessor read: the box empty
// button before opening, the ready screen, a refusal in large text, the green flap screen.
import t from 'tap';
import { chromium, type Browser } from 'playwright-core';
import { FAULT_TEXT, NOTICES, REFUSALS } from '../src/index.ts';
import { ballot, ballotPng, SeededRandom, sign } from './support/election.ts';
import { openDay, openVoting, waitFor } from './support/rig.ts';
import { damagedPng, presentAndRun } from './support/scans.ts';

const ARGS = ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

async function browser(t: { teardown: (fn: () => Promise<void>) => void }): Promise<Browser> {
  const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
  t.teardown(() => b.close());
  return b;
}

t.test('the display, as a voter and an assessor see it', async (t) => {
  const day = await openDay(t, { phase: 'preparation', box: { port: 0 } });
  const page = await (await browser(t)).newPage({ viewport: { width: 800, height: 480 } });
  await page.goto(day.box.url!);
  const title = page.locator('h1');
  const overflows = (): Promise<boolean> => page.evaluate(() => document.documentElement.scrollHeight > window.innerHeight || document.documentElement.scrollWidth > window.innerWidth);

  await title.getByText('Stemming nog niet geopend').waitFor();
  t.match(await page.locator('footer .status').innerText(), /stemming nog niet geopend · klep in orde/);
  await page.getByRole('button', { name: 'Stembus is leeg' }).click();
  await page.getByRole('status').getByText(/weet nu dat de stembus leeg is/).waitFor();
  await waitFor(() => day.console.handle.core.snapshot().box.emptyRecorded);
  t.pass('the assessor reported the empty box from the display');

  await openVoting(day);
  await title.getByText('Scan uw stembiljet').waitFor();
  t.equal(await page.getByRole('button', { name: 'Stembus is leeg' }).count(), 0, 'no empty-box button once voting is open');
  t.equal(await page.getByRole('img', { name: 'rood licht' }).count(), 1);

  await presentAndRun(day, damagedPng(sign(day.session, ballot(new SeededRandom('ui')))));
  await title.getByText('Barcode onleesbaar').waitFor();
  t.match(await page.locator('main').innerText(), /kan de barcode van dit stembiljet niet lezen[\s\S]*nieuwe chipkaart/);
  t.equal(await page.locator('main').getAttribute('data-reason'), 'unreadable');
  t.equal(await page.getByRole('img', { name: 'rood knipperlicht' }).count(), 1);
  const fontSize = await title.evaluate((el) => getComputedStyle(el).fontSize);
  t.equal(fontSize, '46px', 'the reason in large text (≈ 9 mm on the panel)');
  t.equal(await overflows(), false, 'the longest screen fits the 800 × 480 panel');
  if (process.env.OVS_SCREENSHOTS) await page.screenshot({ path: `${process.env.OVS_SCREENSHOTS}/box-refused.png` });

  await presentAndRun(day, ballotPng(sign(day.session, ballot(new SeededRandom('ui-ok')))));
  await title.getByText('Steek uw stembiljet in de stembus').waitFor();
  t.equal(await page.getByRole('img', { name: 'groen licht' }).count(), 1);
  t.equal(await overflows(), false);
  if (process.env.OVS_SCREENSHOTS) await page.screenshot({ path: `${process.env.OVS_SCREENSHOTS}/box-open.png` });
  await day.deposit();
  await title.getByText('Scan uw stembiljet').waitFor();
  await page.getByRole('status').getByText('Dank u. Uw stembiljet zit in de stembus.').waitFor();
  t.pass('back to red, with a thank-you');

  t.equal(await overflows(), false, 'everything fits the 800 × 480 panel');

  // Every refusal's words, with the longest fault text and the longest notice, in the real layout.
  const longestFault = Object.values(FAULT_TEXT).sort((a, b) => b.length - a.length)[0]!;
  const longestNotice = Object.values(NOTICES).sort((a, b) => b.length - a.length)[0]!;
  for (const [reason, r] of Object.entries(REFUSALS)) {
    const fits = await page.evaluate(
      ([title, text, instruction, notice]) => {
        const main = document.querySelector('main')!;
        main.className = 'tone-refused';
        main.querySelector('h1')!.textContent = title!;
        main.querySelector('.text')!.textContent = text!;
        let ins = main.querySelector('.instruction');
        if (!ins) {
          ins = document.createElement('p');
          ins.className = 'instruction';
          main.querySelector('.text')!.after(ins);
        }
        ins.textContent = instruction!;
        let n = main.querySelector('.notice');
        if (!n) {
          n = document.createElement('p');
          n.className = 'notice';
          ins.after(n);
        }
        n.textContent = notice!;
        return document.documentElement.scrollHeight <= window.innerHeight && document.documentElement.scrollWidth <= window.innerWidth;
      },
      [r.title, reason === 'box-fault' || reason === 'flap-failed' ? `${r.text} ${longestFault}` : r.text, r.instruction, longestNotice],
    );
    t.ok(fits, `${reason}: fits the panel with the longest fault text and notice`);
  }
});
