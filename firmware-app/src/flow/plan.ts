// How a headless voter (the election-day simulation, tests, benchmarks) reaches a given vote:
// the exact sequence of touches a person would make, including the detours voters take
// (another list first, starting an election over). Pure, so it can be checked against the
// flow itself before it is ever sent to a machine.
import type { ElectionChoice } from '@ovs/ballot';
import type { Election, Language } from '@ovs/election';
import type { VoterAction } from './types.ts';

export type Detour =
  /** Opens another list, ticks its top box and first candidate, then goes back (2014). */
  | 'other-list-first'
  /** Makes the choice, reviews it, starts the election over, then makes it again. */
  | 'restart'
  /** Toggles the last candidate of the list on and off before reviewing. */
  | 'hesitate';

export interface ElectionIntent {
  choice: ElectionChoice;
  detours?: readonly Detour[];
}

export interface VoterIntent {
  /** Needed when the package offers a language choice; ignored otherwise. */
  language?: Language;
  /** One per election on the card, in the card's (legal) order. */
  elections: readonly ElectionIntent[];
  /** Settings the voter touches on the first screen (they change nothing about the vote). */
  settings?: { contrast?: 'normal' | 'high'; textSize?: 0 | 1 | 2 };
}

function makeChoice(election: Election, choice: ElectionChoice, hesitate: boolean): VoterAction[] {
  switch (choice.kind) {
    case 'blank':
      return [{ type: 'choose-blank' }];
    case 'list': {
      const actions: VoterAction[] = [{ type: 'choose-list', list: choice.list }];
      if (choice.topBox) actions.push({ type: 'toggle-top-box' });
      for (const position of choice.candidates) actions.push({ type: 'toggle-candidate', position });
      if (hesitate) {
        const count = election.lists.find((l) => l.number === choice.list)?.candidates.length ?? 0;
        const last = count;
        if (last > 0 && !choice.candidates.includes(last)) actions.push({ type: 'toggle-candidate', position: last }, { type: 'toggle-candidate', position: last });
      }
      actions.push({ type: 'review' });
      return actions;
    }
    default:
      return choice satisfies never;
  }
}

/**
 * The touches for one voter. `elections` are the package's elections for the card, in order;
 * `offersLanguage` is true when the package lists more than one language.
 */
export function planVoter(elections: readonly Election[], offersLanguage: boolean, intent: VoterIntent): VoterAction[] {
  if (intent.elections.length !== elections.length) throw new Error('planVoter: one intent per election on the card');
  const actions: VoterAction[] = [];
  if (intent.settings?.contrast) actions.push({ type: 'set-contrast', contrast: intent.settings.contrast });
  if (intent.settings?.textSize !== undefined) actions.push({ type: 'set-text-size', textSize: intent.settings.textSize });
  if (offersLanguage) {
    if (!intent.language) throw new Error('planVoter: the package offers a language choice');
    actions.push({ type: 'choose-language', language: intent.language }, { type: 'confirm-language' });
  }
  elections.forEach((election, i) => {
    const { choice, detours = [] } = intent.elections[i] as ElectionIntent;
    actions.push({ type: 'start-election' });
    if (detours.includes('other-list-first')) {
      const chosen = choice.kind === 'list' ? choice.list : undefined;
      const other = election.lists.find((l) => l.number !== chosen);
      if (other) actions.push({ type: 'choose-list', list: other.number }, { type: 'toggle-top-box' }, { type: 'toggle-candidate', position: 1 }, { type: 'back-to-lists' });
    }
    const hesitate = detours.includes('hesitate');
    if (detours.includes('restart')) actions.push(...makeChoice(election, choice, hesitate), { type: 'restart-election' });
    actions.push(...makeChoice(election, choice, hesitate), { type: 'confirm' });
  });
  return actions;
}

/**
 * The president's touches on the activation keypad for a code read from the console's screen
 * (spaces between the groups are ignored): every digit, then "Activeren" / "Alarm stoppen".
 */
export function planActivationCode(code: string): VoterAction[] {
  const digits = code.replace(/\D/g, '');
  return [...Array.from(digits, (d): VoterAction => ({ type: 'code-digit', digit: Number(d) })), { type: 'code-submit' }];
}
