// The results document: everything the hoofdbureau declares and publishes, computed from the
// database by the pure functions of @ovs/results. Recomputed on demand (it takes milliseconds);
// while polling stations are missing it is an intermediate result and says so.
import { andList } from '../text/list.ts';
import { candidateDisplayName, electionsForStation, type Election, type ElectionKind } from '@ovs/election';
import {
  electionResult,
  initiatiefrechtApplies,
  publicationUnits,
  PUBLICATION_THRESHOLD,
  seatListsFromTally,
  sumTallies,
  type Tally,
  type TieProblem,
} from '@ovs/results';
import type { HoofdbureauDb } from '../db/open-db.ts';
import { readAllStationTallies, shapeOfElection } from '../db/totals.ts';
import { paperView, type PaperTelbureauView } from '../paper/results-view.ts';
import { readCountedTotals } from '../paper/totals.ts';
import { stationStatuses, type StationStatus } from './station-status.ts';

export const RESULTS_FORMAT = 'ovs-hoofdbureau-resultaten/1';

export interface CandidateResult {
  position: number;
  name: string;
  preferenceVotes: number;
  /** 1 = first elected of the list; null when not elected. */
  elected: number | null;
  /** 1 = first substitute; null when not a substitute. */
  substitute: number | null;
}

export interface ListResultView {
  number: number;
  name: string;
  stemcijfer: number;
  topBoxOnly: number;
  withCandidates: number;
  topBoxAndCandidates: number;
  seats: number | null;
  candidates: CandidateResult[];
}

export type SeatsView =
  | { ok: true; awardOrder: number[]; unfilledSeats: number }
  | { ok: false; error: TieProblem; seat: number; lists: number[]; message: string };

export type InitiatiefrechtView =
  | { applies: false; reason: string }
  | { applies: true; ok: true; holders: Array<{ order: number; list: number; listName: string; position: number; name: string; preferenceVotes: number }> }
  | { applies: true; ok: false; message: string };

export interface ElectionResultView {
  id: string;
  kind: ElectionKind;
  title: string;
  method: 'imperiali' | 'dhondt';
  seats: number;
  /** False for the provincieraad: the provinciedistrictshoofdbureau allocates its seats (seed 000). */
  allocatesSeats: boolean;
  stationsExpected: number;
  stationsImported: number;
  /** Valid and blank ballots (sticks and paper). */
  ballots: number;
  blank: number;
  /** Invalid paper ballots (a digital ballot is never invalid); not in `ballots`. */
  invalid: number;
  /** Stations counted on paper, by their telbureaus (also in stationsImported). */
  paperStations: number;
  lists: ListResultView[];
  seatAllocation: SeatsView;
  initiatiefrecht: InitiatiefrechtView;
}

export interface TallyView {
  election: string;
  ballots: number;
  blank: number;
  lists: Array<{ number: number; stemcijfer: number; preferenceVotes: number[] }>;
}

export interface PublicationUnitView {
  deelgebied: string;
  stations: number[];
  voted: number;
  /** Below 500 voters (only when it is its deelgebied's last unit): withheld. */
  published: boolean;
  results: TallyView[] | null;
}

export interface DeelgebiedView {
  deelgebied: string;
  stations: number[];
  stationsImported: number;
  voted: number;
  published: boolean;
  reason: string | null;
  results: TallyView[] | null;
}

export interface ResultsDoc {
  format: typeof RESULTS_FORMAT;
  generatedAt: string;
  municipality: { name: string; nisCode: string };
  electionDate: string;
  packageShortHash: string;
  /** Every expected polling station imported: the final result; otherwise intermediate. */
  complete: boolean;
  stationsExpected: number;
  stationsImported: number;
  elections: ElectionResultView[];
  stations: Array<StationStatus & { results: TallyView[] }>;
  /** The telbureaus of the paper stations and their tables (empty for an all-digital municipality). */
  paper: PaperTelbureauView[];
  /** Paper results are published per telbureau (seed 000), digital ones per unit and deelgebied. */
  publication: { threshold: number; units: PublicationUnitView[]; deelgebieden: DeelgebiedView[]; telbureaus: PaperTelbureauView[] };
}

const TIE_MESSAGES: Record<TieProblem, string> = {
  'tie-needs-candidates': 'gelijke quotiënten en gelijke stemcijfers; de naamstemmen van de betrokken kandidaten beslissen (LPKD art. 166), maar die ontbreken',
  'tie-needs-birth-date': 'nog steeds gelijk na de naamstemmen; de oudste kandidaat krijgt de zetel (LPKD art. 166), maar een geboortedatum ontbreekt in het verkiezingspakket',
  'unbreakable-tie': 'gelijk na alle regels van LPKD art. 166 (stemcijfer, naamstemmen, leeftijd); de wet geeft geen verdere regel: het hoofdbureau beslist',
};

const tallyView = (election: string, t: Tally): TallyView => ({
  election,
  ballots: t.ballots,
  blank: t.blank,
  lists: t.lists.map((l) => ({ number: l.number, stemcijfer: l.stemcijfer, preferenceVotes: [...l.preferenceVotes] })),
});

/** The six randgemeenten and Voeren are the only municipalities with a directly elected OCMW-raad. */
export const isRandgemeenteOrVoeren = (elections: readonly Election[]): boolean => elections.some((e) => e.kind === 'ocmw-raad');

function electionView(db: HoofdbureauDb, election: Election, tally: Tally, stationsImported: number, randgemeente: boolean, paper: { invalid: number; paperStations: number }): ElectionResultView {
  const stationsExpected = db.pkg.election.pollingStations.filter((s) => electionsForStation(db.pkg.election, s.number).some((e) => e.id === election.id)).length;
  const seatLists = seatListsFromTally(tally).map((l) => {
    const list = election.lists.find((x) => x.number === l.number)!;
    return {
      ...l,
      candidates: (l.candidates ?? []).map((c) => {
        const birthDate = list.candidates.find((x) => x.position === c.position)?.birthDate;
        return birthDate ? { ...c, birthDate } : c;
      }),
    };
  });
  const result = electionResult({ method: election.method, seats: election.seats, lists: seatLists });
  const seatsOf = new Map<number, { seats: number; elected: readonly number[]; substitutes: readonly number[] }>();
  let seatAllocation: SeatsView;
  let initiatief: InitiatiefrechtView;
  const applies = initiatiefrechtApplies(election.kind, randgemeente);
  if (result.ok) {
    const outcome = result.value;
    for (const l of outcome.lists) seatsOf.set(l.number, l);
    seatAllocation = { ok: true, awardOrder: [...outcome.awardOrder], unfilledSeats: outcome.unfilledSeats };
    if (!applies) {
      initiatief = {
        applies: false,
        reason:
          election.kind === 'provincieraad'
            ? 'geen initiatiefrecht voor de provincieraad'
            : 'geen initiatiefrecht in de randgemeenten en Voeren (rechtstreeks verkozen schepenen)',
      };
    } else if (!outcome.initiatiefrecht.ok) {
      initiatief = { applies: true, ok: false, message: `lijsten ${andList(outcome.initiatiefrecht.error.lists)} hebben een gelijk stemcijfer; DLB art. 5 §3 geeft geen volgorde` };
    } else {
      initiatief = {
        applies: true,
        ok: true,
        holders: outcome.initiatiefrecht.value.map((h, i) => {
          const list = election.lists.find((l) => l.number === h.list)!;
          const candidate = list.candidates.find((c) => c.position === h.position)!;
          return {
            order: i + 1,
            list: h.list,
            listName: list.name,
            position: h.position,
            name: candidateDisplayName(candidate),
            preferenceVotes: tally.lists.find((l) => l.number === h.list)?.preferenceVotes[h.position - 1] ?? 0,
          };
        }),
      };
    }
  } else if ('path' in result.error) {
    throw new Error(`electionView: counted totals refused as seat input (${result.error.path}: ${result.error.message})`);
  } else {
    const tie = result.error;
    seatAllocation = { ok: false, error: tie.code, seat: tie.seat, lists: [...tie.lists], message: `zetel ${tie.seat}: lijsten ${andList(tie.lists)}: ${TIE_MESSAGES[tie.code]}` };
    initiatief = applies ? { applies: true, ok: false, message: 'de zetelverdeling is niet beslist' } : { applies: false, reason: 'geen initiatiefrecht voor deze verkiezing' };
  }

  const lists: ListResultView[] = election.lists.map((list) => {
    const t = tally.lists.find((l) => l.number === list.number)!;
    const seats = seatsOf.get(list.number);
    return {
      number: list.number,
      name: list.name,
      stemcijfer: t.stemcijfer,
      topBoxOnly: t.topBoxOnly,
      withCandidates: t.withCandidates,
      topBoxAndCandidates: t.topBoxAndCandidates,
      seats: seats ? seats.seats : null,
      candidates: list.candidates.map((c) => {
        const e = seats ? seats.elected.indexOf(c.position) : -1;
        const s = seats ? seats.substitutes.indexOf(c.position) : -1;
        return { position: c.position, name: candidateDisplayName(c), preferenceVotes: t.preferenceVotes[c.position - 1] ?? 0, elected: e >= 0 ? e + 1 : null, substitute: s >= 0 ? s + 1 : null };
      }),
    };
  });

  return {
    id: election.id,
    kind: election.kind,
    title: election.title,
    method: election.method,
    seats: election.seats,
    allocatesSeats: election.kind !== 'provincieraad',
    stationsExpected,
    stationsImported,
    ballots: tally.ballots,
    blank: tally.blank,
    invalid: paper.invalid,
    paperStations: paper.paperStations,
    lists,
    seatAllocation,
    initiatiefrecht: initiatief,
  };
}

export function computeResults(db: HoofdbureauDb, now: Date = new Date()): ResultsDoc {
  const e = db.pkg.election;
  const statuses = stationStatuses(db);
  const imported = statuses.filter((s) => s.imported);
  const counted = statuses.filter((s) => s.state === 'ingelezen' || s.state === 'geteld');
  const randgemeente = isRandgemeenteOrVoeren(e.elections);
  const totals = readCountedTotals(db);
  const elections = totals.map((t) => electionView(db, t.election, t.tally, t.stations, randgemeente, t));
  const paper = paperView(db);

  const byStation = readAllStationTallies(db);
  const stationResults = statuses.map((s) => ({
    ...s,
    results: s.imported ? electionsForStation(e, s.number).flatMap((el) => {
      const t = byStation.get(s.number)?.get(el.id);
      return t ? [tallyView(el.id, t)] : [];
    }) : [],
  }));

  const stationElections = (stations: readonly number[]): Election[] =>
    e.elections.filter((el) => stations.some((n) => electionsForStation(e, n).some((x) => x.id === el.id)));
  // The tallies of a publication unit or deelgebied: the additive merge of its stations'.
  const unitResults = (stations: readonly number[]): TallyView[] =>
    stationElections(stations).map((el) => {
      const parts = stations.flatMap((n) => {
        const t = byStation.get(n)?.get(el.id);
        return t ? [t] : [];
      });
      const summed = sumTallies(shapeOfElection(el), parts);
      if (!summed.ok) throw new Error(`computeResults: tallies of ${el.id} do not merge`);
      return tallyView(el.id, summed.value);
    });

  const plan = publicationUnits(
    imported.map((s) => ({ number: s.number, deelgebied: s.deelgebied, voted: s.imported!.ballots })),
    PUBLICATION_THRESHOLD,
  );
  if (!plan.ok) throw new Error(`computeResults: publication units refused station ${plan.error.station} (${plan.error.code})`);
  const units: PublicationUnitView[] = plan.value.units.map((u) => ({
    deelgebied: u.deelgebied,
    stations: [...u.stations],
    voted: u.voted,
    published: !u.belowThreshold,
    results: u.belowThreshold ? null : unitResults(u.stations),
  }));
  // The digital stations' deelgebieden; paper stations are published through their telbureau.
  const digital = new Set(statuses.filter((s) => s.route === 'digitaal').map((s) => s.number));
  const allDeelgebieden = [...new Set(e.pollingStations.filter((s) => digital.has(s.number)).map((s) => s.deelgebied))];
  const deelgebieden: DeelgebiedView[] = allDeelgebieden.map((name) => {
    const members = e.pollingStations.filter((s) => s.deelgebied === name && digital.has(s.number)).map((s) => s.number);
    const done = imported.filter((s) => s.deelgebied === name);
    const voted = done.reduce((sum, s) => sum + s.imported!.ballots, 0);
    const complete = done.length === members.length;
    const reason = !complete ? 'nog niet alle stembureaus van het deelgebied zijn ingelezen' : voted < PUBLICATION_THRESHOLD ? `minder dan ${PUBLICATION_THRESHOLD} kiezers in het deelgebied` : null;
    return { deelgebied: name, stations: members, stationsImported: done.length, voted, published: reason === null, reason, results: reason === null ? unitResults(members) : null };
  });

  return {
    format: RESULTS_FORMAT,
    generatedAt: now.toISOString(),
    municipality: { name: e.municipality.name, nisCode: e.municipality.nisCode },
    electionDate: e.electionDate,
    packageShortHash: db.pkg.shortHash,
    complete: counted.length === statuses.length,
    stationsExpected: statuses.length,
    stationsImported: counted.length,
    elections,
    stations: stationResults,
    paper,
    publication: { threshold: PUBLICATION_THRESHOLD, units, deelgebieden, telbureaus: paper.filter((t) => t.complete) },
  };
}
