// The definitive paper tables added to the digital count: one set of results for a mixed
// municipality. The materialised totals of the sticks (db/totals.ts) stay the sticks' own, so that
// the recount keeps comparing them with the stations' tallies; the paper tables are added when
// the results are computed, each one as the @ovs/results tally of its telbureau.
import { electionsForStation } from '@ovs/election';
import { tableToTally, type EntryState, type TelbureauTable } from '@ovs/paper-count';
import { mergeTallies, type Tally } from '@ovs/results';
import type { HoofdbureauDb } from '../db/open-db.ts';
import { intermediateJson, readTotals, totalsJson, type ElectionTotal } from '../db/totals.ts';

export interface DefinitiveTable {
  telbureau: string;
  election: string;
  table: TelbureauTable;
  /** The stations this telbureau counts that hold the election. */
  stations: number[];
}

export function readDefinitiveTables(db: HoofdbureauDb): DefinitiveTable[] {
  const rows = db.sqlite
    .prepare(
      `SELECT e.telbureau, e.election, e.state_json, t.series FROM paper_entry e JOIN telbureau t ON t.id = e.telbureau
       WHERE json_extract(e.state_json, '$.kind') = 'definitive' ORDER BY t.series, t.number, e.election`,
    )
    .all() as Array<{ telbureau: string; election: string; state_json: string; series: string }>;
  const links = db.sqlite.prepare('SELECT series, station, telbureau FROM telbureau_station').all() as Array<{ series: string; station: number; telbureau: string }>;
  return rows.map((r) => {
    const state = JSON.parse(r.state_json) as Extract<EntryState, { kind: 'definitive' }>;
    const stations = links
      .filter((l) => l.telbureau === r.telbureau && electionsForStation(db.pkg.election, l.station).some((e) => e.id === r.election))
      .map((l) => l.station)
      .sort((a, b) => a - b);
    return { telbureau: r.telbureau, election: r.election, table: state.table, stations };
  });
}

export interface CountedTotal extends ElectionTotal {
  /** Invalid paper ballots (a digital count has none); not part of tally.ballots. */
  invalid: number;
  /** Stations counted on paper (their telbureau's table definitive). */
  paperStations: number;
}

/** Sticks and definitive paper tables together, per election in package order. */
export function readCountedTotals(db: HoofdbureauDb): CountedTotal[] {
  const paper = readDefinitiveTables(db);
  return readTotals(db).map((t) => {
    let tally: Tally = t.tally;
    let invalid = 0;
    let paperStations = 0;
    for (const p of paper.filter((x) => x.election === t.election.id)) {
      const merged = mergeTallies(tally, tableToTally(p.table));
      if (!merged.ok) throw new Error(`readCountedTotals: table of ${p.telbureau} does not fit ${t.election.id}`);
      tally = merged.value;
      invalid += p.table.invalid;
      paperStations += p.stations.length;
    }
    return { ...t, stations: t.stations + paperStations, tally, invalid, paperStations };
  });
}

/** The intermediate result after a stick's import: with the paper tables once there are any. */
export function countedIntermediateJson(db: HoofdbureauDb): string {
  const anyPaper = db.sqlite.prepare("SELECT 1 FROM paper_entry WHERE json_extract(state_json, '$.kind') = 'definitive' LIMIT 1").get();
  return anyPaper ? totalsJson(readCountedTotals(db)) : intermediateJson(db);
}
