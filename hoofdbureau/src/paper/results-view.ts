// The paper counts as the results document shows them: each telbureau with its stations, and per
// election its state, the decision that made it definitive, its figures and its warnings. The
// results of a telbureau are published as such (seed 000: "potlood en papier: publicatie per
// telbureau"); a telbureau counts several stations, so no station's own votes appear.
import type { Decision, EntryState, EntryStateKind } from '@ovs/paper-count';
import { STATE_NAMES } from '@ovs/paper-count';
import type { HoofdbureauDb } from '../db/open-db.ts';
import { electionsOfSeries, readPaperSetup, type Series } from './setup.ts';

export interface PaperTableView {
  election: string;
  state: EntryStateKind;
  stateName: string;
  decision: Decision | null;
  decidedBy: string | null;
  /** Definitive figures only. */
  figures: null | {
    handedOut: number;
    ballots: number;
    valid: number;
    blank: number;
    invalid: number;
    lists: Array<{ number: number; stemcijfer: number; listOnly: number; preferenceVotes: number[] }>;
  };
  /** The codes of the warnings the definitive table carries (confirmed by the typists). */
  warnings: string[];
}

export interface PaperTelbureauView {
  id: string;
  series: Series;
  stations: Array<{ number: number; name: string; deelgebied: string }>;
  lockedAt: string | null;
  lockedBy: string | null;
  tables: PaperTableView[];
  complete: boolean;
}

export function paperView(db: HoofdbureauDb): PaperTelbureauView[] {
  const setup = readPaperSetup(db);
  const state = db.sqlite.prepare('SELECT state_json FROM paper_entry WHERE telbureau = ? AND election = ?');
  return setup.telbureaus.map((t) => {
    const tables = electionsOfSeries(db, t.series, t.stations.map((s) => s.number)).map((e): PaperTableView => {
      const row = state.get(t.id, e.id) as { state_json: string } | undefined;
      const st = row ? (JSON.parse(row.state_json) as EntryState) : ({ kind: 'empty' } as const);
      const d = st.kind === 'definitive' ? st : null;
      return {
        election: e.id,
        state: st.kind,
        stateName: STATE_NAMES[st.kind],
        decision: d?.decision ?? null,
        decidedBy: d?.decidedBy ?? null,
        figures: d
          ? { handedOut: d.table.handedOut, ballots: d.table.ballots, valid: d.table.valid, blank: d.table.blank, invalid: d.table.invalid, lists: d.table.lists.map((l) => ({ ...l, preferenceVotes: [...l.preferenceVotes] })) }
          : null,
        warnings: d ? [...new Set(d.findings.map((f) => f.code))] : [],
      };
    });
    return {
      id: t.id,
      series: t.series,
      stations: t.stations.map((s) => ({ number: s.number, name: s.name, deelgebied: s.deelgebied })),
      lockedAt: t.lockedAt,
      lockedBy: t.lockedBy,
      tables,
      complete: tables.every((x) => x.state === 'definitive'),
    };
  });
}
