// What a device must know to encode or decode ballots of one election package: for each
// polling station, its elections in legal order with the number of lists and candidates.
import type { ElectionPackage, VerifiedPackage } from '@ovs/election';
import { electionsForStation } from '@ovs/election';

/** Bytes of the package hash carried by ballots, cards and certificates (64 bits). */
export const HASH_PREFIX_BYTES = 8;

export interface ElectionLayout {
  id: string;
  /** List numbers in package order; the ballot carries the 1-based index into this array. */
  listNumbers: readonly number[];
  /** Candidate count per list, same order. */
  candidateCounts: readonly number[];
}

export interface BallotContext {
  pkg: ElectionPackage;
  hashPrefix: Uint8Array;
  /** Layout per polling station number. */
  stations: ReadonlyMap<number, readonly ElectionLayout[]>;
}

export function createBallotContext(verified: Pick<VerifiedPackage, 'election' | 'hash'>): BallotContext {
  const stations = new Map<number, ElectionLayout[]>();
  for (const station of verified.election.pollingStations) {
    stations.set(
      station.number,
      electionsForStation(verified.election, station.number).map((e) => ({
        id: e.id,
        listNumbers: e.lists.map((l) => l.number),
        candidateCounts: e.lists.map((l) => l.candidates.length),
      })),
    );
  }
  return { pkg: verified.election, hashPrefix: verified.hash.slice(0, HASH_PREFIX_BYTES), stations };
}
