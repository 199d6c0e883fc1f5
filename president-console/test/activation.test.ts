// The activation card as an attacker finds it (issue 11): whoever reads the card's bytes must not
// be able to sign a ballot the ballot box accepts. And the code that opens it exists only in the
// console's answer to the president's screen: no log, no stick file, no snapshot holds it.
import t from 'tap';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SeededRandom, Signer, toHex } from '@ovs/crypto';
import { ballot, boxClient, password, signed, startRig } from './support.ts';

t.test('every 32 bytes of an activation card, taken as a signing key, sign ballots the box refuses', async (t) => {
  const rig = await startRig(t);
  const core = rig.handle.core;
  t.match(await core.unlock(password()), { ok: true });
  t.match(await core.issueActivationCard(), { ok: true });
  const box = boxClient(rig);
  await box.event({ kind: 'box-empty' });
  t.match(await core.openVoting(true), { ok: true });
  const card = rig.devices.cards.findLast((c) => c.payload[1] === 2);
  if (!card) throw new Error('no activation card written');
  const random = new SeededRandom('attacker');
  const outcomes = new Map<string, number>();
  for (let offset = 0; offset + 32 <= card.payload.length; offset++) {
    const r = await box.register(signed(new Signer(card.payload.slice(offset, offset + 32)), ballot(random)));
    const outcome = r.ok ? (r.value.outcome === 'rejected' ? r.value.reason : r.value.outcome) : r.error;
    outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
    if (outcome !== 'bad-signature') t.fail(`the key in bytes ${offset}–${offset + 31} of the card signs a ballot the box takes: ${outcome}`);
  }
  t.same([...outcomes.keys()], ['bad-signature'], `${card.payload.length - 31} keys tried, every ballot refused`);
  t.equal(core.snapshot().counters?.registered, 0, 'nothing counted');
});

t.test('the code is in the answer and nowhere else: not in the log, the snapshot or a stick file', async (t) => {
  const rig = await startRig(t);
  const core = rig.handle.core;
  await core.unlock(password());
  const codes: string[] = [];
  for (let i = 0; i < 3; i++) {
    const r = await core.issueActivationCard();
    if (!r.ok || r.activationCode === undefined) throw new Error('no code in the answer');
    t.match(r.activationCode, /^\d{16}$/);
    codes.push(r.activationCode);
  }
  t.equal(new Set(codes).size, 3, 'a fresh code per card');
  const places: Array<[string, string]> = [
    ['log', JSON.stringify(rig.log)],
    ['snapshot', JSON.stringify(core.snapshot())],
    ['report data', JSON.stringify(core.reportData() ?? {})],
  ];
  for (const port of ['A', 'B'] as const) {
    for (const name of await readdir(rig.dirs[port])) places.push([`stick ${port}: ${name}`, toHex(await readFile(join(rig.dirs[port], name))) + (await readFile(join(rig.dirs[port], name), 'latin1'))]);
  }
  for (const code of codes) {
    const grouped = code.replace(/(\d{4})(?=\d)/g, '$1 ');
    for (const [where, text] of places) {
      if (text.includes(code) || text.includes(grouped)) t.fail(`the code is in ${where}`);
    }
  }
  t.ok(places.length > 4, `${places.length} places searched`);
});
