// Which stations vote on paper and which telbureau counts them (seed 000: "telbureaus linken aan
// stembureaus", with each station's deelgebied shown; seed 001 §V.3.2: normally three stations a
// telbureau, telbureaus G for the municipal councils and P for the provincieraad). The voorzitter
// sets this up on the evening itself ("niet vooraf invullen"); it can change until a table of the
// telbureau has been typed.
import { err, ok, type Result } from '@ovs/basics';
import { electionsForStation, type Election } from '@ovs/election';
import type { HoofdbureauDb } from '../db/open-db.ts';

export type Series = 'G' | 'P';
export const SERIES: readonly Series[] = ['G', 'P'];

export interface TelbureauConfig {
  series: Series;
  number: number;
  stations: number[];
}

export interface PaperConfig {
  /** The stations that vote on paper (a mixed municipality: those of the former paper municipality). */
  paperStations: number[];
  telbureaus: TelbureauConfig[];
}

export interface TelbureauView {
  id: string;
  series: Series;
  number: number;
  stations: Array<{ number: number; name: string; deelgebied: string; registeredVoters: number }>;
  lockedAt: string | null;
  lockedBy: string | null;
}

export interface PaperSetup {
  paperStations: number[];
  telbureaus: TelbureauView[];
  /** Paper stations not yet linked to a telbureau of a series (they block the complete result). */
  unlinked: Array<{ series: Series; station: number }>;
}

export const telbureauId = (series: Series, number: number): string => `${series}${number}`;

/** The elections a telbureau counts: P the provincieraad, G every other election its stations hold. */
export function electionsOfSeries(db: HoofdbureauDb, series: Series, stations: readonly number[]): Election[] {
  const held = db.pkg.election.elections.filter((e) => stations.some((s) => electionsForStation(db.pkg.election, s).some((x) => x.id === e.id)));
  return held.filter((e) => (series === 'P') === (e.kind === 'provincieraad'));
}

export function seriesOf(election: Election): Series {
  return election.kind === 'provincieraad' ? 'P' : 'G';
}

export function readPaperSetup(db: HoofdbureauDb): PaperSetup {
  const s = db.sqlite;
  const paperStations = (s.prepare('SELECT station FROM paper_station ORDER BY station').all() as Array<{ station: number }>).map((r) => r.station);
  const rows = s.prepare('SELECT id, series, number, locked_at, locked_by FROM telbureau ORDER BY series, number').all() as Array<{
    id: string;
    series: Series;
    number: number;
    locked_at: string | null;
    locked_by: string | null;
  }>;
  const links = s.prepare('SELECT series, station, telbureau FROM telbureau_station ORDER BY station').all() as Array<{ series: Series; station: number; telbureau: string }>;
  const stationInfo = new Map(db.pkg.election.pollingStations.map((p) => [p.number, p]));
  const telbureaus = rows.map((r) => ({
    id: r.id,
    series: r.series,
    number: r.number,
    stations: links
      .filter((l) => l.telbureau === r.id)
      .map((l) => {
        const p = stationInfo.get(l.station)!;
        return { number: p.number, name: p.name, deelgebied: p.deelgebied, registeredVoters: p.registeredVoters };
      }),
    lockedAt: r.locked_at,
    lockedBy: r.locked_by,
  }));
  const unlinked: PaperSetup['unlinked'] = [];
  for (const station of paperStations) {
    for (const series of SERIES) {
      if (electionsOfSeries(db, series, [station]).length > 0 && !links.some((l) => l.series === series && l.station === station)) unlinked.push({ series, station });
    }
  }
  return { paperStations, telbureaus, unlinked };
}

export const isPaperStation = (db: HoofdbureauDb, station: number): boolean => db.sqlite.prepare('SELECT 1 FROM paper_station WHERE station = ?').get(station) !== undefined;

/**
 * Replaces the configuration as a whole, in one transaction, after checking all of it: every
 * station in the package; no paper station already imported from a stick (a station arrives by
 * one route only); every linked station a paper station, in one telbureau per series; no
 * telbureau dropped or changed once a table of it was typed.
 */
export function configurePaper(db: HoofdbureauDb, config: PaperConfig): Result<PaperSetup, string> {
  const known = new Set(db.pkg.election.pollingStations.map((p) => p.number));
  const paper = new Set(config.paperStations);
  for (const n of paper) {
    if (!known.has(n)) return err(`Stembureau ${n} staat niet in het verkiezingspakket.`);
    if (db.sqlite.prepare('SELECT 1 FROM import WHERE station = ?').get(n)) return err(`Stembureau ${n} werd al digitaal ingelezen (met zijn stick): het kan niet meer op papier geteld worden.`);
  }
  const seen = new Map<string, string>();
  const ids = new Set<string>();
  for (const t of config.telbureaus) {
    if (!SERIES.includes(t.series) || !Number.isInteger(t.number) || t.number < 1 || t.number > 999) return err('Een telbureau heeft een reeks G of P en een nummer van 1 tot 999.');
    const id = telbureauId(t.series, t.number);
    if (ids.has(id)) return err(`Telbureau ${id} staat twee keer in de configuratie.`);
    ids.add(id);
    if (t.stations.length === 0) return err(`Telbureau ${id} telt geen enkel stembureau.`);
    for (const n of t.stations) {
      if (!paper.has(n)) return err(`Stembureau ${n} stemt niet op papier: het kan niet aan telbureau ${id} gekoppeld worden.`);
      const key = `${t.series}:${n}`;
      if (seen.has(key)) return err(`Stembureau ${n} is gekoppeld aan telbureau ${seen.get(key)!} én ${id}: één telbureau ${t.series} per stembureau.`);
      seen.set(key, id);
    }
    if (electionsOfSeries(db, t.series, t.stations).length === 0) return err(`De stembureaus van telbureau ${id} hebben geen verkiezing voor een telbureau ${t.series}.`);
  }
  const current = readPaperSetup(db);
  const typed = new Set((db.sqlite.prepare('SELECT DISTINCT telbureau FROM paper_entry WHERE state_json <> \'{"kind":"empty"}\'').all() as Array<{ telbureau: string }>).map((r) => r.telbureau));
  for (const t of current.telbureaus) {
    if (!typed.has(t.id) && t.lockedAt === null) continue;
    const next = config.telbureaus.find((c) => telbureauId(c.series, c.number) === t.id);
    const same = next && [...next.stations].sort((a, b) => a - b).join(',') === t.stations.map((s) => s.number).sort((a, b) => a - b).join(',');
    if (!same) return err(`Telbureau ${t.id} heeft al ingevoerde tabellen: zijn stembureaus kunnen niet meer wijzigen.`);
  }
  const s = db.sqlite;
  s.transaction(() => {
    s.prepare('DELETE FROM telbureau_station').run();
    const keep = new Set(current.telbureaus.filter((t) => typed.has(t.id) || t.lockedAt !== null).map((t) => t.id));
    for (const t of current.telbureaus) {
      if (keep.has(t.id) || ids.has(t.id)) continue;
      s.prepare('DELETE FROM telbureau_claim WHERE telbureau = ?').run(t.id);
      s.prepare('DELETE FROM paper_entry WHERE telbureau = ?').run(t.id);
      s.prepare('DELETE FROM telbureau WHERE id = ?').run(t.id);
    }
    s.prepare('DELETE FROM paper_station').run();
    const addStation = s.prepare('INSERT INTO paper_station (station) VALUES (?)');
    for (const n of [...paper].sort((a, b) => a - b)) addStation.run(n);
    const addTelbureau = s.prepare('INSERT OR IGNORE INTO telbureau (id, series, number) VALUES (?, ?, ?)');
    const link = s.prepare('INSERT INTO telbureau_station (series, station, telbureau) VALUES (?, ?, ?)');
    for (const t of config.telbureaus) {
      const id = telbureauId(t.series, t.number);
      addTelbureau.run(id, t.series, t.number);
      for (const n of t.stations) link.run(t.series, n, id);
    }
  }).immediate();
  return ok(readPaperSetup(db));
}
