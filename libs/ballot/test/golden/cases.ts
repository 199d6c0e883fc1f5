// The golden ballots: fixed layouts, ids and votes. Their encodings are committed in
// ballots.json; `npx tsx libs/ballot/test/golden/update.ts` rewrites it — only do that for a
// deliberate format change, with a new format version.
import type { Ballot, ElectionLayout } from '../../src/index.ts';

export const GOLDEN_LAYOUTS: ElectionLayout[] = [
  { id: 'G', listNumbers: [1, 2, 3, 4, 5, 6, 7], candidateCounts: [27, 27, 27, 19, 27, 27, 8] },
  { id: 'D', listNumbers: [1, 2, 3, 4], candidateCounts: [15, 15, 15, 15] },
  { id: 'P', listNumbers: [1, 2, 3, 4, 5, 6, 7, 8], candidateCounts: [9, 9, 9, 9, 9, 9, 9, 9] },
];

const id = (n: number): Uint8Array => Uint8Array.from({ length: 16 }, (_, i) => (n * 37 + i * 11) & 0xff);

export const GOLDEN_BALLOTS: Array<{ name: string; ballot: Ballot }> = [
  { name: 'blank everywhere', ballot: { test: false, pollingStation: 7, ballotId: id(1), vote: { elections: [{ election: 'G', choice: { kind: 'blank' } }, { election: 'D', choice: { kind: 'blank' } }, { election: 'P', choice: { kind: 'blank' } }] } } },
  { name: 'top box only, municipal card', ballot: { test: false, pollingStation: 7, ballotId: id(2), vote: { elections: [{ election: 'G', choice: { kind: 'list', list: 3, topBox: true, candidates: [] } }] } } },
  { name: 'preference votes', ballot: { test: false, pollingStation: 7, ballotId: id(3), vote: { elections: [{ election: 'G', choice: { kind: 'list', list: 7, topBox: false, candidates: [1, 8] } }, { election: 'D', choice: { kind: 'list', list: 2, topBox: false, candidates: [15] } }, { election: 'P', choice: { kind: 'list', list: 8, topBox: false, candidates: [2, 3, 4] } }] } } },
  { name: 'top box and candidates', ballot: { test: false, pollingStation: 7, ballotId: id(4), vote: { elections: [{ election: 'G', choice: { kind: 'list', list: 1, topBox: true, candidates: [1, 2, 27] } }, { election: 'P', choice: { kind: 'blank' } }] } } },
  { name: 'test ballot', ballot: { test: true, pollingStation: 7, ballotId: id(5), vote: { elections: [{ election: 'D', choice: { kind: 'list', list: 4, topBox: true, candidates: [] } }] } } },
];
