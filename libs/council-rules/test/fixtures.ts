// Ballots and members for the tests: a council of 31 in four fractions.
import type { Ballot, Candidate, Member, Vote, WeightedVote } from '../src/index.ts';

export const proposal = (over: Partial<Ballot> = {}): Ballot => ({
  title: 'Goedkeuring van het meerjarenplan',
  description: '',
  choices: { kind: 'standaard' },
  secret: false,
  majority: 'gewoon',
  counting: 'hoofdelijk',
  delegation: 'individueel',
  ...over,
});

export const CANDIDATES: Candidate[] = [
  { id: 'a', name: 'An Claes', birthDate: '1970-03-01' },
  { id: 'b', name: 'Bart Peeters', birthDate: '1982-11-20' },
  { id: 'c', name: 'Chris Maes', birthDate: '1965-06-15' },
];

export const appointment = (maxChoices = 1, candidates = CANDIDATES): Ballot => ({
  title: 'Aanduiding vertegenwoordiger in de algemene vergadering',
  description: '',
  choices: { kind: 'kandidaten', candidates, maxChoices },
  secret: true,
  majority: 'gewoon',
  counting: 'hoofdelijk',
  delegation: 'individueel',
});

/** `n` votes of one kind, weight 1. */
export const times = (n: number, vote: Vote, weight = 1): WeightedVote[] => Array.from({ length: n }, () => ({ vote, weight }));
export const std = (choice: 'ja' | 'nee' | 'onthouding' | 'blanco'): Vote => ({ kind: 'standaard', choice });
export const pick = (...candidates: string[]): Vote => ({ kind: 'kandidaten', candidates });

export function council(): Member[] {
  const fractions: Array<[string, number]> = [
    ['Groen Dorp', 12],
    ['Samen Verder', 9],
    ['Open Gemeente', 6],
    ['Nieuw Links', 4],
  ];
  const out: Member[] = [];
  for (const [fraction, n] of fractions) {
    for (let i = 0; i < n; i++) out.push({ id: `${fraction}-${i}`, name: `${fraction} ${i + 1}`, fraction, weight: 1 + (i % 3), present: true, leader: i === 0 });
  }
  return out;
}
