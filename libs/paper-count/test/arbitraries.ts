import fc from 'fast-check';
import type { TallyShape } from '@ovs/results';
import { tableFromBallots, type PaperBallot, type TelbureauTable } from '../src/index.ts';

/** One to five lists of one to eight candidates, numbered 1…n. */
export const shapeArb: fc.Arbitrary<TallyShape> = fc
  .array(fc.integer({ min: 1, max: 8 }), { minLength: 1, maxLength: 5 })
  .map((sizes) => ({ lists: sizes.map((candidates, i) => ({ number: i + 1, candidates })) }));

export const ballotArb = (shape: TallyShape): fc.Arbitrary<PaperBallot> =>
  fc.oneof(
    { weight: 1, arbitrary: fc.constant<PaperBallot>({ kind: 'blank' }) },
    { weight: 1, arbitrary: fc.constant<PaperBallot>({ kind: 'invalid' }) },
    {
      weight: 12,
      arbitrary: fc.integer({ min: 0, max: shape.lists.length - 1 }).chain((i) => {
        const l = shape.lists[i]!;
        return fc
          .tuple(fc.boolean(), fc.subarray(Array.from({ length: l.candidates }, (_, p) => p + 1)))
          .map(([topBox, candidates]): PaperBallot => ({ kind: 'list', list: l.number, topBox: topBox || candidates.length === 0, candidates }));
      }),
    },
  );

/** A shape and the table a telbureau draws up from random ballots (handed out = counted, or a few off). */
export const countedTableArb: fc.Arbitrary<{ shape: TallyShape; table: TelbureauTable }> = shapeArb.chain((shape) =>
  fc
    .tuple(fc.array(ballotArb(shape), { maxLength: 200 }), fc.integer({ min: -2, max: 2 }))
    .map(([ballots, off]) => ({ shape, table: tableFromBallots(shape, ballots, Math.max(0, ballots.length + off)) })),
);
