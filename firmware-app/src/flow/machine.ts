// The voting flow as one pure function: (context, state, event) → (state, effects).
// Decree art. 16–18 and seed 002 II.C.3 are followed step by step:
//   idle → card checked → language (only where offered; definitive after confirmation)
//   → per election in legal order: its title, all lists + blank, after a list its candidates
//     with the top box, then confirm or start this election over
//   → after the last confirmation: mark the card used, then print → fold and take the card.
// Activation: a sealed activation card → its code typed on the keypad → checked by the backend
// (right: the key is adopted and the card erased; wrong: retry, then the card is refused).
// Every switch is exhaustive, so a new state or event cannot be forgotten silently.
import type { ElectionChoice, ElectionVote } from '@ovs/ballot';
import { ACTIVATION_CODE_DIGITS } from '@ovs/card/activation-code';
import { findElection, findList, type ElectionPackage, type Language } from '@ovs/election';
import {
  DEFAULT_SETTINGS,
  type ActivationRefusal,
  type AlarmReason,
  type CardEvent,
  type CodeResume,
  type Effect,
  type FlowEvent,
  type FlowState,
  type Notice,
  type Phase,
  type PrinterReadiness,
  type Rejection,
  type StepResult,
  type VoterAction,
  type VoterSession,
  type VotingStep,
} from './types.ts';

/** Seed 002 II.C.3.2: "too many wrong attempts" sounds the alarm. Ten refused touches in one session. */
export const MAX_INVALID_ACTIONS = 10;

/**
 * Codes the president may type per activation card before this machine refuses (and erases) it.
 * A typo costs one; three leave room for two without inviting guessing (which an attacker with
 * the card would do offline anyway: libs/card/README.md).
 */
export const MAX_CODE_ATTEMPTS = 3;

export interface FlowContext {
  pkg: ElectionPackage;
  station: number;
}

export const initialState = (): FlowState => ({ phase: { kind: 'not-activated', refusal: undefined }, settings: DEFAULT_SETTINGS });

const stay = (state: FlowState, effects: Effect[] = []): StepResult => ({ state, effects });
const go = (state: FlowState, phase: Phase, effects: Effect[] = []): StepResult => ({ state: { ...state, phase }, effects });
/** Back to rest: every trace of the last voter (choices, language, settings) is dropped here. */
const rest = (phase: Phase, effects: Effect[] = []): StepResult => ({ state: { phase, settings: DEFAULT_SETTINGS }, effects });

function printerAlarm(p: Exclude<PrinterReadiness, 'ready'>): AlarmReason {
  switch (p) {
    case 'paper-out':
      return 'printer-paper-out';
    case 'cover-open':
      return 'printer-cover-open';
    case 'offline':
      return 'printer-offline';
    case 'error':
      return 'printer-error';
    default:
      return p satisfies never;
  }
}

export function step(ctx: FlowContext, state: FlowState, event: FlowEvent): StepResult {
  const phase = state.phase;
  switch (phase.kind) {
    case 'not-activated':
      return notActivated(state, event);
    case 'activation-code':
      return codeEntry(state, phase, event);
    case 'checking-code':
      return checkingCode(state, phase, event);
    case 'activated':
      return activated(ctx, state, phase, event);
    case 'idle':
      return idle(ctx, state, event);
    case 'card-refused':
      return event.type === 'card-removed' ? rest({ kind: 'idle', refusal: undefined }) : refuseAction(state, event);
    case 'voting':
      return voting(ctx, state, phase.session, phase.step, event);
    case 'finishing':
      return finishing(state, phase, event);
    case 'printed':
      return printed(ctx, state, phase, event);
    case 'alarm':
      return alarm(state, phase, event);
    case 'visualising':
      return visualising(ctx, state, phase, event);
    default:
      return phase satisfies never;
  }
}

/** Outside a voter session a voter action is simply not possible (and counts for nothing). */
function refuseAction(state: FlowState, event: FlowEvent): StepResult {
  return event.type === 'voter' ? { state, effects: [], rejected: 'not-now' } : stay(state);
}

function notActivated(state: FlowState, event: FlowEvent): StepResult {
  switch (event.type) {
    case 'activation-card': {
      const card = event.card;
      switch (card.kind) {
        case 'sealed':
          return askCode(state, card.attemptsLeft, { kind: 'not-activated' });
        case 'alarm-key':
          // An erased card stops alarms of machines that hold its session; this one holds none.
          return go(state, { kind: 'not-activated', refusal: 'erased' });
        case 'refused':
          return go(state, { kind: 'not-activated', refusal: card.refusal });
        default:
          return card satisfies never;
      }
    }
    case 'card-removed':
      return go(state, { kind: 'not-activated', refusal: undefined });
    case 'card-marked':
    case 'code-checked':
    case 'inactivity-timeout':
    case 'inactivity-warning':
    case 'printed':
    case 'scanned':
    case 'voter-card':
    case 'voter':
      return refuseAction(state, event);
  }
}

/** The machine as it was before the code entry, with the card in or out and why it did not activate. */
function resumed(resume: CodeResume, cardPresent: boolean, refusal: ActivationRefusal | undefined): Phase {
  switch (resume.kind) {
    case 'not-activated':
      return { kind: 'not-activated', refusal };
    case 'alarm':
      return { kind: 'alarm', reason: resume.reason, ballot: resume.ballot, cardPresent, refusal };
    default:
      return resume satisfies never;
  }
}

function askCode(state: FlowState, attemptsLeft: number, resume: CodeResume): StepResult {
  if (attemptsLeft <= 0) return go(state, resumed(resume, true, 'too-many-codes-kept'));
  return rest({ kind: 'activation-code', digits: '', attemptsLeft, wrong: false, resume });
}

function codeEntry(state: FlowState, phase: Extract<Phase, { kind: 'activation-code' }>, event: FlowEvent): StepResult {
  const notNow: StepResult = { state, effects: [], rejected: 'not-now' };
  switch (event.type) {
    case 'voter': {
      const a = event.action;
      switch (a.type) {
        case 'code-digit':
          if (!Number.isInteger(a.digit) || a.digit < 0 || a.digit > 9 || phase.digits.length >= ACTIVATION_CODE_DIGITS) return notNow;
          return go(state, { ...phase, digits: phase.digits + String(a.digit) });
        case 'code-erase':
          return phase.digits.length === 0 ? notNow : go(state, { ...phase, digits: phase.digits.slice(0, -1) });
        case 'code-submit':
          if (phase.digits.length !== ACTIVATION_CODE_DIGITS) return notNow;
          // The digits leave the state here: only the effect carries them, to the backend.
          return go(state, { kind: 'checking-code', attemptsLeft: phase.attemptsLeft, resume: phase.resume }, [{ kind: 'check-code', code: phase.digits, last: phase.attemptsLeft <= 1 }]);
        case 'code-cancel':
          return go(state, resumed(phase.resume, true, phase.resume.kind === 'not-activated' ? 'cancelled' : undefined));
        case 'back-to-lists':
        case 'change-language':
        case 'choose-blank':
        case 'choose-language':
        case 'choose-list':
        case 'confirm-language':
        case 'confirm':
        case 'done':
        case 'restart-election':
        case 'review':
        case 'set-contrast':
        case 'set-text-size':
        case 'start-election':
        case 'still-here':
        case 'toggle-candidate':
        case 'toggle-top-box':
          return notNow;
        default:
          return a satisfies never;
      }
    }
    case 'card-removed':
      return go(state, resumed(phase.resume, false, undefined));
    case 'activation-card':
    case 'card-marked':
    case 'code-checked':
    case 'inactivity-timeout':
    case 'inactivity-warning':
    case 'printed':
    case 'scanned':
    case 'voter-card':
      // With the card in the slot no other card can come; a scan or a timer changes nothing here.
      return stay(state);
  }
}

function checkingCode(state: FlowState, phase: Extract<Phase, { kind: 'checking-code' }>, event: FlowEvent): StepResult {
  switch (event.type) {
    case 'code-checked': {
      if (event.ok) {
        const card = event.erased ? 'erased' : 'not-erased';
        if (phase.resume.kind === 'alarm') return rest({ kind: 'activated', after: 'alarm-reset', card, cardPresent: true }, [{ kind: 'adopt-session' }, { kind: 'alarm', sounding: false }]);
        return rest({ kind: 'activated', after: 'activation', card, cardPresent: true }, [{ kind: 'adopt-session' }]);
      }
      const attemptsLeft = phase.attemptsLeft - 1;
      if (attemptsLeft > 0) return go(state, { kind: 'activation-code', digits: '', attemptsLeft, wrong: true, resume: phase.resume });
      return go(state, resumed(phase.resume, true, event.erased ? 'too-many-codes' : 'too-many-codes-kept'));
    }
    case 'card-removed':
      // The answer that comes later finds another phase and changes nothing; the backend erases nothing then.
      return go(state, resumed(phase.resume, false, undefined));
    case 'voter':
      return { state, effects: [], rejected: 'not-now' };
    case 'activation-card':
    case 'card-marked':
    case 'inactivity-timeout':
    case 'inactivity-warning':
    case 'printed':
    case 'scanned':
    case 'voter-card':
      return stay(state);
  }
}

function activated(ctx: FlowContext, state: FlowState, phase: Extract<Phase, { kind: 'activated' }>, event: FlowEvent): StepResult {
  switch (event.type) {
    case 'card-removed':
      // A card that still holds the sealed key: the warning stays until the president has read it.
      if (phase.card === 'not-erased') return go(state, { ...phase, cardPresent: false });
      return rest({ kind: 'idle', refusal: undefined });
    case 'voter':
      if (event.action.type === 'done' && !phase.cardPresent) return rest({ kind: 'idle', refusal: undefined });
      return { state, effects: [], rejected: 'not-now' };
    case 'voter-card':
    case 'activation-card':
      return phase.cardPresent ? stay(state) : (cardAtRest(ctx, state, event) ?? stay(state));
    case 'card-marked':
    case 'code-checked':
    case 'inactivity-timeout':
    case 'inactivity-warning':
    case 'printed':
    case 'scanned':
      return stay(state);
  }
}

/** A card arrives at a machine at rest (idle, a printed ballot taken, a visualisation shown). */
function cardAtRest(ctx: FlowContext, state: FlowState, event: CardEvent): StepResult | undefined {
  switch (event.type) {
    case 'voter-card': {
      const r = event.result;
      if (!r.ok) return rest({ kind: 'card-refused', refusal: r.refusal });
      if (event.printer !== 'ready') {
        // The voter has not begun: "mag opnieuw beginnen" would say they had.
        return rest({ kind: 'alarm', reason: printerAlarm(event.printer), ballot: 'not-started', cardPresent: true }, [{ kind: 'alarm', sounding: true }]);
      }
      const session: VoterSession = {
        test: r.test,
        elections: [...r.elections],
        language: ctx.pkg.languages.length > 1 ? undefined : ctx.pkg.languages[0],
        confirmed: [],
        invalidActions: 0,
        inactivityWarning: false,
        notice: undefined,
      };
      const first: VotingStep = session.language === undefined ? { kind: 'language' } : { kind: 'election-intro', index: 0 };
      return rest({ kind: 'voting', session, step: first });
    }
    case 'activation-card':
      switch (event.card.kind) {
        case 'alarm-key':
          return rest({ kind: 'activated', after: 'already-activated', card: 'alarm-key', cardPresent: true });
        case 'sealed':
          // Already activated: the card is left as it is, for a machine that needs it.
          return rest({ kind: 'activated', after: 'already-activated', card: 'unused', cardPresent: true });
        case 'refused':
          return rest({ kind: 'card-refused', refusal: 'not-a-voter-card' });
        default:
          return event.card satisfies never;
      }
    case 'card-removed':
    case 'card-marked':
      return undefined;
    default:
      return event satisfies never;
  }
}

function idle(ctx: FlowContext, state: FlowState, event: FlowEvent): StepResult {
  switch (event.type) {
    case 'voter-card':
    case 'activation-card':
      return cardAtRest(ctx, state, event) ?? stay(state);
    case 'card-removed':
      return go(state, { kind: 'idle', refusal: undefined });
    case 'scanned':
      return rest({ kind: 'visualising', visualisation: event.visualisation });
    case 'card-marked':
    case 'code-checked':
    case 'inactivity-timeout':
    case 'inactivity-warning':
    case 'printed':
    case 'voter':
      return refuseAction(state, event);
  }
}

function visualising(ctx: FlowContext, state: FlowState, phase: Extract<Phase, { kind: 'visualising' }>, event: FlowEvent): StepResult {
  switch (event.type) {
    case 'voter-card':
    case 'activation-card':
      return cardAtRest(ctx, state, event) ?? stay(state);
    case 'scanned':
      return go(state, { kind: 'visualising', visualisation: event.visualisation });
    case 'voter': {
      const a = event.action;
      switch (a.type) {
        case 'done':
          return rest({ kind: 'idle', refusal: undefined });
        case 'choose-language':
          if (!phase.visualisation.ok || !ctx.pkg.languages.includes(a.language)) return { state, effects: [], rejected: 'unknown-language' };
          return go(state, { kind: 'visualising', visualisation: { ...phase.visualisation, language: a.language } });
        case 'set-contrast':
        case 'set-text-size':
          return applySetting(state, a) ?? { state, effects: [], rejected: 'bad-setting' };
        case 'back-to-lists':
        case 'change-language':
        case 'choose-blank':
        case 'choose-list':
        case 'code-cancel':
        case 'code-digit':
        case 'code-erase':
        case 'code-submit':
        case 'confirm-language':
        case 'confirm':
        case 'restart-election':
        case 'review':
        case 'start-election':
        case 'still-here':
        case 'toggle-candidate':
        case 'toggle-top-box':
          return { state, effects: [], rejected: 'not-now' };
        default:
          return a satisfies never;
      }
    }
    case 'card-marked':
    case 'card-removed':
    case 'code-checked':
    case 'inactivity-timeout':
    case 'inactivity-warning':
    case 'printed':
      return stay(state);
  }
}

function applySetting(state: FlowState, a: Extract<VoterAction, { type: 'set-contrast' | 'set-text-size' }>): StepResult | undefined {
  if (a.type === 'set-contrast') {
    if (a.contrast !== 'normal' && a.contrast !== 'high') return undefined;
    return stay({ ...state, settings: { ...state.settings, contrast: a.contrast } });
  }
  if (a.textSize !== 0 && a.textSize !== 1 && a.textSize !== 2) return undefined;
  return stay({ ...state, settings: { ...state.settings, textSize: a.textSize } });
}

function voting(ctx: FlowContext, state: FlowState, session: VoterSession, current: VotingStep, event: FlowEvent): StepResult {
  const alarmNow = (reason: AlarmReason, cardPresent: boolean): StepResult =>
    rest({ kind: 'alarm', reason, ballot: 'none', cardPresent }, [{ kind: 'alarm', sounding: true }]);
  switch (event.type) {
    case 'voter':
      return voterAction(ctx, state, { ...session, inactivityWarning: false }, current, event.action);
    case 'card-removed':
      // Seed 002 II.C.3.2: the card stays in the reader for the whole procedure.
      return alarmNow('card-pulled', false);
    case 'inactivity-warning':
      return go(state, { kind: 'voting', session: { ...session, inactivityWarning: true }, step: current });
    case 'inactivity-timeout':
      return alarmNow('inactivity', true);
    case 'voter-card':
    case 'activation-card':
    case 'card-marked':
    case 'printed':
    case 'scanned':
    case 'code-checked':
      // Cannot happen with a card in the reader and nothing printing; ignored, not guessed at.
      return stay(state);
    default:
      return event satisfies never;
  }
}

function voterAction(ctx: FlowContext, state: FlowState, session: VoterSession, current: VotingStep, action: VoterAction): StepResult {
  const at = (next: VotingStep, notice: Notice | undefined = undefined, s: VoterSession = session): StepResult =>
    go(state, { kind: 'voting', session: { ...s, notice }, step: next });
  const refuse = (why: Rejection): StepResult => {
    const invalidActions = session.invalidActions + 1;
    if (invalidActions >= MAX_INVALID_ACTIONS) {
      return { ...rest({ kind: 'alarm', reason: 'too-many-invalid-actions', ballot: 'none', cardPresent: true }, [{ kind: 'alarm', sounding: true }]), rejected: why };
    }
    const notice: Notice = why === 'nothing-chosen' ? { kind: 'nothing-chosen' } : { kind: 'not-possible' };
    return { ...go(state, { kind: 'voting', session: { ...session, invalidActions, notice }, step: current }), rejected: why };
  };

  // Available on every screen of the session; they change only how things look.
  switch (action.type) {
    case 'set-contrast':
    case 'set-text-size': {
      const r = applySetting({ ...state, phase: { kind: 'voting', session, step: current } }, action);
      return r ?? refuse('bad-setting');
    }
    case 'still-here':
      return go(state, { kind: 'voting', session, step: current });
    case 'back-to-lists':
    case 'change-language':
    case 'choose-blank':
    case 'choose-language':
    case 'choose-list':
    case 'code-cancel':
    case 'code-digit':
    case 'code-erase':
    case 'code-submit':
    case 'confirm-language':
    case 'confirm':
    case 'done':
    case 'restart-election':
    case 'review':
    case 'start-election':
    case 'toggle-candidate':
    case 'toggle-top-box':
      break;
  }

  switch (current.kind) {
    case 'language':
      if (action.type !== 'choose-language') return refuse('not-now');
      if (!ctx.pkg.languages.includes(action.language)) return refuse('unknown-language');
      return at({ kind: 'language-confirm', language: action.language });
    case 'language-confirm':
      if (action.type === 'change-language') return at({ kind: 'language' });
      if (action.type !== 'confirm-language') return refuse('not-now');
      // Decree art. 16 §2: definitive for all elections once confirmed.
      return at({ kind: 'election-intro', index: 0 }, undefined, { ...session, language: current.language });
    case 'election-intro':
      if (action.type !== 'start-election') return refuse('not-now');
      return at({ kind: 'lists', index: current.index });
    case 'lists': {
      if (action.type === 'choose-blank') return at({ kind: 'confirm', index: current.index, choice: { kind: 'blank' } });
      if (action.type !== 'choose-list') return refuse('not-now');
      const election = electionAt(ctx, session, current.index);
      if (!findList(election, action.list)) return refuse('unknown-list');
      // A new list always starts empty: nothing carries over from a list seen before (2014).
      return at({ kind: 'candidates', index: current.index, list: action.list, topBox: false, candidates: [] });
    }
    case 'candidates': {
      switch (action.type) {
        case 'toggle-top-box':
          return at({ ...current, topBox: !current.topBox });
        case 'toggle-candidate': {
          const list = findList(electionAt(ctx, session, current.index), current.list);
          if (!list?.candidates.some((c) => c.position === action.position)) return refuse('unknown-candidate');
          const chosen = current.candidates.includes(action.position);
          const candidates = chosen ? current.candidates.filter((p) => p !== action.position) : [...current.candidates, action.position].sort((a, b) => a - b);
          return at({ ...current, candidates });
        }
        case 'back-to-lists': {
          const discarded = current.topBox || current.candidates.length > 0;
          return at({ kind: 'lists', index: current.index }, discarded ? { kind: 'choices-discarded', list: current.list } : undefined);
        }
        case 'review': {
          if (!current.topBox && current.candidates.length === 0) return refuse('nothing-chosen');
          const choice: ElectionChoice = { kind: 'list', list: current.list, topBox: current.topBox, candidates: [...current.candidates] };
          return at({ kind: 'confirm', index: current.index, choice });
        }
        case 'change-language':
        case 'choose-blank':
        case 'choose-language':
        case 'choose-list':
        case 'code-cancel':
        case 'code-digit':
        case 'code-erase':
        case 'code-submit':
        case 'confirm-language':
        case 'confirm':
        case 'done':
        case 'restart-election':
        case 'start-election':
          return refuse('not-now');
        default:
          return action satisfies never;
      }
    }
    case 'confirm': {
      if (action.type === 'restart-election') return at({ kind: 'lists', index: current.index }, { kind: 'election-restarted' });
      if (action.type !== 'confirm') return refuse('not-now');
      const id = session.elections[current.index] as string;
      const confirmed: ElectionVote[] = [...session.confirmed, { election: id, choice: current.choice }];
      const next = current.index + 1;
      if (next < session.elections.length) {
        return at({ kind: 'election-intro', index: next }, undefined, { ...session, confirmed });
      }
      // Art. 17 §1 with the order of issue 4: first the card is marked used, then the ballot printed.
      const language: Language = session.language ?? (ctx.pkg.languages[0] as Language);
      return go(
        state,
        { kind: 'finishing', stage: 'marking-card', ballot: { test: session.test, vote: { elections: confirmed }, language }, cardRemoved: false },
        [{ kind: 'mark-card-used' }],
      );
    }
    default:
      return current satisfies never;
  }
}

function electionAt(ctx: FlowContext, session: VoterSession, index: number) {
  const id = session.elections[index];
  const election = id === undefined ? undefined : findElection(ctx.pkg, id);
  // The backend only accepts cards whose elections the package holds for this station.
  if (!election) throw new Error(`flow: election ${String(id)} is not in the package`);
  return election;
}

function finishing(state: FlowState, phase: Extract<Phase, { kind: 'finishing' }>, event: FlowEvent): StepResult {
  switch (event.type) {
    case 'card-marked':
      if (phase.stage !== 'marking-card') return stay(state);
      if (!event.ok) return rest({ kind: 'alarm', reason: 'card-write-failed', ballot: 'none', cardPresent: !phase.cardRemoved }, [{ kind: 'alarm', sounding: true }]);
      return go(state, { ...phase, stage: 'printing' }, [{ kind: 'print', ballot: phase.ballot }]);
    case 'card-removed':
      // Pulled before the card was marked: no ballot, and the card's state is unknown.
      if (phase.stage === 'marking-card') return rest({ kind: 'alarm', reason: 'card-pulled', ballot: 'none', cardPresent: false }, [{ kind: 'alarm', sounding: true }]);
      // Pulled while printing: the card is used and the ballot is on its way; nothing to stop.
      return go(state, { ...phase, cardRemoved: true });
    case 'printed': {
      if (phase.stage !== 'printing') return stay(state);
      const r = event.result;
      if (r.ok) return rest({ kind: 'printed', test: phase.ballot.test, language: phase.ballot.language, cardPresent: !phase.cardRemoved });
      const reason: AlarmReason = r.reason === 'prepare-failed' ? 'print-failed' : printerAlarm(r.reason);
      return rest({ kind: 'alarm', reason, ballot: r.partial ? 'partly-printed' : 'not-printed', cardPresent: !phase.cardRemoved }, [{ kind: 'alarm', sounding: true }]);
    }
    case 'voter':
      return { state, effects: [], rejected: 'not-now' };
    case 'voter-card':
    case 'activation-card':
    case 'inactivity-warning':
    case 'inactivity-timeout':
    case 'scanned':
    case 'code-checked':
      return stay(state);
    default:
      return event satisfies never;
  }
}

function printed(ctx: FlowContext, state: FlowState, phase: Extract<Phase, { kind: 'printed' }>, event: FlowEvent): StepResult {
  switch (event.type) {
    case 'card-removed':
      return rest({ kind: 'idle', refusal: undefined });
    case 'voter-card':
    case 'activation-card':
      return cardAtRest(ctx, state, event) ?? stay(state);
    case 'scanned':
      return rest({ kind: 'visualising', visualisation: event.visualisation });
    case 'voter':
      if (event.action.type === 'done' && !phase.cardPresent) return rest({ kind: 'idle', refusal: undefined });
      return { state, effects: [], rejected: 'not-now' };
    case 'card-marked':
    case 'printed':
    case 'inactivity-warning':
    case 'inactivity-timeout':
    case 'code-checked':
      return stay(state);
    default:
      return event satisfies never;
  }
}

function alarm(state: FlowState, phase: Extract<Phase, { kind: 'alarm' }>, event: FlowEvent): StepResult {
  switch (event.type) {
    case 'activation-card': {
      // The president's key: an erased activation card of this session, or a new one with its code (HARDWARE.md).
      const card = event.card;
      if (card.kind === 'refused') return go(state, { ...phase, cardPresent: true, refusal: card.refusal });
      if (event.printer !== 'ready') {
        // The alarm stays until the printer is ready again; the reason shown becomes the printer's.
        return go(state, { ...phase, reason: printerAlarm(event.printer), cardPresent: true, refusal: undefined });
      }
      if (card.kind === 'sealed') return askCode(state, card.attemptsLeft, { kind: 'alarm', reason: phase.reason, ballot: phase.ballot });
      return rest({ kind: 'activated', after: 'alarm-reset', card: 'alarm-key', cardPresent: true }, [{ kind: 'alarm', sounding: false }]);
    }
    case 'voter-card':
      return go(state, { ...phase, cardPresent: true, refusal: undefined });
    case 'card-removed':
      return go(state, { ...phase, cardPresent: false, refusal: undefined });
    case 'voter':
      return { state, effects: [], rejected: 'not-now' };
    case 'card-marked':
    case 'printed':
    case 'inactivity-warning':
    case 'inactivity-timeout':
    case 'scanned':
    case 'code-checked':
      return stay(state);
    default:
      return event satisfies never;
  }
}
