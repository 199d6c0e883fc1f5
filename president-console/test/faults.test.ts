// Faults at the console: a stick pulled out halts voting with a clear screen and resumes when
// it is back; a console restarted at any moment resumes from the sticks with nothing lost;
// every bad stick is refused with its own message and left unchanged.
import t from 'tap';
import { createHash } from 'node:crypto';
import { cp, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SeededRandom } from '@ovs/crypto';
import { newEventId } from '@ovs/link';
import { createNodeStickIo, FILES, verifyStick, type StickPort } from '@ovs/stick';
import { createFaultPlan, createFaultyIo, createNearlyFullIo, SimulatedCrash } from '@ovs/stick/testing';
import { createSimulatedSticks, type StickSource } from '../src/index.ts';
import { ballot, boxClient, demo, openForVoting, password, prepared, signed, startRig, tempDir } from './support.ts';

async function digest(dir: string): Promise<string> {
  const h = createHash('sha256');
  for (const f of (await readdir(dir)).sort()) h.update(f).update(await readFile(join(dir, f)));
  return h.digest('hex');
}

t.test('a stick pulled during voting halts it; back in, voting resumes and nothing is lost', async (t) => {
  const rig = await startRig(t);
  const core = rig.handle.core;
  const { box, session } = await openForVoting(rig);
  const random = new SeededRandom('pull');
  for (let i = 0; i < 3; i++) await box.register(signed(session, ballot(random)));

  rig.sticks.pull('B');
  const x = signed(session, ballot(random));
  t.same(await box.register(x), { ok: true, value: { outcome: 'rejected', reason: 'stick-unavailable' } }, 'the write to B fails: refused, voting halts');
  const halted = core.snapshot();
  t.equal(halted.halt?.port, 'B');
  t.match(halted.halt?.message, /Stick B is verwijderd\. Steek stick B opnieuw in/);
  const status = await box.status();
  t.equal(status.ok && status.value.phase, 'halted', 'the box is told voting is halted');
  t.match(await core.issueVoterCard('belg'), { ok: false, error: 'halted' }, 'no cards while halted');
  t.same(await box.register(x), { ok: true, value: { outcome: 'rejected', reason: 'stick-unavailable' } });

  await rig.handle.checkSticks();
  t.equal(core.snapshot().sticks.B.kind, 'absent');
  rig.sticks.insert('B');
  await rig.handle.checkSticks();
  t.equal(core.snapshot().halt, undefined, 'resumed');
  t.same(await box.register(x), { ok: true, value: { outcome: 'duplicate', mostRecent: true, attempt: 'other' } }, 'the ballot written to A before B failed was completed: the voter re-scans, the flap opens, nothing counted twice');
  t.equal(core.snapshot().counters?.registered, 4);
  t.same(await readFile(join(rig.dirs.A, FILES.slots)), await readFile(join(rig.dirs.B, FILES.slots)));
  const interruption = (await readFile(join(rig.dirs.B, FILES.events), 'utf8')).split('\n').filter((l) => l.includes('"type":"interruption"'));
  t.equal(interruption.length, 1, 'the interruption is in the log for the PV');
});

t.test('halted: a ballot already on both sticks is answered "duplicate" (a retry after a lost answer), anything else waits for the sticks', async (t) => {
  const rig = await startRig(t);
  const core = rig.handle.core;
  const { box, session } = await openForVoting(rig);
  const random = new SeededRandom('halted-duplicate');
  const older = signed(session, ballot(random));
  const last = signed(session, ballot(random));
  t.same(await box.register(older), { ok: true, value: { outcome: 'registered' } });
  const attempt = newEventId();
  t.same(await box.register(last, attempt), { ok: true, value: { outcome: 'registered' } }, 'stored on A and B; say the box never heard this answer');
  rig.sticks.pull('A');
  await rig.handle.checkSticks();
  t.equal(core.snapshot().halt?.port, 'A');
  t.same(await box.register(last, attempt), { ok: true, value: { outcome: 'duplicate', mostRecent: true, attempt: 'same' } }, 'the retry: stored by this very request, so the box lets it in, counted once');
  t.same(await box.register(last), { ok: true, value: { outcome: 'duplicate', mostRecent: true, attempt: 'other' } }, 'the same ballot under another attempt (a copy): the console says so');
  t.same(await box.register(older), { ok: true, value: { outcome: 'duplicate', mostRecent: false, attempt: 'other' } }, 'an older stored ballot: a duplicate the box refuses');
  t.same(await box.register(signed(session, ballot(random))), { ok: true, value: { outcome: 'rejected', reason: 'stick-unavailable' } }, 'a new ballot waits');
  const forged = new Uint8Array(last);
  forged[forged.length - 1] = (forged[forged.length - 1] ?? 0) ^ 1;
  t.same(await box.register(forged), { ok: true, value: { outcome: 'rejected', reason: 'stick-unavailable' } }, 'a forged copy of a stored ballot is no duplicate');
  t.same(await box.register(signed(session, ballot(random, { test: true }))), { ok: true, value: { outcome: 'rejected', reason: 'stick-unavailable' } });
  t.equal(core.snapshot().counters?.registered, 2);
  rig.sticks.insert('A');
  await rig.handle.checkSticks();
  t.equal(core.snapshot().halt, undefined);
  t.same(await box.register(last), { ok: true, value: { outcome: 'duplicate', mostRecent: true, attempt: 'other' } });
});

t.test('stick A pulled while nothing is written: the watch halts voting at once', async (t) => {
  const rig = await startRig(t);
  const { box, session } = await openForVoting(rig);
  rig.sticks.pull('A');
  await rig.handle.checkSticks();
  t.equal(rig.handle.core.snapshot().halt?.port, 'A');
  t.same(await box.register(signed(session, ballot(new SeededRandom('a')))), { ok: true, value: { outcome: 'rejected', reason: 'stick-unavailable' } });
  rig.sticks.insert('A');
  await rig.handle.checkSticks();
  t.equal(rig.handle.core.snapshot().halt, undefined);
  t.same(await box.register(signed(session, ballot(new SeededRandom('a')))), { ok: true, value: { outcome: 'registered' } });
});

t.test('a console restart resumes from the sticks: same session, same link, same counts', async (t) => {
  const dirs = { A: await prepared(t), B: await prepared(t) };
  const first = await startRig(t, { dirs });
  const { box, session } = await openForVoting(first);
  const random = new SeededRandom('restart');
  await first.handle.core.issueVoterCard('eu');
  for (let i = 0; i < 5; i++) await box.register(signed(session, ballot(random)));
  const code = first.handle.pairingCode();
  const before = first.handle.core.snapshot().counters;
  await first.handle.stop();

  const second = await startRig(t, { dirs });
  t.same(second.handle.core.snapshot().phase, { kind: 'locked', attemptsLeft: 5 });
  t.match(await second.handle.core.unlock(password()), { ok: true, message: /hervat/ });
  t.same(second.handle.core.snapshot().phase, { kind: 'open' });
  t.same(second.handle.core.snapshot().counters, before, 'every counter as before the restart');
  t.same(second.handle.pairingCode(), code, 'the box stays paired (same link key)');
  const box2 = boxClient(second);
  t.same(await box2.register(signed(session, ballot(random))), { ok: true, value: { outcome: 'registered' } }, 'ballots of the same voting-computer key are still accepted');
});

t.test('a crash at every write step of a registration, then a restart', async (t) => {
  for (let k = 1; k <= 4; k++) {
    const dirs = { A: await prepared(t), B: await prepared(t) };
    const plan = createFaultPlan();
    const sim = createSimulatedSticks(dirs);
    const faulty: StickSource = { kind: 'simulated', presence: (p) => sim.presence(p), io: (p: StickPort) => createFaultyIo(sim.io(p), plan, p) };
    const rig = await startRig(t, { dirs, sticks: faulty });
    const { box, session } = await openForVoting(rig);
    const random = new SeededRandom(`crash-${k}`);
    const acked = [signed(session, ballot(random)), signed(session, ballot(random))];
    for (const b of acked) await box.register(b);
    plan.crashAt = plan.steps + k;
    plan.tear = true;
    const x = signed(session, ballot(random));
    const r = await rig.handle.core.registerBallot(x, newEventId()).catch((e: unknown) => (e instanceof SimulatedCrash ? 'crash' : Promise.reject(e)));
    t.equal(r, 'crash', `crash at step ${k}`);
    await rig.handle.stop().catch(() => undefined);

    const again = await startRig(t, { dirs });
    t.match(await again.handle.core.unlock(password()), { ok: true }, `step ${k}: the restarted console opens`);
    const box2 = boxClient(again);
    const retry = await box2.register(x);
    // Step 1 tears the write on A: never acknowledged, stored fresh. Steps 2–3: the ballot is on
    // A only and is completed on B at the restart, so it is the most recent ballot. Step 4: it
    // reached both sticks, nothing needed completing, and after a restart nothing is "most
    // recent" (memory only): the box knows the retry is its own unanswered request (libs/link).
    const expected = k === 1 ? { outcome: 'registered' } : k <= 3 ? { outcome: 'duplicate', mostRecent: true } : { outcome: 'duplicate', mostRecent: false };
    t.same(retry, { ok: true, value: expected }, `step ${k}: the box's retry`);
    for (const b of acked) t.match(await box2.register(b), { ok: true, value: { outcome: 'duplicate' } }, `step ${k}: an acknowledged ballot is there`);
    t.equal(again.handle.core.snapshot().counters?.registered, 3, `step ${k}: three ballots, once each`);
    t.match(await again.handle.core.close({ annulledBallots: 0, testBallots: 0 }), { ok: true });
    const d = demo();
    for (const dir of [dirs.A, dirs.B]) {
      const v = await verifyStick(dir, { organiserPublicKey: d.organiser.publicKey, hoofdbureauPrivateKey: d.hoofdbureau.privateKey });
      t.equal(v.ok && v.value.ballots?.length, 3, `step ${k}: the stick verifies with three ballots`);
    }
  }
});

t.test('every bad stick gets its own message and is left unchanged', async (t) => {
  const good = await prepared(t);
  const other = await prepared(t, { station: 5 });
  const tampered = await prepared(t);
  const pkg = await readFile(join(tampered, FILES.packageJson));
  pkg[300] = (pkg[300] as number) ^ 1;
  await writeFile(join(tampered, FILES.packageJson), pkg);
  const blank = await tempDir(t, 'blank');
  const readOnly = await prepared(t);
  const full = await prepared(t);
  const cases: Array<{ name: string; dir: string; source?: (dirs: Record<StickPort, string>) => StickSource; expect: RegExp; reason: string }> = [
    { name: 'stick of another polling station', dir: other, expect: /voor stembureau Vlindermeer-005-Bergzicht, niet voor dit stembureau/, reason: 'error:wrong-polling-station' },
    { name: 'tampered package', dir: tampered, expect: /verkiezingspakket op deze stick is ongeldig of gewijzigd/, reason: 'error:bad-package' },
    { name: 'a stick that was never prepared', dir: blank, expect: /geen stemstick/, reason: 'error:not-a-voting-stick' },
    {
      name: 'read-only stick',
      dir: readOnly,
      source: (dirs) => {
        const s = createSimulatedSticks(dirs);
        s.setReadOnly('B', true);
        return s;
      },
      expect: /.*/,
      reason: 'read-only',
    },
    {
      name: 'full stick',
      dir: full,
      source: (dirs) => {
        const s = createSimulatedSticks(dirs);
        return { kind: 'simulated', presence: (p) => s.presence(p), io: (p) => (p === 'B' ? createNearlyFullIo(createNodeStickIo(dirs.B), 1000) : s.io(p)) };
      },
      expect: /De stick is vol/,
      reason: 'error:full',
    },
  ];
  for (const c of cases) {
    const a = await tempDir(t, 'a');
    await cp(good, a, { recursive: true });
    const dirs = { A: a, B: c.dir };
    const before = await digest(c.dir);
    const rig = await startRig(t, { dirs, ...(c.source ? { sticks: c.source(dirs) } : {}) });
    const snap = rig.handle.core.snapshot();
    const b = snap.sticks.B;
    t.equal(b.kind === 'error' ? `error:${b.reason}` : b.kind, c.reason, c.name);
    if (b.kind === 'error') t.match(b.message, c.expect, `${c.name}: message`);
    t.same(snap.phase, { kind: 'sticks' }, `${c.name}: no password is asked`);
    t.match(await rig.handle.core.unlock(password()), { ok: false, error: 'not-now' }, `${c.name}: cannot open`);
    await rig.handle.stop();
    t.equal(await digest(c.dir), before, `${c.name}: the stick is unchanged`);
  }
});

t.test('a restart after closing: the reports are there, the sticks stay exactly as closed', async (t) => {
  const dirs = { A: await prepared(t), B: await prepared(t) };
  const first = await startRig(t, { dirs });
  const { box, session } = await openForVoting(first);
  await box.register(signed(session, ballot(new SeededRandom('after'))));
  t.match(await first.handle.core.close({ annulledBallots: 0, testBallots: 0 }), { ok: true });
  await first.handle.stop();
  const before = [await digest(dirs.A), await digest(dirs.B)];

  const second = await startRig(t, { dirs });
  t.match(await second.handle.core.unlock(password()), { ok: true });
  t.same(second.handle.core.snapshot().phase, { kind: 'closed' });
  t.equal(second.handle.core.snapshot().counters?.registered, 1, 'figures from the closing record');
  t.match(await second.handle.core.print('kerncijfers'), { ok: true });
  t.match(await second.handle.core.issueVoterCard('belg'), { ok: false, error: 'not-now' });
  await second.handle.stop();
  t.same([await digest(dirs.A), await digest(dirs.B)], before, 'nothing written after closing');
  const d = demo();
  const v = await verifyStick(dirs.A, { organiserPublicKey: d.organiser.publicKey, hoofdbureauPrivateKey: d.hoofdbureau.privateKey });
  t.ok(v.ok, v.ok ? 'still verifies' : v.error.message);
});
