// Chip cards against ballots (issue 11): per election, the ballots the voter cards issued lead
// one to expect, against the ballots registered. A difference is never a refusal — a voter may
// leave with an unused card, a voting computer may fail after marking the card used — but every
// difference is a warning the president must explain (console closing, PV, hoofdbureau).
//
// The rule, per voter category c, from the event log (only the console's records count: the
// cards it wrote and the annulments it recorded; test and activation cards never):
//   first(c)        voter cards that are not replacement cards (one per voter; a proxy is a voter
//                   for the proxy-giver's category)
//   replacements(c) replacement cards that follow an annulment: the annulment's own card, one
//                   issued on its own with the reason `annulment`, or one without a reason (older logs)
//   annulled(c)     annulled ballots recorded for a voter of c
//   expected(c) = first(c) − max(0, annulled(c) − replacements(c))
// A new card without an annulment (reason `damaged-card`, `not-printed`, `write-failed`) is counted
// apart: the same voter, still one ballot, so it neither adds a ballot nor stands for an annulment.
// and for an election E: expected(E) = Σ expected(c) over the categories that vote in E at this
// station (electionsForCategory), compared with the ballots registered for E.
//
// Why: decree art. 17 §2 (seed 002, "Het stembiljet wordt geannuleerd", 1°–5°) — an annulled
// ballot is taken back and does not go into the box; "de kiezer wordt verzocht opnieuw te stemmen
// door middel van een andere chipkaart": the replacement card gives the same voter one new
// ballot. So a voter ends with one ballot in the box however many times it was annulled, and
// an annulment that no replacement card followed is a voter who left without voting again. The
// same paragraph gives a voter whose card was damaged before voting a new card: a replacement
// without an annulment, still one ballot. Since the console records why a card was issued on its
// own, such a card no longer hides a voter who left after an annulment. The max(0, …) stays for
// logs written before the reason was recorded, where a category with both (a damaged card and a
// voter who left) cannot be told apart: the difference is then shown, for the president to explain.
//
// Annulments written before the category was recorded (no `category`) are taken as followed by
// their replacement card, which the console always wrote in the same step: they change nothing.
import type { StickEvent } from './event-log.ts';

export interface CardBalance {
  election: string;
  registered: number;
  /** Voter cards issued to categories that vote in this election, replacement cards included. */
  cards: number;
  /** Replacement cards that follow an annulment. */
  replacements: number;
  /** New cards without an annulment (damaged card, no ballot printed, card write failed): included in `cards`, never in `expected`. */
  withoutAnnulment: number;
  annulled: number;
  expected: number;
  /** registered − expected: positive when there are more ballots than the cards explain. */
  difference: number;
}

interface PerCategory {
  first: number;
  replacements: number;
  withoutAnnulment: number;
  annulled: number;
}

/**
 * One entry per election of `registeredPerElection` (in its order). `electionsOf` gives the
 * elections a card of a category is valid for at this station.
 */
export function cardBalance(events: readonly StickEvent[], registeredPerElection: Readonly<Record<string, number>>, electionsOf: (category: string) => readonly string[]): CardBalance[] {
  const per = new Map<string, PerCategory>();
  const of = (c: string): PerCategory => {
    let p = per.get(c);
    if (!p) per.set(c, (p = { first: 0, replacements: 0, withoutAnnulment: 0, annulled: 0 }));
    return p;
  };
  for (const e of events) {
    if (e.type === 'voter-card') {
      if (!e.replacement) of(e.category).first++;
      else if (e.reason === undefined || e.reason === 'annulment') of(e.category).replacements++;
      else of(e.category).withoutAnnulment++;
    } else if (e.type === 'ballot-annulled' && e.category !== undefined) {
      of(e.category).annulled++;
    }
  }
  return Object.entries(registeredPerElection).map(([election, registered]) => {
    let cards = 0;
    let replacements = 0;
    let withoutAnnulment = 0;
    let annulled = 0;
    let expected = 0;
    for (const [category, p] of per) {
      if (!electionsOf(category).includes(election)) continue;
      cards += p.first + p.replacements + p.withoutAnnulment;
      replacements += p.replacements;
      withoutAnnulment += p.withoutAnnulment;
      annulled += p.annulled;
      expected += p.first - Math.max(0, p.annulled - p.replacements);
    }
    return { election, registered, cards, replacements, withoutAnnulment, annulled, expected, difference: registered - expected };
  });
}

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** "Gemeenteraad: 40 stembiljetten geregistreerd, 0 stemkaarten uitgereikt (verschil +40)." */
export function cardBalanceLine(b: CardBalance, title: string): string {
  const parts = [plural(b.registered, 'stembiljet geregistreerd', 'stembiljetten geregistreerd'), plural(b.cards, 'stemkaart uitgereikt', 'stemkaarten uitgereikt')];
  const within = [
    ...(b.replacements > 0 ? [plural(b.replacements, 'vervangkaart', 'vervangkaarten')] : []),
    ...(b.withoutAnnulment > 0 ? [plural(b.withoutAnnulment, 'nieuwe kaart zonder annulering', 'nieuwe kaarten zonder annulering')] : []),
  ];
  if (within.length > 0) parts[1] += ` (waarvan ${within.join(' en ')})`;
  if (b.annulled > 0) parts.push(plural(b.annulled, 'stembiljet geannuleerd', 'stembiljetten geannuleerd'));
  if (b.expected !== b.cards) parts.push(`${b.expected} verwacht`);
  const sign = b.difference > 0 ? '+' : b.difference < 0 ? '−' : '';
  return `${title}: ${parts.join(', ')} (verschil ${sign}${Math.abs(b.difference)}).`;
}
