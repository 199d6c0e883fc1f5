// Ballot codec and signatures: encode+sign, open (header + Ed25519 verify + strict decode), and
// raw node:crypto Ed25519 verify of the same bytes as the limit.
import { verify as nodeVerify, createPublicKey } from 'node:crypto';
import { demoKeyMaterial, randomBytes, Signer, Verifier, withDomain } from '@ovs/crypto';
import { generateDemoElection, verifyPackage } from '@ovs/election';
import { createBallotContext, encodeSignedBallot, openSignedBallot, SIGNATURE_BYTES, type Ballot } from '@ovs/ballot';
import { opsPerSecond, round } from './stats.ts';
import type { BenchFn } from './types.ts';

export const bench: BenchFn = async ({ quick }) => {
  const demo = generateDemoElection({ scrypt: { N: 1024, r: 8, p: 1 } });
  const verified = verifyPackage(demo.bytes, demo.signature, demo.organiser.publicKey);
  if (!verified.ok) throw new Error(verified.error.message);
  const context = createBallotContext(verified.value);
  const session = new Signer(demoKeyMaterial('bench', 'session'));
  const verifier = Verifier.from(session.publicKey)!;
  const ballot: Ballot = {
    test: false,
    pollingStation: 1,
    ballotId: randomBytes(16),
    vote: {
      elections: [
        { election: 'G', choice: { kind: 'list', list: 3, topBox: true, candidates: [1, 4, 9] } },
        { election: 'P', choice: { kind: 'list', list: 5, topBox: false, candidates: [2] } },
      ],
    },
  };
  const ms = quick ? 200 : 1000;
  const encodeSign = opsPerSecond(() => encodeSignedBallot(context, ballot, session), ms);
  const signed = encodeSignedBallot(context, ballot, session);
  if (!signed.ok) throw new Error(signed.error.code);
  const open = opsPerSecond(() => openSignedBallot(context, signed.value, 1, [verifier]), ms);
  const key = createPublicKey({ key: Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), session.publicKey]), format: 'der', type: 'spki' });
  const message = withDomain('ballot', signed.value.subarray(0, signed.value.length - SIGNATURE_BYTES));
  const sig = signed.value.subarray(signed.value.length - SIGNATURE_BYTES);
  const raw = opsPerSecond(() => nodeVerify(null, message, key, sig), ms);
  return {
    key: 'ballot',
    results: {
      payloadBytes: signed.value.length,
      encodeSignPerSecond: Math.round(encodeSign),
      encodeSignMedianMs: round(1000 / encodeSign, 4),
      openVerifyPerSecond: Math.round(open),
      openVerifyMedianMs: round(1000 / open, 4),
      rawNodeVerifyPerSecond: Math.round(raw),
      openVsRawRatio: round(open / raw, 3),
    },
    table: [
      ['payload (bytes)', String(signed.value.length)],
      ['encode+sign', `${round(1000 / encodeSign, 4)} ms (${Math.round(encodeSign)}/s)`],
      ['open+verify', `${round(1000 / open, 4)} ms (${Math.round(open)}/s)`],
      ['raw node Ed25519 verify', `${round(1000 / raw, 4)} ms (${Math.round(raw)}/s)`],
      ['open / raw', `${round(open / raw, 3)}`],
    ],
  };
};
