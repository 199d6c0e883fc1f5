// Test mode of the voting computer (seed 001 §XIV.1; HARDWARE.md, "Voting computer: assembly",
// step 5): opened with the technician's test card on a machine that is not activated, the
// touch screen's five targets, the devices' own tests, a test ballot read back, the report
// printed on the ballot printer — and never near a voter's session.
import t from 'tap';
import { openSignedBallot } from '@ovs/ballot';
import { decodeQr } from '@ovs/barcode';
import { toBase64, toHex } from '@ovs/crypto';
import { createCardReader, decodeWpc1252, SimulatedCard } from '@ovs/devices';
import { createGuardedClient } from '@ovs/web-guard/client';
import type { ScreenMessage, TechnicianAction, TechnicianView } from '../src/index.ts';
import { TECHNICIAN_CARD_PAYLOAD } from '../src/index.ts';
import { readerReady } from '../src/index.ts';
import { calibrationCheck, screenSizeCheck, touchTargets as targetsOn } from '../src/technician/touch-targets.ts';
import { cardUsed, startMachine, type Machine } from './support-machine.ts';

const KIOSK = { width: 1920, height: 1080, pixelRatio: 1 };

function view(m: ScreenMessage): TechnicianView {
  const b = m.screen.body;
  if (b.kind !== 'technician') throw new Error(`not the technician screen but ${b.kind}`);
  return b.view;
}

async function waitFor(m: Machine, done: (s: ScreenMessage) => boolean, max = 400): Promise<ScreenMessage> {
  let s = m.handle.computer.screen();
  for (let i = 0; !done(s); i++) {
    if (i >= max) throw new Error(`still on ${JSON.stringify(s.screen.body).slice(0, 200)}`);
    s = await m.handle.computer.next(s.seq, 50);
  }
  return s;
}

const inStep = (step: TechnicianView['step']) => (s: ScreenMessage) => s.screen.body.kind === 'technician' && s.screen.body.view.step === step;

async function act(m: Machine, action: TechnicianAction): Promise<ScreenMessage> {
  const r = await m.handle.client.technician(m.handle.computer.screen().seq, action);
  if (!r.ok) throw new Error(`${action.type}: ${r.error}`);
  return r;
}

/** Touches the five targets, each `offset(i)` pixels to the right of its centre. */
async function touchTargets(m: Machine, offset: (i: number) => number = () => 2): Promise<void> {
  for (let i = 0; i < 5; i++) {
    const v = view(m.handle.computer.screen());
    if (v.step !== 'touch') throw new Error(v.step);
    const target = v.targets[v.index]!;
    await act(m, { type: 'touch', x: target.x + offset(i), y: target.y + 1 });
  }
}

function technicianCard(m: Machine): SimulatedCard {
  const card = SimulatedCard.initialised(TECHNICIAN_CARD_PAYLOAD);
  m.handle.devices.cardReader.terminal.insert(card);
  return card;
}

t.test('the technician card is what the card terminals\' own test writes', async (t) => {
  const reader = createCardReader({ kind: 'simulated' });
  t.teardown(() => reader.close());
  await readerReady(reader);
  reader.terminal.insert(new SimulatedCard());
  for (let i = 0; i < 100 && reader.status().kind !== 'card-present'; i++) await new Promise((r) => setTimeout(r, 5));
  t.ok((await reader.selfTest({ phase: 'fase-1' })).passed);
  const read = await reader.read();
  t.ok(read.ok && Buffer.compare(read.value.payload, TECHNICIAN_CARD_PAYLOAD) === 0 && read.value.used.kind === 'unused', 'a card after any card test opens the test mode');
});

t.test('fase 2 on the machine with the hand scanner: targets, devices, test ballot read back, report printed', async (t) => {
  const m = await startMachine({ simulate: { handScanner: true } });
  t.teardown(() => m.stop());
  const card = technicianCard(m);
  const menu = await waitFor(m, inStep('menu'));
  t.same(view(menu), { step: 'menu', phases: ['fase-1', 'fase-2'], last: undefined, problem: undefined });
  t.equal((await act(m, { type: 'start', phase: 'fase-2', viewport: KIOSK })).screen.body.kind, 'technician');
  const touch = view(m.handle.computer.screen());
  t.match(touch, { step: 'touch', index: 0 });
  if (touch.step !== 'touch') return;
  t.same(
    touch.targets.map((x) => [x.place, x.x, x.y]),
    [['linksboven', 56, 56], ['rechtsboven', 1864, 56], ['linksonder', 56, 1024], ['rechtsonder', 1864, 1024], ['midden', 960, 540]],
    'the four corners (10 mm in) and the centre',
  );
  await touchTargets(m);
  // The hand scanner step: the technician holds the test ballot that just came out under it.
  await waitFor(m, (s) => inStep('running')(s) && view(s).step === 'running' && (view(s) as { activity: string }).activity === 'hand-scanner');
  const ballot = m.handle.devices.printer.tickets.at(-1)!;
  t.match(decodeWpc1252(ballot.bytes), /TESTSTEMBILJET - NIET IN\s+DE STEMBUS/, 'printed as a test ballot');
  const read = await decodeQr(ballot.png());
  if (!read.ok) throw new Error(read.error);
  m.handle.devices.handScanner!.feedBytes(read.value);
  const done = await waitFor(m, inStep('report'));
  const v = view(done);
  if (v.step !== 'report') return;
  const r = v.report;
  t.equal(r.passed, true, 'passed');
  t.equal(r.implementation, 'simulated');
  t.equal(r.handScanner, true);
  t.same(r.checks.map((c) => [c.id, c.outcome]), [
    ['package', 'pass'],
    ['screen-size', 'pass'],
    ['touch-calibration', 'pass'],
    ['screen-look', 'operator'],
    ['test-ballot-print', 'pass'],
    ['test-ballot-read', 'pass'],
  ]);
  t.match(r.checks.find((c) => c.id === 'test-ballot-read')?.detail, /gelezen met de handscanner: \d+ bytes, gelijk aan wat gedrukt werd/);
  t.same(r.devices.map((d) => [d.device, d.passed]), [['printer', true], ['card-reader', true], ['alarm', true], ['hand-scanner', true]]);
  t.same(v.printed, { ok: true });
  const tickets = m.handle.devices.printer.tickets;
  t.equal(tickets.length, 3, 'the printer test strip, the test ballot, the report');
  const report = decodeWpc1252(tickets[2]!.bytes);
  t.match(report, /TESTRAPPORT STEMCOMPUTER/);
  t.match(report, /Fase 2 \(stemlokaal\)/);
  t.match(report, /OK {2}Aanraakscherm gekalibreerd: vijf doelen\s+geraakt, grootste afwijking 0,4 mm/);
  t.match(report, /NAZIEN {2}Licht en zoemer waargenomen/);
  t.match(report, /RESULTAAT: geslaagd/);
  t.match(r.software, /^[0-9A-Z]{4}(-[0-9A-Z]{4}){3} — ONTWIKKELVERSIE/, 'the software hash, hashed at start-up, and a development package flagged');
  t.ok(report.includes(`Software ${r.software.slice(0, 19)}`), 'on the printed report');
  // A test ballot no box will ever take: test flag, and a key no session certificate vouches for.
  t.same(openSignedBallot(m.kit.context, read.value, 1, [m.kit.sessionVerifier]), { ok: false, error: 'bad-signature' });
  const everything = JSON.stringify(r) + report + JSON.stringify(m.log);
  for (const secret of [toHex(read.value), toBase64(read.value), toHex(read.value.subarray(20, 36))]) t.notOk(everything.includes(secret), 'no barcode bytes in the report or the log');
  t.notOk(cardUsed(card), 'the technician card is left unused');
  t.same(await (await fetch(`${m.handle.url}api/technician/report`)).json(), r, 'the report as JSON');
  t.match(m.log.find((l) => l.event === 'self-test'), { event: 'self-test', detail: { phase: 'fase-2', passed: true } });

  // The card out: back to "not activated"; the day goes on as usual.
  m.remove();
  await waitFor(m, (s) => s.screen.body.kind === 'not-activated');
  await m.activate();
  t.ok(m.handle.computer.activated);
});

t.test('without a hand scanner the simulated printer\'s picture is read back; the faults a technician must see fail with what to do', async (t) => {
  const m = await startMachine({ manualTimers: true });
  t.teardown(() => m.stop());
  await m.handle.computer.enterTechnicianMode();
  await act(m, { type: 'start', phase: 'fase-1', viewport: { width: 1366, height: 768, pixelRatio: 1 } });
  // The bottom right corner answers 25 px off (4.5 mm): the touch layer is not calibrated.
  const finished = m.handle.computer.nextTestReport();
  const touching = touchTargets(m, (i) => (i === 3 ? 25 : 0));
  await touching;
  // The alarm's two seconds run on the alarm's own clock; the machine's clock is not needed.
  const r = await finished;
  if (!r) throw new Error('no report');
  const byId = new Map(r.checks.map((c) => [c.id, c]));
  t.match(byId.get('screen-size'), { outcome: 'fail', detail: /1366 × 768.*1920 × 1080/ });
  t.match(byId.get('touch-calibration'), { outcome: 'fail', detail: /rechtsonder 4,5 mm.*kalibreer het aanraakscherm/ });
  t.match(byId.get('test-ballot-read'), { outcome: 'pass', detail: /gelezen uit de afdruk \(simulatie\)/ });
  t.match(r.devices.find((d) => d.device === 'card-reader')?.checks, [{ id: 'link', outcome: 'pass' }, { id: 'test-card', outcome: 'fail' }], 'no card in the reader: the command opened the mode');
  t.equal(r.passed, false);

  // Paper out, and a target nobody touches.
  m.handle.devices.printer.setPaperMm(0);
  await act(m, { type: 'start', phase: 'fase-1', viewport: KIOSK });
  const next = m.handle.computer.nextTestReport();
  await touchTargets(m, () => 0);
  const noPaper = await next;
  if (!noPaper) throw new Error('no report');
  t.match(noPaper.devices[0]?.checks, [{ id: 'status', outcome: 'fail', detail: /paper out/ }]);
  t.match(noPaper.checks.find((c) => c.id === 'test-ballot-print'), { outcome: 'fail', detail: /paper-out \(niets afgedrukt\)/ });
  t.notOk(noPaper.checks.some((c) => c.id === 'test-ballot-read'), 'nothing printed, nothing to read back');
  const shown = view(await waitFor(m, inStep('report')));
  t.match(shown, { step: 'report', printed: { ok: false, error: 'paper-out' } }, 'the screen says the report did not print');

});

t.test('a target nobody touches counts as not reacting', async (t) => {
  const m = await startMachine({ manualTimers: true });
  t.teardown(() => m.stop());
  await m.handle.computer.enterTechnicianMode({ phases: ['fase-1'] });
  t.match(view(m.handle.computer.screen()), { step: 'menu', phases: ['fase-1'] }, 'a command chose the phase');
  t.equal((await m.handle.client.technician(m.handle.computer.screen().seq, { type: 'start', phase: 'fase-2', viewport: KIOSK })).ok, false, 'not the chosen phase');
  await act(m, { type: 'start', phase: 'fase-1', viewport: KIOSK });
  const finished = m.handle.computer.nextTestReport();
  for (let i = 0; i < 4; i++) {
    const v = view(m.handle.computer.screen());
    if (v.step !== 'touch') throw new Error(v.step);
    await act(m, { type: 'touch', x: v.targets[v.index]!.x, y: v.targets[v.index]!.y });
  }
  await m.timers!.run(60_000);
  const r = await finished;
  t.match(r?.checks.find((c) => c.id === 'touch-calibration'), { outcome: 'fail', detail: /geen aanraking midden/ });
});

t.test('only on a machine that is not activated and holds no voter card; taking the card out leaves', async (t) => {
  const m = await startMachine();
  t.teardown(() => m.stop());
  const voter = m.handle.voter();
  m.insert(m.kit.voterCard(['G']));
  await m.handle.computer.settle();
  t.same(await m.handle.computer.enterTechnicianMode(), { ok: false, error: 'card-present' }, 'a voter card is in the reader');
  m.remove();
  t.same((await m.handle.client.technician(m.handle.computer.screen().seq, { type: 'close' })).ok, false, 'no test mode to touch');

  technicianCard(m);
  await waitFor(m, inStep('menu'));
  t.equal((await m.handle.client.technician(0, { type: 'close' })).ok, false, 'a touch on an old screen is stale');
  m.remove();
  await waitFor(m, (s) => s.screen.body.kind === 'not-activated');
  technicianCard(m);
  await waitFor(m, inStep('menu'));
  await act(m, { type: 'close' });
  t.equal(m.handle.computer.screen().screen.body.kind, 'not-activated', '"Sluiten" leaves too');
  m.remove();

  await m.activate();
  t.same(await m.handle.computer.enterTechnicianMode(), { ok: false, error: 'activated' });
  technicianCard(m);
  await voter.waitFor('card-refused');
  t.pass('in an activated machine the technician card is just a card that is not a voter card');
  m.remove();
  m.insert(m.kit.voterCard(['G']));
  await voter.waitFor(['election-intro', 'language']);
  t.same(await m.handle.computer.enterTechnicianMode(), { ok: false, error: 'activated' }, 'refused while a vote is in progress');

  const bad = await createGuardedClient(m.handle.url).post('/api/technician', { seq: 1, action: { type: 'touch', x: 'left' } });
  t.equal(bad.status, 400);
  t.equal((await fetch(`${m.handle.url}api/technician/report`)).status, 404, 'no report yet');
});

t.test('the package is read again from disk: a changed or another package fails', async (t) => {
  const { generateDemoElection, readPackageDir, writePackageFiles } = await import('@ovs/election');
  const { packageCheck } = await import('../src/technician/package-check.ts');
  const m = await startMachine();
  t.teardown(() => m.stop());
  const demo = m.kit.demo.demo;
  const dir = t.testdir();
  await writePackageFiles(dir, demo.bytes, demo.signature);
  const running = m.kit.demo.verified;
  t.match(await packageCheck(dir, demo.organiser.publicKey, running), { outcome: 'pass', detail: new RegExp(`pakket ${running.shortHash} opnieuw gelezen`) });
  const tampered = new Uint8Array(demo.bytes);
  tampered[40] = (tampered[40] ?? 0) ^ 1;
  await writePackageFiles(dir, tampered, demo.signature);
  t.match(await packageCheck(dir, demo.organiser.publicKey, running), { outcome: 'fail' }, 'a changed package');
  const other = generateDemoElection({ scrypt: { N: 1024, r: 8, p: 1 }, languages: ['nl', 'fr'] });
  await writePackageFiles(dir, other.bytes, other.signature);
  const otherRead = await readPackageDir(dir, other.organiser.publicKey);
  t.ok(otherRead.ok);
  t.match(await packageCheck(dir, other.organiser.publicKey, running), { outcome: 'fail', detail: /niet het pakket waarmee de stemcomputer draait/ });
});

t.test('touch calibration: pass within 3 mm of every target, fail beyond, and a target without a touch', (t) => {
  const targets = targetsOn(KIOSK);
  const at = (dx: number) => targets.map((x) => ({ x: x.x + dx, y: x.y }));
  t.equal(calibrationCheck(targets, at(16)).outcome, 'pass', '16 px = 2.9 mm');
  t.match(calibrationCheck(targets, at(17)), { outcome: 'fail', detail: /linksboven 3,0 mm, rechtsboven 3,0 mm/ });
  t.match(calibrationCheck(targets, [...at(0).slice(0, 4), null]), { outcome: 'fail', detail: /geen aanraking midden/ });
  t.equal(screenSizeCheck({ width: 1920, height: 1080, pixelRatio: 2 }).outcome, 'fail', 'a scale factor other than 1 changes every size');
  t.end();
});
