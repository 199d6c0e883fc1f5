// Seed 002 II.C.5 (a defective device is replaced) and decree art. 19: a ballot box that breaks
// or restarts during voting. The president reprints the koppelticket from the voting screen, the
// replacement box pairs with it and takes over; nothing counted twice, every pairing in the PV.
import t from 'tap';
import { ManualTimers } from '@ovs/devices/testing';
import { startBallotBox } from '../src/index.ts';
import { buildReport } from '@ovs/president-console';
import { ballot, ballotPng, SeededRandom, sign, STATION, verified } from './support/election.ts';
import { openDay } from './support/rig.ts';

t.test('seed 002 II.C.5: a box replaced during voting pairs with a reprinted koppelticket and goes on', async (t) => {
  const day = await openDay(t);
  const core = day.console.handle.core;
  const random = new SeededRandom('replaced');
  const first = sign(day.session, ballot(random));
  t.ok((await day.present(ballotPng(first))).ok);
  t.equal(await day.deposit(), 'deposited');
  t.equal(day.registered(), 1);

  // The box breaks: the technician takes it away. The president reprints the ticket while voting is open.
  await day.box.stop();
  const printedBefore = day.console.devices.printer.tickets.length;
  t.match(await core.print('pairing'), { ok: true }, 'the koppelticket can be reprinted during voting');
  t.equal(day.console.devices.printer.tickets.length, printedBefore + 1);
  const code = day.console.handle.pairingCode();
  if (!code) throw new Error('no pairing code');

  // The replacement box knows nothing yet: it pairs by scanning the ticket.
  const timers = new ManualTimers();
  const spare = await startBallotBox({ package: verified(), station: STATION, console: { url: day.console.handle.linkUrl, timeoutMs: 30_000 }, timers, flapOpenMs: 5000, scan: { unreadableGraceMs: 0 } });
  t.teardown(() => spare.stop());
  t.equal(spare.display().title, 'Stembus niet gekoppeld');
  t.ok((await spare.present({ bytes: code })).ok);
  for (let i = 0; i < 50 && spare.snapshot().phase !== 'open'; i++) {
    await timers.run(1000);
    await new Promise((r) => setTimeout(r, 5));
  }
  t.equal(spare.snapshot().phase, 'open', 'paired, and it hears that voting is open');
  t.equal(spare.display().title, 'Scan uw stembiljet');

  const second = sign(day.session, ballot(random));
  const withClock = async <T>(p: Promise<T>): Promise<T> => {
    let done = false;
    const watched = p.finally(() => (done = true));
    for (let i = 0; i < 4000 && !done; i++) {
      await Promise.race([watched, new Promise((r) => setTimeout(r, 5))]);
      if (!done) await timers.run(250);
    }
    return watched;
  };
  t.ok((await withClock(spare.present(ballotPng(second)))).ok);
  t.equal(spare.snapshot().state, 'flap-open', 'a new ballot goes in');
  await timers.run(200);
  t.equal(await withClock(spare.deposit()), 'deposited');
  await timers.run(200);
  t.equal(day.registered(), 2);
  t.ok((await withClock(spare.present(ballotPng(first)))).ok);
  t.equal(spare.snapshot().reason, 'duplicate', 'a copy of a ballot the old box let in is refused');
  t.equal(day.registered(), 2, 'nothing counted twice');

  const data = core.reportData();
  const pv = buildReport('pv', data!)!.blocks.map((b) => ('label' in b ? `${b.label}: ${'value' in b ? String(b.value) : ''}` : 'text' in b ? b.text : '')).join('\n');
  t.match(pv, /Koppeltickets afgedrukt: 2/, 'both tickets in the PV');
  t.match(pv, /Koppelingen \(stembus of ander toestel\): 2/, 'both boxes in the PV');
  t.match(pv, /Meer dan één koppeling: normaal na een herstart van de stembus/);
});
