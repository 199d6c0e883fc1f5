// A whole meeting in Debian's Chromium: the chair's regietool, the projector and 31 members, each
// in a page of its own (one browser, one context per person). A public vote, a secret vote, a
// weighted vote through the fraction leaders, an appointment with a second round, a timed round
// that closes by itself (on the server's manual clock), and a member whose tablet reconnects; the
// projector and the minutes read exactly the expected texts.
import t from 'tap';
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ManualClock } from '../src/clock.ts';
import { openCouncil } from '../src/council.ts';
import { demoMembers, setUpDemo } from '../src/demo.ts';
import { readMeeting } from '../src/meeting.ts';
import { startCouncil } from '../src/web/server.ts';
import { FAST_SCRYPT, tempDir } from './support.ts';

const CHROMIUM = '/usr/bin/chromium';

void t.test('a whole council meeting in the browser', { skip: existsSync(CHROMIUM) ? false : 'Debian chromium not installed' }, async (t) => {
  const dir = await tempDir(t);
  const clock = new ManualClock(new Date('2026-12-16T19:30:00Z'));
  const opened = openCouncil({ file: `${dir}/c.db`, clock });
  if (!opened.ok) throw new Error(opened.error);
  const council = opened.value;
  const demo = await setUpDemo(council, FAST_SCRYPT);
  if (!demo.ok) throw new Error(demo.error);
  const links = new Map(demo.value.map((a, i) => [`${i}`.padStart(8, '0'), a.username]));
  const link = (username: string): string => [...links].find(([, u]) => u === username)![0];
  const running = await startCouncil({ file: `${dir}/c.db`, council, demoLinks: links });
  t.teardown(async () => {
    await running.stop();
    council.close();
  });
  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--renderer-process-limit=4'],
  });
  t.teardown(() => browser.close());
  const open = async (path: string): Promise<Page> => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(new URL(path, running.url).href);
    return page;
  };

  const chair = await open(`/demo/${link('voorzitter')}`);
  await chair.getByTestId('quorum').getByText('31 van 31 raadsleden aanwezig; quorum 16').waitFor();
  const projector = await open(`/projectie/${readMeeting(council.sqlite)!.projectorKey}`);
  await projector.getByTestId('agenda').waitFor();

  // Member 1 logs in with the form; the others by their demo links.
  const members: Page[] = [];
  const first = await open('/');
  await first.locator('input[name=username]').fill('raadslid01');
  await first.locator('input[name=password]').fill('verkeerd-wachtwoord');
  await first.getByRole('button', { name: 'Aanmelden' }).click();
  await first.getByTestId('login-problem').getByText('Gebruikersnaam of wachtwoord klopt niet').waitFor();
  await first.locator('input[name=password]').fill('demo-raadslid01');
  await first.getByRole('button', { name: 'Aanmelden' }).click();
  await first.getByTestId('idle').waitFor();
  members.push(first);
  // Opened side by side: a page's start is mostly waiting, for the context, the bundle and the stream.
  members.push(...(await Promise.all(Array.from({ length: 30 }, (_, i) => open(`/demo/${link(`raadslid${String(i + 2).padStart(2, '0')}`)}`)))));
  await Promise.all(members.map((p) => p.getByTestId('idle').waitFor()));
  const names = demoMembers().map((m) => m.name);

  const ballot = (id: number) => chair.locator(`[data-ballot="${id}"]`);
  const openRound = async (id: number): Promise<void> => {
    await ballot(id).getByRole('button', { name: 'Stemronde openen' }).click();
    await chair.getByTestId('open-round').waitFor();
  };
  const closeAndRelease = async (id: number): Promise<void> => {
    await chair.getByRole('button', { name: 'Stemronde sluiten' }).click();
    await ballot(id).getByRole('button', { name: 'Resultaat vrijgeven' }).last().click();
    await projector.getByTestId('stage-result').waitFor();
  };
  const vote = async (page: Page, label: string): Promise<void> => {
    await page.getByTestId('ballot').getByRole('button', { name: label, exact: true }).click();
    await page.getByTestId('vote-status').getByText('Uw stem is opgeslagen').waitFor();
  };
  const projectorMinutes = async (): Promise<string> => (await projector.getByTestId('minutes').innerText()).trim();

  // 1. A public vote: 21 for, 8 against, 2 abstentions; the ballot appears by itself.
  await openRound(1);
  await projector.getByTestId('progress').getByText('0 van 31 stemgerechtigden hebben gestemd').waitFor();
  await Promise.all(members.map((p, i) => vote(p, i < 21 ? 'Ja' : i < 29 ? 'Nee' : 'Onthouding')));
  await projector.getByTestId('progress').getByText('31 van 31 stemgerechtigden hebben gestemd').waitFor();
  await vote(members[0]!, 'Nee');
  await vote(members[0]!, 'Ja');
  await closeAndRelease(1);
  t.equal(
    await projectorMinutes(),
    `Het voorstel wordt aangenomen met 21 stemmen voor, 8 tegen en 2 onthoudingen. Stemden voor: ${listInWords(names.slice(0, 21))}. Stemden tegen: ${listInWords(names.slice(21, 29))}. Onthielden zich: ${listInWords(names.slice(29))}.`,
  );
  t.match(await projector.getByTestId('stage-result').innerText(), new RegExp(`Onthouding\\s+2\\s+${names[29]}, ${names[30]}`));

  // 2. A secret vote; member 5's tablet reloads mid-round and sees its vote stored.
  await openRound(4);
  await Promise.all(members.map((p, i) => vote(p, i < 18 ? 'Ja' : i < 27 ? 'Nee' : i < 30 ? 'Onthouding' : 'Blanco')));
  await members[4]!.reload();
  await members[4]!.getByTestId('vote-status').getByText('Uw stem is opgeslagen: ja').waitFor();
  await vote(members[4]!, 'Nee');
  await members[4]!.getByTestId('vote-message').getByText('Uw stem is gewijzigd en opgeslagen.').waitFor();
  await projector.getByTestId('progress').getByText('31 van 31 stemgerechtigden hebben gestemd').waitFor();
  await closeAndRelease(4);
  t.equal(await projectorMinutes(), 'Het voorstel wordt aangenomen met 17 stemmen voor, 10 tegen, 3 onthoudingen en 1 blanco.');
  const secretResult = await projector.getByTestId('stage-result').innerText();
  t.notOk(names.some((n) => secretResult.includes(n)), 'a secret result names nobody');

  // 3. A weighted vote through the fraction leaders (members 1, 13, 22, 28).
  await openRound(3);
  await members[1]!.getByText('Uw fractie stemt via de fractievoorzitter.').waitFor();
  await Promise.all([vote(members[0]!, 'Ja'), vote(members[12]!, 'Nee'), vote(members[21]!, 'Ja'), vote(members[27]!, 'Onthouding')]);
  await projector.getByTestId('progress').getByText('4 van 4 stemgerechtigden hebben gestemd').waitFor();
  await closeAndRelease(3);
  t.equal(
    await projectorMinutes(),
    'Het voorstel wordt aangenomen met 18 gewogen stemmen voor, 9 tegen en 4 onthoudingen. Stemden voor (fracties): Groen Dorp en Open Gemeente. Stemden tegen (fracties): Samen Verder. Onthielden zich (fracties): Nieuw Links.',
  );

  // 4. An appointment: no majority, a second round between the two best.
  const candidate = async (page: Page, name: string): Promise<void> => {
    await page.getByTestId('ballot').getByLabel(name).check();
    await page.getByRole('button', { name: 'Stem uitbrengen' }).click();
    await page.getByTestId('vote-status').getByText('Uw stem is opgeslagen').waitFor();
  };
  await openRound(2);
  await Promise.all(members.map((p, i) => candidate(p, i < 14 ? 'Sofie Jacobs' : i < 26 ? 'Koen Mertens' : 'Lotte Willems')));
  await closeAndRelease(2);
  t.equal(
    await projectorMinutes(),
    'Stemming: Sofie Jacobs 14 stemmen, Koen Mertens 12 stemmen en Lotte Willems 5 stemmen (31 geldige stemmen). Geen enkele kandidaat behaalt de volstrekte meerderheid van 16 stemmen: er volgt een herstemming tussen Sofie Jacobs en Koen Mertens (art. 35 DLB).',
  );
  await openRound(2);
  t.equal(await members[0]!.getByTestId('ballot').getByRole('checkbox').count(), 2, 'the second round offers the two best');
  await Promise.all(members.map((p, i) => candidate(p, i < 13 ? 'Sofie Jacobs' : 'Koen Mertens')));
  await closeAndRelease(2);
  t.equal(await projectorMinutes(), 'Herstemming: Koen Mertens 18 stemmen en Sofie Jacobs 13 stemmen (31 geldige stemmen). Koen Mertens wordt verkozen bij de herstemming.');
  t.match(await projector.locator('tr.elected').innerText(), /Koen Mertens — verkozen/);

  // 5. A timed round closes itself (the server's clock moves on); a late click is refused.
  await ballot(5).getByTestId('limit-5').fill('60');
  await openRound(5);
  await members[0]!.getByTestId('countdown').getByText('Nog 1:00').waitFor();
  await Promise.all(members.slice(0, 25).map((p, i) => vote(p, i < 20 ? 'Ja' : 'Nee')));
  clock.advance(60_000);
  await chair.getByTestId('open-round').waitFor({ state: 'detached' });
  await ballot(5).getByRole('button', { name: 'Resultaat vrijgeven' }).click();
  await projector.getByTestId('stage-result').getByText('Stemronde 1').waitFor();
  t.equal(
    (await projectorMinutes()).split(' Stemden')[0],
    'Het voorstel wordt aangenomen met 20 stemmen voor en 5 tegen. Vereist: 17 van de 25 uitgebrachte stemmen (2/3, onthoudingen niet meegeteld).',
  );
  t.match(await members[30]!.getByTestId('stage-result').innerText(), /Het voorstel is aangenomen\./, 'the members see the released result too');

  // The audit log in the regietool.
  await chair.getByRole('button', { name: 'Tonen' }).click();
  t.match(await chair.getByTestId('audit').innerText(), /resultaat vrijgegeven/);

  // The minutes of the meeting.
  const csv = await chair.request.get(new URL('/export/stemmingen.csv', running.url).href);
  const text = await csv.text();
  t.equal(text.split('\r\n').filter((l) => l.trim() !== '').length, 7, 'a header and six rounds');
  t.match(text, /Koen Mertens wordt verkozen bij de herstemming/);
});

function listInWords(parts: readonly string[]): string {
  return parts.length <= 1 ? parts.join('') : `${parts.slice(0, -1).join(', ')} en ${parts.at(-1)}`;
}
