import type { CandidateInput } from './seat-input.ts';

/**
 * The order in which a list's seats go to its candidates (LPKD art. 169 as amended by the
 * decree of 16 July 2021, first applied in 2024: the list vote no longer devolves to the
 * candidates). In the words of the ABB (vlaanderen.be, "Verkozenen en opvolgers"): the seats go
 * to the candidates "in afnemende volgorde van het aantal naamstemmen dat zij hebben behaald";
 * "alleen het aantal bepaalt de toewijzing van de zetels. Bij gelijk aantal stemmen is de
 * volgorde van de kandidaten op de lijst beslissend." The same order, continued past the
 * elected, gives the substitutes ("in volgorde van afnemende grootte van het aantal naamstemmen").
 */
export function rankCandidates(candidates: readonly CandidateInput[]): CandidateInput[] {
  return [...candidates].sort((a, b) => b.preferenceVotes - a.preferenceVotes || a.position - b.position);
}

export interface Designation {
  /** Positions of the elected, first elected first. */
  readonly elected: readonly number[];
  /** Positions of the substitutes (opvolgers), first substitute first. */
  readonly substitutes: readonly number[];
}

/**
 * Designates the elected and the substitutes of one list that won `seats` seats.
 *
 * - Art. 167/168: with no more candidates than seats, every candidate is elected (the seat
 *   allocation never gives a list more seats than candidates, art. 168).
 * - Art. 169: otherwise the `seats` first candidates in the order of `rankCandidates`.
 * - Substitutes: "als 1 of meer kandidaten van een lijst verkozen zijn, worden alle niet-verkozen
 *   kandidaten van de lijst tot opvolger verklaard", in the same order. A list without an elected
 *   candidate has no substitutes.
 */
export function designate(candidates: readonly CandidateInput[], seats: number): Designation {
  const ranked = rankCandidates(candidates).map((c) => c.position);
  if (seats <= 0) return { elected: [], substitutes: [] };
  return { elected: ranked.slice(0, seats), substitutes: ranked.slice(seats) };
}
