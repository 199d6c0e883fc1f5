// A recount from the database alone (for audits, and before the PV): every stored ballot's
// signature is verified again under its station's certified session key, it is decoded again,
// compared with the stored vote, counted again, and the counts are compared with the station
// tallies and with the materialised totals. Nothing is written.
import { bytesEqual } from '@ovs/crypto';
import { electionsForStation } from '@ovs/election';
import { createBallotContext, HASH_PREFIX_BYTES, openSignedBallot, verifySessionCertificate } from '@ovs/ballot';
import { countChoices, sumTallies, type ElectionChoice, type Tally } from '@ovs/results';
import type { HoofdbureauDb } from '../db/open-db.ts';
import { readAllStationTallies, readTotals, shapeOfElection } from '../db/totals.ts';
import { parseVoteText } from '../stick/vote-text.ts';

export interface RecountReport {
  ballots: number;
  stations: number;
  /** Empty when everything agrees. */
  differences: string[];
}

const sameTally = (a: Tally, b: Tally): boolean => JSON.stringify(a) === JSON.stringify(b);

export function recount(db: HoofdbureauDb): RecountReport {
  const pkg = db.pkg;
  const context = createBallotContext(pkg);
  const stored = readAllStationTallies(db);
  const differences: string[] = [];
  let ballots = 0;
  const imports = db.sqlite.prepare('SELECT station, ballots, session_certificate FROM import ORDER BY station').all() as Array<{ station: number; ballots: number; session_certificate: Buffer }>;
  const rows = db.sqlite.prepare('SELECT ballot_id, signed, vote FROM ballot WHERE station = ?');
  const recounted = new Map<number, Map<string, Tally>>();
  for (const imp of imports) {
    const station = pkg.election.pollingStations.find((s) => s.number === imp.station)!;
    const cert = verifySessionCertificate(imp.session_certificate, {
      hashPrefix: pkg.hash.subarray(0, HASH_PREFIX_BYTES),
      station: imp.station,
      stembureauPublicKey: Buffer.from(station.stembureauKey.publicKey, 'base64'),
    });
    if (!cert.ok) {
      differences.push(`stembureau ${imp.station}: het bewaarde sessiecertificaat is ongeldig (${cert.error})`);
      continue;
    }
    const elections = electionsForStation(pkg.election, imp.station);
    const choices = new Map<string, ElectionChoice[]>(elections.map((e) => [e.id, []]));
    let n = 0;
    for (const row of rows.iterate(imp.station) as Iterable<{ ballot_id: Buffer; signed: Buffer; vote: string }>) {
      n++;
      const opened = openSignedBallot(context, row.signed, imp.station, [cert.verifier]);
      if (!opened.ok) {
        differences.push(`stembureau ${imp.station}: een bewaard stembiljet verifieert niet meer (${opened.error})`);
        continue;
      }
      if (!bytesEqual(opened.ballot.ballotId, row.ballot_id)) differences.push(`stembureau ${imp.station}: een stembiljet staat onder een andere code dan het zijne`);
      if (JSON.stringify(parseVoteText(row.vote)) !== JSON.stringify(opened.ballot.vote)) differences.push(`stembureau ${imp.station}: de bewaarde stem verschilt van het ondertekende stembiljet`);
      for (const ev of opened.ballot.vote.elections) choices.get(ev.election)?.push(ev.choice);
    }
    ballots += n;
    if (n !== imp.ballots) differences.push(`stembureau ${imp.station}: ${n} stembiljetten bewaard, ${imp.ballots} ingelezen`);
    const perElection = new Map<string, Tally>();
    for (const e of elections) {
      const counted = countChoices(shapeOfElection(e), choices.get(e.id)!);
      if (!counted.ok) {
        differences.push(`stembureau ${imp.station}, ${e.id}: een stem kan niet geteld worden (${counted.error})`);
        continue;
      }
      perElection.set(e.id, counted.tally);
      const kept = stored.get(imp.station)?.get(e.id);
      if (!kept || !sameTally(kept, counted.tally)) differences.push(`stembureau ${imp.station}, ${e.id}: de hertelling verschilt van de bewaarde telling`);
    }
    recounted.set(imp.station, perElection);
  }
  for (const total of readTotals(db)) {
    const parts = [...recounted.values()].flatMap((m) => {
      const t = m.get(total.election.id);
      return t ? [t] : [];
    });
    const summed = sumTallies(shapeOfElection(total.election), parts);
    if (!summed.ok || !sameTally(summed.tally, total.tally)) differences.push(`${total.election.id}: de hertelling verschilt van het totaal`);
  }
  return { ballots, stations: imports.length, differences };
}
