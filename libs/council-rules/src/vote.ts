// A member's vote and whether it fits the ballot and the round. In a second round (herstemming)
// only the candidates it was called for may be chosen.
import { err, ok, type Result } from '@ovs/basics';
import { STANDARD_CHOICES, type Ballot, type StandardChoice } from './ballot.ts';

export type Vote = { kind: 'standaard'; choice: StandardChoice } | { kind: 'kandidaten'; candidates: readonly string[] };

/** A first round, or a second round between the candidates the first left (art. 35 DLB). */
export type RoundKind = { kind: 'eerste' } | { kind: 'herstemming'; candidates: readonly string[]; seats: number };

export type VoteProblem = 'wrong-kind' | 'unknown-choice' | 'blank-in-public' | 'unknown-candidate' | 'duplicate-candidate' | 'too-many-choices';

export const VOTE_PROBLEM_TEXT: Record<VoteProblem, string> = {
  'wrong-kind': 'Deze stem past niet bij de stembrief: laad de pagina opnieuw en stem nog eens.',
  'unknown-choice': 'Kies ja, nee of onthouding.',
  'blank-in-public': 'Blanco stemmen kan alleen bij een geheime stemming: kies ja, nee of onthouding.',
  'unknown-candidate': 'Die kandidaat staat niet op de stembrief van deze ronde: kies een kandidaat van de lijst.',
  'duplicate-candidate': 'U koos dezelfde kandidaat twee keer: kies elke kandidaat ten hoogste één keer.',
  'too-many-choices': 'U koos meer kandidaten dan toegelaten: verminder uw keuze tot het maximum.',
};

/** The candidates and the number that may be chosen in this round. */
export function roundCandidates(ballot: Ballot, round: RoundKind): { ids: readonly string[]; max: number } {
  if (ballot.choices.kind !== 'kandidaten') return { ids: [], max: 0 };
  if (round.kind === 'herstemming') return { ids: round.candidates, max: round.seats };
  return { ids: ballot.choices.candidates.map((c) => c.id), max: ballot.choices.maxChoices };
}

export function checkVote(ballot: Ballot, round: RoundKind, vote: Vote): Result<Vote, VoteProblem> {
  if (vote.kind !== ballot.choices.kind) return err('wrong-kind');
  switch (vote.kind) {
    case 'standaard':
      if (!STANDARD_CHOICES.includes(vote.choice)) return err('unknown-choice');
      if (vote.choice === 'blanco' && !ballot.secret) return err('blank-in-public');
      return ok({ kind: 'standaard', choice: vote.choice });
    case 'kandidaten': {
      const { ids, max } = roundCandidates(ballot, round);
      if (vote.candidates.some((c) => !ids.includes(c))) return err('unknown-candidate');
      if (new Set(vote.candidates).size !== vote.candidates.length) return err('duplicate-candidate');
      if (vote.candidates.length > max) return err('too-many-choices');
      // A canonical order: the stored ballot says nothing about the order the member clicked in.
      return ok({ kind: 'kandidaten', candidates: ids.filter((id) => vote.candidates.includes(id)) });
    }
    default:
      return vote satisfies never;
  }
}
