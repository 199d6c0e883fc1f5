// The barcode carries payload ‖ Ed25519 signature by the voting computer's session key.
import type { Signer, Verifier} from '@ovs/crypto';
import { bytesEqual, concatBytes, withDomain } from '@ovs/crypto';
import { HASH_PREFIX_BYTES, type BallotContext } from './context.ts';
import { BALLOT_FORMAT_VERSION, decodeBallot, encodeBallot, HEADER_BYTES, type Ballot, type DecodeError, type EncodeResult } from './codec.ts';

export const SIGNATURE_BYTES = 64;

const signedMessage = (payload: Uint8Array): Uint8Array => withDomain('ballot', payload);

export function signBallotPayload(payload: Uint8Array, session: Signer): Uint8Array {
  return concatBytes(payload, session.sign(signedMessage(payload)));
}

/** Encode and sign in one step (what the voting computer does after the last confirmation). */
export function encodeSignedBallot(context: BallotContext, ballot: Ballot, session: Signer): EncodeResult {
  const encoded = encodeBallot(context, ballot);
  if (!encoded.ok) return encoded;
  return { ok: true, payload: signBallotPayload(encoded.payload, session) };
}

export type OpenError = DecodeError | 'wrong-station' | 'bad-signature';

export type OpenResult = { ok: true; ballot: Ballot; payload: Uint8Array } | { ok: false; error: OpenError };

/**
 * Verifies a scanned or stored ballot for one polling station. The header is classified
 * first (another package or polling station gets that reason rather than "bad signature"),
 * then the signature under one of the station's certified session keys, then the selections.
 */
export function openSignedBallot(
  context: BallotContext,
  bytes: Uint8Array,
  expectedStation: number,
  sessionKeys: readonly Verifier[],
): OpenResult {
  if (bytes.length < HEADER_BYTES + 1 + SIGNATURE_BYTES) return { ok: false, error: 'too-short' };
  if (bytes[0] !== BALLOT_FORMAT_VERSION) return { ok: false, error: 'bad-version' };
  if (!bytesEqual(bytes.subarray(2, 2 + HASH_PREFIX_BYTES), context.hashPrefix)) return { ok: false, error: 'wrong-package' };
  const station = ((bytes[10] as number) << 8) | (bytes[11] as number);
  if (station !== expectedStation) return { ok: false, error: 'wrong-station' };
  const payload = bytes.subarray(0, bytes.length - SIGNATURE_BYTES);
  const signature = bytes.subarray(bytes.length - SIGNATURE_BYTES);
  const message = signedMessage(payload);
  if (!sessionKeys.some((k) => k.verify(message, signature))) return { ok: false, error: 'bad-signature' };
  const decoded = decodeBallot(context, payload);
  if (!decoded.ok) return decoded;
  return { ok: true, ballot: decoded.ballot, payload: new Uint8Array(payload) };
}
