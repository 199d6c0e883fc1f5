// What the touch screen shows, derived from the flow state alone: the UI (and the headless
// driver) receive this and nothing else. It carries the voter's choices only while they are
// on screen; the confirmation screen carries the very lines the ballot will print.
import type { ElectionChoice } from '@ovs/ballot';
import { renderBallotText, type TextLine } from '@ovs/ballot';
import { candidateDisplayName, findElection, findList, titleIn, type ElectionKind, type Language } from '@ovs/election';
import { ACTIVATION_CODE_DIGITS } from '@ovs/card/activation-code';
import { choiceLines } from './choice-text.ts';
import type { FlowContext } from './machine.ts';
import type { TechnicianView } from '../technician/view.ts';
import type {
  ActivationRefusal,
  AlarmReason,
  BallotFailure,
  FlowState,
  Notice,
  PresidentCard,
  Settings,
  VoterCardRefusal,
  VoterSession,
  Visualisation,
} from './types.ts';

export interface ElectionHeading {
  id: string;
  kind: ElectionKind;
  title: string;
  /** 1-based position among the voter's elections, and how many there are. */
  number: number;
  of: number;
}

export interface CandidateRow {
  position: number;
  name: string;
  selected: boolean;
}

export type ScreenBody =
  | { kind: 'not-activated'; refusal: ActivationRefusal | undefined }
  /** The president's keypad: the digits typed so far (only while typing), how many more tries. */
  | { kind: 'activation-code'; digits: string; length: number; attemptsLeft: number; wrong: boolean; alarm: boolean }
  | { kind: 'checking-code' }
  | { kind: 'activated'; after: 'activation' | 'alarm-reset' | 'already-activated'; card: PresidentCard; cardPresent: boolean }
  | { kind: 'insert-card'; refusal: VoterCardRefusal | undefined }
  | { kind: 'card-refused'; refusal: VoterCardRefusal }
  | { kind: 'language'; languages: Language[] }
  | { kind: 'language-confirm'; language: Language }
  | { kind: 'election-intro'; election: ElectionHeading }
  | { kind: 'lists'; election: ElectionHeading; lists: Array<{ number: number; name: string }> }
  | { kind: 'candidates'; election: ElectionHeading; list: { number: number; name: string }; topBox: boolean; candidates: CandidateRow[] }
  | { kind: 'confirm'; election: ElectionHeading; choice: ElectionChoice; lines: string[]; last: boolean }
  | { kind: 'finishing'; stage: 'marking-card' | 'printing' }
  | { kind: 'printed'; cardPresent: boolean }
  | { kind: 'alarm'; reason: AlarmReason; ballot: BallotFailure; cardPresent: boolean; refusal: ActivationRefusal | undefined }
  | { kind: 'visualisation'; result: { ok: true; lines: TextLine[]; languages: Language[] } | { ok: false; error: Extract<Visualisation, { ok: false }>['error'] } }
  /** The test mode (src/technician/): shown by the backend over "not activated", never by the flow itself. */
  | { kind: 'technician'; view: TechnicianView };

export type ScreenKind = ScreenBody['kind'];

export interface Screen {
  body: ScreenBody;
  /** The language of the words; screens before the choice show every offered language. */
  language: Language;
  /** The package's languages, for the screens that speak to a voter not yet identified. */
  languages: Language[];
  settings: Settings;
  /** A test card: every screen says so, the ballot prints as a test ballot. */
  test: boolean;
  inactivityWarning: boolean;
  notice: Notice | undefined;
}

function heading(ctx: FlowContext, session: VoterSession, index: number): ElectionHeading {
  const id = session.elections[index] as string;
  const election = findElection(ctx.pkg, id);
  const title = election ? titleIn(election, session.language ?? 'nl') : id;
  return { id, kind: election?.kind ?? 'gemeenteraad', title, number: index + 1, of: session.elections.length };
}

export function screenOf(ctx: FlowContext, state: FlowState): Screen {
  const languages = [...ctx.pkg.languages];
  const base = { language: languages[0] as Language, languages, settings: state.settings, test: false, inactivityWarning: false, notice: undefined };
  const phase = state.phase;
  switch (phase.kind) {
    case 'not-activated':
      return { ...base, body: { kind: 'not-activated', refusal: phase.refusal } };
    case 'activation-code':
      return {
        ...base,
        body: { kind: 'activation-code', digits: phase.digits, length: ACTIVATION_CODE_DIGITS, attemptsLeft: phase.attemptsLeft, wrong: phase.wrong, alarm: phase.resume.kind === 'alarm' },
      };
    case 'checking-code':
      return { ...base, body: { kind: 'checking-code' } };
    case 'activated':
      return { ...base, body: { kind: 'activated', after: phase.after, card: phase.card, cardPresent: phase.cardPresent } };
    case 'idle':
      return { ...base, body: { kind: 'insert-card', refusal: phase.refusal } };
    case 'card-refused':
      return { ...base, body: { kind: 'card-refused', refusal: phase.refusal } };
    case 'finishing':
      return { ...base, language: phase.ballot.language, test: phase.ballot.test, body: { kind: 'finishing', stage: phase.stage } };
    case 'printed':
      return { ...base, language: phase.language, test: phase.test, body: { kind: 'printed', cardPresent: phase.cardPresent } };
    case 'alarm':
      return { ...base, body: { kind: 'alarm', reason: phase.reason, ballot: phase.ballot, cardPresent: phase.cardPresent, refusal: phase.refusal } };
    case 'visualising': {
      const v = phase.visualisation;
      if (!v.ok) return { ...base, body: { kind: 'visualisation', result: { ok: false, error: v.error } } };
      // The same renderer as the paper: what the barcode says, in words.
      const lines = renderBallotText(ctx.pkg, { test: v.test, pollingStation: ctx.station, ballotId: new Uint8Array(16), vote: v.vote }, v.language);
      return { ...base, language: v.language, test: v.test, body: { kind: 'visualisation', result: { ok: true, lines, languages } } };
    }
    case 'voting': {
      const { session, step } = phase;
      const common = {
        ...base,
        language: session.language ?? base.language,
        test: session.test,
        inactivityWarning: session.inactivityWarning,
        notice: session.notice,
      };
      switch (step.kind) {
        case 'language':
          return { ...common, body: { kind: 'language', languages } };
        case 'language-confirm':
          return { ...common, language: step.language, body: { kind: 'language-confirm', language: step.language } };
        case 'election-intro':
          return { ...common, body: { kind: 'election-intro', election: heading(ctx, session, step.index) } };
        case 'lists': {
          const election = findElection(ctx.pkg, session.elections[step.index] as string);
          const lists = (election?.lists ?? []).map((l) => ({ number: l.number, name: l.name }));
          return { ...common, body: { kind: 'lists', election: heading(ctx, session, step.index), lists } };
        }
        case 'candidates': {
          const election = findElection(ctx.pkg, session.elections[step.index] as string);
          const list = election ? findList(election, step.list) : undefined;
          const candidates = (list?.candidates ?? []).map((c) => ({ position: c.position, name: candidateDisplayName(c), selected: step.candidates.includes(c.position) }));
          return {
            ...common,
            body: { kind: 'candidates', election: heading(ctx, session, step.index), list: { number: step.list, name: list?.name ?? '' }, topBox: step.topBox, candidates },
          };
        }
        case 'confirm': {
          const election = findElection(ctx.pkg, session.elections[step.index] as string);
          const lines = election ? choiceLines(election, step.choice, common.language) : [];
          const last = step.index === session.elections.length - 1;
          return { ...common, body: { kind: 'confirm', election: heading(ctx, session, step.index), choice: step.choice, lines, last } };
        }
        default:
          return step satisfies never;
      }
    }
    default:
      return phase satisfies never;
  }
}
