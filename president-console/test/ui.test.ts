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

  // A voter assisted (decree art. 20), the bureau entered, then closing and printing.
  await page.getByText(/^Bijstand aan een kiezer \(0\)/).click();
  await page.getByLabel('Naam van de kiezer').fill('Mia Peeters');
  await page.getByLabel('Naam van wie bijstaat').fill('Jan Janssens');
  await page.getByRole('button', { name: 'Bijstand noteren' }).click();
  await message(page).getByText(/De bijstand is genoteerd/).waitFor();
  await page.getByLabel('Voorzitter', { exact: true }).fill('An Peeters');
  await page.getByLabel('Secretaris').fill('Bart Maes');
  await page.getByLabel('Bijzitter 1: naam').fill('Chris Wouters');
  await page.getByRole('button', { name: 'Getuige toevoegen' }).click();
  await page.getByLabel('Getuige 1: naam').fill('Hilde Willems');
  await page.getByLabel('Getuige 1: lijst').fill('lijst 1');
  await page.getByRole('button', { name: 'Samenstelling noteren' }).click();
  await message(page).getByText(/De samenstelling van het bureau is genoteerd/).waitFor();
  await page.getByRole('button', { name: 'Stemming sluiten…' }).click();
  // Seed 002 III.3–5: nothing prefilled; the differences appear as the counts are typed.
  for (const label of ['Aantal geannuleerde stembiljetten in de omslag', 'Aantal teststembiljetten in de omslag']) t.equal(await page.getByLabel(label).inputValue(), '', `${label}: not prefilled`);
  t.ok(await page.getByRole('button', { name: 'Stemming definitief sluiten' }).isDisabled(), 'closing waits for the counts');
  await page.getByLabel('Aantal kiezers afgestipt die persoonlijk stemden').fill('2');
  await page.getByLabel('Aantal kiezers afgestipt die bij volmacht stemden').fill('1');
  await page.getByLabel('Aantal geannuleerde stembiljetten in de omslag').fill('1');
  await page.getByLabel('Aantal teststembiljetten in de omslag').fill('0');
  // Three voters left with their card: the difference is shown before closing, to be explained.
  t.match(await page.getByTestId('reconciliation').innerText(), /Gemeenteraad Vlindermeer: 2 stembiljetten geregistreerd, 6 stemkaarten uitgereikt \(waarvan 1 vervangkaart en 1 nieuwe kaart zonder annulering\), 1 stembiljet geannuleerd, 4 verwacht \(verschil −2\)\./);
  t.match(await page.getByTestId('reconciliation').innerText(), /Teststembiljetten in de omslag: 0; testkaarten gemaakt: 2 \(verschil −2\)/, 'a warning when the envelope differs (one test card before opening, one after a visualisation complaint)');
  t.ok(await page.getByRole('button', { name: 'Stemming definitief sluiten' }).isDisabled(), 'closing waits for every explanation');
  for (const box of await page.getByTestId('reconciliation').getByLabel('Verklaring').all()) await box.fill('Kiezers vertrokken met hun kaart.');
  // The printer runs out of paper just now: the failure is shown and the sticks stay.
  rig.devices.printer.setPaperMm(0);
  await page.getByRole('button', { name: 'Stemming definitief sluiten' }).click();
  await page.getByRole('heading', { name: 'De stemming is afgesloten' }).waitFor();
  t.match(await page.locator('.code').innerText(), /^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/, 'the code for the hoofdbureau is shown');
  t.match(await page.getByTestId('print-prompt').innerText(), /Exemplaar 1 van 2 van het proces-verbaal werd NIET afgedrukt\. De printer heeft geen papier meer/);
  t.notOk(await page.getByText(/Verwijder daarna de twee sticks/).isVisible(), 'no instruction to remove the sticks yet');
  t.equal(await message(page).innerText(), 'De stemming is afgesloten.', 'the failure shown once, in red, not inside the green answer');
  rig.devices.printer.setPaperMm(80_000);
  await page.getByRole('button', { name: 'Opnieuw afdrukken' }).click();
  await page.getByTestId('print-prompt').getByText(/exemplaar 2 van 2 van het proces-verbaal/).waitFor();
  // A prompt for each copy: PV 2 of 2, the kerncijferrapport twice, the envelope label.
  while (await page.getByTestId('print-prompt').isVisible()) {
    const before = await page.getByTestId('print-prompt').textContent();
    await page.getByTestId('print-prompt').getByRole('button', { name: 'Afdrukken' }).click();
    await page.waitForFunction((b) => (document.querySelector('[data-testid="print-prompt"]')?.textContent ?? null) !== b, before);
  }
  t.ok(await page.locator('.instruction').getByText(/Verwijder daarna de twee sticks/).isVisible(), 'now the instruction to eject the sticks');
  // Seed 002 III.6: a witness's remark while the PV is read out.
  await page.getByLabel('Getuige', { exact: true }).fill('Hilde Willems');
  await page.getByLabel('Opmerking', { exact: true }).fill('Geen bezwaar.');
  await page.getByRole('button', { name: 'Opmerking toevoegen' }).click();
  await message(page).getByText(/De opmerking staat ondertekend op beide sticks/).waitFor();
  t.match(await page.getByTestId('remarks').innerText(), /Hilde Willems \(lijst 1\): Geen bezwaar\./, 'the list taken from the bureau');
  const printed = rig.devices.printer.tickets.length;
  await page.getByRole('button', { name: 'Kerncijferrapport', exact: true }).click();
  await message(page).getByText('Kerncijferrapport afgedrukt.').waitFor();
  t.equal(rig.devices.printer.tickets.length, printed + 1);
  const pdf = await page.request.get(`${rig.handle.url}api/reports/pv.pdf`);
  t.equal(pdf.headers()['content-type'], 'application/pdf');
  t.equal((await pdf.body()).subarray(0, 5).toString(), '%PDF-');
});
