import { err, ok, type Result } from '@ovs/basics';
import { compareQuotients, type DivisorMethod } from './divisor-method.ts';
import { dhondt } from './dhondt.ts';
import { imperiali } from './imperiali.ts';
import { rankCandidates } from './elected.ts';
import type { CandidateInput, ListInput, SeatMethod } from './seat-input.ts';

/**
 * Seat allocation over the lists of one election (LPKD art. 166–168; see README.md for the
 * sources and what could not be checked against the consolidated text).
 *
 * Art. 166: the stemcijfers are divided by the method's divisors and the quotients ranked "tot ze
 * voor alle lijsten samen zoveel quotiënten bereiken als er leden te kiezen zijn" (ABB FAQ on
 * art. 165–169); each list gets as many seats as it has quotients in that ranking. Done here one
 * seat at a time, which gives the same ranking.
 *
 * Equal quotients only matter when they compete for the last seats; then, in this order:
 *   1. the list with the higher stemcijfer ("bij een ex aequo gaat de zetel naar de lijst met het
 *      grootste stemcijfer");
 *   2. with equal stemcijfers, the list whose candidate "wiens verkiezing in het geding is" (the
 *      candidate the seat would go to under art. 169) has the most preference votes;
 *   3. subsidiarily, the list of the oldest of those candidates ("of, subsidiair, die de oudste in
 *      jaren is").
 * Rules 2 and 3 are worded here as in the analogous rule for the Flemish Parliament (art. 29quater
 * of the law on the Flemish and Walloon Parliament elections); press explainers of the municipal
 * rule name the same criteria ("voorkeurstemmen of zelfs leeftijd"). The LPKD article itself could
 * not be read verbatim: the age direction ("oudste") is the one detail to re-check against it.
 * They need data the stemcijfers lack: when reached without it the allocation answers
 * `tie-needs-candidates` or `tie-needs-birth-date`; if they do not separate the lists either it
 * answers `unbreakable-tie`. It never draws lots or picks silently.
 *
 * Art. 168: a list with fewer candidates than the seats it would get elects all of them and the
 * hoofdbureau "verdeelt de niet-toegekende zetels over de overige lijsten […] door voortzetting
 * van de bewerking die voor de initiële zetelverdeling gebruikt wordt" (vlaanderen.be). If every
 * list runs out, the seats left are reported as `unfilledSeats`.
 */

export type TieProblem = 'tie-needs-candidates' | 'tie-needs-birth-date' | 'unbreakable-tie';

export interface ListSeats {
  readonly number: number;
  readonly seats: number;
}

export interface AllocatedSeats {
  /** Seats per list, in the order of the input lists. */
  readonly lists: readonly ListSeats[];
  /**
   * The list number that received the 1st, 2nd, … seat. Where equal quotients all received a
   * seat the law does not order them; they are shown by stemcijfer, then list number.
   */
  readonly awardOrder: readonly number[];
  /** Seats nobody could take because every list ran out of candidates (art. 168). */
  readonly unfilledSeats: number;
}

export interface TieFailure {
  readonly code: TieProblem;
  /** The seat (1-based, in award order) that the tie is about. */
  readonly seat: number;
  /** The list numbers still tied when the rules ran out, ascending. */
  readonly lists: readonly number[];
}

export type SeatAllocation = Result<AllocatedSeats, TieFailure>;

export function divisorMethod(method: SeatMethod): DivisorMethod {
  switch (method) {
    case 'imperiali':
      return imperiali;
    case 'dhondt':
      return dhondt;
    default: {
      const unknown: never = method;
      throw new Error(`unknown seat method ${String(unknown)}`);
    }
  }
}

interface Contender {
  readonly number: number;
  readonly votes: number;
  /** Candidates in art. 169 order, or undefined when the input did not give them. */
  readonly ranked: readonly CandidateInput[] | undefined;
  readonly limit: number;
  won: number;
}

/** The candidate who would take this list's next seat (art. 169 order). */
const atStake = (c: Contender): CandidateInput | undefined => c.ranked?.[c.won];

interface TieRule {
  /** What to answer when a contender lacks the data this rule needs. */
  readonly missing: TieProblem;
  /** A lower key ranks first; undefined when the data is missing. */
  key(c: Contender): number | string | undefined;
}

const TIE_RULES: readonly TieRule[] = [
  // 1. "de lijst met het hoogste stemcijfer"
  { missing: 'unbreakable-tie', key: (c) => -c.votes },
  // 2. the candidate whose election is at stake with the most preference votes
  { missing: 'tie-needs-candidates', key: (c) => (c.ranked ? -(atStake(c)?.preferenceVotes ?? 0) : undefined) },
  // 3. subsidiarily the oldest: the earliest birth date first (ISO dates sort as text). This is
  //    the line to change should the consolidated LPKD say "de jongste" (see README.md).
  { missing: 'tie-needs-birth-date', key: (c) => atStake(c)?.birthDate },
];

/** The contenders chosen, or the tie the rules could not break. */
type Selection = Result<
  readonly Contender[],
  {
    readonly code: TieProblem;
    readonly lists: readonly number[];
    /** Contenders the rules had already put ahead of the unresolved tie. */
    readonly settled: number;
  }
>;

const ascendingNumbers = (group: readonly Contender[]): number[] => group.map((c) => c.number).sort((a, b) => a - b);

/**
 * Picks the `k` contenders (fewer than the group) that the tie rules put first. A rule is only
 * consulted for the contenders it has to separate, so a birth date is asked for only when the
 * seat really depends on it.
 */
function selectByTieRules(group: readonly Contender[], k: number, rule: number): Selection {
  if (k <= 0) return ok([]);
  if (k >= group.length) return ok(group);
  const current = TIE_RULES[rule];
  if (current === undefined) return err({ code: 'unbreakable-tie', lists: ascendingNumbers(group), settled: 0 });
  const keyed: Array<{ contender: Contender; key: number | string }> = [];
  for (const contender of group) {
    const key = current.key(contender);
    if (key === undefined) return err({ code: current.missing, lists: ascendingNumbers(group), settled: 0 });
    keyed.push({ contender, key });
  }
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const boundary = keyed[k - 1]!.key;
  const ahead = keyed.filter((x) => x.key < boundary).map((x) => x.contender);
  const level = keyed.filter((x) => x.key === boundary).map((x) => x.contender);
  if (ahead.length + level.length === k) return ok([...ahead, ...level]);
  const rest = selectByTieRules(level, k - ahead.length, rule + 1);
  return rest.ok ? ok([...ahead, ...rest.value]) : err({ ...rest.error, settled: rest.error.settled + ahead.length });
}

const byStemcijferThenNumber = (a: Contender, b: Contender): number => b.votes - a.votes || a.number - b.number;

/**
 * Allocates `seats` seats over `lists`. Expects input that passed `checkSeatInput`; numbers out
 * of range are a programmer error.
 */
export function allocateSeats(method: SeatMethod, seats: number, lists: readonly ListInput[]): SeatAllocation {
  if (!Number.isSafeInteger(seats) || seats < 0) throw new RangeError(`seats must be a non-negative integer, got ${seats}`);
  const divisors = divisorMethod(method);
  const contenders: Contender[] = lists.map((l) => ({
    number: l.number,
    votes: l.votes,
    ranked: l.candidates ? rankCandidates(l.candidates) : undefined,
    limit: l.candidates ? l.candidates.length : Number.POSITIVE_INFINITY,
    won: 0,
  }));
  const awardOrder: number[] = [];

  while (awardOrder.length < seats) {
    // Art. 168: a list that has as many seats as candidates takes no further part.
    const eligible = contenders.filter((c) => c.won < c.limit);
    if (eligible.length === 0) break;

    let best: Contender[] = [];
    for (const c of eligible) {
      const first = best[0];
      const cmp = first === undefined ? 1 : compareQuotients(divisors, c.votes, c.won, first.votes, first.won);
      if (cmp > 0) best = [c];
      else if (cmp === 0) best.push(c);
    }

    const remaining = seats - awardOrder.length;
    let winners: readonly Contender[];
    if (best.length <= remaining) {
      // Every equal quotient gets a seat: no tie rule is needed.
      winners = [...best].sort(byStemcijferThenNumber);
    } else {
      const picked = selectByTieRules(best, remaining, 0);
      if (!picked.ok) {
        return err({ code: picked.error.code, seat: awardOrder.length + picked.error.settled + 1, lists: picked.error.lists });
      }
      winners = picked.value;
    }
    for (const w of winners) {
      w.won += 1;
      awardOrder.push(w.number);
    }
  }

  return ok({
    lists: contenders.map((c) => ({ number: c.number, seats: c.won })),
    awardOrder,
    unfilledSeats: seats - awardOrder.length,
  });
}
