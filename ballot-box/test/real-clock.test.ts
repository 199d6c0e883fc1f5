// The way the virtual polling station and the simulation run the box: real timers, the real
// console, printed PNGs, a voter's hand at the flap. Nothing here asserts on time.
import t from 'tap';
import { startBallotBox } from '../src/index.ts';
import { ballot, ballotPng, SeededRandom, sign, STATION, verified } from './support/election.ts';
import { startConsoleRig, unlockConsole, waitFor } from './support/rig.ts';
import { damagedPng } from './support/scans.ts';

t.test('a short day on the real clock', async (t) => {
  const rig = await startConsoleRig(t);
  const session = await unlockConsole(rig);
  const box = await startBallotBox({
    package: verified(),
    station: STATION,
    console: { url: rig.handle.linkUrl, pairingCode: rig.handle.pairingCode()! },
    flapOpenMs: 500,
    statusPollMs: 50,
    scan: { unreadableGraceMs: 0 },
    simulatedFlapTravelMs: 1,
  });
  t.teardown(() => box.stop());
  await box.until((b) => b.phase === 'preparation');
  box.confirmBoxEmpty();
  await waitFor(() => rig.handle.core.snapshot().box.emptyRecorded);
  t.ok((await rig.handle.core.openVoting(true)).ok);
  await box.until((b) => b.phase === 'open');

  const random = new SeededRandom('real-clock');
  for (let i = 0; i < 5; i++) {
    const r = await box.present(ballotPng(sign(session, ballot(random)), i));
    t.equal(r.ok && r.box.state, 'flap-open');
    t.equal(await box.deposit(), 'deposited');
  }
  const slow = ballotPng(sign(session, ballot(random)));
  t.equal((await box.present(slow)).ok, true);
  await box.until((b) => b.state === 'idle'); // the flap times out
  t.equal((await box.present(slow)).ok && box.snapshot().state, 'flap-open', 'the slow voter scans again');
  t.equal(await box.deposit(), 'deposited');
  const torn = await box.present(damagedPng(sign(session, ballot(random))));
  t.equal(torn.ok && torn.box.reason, 'unreadable');
  t.equal(rig.handle.core.snapshot().counters?.registered, 6);
  t.ok((await rig.handle.core.close({ annulledBallots: 1, testBallots: 0 })).ok);
  await box.until((b) => b.state === 'closed');
  t.equal(box.display().title, 'Stemming gesloten');
});
