// Reading tallies back: the materialised totals per election, or the tallies of a set of
// polling stations (a publication unit, a deelgebied), as @ovs/results Tally values.
import type { Statement } from 'better-sqlite3';
import type { Election } from '@ovs/election';
import { emptyTally, type ListTally, type Tally } from '@ovs/results';
import type { HoofdbureauDb } from './open-db.ts';

interface CountRow {
  election: string;
  ballots: number;
  blank: number;
}
interface ListRow {
  election: string;
  list: number;
  stemcijfer: number;
  top_box_only: number;
  with_candidates: number;
  top_box_and_candidates: number;
}
interface CandidateRow {
  election: string;
  list: number;
  position: number;
  votes: number;
}

export const shapeOfElection = (e: Election): { lists: Array<{ number: number; candidates: number }> } => ({
  lists: e.lists.map((l) => ({ number: l.number, candidates: l.candidates.length })),
});

function build(election: Election, counts: CountRow | undefined, lists: ListRow[], candidates: CandidateRow[]): Tally {
  const empty = emptyTally(shapeOfElection(election));
  const byList = new Map(lists.map((l) => [l.list, l]));
  const prefs = new Map<number, number[]>();
  for (const c of candidates) {
    const arr = prefs.get(c.list) ?? [];
    arr[c.position - 1] = (arr[c.position - 1] ?? 0) + c.votes;
    prefs.set(c.list, arr);
  }
  const listTallies: ListTally[] = empty.lists.map((l) => {
    const row = byList.get(l.number);
    const p = prefs.get(l.number) ?? [];
    return {
      number: l.number,
      stemcijfer: row?.stemcijfer ?? 0,
      topBoxOnly: row?.top_box_only ?? 0,
      withCandidates: row?.with_candidates ?? 0,
      topBoxAndCandidates: row?.top_box_and_candidates ?? 0,
      preferenceVotes: l.preferenceVotes.map((_, i) => p[i] ?? 0),
    };
  });
  return { ballots: counts?.ballots ?? 0, blank: counts?.blank ?? 0, lists: listTallies };
}

export interface ElectionTotal {
  election: Election;
  /** Imported polling stations that hold this election. */
  stations: number;
  tally: Tally;
}

/** The materialised totals of every election of the package, in package order. */
export function readTotals(db: HoofdbureauDb): ElectionTotal[] {
  const s = db.sqlite;
  const counts = s.prepare('SELECT election, stations, ballots, blank FROM total').all() as Array<CountRow & { stations: number }>;
  const lists = s.prepare('SELECT election, list, stemcijfer, top_box_only, with_candidates, top_box_and_candidates FROM list_total').all() as ListRow[];
  const candidates = s.prepare('SELECT election, list, position, votes FROM candidate_total').all() as CandidateRow[];
  return db.pkg.election.elections.map((e) => {
    const c = counts.find((r) => r.election === e.id);
    return {
      election: e,
      stations: c?.stations ?? 0,
      tally: build(
        e,
        c,
        lists.filter((l) => l.election === e.id),
        candidates.filter((r) => r.election === e.id),
      ),
    };
  });
}

/** The sum of the tallies of `stations` for one election (computed from the per-station tables). */
export function readStationsTally(db: HoofdbureauDb, election: Election, stations: readonly number[]): Tally {
  const s = db.sqlite;
  const json = JSON.stringify(stations);
  const counts = s
    .prepare('SELECT election, SUM(ballots) AS ballots, SUM(blank) AS blank FROM tally WHERE election = ? AND station IN (SELECT value FROM json_each(?)) GROUP BY election')
    .get(election.id, json) as CountRow | undefined;
  const lists = s
    .prepare(
      `SELECT election, list, SUM(stemcijfer) AS stemcijfer, SUM(top_box_only) AS top_box_only, SUM(with_candidates) AS with_candidates,
              SUM(top_box_and_candidates) AS top_box_and_candidates
       FROM list_tally WHERE election = ? AND station IN (SELECT value FROM json_each(?)) GROUP BY election, list`,
    )
    .all(election.id, json) as ListRow[];
  const candidates = s
    .prepare('SELECT election, list, position, SUM(votes) AS votes FROM candidate_tally WHERE election = ? AND station IN (SELECT value FROM json_each(?)) GROUP BY election, list, position')
    .all(election.id, json) as CandidateRow[];
  return build(election, counts, lists, candidates);
}

/** Compact JSON of the totals: what an intermediate result carries. */
export function totalsJson(totals: readonly ElectionTotal[]): string {
  return JSON.stringify(
    totals.map((t) => ({
      election: t.election.id,
      stations: t.stations,
      ballots: t.tally.ballots,
      blank: t.tally.blank,
      lists: t.tally.lists.map((l) => ({ number: l.number, stemcijfer: l.stemcijfer, preferenceVotes: l.preferenceVotes })),
    })),
  );
}

const intermediateStatements = new WeakMap<HoofdbureauDb, { counts: Statement; lists: Statement; candidates: Statement }>();

/**
 * totalsJson(readTotals(db)), read with three cached statements and no Tally objects: it is
 * written into the intermediate result after every import.
 */
export function intermediateJson(db: HoofdbureauDb): string {
  let st = intermediateStatements.get(db);
  if (!st) {
    const s = db.sqlite;
    st = {
      counts: s.prepare('SELECT election, stations, ballots, blank FROM total').raw(),
      lists: s.prepare('SELECT election, list, stemcijfer FROM list_total').raw(),
      candidates: s.prepare('SELECT election, list, position, votes FROM candidate_total').raw(),
    };
    intermediateStatements.set(db, st);
  }
  const elections = db.pkg.election.elections;
  const out = elections.map((e) => ({
    election: e.id,
    stations: 0,
    ballots: 0,
    blank: 0,
    lists: e.lists.map((l) => ({ number: l.number, stemcijfer: 0, preferenceVotes: new Array<number>(l.candidates.length).fill(0) })),
  }));
  const at = new Map(elections.map((e, i) => [e.id, i]));
  const listAt = elections.map((e) => new Map(e.lists.map((l, i) => [l.number, i])));
  for (const [election, stations, ballots, blank] of st.counts.all() as Array<[string, number, number, number]>) {
    const o = out[at.get(election) ?? -1];
    if (!o) continue;
    o.stations = stations;
    o.ballots = ballots;
    o.blank = blank;
  }
  for (const [election, list, stemcijfer] of st.lists.all() as Array<[string, number, number]>) {
    const e = at.get(election) ?? -1;
    const l = out[e]?.lists[listAt[e]?.get(list) ?? -1];
    if (l) l.stemcijfer = stemcijfer;
  }
  for (const [election, list, position, votes] of st.candidates.all() as Array<[string, number, number, number]>) {
    const e = at.get(election) ?? -1;
    const l = out[e]?.lists[listAt[e]?.get(list) ?? -1];
    if (l && position >= 1 && position <= l.preferenceVotes.length) l.preferenceVotes[position - 1]! += votes;
  }
  return JSON.stringify(out);
}

/** Every imported station's tally per election, read in three queries (for the results document). */
export function readAllStationTallies(db: HoofdbureauDb): Map<number, Map<string, Tally>> {
  const s = db.sqlite;
  const counts = s.prepare('SELECT station, election, ballots, blank FROM tally').all() as Array<CountRow & { station: number }>;
  const lists = s.prepare('SELECT station, election, list, stemcijfer, top_box_only, with_candidates, top_box_and_candidates FROM list_tally').all() as Array<ListRow & { station: number }>;
  const candidates = s.prepare('SELECT station, election, list, position, votes FROM candidate_tally').all() as Array<CandidateRow & { station: number }>;
  const key = (station: number, election: string): string => `${station}\0${election}`;
  const listsBy = new Map<string, ListRow[]>();
  for (const l of lists) {
    const k = key(l.station, l.election);
    const arr = listsBy.get(k);
    if (arr) arr.push(l);
    else listsBy.set(k, [l]);
  }
  const candidatesBy = new Map<string, CandidateRow[]>();
  for (const c of candidates) {
    const k = key(c.station, c.election);
    const arr = candidatesBy.get(k);
    if (arr) arr.push(c);
    else candidatesBy.set(k, [c]);
  }
  const out = new Map<number, Map<string, Tally>>();
  for (const c of counts) {
    const election = db.pkg.election.elections.find((e) => e.id === c.election);
    if (!election) continue;
    const k = key(c.station, c.election);
    const perStation = out.get(c.station) ?? new Map<string, Tally>();
    perStation.set(c.election, build(election, c, listsBy.get(k) ?? [], candidatesBy.get(k) ?? []));
    out.set(c.station, perStation);
  }
  return out;
}
