// The web UI in Debian's Chromium, briefly: what an operator reads and clicks on election night.
import t from 'tap';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { FILES } from '@ovs/stick';
import { startHoofdbureau } from '../src/index.ts';
import { createAccount } from '../src/staff/accounts.ts';
import { TEST_KDF } from '../src/testing/index.ts';
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

  const running = await startHoofdbureau({ db: join(await tempDir(t, 'db'), 'hb.db'), packageDir: election.packageDir, key: election.keyFile, port: 0, sticksDir, workers: 0, staff: { kdf: TEST_KDF } });
  t.teardown(() => running.stop());
  const made = await createAccount(running.hoofdbureau.db.sqlite, { username: 'voorzitter', name: 'Vera Voorzitter', role: 'voorzitter' }, 'opdrachtregel', { params: TEST_KDF });
  if (!made.ok) throw new Error(made.error.message);
  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  t.teardown(() => browser.close());
  const page = await browser.newPage();
  await page.goto(running.url);

  // The login, with the temporary password; then the person's own password.
  await page.getByRole('heading', { name: 'Aanmelden' }).waitFor();
  await page.getByLabel('Gebruikersnaam').fill('voorzitter');
  await page.getByLabel('Wachtwoord').fill('fout wachtwoord');
  await page.getByRole('button', { name: 'Aanmelden' }).click();
  t.match(await page.getByRole('alert').innerText(), /Gebruikersnaam of wachtwoord klopt niet/);
  await page.getByLabel('Wachtwoord').fill(made.value.temporaryPassword);
  await page.getByRole('button', { name: 'Aanmelden' }).click();
  await page.getByRole('heading', { name: 'Kies een eigen wachtwoord' }).waitFor();
  await page.getByLabel('Tijdelijk wachtwoord').fill(made.value.temporaryPassword);
  await page.getByLabel('Nieuw wachtwoord', { exact: true }).fill('Een zin voor de vergadering');
  await page.getByLabel('Herhaal het nieuwe wachtwoord').fill('Een zin voor de vergadering');
  await page.getByRole('button', { name: 'Wachtwoord opslaan' }).click();
  t.match(await page.getByTestId('who').innerText(), /Vera Voorzitter — voorzitter/, 'the person and the role shown');

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

  // The composition, as the voorzitter records it.
  await page.getByRole('link', { name: 'Samenstelling' }).click();
  await page.getByLabel('Voorzitter').fill('Vera Voorzitter');
  await page.getByLabel('Secretaris').fill('Sam Secretaris');
  await page.getByLabel('Bijzitters (één per regel)').fill('Bea Bijzitter\nBen Bijzitter');
  const g = election.demo.election.elections.find((e) => e.id === 'G')!;
  await page.getByLabel(`Getuigen van lijst 1 ${g.lists[0]!.name} (${g.title})`).fill('Greet Getuige');
  await page.getByRole('button', { name: 'Samenstelling opslaan' }).click();
  await page.getByText('De samenstelling is opgeslagen').waitFor();

  // An account for a bijzitter: its temporary password shown once.
  await page.getByRole('link', { name: 'Accounts' }).click();
  await page.getByRole('heading', { name: 'Nieuw account' }).waitFor();
  await page.getByLabel('Gebruikersnaam').fill('bea');
  await page.getByLabel('Naam', { exact: true }).fill('Bea Bijzitter');
  await page.getByLabel('Rol').selectOption('bijzitter');
  await page.getByRole('button', { name: 'Account aanmaken' }).click();
  const temporary = (await page.getByTestId('temporary-password').locator('.hash').innerText()).trim();
  t.match(temporary, /^[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$/);
  t.match(await page.locator('tr[data-account="bea"]').innerText(), /Bea Bijzitter\s+bijzitter\s+tijdelijk wachtwoord/);

  await page.getByRole('link', { name: 'Auditlog' }).click();
  const log = await page.getByTestId('audit-log').innerText();
  for (const line of [/voorzitter\s+voorzitter\s+stick gecontroleerd\s+stick stick-1a: geldig, stembureau 1/, /stick ingelezen\s+stick stick-1a: ingelezen, stembureau 1, 40 stembiljetten/, /proces-verbaal gemaakt/, /samenstelling vastgelegd/, /accounts beheerd\s+account bea/]) {
    t.match(log, line, `the audit log shows ${String(line)}`);
  }

  // The bijzitter at another workstation: no accounts, no audit of accounts to manage, no decisions of the chair.
  const other = await browser.newPage();
  await other.goto(running.url);
  await other.getByLabel('Gebruikersnaam').fill('bea');
  await other.getByLabel('Wachtwoord').fill(temporary);
  await other.getByRole('button', { name: 'Aanmelden' }).click();
  await other.getByLabel('Tijdelijk wachtwoord').fill(temporary);
  await other.getByLabel('Nieuw wachtwoord', { exact: true }).fill('Haar eigen lange zin');
  await other.getByLabel('Herhaal het nieuwe wachtwoord').fill('Haar eigen lange zin');
  await other.getByRole('button', { name: 'Wachtwoord opslaan' }).click();
  t.match(await other.getByTestId('who').innerText(), /Bea Bijzitter — bijzitter/);
  await other.locator('tr[data-stick="stick-1b"]').getByRole('button', { name: 'Controleren' }).waitFor();
  t.equal(await other.getByRole('link', { name: 'Accounts' }).count(), 0, 'no staff management for a bijzitter');
  await other.getByRole('link', { name: 'Samenstelling' }).click();
  t.equal(await other.getByRole('button', { name: 'Samenstelling opslaan' }).count(), 0, 'the composition shown, not editable');
  t.equal(await other.getByLabel('Voorzitter').inputValue(), 'Vera Voorzitter');
  await other.getByRole('button', { name: 'Afmelden' }).click();
  await other.getByRole('heading', { name: 'Aanmelden' }).waitFor();
  t.match(await other.locator('main').innerText(), /U bent afgemeld/);

  // The technical beheerder: the server and the audit log, no result, no count.
  const admin = await createAccount(running.hoofdbureau.db.sqlite, { username: 'beheer', name: 'Ben Beheer', role: 'beheerder' }, 'test', { params: TEST_KDF, fixedPassword: 'Een lange zin voor de server' });
  if (!admin.ok) throw new Error(admin.error.message);
  await other.getByLabel('Gebruikersnaam').fill('beheer');
  await other.getByLabel('Wachtwoord').fill('Een lange zin voor de server');
  await other.getByRole('button', { name: 'Aanmelden' }).click();
  await other.getByTestId('audit-log').waitFor();
  t.same(await other.locator('header nav a').allInnerTexts(), ['Auditlog', 'Server'], 'the beheerder’s menu: no stations, results or accounts');
  await other.getByRole('link', { name: 'Server' }).click();
  t.match(await other.getByTestId('server-settings').innerText(), /Sleutel van het hoofdbureau geladen\s+ja/);
});
