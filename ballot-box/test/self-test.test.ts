// Test mode (seed 001 §XIV.1): fase 1 at the depot without a console, fase 2 in the polling
// station with the console in preparation, never while voting is open.
import t from 'tap';
import { ManualTimers } from '@ovs/devices/testing';
import { sha256, shortHash, toHex, utf8 } from '@ovs/crypto';
import { generateDemoElection } from '@ovs/election';
import { formatTestReport, startBallotBox, type SelfTestOutcome } from '../src/index.ts';
import { ballot, ballotPng, FAST_SCRYPT, SeededRandom, session, sign, STATION, verified } from './support/election.ts';
import { openDay, startConsoleRig, unlockConsole } from './support/rig.ts';
import { qrPng } from './support/scans.ts';

async function drive(timers: ManualTimers, run: Promise<SelfTestOutcome>, lay: () => void, layAfterMs = 4000): Promise<SelfTestOutcome> {
  let done = false;
  void run.then(() => (done = true));
  for (let ms = 0; ms < 40_000 && !done; ms += 250) {
    if (ms === layAfterMs) lay();
    await timers.run(250);
  }
  return run;
}

t.test('fase 1 at the depot: devices, decoder and a technician test ballot; a report that says it is a simulation', async (t) => {
  const timers = new ManualTimers();
  const box = await startBallotBox({ package: verified(), station: STATION, console: { url: 'http://127.0.0.1:9' }, timers });
  t.teardown(() => box.stop());
  await timers.run(100);
  // A technician's test ballot: a signed ballot of this station (here from a throwaway session).
  const probe = ballotPng(sign((await session()).signer, ballot(new SeededRandom('probe'), { test: true })));
  const outcome = await drive(timers, box.selfTest('fase-1'), () => box.simulated!.scanner.feedPng(probe));
  t.ok(outcome.ok);
  if (!outcome.ok) return;
  const r = outcome.report;
  t.equal(r.phase, 'fase-1');
  t.equal(r.implementation, 'simulated');
  t.equal(r.passed, true, 'every check passed');
  t.same(r.checks.map((c) => [c.id, c.outcome]), [['package', 'pass'], ['decoder', 'pass'], ['test-ballot', 'pass']]);
  t.match(r.checks.find((c) => c.id === 'test-ballot')?.detail ?? '', /QR-code gelezen, \d+ bytes: een stembiljet van dit stembureau \(handtekening niet nagekeken/);
  t.same(r.devices.map((d) => d.device), ['ballot-box', 'scanner']);
  t.ok(r.devices[0]?.checks.some((c) => c.id === 'flap' && c.outcome === 'pass'), 'the flap cycle ran');
  t.ok(r.devices[0]?.checks.some((c) => c.id === 'deposit' && c.outcome === 'operator'), 'fase 1 asks for the blank sheet');
  const text = formatTestReport(r);
  t.match(text, /TESTRAPPORT STEMBUS — fase 1/);
  t.match(text, /SIMULATIE/);
  t.match(text, /Klep opent en sluit/);
  t.match(text, /^Software [0-9A-Z]{4}(-[0-9A-Z]{4}){3} — ONTWIKKELVERSIE/m, 'the software hash computed at start-up; a development package flagged');
  t.notMatch(text, /stembiljet wordt geannuleerd/);
  t.equal(box.snapshot().state, 'idle', 'the test ballot went to the test, not to the box');
  t.equal(box.log().some((l) => l.entry.kind === 'refused'), false);
});

t.test('fase 1 without a test ballot on the glass fails, and says what to do', async (t) => {
  const timers = new ManualTimers();
  const box = await startBallotBox({ package: verified(), station: STATION, console: { url: 'http://127.0.0.1:9' }, timers });
  t.teardown(() => box.stop());
  const outcome = await drive(timers, box.selfTest('fase-1', { scanWaitMs: 5000 }), () => undefined);
  t.ok(outcome.ok && !outcome.report.passed);
  if (outcome.ok) t.match(outcome.report.checks.find((c) => c.id === 'test-ballot')?.detail ?? '', /leg het testbiljet/);
});

t.test('fase 2 in the polling station: the link and the session of this station; a QR that is no ballot still proves the scanner', async (t) => {
  const day = await openDay(t, { phase: 'preparation' });
  const outcome = await drive(day.timers, day.box.selfTest('fase-2'), () => day.box.simulated!.scanner.feedPng(qrPng(utf8('TECHNICUS-TESTKAART'))));
  t.ok(outcome.ok);
  if (!outcome.ok) return;
  t.same(
    outcome.report.checks.map((c) => [c.id, c.outcome]),
    [['package', 'pass'], ['decoder', 'pass'], ['test-ballot', 'pass'], ['link', 'pass'], ['session', 'pass'], ['box-empty', 'operator']],
  );
  t.match(outcome.report.checks.find((c) => c.id === 'test-ballot')?.detail ?? '', /geen stembiljet van dit stembureau/);
  t.equal(day.registered(), 0);
});

t.test('test mode is refused while voting is open, and while the box cannot tell', async (t) => {
  const day = await openDay(t);
  t.same(await day.box.selfTest('fase-2'), { ok: false, error: 'voting-open' });
  day.link.down = true;
  await day.run(1000);
  t.same(await day.box.selfTest('fase-2'), { ok: false, error: 'console-unknown' }, 'the console stopped answering: maybe still open');
  t.equal(day.box.simulated!.ballotBox.controller.openCommands, 0, 'no flap cycle');
});

t.test('a box started before the console is unlocked pairs later, by the koppelticket on the glass or handed over', async (t) => {
  for (const how of ['glass', 'handed'] as const) {
    const rig = await startConsoleRig(t);
    const timers = new ManualTimers();
    const box = await startBallotBox({ package: verified(), station: STATION, console: { url: rig.handle.linkUrl }, timers });
    t.teardown(() => box.stop());
    t.equal(box.display().title, 'Stembus niet gekoppeld');
    await unlockConsole(rig);
    const code = rig.handle.pairingCode()!;
    if (how === 'glass') {
      const r = await box.present(qrPng(code));
      t.ok(r.ok && r.box.paired, 'the koppelticket read from the glass');
      await box.until((b) => b.phase === 'preparation');
    } else {
      t.equal((await box.pair(code)).phase, 'preparation', 'the code handed over');
    }
    t.equal(box.display().title, 'Stemming nog niet geopend');
  }
});

t.test('decree art. 4 §3: a box whose software is not the package\'s release does not start; the release does', async (t) => {
  const approved = sha256(utf8('the approved stembus bundle'));
  const e = 'e'.repeat(64);
  const pkg = verified(generateDemoElection({ scrypt: FAST_SCRYPT, release: { version: '1.4.0', commit: 'c'.repeat(40), manifest: 'd'.repeat(64), software: { stemcomputer: e, voorzitterscomputer: e, stembus: toHex(approved), hoofdbureau: e } } }));
  const other = sha256(utf8('one byte changed'));
  await t.rejects(startBallotBox({ package: pkg, station: STATION, console: { url: 'http://127.0.0.1:9' }, timers: new ManualTimers(), software: other }), {
    message: new RegExp(`De software van deze stembus \\(${shortHash(other)}\\) is niet de release 1\\.4\\.0`),
  });
  const box = await startBallotBox({ package: pkg, station: STATION, console: { url: 'http://127.0.0.1:9' }, timers: new ManualTimers(), software: approved });
  await box.stop();
});
