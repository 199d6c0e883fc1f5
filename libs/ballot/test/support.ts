// Fixtures for ballot tests: the demo package, a stembureau key and a session key, all
// deterministic so that golden payloads stay fixed.
import fc from 'fast-check';
import { demoKeyMaterial, Signer, Verifier } from '@ovs/crypto';
import { generateDemoElection, verifyPackage, type DemoElection, type VerifiedPackage } from '@ovs/election';
import { createBallotContext, type BallotContext, type ElectionLayout, type ElectionChoice, type Vote } from '../src/index.ts';

export const FAST_SCRYPT = { N: 1024, r: 8, p: 1 };

let cache: { demo: DemoElection; verified: VerifiedPackage; context: BallotContext } | undefined;
export function demoContext(): { demo: DemoElection; verified: VerifiedPackage; context: BallotContext } {
  if (!cache) {
    const demo = generateDemoElection({ scrypt: FAST_SCRYPT });
    const v = verifyPackage(demo.bytes, demo.signature, demo.organiser.publicKey);
    if (!v.ok) throw new Error(v.error.message);
    cache = { demo, verified: v.value, context: createBallotContext(v.value) };
  }
  return cache;
}

export const sessionSigner = (): Signer => new Signer(demoKeyMaterial('ballot-tests', 'session'));
export const sessionVerifier = (): Verifier => Verifier.from(sessionSigner().publicKey)!;

/** A synthetic context with arbitrary layouts for property tests (one station, number 7). */
export function syntheticContext(layouts: ElectionLayout[]): BallotContext {
  return {
    pkg: undefined as never,
    hashPrefix: new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]),
    stations: new Map([[7, layouts]]),
  };
}

export const arbLayouts: fc.Arbitrary<ElectionLayout[]> = fc
  .array(fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 63 }), { minLength: 1, maxLength: 3 })
  .map((elections) =>
    elections.map((counts, e) => ({
      id: `E${e}`,
      listNumbers: counts.map((_, i) => i + 1),
      candidateCounts: counts,
    })),
  );

export function arbChoice(layout: ElectionLayout): fc.Arbitrary<ElectionChoice> {
  return fc.oneof(
    fc.constant<ElectionChoice>({ kind: 'blank' }),
    fc.integer({ min: 0, max: layout.listNumbers.length - 1 }).chain((i) => {
      const count = layout.candidateCounts[i] as number;
      return fc
        .record({ topBox: fc.boolean(), candidates: fc.uniqueArray(fc.integer({ min: 1, max: count }), { maxLength: count }) })
        .filter((c) => c.topBox || c.candidates.length > 0)
        .map((c): ElectionChoice => ({ kind: 'list', list: layout.listNumbers[i] as number, topBox: c.topBox, candidates: [...c.candidates].sort((a, b) => a - b) }));
    }),
  );
}

/** A vote for a non-empty subset of the layouts, in order. */
export function arbVote(layouts: ElectionLayout[]): fc.Arbitrary<Vote> {
  return fc
    .tuple(...layouts.map((l) => fc.option(arbChoice(l), { nil: undefined })))
    .filter((choices) => choices.some((c) => c !== undefined))
    .map((choices) => ({
      elections: choices.flatMap((choice, i) => (choice ? [{ election: (layouts[i] as ElectionLayout).id, choice }] : [])),
    }));
}
