// Counting a verified stick without an object per ballot: every ballot is decoded into a reused
// FlatVote (@ovs/stick decodeBallotFlat, the strict decoder's fast path), added to typed-array
// counters per election, and each of its elections' choices written in vote-text.ts form into
// that election's ASCII buffer; the rows of each election are then sorted by their vote ids
// (db/vote-rows.ts), so nothing of a ballot joins its elections together. The tallies are exactly
// what @ovs/results' countChoices gives for the same choices, and the rows exactly what
// votesOfBallots gives (test/fast-paths.test.ts compares both on random ballots).
import type { BallotContext, ElectionLayout } from '@ovs/ballot';
import type { Election } from '@ovs/election';
import { tallyFromCounters, type Tally } from '@ovs/results';
import { decodeBallotFlat, FlatVote, type PackedBallots } from '@ovs/stick';
import { SIGNATURE_BYTES } from '@ovs/ballot';
import { sortedVotes, type ElectionVotes } from '../db/vote-rows.ts';

/** One election's counters: blank; per list [top box only, candidates only, top box and candidates]; per candidate. */
interface Counter {
  election: Election;
  /** Index of the election among the station's (the FlatVote's order). */
  at: number;
  blank: number;
  kinds: Float64Array;
  /** Per list (0-based index), where its candidates start in `preferences`. */
  start: Int32Array;
  preferences: Float64Array;
  /** This election's rows: the index of each vote's ballot, and the choices' texts. */
  ballots: Uint32Array;
  votes: number;
  text: ByteWriter;
  offsets: Uint32Array;
}

const encoder = new TextEncoder();

/** Growable ASCII/UTF-8 output. */
class ByteWriter {
  bytes: Uint8Array;
  length = 0;

  constructor(capacity: number) {
    this.bytes = new Uint8Array(Math.max(64, capacity));
  }

  room(n: number): void {
    if (this.length + n <= this.bytes.length) return;
    const next = new Uint8Array(Math.max(this.bytes.length * 2, this.length + n));
    next.set(this.bytes.subarray(0, this.length));
    this.bytes = next;
  }

  put(chunk: Uint8Array): void {
    this.room(chunk.length);
    this.bytes.set(chunk, this.length);
    this.length += chunk.length;
  }

  byte(b: number): void {
    this.room(1);
    this.bytes[this.length++] = b;
  }

  /** A non-negative integer in decimal, as JSON writes it. */
  int(x: number): void {
    this.room(16);
    if (x < 10) {
      this.bytes[this.length++] = 48 + x;
      return;
    }
    const start = this.length;
    while (x > 0) {
      this.bytes[this.length++] = 48 + (x % 10);
      x = Math.floor(x / 10);
    }
    this.bytes.subarray(start, this.length).reverse();
  }
}

const OPEN = 0x5b; // [
const CLOSE = 0x5d; // ]
const COMMA = 0x2c;

export interface CountedStick {
  tallies: Array<{ election: string; tally: Tally }>;
  /** Per election, in the order of `elections`: its rows, sorted by vote id. */
  votes: ElectionVotes[];
}

export type CountResult = { ok: true; counted: CountedStick } | { ok: false; error: string };

/**
 * The tallies and the vote rows (in the order of `elections`) of packed, verified ballots of one
 * polling station. A ballot that does not decode is a defect (they were verified): reported, never counted.
 */
export function countPacked(context: BallotContext, station: number, elections: readonly Election[], packed: PackedBallots): CountResult {
  const layouts: readonly ElectionLayout[] = context.stations.get(station) ?? [];
  const counters: Counter[] = [];
  for (const election of elections) {
    const at = layouts.findIndex((l) => l.id === election.id);
    if (at < 0) return { ok: false, error: `verkiezing ${election.id} hoort niet bij stembureau ${station}` };
    const start = new Int32Array(election.lists.length + 1);
    election.lists.forEach((l, i) => (start[i + 1] = start[i]! + l.candidates.length));
    counters.push({
      election,
      at,
      blank: 0,
      kinds: new Float64Array(election.lists.length * 3),
      start,
      preferences: new Float64Array(start[election.lists.length]!),
      ballots: new Uint32Array(packed.count),
      votes: 0,
      text: new ByteWriter(packed.count * 16),
      offsets: new Uint32Array(packed.count + 1),
    });
  }
  // Per election of the station and list: `[3,` (JSON of the list number).
  const listHead = layouts.map((l) => l.listNumbers.map((n) => encoder.encode(`[${n},`)));

  const vote = new FlatVote(context);
  for (let k = 0; k < packed.count; k++) {
    const from = packed.offsets[k]!;
    const to = packed.offsets[k + 1]!;
    const error = decodeBallotFlat(context, packed.signed.subarray(from, to - SIGNATURE_BYTES), vote);
    if (error) return { ok: false, error };
    if (vote.station !== station) return { ok: false, error: 'wrong-station' };
    for (const c of counters) {
      const list = vote.list[c.at]!;
      if (list < 0) continue;
      if (list === 0) {
        c.blank++;
        continue;
      }
      const first = vote.first[c.at]!;
      const n = vote.first[c.at + 1]! - first;
      const li = list - 1;
      if (n === 0) {
        c.kinds[li * 3]!++;
        continue;
      }
      const base = c.start[li]!;
      for (let p = 0; p < n; p++) c.preferences[base + vote.positions[first + p]! - 1]!++;
      c.kinds[li * 3 + (vote.topBox[c.at] === 1 ? 2 : 1)]!++;
    }
    // Per election of the ballot, its own row: [3,1,[1,4,9]] or [0].
    for (const c of counters) {
      const e = c.at;
      const list = vote.list[e]!;
      if (list < 0) continue;
      const text = c.text;
      c.ballots[c.votes] = k;
      c.offsets[c.votes++] = text.length;
      if (list === 0) {
        text.byte(OPEN);
        text.byte(48);
        text.byte(CLOSE);
        continue;
      }
      text.put(listHead[e]![list - 1]!);
      text.byte(vote.topBox[e] === 1 ? 49 : 48);
      text.byte(COMMA);
      text.byte(OPEN);
      for (let p = vote.first[e]!; p < vote.first[e + 1]!; p++) {
        if (p > vote.first[e]!) text.byte(COMMA);
        text.int(vote.positions[p]!);
      }
      text.byte(CLOSE);
      text.byte(CLOSE);
    }
  }

  const tallies = counters.map((c) => ({ election: c.election.id, tally: tallyFromCounters(c.election.lists, c.blank, c.kinds, c.preferences, c.start) }));
  const votes = counters.map((c) => {
    c.offsets[c.votes] = c.text.length;
    return sortedVotes(c.election.id, packed.ids, c.ballots.subarray(0, c.votes), c.text.bytes.subarray(0, c.text.length), c.offsets.subarray(0, c.votes + 1));
  });
  return { ok: true, counted: { tallies, votes } };
}
