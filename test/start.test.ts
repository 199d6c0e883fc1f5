// `npm start` as a newcomer uses it (issue 7): started as `npm start` in a process group of its
// own, its one URL opened in Debian's Chromium, and the whole day played through that page —
// the president's real screen, the voting computers' real kiosk pages (clicked in their frames),
// the ballot box's display, the hoofdbureau's web app, and the hands in between; two faults on
// the way (a pulled stick, a ballot the box cannot read). The seats the hoofdbureau shows must be
// those the law gives for the three ballots cast. Then Ctrl-C (SIGINT to the process group, as a
// terminal sends it), and in a second start SIGTERM to npm alone: exit code 0, every port
// closed, no process left.
import t, { type Test } from 'tap';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type FrameLocator, type Locator, type Page } from 'playwright-core';
import { electionsForStation, generateDemoElection, type Election } from '@ovs/election';
import { countChoices, electionResult, seatListsFromTally, type ElectionChoice } from '@ovs/results';
import type { DemoState } from '../scripts/demo/types.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const ARGS = ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];
const STATION = 1;

/** Every process whose process group is `pgid` (the `npm start` tree). */
async function processesInGroup(pgid: number): Promise<string[]> {
  const out: string[] = [];
  for (const name of await readdir('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = await readFile(`/proc/${name}/stat`, 'utf8').catch(() => '');
    // pid (comm) state ppid pgrp …; comm may hold spaces and parentheses.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(fields[2]) === pgid && fields[0] !== 'Z') out.push(`${name} ${stat.slice(0, stat.lastIndexOf(')') + 1)}`);
  }
  return out;
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect({ host: '127.0.0.1', port });
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

function waitForUrl(child: ChildProcess, output: { text: string }): Promise<string> {
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer): void => {
      output.text += chunk.toString();
      const m = /Virtueel stembureau: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output.text);
      if (m?.[1]) resolve(m[1]);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (c: Buffer) => (output.text += c.toString()));
    child.once('exit', (code) => reject(new Error(`npm start ended (${code}) before printing its URL:\n${output.text}`)));
  });
}

/** One touch on a voting computer's screen, then wait until the screen shows its effect. */
async function touch(booth: FrameLocator, testId: string, then: Locator): Promise<void> {
  await booth.getByTestId(testId).click();
  await then.waitFor();
}

const screen = (booth: FrameLocator, kind: string): Locator => booth.locator(`html[data-screen="${kind}"]`);

type Vote = Array<{ election: string; choice: ElectionChoice }>;

/** A voter at booth `n` makes `vote` by touching the kiosk, then takes the ballot and the card. */
async function cast(page: Page, n: number, vote: Vote): Promise<void> {
  const booth = page.frameLocator(`iframe[title="Scherm stemcomputer ${n}"]`);
  await page.getByRole('button', { name: `Stemkaart in stemcomputer ${n} steken` }).click();
  for (const { choice } of vote) {
    await screen(booth, 'election-intro').waitFor();
    await touch(booth, 'start-election', screen(booth, 'lists'));
    if (choice.kind === 'blank') {
      await touch(booth, 'blank', screen(booth, 'confirm'));
    } else {
      await touch(booth, `list-${choice.list}`, screen(booth, 'candidates'));
      if (choice.topBox) await touch(booth, 'top-box', booth.locator('[data-testid="top-box"][aria-pressed="true"]'));
      for (const p of choice.candidates) await touch(booth, `candidate-${p}`, booth.locator(`[data-testid="candidate-${p}"][aria-pressed="true"]`));
      await touch(booth, 'review', screen(booth, 'confirm'));
    }
    await booth.getByTestId('confirm').click();
    await booth.locator('html:not([data-screen="confirm"])').waitFor();
  }
  await screen(booth, 'printed').waitFor();
  await page.getByRole('region', { name: `Stemcomputer ${n}` }).getByRole('button', { name: 'Neem stembiljet en kaart' }).click();
  await screen(booth, 'insert-card').waitFor();
}

const inHand = (page: Page): Locator => page.getByRole('region', { name: 'Hand van de kiezer' }).locator('[data-kind="ballot"]');

/** The ballot in the voter's hand, folded and laid on the box's glass (the printed PNG is what
 *  the box decodes), then pushed through the open flap. */
async function scanAndDeposit(page: Page, registeredBefore: number, state: () => Promise<DemoState>): Promise<void> {
  const held = inHand(page);
  await held.getByRole('button', { name: 'Vouwen en scannen' }).click();
  await page.locator('[data-led="green"]:not([data-mode="off"])').waitFor();
  await page.frameLocator('iframe[title="Scherm stembus"]').getByText('Steek uw stembiljet in de stembus').waitFor();
  await page.getByRole('region', { name: 'Stembus' }).getByRole('button', { name: 'In de stembus steken' }).click();
  await page.locator('[data-led="green"][data-mode="off"]').waitFor();
  await held.waitFor({ state: 'detached' });
  const s = await state();
  if (s.console.registered !== registeredBefore + 1) throw new Error(`registered ${s.console.registered}, expected ${registeredBefore + 1}`);
}

/** Seats per list number, as @ovs/results gives them for these ballots (LPKD art. 166–168). */
function expectedSeats(election: Election, choices: ElectionChoice[]): Map<number, number> {
  const counted = countChoices({ lists: election.lists.map((l) => ({ number: l.number, candidates: l.candidates.length })) }, choices);
  if (!counted.ok) throw new Error(counted.error.code);
  const lists = seatListsFromTally(counted.value).map((l) => {
    const list = election.lists.find((x) => x.number === l.number)!;
    return { ...l, candidates: l.candidates?.map((c) => ({ ...c, birthDate: list.candidates[c.position - 1]!.birthDate })) };
  });
  const r = electionResult({ method: election.method, seats: election.seats, lists });
  if (!r.ok) throw new Error(JSON.stringify(r));
  return new Map(r.value.lists.map((l) => [l.number, l.seats]));
}

interface Running {
  url: string;
  /** npm's pid, also the process group of everything it started. */
  pgid: number;
  output: { text: string };
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Every port the demo listens on (page, console and its link, box, hoofdbureau, voting computers). */
  ports(): Promise<number[]>;
}

/** `npm start` in a process group of its own, as a terminal runs a command. */
async function npmStart(t: Test): Promise<Running> {
  const runDir = await mkdtemp(join(tmpdir(), 'ovs-start-'));
  t.teardown(() => rm(runDir, { recursive: true, force: true }));
  const child = spawn('npm', ['start', '--silent', '--', '--port', '0', '--run-dir', runDir], { cwd: root, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const pgid = child.pid!;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  t.teardown(async () => {
    // Only when the test failed half-way: never leave anything of the demo running.
    if ((await processesInGroup(pgid)).length > 0) process.kill(-pgid, 'SIGKILL');
  });
  const output = { text: '' };
  const url = await waitForUrl(child, output);
  const ports = async (): Promise<number[]> => {
    const s = (await (await fetch(`${url}demo/api/state`)).json()) as DemoState;
    return [url, s.console.url, s.console.linkUrl, s.box.url, s.hoofdbureau.url, ...s.booths.map((b) => b.url)].map((u) => Number(new URL(u).port));
  };
  return { url, pgid, output, exited, ports };
}

/** The president answers each print prompt of the console: each copy named, printed, the next one asked for. */
async function printEverything(president: FrameLocator): Promise<void> {
  const prompt = president.getByTestId('print-prompt');
  while ((await prompt.count()) > 0) {
    const name = /Afdrukken: (.+?)(?: \(nog \d+ afdrukken\))?\.\s*Afdrukken$/s.exec((await prompt.innerText()).trim())?.[1];
    if (!name) throw new Error(`print prompt: ${await prompt.innerText()}`);
    await prompt.getByRole('button', { name: 'Afdrukken' }).click();
    await president.locator('.message.ok').getByText(new RegExp(`^${name.charAt(0).toUpperCase()}${name.slice(1)} is afgedrukt`)).waitFor();
  }
}

/** After the signal: exit code 0, every port closed, no process of the group left. */
async function stoppedCleanly(t: Test, demo: Running, ports: number[]): Promise<void> {
  t.same(await demo.exited, { code: 0, signal: null }, 'npm start exits with code 0');
  t.match(demo.output.text, /Alles is gestopt/, 'it says everything stopped');
  for (const port of ports) t.equal(await portOpen(port), false, `port ${port} closed`);
  t.same(await processesInGroup(demo.pgid), [], 'no process of npm start left');
}

t.test('npm start: a day in the virtual polling station, then Ctrl-C leaves nothing running', async (t) => {
  const demo = await npmStart(t);
  const { url } = demo;
  t.match(demo.output.text.match(/http:\/\/\S+/g), [url], 'one URL printed');
  const ports = await demo.ports();
  t.equal(new Set(ports).size, 8, 'page, console and its link, box, hoofdbureau and three voting computers, each on its own port');

  const profile = await mkdtemp(join(tmpdir(), 'ovs-start-browser-'));
  t.teardown(() => rm(profile, { recursive: true, force: true }));
  const context = await chromium.launchPersistentContext(profile, { executablePath: '/usr/bin/chromium', args: ARGS, viewport: { width: 1680, height: 1050 } });
  t.teardown(() => context.close());
  const page = context.pages()[0] ?? (await context.newPage());
  const state = async (): Promise<DemoState> => (await (await page.request.get(`${url}demo/api/state`)).json()) as DemoState;
  await page.goto(url);
  await page.getByRole('heading', { name: 'Virtueel stembureau' }).waitFor();
  const step = async (): Promise<string | null> => page.locator('.steps li[aria-current="step"]').getAttribute('data-step');
  // Opening: the password from the envelope, typed into the president's screen.
  t.equal(await step(), 'open-console', 'the guide starts with opening the console');
  const password = await page.getByTestId('password').innerText();
  const president = page.frameLocator('iframe[title="Scherm voorzitterscomputer"]');
  await president.getByLabel('Paswoord').fill(password);
  await president.getByRole('button', { name: 'Openen' }).click();
  await president.getByRole('heading', { name: /Voorbereiding/ }).waitFor();
  t.pass('the console opened with the envelope password');

  // The koppelticket from the console's printer on the box's glass; the assessor reports the box empty.
  await page.locator('.steps li[data-step="pair-box"][aria-current="step"]').waitFor();
  await page.getByRole('button', { name: 'Koppelticket op de stembus leggen' }).first().click();
  const boxScreen = page.frameLocator('iframe[title="Scherm stembus"]');
  await boxScreen.getByRole('heading', { name: 'Stemming nog niet geopend' }).waitFor();
  await boxScreen.getByRole('button', { name: 'Stembus is leeg' }).click();
  await president.getByText('meldt een lege bak').waitFor();
  t.pass('the box paired by its koppelticket and reported empty');

  // One activation card per voting computer, from the console's writer to each booth; the code
  // the console shows is typed on the booth's own keypad, and the booth erases the card.
  for (const n of [1, 2, 3]) {
    await president.getByRole('button', { name: 'Activeringskaart maken' }).click();
    const code = (await president.getByTestId('activation-code').innerText()).replace(/\s/g, '');
    t.match(code, /^\d{16}$/, `booth ${n}: the console shows a 16-digit code`);
    await page.getByRole('button', { name: `Activeringskaart in stemcomputer ${n} steken`, exact: true }).first().click();
    const booth = page.frameLocator(`iframe[title="Scherm stemcomputer ${n}"]`);
    await screen(booth, 'activation-code').waitFor();
    for (const [i, digit] of [...code].entries()) {
      await booth.getByTestId(`key-${digit}`).click();
      await booth.getByLabel(`Getypte code: ${i + 1} van 16 cijfers`).waitFor();
    }
    await booth.getByTestId('code-submit').click();
    await screen(booth, 'activated').waitFor();
    t.match(await booth.getByTestId('activated').innerText(), /De activeringskaart is gewist/);
    // The president hides the code: the next card's code appears once that card is written.
    await president.getByRole('button', { name: 'Code verbergen' }).click();
    await page.getByRole('region', { name: `Stemcomputer ${n}` }).getByRole('button', { name: 'Kaart uitnemen' }).click();
    await screen(booth, 'insert-card').waitFor();
  }
  t.same(
    (await state()).table.map((c) => c.kind),
    ['erased-activation', 'erased-activation', 'erased-activation'],
    'the three cards lie on the table, erased: each is now only the key to stop an alarm',
  );
  t.ok((await state()).booths.every((b) => b.activated), 'three voting computers activated');

  await president.getByLabel(/stembus leeg is en ze verzegeld/).check();
  await president.getByRole('button', { name: 'Stemming openen' }).click();
  await president.getByRole('heading', { name: 'Stemming geopend' }).waitFor();
  await page.locator('.steps li[data-step="vote"][aria-current="step"]').waitFor();
  t.pass('voting open');

  // Three ballots of different kinds, on three machines.
  const pkg = generateDemoElection({ scrypt: { N: 1024, r: 8, p: 1 } }).election;
  const elections = electionsForStation(pkg, STATION);
  const g = elections.find((e) => e.id === 'G')!;
  const p = elections.find((e) => e.id === 'P')!;
  const ballots: Array<{ category: RegExp; booth: number; vote: Vote }> = [
    // A Belgian voter: list vote for the municipality, blank for the province.
    { category: /^Belgische kiezer:/, booth: 1, vote: [{ election: 'G', choice: { kind: 'list', list: 1, topBox: true, candidates: [] } }, { election: 'P', choice: { kind: 'blank' } }] },
    // An EU citizen (municipal ballot only): preference votes.
    { category: /^EU-burger:/, booth: 2, vote: [{ election: 'G', choice: { kind: 'list', list: 3, topBox: false, candidates: [1, 2] } }] },
    // A Belgian voter: top box with a candidate, and a list vote for the province.
    { category: /^Belgische kiezer:/, booth: 3, vote: [{ election: 'G', choice: { kind: 'list', list: 1, topBox: true, candidates: [3] } }, { election: 'P', choice: { kind: 'list', list: 4, topBox: true, candidates: [] } }] },
  ];
  for (const [i, b] of ballots.entries()) {
    await president.locator('main').getByRole('button', { name: b.category }).click();
    await cast(page, b.booth, b.vote);
    await scanAndDeposit(page, i, state);
    t.pass(`ballot ${i + 1} voted at booth ${b.booth}, scanned and deposited`);
    if (i === 0) {
      // A fault on demand: stick B pulled halts voting at the console until it is back.
      await page.getByRole('button', { name: 'Stick B uittrekken' }).click();
      await president.getByRole('alertdialog', { name: 'Stemming onderbroken' }).getByText(/Stick B/).waitFor();
      await page.getByRole('button', { name: 'Stick B terugsteken' }).click();
      await president.getByRole('alertdialog', { name: 'Stemming onderbroken' }).waitFor({ state: 'detached' });
      t.pass('stick B pulled and put back: voting halted, then resumed');
    }
  }
  t.equal((await state()).box.inBin, 3, 'three ballots in the box');

  // Seed 002 II.C.5: the box is replaced during voting. The new one knows no console until the
  // president prints a koppelticket from the voting screen and lays it on its glass.
  await page.getByRole('button', { name: 'Stembus vervangen' }).click();
  await boxScreen.getByRole('heading', { name: 'Stembus niet gekoppeld' }).waitFor();
  await president.getByText('Stembus herstart of vervangen').click();
  await president.getByRole('button', { name: 'Koppelticket afdrukken' }).click();
  await president.getByText('Koppelticket stembus afgedrukt.').waitFor();
  await page.getByRole('button', { name: 'Koppelticket op de stembus leggen' }).last().click();
  await boxScreen.getByRole('heading', { name: 'Scan uw stembiljet' }).waitFor();
  await page.screenshot({ path: join(tmpdir(), 'ovs-start-replaced-box.png') });
  t.pass('the replacement box paired with a koppelticket printed during voting');
  const fourth = { category: /^EU-burger:/, booth: 1, vote: [{ election: 'G', choice: { kind: 'blank' } }] as Vote };
  await president.locator('main').getByRole('button', { name: fourth.category }).click();
  await cast(page, fourth.booth, fourth.vote);
  await scanAndDeposit(page, 3, state);
  ballots.push(fourth);
  t.pass('and takes the next ballot');

  // Another fault: a ballot folded wet across its barcode is refused; the president annuls it.
  await president.locator('main').getByRole('button', { name: /^Niet-EU-burger:/ }).click();
  await cast(page, 2, [{ election: 'G', choice: { kind: 'blank' } }]);
  await inHand(page).getByRole('button', { name: 'Nat vouwen' }).click();
  await inHand(page).getByRole('button', { name: 'Vouwen en scannen' }).click();
  await page.frameLocator('iframe[title="Scherm stembus"]').getByRole('heading', { name: 'Barcode onleesbaar' }).waitFor();
  t.equal((await state()).console.registered, 4, 'the unreadable ballot is not registered');
  await inHand(page).getByRole('button', { name: 'Teruggenomen: in de omslag' }).click();
  await president.getByRole('button', { name: 'Stembiljet annuleren…' }).click();
  const annul = president.getByRole('dialog', { name: 'Stembiljet annuleren' });
  await annul.getByLabel('De stembus kan de barcode niet lezen').check();
  await annul.getByRole('button', { name: /^Niet-EU-burger:/ }).click();
  await page.getByRole('button', { name: 'Stemkaart teruggeven aan de voorzitter' }).click();
  t.pass('the unreadable ballot annulled; its replacement card handed back unused');

  // Closing at the console (seed 002 III.3–5): the aanstiplijsten and the envelopes typed, every
  // difference explained — and the console's printer out of paper just then.
  await page.getByRole('button', { name: 'Papier op in de voorzitterscomputer' }).click();
  await president.getByRole('button', { name: 'Stemming sluiten…' }).click();
  await president.getByLabel('Aantal kiezers afgestipt die persoonlijk stemden').fill('4');
  await president.getByLabel('Aantal kiezers afgestipt die bij volmacht stemden').fill('0');
  await president.getByLabel('Aantal geannuleerde stembiljetten in de omslag').fill('1');
  await president.getByLabel('Aantal teststembiljetten in de omslag').fill('0');
  for (const box of await president.getByTestId('reconciliation').getByLabel('Verklaring').all()) await box.fill('De kiezer van het geannuleerde stembiljet vertrok zonder opnieuw te stemmen.');
  await president.getByRole('button', { name: 'Stemming definitief sluiten' }).click();
  await president.getByRole('heading', { name: 'De stemming is afgesloten' }).waitFor();
  const code = await president.locator('.code').innerText();
  t.match(code, /^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/, 'the code for the hoofdbureau');
  t.match(await president.getByTestId('print-prompt').innerText(), /Exemplaar 1 van 2 van het proces-verbaal werd NIET afgedrukt\. De printer heeft geen papier meer/, 'the failed print is shown');
  await page.getByRole('button', { name: 'Nieuwe rol in de voorzitterscomputer' }).click();
  await page.getByRole('button', { name: 'Papier op in de voorzitterscomputer' }).waitFor();
  await president.getByRole('button', { name: 'Opnieuw afdrukken' }).click();
  await president.locator('.message.ok').getByText(/^Exemplaar 1 van 2 van het proces-verbaal is afgedrukt/).waitFor();
  // A prompt for each copy: the PV's second, the kerncijferrapport twice, the envelope label.
  await printEverything(president);
  t.same(
    (await state()).consolePrints.map((p) => p.title).filter((x) => /Proces-verbaal|Kerncijferrapport|Omslag/.test(x)),
    ['Proces-verbaal', 'Proces-verbaal', 'Kerncijferrapport', 'Kerncijferrapport', 'Omslag usb-sticks'],
    'the PV and the kerncijferrapport in two copies, then the envelope label',
  );
  // Seed 002 III.6: a witness's remark while the PV is read out, signed on both sticks.
  await president.getByLabel('Getuige', { exact: true }).fill('Hilde Willems');
  await president.getByLabel('Lijst die de getuige aanwees').fill('lijst 1');
  await president.getByLabel('Opmerking', { exact: true }).fill('Geen bezwaar tegen het verloop.');
  await president.getByRole('button', { name: 'Opmerking toevoegen' }).click();
  await president.getByText(/De opmerking staat ondertekend op beide sticks/).first().waitFor();
  await printEverything(president);
  t.pass('the PV printed again with the remark');

  // The sticks to the hoofdbureau: check, import, the copy recognised.
  await page.locator('.steps li[data-step="carry"][aria-current="step"]').waitFor();
  await page.getByRole('region', { name: 'Hoofdbureau' }).getByRole('button', { name: 'Sticks naar het hoofdbureau brengen' }).click();
  const hb = page.frameLocator('iframe[title="Hoofdbureau"]');
  // The demo's voorzitter logs in at the hoofdbureau with the password the page shows.
  const hbLogin = page.getByRole('region', { name: 'Hoofdbureau' });
  await hb.getByLabel('Gebruikersnaam').fill(await hbLogin.getByTestId('hb-username').innerText());
  await hb.getByLabel('Wachtwoord').fill(await hbLogin.getByTestId('hb-password').innerText());
  await hb.getByRole('button', { name: 'Aanmelden' }).click();
  await hb.getByTestId('who').getByText('voorzitter').waitFor();
  t.pass('logged in at the hoofdbureau as the demo’s voorzitter');
  const stickA = hb.locator(`tr[data-stick="stembureau-${STATION}-stick-A"]`);
  await stickA.waitFor();
  await stickA.getByRole('button', { name: 'Controleren' }).click();
  await hb.getByText(code).first().waitFor();
  t.pass('the check shows the code printed on the kerncijferrapport');
  t.match(await hb.getByTestId('remarks').innerText(), /Hilde Willems \(lijst 1\): Geen bezwaar tegen het verloop\./, 'and the witness\'s remark from the stick');
  await stickA.getByRole('button', { name: 'Inlezen', exact: true }).click();
  t.match(await hb.getByTestId('import-outcome').innerText(), /ingelezen, 4 stembiljetten/, 'stick A imported: four ballots');
  await hb.locator(`tr[data-stick="stembureau-${STATION}-stick-B"]`).getByRole('button', { name: 'Inlezen als kopie' }).click();
  await hb.getByTestId('import-outcome').getByText(/al ingelezen, identiek/).waitFor();
  t.pass('stick B recognised as the identical copy');
  await page.locator('.steps li[data-step="results"][aria-current="step"]').waitFor();

  // Seats, elected and initiatiefrecht as the hoofdbureau shows them.
  await hb.getByRole('link', { name: 'Resultaten en zetels' }).click();
  const choicesOf = (id: string): ElectionChoice[] => ballots.flatMap((b) => b.vote.filter((v) => v.election === id).map((v) => v.choice));
  for (const election of [g, p]) {
    const expected = expectedSeats(election, choicesOf(election.id));
    const section = hb.locator(`section[data-election="${election.id}"]`);
    await section.waitFor();
    for (const list of election.lists) {
      const shown = await section.getByTestId(`seats-${election.id}-${list.number}`).innerText();
      t.equal(shown, String(expected.get(list.number)), `${election.title}, list ${list.number}: ${shown} seats`);
    }
  }
  t.equal(await hb.getByTestId('initiatiefrecht-G').locator('li').count() > 0, true, 'initiatiefrecht shown for the gemeenteraad');

  // Ctrl-C: the terminal sends SIGINT to the whole process group.
  await context.close();
  process.kill(-demo.pgid, 'SIGINT');
  await stoppedCleanly(t, demo, ports);
});

t.test('npm start: SIGTERM to npm alone (a service manager, `kill PID`) stops everything too', async (t) => {
  const demo = await npmStart(t);
  const ports = await demo.ports();
  process.kill(demo.pgid, 'SIGTERM');
  await stoppedCleanly(t, demo, ports);
});
