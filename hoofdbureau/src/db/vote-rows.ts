// What the hoofdbureau keeps of a ballot (issue 11): one row per election of the ballot, each on
// its own, under a vote id that links it to nothing else in the database — not to the ballot, not
// to the same ballot's rows for the other elections. A voter of whom only the gemeenteraad vote
// exists (an EU or non-EU resident) is then one gemeenteraad row among all the others.
//
//   vote id = the first 16 bytes of SHA-256("ovs:hoofdbureau-vote\0" ‖ election id ‖ ballot id)
//
// - Unique per ballot and election: the ballot id is a random 128-bit value that no stick and no
//   re-scan accepts twice in a station, and the election id is hashed with it. Sixteen bytes of
//   SHA-256 collide among a station's ≤ 2^20 votes of one election with probability below 2^-88.
// - The same ballot gives the same ids from a stick, its copy or a re-scan of the paper ballots,
//   so duplicates are recognised and the recount compares the database with the sticks on them.
// - Unlinkable across elections without the ballot id: to find which gemeenteraad row and which
//   provincieraad row come from one ballot means finding a 128-bit ballot id that hashes to both.
//   Whoever has the ballot id holds the ballot itself (the paper, or a stick with the hoofdbureau
//   key) and with it the whole vote, so a secret key in the hash (HMAC) would protect nothing
//   more, and would make the recount depend on that secret. The election id comes last but one
//   and the ballot id has a fixed length, so the input is unambiguous.
// - No order: the rows of one election are written in the order of their vote ids, which is
//   unrelated to the order of another election's rows, of the slots, or of casting.
import { hash } from 'node:crypto';
import { BALLOT_ID_BYTES, type ElectionChoice, type Vote } from '@ovs/ballot';
import { utf8, withDomain } from '@ovs/crypto';
import { choiceText } from '../stick/vote-text.ts';

export const VOTE_ID_BYTES = 16;
export const VOTE_ID_DOMAIN = 'hoofdbureau-vote';

/** One election's votes of one polling station, as they are stored: sorted by vote id. */
export interface ElectionVotes {
  election: string;
  count: number;
  /** count × 16 bytes: the vote ids, ascending. */
  ids: Uint8Array;
  /** The choices in vote-text.ts form (choiceText), concatenated in the same order. */
  text: Uint8Array;
  /** count + 1 entries: vote i is text[offsets[i] … offsets[i + 1]). */
  offsets: Uint32Array;
}

/** The vote id of one ballot's vote in one election. */
export function voteId(election: string, ballotId: Uint8Array): Uint8Array {
  return new Uint8Array(hash('sha256', withDomain(VOTE_ID_DOMAIN, utf8(election), ballotId), 'buffer').subarray(0, VOTE_ID_BYTES));
}

/**
 * One election's rows from packed ballots: vote k is of the ballot at index `ballots[k]` of
 * `ballotIds` (16 bytes each) and has the text `text[offsets[k] … offsets[k + 1])`. Every array
 * of the result is its own buffer (it is transferred between threads).
 */
export function sortedVotes(election: string, ballotIds: Uint8Array, ballots: Uint32Array, text: Uint8Array, offsets: Uint32Array): ElectionVotes {
  const n = ballots.length;
  const raw = new Uint8Array(n * VOTE_ID_BYTES);
  // One input buffer per election, the ballot id copied into its tail: no allocation per vote but the digest.
  const input = Buffer.from(withDomain(VOTE_ID_DOMAIN, utf8(election), new Uint8Array(BALLOT_ID_BYTES)));
  const tail = input.length - BALLOT_ID_BYTES;
  for (let k = 0; k < n; k++) {
    const b = ballots[k]! * BALLOT_ID_BYTES;
    input.set(ballotIds.subarray(b, b + BALLOT_ID_BYTES), tail);
    raw.set(hash('sha256', input, 'buffer').subarray(0, VOTE_ID_BYTES), k * VOTE_ID_BYTES);
  }
  const order = new Uint32Array(n);
  for (let k = 0; k < n; k++) order[k] = k;
  order.sort((a, b) => {
    for (let i = 0; i < VOTE_ID_BYTES; i++) {
      const d = raw[a * VOTE_ID_BYTES + i]! - raw[b * VOTE_ID_BYTES + i]!;
      if (d !== 0) return d;
    }
    return 0;
  });
  const ids = new Uint8Array(n * VOTE_ID_BYTES);
  const sortedText = new Uint8Array(offsets[n]! - offsets[0]!);
  const sortedOffsets = new Uint32Array(n + 1);
  let at = 0;
  for (let k = 0; k < n; k++) {
    const from = order[k]!;
    ids.set(raw.subarray(from * VOTE_ID_BYTES, (from + 1) * VOTE_ID_BYTES), k * VOTE_ID_BYTES);
    sortedOffsets[k] = at;
    sortedText.set(text.subarray(offsets[from]!, offsets[from + 1]!), at);
    at += offsets[from + 1]! - offsets[from]!;
  }
  sortedOffsets[n] = at;
  return { election, count: n, ids, text: sortedText, offsets: sortedOffsets };
}

/** The rows of whole ballots, per election in the order given (the slow path: re-scans, tests). */
export function votesOfBallots(elections: readonly string[], ballots: ReadonlyArray<{ ballotId: Uint8Array; vote: Vote }>): ElectionVotes[] {
  const ids = new Uint8Array(ballots.length * BALLOT_ID_BYTES);
  ballots.forEach((b, i) => ids.set(b.ballotId, i * BALLOT_ID_BYTES));
  const encoder = new TextEncoder();
  return elections.map((election) => {
    const index: number[] = [];
    const parts: Uint8Array[] = [];
    ballots.forEach((b, i) => {
      const choice: ElectionChoice | undefined = b.vote.elections.find((e) => e.election === election)?.choice;
      if (!choice) return;
      index.push(i);
      parts.push(encoder.encode(choiceText(choice)));
    });
    const offsets = new Uint32Array(parts.length + 1);
    parts.forEach((p, i) => (offsets[i + 1] = offsets[i]! + p.length));
    const text = new Uint8Array(offsets[parts.length]!);
    parts.forEach((p, i) => text.set(p, offsets[i]));
    return sortedVotes(election, ids, Uint32Array.from(index), text, offsets);
  });
}

/** Vote k's id in hex (for sets and comparisons). */
export const voteIdHex = (v: ElectionVotes, k: number): string => Buffer.from(v.ids.buffer, v.ids.byteOffset + k * VOTE_ID_BYTES, VOTE_ID_BYTES).toString('hex');

/** Vote k's text. */
export const voteTextAt = (v: ElectionVotes, k: number): string => Buffer.from(v.text.buffer, v.text.byteOffset, v.text.byteLength).toString('utf8', v.offsets[k], v.offsets[k + 1]);
