// The voting flow as data: the states the voting computer can be in, the events that move
// it, and the effects it asks the backend to carry out. Nothing here does I/O; the
// backend (src/backend/) reads devices, turns what happens into events, and performs the
// effects. Keys never appear here: the flow decides *that* a ballot is printed, the backend
// signs it.
import type { ElectionChoice, ElectionVote, Vote } from '@ovs/ballot';
import type { Language } from '@ovs/election';

/** Display settings the voter may change; they reset for every voter (VVSG 2.0). */
export interface Settings {
  contrast: 'normal' | 'high';
  /** 0 = normal, 1 = large, 2 = extra large. */
  textSize: 0 | 1 | 2;
}

export const DEFAULT_SETTINGS: Settings = { contrast: 'normal', textSize: 0 };

/** What the card reader and the card check found, as the backend reports it. */
export type VoterCardRefusal =
  | 'unreadable'
  | 'used'
  | 'not-a-voter-card'
  | 'wrong-package'
  | 'wrong-station'
  | 'invalid'
  | 'forged';

/** Why an activation card did not activate (or reset) the machine. */
export type ActivationRefusal =
  | 'invalid'
  | 'wrong-station'
  | 'wrong-package'
  | 'forged'
  /** An activation card a stemcomputer has already used and erased (and that is no alarm key here). */
  | 'erased'
  /** An activation card erased after too many wrong codes. */
  | 'void'
  /** Too many wrong codes just now: the card is refused and erased. */
  | 'too-many-codes'
  /** Too many wrong codes (now or earlier at this machine), and the card could not be erased. */
  | 'too-many-codes-kept'
  /** The president cancelled the code entry: the card is unchanged. */
  | 'cancelled';

/** Where the code entry goes back to when it does not activate: the machine as it was. */
export type CodeResume = { kind: 'not-activated' } | { kind: 'alarm'; reason: AlarmReason; ballot: BallotFailure };

/**
 * What became of the president's card at the end of an activation: `erased` (the sealed key is
 * gone, the card is now only an alarm key), `not-erased` (erasing failed: the card still holds
 * the sealed key), `alarm-key` (an erased card was used as the alarm key), `unused` (a card
 * shown to a machine that is already activated: left as it was).
 */
export type PresidentCard = 'erased' | 'not-erased' | 'alarm-key' | 'unused';

/** Why the alarm sounds (seed 002 II.C.3.2); it latches until the president resets it. */
export type AlarmReason =
  | 'card-pulled'
  | 'too-many-invalid-actions'
  | 'inactivity'
  | 'printer-paper-out'
  | 'printer-cover-open'
  | 'printer-offline'
  | 'printer-error'
  /** The ballot could not be prepared (encoding or self-check failed): nothing was printed. */
  | 'print-failed'
  | 'card-write-failed';

/**
 * What became of the voter's ballot when the alarm went off: `not-started` (the card came in while
 * the printer was not ready: the voter never began), `none` (no card was used up),
 * or the card is used but the ballot did not (completely) come out, so the president annuls
 * what came out and issues a new card (decree art. 17 §2).
 */
export type BallotFailure = 'not-started' | 'none' | 'not-printed' | 'partly-printed';

/** The printer as the flow needs to know it before a voter starts. */
export type PrinterReadiness = 'ready' | 'paper-out' | 'cover-open' | 'offline' | 'error';

/** A short message on the current screen, about the voter's last action. */
export type Notice =
  /** Back to the lists after ticking boxes: those boxes are gone (the 2014 incident). */
  | { kind: 'choices-discarded'; list: number }
  | { kind: 'election-restarted' }
  | { kind: 'nothing-chosen' }
  | { kind: 'not-possible' };

/** One voter: from an accepted card to the last confirmation. */
export interface VoterSession {
  test: boolean;
  /** Election ids the card allows, in legal order (decree art. 16 §2). */
  elections: readonly string[];
  /** Undefined until chosen when the package offers a choice; fixed after confirmation. */
  language: Language | undefined;
  /** The confirmed choices, one per election already done, in order. */
  confirmed: readonly ElectionVote[];
  invalidActions: number;
  /** Set after the inactivity warning; any touch clears it. */
  inactivityWarning: boolean;
  notice: Notice | undefined;
}

/** Where the voter is inside the session. `index` points into `session.elections`. */
export type VotingStep =
  | { kind: 'language' }
  | { kind: 'language-confirm'; language: Language }
  | { kind: 'election-intro'; index: number }
  | { kind: 'lists'; index: number }
  | { kind: 'candidates'; index: number; list: number; topBox: boolean; candidates: readonly number[] }
  | { kind: 'confirm'; index: number; choice: ElectionChoice };

/** What the voter gets printed; only ever held between the last confirmation and the print. */
export interface PendingBallot {
  test: boolean;
  vote: Vote;
  language: Language;
}

/** A scanned ballot to show read-only (decree art. 18). */
export type Visualisation =
  | { ok: true; test: boolean; vote: Vote; language: Language }
  | { ok: false; error: 'unreadable' | 'foreign' | 'forged' };

export type Phase =
  | { kind: 'not-activated'; refusal: ActivationRefusal | undefined }
  /** A sealed activation card with a valid certificate: the president types its code. */
  | { kind: 'activation-code'; digits: string; attemptsLeft: number; wrong: boolean; resume: CodeResume }
  /** The code typed is being checked (scrypt, then the card is erased): no digits kept. */
  | { kind: 'checking-code'; attemptsLeft: number; resume: CodeResume }
  /**
   * Activation (or an alarm reset, or a card shown to a machine already activated) accepted:
   * waiting for the card to come out; a card that could not be erased waits for a touch too.
   */
  | { kind: 'activated'; after: 'activation' | 'alarm-reset' | 'already-activated'; card: PresidentCard; cardPresent: boolean }
  | { kind: 'idle'; refusal: VoterCardRefusal | undefined }
  /** A voter card was refused: its message stays until the card is taken out. */
  | { kind: 'card-refused'; refusal: VoterCardRefusal }
  | { kind: 'voting'; session: VoterSession; step: VotingStep }
  | { kind: 'finishing'; stage: 'marking-card' | 'printing'; ballot: PendingBallot; cardRemoved: boolean }
  | { kind: 'printed'; test: boolean; language: Language; cardPresent: boolean }
  /** `refusal`: the last activation card shown to the alarm did not stop it, and why. */
  | { kind: 'alarm'; reason: AlarmReason; ballot: BallotFailure; cardPresent: boolean; refusal?: ActivationRefusal | undefined }
  | { kind: 'visualising'; visualisation: Visualisation };

export interface FlowState {
  phase: Phase;
  settings: Settings;
}

/** What the voter (or the headless driver) does on screen. */
export type VoterAction =
  | { type: 'choose-language'; language: Language }
  | { type: 'confirm-language' }
  | { type: 'change-language' }
  | { type: 'start-election' }
  | { type: 'choose-list'; list: number }
  | { type: 'choose-blank' }
  | { type: 'toggle-top-box' }
  | { type: 'toggle-candidate'; position: number }
  | { type: 'back-to-lists' }
  | { type: 'review' }
  | { type: 'confirm' }
  | { type: 'restart-election' }
  | { type: 'set-contrast'; contrast: Settings['contrast'] }
  | { type: 'set-text-size'; textSize: Settings['textSize'] }
  | { type: 'still-here' }
  | { type: 'done' }
  /** The president's keypad on the activation-code screen. */
  | { type: 'code-digit'; digit: number }
  | { type: 'code-erase' }
  | { type: 'code-submit' }
  | { type: 'code-cancel' };

export type VoterActionType = VoterAction['type'];

/** Card-reader outcomes, already checked by the backend. */
export type CardEvent =
  | { type: 'voter-card'; result: { ok: true; test: boolean; elections: readonly string[] } | { ok: false; refusal: VoterCardRefusal }; printer: PrinterReadiness }
  /**
   * `sealed`: an activation card whose certificate checked out; `attemptsLeft` is what this
   * machine still allows for this very card. `alarm-key`: a card erased by a machine of this
   * session (the president's key to stop an alarm).
   */
  | { type: 'activation-card'; card: { kind: 'sealed'; attemptsLeft: number } | { kind: 'alarm-key' } | { kind: 'refused'; refusal: ActivationRefusal }; printer: PrinterReadiness }
  | { type: 'card-removed' }
  | { type: 'card-marked'; ok: boolean };

export type FlowEvent =
  | { type: 'voter'; action: VoterAction }
  | CardEvent
  | { type: 'printed'; result: { ok: true } | { ok: false; reason: Exclude<PrinterReadiness, 'ready'> | 'prepare-failed'; partial: boolean } }
  | { type: 'inactivity-warning' }
  | { type: 'inactivity-timeout' }
  | { type: 'scanned'; visualisation: Visualisation }
  /**
   * The backend checked the code (`check-code`). Right: the key is offered and the card was
   * erased (or not: `erased` false). Wrong: on the last attempt the card was erased too.
   */
  | { type: 'code-checked'; ok: boolean; erased: boolean };

export type Effect =
  | { kind: 'mark-card-used' }
  | { kind: 'print'; ballot: PendingBallot }
  | { kind: 'alarm'; sounding: boolean }
  /**
   * Open the activation card in the reader with this code (the only place the code travels
   * after it was typed); when right, erase the card to an alarm key; when wrong and `last`,
   * erase it to nothing. `code-checked` comes back.
   */
  | { kind: 'check-code'; code: string; last: boolean }
  /** The session key is replaced by the one the code just opened. */
  | { kind: 'adopt-session' };

/** Why a voter action was not carried out (the UI shows a notice; the counter rises). */
export type Rejection = 'not-now' | 'unknown-list' | 'unknown-candidate' | 'unknown-language' | 'nothing-chosen' | 'bad-setting';

export interface StepResult {
  state: FlowState;
  effects: Effect[];
  /** Set when a voter action was refused. */
  rejected?: Rejection;
}
