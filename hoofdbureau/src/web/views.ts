// What the web UI shows, computed on the server from the database: the overview of expected,
// imported and problem stations, and the detail of one station.
import type { Hoofdbureau } from '../hoofdbureau.ts';
import { stationStatuses, unattributedAttempts, type AttemptView, type StationStatus } from '../results/station-status.ts';
import { readStationsTally } from '../db/totals.ts';
import type { ImportSource } from '../db/import-tx.ts';
import { electionsForStation } from '@ovs/election';

export interface Overview {
  municipality: string;
  electionDate: string;
  packageShortHash: string;
  /** Every election of the package, in legal order: the screens name elections by title, never by id. */
  elections: Array<{ id: string; title: string }>;
  canImport: boolean;
  expected: number;
  imported: number;
  problems: number;
  ballots: number;
  stations: Array<Pick<StationStatus, 'number' | 'name' | 'deelgebied' | 'state' | 'warning' | 'route' | 'telbureaus'> & { ballots: number | null; source: ImportSource | null; storeShortHash: string | null }>;
  unattributed: AttemptView[];
}

export function overview(hb: Hoofdbureau): Overview {
  const statuses = stationStatuses(hb.db);
  const e = hb.db.pkg.election;
  return {
    municipality: e.municipality.name,
    electionDate: e.electionDate,
    packageShortHash: hb.db.pkg.shortHash,
    elections: e.elections.map((x) => ({ id: x.id, title: x.title })),
    canImport: hb.canImport,
    expected: statuses.length,
    imported: statuses.filter((s) => s.state === 'ingelezen').length,
    problems: statuses.filter((s) => s.state === 'probleem' || s.warning !== null).length,
    ballots: statuses.reduce((n, s) => n + (s.imported?.ballots ?? 0), 0),
    stations: statuses.map((s) => ({
      number: s.number,
      name: s.name,
      deelgebied: s.deelgebied,
      state: s.state,
      route: s.route,
      telbureaus: s.telbureaus,
      warning: s.warning,
      ballots: s.imported?.ballots ?? null,
      source: s.imported?.source ?? null,
      storeShortHash: s.imported?.storeShortHash ?? null,
    })),
    unattributed: unattributedAttempts(hb.db),
  };
}

export interface StationDetail extends StationStatus {
  closing: Record<string, unknown> | null;
  results: Array<{ election: string; title: string; ballots: number; blank: number; lists: Array<{ number: number; name: string; stemcijfer: number }> }>;
}

export function stationDetail(hb: Hoofdbureau, number: number): StationDetail | undefined {
  const status = stationStatuses(hb.db).find((s) => s.number === number);
  if (!status) return undefined;
  const row = hb.db.sqlite.prepare('SELECT closing_json FROM import WHERE station = ?').get(number) as { closing_json: Buffer | null } | undefined;
  const closing = row?.closing_json ? (JSON.parse(row.closing_json.toString('utf8')) as Record<string, unknown>) : null;
  const pkg = hb.db.pkg.election;
  const results = status.imported
    ? electionsForStation(pkg, number).map((el) => {
        const t = readStationsTally(hb.db, el, [number]);
        return {
          election: el.id,
          title: el.title,
          ballots: t.ballots,
          blank: t.blank,
          lists: t.lists.map((l) => ({ number: l.number, name: el.lists.find((x) => x.number === l.number)?.name ?? '', stemcijfer: l.stemcijfer })),
        };
      })
    : [];
  return { ...status, closing, results };
}
