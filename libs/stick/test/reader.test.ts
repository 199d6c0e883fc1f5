// The reader at the hoofdbureau, beyond verify.test.ts: another election package is named as such
// (first, before anything else), the unsigned label is accepted only byte for byte, the packed
// ballots are the same as the objects, duplicates are found as a slot-by-slot scan finds them,
// and malformed log records are refused instead of crashing the reader.
import t, { type Test } from 'tap';
import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { deriveSharedKey, generateAgreementKeyPair, sha256, Signer, toBase64 } from '@ovs/crypto';
import { signPackage } from '@ovs/election';
import {
  BALLOT_KEY_INFO,
  decodeSessionRecord,
  decodeSlotHeader,
  FILES,
  inspectStickFiles,
  openSlot,
  prepareStick,
  readStickDir,
  readStickDirSync,
  sealSlot,
  slotOffset,
  SLOT_USED,
  verifyStick,
  verifyStickFiles,
  type StickProblemCode,
  type VerifyOptions,
} from '../src/index.ts';
import { isoTime } from '../src/json.ts';
import { castBallots, demo, openPair, preparedStick, tempDir } from './support.ts';

const d = demo();
const withKey: VerifyOptions = { organiserPublicKey: d.organiser.publicKey, hoofdbureauPrivateKey: d.hoofdbureau.privateKey };
const ours = { hash: sha256(d.bytes) };

async function close(t: Test, a: string, b: string, ballots: number): Promise<void> {
  const pair = await openPair(a, b);
  await pair.appendEvent({ type: 'voting-opened' });
  if (ballots > 0) await castBallots(pair, ballots);
  const closed = await pair.close({ annulledBallots: 0, testBallots: 0 });
  if (!closed.ok) throw new Error('close');
  await pair.release();
  t.pass(`closed with ${ballots} ballots`);
}

async function closedStick(t: Test, ballots = 8): Promise<string> {
  const a = await preparedStick(t);
  const b = await preparedStick(t);
  await close(t, a, b, ballots);
  return a;
}

/** A stick of Andermeer: the demo election under another name and hoofdbureau, signed by the same organiser. */
async function foreignStick(t: Test, closed: boolean): Promise<string> {
  const election = {
    ...d.election,
    municipality: { nisCode: '99002', name: 'Andermeer' },
    hoofdbureau: { name: 'Gemeentelijk hoofdbureau Andermeer', publicKey: toBase64(generateAgreementKeyPair().publicKey) },
    pollingStations: d.election.pollingStations.map((s) => ({ ...s, name: s.name.replace('Vlindermeer', 'Andermeer') })),
  };
  const signed = signPackage(election, new Signer(d.organiser.privateKey));
  const [a, b] = [await tempDir(t), await tempDir(t)];
  for (const dir of [a, b]) {
    const r = await prepareStick(dir, { packageBytes: signed.bytes, packageSignature: signed.signature, organiserPublicKey: d.organiser.publicKey, station: 3, capacity: 64 });
    if (!r.ok) throw new Error(r.error.message);
  }
  if (closed) await close(t, a, b, 0);
  return a;
}

async function copy(t: Test, dir: string): Promise<string> {
  const out = await tempDir(t, 'case');
  await cp(dir, out, { recursive: true });
  return out;
}

async function expectProblem(t: Test, dir: string, code: StickProblemCode, file: string, options: VerifyOptions, what: string): Promise<string> {
  const v = await verifyStick(dir, options);
  if (v.ok) {
    t.fail(`${what}: verified, expected ${code}`);
    return '';
  }
  t.equal(v.error.code, code, `${what}: ${v.error.message}`);
  t.equal(v.error.file, file, `${what}: in ${file}`);
  return v.error.message;
}

t.test('a valid stick of another municipality is "another election package", checked first', async (t) => {
  const foreign = await foreignStick(t, true);
  const message = await expectProblem(t, foreign, 'other-package', FILES.packageJson, { ...withKey, package: ours }, 'with our package');
  t.match(message, /Andermeer/, 'names the package it belongs to');
  // First: even a stick of it that was never opened or closed gets this reason, not "not closed".
  await expectProblem(t, await foreignStick(t, false), 'other-package', FILES.packageJson, { ...withKey, package: ours }, 'an unopened stick of it');
  // Without the expected package, the hoofdbureau key does not fit, and the message says whose package it is.
  t.match(await expectProblem(t, foreign, 'wrong-hoofdbureau-key', FILES.packageJson, withKey, 'without our package'), /Andermeer/, 'the key message names the package');
  // A changed package is not "another package": it is invalid.
  const own = await closedStick(t);
  t.ok((await verifyStick(own, { ...withKey, package: ours })).ok, 'our own stick verifies with our package given');
  const changed = await copy(t, own);
  const bytes = await readFile(join(changed, FILES.packageJson));
  bytes[300] = (bytes[300] as number) ^ 0x02;
  await writeFile(join(changed, FILES.packageJson), bytes);
  await expectProblem(t, changed, 'package-invalid', FILES.packageJson, { ...withKey, package: ours }, 'a changed package');
});

t.test('the label is accepted only exactly as the preparation wrote it', async (t) => {
  const good = await closedStick(t, 2);
  const text = (await readFile(join(good, FILES.label), 'utf8'));
  const label = JSON.parse(text) as Record<string, unknown>;
  const variants: Array<[string, string]> = [
    ['without the final newline', text.slice(0, -1)],
    ['compact JSON', JSON.stringify(label)],
    ['keys in another order', `${JSON.stringify({ station: label.station, format: label.format, stationName: label.stationName, electionDate: label.electionDate, packageHash: label.packageHash }, null, 2)}\n`],
    ['a space added', text.replace('{', '{ ')],
    ['a newline more', `${text}\n`],
    ['\\u escapes for the same text', text.replace('"Vlindermeer', '"\\u0056lindermeer')],
  ];
  for (const [what, bytes] of variants) {
    const dir = await copy(t, good);
    await writeFile(join(dir, FILES.label), bytes);
    await expectProblem(t, dir, 'malformed', FILES.label, withKey, what);
    // The console inspects sticks the same way before it opens them.
    const read = await readStickDir(dir);
    const inspected = read.ok ? inspectStickFiles(read.value, { organiserPublicKey: d.organiser.publicKey }) : undefined;
    t.equal(inspected?.ok === false ? inspected.error.code : 'ok', 'malformed', `${what}: refused by inspection too`);
  }
  t.ok((await verifyStick(good, withKey)).ok, 'the untouched stick verifies');
});

t.test('packed ballots are the objects, in the same order', async (t) => {
  const dir = await closedStick(t, 12);
  const read = readStickDirSync(dir);
  if (!read.ok) throw new Error('read');
  const objects = verifyStickFiles(read.value, withKey);
  const packed = verifyStickFiles(read.value, { ...withKey, ballots: 'packed' });
  if (!objects.ok || !packed.ok || !objects.value.ballots || !packed.value.packed) throw new Error('verify');
  const p = packed.value.packed;
  t.equal(packed.value.ballots, undefined, 'no objects when packed');
  t.equal(p.count, objects.value.ballots.length, 'as many');
  objects.value.ballots.forEach((b, i) => {
    t.same(p.ids.subarray(i * 16, i * 16 + 16), b.ballotId, `id ${i}`);
    t.same(p.signed.subarray(p.offsets[i], p.offsets[i + 1]), b.signedBallot, `signed ballot ${i}`);
  });
  t.equal(p.offsets[p.count], p.signed.length, 'the offsets end at the end');
});

t.test('a ballot twice is named at its second slot, as a slot-by-slot scan would', async (t) => {
  const good = await closedStick(t, 8);
  const slots = new Uint8Array(await readFile(join(good, FILES.slots)));
  const header = decodeSlotHeader(slots);
  const session = decodeSessionRecord(new Uint8Array(await readFile(join(good, FILES.sessionJson))));
  if (!header.ok || !session.ok) throw new Error('fixture');
  const h = header.value;
  const key = deriveSharedKey(d.hoofdbureau.privateKey, session.value.ballotPublicKey, BALLOT_KEY_INFO)!;
  const used: number[] = [];
  const empty: number[] = [];
  for (let i = 0; i < h.capacity; i++) (slots[slotOffset(h, i)] === SLOT_USED ? used : empty).push(i);
  const slot = (i: number): Uint8Array => slots.subarray(slotOffset(h, i), slotOffset(h, i) + h.slotSize);

  /** The stick with the ballot of slot `from` sealed again into the empty slot `to`, and optionally slot `broken` damaged. */
  const withCopy = async (from: number, to: number, broken?: number): Promise<string> => {
    const dir = await copy(t, good);
    const bytes = new Uint8Array(slots);
    const opened = openSlot(h, session.value.sessionId, from, key, slot(from));
    if (!opened.ok) throw new Error('open');
    bytes.set(sealSlot(h, session.value.sessionId, to, key, opened.value, new Uint8Array(12).fill(7)), slotOffset(h, to));
    if (broken !== undefined) bytes[slotOffset(h, broken) + 20] = (bytes[slotOffset(h, broken) + 20] as number) ^ 1;
    await writeFile(join(dir, FILES.slots), bytes);
    return dir;
  };
  const record = async (dir: string, code: StickProblemCode, what: string): Promise<string | undefined> => {
    const v = await verifyStick(dir, withKey);
    t.equal(v.ok ? 'ok' : v.error.code, code, what);
    return v.ok ? undefined : v.error.record;
  };
  const first = used[0]!;
  const lastEmpty = empty[empty.length - 1]!;
  const original = used.find((i) => i < lastEmpty)!;
  t.equal(await record(await withCopy(original, lastEmpty), 'duplicate-ballot', 'copied to a later slot'), `vak ${lastEmpty}`, 'named at the copy');
  const firstEmpty = empty[0]!;
  const later = used.find((i) => i > firstEmpty);
  if (later !== undefined) t.equal(await record(await withCopy(later, firstEmpty), 'duplicate-ballot', 'copied to an earlier slot'), `vak ${later}`, 'named at the later of the two');
  // A damaged slot before the second of the two is named first; one after it is never reached.
  t.equal(await record(await withCopy(original, lastEmpty, first), 'slot-unopenable', 'a damaged slot before the copy'), `vak ${first}`, 'the damaged slot');
  const gap = empty.find((i) => i > first && used.some((u) => u > i));
  if (gap !== undefined) {
    const damaged = used.find((u) => u > gap)!;
    t.equal(await record(await withCopy(first, gap, damaged), 'duplicate-ballot', 'a damaged slot after the copy'), `vak ${gap}`, 'the copy');
  }
});

t.test('malformed log records are refused, never a crash', async (t) => {
  const good = await closedStick(t, 1);
  const lines = (await readFile(join(good, FILES.events), 'utf8')).split('\n');
  const edit = async (what: string, change: (line: string) => string): Promise<void> => {
    const dir = await copy(t, good);
    await writeFile(join(dir, FILES.events), lines.map((l, i) => (i === 1 ? change(l) : l)).join('\n'));
    const v = await verifyStick(dir, withKey).catch((e: unknown) => ({ ok: 'thrown' as const, error: String(e) }));
    t.equal(v.ok, false, `${what}: refused, not thrown`);
    if (v.ok === false) t.match(v.error.message, /^events\.log, regel 2: veld (at|type)/, `${what}: ${v.error.message}`);
  };
  await edit('month 13', (l) => l.replace(/"at":"(\d{4})-\d{2}/, '"at":"$1-13'));
  await edit('hour 25', (l) => l.replace(/T\d{2}:/, 'T25:'));
  await edit('30 February', (l) => l.replace(/"at":"(\d{4})-\d{2}-\d{2}/, '"at":"$1-02-30'));
  await edit('a type that is a property of every object', (l) => l.replace(/"type":"[a-z-]+"(,.*)?\}\t/, '"type":"constructor"}\t'));
});

t.test('isoTime accepts exactly what Date writes back unchanged', (t) => {
  const roundTrips = (v: string): boolean => {
    try {
      return new Date(v).toISOString() === v;
    } catch {
      return false;
    }
  };
  let n = 0;
  let agree = 0;
  const pad = (x: number, w = 2): string => String(x).padStart(w, '0');
  for (const year of [0, 1, 4, 100, 400, 1900, 1999, 2000, 2023, 2024, 2100, 9999]) {
    for (let month = 0; month <= 13; month++) {
      for (let day = 0; day <= 32; day++) {
        for (const [hh, mm, ss] of [[0, 0, 0], [23, 59, 59], [24, 0, 0], [12, 60, 0], [12, 0, 60], [99, 99, 99]] as const) {
          const v = `${pad(year, 4)}-${pad(month)}-${pad(day)}T${pad(hh)}:${pad(mm)}:${pad(ss)}.123Z`;
          n++;
          if (isoTime({ v }, 'v').ok === roundTrips(v)) agree++;
          else t.fail(v);
        }
      }
    }
  }
  t.equal(agree, n, `${n} timestamps`);
  t.end();
});
