// The reconciliation at closing (seed 002 III.3–5): the voters ticked on the aanstiplijsten, the
// voter cards issued, the ballots registered per election and the envelopes' counts, set side by
// side. Every difference is listed in words; the president types an explanation for each one,
// and both go into the PV. Pure: the console checks the closing with it and the screen shows the
// same differences while the president types (it runs in the browser too).
import type { Counters } from './snapshot.ts';

/** What the president counts and types at closing. */
export interface ClosingCounts {
  /** Voters ticked on the aanstiplijsten who voted in person, and by proxy (seed 002 III.3.1). */
  tickedInPerson: number;
  tickedByProxy: number;
  /** Counted in their envelopes (seed 002 III.5.1–5.2). */
  annulledBallots: number;
  testBallots: number;
}

export interface Difference {
  /** Stable id: what an explanation is attached to. */
  id: string;
  /** The difference in the president's words, as the PV prints it. */
  line: string;
}

const signed = (n: number): string => (n > 0 ? `+${n}` : n < 0 ? `−${-n}` : '0');

/** Voter cards handed to a voter for the first time (replacement cards follow an annulment: the same voter). */
export const firstCards = (c: Counters): number => Object.values(c.cardsPerCategory).reduce((a, b) => a + b, 0) - c.replacementCards;

export const proxyCards = (c: Counters): number => Object.values(c.proxyPerCategory).reduce((a, b) => a + b, 0);

export function closingDifferences(c: Counters, n: ClosingCounts): Difference[] {
  const out: Difference[] = [];
  const ticked = n.tickedInPerson + n.tickedByProxy;
  const cards = firstCards(c);
  if (ticked !== cards) out.push({ id: 'ticked-cards', line: `Kiezers afgestipt op de aanstiplijsten: ${ticked}; stemkaarten uitgereikt (zonder vervangkaarten): ${cards} (verschil ${signed(ticked - cards)}).` });
  const proxies = proxyCards(c);
  if (n.tickedByProxy !== proxies) out.push({ id: 'ticked-proxies', line: `Kiezers afgestipt bij volmacht: ${n.tickedByProxy}; stemkaarten bij volmacht uitgereikt: ${proxies} (verschil ${signed(n.tickedByProxy - proxies)}).` });
  for (const b of c.cardBalance) if (b.difference !== 0) out.push({ id: `ballots-${b.election}`, line: b.line });
  if (n.annulledBallots !== c.annulled) out.push({ id: 'annulled', line: `Geannuleerde stembiljetten in de omslag: ${n.annulledBallots}; op de voorzitterscomputer geannuleerd: ${c.annulled} (verschil ${signed(n.annulledBallots - c.annulled)}).` });
  if (n.testBallots !== c.testCards) out.push({ id: 'test', line: `Teststembiljetten in de omslag: ${n.testBallots}; testkaarten gemaakt: ${c.testCards} (verschil ${signed(n.testBallots - c.testCards)}).` });
  return out;
}
