// What the ballot box and the president console say to each other (issue 3 and 5).
//
//   box → console   register  the scanned signed ballot bytes
//                   status    is voting open? which session certificate?
//                   event     refusals (to alert the president), deposit sensed, box empty…
//   console → box   the answer, authenticated and bound to the request
//
// Registration is idempotent by ballot id: the same ballot twice is never counted twice.

/** Why the console refuses to register a ballot. */
export const REJECT_REASONS = [
  /** Not a ballot of this package: bad version, length, padding, index… (`detail` says which). */
  'malformed',
  'wrong-package',
  'wrong-station',
  /** Forged or damaged: the signature is not by this opening's voting-computer key. */
  'bad-signature',
  'test-ballot',
  /** Before the president opened voting (test votes, preparation). */
  'voting-not-open',
  'voting-closed',
  /** A stick is missing or failing: voting is halted; try again when it resumes. */
  'stick-unavailable',
  'stick-full',
  /** Annulled by the president and scanned in annul mode (decree art. 17 §2): never registered. */
  'annulled',
] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];

export type DuplicateAttempt = 'same' | 'other';

export type RegisterOutcome =
  | { outcome: 'registered' }
  /**
   * Already in the store. `mostRecent`: it is the last ballot registered, so the box may reopen
   * its flap without counting (seed 001 §XIV.3). `attempt`: `same` when a request with this very
   * attempt id stored it (the box's own earlier request, whose answer it never heard), `other`
   * when another one did; absent when the console cannot tell (it was stored before the console
   * restarted: attempt ids live in its memory only).
   */
  | { outcome: 'duplicate'; mostRecent: boolean; attempt?: DuplicateAttempt }
  | { outcome: 'rejected'; reason: RejectReason; detail?: string };

export const CONSOLE_PHASES = ['preparation', 'open', 'halted', 'closed'] as const;
export type ConsolePhase = (typeof CONSOLE_PHASES)[number];

export interface LinkStatus {
  phase: ConsolePhase;
  station: number;
  /** SHA-256 of election.json, hex. */
  packageHash: string;
  /** The session certificate of this opening (base64): the key that signs every ballot. */
  sessionCertificate: string;
  /** The console recorded the box's report that it is empty (needed before opening). */
  boxEmptyRecorded: boolean;
}

/** What the box refused, for the president's alert and the PV. */
export const BOX_REFUSALS = [
  'unreadable',
  'malformed',
  'bad-signature',
  'wrong-station',
  'wrong-package',
  'test-ballot',
  'duplicate',
  'voting-not-open',
  'voting-closed',
  'console-unreachable',
  'stick-unavailable',
  'stick-full',
  'annulled',
] as const;
export type BoxRefusal = (typeof BOX_REFUSALS)[number];

/** `link`: the box's alarm that an answer on the cable was not the console's (see client.ts). */
export const BOX_DEVICES = ['scanner', 'flap', 'controller', 'deposit-sensor', 'link'] as const;
export type BoxDevice = (typeof BOX_DEVICES)[number];

/** The box's devices in the president's words (alerts, PV). */
export const BOX_DEVICE_NAMES: Record<BoxDevice, string> = {
  scanner: 'scanner',
  flap: 'klep',
  controller: 'sturing van de klep',
  'deposit-sensor': 'sensor in de gleuf',
  link: 'verbinding met de voorzitterscomputer',
};

export type BoxEvent =
  | { kind: 'refused'; reason: BoxRefusal }
  /** The box checked at opening that its bin is empty (decree art. 14). */
  | { kind: 'box-empty' }
  | { kind: 'deposit-sensed' }
  /** The flap closed without a deposit: the voter must re-scan. */
  | { kind: 'deposit-timeout' }
  | { kind: 'cover-opened' }
  | { kind: 'fault'; device: BoxDevice; detail: string }
  /**
   * The box's software: the SHA-256 (hex) of its bundle as the release manifest computes it,
   * sent once per pairing so that the sticks record what ran in the box (decree art. 4 §3).
   */
  | { kind: 'software'; sha256: string };

export type LinkRequest =
  /**
   * `attemptId`: 128 random bits the box draws once per ballot it sends and keeps for every
   * resend, so that after a lost answer the console can say "stored by your own request"
   * rather than leave the box to guess (a copy of an older ballot must never open the flap).
   */
  | { kind: 'register'; ballot: Uint8Array; attemptId: string }
  | { kind: 'status' }
  /**
   * `eventId`: 128 random bits the box draws once per event and keeps for every resend of it,
   * so that an event whose answer was lost is applied once (registration needs no such id: it
   * is idempotent by ballot id). Random, not a counter: a counter would restart with the box
   * and could collide; and nothing in it relates to a ballot or to the moment of a vote.
   */
  | { kind: 'event'; eventId: string; event: BoxEvent };

/** The console's and the box's words for each refusal, in Dutch. */
export const REJECT_MESSAGES: Record<RejectReason, string> = {
  malformed: 'Dit stembiljet kan niet gelezen worden.',
  'wrong-package': 'Dit stembiljet hoort niet bij deze verkiezing.',
  'wrong-station': 'Dit stembiljet hoort bij een ander stembureau.',
  'bad-signature': 'Dit stembiljet is niet echt of beschadigd.',
  'test-ballot': 'Dit is een teststembiljet: het mag niet in de stembus.',
  'voting-not-open': 'De stemming is nog niet geopend.',
  'voting-closed': 'De stemming is gesloten.',
  'stick-unavailable': 'De stemming is onderbroken. Even geduld.',
  'stick-full': 'De stemming is onderbroken: de stick is vol. Verwittig de voorzitter.',
  annulled: 'Dit stembiljet is geannuleerd: het mag niet in de stembus.',
};

export const BOX_REFUSAL_MESSAGES: Record<BoxRefusal, string> = {
  ...REJECT_MESSAGES,
  unreadable: 'De stembus kan de barcode niet lezen.',
  duplicate: 'Dit stembiljet werd al geregistreerd.',
  'console-unreachable': 'De stembus bereikt de voorzitterscomputer niet.',
};
