// The ballot payload: a compact bit-packed binary encoding, strict in both directions.
//
//   byte 0       format version (1)
//   byte 1       flags: bit 0 = test ballot; bits 1–7 zero
//   bytes 2–9    package hash prefix (first 8 bytes of SHA-256 of election.json)
//   bytes 10–11  polling station number, big-endian
//   bytes 12–27  ballot id: 128 random bits, the unique code that stops double counting
//   then, for each election of the polling station in legal order:
//     1 bit      present (the card allowed this election)
//     if present:
//       ⌈log2(L+1)⌉ bits  0 = blank, i = the i-th list of the election in package order
//       if a list: 1 bit top box, then one bit per candidate of that list (position 1 first)
//   zero bits up to a byte boundary
//
// The decoder checks every byte: version, flags, lengths, padding, every index in range, a
// list vote with at least one box, and it never throws on any input.
import { err, ok, type Result } from '@ovs/basics';
import { bytesEqual } from '@ovs/crypto';
import { BitReader, BitWriter, bitsFor } from './bits.ts';
import { HASH_PREFIX_BYTES, type BallotContext, type ElectionLayout } from './context.ts';
import type { ElectionChoice, ElectionVote, Vote } from './vote.ts';

export const BALLOT_FORMAT_VERSION = 1;
export const BALLOT_ID_BYTES = 16;
export const HEADER_BYTES = 2 + HASH_PREFIX_BYTES + 2 + BALLOT_ID_BYTES;

export interface Ballot {
  test: boolean;
  pollingStation: number;
  ballotId: Uint8Array;
  vote: Vote;
}

export type DecodeError =
  | 'too-short'
  | 'bad-version'
  | 'bad-flags'
  | 'wrong-package'
  | 'unknown-station'
  | 'no-election'
  | 'index-out-of-range'
  | 'empty-list-vote'
  | 'nonzero-padding'
  | 'bad-length';

export type DecodeResult = Result<Ballot, DecodeError>;

export type EncodeError = 'unknown-station' | 'no-election' | 'unknown-election' | 'election-order' | 'unknown-list' | 'bad-candidate' | 'empty-list-vote' | 'bad-ballot-id';

/** `detail` names what the package cannot hold (the station, the election, the ballot id's length). */
export interface EncodeFailure {
  code: EncodeError;
  detail: string;
}

export type EncodeResult = Result<Uint8Array, EncodeFailure>;

function encodeChoice(w: BitWriter, layout: ElectionLayout, choice: ElectionChoice): EncodeError | undefined {
  const width = bitsFor(layout.listNumbers.length);
  switch (choice.kind) {
    case 'blank':
      w.write(0, width);
      return undefined;
    case 'list': {
      const index = layout.listNumbers.indexOf(choice.list);
      if (index < 0) return 'unknown-list';
      const count = layout.candidateCounts[index] as number;
      const chosen = new Set(choice.candidates);
      if (chosen.size !== choice.candidates.length) return 'bad-candidate';
      for (const p of chosen) if (!Number.isInteger(p) || p < 1 || p > count) return 'bad-candidate';
      if (!choice.topBox && chosen.size === 0) return 'empty-list-vote';
      w.write(index + 1, width);
      w.write(choice.topBox ? 1 : 0, 1);
      for (let p = 1; p <= count; p++) w.write(chosen.has(p) ? 1 : 0, 1);
      return undefined;
    }
  }
}

/** Encodes a ballot (without signature). Rejects, as values, votes the package cannot hold. */
export function encodeBallot(context: BallotContext, ballot: Ballot): EncodeResult {
  const layouts = context.stations.get(ballot.pollingStation);
  if (!layouts) return err({ code: 'unknown-station', detail: `polling station ${ballot.pollingStation}` });
  if (ballot.ballotId.length !== BALLOT_ID_BYTES) return err({ code: 'bad-ballot-id', detail: `${ballot.ballotId.length} bytes` });
  if (ballot.vote.elections.length === 0) return err({ code: 'no-election', detail: 'empty vote' });
  const byId = new Map<string, ElectionVote>();
  let lastIndex = -1;
  for (const ev of ballot.vote.elections) {
    const index = layouts.findIndex((l) => l.id === ev.election);
    if (index < 0) return err({ code: 'unknown-election', detail: ev.election });
    if (index <= lastIndex) return err({ code: 'election-order', detail: ev.election });
    lastIndex = index;
    byId.set(ev.election, ev);
  }
  const w = new BitWriter();
  w.write(BALLOT_FORMAT_VERSION, 8);
  w.write(ballot.test ? 1 : 0, 8);
  w.writeBytes(context.hashPrefix);
  w.write(ballot.pollingStation, 16);
  w.writeBytes(ballot.ballotId);
  for (const layout of layouts) {
    const ev = byId.get(layout.id);
    w.write(ev ? 1 : 0, 1);
    if (!ev) continue;
    const error = encodeChoice(w, layout, ev.choice);
    if (error) return err({ code: error, detail: layout.id });
  }
  return ok(w.finish());
}

function decodeChoice(r: BitReader, layout: ElectionLayout): ElectionChoice | DecodeError {
  const index = r.read(bitsFor(layout.listNumbers.length));
  if (index === undefined) return 'bad-length';
  if (index === 0) return { kind: 'blank' };
  if (index > layout.listNumbers.length) return 'index-out-of-range';
  const topBox = r.read(1);
  if (topBox === undefined) return 'bad-length';
  const count = layout.candidateCounts[index - 1] as number;
  const candidates: number[] = [];
  for (let p = 1; p <= count; p++) {
    const bit = r.read(1);
    if (bit === undefined) return 'bad-length';
    if (bit === 1) candidates.push(p);
  }
  if (topBox === 0 && candidates.length === 0) return 'empty-list-vote';
  return { kind: 'list', list: layout.listNumbers[index - 1] as number, topBox: topBox === 1, candidates };
}

/** Decodes an unsigned payload of exactly the right length. Never throws. */
export function decodeBallot(context: BallotContext, payload: Uint8Array): DecodeResult {
  if (payload.length < HEADER_BYTES + 1) return err('too-short');
  if (payload[0] !== BALLOT_FORMAT_VERSION) return err('bad-version');
  const flags = payload[1] as number;
  if ((flags & 0xfe) !== 0) return err('bad-flags');
  if (!bytesEqual(payload.subarray(2, 2 + HASH_PREFIX_BYTES), context.hashPrefix)) return err('wrong-package');
  const station = ((payload[10] as number) << 8) | (payload[11] as number);
  const layouts = context.stations.get(station);
  if (!layouts) return err('unknown-station');
  const ballotId = payload.slice(12, 12 + BALLOT_ID_BYTES);
  const r = new BitReader(payload.subarray(HEADER_BYTES));
  const elections: ElectionVote[] = [];
  for (const layout of layouts) {
    const present = r.read(1);
    if (present === undefined) return err('bad-length');
    if (present === 0) continue;
    const choice = decodeChoice(r, layout);
    if (typeof choice === 'string') return err(choice);
    elections.push({ election: layout.id, choice });
  }
  if (!r.paddingIsZero()) return err('nonzero-padding');
  if (r.remainingBits !== 0) return err('bad-length');
  if (elections.length === 0) return err('no-election');
  return ok({ test: (flags & 1) === 1, pollingStation: station, ballotId, vote: { elections } });
}

/** Largest possible payload for a polling station: every election, every candidate ticked. */
export function maxPayloadBytes(layouts: readonly ElectionLayout[]): number {
  let bits = 0;
  for (const l of layouts) bits += 1 + bitsFor(l.listNumbers.length) + 1 + Math.max(0, ...l.candidateCounts);
  return HEADER_BYTES + Math.ceil(bits / 8);
}
