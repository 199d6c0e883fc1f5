// The reader for the hoofdbureau (seed 000 "controle van de inhoud van de sleutel", decree
// art. 24): everything on a closed stick checked, without importing anything. Pure over the
// bytes of the files; one read of each file, no per-ballot I/O, no per-ballot JSON.
//
// Order of the checks: the most specific problem wins. A changed slot is named by its index
// (when the hoofdbureau key is given) before the store hash, which would only say "changed".
//
// The hot loop (one AEAD open and one Ed25519 verification per ballot) allocates only what
// node:crypto must: the associated data and the signed message live in buffers reused for every
// slot, ballots are decoded into a reused FlatVote (ballot-reader.ts), duplicates are found by
// sorting, and the ballots come out packed in three typed arrays (PackedBallots), ready to be
// transferred between threads; StickBallot objects are built only when asked for.
import { createDecipheriv, createSecretKey } from 'node:crypto';
import { err, ok, type Err } from '@ovs/basics';
import { AEAD_NONCE_BYTES, AEAD_TAG_BYTES, bytesEqual, fromBase64, sha256, shortHash, toHex, utf8, type Verifier } from '@ovs/crypto';
import { electionsForCategory, type VerifiedPackage, type PollingStation } from '@ovs/election';
import { BALLOT_FORMAT_VERSION, BALLOT_ID_BYTES, decodeBallot, HASH_PREFIX_BYTES, HEADER_BYTES, SIGNATURE_BYTES, type Ballot, type BallotContext, type OpenError } from '@ovs/ballot';
import { FILES } from './files.ts';
import { countEvents, type StickEvent } from './event-log.ts';
import { inspectFiles, verifyStickPackage, type InspectedStick } from './inspect.ts';
import { problem, type StickProblem, type StickResult } from './problems.ts';
import { readProblem, readStickDir, type StickFiles } from './read.ts';
import type { ReadOptions } from './regular-file.ts';
import { BALLOT_KEY_INFO, maxSignedBallotBytes, slotAad, SLOT_HEADER_BYTES, SLOT_USED } from './slot-file.ts';
import { decodeSignatureFile } from './signature-file.ts';
import { decodeBallotFlat, FlatVote } from './ballot-reader.ts';
import { deriveBallotKey, hoofdbureauKey } from './ballot-key.ts';
import type { StickLabel } from './label.ts';
import { cardBalance, cardBalanceLine, type CardBalance } from './card-balance.ts';
import { momentsOffElectionDay, offDayMessage, type OffDayMoment } from './opening-date.ts';
import type { SessionRecord } from './session-record.ts';
import type { ClosingRecord } from './closing-record.ts';
import type { WitnessRemark } from './addendum.ts';

/** What may still happen between closing the vote and writing the closing record (a restart). */
const AFTER_CLOSING = new Set<StickEvent['type']>(['unlocked', 'sticks-reconciled', 'interruption', 'incident', 'box-alert', 'closing-statement']);

export interface VerifyOptions {
  organiserPublicKey: Uint8Array;
  /** With it, every ballot is opened, its signature checked and decoded. */
  hoofdbureauPrivateKey?: Uint8Array;
  /**
   * The election package the reader works for (a hoofdbureau's own), already verified — or only
   * its SHA-256. Checked first: a stick of another package that the organiser signed (another
   * municipality) is refused as `other-package`, naming that package; anything else that differs
   * goes through the checks below (a changed package is `package-invalid`).
   */
  package?: Pick<VerifiedPackage, 'hash'>;
  /**
   * With the key: `objects` (default) returns `ballots`, one StickBallot each; `packed` returns
   * `packed` only — no object per ballot, typed arrays that can be transferred between threads.
   */
  ballots?: 'objects' | 'packed';
  /** verifyStick only: the time-out of every read (and, in tests, the file system calls). */
  read?: ReadOptions;
}

export interface StickBallot {
  ballotId: Uint8Array;
  /** The ballot exactly as the voting computer signed it (payload ‖ signature). */
  signedBallot: Uint8Array;
  ballot: Ballot;
}

/** Every ballot of a stick, sorted by ballot id (never in slot order), in three typed arrays. */
export interface PackedBallots {
  count: number;
  /** count × 16 bytes: the ballot ids, ascending. */
  ids: Uint8Array;
  /** The signed ballots (payload ‖ signature) one after the other, in the same order. */
  signed: Uint8Array;
  /** count + 1 entries: ballot i is signed[offsets[i] … offsets[i + 1]). */
  offsets: Uint32Array;
}

/**
 * What is not wrong with the stick but must be seen: each for a person to act on (README,
 * "Warnings"). None of them is a refusal; the hoofdbureau imports a stick of another day only
 * when its voorzitter decides to.
 */
export type StickWarning =
  | { code: 'secrets-not-erased'; message: string }
  /** The session was started, or the vote opened or closed, on another local day than the election date. */
  | { code: 'opened-on-other-day'; message: string; electionDate: string; moments: OffDayMoment[] }
  /** Registered ballots of an election differ from what the voter cards issued let one expect (card-balance.ts). */
  | { code: 'cards-ballots-difference'; message: string; balance: CardBalance };

export interface VerifiedStick {
  station: Pick<PollingStation, 'number' | 'name' | 'deelgebied'>;
  package: VerifiedPackage;
  /** The package's ballot layouts: what decodeBallotFlat needs to read `packed`. */
  context: BallotContext;
  label: StickLabel;
  session: SessionRecord;
  closing: ClosingRecord;
  /** SHA-256 of closing.json: one value that fixes everything else on the stick. */
  closingHash: Uint8Array;
  closingShortHash: string;
  /** SHA-256 of ballots.slots, as printed on the kerncijferrapport. */
  storeHash: Uint8Array;
  storeShortHash: string;
  events: StickEvent[];
  /** The witnesses' remarks after closing (addendum.json, signed by the stembureau key); empty when there are none. */
  remarks: WitnessRemark[];
  /** Per election of the station: voter cards against registered ballots (differences are also warnings). */
  cardBalance: CardBalance[];
  /** Only with the hoofdbureau key: every ballot, sorted by ballot id (never in slot order). */
  ballots?: StickBallot[];
  /** The same, packed, when `ballots: 'packed'` was asked for (then `ballots` is absent). */
  packed?: PackedBallots;
  warnings: StickWarning[];
}

export type VerifyResult = StickResult<VerifiedStick>;

export async function verifyStick(dir: string, options: VerifyOptions): Promise<VerifyResult> {
  const read = await readStickDir(dir, options.read);
  if (!read.ok) return err(readProblem(read.error.file, read.error.io));
  return verifyStickFiles(read.value, options);
}

export function verifyStickFiles(files: StickFiles, options: VerifyOptions): VerifyResult {
  const pkgBytes = files[FILES.packageJson];
  const pkgHash = pkgBytes ? sha256(pkgBytes) : undefined;
  // Another election package than the expected one: said first, and in those words, when the
  // organiser signed it — a valid stick of another municipality is not "a wrong key".
  if (options.package && pkgBytes && pkgHash && !bytesEqual(pkgHash, options.package.hash)) {
    const foreign = otherPackage(pkgBytes, pkgHash, files[FILES.packageSig], options.organiserPublicKey, options.package.hash);
    if (foreign) return fail('other-package', FILES.packageJson, undefined, foreign);
  }
  const inspected = inspectFiles(files, options, pkgHash);
  if (!inspected.ok) return inspected;
  const stick = inspected.value;
  const { session, log, closing } = stick;
  if (!session || !log) return fail('not-closed', FILES.sessionJson, undefined, 'de stick werd nooit geopend in een stembureau (geen sessie).');
  if (!closing) return fail('not-closed', FILES.closingJson, undefined, 'ontbreekt: de stemming werd niet afgesloten met deze sticks.');
  const c = closing.record;

  // The log: complete, exactly what the closing record fixed, and its counts agree.
  if (log.tornBytes > 0) return fail('event-log', FILES.events, `regel ${log.events.length + 1}`, 'onvolledig of gewijzigd record na het laatste geldige.');
  if (log.events.length !== c.eventLog.records) {
    return fail('figures-mismatch', FILES.closingJson, 'veld eventLog.records', `${c.eventLog.records} records, maar het logboek heeft er ${log.events.length}.`);
  }
  if (log.head !== toHex(c.eventLog.head)) return fail('figures-mismatch', FILES.events, `regel ${log.events.length}`, 'het logboek is niet het logboek dat bij de afsluiting werd vastgelegd.');
  const first = log.events[0];
  if (!first || first.type !== 'session-started' || first.sessionId !== toHex(session.record.sessionId)) {
    return fail('event-log', FILES.events, 'regel 1', 'het logboek begint niet met de start van deze sessie.');
  }
  for (const e of log.events) {
    if ((e.type === 'voter-card' || e.type === 'test-card' || e.type === 'ballot-annulled') && e.category !== undefined && !stick.categories.includes(e.category)) {
      return fail('event-log', FILES.events, `regel ${e.seq}`, `onbekende kiezerscategorie "${e.category}".`);
    }
  }
  const closedAt = log.events.findIndex((e) => e.type === 'voting-closed');
  if (closedAt < 0) return fail('event-log', FILES.events, undefined, 'de afsluiting van de stemming ontbreekt in het logboek.');
  const late = log.events.slice(closedAt + 1).find((e) => !AFTER_CLOSING.has(e.type));
  if (late) return fail('event-log', FILES.events, `regel ${late.seq}`, `"${late.type}" na de afsluiting van de stemming.`);
  const counts = countEvents(log.events, stick.categories);
  const figures = checkFigures(c, counts, log.events);
  if (figures) return err(figures);

  // The store: layout as closed, structure of every slot, then (with the key) every ballot.
  const h = stick.header;
  if (c.store.slotSize !== h.slotSize || c.store.capacity !== h.capacity) return fail('figures-mismatch', FILES.closingJson, 'veld store', 'de indeling van ballots.slots verschilt van de afsluiting.');
  const structure = slotStructure(stick);
  if (typeof structure !== 'number') return err(structure);
  const used = structure;

  let packed: PackedBallots | undefined;
  let ballots: StickBallot[] | undefined;
  if (options.hoofdbureauPrivateKey) {
    const opened = openAllBallots(stick, session.record, session.sessionVerifier, options.hoofdbureauPrivateKey, used);
    if (!opened.ok) return opened;
    packed = opened.value.packed;
    for (const [e, id] of stick.elections.entries()) {
      const n = opened.value.perElection[e] as number;
      if (n !== c.registeredPerElection[id]) {
        return fail('figures-mismatch', FILES.closingJson, `veld registeredPerElection.${id}`, `${c.registeredPerElection[id]} volgens de afsluiting, ${n} op de stick.`);
      }
    }
    if (options.ballots !== 'packed') {
      const objects = ballotObjects(stick.context, packed);
      if (!objects.ok) return objects;
      ballots = objects.value;
    }
  }

  const storeHash = sha256(stick.slots);
  if (!bytesEqual(storeHash, c.store.sha256)) return fail('store-hash-mismatch', FILES.slots, undefined, 'de stembiljetten zijn gewijzigd na de afsluiting (de controlecode klopt niet).');
  if (used !== c.registeredBallots) return fail('figures-mismatch', FILES.closingJson, 'veld registeredBallots', `${c.registeredBallots} volgens de afsluiting, ${used} op de stick.`);

  const warnings: StickWarning[] = [];
  if (stick.secrets) warnings.push({ code: 'secrets-not-erased', message: `${FILES.secrets} staat nog op de stick: de afsluiting werd niet volledig beëindigd.` });
  const electionDate = stick.pkg.election.electionDate;
  const offDay = momentsOffElectionDay(electionDate, { startedAt: session.record.startedAt, openedAt: c.openedAt, closedAt: c.closedAt });
  if (offDay.length > 0) warnings.push({ code: 'opened-on-other-day', message: offDayMessage(electionDate, offDay), electionDate, moments: offDay });
  const balance = cardBalance(log.events, c.registeredPerElection, (category) => electionsForCategory(stick.pkg.election, stick.station.number, category).map((e) => e.id));
  for (const b of balance) {
    if (b.difference === 0) continue;
    const title = stick.pkg.election.elections.find((e) => e.id === b.election)?.title ?? b.election;
    warnings.push({ code: 'cards-ballots-difference', message: `${cardBalanceLine(b, title)} De voorzitter van het stembureau moet dit verschil verklaren.`, balance: b });
  }
  const closingHash = sha256(closing.bytes);
  const result: VerifiedStick = {
    station: { number: stick.station.number, name: stick.station.name, deelgebied: stick.station.deelgebied },
    package: stick.pkg,
    context: stick.context,
    label: stick.label,
    session: session.record,
    closing: c,
    closingHash,
    closingShortHash: shortHash(closingHash),
    storeHash,
    storeShortHash: shortHash(storeHash),
    events: log.events,
    remarks: stick.addendum?.record.remarks ?? [],
    cardBalance: balance,
    warnings,
  };
  if (ballots) result.ballots = ballots;
  else if (packed) result.packed = packed;
  return ok(result);
}

/** What to say about a package that is not the expected one: undefined unless the organiser signed it. */
function otherPackage(bytes: Uint8Array, hash: Uint8Array, signatureFile: Uint8Array | undefined, organiserPublicKey: Uint8Array, expected: Uint8Array): string | undefined {
  const signature = signatureFile ? decodeSignatureFile(signatureFile) : undefined;
  if (!signature) return undefined;
  const verified = verifyStickPackage(bytes, signature, organiserPublicKey, hash);
  if (!verified.ok) return undefined;
  const e = verified.value.election;
  return `de stick hoort bij een ander verkiezingspakket: dat van ${e.municipality.name} (${e.electionDate}, ${verified.value.shortHash}), niet het verwachte (${shortHash(expected)}).`;
}

/** Every slot either all zero or in use: the number of used slots, or the first bad slot. */
function slotStructure(stick: InspectedStick): number | StickProblem {
  const { slotSize, capacity } = stick.header;
  const slots = stick.slots;
  // Whole words where the file's bytes are aligned (they are when read from disk), bytes otherwise.
  const words = slots.byteOffset % 4 === 0 ? new Uint32Array(slots.buffer, slots.byteOffset, slots.byteLength >>> 2) : undefined;
  let used = 0;
  for (let i = 0, off = SLOT_HEADER_BYTES; i < capacity; i++, off += slotSize) {
    const state = slots[off] as number;
    if (state === SLOT_USED) {
      used++;
      continue;
    }
    if (state !== 0) return problem('bad-slot', FILES.slots, `vak ${i}`, 'onbekende toestand van het vak.');
    let zero = true;
    if (words) {
      for (let b = off + 1; b < off + 4; b++) if (slots[b] !== 0) zero = false;
      for (let w = (off >>> 2) + 1, end = (off + slotSize) >>> 2; zero && w < end; w++) if (words[w] !== 0) zero = false;
    } else {
      for (let b = off + 1; zero && b < off + slotSize; b++) if (slots[b] !== 0) zero = false;
    }
    if (!zero) return problem('bad-slot', FILES.slots, `vak ${i}`, 'een leeg vak bevat gegevens.');
  }
  return used;
}

function fail(code: StickProblem['code'], file: StickProblem['file'], record: string | undefined, what: string): Err<StickProblem> {
  return err(problem(code, file, record, what));
}

function checkFigures(c: ClosingRecord, counts: ReturnType<typeof countEvents>, events: readonly StickEvent[]): StickProblem | undefined {
  const mismatch = (field: string, closing: number, log: number): StickProblem =>
    problem('figures-mismatch', FILES.closingJson, `veld ${field}`, `${closing} volgens de afsluiting, ${log} volgens het logboek.`);
  for (const [cat, n] of Object.entries(counts.cardsPerCategory)) if (c.cards.perCategory[cat] !== n) return mismatch(`cards.perCategory.${cat}`, c.cards.perCategory[cat] ?? 0, n);
  for (const [cat, n] of Object.entries(counts.proxyPerCategory)) if (c.cards.proxyPerCategory[cat] !== n) return mismatch(`cards.proxyPerCategory.${cat}`, c.cards.proxyPerCategory[cat] ?? 0, n);
  if (c.cards.replacement !== counts.replacementCards) return mismatch('cards.replacement', c.cards.replacement, counts.replacementCards);
  if (c.cards.test !== counts.testCards) return mismatch('cards.test', c.cards.test, counts.testCards);
  if (c.cards.activation !== counts.activationCards) return mismatch('cards.activation', c.cards.activation, counts.activationCards);
  for (const [reason, n] of Object.entries(counts.annulledByReason)) {
    const closing = c.annulledByReason[reason as keyof typeof c.annulledByReason];
    if (closing !== n) return mismatch(`annulledByReason.${reason}`, closing, n);
  }
  const opened = events.find((e) => e.type === 'voting-opened');
  if ((opened?.at ?? null) !== c.openedAt) return problem('figures-mismatch', FILES.closingJson, 'veld openedAt', 'het tijdstip van opening verschilt van het logboek.');
  return undefined;
}

type OpenAll = StickResult<{ packed: PackedBallots; perElection: Int32Array }>;

const BALLOT_DOMAIN = utf8('ovs:ballot\0');
const CIPHER = { authTagLength: AEAD_TAG_BYTES } as const;

const slotProblem = (i: number, code: StickProblem['code'], what: string): Err<StickProblem> => err(problem(code, FILES.slots, `vak ${i}`, what));
const badBallot = (i: number, error: OpenError): Err<StickProblem> => slotProblem(i, 'bad-ballot', `het stembiljet is ongeldig (${error}).`);

/**
 * The hot loop at the hoofdbureau: one AEAD open and one Ed25519 verification per ballot, then
 * the strict decoding, the test flag, and (all at once, by sorting) no ballot id twice. The
 * first slot in slot order that fails is the one named, as a slot-by-slot scan would.
 */
function openAllBallots(stick: InspectedStick, session: SessionRecord, sessionVerifier: Verifier, hoofdbureauPrivateKey: Uint8Array, used: number): OpenAll {
  const expected = fromBase64(stick.pkg.election.hoofdbureau.publicKey);
  const own = hoofdbureauKey(hoofdbureauPrivateKey);
  if (!expected || !own || !bytesEqual(own.publicKey, expected)) {
    const e = stick.pkg.election;
    return fail(
      'wrong-hoofdbureau-key',
      FILES.packageJson,
      'veld hoofdbureau.publicKey',
      `de ingestelde sleutel is niet de sleutel van het hoofdbureau van dit verkiezingspakket (${e.municipality.name}, ${e.electionDate}, ${stick.pkg.shortHash}): een stick van een andere verkiezing, of een verkeerd ingestelde sleutel.`,
    );
  }
  const ballotKey = deriveBallotKey(own, session.ballotPublicKey, BALLOT_KEY_INFO);
  if (!ballotKey) return fail('malformed', FILES.sessionJson, 'veld ballotPublicKey', 'geen bruikbare sleutel.');
  const key = createSecretKey(ballotKey);
  const h = stick.header;
  const size = h.slotSize;
  const slots = stick.slots;
  const context = stick.context;
  const station = stick.station.number;
  const prefix = context.hashPrefix;
  const room = maxSignedBallotBytes(size);
  const bodyBytes = size - 1 - AEAD_NONCE_BYTES - AEAD_TAG_BYTES;
  const aadLength = { plaintextLength: bodyBytes };
  // The associated data of slot i differs only in i: one buffer, its index rewritten per slot.
  const aad = slotAad(h, session.sessionId, 0);
  const aadView = new DataView(aad.buffer, aad.byteOffset, aad.byteLength);
  const indexAt = aad.length - 8;
  // The signed message: "ovs:ballot\0" ‖ payload, in one buffer.
  const message = new Uint8Array(BALLOT_DOMAIN.length + room);
  message.set(BALLOT_DOMAIN);
  const vote = new FlatVote(context);
  const elections = stick.elections.length;
  const perElection = new Int32Array(elections);

  // Scratch for the ballots as found: signed bytes, lengths, slots, ids (and their first 32 bits).
  const scratch = Buffer.allocUnsafe(used * room);
  const lengths = new Uint16Array(used);
  const slotOf = new Int32Array(used);
  const ids = Buffer.allocUnsafe(used * BALLOT_ID_BYTES);
  const high = new Uint32Array(used);
  let n = 0;
  let failed: Err<StickProblem> | undefined;

  for (let i = 0, off = SLOT_HEADER_BYTES; i < h.capacity; i++, off += size) {
    if (slots[off] !== SLOT_USED) continue;
    aadView.setUint32(indexAt, i);
    let plain: Buffer | undefined;
    try {
      const decipher = createDecipheriv('chacha20-poly1305', key, slots.subarray(off + 1, off + 1 + AEAD_NONCE_BYTES), CIPHER);
      decipher.setAAD(aad, aadLength);
      decipher.setAuthTag(slots.subarray(off + size - AEAD_TAG_BYTES, off + size));
      plain = decipher.update(slots.subarray(off + 1 + AEAD_NONCE_BYTES, off + size - AEAD_TAG_BYTES));
      decipher.final();
    } catch {
      plain = undefined;
    }
    if (!plain) {
      failed = slotProblem(i, 'slot-unopenable', 'gaat niet open met de sleutel van het hoofdbureau: gewijzigd, verplaatst of beschadigd.');
      break;
    }
    // plaintext = length (2) ‖ signed ballot ‖ zeros
    const length = ((plain[0] as number) << 8) | (plain[1] as number);
    let padding = length === 0 || length > plain.length - 2;
    for (let b = 2 + length; !padding && b < plain.length; b++) if (plain[b] !== 0) padding = true;
    if (padding) {
      failed = slotProblem(i, 'slot-unopenable', 'de inhoud van het vak is ongeldig.');
      break;
    }
    // openSignedBallot's checks, in its order: header, signature under the certified session key, decoding.
    if (length < HEADER_BYTES + 1 + SIGNATURE_BYTES) {
      failed = badBallot(i, 'too-short');
      break;
    }
    if (plain[2] !== BALLOT_FORMAT_VERSION) {
      failed = badBallot(i, 'bad-version');
      break;
    }
    let samePackage = prefix.length === HASH_PREFIX_BYTES;
    for (let b = 0; samePackage && b < HASH_PREFIX_BYTES; b++) if (plain[4 + b] !== prefix[b]) samePackage = false;
    if (!samePackage) {
      failed = badBallot(i, 'wrong-package');
      break;
    }
    if ((((plain[12] as number) << 8) | (plain[13] as number)) !== station) {
      failed = badBallot(i, 'wrong-station');
      break;
    }
    const payloadLength = length - SIGNATURE_BYTES;
    plain.copy(message, BALLOT_DOMAIN.length, 2, 2 + payloadLength);
    if (!sessionVerifier.verify(message.subarray(0, BALLOT_DOMAIN.length + payloadLength), plain.subarray(2 + payloadLength, 2 + length))) {
      failed = badBallot(i, 'bad-signature');
      break;
    }
    const error = decodeBallotFlat(context, message.subarray(BALLOT_DOMAIN.length, BALLOT_DOMAIN.length + payloadLength), vote);
    if (error) {
      failed = badBallot(i, error);
      break;
    }
    if (vote.test) {
      failed = slotProblem(i, 'test-ballot', 'een teststembiljet staat tussen de echte stembiljetten.');
      break;
    }
    for (let e = 0; e < elections; e++) if ((vote.list[e] as number) >= 0) perElection[e]!++;
    plain.copy(scratch, n * room, 2, 2 + length);
    plain.copy(ids, n * BALLOT_ID_BYTES, 2 + 12, 2 + 12 + BALLOT_ID_BYTES);
    high[n] = ids.readUInt32BE(n * BALLOT_ID_BYTES);
    lengths[n] = length;
    slotOf[n] = i;
    n++;
  }

  // Sorted by id; equal ids end up side by side. Of each group the second slot is where a scan
  // would have stopped; the earliest such slot, if it comes before the first failure, is named.
  const order = Array.from({ length: n }, (_, k) => k);
  const compareIds = (a: number, b: number): number => {
    const d = (high[a] as number) - (high[b] as number);
    return d !== 0 ? d : ids.compare(ids, b * BALLOT_ID_BYTES, (b + 1) * BALLOT_ID_BYTES, a * BALLOT_ID_BYTES, (a + 1) * BALLOT_ID_BYTES);
  };
  order.sort(compareIds);
  let duplicate = -1;
  for (let k = 1; k < n; k++) {
    const a = order[k - 1] as number;
    const b = order[k] as number;
    if (compareIds(a, b) !== 0) continue;
    // Within a group the order of equal elements is the scan order (Array.prototype.sort is stable).
    let j = k - 1;
    while (j > 0 && compareIds(order[j - 1] as number, a) === 0) j--;
    const second = order[j + 1] as number;
    if (duplicate < 0 || second < duplicate) duplicate = second;
  }
  if (duplicate >= 0) return slotProblem(slotOf[duplicate] as number, 'duplicate-ballot', 'dit stembiljet staat twee keer op de stick.');
  if (failed) return failed;

  let total = 0;
  for (let k = 0; k < n; k++) total += lengths[k] as number;
  const packed: PackedBallots = { count: n, ids: new Uint8Array(n * BALLOT_ID_BYTES), signed: new Uint8Array(total), offsets: new Uint32Array(n + 1) };
  let at = 0;
  for (let r = 0; r < n; r++) {
    const k = order[r] as number;
    const length = lengths[k] as number;
    packed.ids.set(ids.subarray(k * BALLOT_ID_BYTES, (k + 1) * BALLOT_ID_BYTES), r * BALLOT_ID_BYTES);
    packed.signed.set(scratch.subarray(k * room, k * room + length), at);
    packed.offsets[r] = at;
    at += length;
  }
  packed.offsets[n] = at;
  return ok({ packed, perElection });
}

/** The packed ballots as StickBallot objects, decoded by @ovs/ballot's own decoder. */
function ballotObjects(context: BallotContext, packed: PackedBallots): StickResult<StickBallot[]> {
  const ballots: StickBallot[] = [];
  for (let k = 0; k < packed.count; k++) {
    const signedBallot = packed.signed.slice(packed.offsets[k], packed.offsets[k + 1]);
    const decoded = decodeBallot(context, signedBallot.subarray(0, signedBallot.length - SIGNATURE_BYTES));
    // The fast decoder accepted it: the two decoders disagreeing is a defect, refused all the same.
    if (!decoded.ok) return fail('bad-ballot', FILES.slots, undefined, `het stembiljet is ongeldig (${decoded.error}).`);
    ballots.push({ ballotId: decoded.value.ballotId, signedBallot, ballot: decoded.value });
  }
  return ok(ballots);
}
