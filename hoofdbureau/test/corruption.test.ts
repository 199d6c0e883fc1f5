// Every corruption class on every stick file → a specific refusal naming the file, and a
// database whose counted tables are exactly as before (issue 6). The only trace a refused stick
// leaves is one row in the attempt log.
import t, { type Test } from 'tap';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SeededRandom } from '@ovs/crypto';
import { FILES, decodeSlotHeader, slotOffset, SLOT_USED, type StickFile } from '@ovs/stick';
import { generateDemoElection } from '@ovs/election';
import type { Hoofdbureau, ImportReport } from '../src/index.ts';
import { attemptCount, copyStick, day, demo, demoElection, fingerprint, openHb, sticks, tempDir, writePackageDir, type Election } from './support.ts';

type Mutation = (dir: string) => Promise<void>;

interface Case {
  name: string;
  file: StickFile;
  mutate: Mutation;
  /** Where the problem may be reported, when not REPORTED_IN[file]. */
  reportedIn?: readonly StickFile[];
}

const ALL_FILES: StickFile[] = [FILES.label, FILES.packageJson, FILES.packageSig, FILES.slots, FILES.sessionJson, FILES.sessionSig, FILES.events, FILES.closingJson, FILES.closingSig];

/** Where a problem in a file may legitimately be reported: the file itself, or the file whose check catches it. */
const REPORTED_IN: Record<StickFile, readonly StickFile[]> = {
  // The label names the station; a label of another station disagrees first with the ballot store's header.
  [FILES.label]: [FILES.label, FILES.slots],
  [FILES.packageJson]: [FILES.packageJson],
  [FILES.packageSig]: [FILES.packageSig, FILES.packageJson],
  [FILES.slots]: [FILES.slots],
  [FILES.sessionJson]: [FILES.sessionJson, FILES.sessionSig],
  [FILES.sessionSig]: [FILES.sessionSig],
  [FILES.events]: [FILES.events, FILES.closingJson],
  [FILES.closingJson]: [FILES.closingJson, FILES.closingSig],
  [FILES.closingSig]: [FILES.closingSig],
  [FILES.secrets]: [FILES.secrets],
  [FILES.addendumJson]: [FILES.addendumJson, FILES.addendumSig],
  [FILES.addendumSig]: [FILES.addendumSig],
};

const flip = (file: StickFile, position: (length: number, bytes: Uint8Array) => number, bit: number): Mutation => async (dir) => {
  const bytes = await readFile(join(dir, file));
  const at = position(bytes.length, bytes);
  bytes[at] = (bytes[at] ?? 0) ^ (1 << bit);
  await writeFile(join(dir, file), bytes);
};

const truncate = (file: StickFile, keep: (length: number) => number): Mutation => async (dir) => {
  const bytes = await readFile(join(dir, file));
  await writeFile(join(dir, file), bytes.subarray(0, keep(bytes.length)));
};

const replaceWith = (file: StickFile, from: string): Mutation => async (dir) => {
  await writeFile(join(dir, file), await readFile(join(from, file)));
};

interface Fixture {
  election: Election;
  stick: string;
  otherSession: string;
  otherStation: string;
  foreignSameOrganiser: string;
  foreignOrganiser: string;
}

async function fixture(t: Test): Promise<Fixture> {
  const election = await demoElection(t);
  const main = await sticks(t, await day(election, 3, 25, { seed: 'main', annulled: 1, incidents: [{ kind: 'assistance', description: 'hulp bij het stemmen' }] }));
  const otherSession = await sticks(t, await day(election, 3, 25, { seed: 'other session' }));
  const otherStation = await sticks(t, await day(election, 4, 25, { seed: 'station 4' }));
  // Another municipality, signed by the same organiser: a valid stick, for another hoofdbureau.
  const d = demo();
  const elsewhere = await writePackageDir(join(await tempDir(t, 'pkg'), 'p'), d, {
    ...d.election,
    municipality: { nisCode: '99002', name: 'Andermeer' },
    pollingStations: d.election.pollingStations.map((s) => ({ ...s, name: s.name.replace('Vlindermeer', 'Andermeer') })),
  });
  const foreign = await sticks(t, await day(elsewhere, 3, 25, { seed: 'andermeer' }));
  // A package of another organiser altogether.
  const stranger = await writePackageDir(join(await tempDir(t, 'pkg'), 'q'), generateDemoElection({ seed: 'stranger', scrypt: { N: 1024, r: 8, p: 1 } }));
  const strange = await sticks(t, await day(stranger, 3, 10, { seed: 'stranger' }));
  return { election, stick: main.a, otherSession: otherSession.a, otherStation: otherStation.a, foreignSameOrganiser: foreign.a, foreignOrganiser: strange.a };
}

async function cases(f: Fixture): Promise<Case[]> {
  const out: Case[] = [];
  const random = new SeededRandom('corruption');
  const slots = await readFile(join(f.stick, FILES.slots));
  const header = decodeSlotHeader(slots);
  if (!header.ok) throw new Error('fixture slots');
  const used: number[] = [];
  const empty: number[] = [];
  for (let i = 0; i < header.value.capacity; i++) (slots[slotOffset(header.value, i)] === SLOT_USED ? used : empty).push(i);
  const slotSize = header.value.slotSize;

  for (const file of ALL_FILES) {
    const length = (await readFile(join(f.stick, file))).length;
    // Bit flips: first, last and middle byte, and random ones, each with a random bit.
    const positions = new Set<number>([0, length - 1, length >> 1]);
    while (positions.size < Math.min(length, 12)) positions.add(random.int(length));
    for (const p of positions) {
      const bit = random.int(8);
      out.push({ name: `${file}: bit ${bit} of byte ${p} flipped`, file, mutate: flip(file, () => p, bit) });
    }
    out.push({ name: `${file}: last byte cut off`, file, mutate: truncate(file, (n) => n - 1) });
    out.push({ name: `${file}: cut in half`, file, mutate: truncate(file, (n) => n >> 1) });
    out.push({ name: `${file}: emptied`, file, mutate: truncate(file, () => 0) });
    out.push({ name: `${file}: missing`, file, mutate: (dir) => rm(join(dir, file)) });
    out.push({ name: `${file}: from another polling station's stick`, file, mutate: replaceWith(file, f.otherStation) });
    if (file !== FILES.label && file !== FILES.packageJson && file !== FILES.packageSig) {
      out.push({ name: `${file}: from a stick of another opening of this polling station`, file, mutate: replaceWith(file, f.otherSession) });
    }
    out.push({ name: `${file}: from another municipality's stick`, file, mutate: replaceWith(file, f.foreignSameOrganiser) });
  }
  // The ballot store, where it matters most: inside a used slot, inside an empty one, in the header.
  for (const index of [used[0]!, used[used.length - 1]!, used[random.int(used.length)]!]) {
    for (const within of [0, 1, 13, slotSize - 1]) {
      const at = slotOffset(header.value, index) + within;
      out.push({ name: `${FILES.slots}: used slot ${index}, byte ${within} flipped`, file: FILES.slots, mutate: flip(FILES.slots, () => at, random.int(8)) });
    }
  }
  for (const index of [empty[0]!, empty[empty.length - 1]!]) {
    const at = slotOffset(header.value, index) + random.int(slotSize);
    out.push({ name: `${FILES.slots}: empty slot ${index} holds a byte`, file: FILES.slots, mutate: flip(FILES.slots, () => at, random.int(8)) });
  }
  // Two used slots swapped: every ballot still genuine, but not where it was sealed.
  out.push({
    name: `${FILES.slots}: two ballots swapped between slots`,
    file: FILES.slots,
    mutate: async (dir) => {
      const bytes = await readFile(join(dir, FILES.slots));
      const [a, b] = [slotOffset(header.value, used[0]!), slotOffset(header.value, used[1]!)];
      const tmp = Buffer.from(bytes.subarray(a, a + slotSize));
      bytes.copy(bytes, a, b, b + slotSize);
      tmp.copy(bytes, b);
      await writeFile(join(dir, FILES.slots), bytes);
    },
  });
  // A replayed closing record: the signed closing of another opening of this station, or of another station.
  for (const [from, label] of [
    [f.otherSession, 'another opening of this polling station'],
    [f.otherStation, 'another polling station'],
  ] as const) {
    out.push({
      name: `closing record replayed from ${label}`,
      file: FILES.closingJson,
      mutate: async (dir) => {
        await replaceWith(FILES.closingJson, from)(dir);
        await replaceWith(FILES.closingSig, from)(dir);
      },
    });
  }
  out.push({
    name: 'the ballots and their closing record of another opening, with this stick\'s log',
    file: FILES.slots,
    reportedIn: [FILES.slots, FILES.closingJson, FILES.closingSig, FILES.events],
    mutate: async (dir) => {
      for (const file of [FILES.slots, FILES.closingJson, FILES.closingSig]) await replaceWith(file, f.otherSession)(dir);
    },
  });
  out.push({
    name: 'the election package of another municipality (same organiser)',
    file: FILES.packageJson,
    mutate: async (dir) => {
      await replaceWith(FILES.packageJson, f.foreignSameOrganiser)(dir);
      await replaceWith(FILES.packageSig, f.foreignSameOrganiser)(dir);
    },
  });
  out.push({
    name: 'the election package of another organiser',
    file: FILES.packageJson,
    mutate: async (dir) => {
      await replaceWith(FILES.packageJson, f.foreignOrganiser)(dir);
      await replaceWith(FILES.packageSig, f.foreignOrganiser)(dir);
    },
  });
  return out;
}

async function refusedCleanly(t: Test, hb: Hoofdbureau, dir: string, file: StickFile, codes?: readonly string[], reportedIn: readonly StickFile[] = REPORTED_IN[file]): Promise<ImportReport> {
  const before = fingerprint(hb.db);
  const attempts = attemptCount(hb.db);
  const r = await hb.importStick(dir);
  t.equal(r.kind, 'refused', 'refused');
  if (r.kind === 'refused') {
    t.ok(r.problem.file !== undefined && reportedIn.includes(r.problem.file), `reported in ${reportedIn.join(' or ')} (got ${r.problem.file}: ${r.problem.code})`);
    t.ok(r.problem.message.startsWith(r.problem.file ?? '?'), 'the message starts with the file');
    t.ok(r.advice.length > 20, 'with advice for the operator');
    if (codes) t.ok(codes.includes(r.problem.code), `code ${r.problem.code} is one of ${codes.join(', ')}`);
  }
  t.equal(fingerprint(hb.db), before, 'the counted tables are unchanged');
  t.equal(attemptCount(hb.db), attempts + 1, 'one attempt logged');
  return r;
}

void t.test('every corruption of every stick file is refused with a specific reason; nothing is counted', async (t) => {
  const f = await fixture(t);
  const hb = await openHb(t, f.election);
  const all = await cases(f);
  const codes = new Map<string, number>();
  let skipped = 0;
  for (const c of all) {
    const dir = await copyStick(t, f.stick);
    const before = await Promise.all(ALL_FILES.map((file) => readFile(join(dir, file))));
    await c.mutate(dir);
    const after = await Promise.all(ALL_FILES.map((file) => readFile(join(dir, file)).catch(() => Buffer.alloc(0))));
    // Both sticks of every station carry the same package: "replacing" it changes nothing.
    if (before.every((b, i) => Buffer.compare(b, after[i]!) === 0)) {
      skipped++;
      continue;
    }
    await t.test(c.name, async (t) => {
      const r = await refusedCleanly(t, hb, dir, c.file, undefined, c.reportedIn);
      if (r.kind === 'refused') codes.set(r.problem.code, (codes.get(r.problem.code) ?? 0) + 1);
    });
  }
  t.ok(codes.size >= 10, `many distinct reasons (${[...codes.keys()].join(', ')})`);
  t.ok(skipped <= 2, `only the identical package files were skipped (${skipped})`);
  // And the untouched stick still imports: the refusals did not poison anything.
  const good = await hb.importStick(f.stick);
  t.equal(good.kind, 'imported');
});

void t.test('specific reasons for the classes the hoofdbureau must tell apart', async (t) => {
  const f = await fixture(t);
  const hb = await openHb(t, f.election);
  const expect = async (name: string, file: StickFile, codes: readonly string[], mutate: Mutation): Promise<void> => {
    await t.test(name, async (t) => {
      const dir = await copyStick(t, f.stick);
      await mutate(dir);
      await refusedCleanly(t, hb, dir, file, codes);
    });
  };
  const slots = await readFile(join(f.stick, FILES.slots));
  const header = decodeSlotHeader(slots);
  if (!header.ok) throw new Error('fixture');
  let firstUsed = 0;
  while (slots[slotOffset(header.value, firstUsed)] !== SLOT_USED) firstUsed++;
  await expect('a changed ballot names its slot', FILES.slots, ['slot-unopenable'], flip(FILES.slots, () => slotOffset(header.value, firstUsed) + 40, 3));
  await expect('a changed store header', FILES.slots, ['malformed', 'mismatch'], flip(FILES.slots, () => 10, 0));
  await expect('an empty slot with data', FILES.slots, ['bad-slot'], flip(FILES.slots, (n) => n - 1, 0));
  await expect('the ballot store of another opening', FILES.slots, ['slot-unopenable', 'store-hash-mismatch'], replaceWith(FILES.slots, f.otherSession));
  await expect('the ballot store of another polling station', FILES.slots, ['mismatch'], replaceWith(FILES.slots, f.otherStation));
  await expect('a replayed closing record (other opening)', FILES.closingJson, ['mismatch'], async (dir) => {
    await replaceWith(FILES.closingJson, f.otherSession)(dir);
    await replaceWith(FILES.closingSig, f.otherSession)(dir);
  });
  await expect('a closing record of another station', FILES.closingSig, ['bad-signature'], async (dir) => {
    await replaceWith(FILES.closingJson, f.otherStation)(dir);
    await replaceWith(FILES.closingSig, f.otherStation)(dir);
  });
  await expect('no closing record: the station was not closed with this stick', FILES.closingJson, ['not-closed'], (dir) => rm(join(dir, FILES.closingJson)));
  await expect('a truncated log', FILES.events, ['event-log', 'figures-mismatch'], truncate(FILES.events, (n) => n - 10));
  await expect('another municipality (same organiser)', FILES.packageJson, ['other-package'], async (dir) => {
    await replaceWith(FILES.packageJson, f.foreignSameOrganiser)(dir);
    await replaceWith(FILES.packageSig, f.foreignSameOrganiser)(dir);
  });
  await expect('a whole stick of another municipality', FILES.packageJson, ['other-package'], async (dir) => {
    for (const file of ALL_FILES) await replaceWith(file, f.foreignSameOrganiser)(dir);
  });
  await expect('a package of another organiser', FILES.packageJson, ['package-invalid'], async (dir) => {
    await replaceWith(FILES.packageJson, f.foreignOrganiser)(dir);
    await replaceWith(FILES.packageSig, f.foreignOrganiser)(dir);
  });
  await expect('a changed package', FILES.packageJson, ['package-invalid'], flip(FILES.packageJson, (n) => n >> 1, 1));
  await expect('the label of another station', FILES.label, ['mismatch'], replaceWith(FILES.label, f.otherStation));
});

void t.test('a folder that is no stick, and a stick that is not there', async (t) => {
  const f = await fixture(t);
  const hb = await openHb(t, f.election);
  const before = fingerprint(hb.db);
  const nothing = await hb.importStick(join(await tempDir(t, 'empty'), 'no-such-stick'));
  t.equal(nothing.kind, 'refused');
  if (nothing.kind === 'refused') t.equal(nothing.problem.code, 'no-stick');
  const empty = await hb.importStick(await tempDir(t, 'empty'));
  t.equal(empty.kind, 'refused');
  if (empty.kind === 'refused') t.match(empty.problem.message, /OVS-STICK\.json ontbreekt/);
  t.equal(fingerprint(hb.db), before);
});
