// verify() at the hoofdbureau: every kind of damage or tampering on every file of a closed
// stick gives a specific problem naming the file (and the record), never a crash or a pass.
import t, { type Test } from 'tap';
import { cp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { deriveSharedKey, SeededRandom, Signer } from '@ovs/crypto';
import { encodeSignedBallot } from '@ovs/ballot';
import {
  BALLOT_KEY_INFO,
  CLOSING_SIGNATURE_DOMAIN,
  decodeSessionRecord,
  decodeClosingRecord,
  decodeSlotHeader,
  encodeClosingRecord,
  encodeSignatureFile,
  FILES,
  sealSlot,
  signRecord,
  slotOffset,
  SLOT_USED,
  verifyStick,
  type StickProblemCode,
  type StickFile,
  type VerifyOptions,
} from '../src/index.ts';
import { castBallots, demo, demoContext, openPair, preparedStick, randomBallot, signBallot, stembureau, tempDir } from './support.ts';

const d = demo();
const withKey = { organiserPublicKey: d.organiser.publicKey, hoofdbureauPrivateKey: d.hoofdbureau.privateKey };
const withoutKey = { organiserPublicKey: d.organiser.publicKey };

type T = Test;

async function closedStick(t: T, station = 3): Promise<{ a: string; b: string; sessionId: Uint8Array; sessionKey: Uint8Array }> {
  const a = await preparedStick(t, { station });
  const b = await preparedStick(t, { station });
  const pair = await openPair(a, b, station === 3 ? {} : { station, stembureau: await stembureau(station) });
  await pair.appendEvent({ type: 'voting-opened' });
  await pair.appendEvent({ type: 'voter-card', category: 'belg', proxy: false, replacement: false });
  if (station === 3) await castBallots(pair, 8, new SeededRandom('verify'));
  const keys = { sessionId: pair.session.sessionId, sessionKey: pair.secrets?.sessionPrivateKey ?? new Uint8Array(32) };
  const closed = await pair.close({ annulledBallots: 0, testBallots: 1 });
  if (!closed.ok) throw new Error('close');
  await pair.release();
  return { a, b, ...keys };
}

async function copy(t: T, dir: string): Promise<string> {
  const out = await tempDir(t, 'case');
  await cp(dir, out, { recursive: true });
  return out;
}

const read = async (dir: string, f: string): Promise<Uint8Array> => new Uint8Array(await readFile(join(dir, f)));

async function expectProblem(t: T, dir: string, code: StickProblemCode, file: StickFile, what: string, options: VerifyOptions = withKey, record?: string | RegExp): Promise<void> {
  const v = await verifyStick(dir, options);
  if (v.ok) {
    t.fail(`${what}: verified, expected ${code} in ${file}`);
    return;
  }
  t.equal(v.error.code, code, `${what}: code (${v.error.message})`);
  t.equal(v.error.file, file, `${what}: file`);
  t.ok(v.error.message.startsWith(file), `${what}: the message names the file`);
  if (record !== undefined) t.match(v.error.record ?? '', record, `${what}: record`);
}

t.test('every damaged or tampered file gives a specific problem', async (t) => {
  const good = await closedStick(t);
  const ok = await verifyStick(good.a, withKey);
  t.ok(ok.ok, 'the untouched stick verifies');
  if (!ok.ok) return;

  // Missing files.
  for (const [f, code] of [
    [FILES.label, 'missing-file'],
    [FILES.packageJson, 'missing-file'],
    [FILES.packageSig, 'missing-file'],
    [FILES.slots, 'missing-file'],
    [FILES.sessionSig, 'missing-file'],
    [FILES.closingJson, 'not-closed'],
    [FILES.closingSig, 'missing-file'],
  ] as const) {
    const dir = await copy(t, good.a);
    await rm(join(dir, f));
    await expectProblem(t, dir, code, f, `without ${f}`);
  }
  {
    const dir = await copy(t, good.a);
    await rm(join(dir, FILES.sessionJson));
    await expectProblem(t, dir, 'missing-file', FILES.sessionJson, 'without session.json');
  }

  // The package.
  {
    const dir = await copy(t, good.a);
    const bytes = await read(dir, FILES.packageJson);
    bytes[200] = (bytes[200] as number) ^ 0x01;
    await writeFile(join(dir, FILES.packageJson), bytes);
    await expectProblem(t, dir, 'package-invalid', FILES.packageJson, 'a bit flipped in election.json');
  }
  {
    const dir = await copy(t, good.a);
    await writeFile(join(dir, FILES.packageSig), 'not a signature\n');
    await expectProblem(t, dir, 'malformed', FILES.packageSig, 'garbage election.sig');
  }
  {
    const dir = await copy(t, good.a);
    await expectProblem(t, dir, 'package-invalid', FILES.packageJson, 'another organiser key', { ...withKey, organiserPublicKey: new Signer(new Uint8Array(32).fill(7)).publicKey });
  }

  // The label.
  {
    const dir = await copy(t, good.a);
    const label = JSON.parse(new TextDecoder().decode(await read(dir, FILES.label))) as Record<string, unknown>;
    label.station = 4;
    label.stationName = 'Vlindermeer-004-Bergzicht';
    await writeFile(join(dir, FILES.label), JSON.stringify(label));
    await expectProblem(t, dir, 'mismatch', FILES.slots, 'label of another station', withKey, 'kop');
  }
  {
    const dir = await copy(t, good.a);
    await writeFile(join(dir, FILES.label), '{"format":"ovs-stick/1"');
    await expectProblem(t, dir, 'malformed', FILES.label, 'truncated label');
  }

  // The slot file.
  const slots = await read(good.a, FILES.slots);
  const header = decodeSlotHeader(slots);
  if (!header.ok) throw new Error('header');
  const h = header.value;
  const usedSlots: number[] = [];
  const emptySlots: number[] = [];
  for (let i = 0; i < h.capacity; i++) (slots[slotOffset(h, i)] === SLOT_USED ? usedSlots : emptySlots).push(i);
  {
    const dir = await copy(t, good.a);
    const bytes = await read(dir, FILES.slots);
    const i = usedSlots[2] as number;
    bytes[slotOffset(h, i) + 40] = (bytes[slotOffset(h, i) + 40] as number) ^ 0x10;
    await writeFile(join(dir, FILES.slots), bytes);
    await expectProblem(t, dir, 'slot-unopenable', FILES.slots, 'a bit flipped in a sealed ballot', withKey, `vak ${i}`);
    await expectProblem(t, dir, 'store-hash-mismatch', FILES.slots, 'the same without the hoofdbureau key', withoutKey);
  }
  {
    const dir = await copy(t, good.a);
    const bytes = await read(dir, FILES.slots);
    const [i, j] = [usedSlots[0] as number, usedSlots[1] as number];
    const si = bytes.slice(slotOffset(h, i), slotOffset(h, i) + h.slotSize);
    bytes.copyWithin(slotOffset(h, i), slotOffset(h, j), slotOffset(h, j) + h.slotSize);
    bytes.set(si, slotOffset(h, j));
    await writeFile(join(dir, FILES.slots), bytes);
    await expectProblem(t, dir, 'slot-unopenable', FILES.slots, 'two sealed ballots swapped', withKey, /^vak /);
  }
  {
    const dir = await copy(t, good.a);
    const bytes = await read(dir, FILES.slots);
    const i = emptySlots[0] as number;
    bytes[slotOffset(h, i) + 5] = 1;
    await writeFile(join(dir, FILES.slots), bytes);
    await expectProblem(t, dir, 'bad-slot', FILES.slots, 'data in an empty slot', withoutKey, `vak ${i}`);
  }
  {
    const dir = await copy(t, good.a);
    const bytes = await read(dir, FILES.slots);
    const i = usedSlots[0] as number;
    bytes.fill(0, slotOffset(h, i), slotOffset(h, i) + h.slotSize);
    await writeFile(join(dir, FILES.slots), bytes);
    await expectProblem(t, dir, 'figures-mismatch', FILES.closingJson, 'a ballot removed (with the key: per election)', withKey);
    await expectProblem(t, dir, 'store-hash-mismatch', FILES.slots, 'a ballot removed (without the key)', withoutKey);
  }
  {
    const dir = await copy(t, good.a);
    await writeFile(join(dir, FILES.slots), (await read(dir, FILES.slots)).subarray(0, 5000));
    await expectProblem(t, dir, 'malformed', FILES.slots, 'truncated slot file', withKey, 'kop');
  }
  {
    // A ballot copied into an empty slot, correctly sealed for it (someone with the keys).
    const dir = await copy(t, good.a);
    const bytes = await read(dir, FILES.slots);
    const ballot = randomBallot(new SeededRandom('extra'));
    const signed = encodeSignedBallot(demoContext(), { ...ballot, test: true }, new Signer(good.sessionKey));
    if (!signed.ok) throw new Error('encode');
    const key = deriveSharedKey(d.hoofdbureau.privateKey, (await sessionBallotKey(dir)) as Uint8Array, BALLOT_KEY_INFO) as Uint8Array;
    const i = emptySlots[3] as number;
    bytes.set(sealSlot(h, good.sessionId, i, key, signed.value, new Uint8Array(12).fill(1)), slotOffset(h, i));
    await writeFile(join(dir, FILES.slots), bytes);
    await expectProblem(t, dir, 'test-ballot', FILES.slots, 'a test ballot among the real ones', withKey, `vak ${i}`);
  }

  // Session record.
  {
    const dir = await copy(t, good.a);
    const text = new TextDecoder().decode(await read(dir, FILES.sessionJson)).replace('"startedAt": "', '"startedAt": "1');
    await writeFile(join(dir, FILES.sessionJson), text);
    await expectProblem(t, dir, 'malformed', FILES.sessionJson, 'session.json edited');
  }
  {
    const dir = await copy(t, good.a);
    const other = await closedStick(t);
    await cp(join(other.a, FILES.sessionSig), join(dir, FILES.sessionSig));
    await expectProblem(t, dir, 'bad-signature', FILES.sessionSig, 'session.sig of another opening');
    // The whole session of another opening (a replayed session + closing): caught at the log or closing.
    const mixed = await copy(t, good.a);
    for (const f of [FILES.sessionJson, FILES.sessionSig]) await cp(join(other.a, f), join(mixed, f));
    await expectProblem(t, mixed, 'event-log', FILES.events, 'session files of another opening');
    const replay = await copy(t, good.a);
    for (const f of [FILES.closingJson, FILES.closingSig]) await cp(join(other.a, f), join(replay, f));
    await expectProblem(t, replay, 'mismatch', FILES.closingJson, 'a replayed closing record of another opening', withKey, 'veld sessionId');
  }

  // Event log.
  {
    const lines = new TextDecoder().decode(await read(good.a, FILES.events)).split('\n');
    const dropped = await copy(t, good.a);
    await writeFile(join(dropped, FILES.events), [...lines.slice(0, 2), ...lines.slice(3)].join('\n'));
    await expectProblem(t, dropped, 'event-log', FILES.events, 'a record removed', withKey, 'regel 3');
    const edited = await copy(t, good.a);
    await writeFile(join(edited, FILES.events), lines.map((l, i) => (i === 2 ? l.replace('"belg"', '"eu"') : l)).join('\n'));
    await expectProblem(t, edited, 'event-log', FILES.events, 'a record edited', withKey, 'regel 4');
    const cut = await copy(t, good.a);
    await writeFile(join(cut, FILES.events), lines.slice(0, -2).join('\n') + '\n');
    await expectProblem(t, cut, 'figures-mismatch', FILES.closingJson, 'the last record cut off', withKey, 'veld eventLog.records');
    const torn = await copy(t, good.a);
    await writeFile(join(torn, FILES.events), lines.join('\n').slice(0, -20));
    await expectProblem(t, torn, 'event-log', FILES.events, 'a torn last record');
  }

  // Closing record.
  {
    const dir = await copy(t, good.a);
    const text = new TextDecoder().decode(await read(dir, FILES.closingJson)).replace('"testBallots": 1', '"testBallots": 2');
    await writeFile(join(dir, FILES.closingJson), text);
    await expectProblem(t, dir, 'bad-signature', FILES.closingSig, 'a figure changed in closing.json');
  }
  {
    // Re-signed with the stembureau key but with a wrong figure: caught by recounting.
    const dir = await copy(t, good.a);
    const bytes = await read(dir, FILES.closingJson);
    const pkgCategories = d.election.voterCategories.map((c) => c.id);
    const decoded = decodeClosingRecord(bytes, ['G', 'P'], pkgCategories);
    if (!decoded.ok) throw new Error('closing');
    const record = { ...decoded.value, cards: { ...decoded.value.cards, perCategory: { ...decoded.value.cards.perCategory, belg: 5 } } };
    const out = encodeClosingRecord(record);
    await writeFile(join(dir, FILES.closingJson), out);
    await writeFile(join(dir, FILES.closingSig), encodeSignatureFile(signRecord(CLOSING_SIGNATURE_DOMAIN, out, await stembureau())));
    await expectProblem(t, dir, 'figures-mismatch', FILES.closingJson, 'a re-signed wrong card count', withKey, 'veld cards.perCategory.belg');
  }

  // Files from another polling station.
  {
    const other = await closedStick(t, 5);
    const dir = await copy(t, good.a);
    await cp(join(other.a, FILES.slots), join(dir, FILES.slots));
    await expectProblem(t, dir, 'mismatch', FILES.slots, 'ballots.slots of another polling station', withKey, 'kop');
    const dir2 = await copy(t, good.a);
    for (const f of [FILES.closingJson, FILES.closingSig]) await cp(join(other.a, f), join(dir2, f));
    await expectProblem(t, dir2, 'bad-signature', FILES.closingSig, 'closing record of another polling station');
  }

  // The hoofdbureau's key.
  await expectProblem(t, good.a, 'wrong-hoofdbureau-key', FILES.packageJson, 'another hoofdbureau key', { ...withKey, hoofdbureauPrivateKey: new Uint8Array(32).fill(9) });
});

t.test('a stick that was never closed is not accepted', async (t) => {
  const a = await preparedStick(t);
  const b = await preparedStick(t);
  await expectProblem(t, a, 'not-closed', FILES.sessionJson, 'a blank stick');
  const pair = await openPair(a, b);
  const x = randomBallot(new SeededRandom('open'));
  await pair.registerBallot(signBallot(pair, x), x);
  await pair.release();
  await expectProblem(t, a, 'not-closed', FILES.closingJson, 'a stick in use');
});

async function sessionBallotKey(dir: string): Promise<Uint8Array | undefined> {
  const s = decodeSessionRecord(await read(dir, FILES.sessionJson));
  return s.ok ? s.value.ballotPublicKey : undefined;
}
