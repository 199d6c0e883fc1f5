// The registration receipt: the console's signature, with the stembureau key, on "this ballot of
// this station is stored on both sticks" (or "was already"), for this very request. The box
// opens its flap only on an answer whose receipt verifies against the stembureau key in the
// package — a key the cable never carries. So even a device that broke the channel could not
// make the flap open for a ballot the sticks never got.
//
//   "ovs:link-receipt\0" ‖ package hash prefix (8) ‖ station (2) ‖ request id (16)
//   ‖ SHA-256 of the signed ballot (32: it holds the ballot id) ‖ outcome (1: 1 registered, 2 duplicate)
//   ‖ most recent (1) ‖ attempt (1: 0 unknown, 1 same, 2 other)
import { concatBytes, sha256, withDomain, type Signer, type Verifier } from '@ovs/crypto';
import type { LinkBinding } from './handshake.ts';
import type { RegisterOutcome } from './messages.ts';

export const RECEIPT_BYTES = 64;

/** The outcomes that may open the flap, and so carry a receipt. */
export type ReceiptedOutcome = Extract<RegisterOutcome, { outcome: 'registered' | 'duplicate' }>;

function receiptMessage(binding: LinkBinding, requestId: Uint8Array, signedBallot: Uint8Array, outcome: ReceiptedOutcome): Uint8Array {
  const facts =
    outcome.outcome === 'registered' ? [1, 0, 0] : [2, outcome.mostRecent ? 1 : 0, outcome.attempt === undefined ? 0 : outcome.attempt === 'same' ? 1 : 2];
  return withDomain(
    'link-receipt',
    concatBytes(binding.hashPrefix.subarray(0, 8), new Uint8Array([binding.station >> 8, binding.station & 0xff]), requestId, sha256(signedBallot), new Uint8Array(facts)),
  );
}

export const signReceipt = (stembureau: Signer, binding: LinkBinding, requestId: Uint8Array, signedBallot: Uint8Array, outcome: ReceiptedOutcome): Uint8Array =>
  stembureau.sign(receiptMessage(binding, requestId, signedBallot, outcome));

export const verifyReceipt = (stembureau: Verifier, binding: LinkBinding, requestId: Uint8Array, signedBallot: Uint8Array, outcome: ReceiptedOutcome, receipt: Uint8Array): boolean =>
  stembureau.verify(receiptMessage(binding, requestId, signedBallot, outcome), receipt);
