// The web UI in Debian's Chromium, briefly: what an operator reads and clicks on election night.
import t from 'tap';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { FILES } from '@ovs/stick';
import { startHoofdbureau } from '../src/index.ts';
import { day, demoElection, tempDir } from './support.ts';

const CHROMIUM = '/usr/bin/chromium';

void t.test('check, import, identical copy, refusal and seats in the browser', { skip: existsSync(CHROMIUM) ? false : 'Debian chromium not installed' }, async (t) => {
  const election = await demoElection(t);
  const sticksDir = await tempDir(t, 'reader');
  const one = await day(election, 1, 40, { seed: 'ui-1' });
  await one.sticks.a.dumpTo(join(sticksDir, 'stick-1a'));
  await one.sticks.b.dumpTo(join(sticksDir, 'stick-1b'));
  const two = await day(election, 2, 30, { seed: 'ui-2' });
  await two.sticks.a.dumpTo(join(sticksDir, 'stick-2a'));
  const slots = await readFile(join(sticksDir, 'stick-2a', FILES.slots));
  slots[slots.length - 1] = 1;
  await writeFile(join(sticksDir, 'stick-2a', FILES.slots), slots);

  const running = await startHoofdbureau({ db: join(await tempDir(t, 'db'), 'hb.db'), packageDir: election.packageDir, key: election.keyFile, port: 0, sticksDir, workers: 0 });
  t.teardown(() => running.stop());
  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  t.teardown(() => browser.close());
  const page = await browser.newPage();
  await page.goto(running.url);

  await page.getByText('Aangeboden sticks').waitFor();
  t.match(await page.getByTestId('expected').innerText(), /12\s*verwacht/);
  t.match(await page.getByTestId('imported').innerText(), /0\s*ingelezen/);

  const row = (name: string) => page.locator(`tr[data-stick="${name}"]`);
  await row('stick-1a').getByRole('button', { name: 'Controleren' }).click();
  const check = page.getByTestId('check-outcome');
  await check.waitFor();
  const checkText = await check.innerText();
  t.match(checkText, /GELDIG — Vlindermeer-001-Zonnebrug — nog niet ingelezen/);
  const report = await running.hoofdbureau.checkStick(join(sticksDir, 'stick-1a'));
  t.ok(report.ok && checkText.includes(report.summary.storeShortHash), 'the hash to compare with the kerncijferrapport is shown');

  await row('stick-1a').getByRole('button', { name: 'Inlezen', exact: true }).click();
  await page.getByTestId('import-outcome').getByText('ingelezen, 40 stembiljetten').waitFor();
  await page.getByTestId('imported').getByText('1').waitFor();

  await row('stick-1b').getByRole('button', { name: 'Inlezen', exact: true }).click();
  await page.getByTestId('import-outcome').getByText('al ingelezen, identiek').waitFor();

  await row('stick-2a').getByRole('button', { name: 'Inlezen', exact: true }).click();
  const refused = page.getByTestId('import-outcome');
  await refused.getByText('GEWEIGERD').waitFor();
  t.match(await refused.innerText(), /ballots\.slots.*Lees de andere stick/s, 'the reason and what to do');
  await page.getByTestId('problems').getByText('1').waitFor();
  t.match(await page.locator('tr[data-station="2"]').innerText(), /probleem/);

  await page.locator('tr[data-station="1"] a').click();
  await page.getByText('Pogingen').waitFor();
  t.match(await page.locator('main').innerText(), /Ingelezen .* van de eerste stick: 40 stembiljetten/);

  await page.getByRole('link', { name: 'Resultaten en zetels' }).click();
  await page.locator('section[data-election="G"]').waitFor();
  const results = running.hoofdbureau.results();
  for (const l of results.elections.find((e) => e.id === 'G')!.lists) {
    t.equal(await page.getByTestId(`seats-G-${l.number}`).innerText(), String(l.seats), `list ${l.number}: the seats shown are the allocation`);
  }
  t.match(await page.locator('main').innerText(), /Tussentijds resultaat: 1 van 12 stembureaus ingelezen/);
  const initiatief = results.elections.find((e) => e.id === 'G')!.initiatiefrecht;
  if (initiatief.applies && initiatief.ok) {
    t.equal(await page.getByTestId('initiatiefrecht-G').locator('li').count(), initiatief.holders.length, 'initiatiefrecht order shown');
    t.match(await page.getByTestId('initiatiefrecht-G').innerText(), initiatief.holders[0]!.name);
  } else {
    t.match(await page.locator('section[data-election="G"]').innerText(), /Initiatiefrecht/);
  }
  const intermediate = (await (await page.request.get(new URL('api/intermediate', running.url).href)).json()) as Array<{ seq: number; station: number; stationsImported: number }>;
  t.same(
    intermediate.map((i) => [i.seq, i.station, i.stationsImported]),
    [[1, 1, 1]],
    'one intermediate result per imported station',
  );
  const pdf = await page.request.get(new URL('pv.pdf', running.url).href);
  t.equal(pdf.headers()['content-type'], 'application/pdf');
  t.equal((await pdf.body()).subarray(0, 5).toString(), '%PDF-');
});
