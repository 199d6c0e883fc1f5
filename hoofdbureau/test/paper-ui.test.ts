// The paper counts in Debian's Chromium (issue 12): a mixed municipality — three stations on
// sticks, nine on paper in six telbureaus — where three typists at three workstations type the
// six telbureaus at the same time, the checks catch an error, a table of the wrong telbureau
// gets "dubbele ingave van eenzelfde telbureau?", the voorzitter resolves a difference between
// the two entries and locks; then the PV.
import t from 'tap';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { SeededRandom } from '@ovs/crypto';
import { tableFields, withFields, candidateKey, type TelbureauTable } from '@ovs/paper-count';
import { startHoofdbureau } from '../src/index.ts';
import { pvDocument, pvText } from '../src/pv/pv-content.ts';
import { readIncidents } from '../src/pv/incidents.ts';
import { readAudit } from '../src/staff/audit.ts';
import { paperTable, randomPaperBallots, staffClient, TEST_KDF } from '../src/testing/index.ts';
import { day, demoElection, tempDir } from './support.ts';

const CHROMIUM = '/usr/bin/chromium';

/** Types the whole table with the keyboard alone: digits, Enter to the next field, Enter on the button. */
async function typeByKeyboard(page: Page, table: TelbureauTable): Promise<void> {
  await page.locator('form.entry input[data-field]').first().focus();
  for (const [, v] of tableFields(table)) {
    await page.keyboard.type(String(v));
    await page.keyboard.press('Enter');
  }
  await page.keyboard.press('Enter'); // the focus is on "Controleren en opslaan"
}

/** The same, faster: every field's input event at once (the tables have some 250 fields). */
async function fillTable(page: Page, table: TelbureauTable): Promise<void> {
  await page.locator('form.entry input[data-field]').first().waitFor();
  await page.evaluate((pairs) => {
    for (const [k, v] of pairs) {
      const el = document.querySelector<HTMLInputElement>(`form.entry input[data-field="${k}"]`)!;
      el.value = String(v);
      el.dispatchEvent(new Event('input', { bubbles: true }));
    }
  }, tableFields(table));
  await page.getByRole('button', { name: 'Controleren en opslaan' }).click();
}

async function open(page: Page, telbureau: string, election: string): Promise<void> {
  await page.goto(`${new URL(page.url()).origin}/#/telbureau/${telbureau}`);
  await page.locator(`form.entry[data-entry="${election}"]`).waitFor();
}

async function saved(page: Page): Promise<void> {
  await page.getByTestId('entry-saved').waitFor();
}

async function release(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Telbureau vrijgeven' }).click();
  await page.getByRole('heading', { name: 'Tabellen van telbureaus invoeren' }).waitFor();
}

t.test('three typists, six telbureaus, an error, a duplicate, a difference resolved, a lock, the PV', { skip: existsSync(CHROMIUM) ? false : 'Debian chromium not installed' }, async (t) => {
  const election = await demoElection(t);
  const sticksDir = await tempDir(t, 'reader');
  for (const n of [1, 2, 3]) await (await day(election, n, 12, { seed: `paper-ui-${n}` })).sticks.a.dumpTo(join(sticksDir, `stick-${n}`));
  const running = await startHoofdbureau({ db: join(await tempDir(t, 'db'), 'hb.db'), packageDir: election.packageDir, key: election.keyFile, port: 0, sticksDir, workers: 0, staff: { kdf: TEST_KDF } });
  t.teardown(() => running.stop());
  const hb = running.hoofdbureau;
  const g = hb.db.pkg.election.elections.find((e) => e.kind === 'gemeenteraad')!;
  const p = hb.db.pkg.election.elections.find((e) => e.kind === 'provincieraad')!;

  // The voorzitter's own session (API) reads the sticks and links the telbureaus; the accounts.
  const vz = await staffClient(running, 'voorzitter', { username: 'vera', name: 'Vera Voorzitter' });
  for (const n of [1, 2, 3]) t.equal(((await (await vz.post(`/api/sticks/stick-${n}/import`, { copy: false })).json()) as { kind: string }).kind, 'imported');
  const typists = await Promise.all(['ann', 'bob', 'cyd'].map((u) => staffClient(running, 'invoerder', { username: u, name: `Invoerder ${u}` })));

  const browser: Browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });
  t.teardown(() => browser.close());
  const login = async (username: string, password: string): Promise<Page> => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(running.url);
    await page.getByLabel('Gebruikersnaam').fill(username);
    await page.getByLabel('Wachtwoord', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Aanmelden' }).click();
    await page.getByTestId('who').waitFor();
    return page;
  };
  const chair = await login('vera', vz.password);

  // The voorzitter links stations 4–12 to telbureaus G1–G3 and P1–P3 on the linking screen.
  await chair.getByRole('link', { name: 'Tabellen van telbureaus invoeren' }).click();
  await chair.getByRole('link', { name: 'Telbureaus koppelen aan stembureaus' }).click();
  await chair.locator('tr[data-station="12"]').waitFor();
  t.match(await chair.locator('tr[data-station="10"]').innerText(), /Lentebeek/, 'each station with its deelgebied');
  for (let n = 4; n <= 12; n++) {
    const tb = String(Math.floor((n - 4) / 3) + 1);
    await chair.getByLabel(`stembureau ${n} op papier`).check();
    await chair.getByLabel(`telbureau G van stembureau ${n}`).fill(tb);
    await chair.getByLabel(`telbureau P van stembureau ${n}`).fill(tb);
  }
  await chair.getByRole('button', { name: 'Koppeling opslaan' }).click();
  t.match(await chair.getByRole('alert').innerText(), /De koppeling is opgeslagen/);
  t.same(hb.paper.setup().telbureaus.map((x) => `${x.id}:${x.stations.map((s) => s.number).join(',')}`), ['G1:4,5,6', 'G2:7,8,9', 'G3:10,11,12', 'P1:4,5,6', 'P2:7,8,9', 'P3:10,11,12']);

  // The paper tables of the six telbureaus.
  const random = new SeededRandom('paper-ui');
  const tables: Record<string, TelbureauTable> = {};
  for (const n of [1, 2, 3]) {
    tables[`G${n}`] = paperTable(g, randomPaperBallots(g, 150 + 7 * n, random));
    tables[`P${n}`] = paperTable(p, randomPaperBallots(p, 140 + 5 * n, random));
  }
  const electionOf = (tb: string): string => (tb.startsWith('G') ? g.id : p.id);

  const [an, bo, cy] = await Promise.all(typists.map((x) => login(x.username, x.password)));
  const pages = { an: an!, bo: bo!, cy: cy! };

  // Another typist cannot enter a telbureau in use.
  await open(pages.an, 'G1', g.id);
  await pages.bo.goto(`${running.url}#/telbureau/G1`);
  t.match(await pages.bo.getByRole('alert').innerText(), /In telbureau G1 werkt nu ann/);
  await pages.bo.goto(`${running.url}#/telbureaus`);

  // Round 1, at the same time: first entries. An types G1 with the keyboard alone, with an error first.
  const warnOrSave = async (page: Page): Promise<void> => {
    await page.locator('[data-testid="entry-saved"], [data-testid="entry-refusal"]').first().waitFor();
    if (await page.getByTestId('entry-refusal').isVisible()) {
      // Only warnings (W.201 blank ≥ 3 % is common in random tables): the paper says so.
      await page.getByRole('button', { name: 'Klopt met het papier: waarschuwing bevestigen' }).click();
      await saved(page);
    }
  };
  const first = async (who: 'an' | 'bo' | 'cy', tbs: string[]): Promise<void> => {
    const page = pages[who];
    for (const tb of tbs) {
      if (who !== 'an' || tb !== 'G1') await open(page, tb, electionOf(tb));
      if (who === 'an' && tb === 'G1') {
        // Letters and signs cannot be typed into a number.
        const firstField = page.locator('form.entry input[data-field="handedOut"]');
        await firstField.focus();
        await page.keyboard.type('1x2-');
        t.equal(await firstField.inputValue(), '12', 'only digits');
        await firstField.fill('');
        const wrong = withFields(tables.G1!, { valid: tables.G1!.valid + 10 });
        await typeByKeyboard(page, wrong);
        const refusal = page.getByTestId('entry-refusal');
        await refusal.waitFor();
        t.match(await refusal.innerText(), /Fout F\.101.*Controleer de aantallen geldige, blanco, ongeldige en getelde stembiljetten/s, 'the error caught, with the typist’s text');
        t.equal(await page.locator('label.field.bad input[data-field="valid"]').count(), 1, 'the field is marked');
        const valid = page.locator('form.entry input[data-field="valid"]');
        await valid.fill('');
        await valid.pressSequentially(String(tables.G1!.valid));
        await page.getByRole('button', { name: 'Controleren en opslaan' }).click();
        await warnOrSave(page);
      } else {
        await fillTable(page, tables[tb]!);
        await warnOrSave(page);
      }
      await release(page);
    }
  };
  await Promise.all([first('an', ['G1', 'P1']), first('bo', ['G2', 'P2']), first('cy', ['G3', 'P3'])]);

  // Round 2, at the same time: second entries by another typist. Bo first picks up P2's paper for P3.
  const slip = (() => {
    const l = tables.G1!.lists.find((x) => x.preferenceVotes.some((v) => v < x.stemcijfer - x.listOnly && v % 10 !== 9))!;
    const i = l.preferenceVotes.findIndex((v) => v < l.stemcijfer - l.listOnly && v % 10 !== 9);
    return { key: candidateKey(l.number, i + 1), value: l.preferenceVotes[i]! + 1, truth: l.preferenceVotes[i]! };
  })();
  const second = async (who: 'an' | 'bo' | 'cy', tbs: string[]): Promise<void> => {
    const page = pages[who];
    for (const tb of tbs) {
      await open(page, tb, electionOf(tb));
      if (who === 'bo' && tb === 'P3') {
        await fillTable(page, tables.P2!);
        const refusal = page.getByTestId('entry-refusal');
        await refusal.waitFor();
        t.match(await refusal.innerText(), /W\.204: dubbele ingave van eenzelfde telbureau\? \(identiek aan de tabel van telbureau P2\)/, 'the duplicate table is noticed');
        // The right paper this time.
        await page.reload();
        await page.locator('form.entry[data-entry="P"]').waitFor();
        await fillTable(page, tables.P3!);
      } else if (who === 'cy' && tb === 'G1') {
        await fillTable(page, withFields(tables.G1!, { [slip.key]: slip.value }));
      } else {
        await fillTable(page, tables[tb]!);
      }
      await warnOrSave(page);
      await release(page);
    }
  };
  await Promise.all([second('an', ['G2', 'P2']), second('bo', ['G3', 'P3']), second('cy', ['G1', 'P1'])]);
  const states = hb.paper.overview({ username: 'vera', name: 'Vera', role: 'voorzitter' });
  t.same(states.ok && states.value.map((x) => `${x.telbureau.id}:${x.elections.map((e) => e.state).join()}`), ['G1:different', 'G2:definitive', 'G3:definitive', 'P1:definitive', 'P2:definitive', 'P3:definitive']);

  // The voorzitter sees the two entries side by side and has the second corrected.
  await chair.goto(`${running.url}#/telbureaus`);
  await chair.locator('tr[data-telbureau="G1"]').getByRole('link', { name: 'Beslissen' }).click();
  const diff = chair.getByTestId('differences');
  await diff.waitFor();
  t.equal(await diff.locator('tbody tr').count(), 1, 'one differing field');
  t.match(await diff.innerText(), new RegExp(`Eerste invoer \\(ann\\)\\s+Tweede invoer \\(cyd\\)[\\s\\S]*${slip.truth}\\s+${slip.value}`));
  await chair.getByRole('button', { name: 'Tweede laten verbeteren' }).click();
  await chair.getByText('De tweede invoer wordt verbeterd (1 veld(en)).').waitFor();

  // Cy retypes only that field.
  await open(pages.cy, 'G1', g.id);
  t.equal(await pages.cy.locator('form.entry input[data-field]').count(), 1, 'only the differing field is asked');
  await pages.cy.locator('form.entry input[data-field]').first().focus();
  await pages.cy.keyboard.type(String(slip.truth));
  await pages.cy.keyboard.press('Enter');
  await pages.cy.keyboard.press('Enter');
  await warnOrSave(pages.cy);
  await release(pages.cy);

  // Lock G1: its figures can no longer change; the typists no longer get to open it.
  await chair.reload();
  await chair.getByRole('button', { name: 'Telbureau vergrendelen' }).click();
  await chair.getByText('Vergrendeld door vera').waitFor();
  await pages.an.goto(`${running.url}#/telbureaus`);
  await pages.an.reload();
  await pages.an.locator('tr[data-telbureau="G1"]').getByText('vergrendeld').waitFor();
  t.equal(await pages.an.locator('tr[data-telbureau="G1"]').getByRole('link', { name: 'Invoeren' }).count(), 0);

  // The PV: rendered as PDF for the voorzitter, and its text.
  const pdf = await chair.request.get(new URL('pv.pdf', running.url).href);
  t.equal(pdf.headers()['content-type'], 'application/pdf');
  t.equal((await pdf.body()).subarray(0, 5).toString(), '%PDF-');
  const results = hb.results();
  t.equal(results.complete, true, 'three sticks and six telbureaus: every station in');
  const ge = results.elections.find((e) => e.id === g.id)!;
  const stick = results.stations.filter((s) => s.route === 'digitaal').reduce((sum, s) => sum + (s.imported?.ballots ?? 0), 0);
  t.equal(ge.ballots, stick + [1, 2, 3].reduce((sum, n) => sum + tables[`G${n}`]!.valid + tables[`G${n}`]!.blank, 0), 'one result: the sticks plus the paper');
  const text = pvText(pvDocument(results, readIncidents(hb.db)));
  t.notMatch(text, /ONTWERP/);
  t.match(text, /G1 \(vergrendeld\) \| 4 Bergzicht, 5 Bergzicht, 6 Bergzicht \| Gemeenteraad Vlindermeer \| definitief: verschillende velden verbeterd en gelijk/);
  t.match(text, /P3 \| 10 Lentebeek, 11 Lentebeek, 12 Lentebeek \| Provincieraad .* \| definitief: twee gelijke invoeren/);
  t.match(text, 'waarvan 9 op papier geteld door hun telbureau');
  t.match(text, 'Gemeenteraad Vlindermeer: stemcijfers per telbureau');
  const audit = readAudit(hb.db.sqlite).map((a) => `${a.username} ${a.action} ${a.detail}`);
  t.ok(audit.some((a) => /^ann paper\.entry telbureau G1, G: invoer: geweigerd \(F\.101/.test(a)), 'the caught error is on record');
  t.ok(audit.some((a) => /^bob paper\.entry telbureau P3, P: invoer: geweigerd \(.*W\.204/.test(a)), 'the duplicate is on record');
  t.ok(audit.some((a) => a === 'vera paper.lock telbureau G1 vergrendeld'));
});
