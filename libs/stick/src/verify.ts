// The reader for the hoofdbureau (seed 000 "controle van de inhoud van de sleutel", decree
// art. 24): everything on a closed stick checked, without importing anything. Pure over the
// bytes of the files; one read of each file, no per-ballot I/O, no per-ballot JSON.
//
// Order of the checks: the most specific problem wins. A changed slot is named by its index
// (when the hoofdbureau key is given) before the store hash, which would only say "changed".
import { agreementPublicKey, bytesEqual, deriveSharedKey, fromBase64, sha256, shortHash, toHex, type Verifier } from '@ovs/crypto';
import type { VerifiedPackage, PollingStation } from '@ovs/election';
import { BALLOT_ID_BYTES, openSignedBallot, type Ballot } from '@ovs/ballot';
import { FILES } from './files.ts';
import { countEvents, type StickEvent } from './event-log.ts';
import { inspectStickFiles, type InspectedStick } from './inspect.ts';
import { problem, type StickProblem } from './problems.ts';
import { readStickDir, type StickFiles } from './read.ts';
import { openSlot, slotOffset, slotState, SLOT_USED } from './slot-file.ts';
import type { StickLabel } from './label.ts';
import type { SessionRecord } from './session-record.ts';
import type { ClosingRecord } from './closing-record.ts';

/** The label of the HKDF that turns the session's agreement with the hoofdbureau into the ballot key. */
export const BALLOT_KEY_INFO = 'ovs-stick-ballots/1';

/** What may still happen between closing the vote and writing the closing record (a restart). */
const AFTER_CLOSING = new Set<StickEvent['type']>(['unlocked', 'sticks-reconciled', 'interruption', 'incident', 'box-alert']);

export interface VerifyOptions {
  organiserPublicKey: Uint8Array;
  /** With it, every ballot is opened, its signature checked and decoded. */
  hoofdbureauPrivateKey?: Uint8Array;
}

export interface StickBallot {
  ballotId: Uint8Array;
  /** The ballot exactly as the voting computer signed it (payload ‖ signature). */
  signedBallot: Uint8Array;
  ballot: Ballot;
}

export type StickWarning = { code: 'secrets-not-erased'; message: string };

export interface VerifiedStick {
  station: Pick<PollingStation, 'number' | 'name' | 'deelgebied'>;
  package: VerifiedPackage;
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
  /** Only with the hoofdbureau key: every ballot, sorted by ballot id (never in slot order). */
  ballots?: StickBallot[];
  warnings: StickWarning[];
}

export type VerifyResult = { ok: true; stick: VerifiedStick } | { ok: false; problem: StickProblem };

export async function verifyStick(dir: string, options: VerifyOptions): Promise<VerifyResult> {
  const read = await readStickDir(dir);
  if (!read.ok) {
    const code = read.error.code === 'absent' ? 'missing-file' : 'unreadable';
    return { ok: false, problem: problem(code, read.file, undefined, `kan niet gelezen worden (${read.error.detail}).`) };
  }
  return verifyStickFiles(read.files, options);
}

export function verifyStickFiles(files: StickFiles, options: VerifyOptions): VerifyResult {
  const inspected = inspectStickFiles(files, options);
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
    if ((e.type === 'voter-card' || e.type === 'test-card') && !stick.categories.includes(e.category)) {
      return fail('event-log', FILES.events, `regel ${e.seq}`, `onbekende kiezerscategorie "${e.category}".`);
    }
  }
  const closedAt = log.events.findIndex((e) => e.type === 'voting-closed');
  if (closedAt < 0) return fail('event-log', FILES.events, undefined, 'de afsluiting van de stemming ontbreekt in het logboek.');
  const late = log.events.slice(closedAt + 1).find((e) => !AFTER_CLOSING.has(e.type));
  if (late) return fail('event-log', FILES.events, `regel ${late.seq}`, `"${late.type}" na de afsluiting van de stemming.`);
  const counts = countEvents(log.events, stick.categories);
  const figures = checkFigures(c, counts, log.events);
  if (figures) return { ok: false, problem: figures };

  // The store: layout as closed, structure of every slot, then (with the key) every ballot.
  const h = stick.header;
  if (c.store.slotSize !== h.slotSize || c.store.capacity !== h.capacity) return fail('figures-mismatch', FILES.closingJson, 'veld store', 'de indeling van ballots.slots verschilt van de afsluiting.');
  let used = 0;
  for (let i = 0; i < h.capacity; i++) {
    const off = slotOffset(h, i);
    const state = slotState(stick.slots.subarray(off, off + h.slotSize));
    if (state === 'used') used++;
    else if (state !== 'empty') return fail('bad-slot', FILES.slots, `vak ${i}`, state === 'bad-state' ? 'onbekende toestand van het vak.' : 'een leeg vak bevat gegevens.');
  }

  let ballots: StickBallot[] | undefined;
  if (options.hoofdbureauPrivateKey) {
    const opened = openAllBallots(stick, session.record, session.sessionVerifier, options.hoofdbureauPrivateKey);
    if (!opened.ok) return opened;
    ballots = opened.ballots;
    const perElection = Object.fromEntries(stick.elections.map((id) => [id, 0]));
    for (const b of ballots) for (const ev of b.ballot.vote.elections) perElection[ev.election] = (perElection[ev.election] ?? 0) + 1;
    for (const id of stick.elections) {
      if (perElection[id] !== c.registeredPerElection[id]) {
        return fail('figures-mismatch', FILES.closingJson, `veld registeredPerElection.${id}`, `${c.registeredPerElection[id]} volgens de afsluiting, ${perElection[id]} op de stick.`);
      }
    }
  }

  const storeHash = sha256(stick.slots);
  if (!bytesEqual(storeHash, c.store.sha256)) return fail('store-hash-mismatch', FILES.slots, undefined, 'de stembiljetten zijn gewijzigd na de afsluiting (de controlecode klopt niet).');
  if (used !== c.registeredBallots) return fail('figures-mismatch', FILES.closingJson, 'veld registeredBallots', `${c.registeredBallots} volgens de afsluiting, ${used} op de stick.`);

  const warnings: StickWarning[] = [];
  if (stick.secrets) warnings.push({ code: 'secrets-not-erased', message: `${FILES.secrets} staat nog op de stick: de afsluiting werd niet volledig beëindigd.` });
  const closingHash = sha256(closing.bytes);
  const result: VerifiedStick = {
    station: { number: stick.station.number, name: stick.station.name, deelgebied: stick.station.deelgebied },
    package: stick.pkg,
    label: stick.label,
    session: session.record,
    closing: c,
    closingHash,
    closingShortHash: shortHash(closingHash),
    storeHash,
    storeShortHash: shortHash(storeHash),
    events: log.events,
    warnings,
  };
  if (ballots) result.ballots = ballots;
  return { ok: true, stick: result };
}

function fail(code: StickProblem['code'], file: StickProblem['file'], record: string | undefined, what: string): { ok: false; problem: StickProblem } {
  return { ok: false, problem: problem(code, file, record, what) };
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

type OpenAll = { ok: true; ballots: StickBallot[] } | { ok: false; problem: StickProblem };

/** The hot loop at the hoofdbureau: one AEAD open and one Ed25519 verification per ballot. */
function openAllBallots(stick: InspectedStick, session: SessionRecord, sessionVerifier: Verifier, hoofdbureauPrivateKey: Uint8Array): OpenAll {
  const expected = fromBase64(stick.pkg.election.hoofdbureau.publicKey);
  let own: Uint8Array | undefined;
  try {
    own = hoofdbureauPrivateKey.length === 32 ? agreementPublicKey(hoofdbureauPrivateKey) : undefined;
  } catch {
    own = undefined;
  }
  if (!expected || !own || !bytesEqual(own, expected)) {
    return { ok: false, problem: problem('wrong-hoofdbureau-key', FILES.packageJson, 'veld hoofdbureau.publicKey', 'de ingestelde sleutel is niet de sleutel van het hoofdbureau van dit verkiezingspakket.') };
  }
  const key = deriveSharedKey(hoofdbureauPrivateKey, session.ballotPublicKey, BALLOT_KEY_INFO);
  if (!key) return { ok: false, problem: problem('malformed', FILES.sessionJson, 'veld ballotPublicKey', 'geen bruikbare sleutel.') };
  const h = stick.header;
  const verifiers = [sessionVerifier];
  const ballots: StickBallot[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < h.capacity; i++) {
    const off = slotOffset(h, i);
    if (stick.slots[off] !== SLOT_USED) continue;
    const opened = openSlot(h, session.sessionId, i, key, stick.slots.subarray(off, off + h.slotSize));
    if (!opened.ok) {
      const what = opened.problem === 'tag' ? 'gaat niet open met de sleutel van het hoofdbureau: gewijzigd, verplaatst of beschadigd.' : 'de inhoud van het vak is ongeldig.';
      return { ok: false, problem: problem('slot-unopenable', FILES.slots, `vak ${i}`, what) };
    }
    const ballot = openSignedBallot(stick.context, opened.signedBallot, stick.station.number, verifiers);
    if (!ballot.ok) return { ok: false, problem: problem('bad-ballot', FILES.slots, `vak ${i}`, `het stembiljet is ongeldig (${ballot.error}).`) };
    if (ballot.ballot.test) return { ok: false, problem: problem('test-ballot', FILES.slots, `vak ${i}`, 'een teststembiljet staat tussen de echte stembiljetten.') };
    const id = Buffer.from(ballot.ballot.ballotId.buffer, ballot.ballot.ballotId.byteOffset, BALLOT_ID_BYTES).toString('hex');
    if (seen.has(id)) return { ok: false, problem: problem('duplicate-ballot', FILES.slots, `vak ${i}`, 'dit stembiljet staat twee keer op de stick.') };
    seen.add(id);
    ballots.push({ ballotId: ballot.ballot.ballotId, signedBallot: opened.signedBallot, ballot: ballot.ballot });
  }
  ballots.sort((a, b) => Buffer.compare(a.ballotId, b.ballotId));
  return { ok: true, ballots };
}
