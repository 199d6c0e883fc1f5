// The barcode carries payload ‖ Ed25519 signature by the voting computer's session key.
import { err, ok, type Result } from '@ovs/basics';
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
  return ok(signBallotPayload(encoded.value, session));
}

export type OpenError = DecodeError | 'wrong-station' | 'bad-signature';

/** `payload`: the signed payload without its signature (a copy). */
export interface OpenedBallot {
  ballot: Ballot;
  payload: Uint8Array;
}

export type OpenResult = Result<OpenedBallot, OpenError>;

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
  if (bytes.length < HEADER_BYTES + 1 + SIGNATURE_BYTES) return err('too-short');
  if (bytes[0] !== BALLOT_FORMAT_VERSION) return err('bad-version');
  if (!bytesEqual(bytes.subarray(2, 2 + HASH_PREFIX_BYTES), context.hashPrefix)) return err('wrong-package');
  const station = ((bytes[10] as number) << 8) | (bytes[11] as number);
  if (station !== expectedStation) return err('wrong-station');
  const payload = bytes.subarray(0, bytes.length - SIGNATURE_BYTES);
  const signature = bytes.subarray(bytes.length - SIGNATURE_BYTES);
  const message = signedMessage(payload);
  if (!sessionKeys.some((k) => k.verify(message, signature))) return err('bad-signature');
  const decoded = decodeBallot(context, payload);
  if (!decoded.ok) return decoded;
  return ok({ ballot: decoded.value, payload: new Uint8Array(payload) });
}
