// The president's screen in real Chromium (Debian's /usr/bin/chromium through playwright-core):
// open, test votes, cards of each category, a pulled stick, close, print — reading what a
// person reads.
import t from 'tap';
import { chromium, type Browser, type Page } from 'playwright-core';
import { SeededRandom } from '@ovs/crypto';
import { ballot, boxClient, password, sessionFromActivation, signed, startRig } from './support.ts';

const ARGS = ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

async function browser(t: { teardown: (fn: () => Promise<void>) => void }): Promise<Browser> {
  const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
  t.teardown(() => b.close());
  return b;
}

const message = (page: Page) => page.locator('.message');

t.test('a day at the president console, in Chromium', async (t) => {
  const rig = await startRig(t, { ui: true, pollMs: 150 });
  const page = await (await browser(t)).newPage({ viewport: { width: 1600, height: 1000 } });
  await page.goto(rig.handle.url);

  // Opening.
  await page.getByRole('heading', { name: 'Paswoord uit de verzegelde enveloppe' }).waitFor();
  t.ok(await page.getByText('Vlindermeer-003-Zonnebrug').first().isVisible(), 'the station is named');

  // The technician's test comes first, before anyone types the password (seed 001 §XIV.1).
  await page.getByRole('button', { name: 'Technische test' }).click();
  await page.getByRole('button', { name: 'Fase 2 (stemlokaal)' }).click();
  await message(page).getByText(/^Technische test geslaagd.*Het testrapport is afgedrukt\./).waitFor();
  const report = page.getByLabel('Testrapport');
  t.match(await report.innerText(), /Geslaagd — fase 2/);
  t.match(await report.innerText(), /OK Schrijven en nalezen: \d+ bytes geschreven en teruggelezen/);
  t.match(await report.innerText(), /OK Beschrijfbaar: proefbestand geschreven/);
  t.equal(await report.getByRole('link', { name: 'Testrapport als PDF' }).getAttribute('href'), '/api/reports/self-test.pdf');
  await page.getByRole('button', { name: 'Sluiten' }).click();
  await page.getByLabel('Paswoord').fill('ABCD-EFGH-JKMN-PQRS-TVWX');
  await page.getByRole('button', { name: 'Openen' }).click();
  await message(page).getByText(/niet juist/).waitFor();
  t.ok(await page.getByText('Nog 4 pogingen.', { exact: true }).isVisible(), 'one attempt fewer');
  await page.getByLabel('Paswoord').fill(password().toLowerCase());
  await page.getByRole('button', { name: 'Openen' }).click();
  await page.getByRole('heading', { name: /Voorbereiding/ }).waitFor();

  // Preparation: a voting computer, the box, test votes. Each activation card comes with its
  // code, shown once on this screen and nowhere else.
  const codePanel = page.getByRole('region', { name: 'Activeringscode' });
  const makeActivationCard = async (): Promise<string> => {
    await page.getByRole('button', { name: 'Activeringskaart maken' }).click();
    await message(page).getByText('Activeringskaart klaar').waitFor();
    return codePanel.getByTestId('activation-code').innerText();
  };
  const first = await makeActivationCard();
  t.match(first, /^\d{4} \d{4} \d{4} \d{4}$/, 'the code, large, in four groups of four digits');
  t.match(await codePanel.innerText(), /Typ deze code op het scherm van de stemcomputer.*Zonder deze code is de kaart onbruikbaar/s);
  t.match(await codePanel.innerText(), /Is de code weg, maak dan een nieuwe activeringskaart/);
  await page.reload();
  await page.getByRole('heading', { name: /Voorbereiding/ }).waitFor();
  t.equal(await codePanel.count(), 0, 'a reloaded screen cannot show the code again');
  const second = await makeActivationCard();
  t.not(second, first, 'a fresh code per card');
  await codePanel.getByRole('button', { name: 'Code verbergen' }).click();
  t.equal(await codePanel.count(), 0, 'hidden by the president');
  const activationCode = await makeActivationCard();
  // Decree art. 14: "Stemming openen" stays disabled until the box reported empty and the president ticked it.
  const openButton = page.getByRole('button', { name: 'Stemming openen' });
  t.ok(await openButton.isDisabled(), 'disabled: the box has not reported empty, nothing ticked');
  t.ok(await page.getByText('Eerst moet de stembus melden dat haar bak leeg is').isVisible(), 'and the screen says what is missing');
  const box = boxClient(rig);
  await box.event({ kind: 'box-empty' });
  await page.getByText('meldt een lege bak').waitFor();
  await page.getByRole('button', { name: /^Testkaart Belgische kiezer/ }).click();
  await message(page).getByText(/^Testkaart klaar — Belgische kiezer/).waitFor();
  t.equal(await codePanel.count(), 0, 'hidden once the next card is made');
  t.ok(await openButton.isDisabled(), 'still disabled: the president has not ticked the box');
  await page.getByLabel(/stembus leeg is en ze verzegeld/).check();
  t.ok(await openButton.isEnabled(), 'enabled once ticked');
  await openButton.click();
  await page.getByRole('heading', { name: 'Stemming geopend' }).waitFor();

  // A card of each category: the button and the confirmation name the elections.
  const expected: Array<[string, RegExp]> = [
    ['Belgische kiezer', /Belgische kiezer: Gemeenteraad Vlindermeer, Provincieraad Vlinderland/],
    ['EU-burger', /EU-burger: Gemeenteraad Vlindermeer\.$/],
    ['Niet-EU-burger', /Niet-EU-burger: Gemeenteraad Vlindermeer\.$/],
  ];
  for (const [name, confirmation] of expected) {
    const button = page.locator('main').getByRole('button', { name: new RegExp(`^${name}:`) });
    t.match(await button.innerText(), /Gemeenteraad Vlindermeer/, `${name}: the button lists the elections`);
    await button.click();
    await message(page).getByText(confirmation).waitFor();
    t.pass(`${name}: card written for exactly its elections`);
  }
  await page.getByRole('button', { name: 'Volmacht…' }).click();
  await page.getByRole('dialog', { name: 'Volmacht' }).getByRole('button', { name: /^EU-burger:/ }).click();
  await message(page).getByText(/^Volmachtkaart klaar — EU-burger/).waitFor();
  await page.getByRole('button', { name: 'Stembiljet annuleren…' }).click();
  const annul = page.getByRole('dialog', { name: 'Stembiljet annuleren' });
  await annul.getByLabel('Op verzoek van de kiezer').check();
  await annul.getByRole('button', { name: /^Belgische kiezer:/ }).click();
  await message(page).getByText(/^Vervangkaart klaar/).waitFor();

  // Decree art. 17 §2, 5°: after the box refused an unreadable ballot the form preselects that reason.
  await box.event({ kind: 'refused', reason: 'unreadable' });
  await page.getByText(/Stembus weigerde een stembiljet: De stembus kan de barcode niet lezen/).waitFor();
  await page.getByRole('button', { name: 'Stembiljet annuleren…' }).click();
  t.ok(await annul.getByLabel('De stembus kan de barcode niet lezen').isChecked(), 'the reason the box gave, preselected');
  // The card the voter handed back, on the writer: its category is marked.
  const belgCard = rig.devices.cards.findLast((c) => c.payload[1] === 1)!;
  rig.devices.reader.terminal.insert(belgCard.card);
  await annul.getByRole('button', { name: 'Kaart van de kiezer lezen' }).click();
  await message(page).getByText(/^Kaart van een Belgische kiezer/).waitFor();
  t.equal(await annul.locator('button.category.suggested').count(), 1, 'one category marked');
  t.match(await annul.locator('button.category.suggested').getAttribute('aria-label'), /^Belgische kiezer:.*\(kaart van deze kiezer\)$/);
  rig.devices.reader.terminal.remove();
  await annul.getByRole('button', { name: 'Annuleren' }).click();
  // A new card without an annulment (art. 17 §2), and a test card during voting with its reason (seed 002 II.C.4.1).
  await page.getByRole('button', { name: 'Nieuwe kaart zonder annulering…' }).click();
  const newCard = page.getByRole('dialog', { name: 'Nieuwe kaart zonder annulering' });
  await newCard.getByLabel(/De chipkaart is beschadigd/).check();
  await newCard.getByRole('button', { name: /^Niet-EU-burger:/ }).click();
  await message(page).getByText(/^Vervangkaart klaar — Niet-EU-burger/).waitFor();
  t.equal(await page.locator('[data-counter="without-annulment"]').innerText(), '1', 'counted apart');
  await page.getByRole('button', { name: 'Testkaart tijdens de stemming…' }).click();
  const testCard = page.getByRole('dialog', { name: 'Testkaart tijdens de stemming' });
  t.match(await testCard.innerText(), /decreet art\. 18/, 'after a visualisation complaint the voter gets a new card');
  await testCard.getByLabel('Bezoek van een deskundige').check();
  await testCard.getByRole('button', { name: /^Testkaart Belgische kiezer:/ }).click();
  await message(page).getByText(/^Testkaart klaar — Belgische kiezer/).waitFor();
  await page.screenshot({ path: '/tmp/console-voting-cards.png' });

  // A box that restarts or is replaced mid-day pairs with a koppelticket printed from this screen.
  await page.getByText('Stembus herstart of vervangen').click();
  const tickets = rig.devices.printer.tickets.length;
  await page.getByRole('button', { name: 'Koppelticket afdrukken' }).click();
  await message(page).getByText('Koppelticket stembus afgedrukt.').waitFor();
  t.equal(rig.devices.printer.tickets.length, tickets + 1, 'a new koppelticket during voting');

  // The box registers two ballots; the counters follow.
  const session = await sessionFromActivation(rig, activationCode);
  const random = new SeededRandom('ui');
  await box.register(signed(session, ballot(random)));
  await box.register(signed(session, ballot(random, { onlyFirst: true })));
  await page.locator('[data-counter="registered"]').getByText('2').waitFor();
  t.equal(await page.locator('[data-counter="registered-G"]').innerText(), '2');
  t.equal(await page.locator('[data-counter="registered-P"]').innerText(), '1');
  t.equal(await page.locator('[data-counter="cards-belg"]').innerText(), '2');
  t.equal(await page.locator('[data-counter="cards-eu"]').innerText(), '2 (1 volmacht)');
  t.equal(await page.locator('[data-counter="annulled"]').innerText(), '1');

  // A stick pulled: the screen says so, and clears when it is back.
  rig.sticks.pull('B');
  await page.getByRole('alertdialog', { name: 'Stemming onderbroken' }).getByText(/Stick B is verwijderd/).waitFor();
  t.pass('a pulled stick halts voting on screen');
  rig.sticks.insert('B');
  await page.getByRole('alertdialog', { name: 'Stemming onderbroken' }).waitFor({ state: 'detached' });
  t.pass('back in: voting resumes');

  // An incident, then closing and printing.
  await page.getByLabel('Soort').selectOption('assistance');
  await page.getByLabel(/Beschrijving/).fill('Bijstand aan kiezer Peeters door Janssens.');
  await page.getByRole('button', { name: 'Incident noteren' }).click();
  await message(page).getByText(/genoteerd voor het proces-verbaal/).waitFor();
  await page.getByRole('button', { name: 'Stemming sluiten…' }).click();
  // Three voters left with their card: the difference is shown before closing, to be explained.
  t.match(
    await page.getByTestId('card-balance').innerText(),
    /Gemeenteraad Vlindermeer: 2 stembiljetten geregistreerd, 6 stemkaarten uitgereikt \(waarvan 1 vervangkaart en 1 nieuwe kaart zonder annulering\), 1 stembiljet geannuleerd, 4 verwacht \(verschil −2\)\.\n[^]*U moet elk verschil verklaren/,
  );
  await page.getByLabel('Aantal geannuleerde stembiljetten in de omslag').fill('1');
  await page.getByLabel('Aantal teststembiljetten in de omslag').fill('1');
  await page.getByRole('button', { name: 'Stemming definitief sluiten' }).click();
  await page.getByRole('heading', { name: 'De stemming is afgesloten' }).waitFor();
  t.match(await page.locator('.code').innerText(), /^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/, 'the code for the hoofdbureau is shown');
  t.ok(await page.getByText(/Verwijder nu de twee sticks/).first().isVisible(), 'the instruction to eject the sticks');
  const printed = rig.devices.printer.tickets.length;
  await page.getByRole('button', { name: 'Kerncijferrapport afdrukken' }).click();
  await message(page).getByText('Kerncijferrapport afgedrukt.').waitFor();
  t.equal(rig.devices.printer.tickets.length, printed + 1);
  const pdf = await page.request.get(`${rig.handle.url}api/reports/pv.pdf`);
  t.equal(pdf.headers()['content-type'], 'application/pdf');
  t.equal((await pdf.body()).subarray(0, 5).toString(), '%PDF-');
});
