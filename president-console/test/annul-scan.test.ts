// Decree art. 17 §2: where the barcode is readable, the annulled ballot is scanned at the box in
// annul mode, so that it can never be registered later — not by this box, not after a restart of
// the console. The sticks keep a keyed hash of its id, never the id.
import t from 'tap';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SeededRandom, toHex, Verifier } from '@ovs/crypto';
import { openSignedBallot } from '@ovs/ballot';
import { ballot, boxClient, context, openForVoting, password, prepared, signed, startRig, STATION } from './support.ts';

t.test('decree art. 17 §2: an annulled ballot scanned in annul mode is never registered, also after a restart', async (t) => {
  const dirs = { A: await prepared(t), B: await prepared(t) };
  const first = await startRig(t, { dirs });
  const core = first.handle.core;
  const { box, session } = await openForVoting(first);
  const random = new SeededRandom('annul-scan');
  const shown = signed(session, ballot(random));
  t.match(await core.armAnnulScan(true), { ok: true, message: /leg het geannuleerde stembiljet nu op de scanner/ });
  t.equal(core.snapshot().box.annulMode, true);
  t.same(await box.register(shown), { ok: true, value: { outcome: 'rejected', reason: 'annulled' } }, 'recorded as annulled, the flap stays shut');
  t.equal(core.snapshot().box.annulMode, false, 'for one ballot only');
  t.match(core.snapshot().alerts.at(-1)?.message, /kan nooit meer geregistreerd worden/);
  t.match(await core.annulBallot('shown', 'belg'), { ok: true }, 'and the annulment with its new card');
  const next = signed(session, ballot(random));
  t.same(await box.register(next), { ok: true, value: { outcome: 'registered' } }, 'the next voter\'s ballot goes in as usual');
  t.same(await box.register(shown), { ok: true, value: { outcome: 'rejected', reason: 'annulled' } }, 'the annulled one, scanned again: refused');
  t.equal(core.snapshot().counters?.registered, 1);

  // Nothing on the sticks names the ballot: only a keyed hash, dated to the hour.
  const opened = openSignedBallot(context(), shown, STATION, [Verifier.from(session.publicKey)!]);
  const id = opened.ok ? toHex(opened.value.ballot.ballotId) : 'none';
  const log = await readFile(join(dirs.A, 'events.log'), 'utf8');
  t.notOk(log.includes(id), 'the ballot id is not in the log');
  t.match(log, /"type":"ballot-annul-scanned","tag":"[0-9a-f]{32}"/);
  await first.handle.stop();

  const second = await startRig(t, { dirs });
  t.match(await second.handle.core.unlock(password()), { ok: true });
  t.same(await boxClient(second).register(shown), { ok: true, value: { outcome: 'rejected', reason: 'annulled' } }, 'after a restart of the console: still refused');
  t.equal(second.handle.core.snapshot().counters?.registered, 1);
});
