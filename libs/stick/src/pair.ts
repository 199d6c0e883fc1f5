// The console's side of the two sticks once open (pair-open.ts): write — every ballot and every
// event on stick A, fsync, stick B, fsync, and only then report success — and reconcile them when
// a stick comes back (reconcile.ts, pair-load.ts). The only state kept outside the sticks is in memory: the index of ballot
// ids, the free slots, and the id of the most recent ballot (for the box's re-scan; storing
// it would reveal the last voter's vote).
import { err, ok, type Err, type Result } from '@ovs/basics';
import { bytesEqual, concatBytes, sha256, toHex, type Signer, type Verifier } from '@ovs/crypto';
import type { PollingStation, VerifiedPackage } from '@ovs/election';
import type { Ballot, BallotContext } from '@ovs/ballot';
import { CLOSING_FORMAT, FILES, PORTS, type StickFile, type StickPort } from './files.ts';
import { buildExpertCopy, expertFiles, type ExpertCopy } from './expert-copy.ts';
import type { IoError, IoResult, StickIo } from './io.ts';
import type { InspectedStick } from './inspect.ts';
import type { SessionSecrets } from './secrets.ts';
import { encodeSessionRecord, type SessionRecord } from './session-record.ts';
import { encodeSignatureFile, signRecord } from './signature-file.ts';
import { annulTag, countEvents, encodeEventLine, eventTime, genesisHash, incidentsOf, lineHash, phaseOf, type EventBody, type EventCounts, type StickEvent } from './event-log.ts';
import { CLOSING_SIGNATURE_DOMAIN, encodeClosingRecord, MAX_CLOSE_COUNT, validCloseCount, type ClosingRecord } from './closing-record.ts';
import { sealSlot, slotOffset, type SlotHeader } from './slot-file.ts';
import { FreeSlots, type RandomBytes } from './slot-choice.ts';
import { reconcileSides, type Completion, type Side } from './reconcile.ts';
import { ioProblem, type PairProblem } from './pair-problem.ts';
import { ADDENDUM_FORMAT, ADDENDUM_SIGNATURE_DOMAIN, encodeAddendum, remarksPrefix, type AddendumRecord, type InspectedAddendum, type WitnessRemark } from './addendum.ts';
import { loadMemory } from './pair-load.ts';
import { readSides } from './pair-sides.ts';
import { Mutex } from './mutex.ts';

export type PairPhase = 'preparation' | 'open' | 'closing' | 'closed';

export interface ReconcileSummary {
  completions: Completion[];
  /** Ballots that were on one stick only and are now on both. */
  completedBallots: number;
}

export type WriteFailure = { port: StickPort; error: IoError };

export type RegisterWrite =
  | { outcome: 'stored' }
  | { outcome: 'duplicate'; mostRecent: boolean }
  | { outcome: 'full' }
  | { outcome: 'closed' }
  /** Stick A or B failed. With `storedOnA` the ballot is on A and is completed on B when B is back. */
  | { outcome: 'failed'; failure: WriteFailure; storedOnA: boolean };

/** An event whose write failed: kept in memory all the same, and written to both sticks on reattach. */
export interface AppendFailure {
  failure: WriteFailure;
  event: StickEvent;
}

/** The event as recorded, on both sticks or (failed) in memory only. */
export type AppendResult = Result<StickEvent, AppendFailure>;

export type CloseInput = { annulledBallots: number; testBallots: number };

/** A stick failed to write or read back (voting halts until it is back), or the sticks hold what the console did not write. */
export type CloseError = { kind: 'write'; failure: WriteFailure } | { kind: 'problem'; problem: PairProblem };

export type CloseResult = Result<ClosingRecord, CloseError>;

const writeFailed = (failure: WriteFailure): Err<CloseError> => err({ kind: 'write', failure });

export type ReattachResult = Result<ReconcileSummary, PairProblem>;

const idHex = (id: Uint8Array): string => toHex(id);

interface Keys {
  secrets: SessionSecrets | undefined;
  /** The sealed secrets as they are (to be) on both sticks; undefined once erased. */
  secretsFile: Uint8Array | undefined;
  ballotKey: Uint8Array | undefined;
  macKey: Uint8Array;
}

export class StickPair {
  readonly pkg: VerifiedPackage;
  readonly context: BallotContext;
  readonly station: PollingStation;
  readonly elections: readonly string[];
  readonly categories: readonly string[];
  readonly session: SessionRecord;
  readonly header: SlotHeader;
  readonly #stembureau: Signer;
  readonly #organiserPublicKey: Uint8Array;
  readonly #sessionVerifier: Verifier;
  readonly #now: () => Date;
  readonly #random: RandomBytes;
  readonly #software: Uint8Array;
  readonly #mutex = new Mutex();
  #keys: Keys;
  #ios: Record<StickPort, StickIo>;
  #broken = new Set<StickPort>();
  #lines: Uint8Array[] = [];
  #events: StickEvent[] = [];
  #slots: Uint8Array;
  #ids = new Set<string>();
  #free: FreeSlots;
  #perElection: Record<string, number> = {};
  #mostRecent: string | undefined;
  #closing: ClosingRecord | undefined;
  /** closing.json exactly as on the sticks (the addendum binds to its SHA-256). */
  #closingBytes: Uint8Array | undefined;
  /** The witnesses' remarks after closing, as they are (to be) on both sticks. */
  #addendum: InspectedAddendum | undefined;

  /** Use openStickPair. */
  constructor(args: {
    stick: InspectedStick;
    session: SessionRecord;
    sessionVerifier: Verifier;
    keys: Keys;
    ios: Record<StickPort, StickIo>;
    stembureau: Signer;
    organiserPublicKey: Uint8Array;
    now: () => Date;
    random: RandomBytes;
    software: Uint8Array;
  }) {
    this.pkg = args.stick.pkg;
    this.context = args.stick.context;
    this.station = args.stick.station;
    this.elections = args.stick.elections;
    this.categories = args.stick.categories;
    this.header = args.stick.header;
    this.session = args.session;
    this.#sessionVerifier = args.sessionVerifier;
    this.#keys = args.keys;
    this.#ios = args.ios;
    this.#stembureau = args.stembureau;
    this.#organiserPublicKey = args.organiserPublicKey;
    this.#now = args.now;
    this.#random = args.random;
    this.#software = args.software;
    this.#slots = new Uint8Array(args.stick.slots);
    this.#free = new FreeSlots(this.header.capacity, []);
  }

  // ---- state -------------------------------------------------------------------------------

  get phase(): PairPhase {
    return this.#closing ? 'closed' : phaseOf(this.#events);
  }
  get events(): readonly StickEvent[] {
    return this.#events;
  }
  get counts(): EventCounts {
    return countEvents(this.#events, this.categories);
  }
  get incidents(): ReturnType<typeof incidentsOf> {
    return incidentsOf(this.#events);
  }
  get registered(): number {
    return this.#ids.size;
  }
  get registeredPerElection(): Readonly<Record<string, number>> {
    return this.#perElection;
  }
  get freeSlots(): number {
    return this.#free.size;
  }
  get closing(): ClosingRecord | undefined {
    return this.#closing;
  }
  /** Sticks that failed a write and must be reattached (reconciled) before the next write. */
  get broken(): readonly StickPort[] {
    return [...this.#broken].sort();
  }
  get secrets(): SessionSecrets | undefined {
    return this.#keys.secrets;
  }
  get sessionCertificate(): Uint8Array {
    return this.session.sessionCertificate;
  }
  /** SHA-256 of the ballot store as it is now (both sticks hold exactly these bytes). */
  storeHash(): Uint8Array {
    return sha256(this.#slots);
  }

  // ---- writes --------------------------------------------------------------------------------

  /**
   * Stores a ballot the caller has verified (signature, station, not a test ballot). Returns only
   * after the sealed ballot is durably on both sticks, or with the stick that failed.
   */
  registerBallot(signedBallot: Uint8Array, ballot: Ballot): Promise<RegisterWrite> {
    return this.#mutex.run(async () => {
      if (this.#closing || this.phase === 'closing') return { outcome: 'closed' as const };
      // The caller verified the ballot; a test ballot or another station's here is a bug.
      if (ballot.test || ballot.pollingStation !== this.station.number) throw new Error('registerBallot: only real ballots of this polling station');
      const id = idHex(ballot.ballotId);
      if (this.#ids.has(id)) return { outcome: 'duplicate' as const, mostRecent: this.#mostRecent === id };
      const down = this.#firstBroken();
      if (down) return { outcome: 'failed' as const, failure: { port: down, error: { code: 'absent' as const, detail: 'stick wacht op herstel' } }, storedOnA: false };
      const ballotKey = this.#keys.ballotKey;
      if (!ballotKey) throw new Error('registerBallot: no ballot key (secrets erased)');
      const index = this.#free.pick(this.#random);
      if (index === undefined) return { outcome: 'full' as const };
      const record = sealSlot(this.header, this.session.sessionId, index, ballotKey, signedBallot, this.#random(12));
      const offset = slotOffset(this.header, index);

      const onA = await this.#write('A', () => this.#ios.A.writeAt(FILES.slots, offset, record), () => this.#ios.A.sync(FILES.slots));
      if (onA) return { outcome: 'failed' as const, failure: onA, storedOnA: false };
      // From here the ballot is in the store: on A now, on B now or after reconciliation.
      this.#slots.set(record, offset);
      this.#free.take(index);
      this.#ids.add(id);
      for (const ev of ballot.vote.elections) this.#perElection[ev.election] = (this.#perElection[ev.election] ?? 0) + 1;
      this.#mostRecent = id;
      const onB = await this.#write('B', () => this.#ios.B.writeAt(FILES.slots, offset, record), () => this.#ios.B.sync(FILES.slots));
      if (onB) return { outcome: 'failed' as const, failure: onB, storedOnA: true };
      return { outcome: 'stored' as const };
    });
  }

  /** Is this the ballot most recently stored (memory only)? */
  isMostRecent(ballotId: Uint8Array): boolean {
    return this.#mostRecent === idHex(ballotId);
  }

  hasBallot(ballotId: Uint8Array): boolean {
    return this.#ids.has(idHex(ballotId));
  }

  /**
   * A consistent snapshot for the college of experts (expert-copy.ts): taken under the same lock
   * as every write, the log from memory (every record written so far), the fixed files read from a
   * stick that holds them. No slot file before closing; never the secrets.
   */
  expertCopy(expert: string): Promise<Result<ExpertCopy, WriteFailure>> {
    return this.#mutex.run(async () => {
      const closed = this.#closing !== undefined;
      const port = PORTS.find((p) => !this.#broken.has(p)) ?? 'A';
      const read = new Map<StickFile, Uint8Array>();
      for (const name of expertFiles(closed)) {
        if (name === FILES.events) {
          read.set(name, concatBytes(...this.#lines));
          continue;
        }
        if (name === FILES.slots) {
          read.set(name, new Uint8Array(this.#slots));
          continue;
        }
        const r = await this.#ios[port].readFile(name);
        if (!r.ok) return err({ port, error: r.error });
        read.set(name, r.value);
      }
      const head = this.#lines.at(-1);
      return ok(
        buildExpertCopy({
          station: this.station.number,
          expert,
          takenAt: this.#now().toISOString(),
          closed,
          registered: this.registered,
          events: this.#events.length,
          eventsHead: head ? lineHash(head) : genesisHash(this.session.sessionId),
          read,
        }),
      );
    });
  }

  /** Decree art. 17 §2: a readable annulled ballot, scanned in annul mode, is refused from now on (also after a restart: the log has its tag). */
  annulBallot(ballotId: Uint8Array): Promise<AppendResult> {
    return this.#mutex.run(() => {
      if (this.#closing) throw new Error('annulBallot: the session is closed');
      return this.#append({ type: 'ballot-annul-scanned', tag: annulTag(this.#keys.macKey, ballotId) });
    });
  }

  /** Was this ballot scanned as annulled? */
  isAnnulled(ballotId: Uint8Array): boolean {
    const tag = annulTag(this.#keys.macKey, ballotId);
    return this.#events.some((e) => e.type === 'ballot-annul-scanned' && e.tag === tag);
  }

  /** After closing nothing may be added: the closing record fixes the log's length and head. */
  appendEvent(body: EventBody): Promise<AppendResult> {
    return this.#mutex.run(() => {
      if (this.#closing) throw new Error(`appendEvent: the session is closed (${body.type})`);
      return this.#append(body);
    });
  }

  async #append(body: EventBody): Promise<AppendResult> {
    const previous = this.#lines.at(-1);
    const event = { seq: this.#events.length + 1, prev: previous ? lineHash(previous) : genesisHash(this.session.sessionId), at: eventTime(body.type, this.#now()), ...body } as StickEvent;
    const line = encodeEventLine(event, this.#keys.macKey);
    const down = this.#firstBroken();
    if (down) return err({ failure: { port: down, error: { code: 'absent', detail: 'stick wacht op herstel' } }, event });
    const onA = await this.#write('A', () => this.#ios.A.append(FILES.events, line), () => this.#ios.A.sync(FILES.events));
    // Kept in memory even when A failed: written to both sticks when they are back, so an
    // event (a card that was handed out) is never lost while the console runs.
    this.#lines.push(line);
    this.#events.push(event);
    if (onA) return err({ failure: onA, event });
    const onB = await this.#write('B', () => this.#ios.B.append(FILES.events, line), () => this.#ios.B.sync(FILES.events));
    if (onB) return err({ failure: onB, event });
    return ok(event);
  }

  /**
   * Decree art. 21: records that voting is closed, checks both stores against memory, writes the
   * signed closing record on A then B, then erases the session secrets from both sticks.
   */
  close(input: CloseInput): Promise<CloseResult> {
    return this.#mutex.run(async () => {
      if (this.#closing) return ok(this.#closing);
      // The console checks the president's counts first (validCloseCount): here a bad one is a programmer error.
      if (![input.annulledBallots, input.testBallots].every(validCloseCount)) throw new Error(`close: counts must be integers from 0 to ${MAX_CLOSE_COUNT}`);
      const down = this.#firstBroken();
      if (down) return writeFailed({ port: down, error: { code: 'absent', detail: 'stick wacht op herstel' } });
      if (this.phase !== 'closing') {
        const appended = await this.#append({ type: 'voting-closed' });
        if (!appended.ok) return writeFailed(appended.error.failure);
      }
      for (const port of PORTS) {
        const onDisk = await this.#ios[port].readFile(FILES.slots);
        if (!onDisk.ok) {
          this.#broken.add(port);
          return writeFailed({ port, error: onDisk.error });
        }
        if (!bytesEqual(onDisk.value, this.#slots)) {
          return err({ kind: 'problem', problem: { code: 'corrupt', file: FILES.slots, message: `Stick ${port}: ${FILES.slots} verschilt van wat de console schreef. Verwittig de technische ondersteuning.` } });
        }
      }
      const counts = this.counts;
      const opened = this.#events.find((e) => e.type === 'voting-opened');
      const record: ClosingRecord = {
        format: CLOSING_FORMAT,
        station: this.station.number,
        packageHash: this.pkg.hash,
        sessionId: this.session.sessionId,
        openedAt: opened?.at ?? null,
        closedAt: this.#now().toISOString(),
        registeredBallots: this.#ids.size,
        registeredPerElection: Object.fromEntries(this.elections.map((id) => [id, this.#perElection[id] ?? 0])),
        cards: {
          perCategory: counts.cardsPerCategory,
          proxyPerCategory: counts.proxyPerCategory,
          replacement: counts.replacementCards,
          test: counts.testCards,
          activation: counts.activationCards,
        },
        annulledBallots: input.annulledBallots,
        annulledByReason: counts.annulledByReason,
        testBallots: input.testBallots,
        store: { sha256: sha256(this.#slots), slotSize: this.header.slotSize, capacity: this.header.capacity },
        eventLog: { records: this.#events.length, head: this.#head() },
        software: this.#software,
      };
      const bytes = encodeClosingRecord(record);
      const sig = encodeSignatureFile(signRecord(CLOSING_SIGNATURE_DOMAIN, bytes, this.#stembureau));
      for (const port of PORTS) {
        const failed = await this.#write(port, () => this.#ios[port].replace(FILES.closingSig, sig), () => this.#ios[port].replace(FILES.closingJson, bytes));
        if (failed) {
          if (port === 'B') {
            this.#closing = record;
            this.#closingBytes = bytes;
          }
          return writeFailed(failed);
        }
      }
      this.#closing = record;
      this.#closingBytes = bytes;
      await this.#eraseSecrets();
      return ok(record);
    });
  }

  async #eraseSecrets(): Promise<void> {
    for (const port of PORTS) {
      const r = await this.#ios[port].erase(FILES.secrets);
      if (!r.ok) this.#broken.add(port);
    }
    this.#keys = { ...this.#keys, secrets: undefined, secretsFile: undefined, ballotKey: undefined };
  }

  // ---- sticks coming and going ----------------------------------------------------------------

  /** A stick was seen pulled out (or failed): no write until it is reattached. */
  detach(port: StickPort): void {
    this.#broken.add(port);
  }

  /**
   * The stick on `port` is back (or a blank stick of this station replaces it): reconcile both
   * sticks with each other and with what the console holds in memory, then resume.
   */
  reattach(port: StickPort, io: StickIo): Promise<ReattachResult> {
    return this.#mutex.run(async () => {
      const old = this.#ios[port];
      if (old !== io) await old.close();
      this.#ios = { ...this.#ios, [port]: io };
      const sides = await readSides(this.#ios, this.#organiserPublicKey, this.station.number, this.pkg.hash);
      if (!sides.ok) return sides;
      const loaded = await this.#reconcileAndLoad(sides.value);
      if (!loaded.ok) return loaded;
      this.#broken.clear();
      return loaded;
    });
  }

  async release(): Promise<void> {
    await this.#mutex.run(async () => {
      await this.#ios.A.close();
      await this.#ios.B.close();
    });
  }

  /** Reconciles two freshly read sides and rebuilds the memory state from the result. */
  async #reconcileAndLoad(sides: [Side, Side]): Promise<Result<ReconcileSummary, PairProblem>> {
    for (const side of sides) {
      const s = side.stick.session;
      if (s && !bytesEqual(s.bytes, encodeSessionRecord(this.session))) {
        return err({ code: 'different-sessions', message: `Stick ${side.port} hoort bij een andere opening van dit stembureau.` });
      }
    }
    const [a, b] = sides;
    const closedOnStick = a.stick.closing ?? b.stick.closing;
    const r = await reconcileSides(a, b, {
      sessionId: this.session.sessionId,
      macKey: this.#keys.macKey,
      ballotKey: this.#keys.ballotKey,
      secretsFile: closedOnStick ? undefined : this.#keys.secretsFile,
      sessionVerifier: this.#sessionVerifier,
      context: this.context,
      station: this.station.number,
      memoryLines: this.#lines,
    });
    if (!r.ok) return r;
    const outcome = r.value;
    const loaded = this.#load(outcome.lines, outcome.slots);
    if (!loaded.ok) return loaded;
    const idBySlot = loaded.value;
    if (closedOnStick) {
      this.#closing = closedOnStick.record;
      this.#closingBytes = closedOnStick.bytes;
      await this.#eraseSecrets();
      const addendum = await this.#reconcileAddendum(sides);
      if (!addendum.ok) return addendum;
    }
    const completedIds = outcome.completedSlots.map((i) => idBySlot.get(i)).filter((x): x is string => x !== undefined);
    // The ballot completed from one stick to the other was the last write in flight: the
    // most recent one, so the box may reopen its flap for it (memory only).
    if (completedIds.length === 1) this.#mostRecent = completedIds[0];
    return ok({ completions: outcome.completions, completedBallots: completedIds.length });
  }

  /**
   * The witnesses' remarks: the longest version on either stick or in memory wins, when every other
   * version is where it started (remarks only grow); it is written where it is missing or shorter.
   */
  async #reconcileAddendum(sides: [Side, Side]): Promise<Result<true, PairProblem>> {
    const versions = [this.#addendum, sides[0].stick.addendum, sides[1].stick.addendum].filter((x): x is InspectedAddendum => x !== undefined);
    if (versions.length === 0) return ok(true);
    const longest = versions.reduce((a, b) => (b.record.remarks.length > a.record.remarks.length ? b : a));
    if (!versions.every((v) => remarksPrefix(v.record, longest.record))) {
      return err({ code: 'conflict', file: FILES.addendumJson, message: `${FILES.addendumJson}: de twee sticks hebben verschillende opmerkingen van getuigen.` });
    }
    this.#addendum = longest;
    for (const side of sides) {
      if (side.stick.addendum && bytesEqual(side.stick.addendum.bytes, longest.bytes)) continue;
      const failed = await this.#write(side.port, () => side.io.replace(FILES.addendumSig, longest.signatureFile), () => side.io.replace(FILES.addendumJson, longest.bytes));
      if (failed) return err(ioProblem(failed.port, failed.error));
    }
    return ok(true);
  }

  /** The witnesses' remarks after closing, in the order they were made. */
  get remarks(): readonly WitnessRemark[] {
    return this.#addendum?.record.remarks ?? [];
  }

  /**
   * Seed 002 III.6: a witness's remark after closing, signed onto both sticks (A, then B). It is
   * kept in memory first, so a stick that fails loses nothing: writeAddendum() writes it again.
   */
  addRemark(remark: WitnessRemark): Promise<Result<readonly WitnessRemark[], WriteFailure>> {
    return this.#mutex.run(async () => {
      if (!this.#closing || !this.#closingBytes) throw new Error('addRemark: the session is not closed');
      const record: AddendumRecord = {
        format: ADDENDUM_FORMAT,
        station: this.station.number,
        packageHash: this.pkg.hash,
        sessionId: this.session.sessionId,
        closingHash: sha256(this.#closingBytes),
        remarks: [...this.remarks, remark],
      };
      const bytes = encodeAddendum(record);
      this.#addendum = { record, bytes, signatureFile: encodeSignatureFile(signRecord(ADDENDUM_SIGNATURE_DOMAIN, bytes, this.#stembureau)) };
      return this.#writeAddendum();
    });
  }

  /** Writes the remarks in memory on both sticks again (after a stick failed). */
  writeAddendum(): Promise<Result<readonly WitnessRemark[], WriteFailure>> {
    return this.#mutex.run(() => this.#writeAddendum());
  }

  async #writeAddendum(): Promise<Result<readonly WitnessRemark[], WriteFailure>> {
    const a = this.#addendum;
    if (!a) return ok([]);
    for (const port of PORTS) {
      const failed = await this.#write(port, () => this.#ios[port].replace(FILES.addendumSig, a.signatureFile), () => this.#ios[port].replace(FILES.addendumJson, a.bytes));
      if (failed) return err(failed);
    }
    return ok(this.remarks);
  }

  /** Memory state from the reconciled log and store (pair-load.ts); answers the slot → ballot id map. */
  #load(lines: Uint8Array[], slots: Uint8Array): Result<Map<number, string>, PairProblem> {
    const loaded = loadMemory({ lines, slots, header: this.header, sessionId: this.session.sessionId, macKey: this.#keys.macKey, ballotKey: this.#keys.ballotKey, context: this.context, station: this.station.number, sessionVerifier: this.#sessionVerifier, elections: this.elections });
    if (!loaded.ok) return loaded;
    const m = loaded.value;
    this.#lines = m.lines;
    this.#events = m.events;
    this.#slots = m.slots;
    this.#free = m.free;
    // Without the ballot key (closed: secrets erased) the ballots cannot be opened: ids and counts stay as they were.
    if (m.ids && m.perElection) {
      this.#ids = m.ids;
      this.#perElection = m.perElection;
    }
    return ok(m.idBySlot);
  }

  #head(): Uint8Array {
    const last = this.#lines.at(-1);
    return last ? sha256(last) : sha256FromHex(genesisHash(this.session.sessionId));
  }

  #firstBroken(): StickPort | undefined {
    return this.#broken.has('A') ? 'A' : this.#broken.has('B') ? 'B' : undefined;
  }

  async #write(port: StickPort, ...steps: Array<() => Promise<IoResult>>): Promise<WriteFailure | undefined> {
    for (const step of steps) {
      const r = await step();
      if (!r.ok) {
        this.#broken.add(port);
        return { port, error: r.error };
      }
    }
    return undefined;
  }

  /** Used by openStickPair. */
  static async build(args: ConstructorParameters<typeof StickPair>[0], sides: [Side, Side]): Promise<Result<{ pair: StickPair; summary: ReconcileSummary }, PairProblem>> {
    const pair = new StickPair(args);
    const loaded = await pair.#reconcileAndLoad(sides);
    if (!loaded.ok) return loaded;
    return ok({ pair, summary: loaded.value });
  }

  /** Used by openStickPair for a new session: the first event. */
  static async start(pair: StickPair): Promise<AppendResult> {
    return pair.appendEvent({ type: 'session-started', station: pair.station.number, sessionId: toHex(pair.session.sessionId), software: toHex(pair.#software) });
  }
}

const sha256FromHex = (hex: string): Uint8Array => new Uint8Array(Buffer.from(hex, 'hex'));


