import { err, ok, type Result } from '@ovs/basics';

/**
 * Which polling stations' results may be published on their own (the 500-voter rule of the 2024
 * instructions, onderrichtingen §V.3.2, and the ABB information session on results management).
 *
 * "Bij digitale stemming worden de stemresultaten per individueel stembureau bekendgemaakt, op
 * voorwaarde dat er minstens 500 kiezers hun stem hebben uitgebracht in dat stembureau. […] De
 * resultaten worden dan samengegeld [sic] met die van een ander stembureau van hetzelfde geografisch
 * deelgebied en gezamenlijk bekendgemaakt. […] Ook de resultaten van alle stembureaus, horend tot
 * eenzelfde geografisch deelgebied, worden samengeteld en gepubliceerd."
 *
 * The instructions do not say which other station; this module fixes one deterministic rule,
 * applied within each deelgebied until every unit has at least 500 voters or the deelgebied is a
 * single unit:
 *   - take the unit below the threshold with the fewest voters,
 *   - merge it with the other unit of the deelgebied with the fewest voters,
 *   - equal voter counts are settled by the lowest station number in the unit.
 * Merging the smallest units together keeps as many large stations published on their own as
 * possible. A deelgebied whose stations together stay below 500 remains one unit, marked
 * `belowThreshold`: the instructions publish every deelgebied's total regardless, so the caller
 * decides what to show.
 */

export const PUBLICATION_THRESHOLD = 500;

export interface StationTurnout {
  /** Polling station number (the 001 of GEMEENTE-001-DEELGEBIED). */
  readonly number: number;
  readonly deelgebied: string;
  /** Voters who voted in the station. */
  readonly voted: number;
}

export interface PublicationUnit {
  readonly deelgebied: string;
  /** Ascending station numbers. */
  readonly stations: readonly number[];
  readonly voted: number;
  /** Only possible when the unit is its deelgebied's only unit. */
  readonly belowThreshold: boolean;
}

export interface DeelgebiedTotal {
  readonly deelgebied: string;
  readonly stations: readonly number[];
  readonly voted: number;
}

export interface PlannedUnits {
  /** Ordered by their lowest station number. */
  readonly units: readonly PublicationUnit[];
  /** Ordered by their lowest station number. */
  readonly deelgebieden: readonly DeelgebiedTotal[];
}

export interface TurnoutFailure {
  readonly code: 'bad-station-number' | 'duplicate-station' | 'bad-deelgebied' | 'bad-voted';
  readonly station: number;
}

export type PublicationPlan = Result<PlannedUnits, TurnoutFailure>;

interface Unit {
  stations: number[];
  voted: number;
}

/** Fewer voters first; equal counts by lowest station number. */
const smaller = (a: Unit, b: Unit): number => a.voted - b.voted || (a.stations[0] ?? 0) - (b.stations[0] ?? 0);

function mergeDeelgebied(stations: readonly StationTurnout[], threshold: number): Unit[] {
  let units: Unit[] = stations.map((s) => ({ stations: [s.number], voted: s.voted }));
  for (;;) {
    if (units.length <= 1) return units;
    const small = units.filter((u) => u.voted < threshold).sort(smaller)[0];
    if (small === undefined) return units;
    const partner = units.filter((u) => u !== small).sort(smaller)[0]!;
    const merged: Unit = {
      stations: [...small.stations, ...partner.stations].sort((a, b) => a - b),
      voted: small.voted + partner.voted,
    };
    units = [...units.filter((u) => u !== small && u !== partner), merged];
  }
}

export function publicationUnits(stations: readonly StationTurnout[], threshold: number = PUBLICATION_THRESHOLD): PublicationPlan {
  const seen = new Set<number>();
  for (const s of stations) {
    if (!Number.isSafeInteger(s.number) || s.number < 1) return err({ code: 'bad-station-number', station: s.number });
    if (seen.has(s.number)) return err({ code: 'duplicate-station', station: s.number });
    seen.add(s.number);
    if (typeof s.deelgebied !== 'string' || s.deelgebied.length === 0) return err({ code: 'bad-deelgebied', station: s.number });
    if (!Number.isSafeInteger(s.voted) || s.voted < 0) return err({ code: 'bad-voted', station: s.number });
  }

  const byDeelgebied = new Map<string, StationTurnout[]>();
  for (const s of [...stations].sort((a, b) => a.number - b.number)) {
    const group = byDeelgebied.get(s.deelgebied);
    if (group) group.push(s);
    else byDeelgebied.set(s.deelgebied, [s]);
  }

  const units: PublicationUnit[] = [];
  const deelgebieden: DeelgebiedTotal[] = [];
  // Map iteration follows insertion, i.e. the deelgebieden by their lowest station number.
  for (const [deelgebied, group] of byDeelgebied) {
    const merged = mergeDeelgebied(group, threshold);
    for (const u of merged) {
      units.push({ deelgebied, stations: u.stations, voted: u.voted, belowThreshold: u.voted < threshold });
    }
    deelgebieden.push({
      deelgebied,
      stations: group.map((s) => s.number),
      voted: group.reduce((sum, s) => sum + s.voted, 0),
    });
  }
  units.sort((a, b) => (a.stations[0] ?? 0) - (b.stations[0] ?? 0));
  return ok({ units, deelgebieden });
}
