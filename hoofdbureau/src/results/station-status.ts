// Where every expected polling station stands: imported (from which stick, with which hashes),
// waiting, or with a problem (refused sticks, or a copy that differs from what was imported).
import type { HoofdbureauDb } from '../db/open-db.ts';
import type { ImportSource } from '../db/import-tx.ts';
import { electionsForStation } from '@ovs/election';
import { paperView } from '../paper/results-view.ts';
import { readPaperSetup, seriesOf } from '../paper/setup.ts';

/** 'geteld': a paper station whose telbureaus' tables are all definitive. */
export type StationState = 'ingelezen' | 'geteld' | 'verwacht' | 'probleem';

/** How a station's results arrive: its stick, or its telbureaus' tables (the hoofdbureau's configuration). */
export type StationRoute = 'digitaal' | 'papier';

export interface AttemptView {
  id: number;
  at: string;
  action: 'import' | 'herscan';
  path: string | null;
  outcome: 'ingelezen' | 'identiek' | 'verschil' | 'geweigerd';
  code: string | null;
  file: string | null;
  record: string | null;
  message: string;
  stationVerified: boolean;
  storeShortHash: string | null;
}

export interface StationStatus {
  number: number;
  name: string;
  deelgebied: string;
  registeredVoters: number;
  state: StationState;
  route: StationRoute;
  /** A paper station's telbureaus (G1, P1). */
  telbureaus: string[];
  /** A problem that stays visible after the import: a copy that differs. */
  warning: string | null;
  imported: null | {
    seq: number;
    source: ImportSource;
    at: string;
    path: string | null;
    ballots: number;
    storeShortHash: string | null;
    closingShortHash: string | null;
    note: string | null;
  };
  attempts: AttemptView[];
}

interface StationRow {
  number: number;
  name: string;
  deelgebied: string;
  registered_voters: number;
  seq: number | null;
  source: ImportSource | null;
  imported_at: string | null;
  path: string | null;
  ballots: number | null;
  store_short_hash: string | null;
  closing_short_hash: string | null;
  note: string | null;
}

interface AttemptRow {
  id: number;
  at: string;
  action: 'import' | 'herscan';
  path: string | null;
  station: number | null;
  station_verified: number;
  outcome: AttemptView['outcome'];
  code: string | null;
  file: string | null;
  record: string | null;
  message: string;
  store_short_hash: string | null;
}

export function stationStatuses(db: HoofdbureauDb): StationStatus[] {
  const rows = db.sqlite
    .prepare(
      `SELECT s.number, s.name, s.deelgebied, s.registered_voters, i.seq, i.source, i.imported_at, i.path, i.ballots, i.store_short_hash, i.closing_short_hash, i.note
       FROM station s LEFT JOIN import i ON i.station = s.number ORDER BY s.number`,
    )
    .all() as StationRow[];
  const attempts = db.sqlite
    .prepare('SELECT id, at, action, path, station, station_verified, outcome, code, file, record, message, store_short_hash FROM attempt ORDER BY id')
    .all() as AttemptRow[];
  const byStation = new Map<number, AttemptView[]>();
  for (const a of attempts) {
    if (a.station === null) continue;
    const list = byStation.get(a.station) ?? [];
    list.push({
      id: a.id,
      at: a.at,
      action: a.action,
      path: a.path,
      outcome: a.outcome,
      code: a.code,
      file: a.file,
      record: a.record,
      message: a.message,
      stationVerified: a.station_verified === 1,
      storeShortHash: a.store_short_hash,
    });
    byStation.set(a.station, list);
  }
  const paper = paperStationCounts(db);
  return rows.map((r) => {
    const tried = byStation.get(r.number) ?? [];
    const mismatch = tried.find((a) => a.outcome === 'verschil');
    const imported = r.seq !== null;
    const onPaper = paper.get(r.number);
    const state: StationState = onPaper
      ? onPaper.counted
        ? 'geteld'
        : 'verwacht'
      : imported
        ? 'ingelezen'
        : tried.some((a) => a.outcome === 'geweigerd' || a.outcome === 'verschil')
          ? 'probleem'
          : 'verwacht';
    return {
      number: r.number,
      name: r.name,
      deelgebied: r.deelgebied,
      registeredVoters: r.registered_voters,
      state,
      route: onPaper ? 'papier' : 'digitaal',
      telbureaus: onPaper?.telbureaus ?? [],
      warning: imported && mismatch ? `Een andere stick van dit stembureau verschilt van de ingelezen stick: ${mismatch.message}` : null,
      imported:
        r.seq === null
          ? null
          : {
              seq: r.seq,
              source: r.source!,
              at: r.imported_at!,
              path: r.path,
              ballots: r.ballots!,
              storeShortHash: r.store_short_hash,
              closingShortHash: r.closing_short_hash,
              note: r.note,
            },
      attempts: tried,
    };
  });
}

/**
 * Every paper station: its telbureaus, and whether it is counted — each election it holds has a
 * definitive table of the telbureau of that election's series.
 */
function paperStationCounts(db: HoofdbureauDb): Map<number, { telbureaus: string[]; counted: boolean }> {
  const out = new Map<number, { telbureaus: string[]; counted: boolean }>();
  const views = paperView(db);
  for (const station of readPaperSetup(db).paperStations) {
    const mine = views.filter((t) => t.stations.some((s) => s.number === station));
    const needed = electionsForStation(db.pkg.election, station);
    const counted = needed.every((e) => mine.some((t) => t.series === seriesOf(e) && t.tables.some((x) => x.election === e.id && x.state === 'definitive')));
    out.set(station, { telbureaus: mine.map((t) => t.id), counted });
  }
  return out;
}

/** Refused attempts whose stick named no polling station at all. */
export function unattributedAttempts(db: HoofdbureauDb): AttemptView[] {
  return (
    db.sqlite
      .prepare("SELECT id, at, action, path, station, station_verified, outcome, code, file, record, message, store_short_hash FROM attempt WHERE station IS NULL ORDER BY id")
      .all() as AttemptRow[]
  ).map((a) => ({
    id: a.id,
    at: a.at,
    action: a.action,
    path: a.path,
    outcome: a.outcome,
    code: a.code,
    file: a.file,
    record: a.record,
    message: a.message,
    stationVerified: false,
    storeShortHash: a.store_short_hash,
  }));
}
