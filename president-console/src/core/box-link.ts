// The console's side of the ballot box (decree art. 19, libs/link): what the link needs to
// prove this is the station's console, the status the box polls, every pairing, registration of
// the scanned ballots on both sticks, and the box's events for the president and the PV.
import { fromHex, toBase64, toHex } from '@ovs/crypto';
import { checkSoftware } from '@ovs/release';
import { HASH_PREFIX_BYTES } from '@ovs/ballot';
import { BOX_DEVICE_NAMES, BOX_REFUSAL_MESSAGES, type BoxEvent, type BoxRefusal, type LinkCredentials, type LinkStatus, type RegisterOutcome } from '@ovs/link';
import type { EventBody, StickPair, WriteFailure } from '@ovs/stick';
import { registerScannedBallot, type Gate } from './registration.ts';
import type { Session } from './session.ts';
import type { BoxView } from './snapshot.ts';

export interface BoxLinkOptions {
  station: number;
  append: (session: Session, body: EventBody) => Promise<boolean>;
  haltOnFailure: (failure: WriteFailure) => void;
  haltFull: () => void;
  log: (event: string, detail?: string) => void;
  logVoter: (event: string, detail: string) => void;
  alert: (message: string) => void;
}

export const boxEmptyRecorded = (pair: StickPair | undefined): boolean => pair?.events.some((e) => e.type === 'box-empty') ?? false;

export class BoxLink {
  readonly #o: BoxLinkOptions;
  #connected = false;
  /** One per ballot: counted in memory only, never logged (it would time each vote). */
  #deposits = 0;
  #lastRefusal: BoxRefusal | undefined;
  /** Decree art. 17 §2: armed by the president, for the next ballot the box reads (memory only). */
  #annulMode = false;
  /** Ballot ids (hex) on stick A only, B having failed while they were written: memory only, cleared when B is reconciled. */
  readonly #onOneStick = new Set<string>();
  /**
   * Per ballot registered since this console started, the box's attempt id that stored it: memory
   * only (never on a stick), so that a resend after a lost answer is told apart from a copy.
   */
  readonly #attempts = new Map<string, string>();

  constructor(options: BoxLinkOptions) {
    this.#o = options;
  }

  view(pair: StickPair | undefined): BoxView {
    return { connected: this.#connected, emptyRecorded: boxEmptyRecorded(pair), deposits: this.#deposits, lastRefusal: this.#lastRefusal, annulMode: this.#annulMode };
  }

  /** The next ballot the box reads is the annulled one: recorded as annulled, never registered. */
  armAnnulScan(on: boolean): void {
    this.#annulMode = on;
  }

  /** An annulment was recorded: the refusal it answered is dealt with. */
  refusalHandled(): void {
    this.#lastRefusal = undefined;
  }

  /** Both sticks are reconciled: every ballot of A is on B as well. */
  sticksReconciled(): void {
    this.#onOneStick.clear();
  }

  credentials(session: Session): LinkCredentials | undefined {
    if (!session.linkKey) return undefined;
    return { linkKey: session.linkKey, stembureau: session.signer, hashPrefix: session.pair.pkg.hash.subarray(0, HASH_PREFIX_BYTES) };
  }

  status(session: Session, gate: Gate): LinkStatus {
    return {
      phase: gate,
      station: this.#o.station,
      packageHash: toHex(session.pair.pkg.hash),
      sessionCertificate: toBase64(session.pair.sessionCertificate),
      boxEmptyRecorded: boxEmptyRecorded(session.pair),
    };
  }

  contact(): void {
    this.#connected = true;
  }

  /**
   * A device on the cable completed the link's handshake: it holds the link key of this opening.
   * Normally the box, once at pairing and again after a restart of either; every one is in the PV,
   * so a second device on the cable, or a copy of the koppelticket in use, does not go unseen.
   */
  async paired(session: Session, writable: boolean): Promise<void> {
    this.#connected = true;
    this.#o.log('box-paired');
    if (writable) await this.#o.append(session, { type: 'box-paired' });
  }

  /** `attemptId`: the box's id for this ballot, the same in every resend (see @ovs/link). */
  async register(session: Session, gate: Gate, bytes: Uint8Array, attemptId: string): Promise<RegisterOutcome> {
    if (!session.sessionVerifier) return { outcome: 'rejected', reason: 'voting-not-open' };
    const r = await registerScannedBallot(
      { gate, context: session.opening.context, station: this.#o.station, sessionVerifier: session.sessionVerifier, pair: session.pair, onOneStick: this.#onOneStick, attempts: this.#attempts, annulMode: this.#annulMode },
      bytes,
      attemptId,
    );
    if (r.storedOnA) this.#onOneStick.add(r.storedOnA);
    if (r.annulled) {
      this.#annulMode = false;
      this.#o.alert('Het geannuleerde stembiljet is gescand: het kan nooit meer geregistreerd worden. Stop het in de omslag voor geannuleerde stembiljetten.');
      this.#o.logVoter('ballot-annul-scanned', 'ok');
    }
    if (r.write?.outcome === 'failed') this.#o.haltOnFailure(r.write.failure);
    if (r.write?.outcome === 'full') this.#o.haltFull();
    // Outcomes only: never the ballot id, never the vote.
    if (r.outcome.outcome === 'rejected') this.#o.logVoter('registration-refused', r.outcome.reason);
    return r.outcome;
  }

  async event(session: Session, writable: boolean, event: BoxEvent): Promise<void> {
    const append = (body: EventBody): Promise<boolean> => (writable ? this.#o.append(session, body) : Promise.resolve(false));
    switch (event.kind) {
      case 'refused':
        this.#o.alert(`Stembus weigerde een stembiljet: ${BOX_REFUSAL_MESSAGES[event.reason]}`);
        this.#lastRefusal = event.reason;
        await append({ type: 'box-refusal', reason: event.reason });
        return;
      case 'box-empty':
        if (!boxEmptyRecorded(session.pair)) await append({ type: 'box-empty' });
        return;
      case 'deposit-sensed':
        this.#deposits++;
        return;
      case 'deposit-timeout':
        this.#o.alert('Een kiezer heeft het stembiljet niet in de stembus gestoken: laat het opnieuw scannen.');
        return;
      case 'cover-opened':
        this.#o.alert('Het deksel van de stembus werd geopend.');
        await append({ type: 'box-alert', kind: 'cover-opened', detail: '' });
        return;
      case 'fault':
        this.#o.alert(`Storing aan de stembus (${BOX_DEVICE_NAMES[event.device]}): ${event.detail}`);
        await append({ type: 'box-alert', kind: event.device, detail: event.detail.slice(0, 500) });
        return;
      case 'software': {
        // Recorded as the box reports it; a box that runs another release than the package's is an alarm for the president.
        const check = checkSoftware('stembus', fromHex(event.sha256) ?? new Uint8Array(0), session.pair.pkg.election.release);
        this.#o.log('box-software', check.kind);
        if (check.kind === 'mismatch') this.#o.alert(`De stembus meldt software ${check.shortHash}: dat is niet de release ${check.version} van het verkiezingspakket (${check.expectedShortHash}). Verwittig de technische ondersteuning.`);
        await append({ type: 'box-software', sha256: event.sha256 });
        return;
      }
      default:
        return event satisfies never;
    }
  }
}
