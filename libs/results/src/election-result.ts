import { ok, type Result } from '@ovs/basics';
import { designate } from './elected.ts';
import { initiatiefrecht, type InitiatiefrechtOrder } from './initiatiefrecht.ts';
import { allocateSeats, type TieFailure } from './seat-allocation.ts';
import { checkSeatInput, type InputFailure, type SeatInput } from './seat-input.ts';

/**
 * Everything the hoofdbureau declares for one election from its totals: seats per list (LPKD
 * art. 166–168), the elected and the substitutes of every list (art. 169) and the order of the
 * initiatiefrecht (DLB art. 5 §3).
 */

export interface ListResult {
  readonly number: number;
  /** stemcijfer */
  readonly votes: number;
  readonly seats: number;
  /** Positions, first elected first; empty when the input gave no candidates for the list. */
  readonly elected: readonly number[];
  /** Positions, first substitute first; empty without candidates or without an elected. */
  readonly substitutes: readonly number[];
}

export interface ElectionOutcome {
  /** Ascending by list number. */
  readonly lists: readonly ListResult[];
  /** The list numbers that received the 1st, 2nd, … seat. */
  readonly awardOrder: readonly number[];
  /** Seats left when every list ran out of candidates (LPKD art. 168). */
  readonly unfilledSeats: number;
  /**
   * No holders when some list that won a seat came without candidates: nobody can then be
   * named for it, and an order that skipped it would be wrong.
   */
  readonly initiatiefrecht: InitiatiefrechtOrder;
}

/** The input refused (it has a `path`), or a tie the law's rules leave open. */
export type ElectionResult = Result<ElectionOutcome, InputFailure | TieFailure>;

export function electionResult(input: SeatInput): ElectionResult {
  const checked = checkSeatInput(input);
  if (!checked.ok) return checked;

  const allocation = allocateSeats(input.method, input.seats, input.lists);
  if (!allocation.ok) return allocation;

  const seatsOf = new Map(allocation.value.lists.map((l) => [l.number, l.seats]));
  const lists: ListResult[] = [...input.lists]
    .sort((a, b) => a.number - b.number)
    .map((l) => {
      const seats = seatsOf.get(l.number) ?? 0;
      const { elected, substitutes } = l.candidates ? designate(l.candidates, seats) : { elected: [], substitutes: [] };
      return { number: l.number, votes: l.votes, seats, elected, substitutes };
    });

  const everyWinnerNamed = input.lists.every((l) => l.candidates !== undefined || (seatsOf.get(l.number) ?? 0) === 0);
  return ok({
    lists,
    awardOrder: allocation.value.awardOrder,
    unfilledSeats: allocation.value.unfilledSeats,
    initiatiefrecht: everyWinnerNamed ? initiatiefrecht(lists) : ok([]),
  });
}
