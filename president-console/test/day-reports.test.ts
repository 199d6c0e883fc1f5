// Reports that cannot go missing or wrong (issue 20), each test named after the section of the
// president's manual (seed 002) or the decree (seed 004) it follows: every print checked and
// retried, the copies, what the PV holds, the witnesses' addendum, the openingsrapport as at
// opening, the label of the sticks' envelope.
import t from 'tap';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SeededRandom } from '@ovs/crypto';
import { verifyStick } from '@ovs/stick';
import { buildReport, reportPdf } from '../src/index.ts';
import { AFTER_PRINTS } from '../src/core/console-core.ts';
import { closingDifferences } from '../src/core/reconciliation.ts';
import { reportJob } from '../src/reports/ticket.ts';
import { COLUMNS } from '@ovs/devices/printer';
import type { ReportKind } from '../src/core/report-data.ts';
import { ballot, boxClient, demo, openForVoting, password, pdfText, prepared, printAll, signed, startRig, type Rig } from './support.ts';

/** What a report says, block by block (a label, then its value on the next line), after rendering it as a PDF. */
async function reportText(rig: Rig, kind: ReportKind): Promise<string> {
  const data = rig.handle.core.reportData();
  const model = data ? buildReport(kind, data) : undefined;
  if (!model) throw new Error(`no ${kind}`);
  const pdf = pdfText(await reportPdf(model, { compress: false }));
  if (!pdf.includes(model.blocks[0]?.kind === 'title' ? model.blocks[0].text : '')) throw new Error('the PDF does not render');
  return model.blocks
    .flatMap((b) => {
      switch (b.kind) {
        case 'line':
          return [b.label, b.value];
        case 'title':
        case 'heading':
        case 'text':
          return [b.text];
        case 'code':
          return [b.label, b.value];
        case 'qr':
          return [b.label];
        case 'signatures':
          return b.roles;
        case 'rule':
          return [];
        default:
          return b satisfies never;
      }
    })
    .join('\n');
}

const printed = (rig: Rig, title: string): number => rig.devices.printer.tickets.filter((x) => Buffer.from(x.bytes).toString('latin1').includes(title)).length;

const BUREAU = {
  president: 'An Peeters',
  secretary: 'Bart Maes',
  assessors: [
    { name: 'Chris Wouters', presence: 'present' as const, note: '' },
    { name: 'Dirk Jacobs', presence: 'late' as const, note: '8:20' },
    { name: 'Els Goossens', presence: 'replaced' as const, note: 'Frank Claes' },
    { name: 'Greet Mertens', presence: 'absent' as const, note: '' },
  ],
  witnesses: [
    { name: 'Hilde Willems', list: 'lijst 1 (Vlinderpartij)' },
    { name: 'Ivo Dubois', list: 'lijst 4' },
  ],
  envelopes: 'De omslag met de chipkaarten was aan één kant opengescheurd; de kaarten waren er alle.',
};

t.test('seed 002 III.5.3 and Bijlage III: a printer out of paper at closing — shown, the next instruction waits, retried until it prints', async (t) => {
  const rig = await startRig(t);
  const core = rig.handle.core;
  await openForVoting(rig);
  rig.devices.printer.setPaperMm(0);
  const closed = await core.close({ annulledBallots: 0, testBallots: 0 });
  t.match(closed, { ok: true, message: /Exemplaar 1 van 2 van het proces-verbaal werd NIET afgedrukt\. De printer heeft geen papier meer/ });
  t.notMatch(closed.message ?? '', /Verwijder|omslag/, 'no instruction to put the sticks in the envelope');
  t.match(core.snapshot().prints, { next: { kind: 'pv', copy: 1, of: 2 }, failed: /NIET afgedrukt/ }, 'the failure stays on screen');
  t.match(await core.printNext(), { ok: false, error: 'printer' }, 'still no paper: still failed');
  t.equal(printed(rig, 'PROCES-VERBAAL'), 0);
  rig.devices.printer.setPaperMm(80_000);
  t.match(await core.printNext(), { ok: true, message: /Exemplaar 1 van 2 van het proces-verbaal is afgedrukt.*exemplaar 2 van 2/ });
  t.equal(core.snapshot().prints?.failed, undefined);
  let last = { ok: true, message: '' } as Awaited<ReturnType<typeof core.printNext>>;
  while (core.snapshot().prints) last = await core.printNext();
  t.match(last, { ok: true, message: AFTER_PRINTS }, 'only once everything is printed: remove the sticks, kerncijferrapport in the envelope');
  t.equal(printed(rig, 'PROCES-VERBAAL'), 2, 'the PV in two copies');
  t.equal(printed(rig, 'KERNCIJFERRAPPORT'), 2, 'the kerncijferrapport in two copies');
  t.equal(printed(rig, 'OMSLAG USB-STICKS'), 1, 'and the envelope label');
});

t.test('seed 002 II.B.3: the koppelticket and the openingsrapport — a failed print is shown and retried', async (t) => {
  const rig = await startRig(t);
  const core = rig.handle.core;
  rig.devices.printer.setCoverOpen(true);
  const u = await core.unlock(password());
  t.match(u, { ok: true, message: /Het koppelticket werd NIET afgedrukt\. Het deksel van de printer staat open/ });
  t.match(core.snapshot().prints, { next: { kind: 'pairing' }, failed: /NIET/ });
  t.notOk(core.reportData()?.events.some((e) => e.type === 'pairing-printed'), 'no koppelticket counted in the PV');
  rig.devices.printer.setCoverOpen(false);
  t.match(await core.printNext(), { ok: true, message: /Het koppelticket is afgedrukt/ });
  t.equal(core.snapshot().prints, undefined);
  t.ok(core.reportData()?.events.some((e) => e.type === 'pairing-printed'));

  t.ok((await core.issueActivationCard()).ok);
  await boxClient(rig).event({ kind: 'box-empty' });
  rig.devices.printer.setOffline(true);
  t.match(await core.openVoting(true), { ok: true, message: /De stemming is geopend. Het openingsrapport werd NIET afgedrukt\. De printer antwoordt niet/ });
  t.match(core.snapshot().prints, { next: { kind: 'opening' } });
  rig.devices.printer.setOffline(false);
  t.match(await core.printNext(), { ok: true, message: /Het openingsrapport is afgedrukt/ });
  t.equal(printed(rig, 'OPENINGSRAPPORT'), 1);
  t.match(await core.printNext(), { ok: false, error: 'not-now' }, 'nothing waits');
});

t.test('seed 002 II.A.1 (the PV in two copies): the number of copies is configurable', async (t) => {
  const rig = await startRig(t, { copies: { pv: 3, kerncijfers: 1 } });
  await openForVoting(rig);
  await rig.handle.core.close({ annulledBallots: 0, testBallots: 0 });
  await printAll(rig.handle.core);
  t.equal(printed(rig, 'PROCES-VERBAAL'), 3);
  t.equal(printed(rig, 'KERNCIJFERRAPPORT'), 1);
  t.match(await reportText(rig, 'pv'), /Opgemaakt in 3 exemplaren/);
  t.match(await reportText(rig, 'kerncijfers'), /Dit rapport gaat met de twee sticks in de omslag voor het hoofdbureau/);
});

t.test('seed 002 III.3–5: the aanstiplijsten at closing, every difference explained by the president, envelope counts typed', async (t) => {
  const rig = await startRig(t);
  const core = rig.handle.core;
  const { box, session } = await openForVoting(rig);
  const random = new SeededRandom('reconciliation');
  for (let i = 0; i < 4; i++) {
    await core.issueVoterCard('belg', { proxy: i === 0 });
    await box.register(signed(session, ballot(random)));
  }
  await core.issueVoterCard('belg'); // a voter who left without voting
  await core.issueTestCard('belg', 'expert-visit');
  const n = { tickedInPerson: 4, tickedByProxy: 1, annulledBallots: 0, testBallots: 0 };
  const counters = core.snapshot().counters;
  if (!counters) throw new Error('no counters');
  const diffs = closingDifferences(counters, n);
  t.same(diffs.map((d) => d.id), ['ballots-G', 'ballots-P', 'test'], 'ballots against cards per election, and the test ballots against the test cards');
  const none = await core.close({ ...n, statement: { ...n, explanations: { 'ballots-G': 'Een kiezer ging weg zonder te stemmen.' } } });
  t.match(none, { ok: false, error: 'bad-input', message: /Verklaar dit verschil voor u afsluit: Provincieraad/ }, 'one explanation per difference');
  t.same(core.snapshot().phase, { kind: 'open' }, 'nothing closed');
  t.match(await core.close({ ...n, statement: { tickedInPerson: -1, tickedByProxy: 1, explanations: {} } }), { ok: false, error: 'bad-input', message: /afgestipte kiezers/ });
  const explanations = { 'ballots-G': 'Een kiezer ging weg zonder te stemmen.', 'ballots-P': 'Dezelfde kiezer.', test: 'De testkaart werd niet gebruikt.' };
  t.match(await core.close({ ...n, statement: { ...n, explanations } }), { ok: true });
  await printAll(core);
  const pv = await reportText(rig, 'pv');
  t.match(pv, /Kiezers afgestipt: persoonlijk gestemd\n4\n/);
  t.match(pv, /Kiezers afgestipt: bij volmacht gestemd\n1\n/);
  t.match(pv, /Kiezers volgens de aanstiplijsten, samen\n5\n/);
  t.match(pv, /Teststembiljetten in de omslag: 0; testkaarten gemaakt: 1 \(verschil .1\)\.\nVerklaring van de voorzitter: De testkaart werd niet gebruikt\./);
  t.match(pv, /Verklaring van de voorzitter: Een kiezer ging weg zonder te stemmen\./);
  t.match(pv, /Stemkaarten bij volmacht uitgereikt\n1\n/, 'proxies exercised');
  const data = core.reportData();
  const printedPdf = pdfText(await reportPdf(buildReport('pv', data!)!, { compress: false }));
  t.match(printedPdf, /\(verschil -1\)/, 'the minus sign as the PDF font can print it (not a stray quote)');
  for (const dir of [rig.dirs.A, rig.dirs.B]) t.ok((await verifyStick(dir, { organiserPublicKey: demo().organiser.publicKey })).ok, 'the hoofdbureau verifies the stick with its closing statement');
});

t.test('seed 002 II.B.1.c, III.2 b and I.4.1: the bureau, absent, late and replaced bijzitters, the envelopes, one signature line per witness with their list', async (t) => {
  const rig = await startRig(t);
  const core = rig.handle.core;
  t.ok((await core.unlock(password())).ok);
  t.match(await core.setBureau({ ...BUREAU, president: '  ' }), { ok: false, error: 'bad-input', message: /voorzitter/ });
  t.match(await core.setBureau({ ...BUREAU, assessors: [...BUREAU.assessors, ...BUREAU.assessors] }), { ok: false, message: /Hoogstens 5 bijzitters/ });
  t.match(await core.setBureau({ ...BUREAU, witnesses: [{ name: 'X', list: '' }] }), { ok: false, message: /lijst/ });
  t.equal(core.snapshot().bureau, undefined, 'bad input changes nothing');
  t.match(await core.setBureau(BUREAU), { ok: true });
  t.same(core.snapshot().bureau, BUREAU);
  const pv = await reportText(rig, 'pv');
  t.match(pv, /Voorzitter\nAn Peeters/);
  t.match(pv, /Bijzitter 2: Dirk Jacobs\nte laat, aangekomen om 8:20/);
  t.match(pv, /Bijzitter 3: Els Goossens\nvervangen door Frank Claes/);
  t.match(pv, /Bijzitter 4: Greet Mertens\nafwezig/);
  t.match(pv, /Getuige: Hilde Willems\naangewezen door lijst 1 \(Vlinderpartij\)/);
  t.match(pv, /Onregelmatigheden aan de omslagen: De omslag met de chipkaarten was aan één kant opengescheurd/);
  t.match(pv, /Getuige \(Hilde Willems, lijst 1 \(Vlinderpartij\)\)/, 'a signature line for each witness');
  t.match(pv, /Getuige \(Ivo Dubois, lijst 4\)/);
  t.match(pv, /Bijzitter \(Frank Claes\)/, 'the replacement signs');
  t.notMatch(pv, /Bijzitter \(Greet Mertens\)/, 'the absent one does not');
});

t.test('decree art. 20, seed 002 II.C.5.1: an assisted voter with the assistant, and the bureau\'s reasoned decision when disputed', async (t) => {
  const rig = await startRig(t);
  const core = rig.handle.core;
  await openForVoting(rig);
  t.match(await core.recordAssistedVoter({ voter: 'Jan Janssens', assistant: 'An Peeters (voorzitter)', disputed: true, decision: '' }), { ok: false, error: 'bad-input', message: /gemotiveerde beslissing/ });
  t.match(await core.recordAssistedVoter({ voter: 'Jan Janssens', assistant: 'An Peeters (voorzitter)', disputed: true, decision: 'De kiezer is blind; attest getoond.' }), { ok: true });
  t.match(await core.recordAssistedVoter({ voter: 'Mia Peeters', assistant: 'Bart Maes', disputed: false, decision: '' }), { ok: true });
  const pv = await reportText(rig, 'pv');
  t.match(pv, /Tussen \d\d:00 en \d\d:00: Jan Janssens, bijgestaan door An Peeters \(voorzitter\)\.\nDe nood aan bijstand werd betwist\. Gemotiveerde beslissing van het bureau: De kiezer is blind; attest getoond\./);
  t.match(pv, /Mia Peeters, bijgestaan door Bart Maes\./);
  const events = core.reportData()?.events.filter((e) => e.type === 'assisted-voter') ?? [];
  t.ok(events.every((e) => Date.parse(e.at) % 3_600_000 === 0), 'dated to the hour only, as every record about one voter');
});

t.test('seed 002 II.C (incidents): restarts with their time and failed password attempts, box refusals and alerts in Dutch, voters not on the list', async (t) => {
  const dirs = { A: await prepared(t), B: await prepared(t) };
  const first = await startRig(t, { dirs });
  const { box, session } = await openForVoting(first);
  await box.event({ kind: 'refused', reason: 'unreadable' });
  await box.event({ kind: 'cover-opened' });
  await box.event({ kind: 'fault', device: 'scanner', detail: 'unreadable-image' });
  await first.handle.core.recordIncident({ kind: 'not-on-list', description: 'Kiezer met een beslissing van het hof van beroep toegelaten.', calledAt: null, repairedAt: null });
  first.sticks.pull('A');
  await first.handle.checkSticks();
  first.sticks.insert('A');
  await first.handle.checkSticks();
  await first.handle.stop();
  const second = await startRig(t, { dirs });
  t.match(await second.handle.core.unlock(password(4)), { ok: false });
  t.match(await second.handle.core.unlock(password(4)), { ok: false });
  t.match(await second.handle.core.unlock(password()), { ok: true, message: /hervat/ });
  await second.handle.core.issueVoterCard('belg');
  await boxClient(second).register(signed(session, ballot(new SeededRandom('x'))));
  t.ok((await second.handle.core.close({ annulledBallots: 0, testBallots: 0 })).ok);
  const pv = await reportText(second, 'pv');
  t.match(pv, /Om \d\d:\d\d: eerste opening met het paswoord\ngeen foute paswoordpoging/);
  t.match(pv, /Om \d\d:\d\d: herstart en opnieuw geopend\n2 foute paswoordpogingen\n {2}Onderbroken na \d\d:\d\d \(de laatste gebeurtenis vóór de herstart\)\./);
  t.match(pv, /Stembiljet geweigerd: De stembus kan de barcode niet lezen\.\n1 keer/);
  t.match(pv, /Om \d\d:\d\d: deksel van de stembus geopend/);
  t.match(pv, /Om \d\d:\d\d: storing aan de stembus: scanner \(het beeld van de scanner is onleesbaar\)/);
  t.match(pv, /Stick A verwijderd\nvan \d\d:\d\d tot \d\d:\d\d/, 'label and times together');
  t.match(pv, /Kiezer toegelaten die niet op de kiezerslijst stond\n1\n/);
  t.match(pv, /hof van beroep/);
  for (const code of ['unreadable', 'cover-opened', '(removed)', 'removed', 'not-on-list', 'scanner-fault', 'undefined', 'NaN']) t.notOk(pv.includes(code), `no "${code}" in the PV`);
  t.notMatch(pv, /\b(?!proces-verbaal\b)[a-z]+(-[a-z]+)+\b/, 'no code-like word (lowercase words joined by hyphens)');
});

t.test('seed 002 III.6: a witness\'s remark after closing — signed on both sticks, in the printed PV, verified at the hoofdbureau', async (t) => {
  const rig = await startRig(t);
  const core = rig.handle.core;
  await openForVoting(rig);
  t.match(await core.addWitnessRemark({ witness: 'Hilde Willems', list: 'lijst 1', text: 'x' }), { ok: false, error: 'not-now' }, 'during voting a remark is an incident');
  await core.close({ annulledBallots: 0, testBallots: 0 });
  await printAll(core);
  const before = printed(rig, 'PROCES-VERBAAL');
  t.match(await core.addWitnessRemark({ witness: ' ', list: 'lijst 1', text: 'Opmerking' }), { ok: false, error: 'bad-input' });
  const r = await core.addWitnessRemark({ witness: 'Hilde Willems', list: 'lijst 1', text: 'De getuige vraagt te noteren dat de stembus om 15:02 nog een kiezer aannam.' });
  t.match(r, { ok: true, message: /ondertekend op beide sticks.*Exemplaar 1 van 2 van het proces-verbaal is afgedrukt/ });
  await printAll(core);
  t.equal(printed(rig, 'PROCES-VERBAAL'), before + 2, 'the PV printed again, in both copies, with the remark');
  t.ok((await core.addWitnessRemark({ witness: 'Ivo Dubois', list: 'lijst 4', text: 'Geen bezwaar tegen de telling.' })).ok);
  t.same(core.snapshot().remarks.map((x) => x.witness), ['Hilde Willems', 'Ivo Dubois']);
  const pv = await reportText(rig, 'pv');
  t.match(pv, /14\. Opmerkingen van getuigen na de afsluiting/);
  t.match(pv, /Om \d\d:\d\d, Hilde Willems \(getuige van lijst 1\): De getuige vraagt te noteren dat de stembus om 15:02 nog een kiezer aannam\./);
  const d = demo();
  for (const dir of [rig.dirs.A, rig.dirs.B]) {
    const v = await verifyStick(dir, { organiserPublicKey: d.organiser.publicKey, hoofdbureauPrivateKey: d.hoofdbureau.privateKey });
    t.ok(v.ok, v.ok ? 'the stick verifies with its addendum' : v.error.message);
    if (v.ok) t.same(v.value.remarks.map((x) => x.text), ['De getuige vraagt te noteren dat de stembus om 15:02 nog een kiezer aannam.', 'Geen bezwaar tegen de telling.']);
  }
  t.same(await readFile(join(rig.dirs.A, 'addendum.json')), await readFile(join(rig.dirs.B, 'addendum.json')), 'the same bytes on both sticks');
  // A remark changed afterwards is caught.
  const file = join(rig.dirs.B, 'addendum.json');
  await writeFile(file, (await readFile(file, 'utf8')).replace('Geen bezwaar', 'Wel bezwaar'));
  const forged = await verifyStick(rig.dirs.B, { organiserPublicKey: d.organiser.publicKey });
  t.match(forged, { ok: false, error: { code: 'bad-signature', file: 'addendum.sig' } });
});

t.test('seed 002 III.6: a remark survives a failing stick and a restart', async (t) => {
  const dirs = { A: await prepared(t), B: await prepared(t) };
  const rig = await startRig(t, { dirs });
  await openForVoting(rig);
  await rig.handle.core.close({ annulledBallots: 0, testBallots: 0 });
  rig.sticks.pull('B');
  const r = await rig.handle.core.addWitnessRemark({ witness: 'Hilde Willems', list: 'lijst 1', text: 'Opmerking bij de lezing.' });
  t.match(r, { ok: false, error: 'stick', message: /De opmerking is bewaard, maar stick B kon niet beschreven worden/ });
  rig.sticks.insert('B');
  await rig.handle.stop();
  const again = await startRig(t, { dirs });
  t.ok((await again.handle.core.unlock(password())).ok);
  t.same(again.handle.core.snapshot().remarks.map((x) => x.text), ['Opmerking bij de lezing.'], 'read back from stick A');
  const v = await verifyStick(dirs.B, { organiserPublicKey: demo().organiser.publicKey });
  t.ok(v.ok && v.value.remarks.length === 1, 'and completed on stick B at the reopening');
});

t.test('decree art. 14: the openingsrapport shows the counter as it was at opening, also when reprinted later', async (t) => {
  const rig = await startRig(t);
  const core = rig.handle.core;
  const { box, session } = await openForVoting(rig);
  const random = new SeededRandom('opening');
  for (let i = 0; i < 3; i++) {
    await core.issueVoterCard('belg');
    await box.register(signed(session, ballot(random)));
  }
  await core.issueActivationCard();
  await core.issueTestCard('belg', 'expert-visit');
  t.equal(core.snapshot().counters?.registered, 3);
  const opening = await reportText(rig, 'opening');
  t.match(opening, /Teller stembiljetten bij de opening\n0\n/);
  t.match(opening, /Stemcomputers geactiveerd\n1\n/, 'the activations before opening, not the one after');
  t.match(opening, /Testkaarten\n0\n/);
  t.ok((await core.print('opening')).ok);
  const reprint = rig.devices.printer.tickets.at(-1);
  t.match(Buffer.from(reprint?.bytes ?? []).toString('latin1'), /Teller stembiljetten bij de opening \.+ 0/, 'on the reprinted paper too');
});

t.test('decree art. 22: the label of the sticks\' envelope — date, station, recipient', async (t) => {
  const rig = await startRig(t);
  await openForVoting(rig);
  t.equal(rig.handle.core.reportData() && buildReport('envelope', rig.handle.core.reportData()!), undefined, 'only after closing');
  await rig.handle.core.close({ annulledBallots: 0, testBallots: 0 });
  await printAll(rig.handle.core);
  const label = await reportText(rig, 'envelope');
  t.match(label, /Verkiezingen van\n13 oktober 2024/);
  t.match(label, /Stembureau 3\nVlindermeer-003-Zonnebrug/);
  t.match(label, /Bestemmeling\nGemeentelijk hoofdbureau Vlindermeer\nTer attentie van de voorzitter van het hoofdbureau\./);
  t.match(label, /exemplaar 1 van het kerncijferrapport/);
});

t.test('the PV on the ticket: no number alone on a line, every number after its own label', async (t) => {
  const rig = await startRig(t);
  await openForVoting(rig);
  await rig.handle.core.close({ annulledBallots: 0, testBallots: 0 });
  const data = rig.handle.core.reportData();
  const model = data ? buildReport('pv', data) : undefined;
  if (!model) throw new Error('no PV');
  const lines = reportJob(model).elements.flatMap((e) => (e.kind === 'text' ? [e.text] : []));
  t.ok(lines.includes(`voorzitterscomputer ${'.'.repeat(COLUMNS - 'voorzitterscomputer'.length - 3)} 0`), 'a long label wrapped so that its number ends its last line');
  t.notOk(lines.some((l) => /^\d+$/.test(l.trim())), 'no line that is only a number');
  t.ok(lines.every((l) => l.length <= COLUMNS || !l.includes(' .')), 'every dotted line fits the paper');
});
