// The hoofdbureau's fast path through a ballot payload: the same strict decoding as
// @ovs/ballot's decodeBallot — the same checks, in the same order, with the same error codes —
// but into a reusable FlatVote instead of a new object per ballot, election and list. A million
// ballots are decoded on election night; this allocates nothing per ballot.
//
// decodeBallot stays the definition: test/ballot-reader.test.ts decodes valid, mutated and
// random payloads with both and requires the same verdict and the same vote.
import { bitsFor, BALLOT_FORMAT_VERSION, HEADER_BYTES, type BallotContext, type DecodeError, type ElectionChoice, type ElectionLayout, type Vote } from '@ovs/ballot';

/** Per station: its elections with the width of their list index (what decoding needs). */
interface StationPlan {
  layouts: readonly ElectionLayout[];
  widths: Int32Array;
}

const plans = new WeakMap<BallotContext, Map<number, StationPlan>>();

function planOf(context: BallotContext, station: number): StationPlan | undefined {
  let perStation = plans.get(context);
  if (!perStation) {
    perStation = new Map();
    plans.set(context, perStation);
  }
  let plan = perStation.get(station);
  if (!plan) {
    const layouts = context.stations.get(station);
    if (!layouts) return undefined;
    plan = { layouts, widths: Int32Array.from(layouts, (l) => bitsFor(l.listNumbers.length)) };
    perStation.set(station, plan);
  }
  return plan;
}

/**
 * One decoded ballot in flat arrays, overwritten by every decode. Elections are those of the
 * ballot's polling station in legal order (`layouts`).
 */
export class FlatVote {
  test = false;
  station = 0;
  /** The elections of the station, in legal order (as in the BallotContext). */
  layouts: readonly ElectionLayout[] = [];
  /** Per election: −1 not on this ballot, 0 blank, k ≥ 1 the k-th list of the election in package order. */
  readonly list: Int32Array;
  /** Per election: 1 when the list's top box is ticked. */
  readonly topBox: Uint8Array;
  /** The candidates ticked in election e are positions[first[e] … first[e + 1]), ascending. */
  readonly first: Int32Array;
  readonly positions: Int32Array;

  /** Sized for the largest ballot of any polling station of the context. */
  constructor(context: BallotContext) {
    let elections = 0;
    let positions = 0;
    for (const layouts of context.stations.values()) {
      elections = Math.max(elections, layouts.length);
      let p = 0;
      for (const l of layouts) p += Math.max(0, ...l.candidateCounts);
      positions = Math.max(positions, p);
    }
    this.list = new Int32Array(elections);
    this.topBox = new Uint8Array(elections);
    this.first = new Int32Array(elections + 1);
    this.positions = new Int32Array(positions);
  }

  /** The vote as @ovs/ballot's model (allocates: for tests and rare paths, not the hot loop). */
  toVote(): Vote {
    const elections: Array<{ election: string; choice: ElectionChoice }> = [];
    this.layouts.forEach((layout, e) => {
      const k = this.list[e] as number;
      if (k < 0) return;
      if (k === 0) elections.push({ election: layout.id, choice: { kind: 'blank' } });
      else {
        const candidates = Array.from(this.positions.subarray(this.first[e], this.first[e + 1]));
        elections.push({ election: layout.id, choice: { kind: 'list', list: layout.listNumbers[k - 1] as number, topBox: this.topBox[e] === 1, candidates } });
      }
    });
    return { elections };
  }
}

/**
 * Decodes an unsigned payload into `out`: undefined when valid, otherwise decodeBallot's error.
 * Never throws; on an error `out` holds garbage.
 */
export function decodeBallotFlat(context: BallotContext, payload: Uint8Array, out: FlatVote): DecodeError | undefined {
  if (payload.length < HEADER_BYTES + 1) return 'too-short';
  if (payload[0] !== BALLOT_FORMAT_VERSION) return 'bad-version';
  const flags = payload[1] as number;
  if ((flags & 0xfe) !== 0) return 'bad-flags';
  const prefix = context.hashPrefix;
  if (prefix.length !== 8) return 'wrong-package';
  for (let i = 0; i < 8; i++) if (payload[2 + i] !== prefix[i]) return 'wrong-package';
  const station = ((payload[10] as number) << 8) | (payload[11] as number);
  const plan = planOf(context, station);
  if (!plan) return 'unknown-station';
  const layouts = plan.layouts;
  const list = out.list;
  const topBox = out.topBox;
  const first = out.first;
  const positions = out.positions;
  const total = payload.length * 8;
  let pos = HEADER_BYTES * 8;
  let present = 0;
  let n = 0;
  for (let e = 0; e < layouts.length; e++) {
    first[e] = n;
    if (pos >= total) return 'bad-length';
    const on = ((payload[pos >> 3] as number) >> (7 - (pos & 7))) & 1;
    pos++;
    if (on === 0) {
      list[e] = -1;
      topBox[e] = 0;
      continue;
    }
    const width = plan.widths[e] as number;
    if (pos + width > total) return 'bad-length';
    let index = 0;
    for (let b = 0; b < width; b++, pos++) index = index * 2 + (((payload[pos >> 3] as number) >> (7 - (pos & 7))) & 1);
    present++;
    if (index === 0) {
      list[e] = 0;
      topBox[e] = 0;
      continue;
    }
    const layout = layouts[e] as ElectionLayout;
    if (index > layout.listNumbers.length) return 'index-out-of-range';
    if (pos >= total) return 'bad-length';
    const top = ((payload[pos >> 3] as number) >> (7 - (pos & 7))) & 1;
    pos++;
    const count = layout.candidateCounts[index - 1] as number;
    if (pos + count > total) return 'bad-length';
    for (let p = 1; p <= count; p++, pos++) if ((((payload[pos >> 3] as number) >> (7 - (pos & 7))) & 1) === 1) positions[n++] = p;
    if (top === 0 && n === first[e]) return 'empty-list-vote';
    list[e] = index;
    topBox[e] = top;
  }
  first[layouts.length] = n;
  for (; (pos & 7) !== 0; pos++) if ((((payload[pos >> 3] as number) >> (7 - (pos & 7))) & 1) !== 0) return 'nonzero-padding';
  if (pos !== total) return 'bad-length';
  if (present === 0) return 'no-election';
  out.test = (flags & 1) === 1;
  out.station = station;
  out.layouts = layouts;
  return undefined;
}
