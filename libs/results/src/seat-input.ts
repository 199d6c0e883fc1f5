import { done, err, type Result } from '@ovs/basics';

/**
 * What the hoofdbureau knows about one election once the votes are counted: the stemcijfer of
 * every list and, where known, the preference votes of its candidates. This is the input of the
 * seat allocation (LPKD art. 166–168), the designation of the elected and substitutes
 * (art. 169) and the initiatiefrecht (DLB art. 5 §3).
 */

/**
 * Imperiali (divisors 1, 1½, 2, 2½, …) for gemeenteraad and OCMW-raad, D'Hondt (1, 2, 3, …)
 * for provincieraad and districtsraad.
 */
export type SeatMethod = 'imperiali' | 'dhondt';

export interface CandidateInput {
  /** 1-based position on the list (the order of the voordrachtsakte). */
  readonly position: number;
  /** naamstemmen: ballots with a vote for this candidate. */
  readonly preferenceVotes: number;
  /**
   * Birth date as `YYYY-MM-DD`. Only the last tie rule of LPKD art. 166 needs it (see
   * seat-allocation.ts); when that rule is reached and a date is missing, the allocation
   * answers `tie-needs-birth-date` instead of guessing.
   */
  readonly birthDate?: string;
}

export interface ListInput {
  /** The list number drawn for the election. */
  readonly number: number;
  /** stemcijfer (LPKD art. 165): valid ballots for the list, top box and/or candidates. */
  readonly votes: number;
  /**
   * The list's candidates. Absent = unknown: the list then has no candidate limit (art. 168
   * cannot apply), and nobody can be designated on it.
   */
  readonly candidates?: readonly CandidateInput[];
}

export interface SeatInput {
  readonly method: SeatMethod;
  /** Number of seats to fill (at least 1). */
  readonly seats: number;
  readonly lists: readonly ListInput[];
}

export type InputProblem =
  | 'bad-method'
  | 'bad-seats'
  | 'bad-list-number'
  | 'duplicate-list-number'
  | 'bad-votes'
  | 'bad-position'
  | 'duplicate-position'
  | 'bad-preference-votes'
  | 'preference-votes-exceed-votes'
  | 'bad-birth-date';

export interface InputFailure {
  readonly code: InputProblem;
  /** Where, in the JSON path notation of the CLI input, e.g. `lists[1].candidates[0].position`. */
  readonly path: string;
  readonly message: string;
}

export type InputCheck = Result<void, InputFailure>;

/** Largest number of seats accepted: Flemish councils have at most 55; this only stops absurd input. */
export const MAX_SEATS = 1000;

const isCount = (n: number): boolean => Number.isSafeInteger(n) && n >= 0;
const isPositive = (n: number): boolean => Number.isSafeInteger(n) && n >= 1;

/** `YYYY-MM-DD` naming a real calendar day. */
export function isBirthDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1] ?? 0;
  return d <= days;
}

function problem(code: InputProblem, path: string, message: string): InputCheck {
  return err({ code, path, message });
}

/**
 * Checks what the types cannot: ranges, uniqueness, and that no candidate has more preference
 * votes than the list has ballots (each ballot counts once for the list and at most once for
 * each of its candidates). Reports the first problem found.
 */
export function checkSeatInput(input: SeatInput): InputCheck {
  if (input.method !== 'imperiali' && input.method !== 'dhondt') {
    return problem('bad-method', 'method', 'must be "imperiali" or "dhondt"');
  }
  if (!Number.isSafeInteger(input.seats) || input.seats < 1 || input.seats > MAX_SEATS) {
    return problem('bad-seats', 'seats', `must be an integer from 1 to ${MAX_SEATS}`);
  }
  const numbers = new Set<number>();
  for (const [i, list] of input.lists.entries()) {
    const at = `lists[${i}]`;
    if (!isPositive(list.number)) return problem('bad-list-number', `${at}.number`, 'must be a positive integer');
    if (numbers.has(list.number)) {
      return problem('duplicate-list-number', `${at}.number`, `list number ${list.number} appears more than once`);
    }
    numbers.add(list.number);
    if (!isCount(list.votes)) return problem('bad-votes', `${at}.votes`, 'must be a non-negative integer');
    const positions = new Set<number>();
    for (const [j, c] of (list.candidates ?? []).entries()) {
      const cat = `${at}.candidates[${j}]`;
      if (!isPositive(c.position)) return problem('bad-position', `${cat}.position`, 'must be a positive integer');
      if (positions.has(c.position)) {
        return problem('duplicate-position', `${cat}.position`, `position ${c.position} appears more than once on list ${list.number}`);
      }
      positions.add(c.position);
      if (!isCount(c.preferenceVotes)) {
        return problem('bad-preference-votes', `${cat}.preferenceVotes`, 'must be a non-negative integer');
      }
      if (c.preferenceVotes > list.votes) {
        return problem(
          'preference-votes-exceed-votes',
          `${cat}.preferenceVotes`,
          `${c.preferenceVotes} preference votes exceed the list's ${list.votes} votes`,
        );
      }
      if (c.birthDate !== undefined && !isBirthDate(c.birthDate)) {
        return problem('bad-birth-date', `${cat}.birthDate`, 'must be a date written YYYY-MM-DD');
      }
    }
  }
  return done;
}
