// The activation card: how a voting computer receives the session key (trust model) without
// the card itself being the key. The session certificate is in clear, so the stemcomputer can
// check it against the stembureau key in the package before it asks for anything; the session
// private key is sealed under a key derived (scrypt) from the one-time activation code that the
// console shows and the president types at the stemcomputer. Whoever copies the card gets a
// certificate (public anyway: it is printed on the kerncijferrapport) and a ciphertext to
// attack offline through scrypt (README.md, "Strength").
//
//   byte 0          version (2; version 1 carried the private key in clear)
//   byte 1          card type (2 = activation)
//   byte 2          scrypt cost: log2 N, 10..17 (r = 8 and p = 1 are fixed by the format)
//   bytes 3–18      salt (16 random bytes)
//   bytes 19–30     nonce (12 random bytes)
//   bytes 31–137    session certificate (see @ovs/ballot)
//   bytes 138–185   session private key (Ed25519 seed, 32 bytes) sealed with ChaCha20-Poly1305,
//                   then its 16-byte tag
//
// key = scrypt(the 16 digits, salt, N, 8, 1); AAD = "ovs:activation-card\0" ‖ bytes 0–137, so
// the version, the cost, the salt and the certificate (which names the package hash prefix, the
// polling station and the session public key) are all bound to the sealed key.
import { err, ok, type Result } from '@ovs/basics';
import { aeadOpen, aeadSeal, AEAD_NONCE_BYTES, AEAD_TAG_BYTES, bytesEqual, concatBytes, deriveKeyFromPassword, Signer, withDomain, type ScryptParams, type Verifier } from '@ovs/crypto';
import { SESSION_CERTIFICATE_BYTES, verifySessionCertificate, type CertificateError } from '@ovs/ballot';
import { canonicalActivationCode } from './activation-code.ts';
import { alarmKeyOf } from './erased-card.ts';
import { CARD_TYPE_ACTIVATION } from './voter-card.ts';

export const ACTIVATION_CARD_VERSION = 2;
export const ACTIVATION_SALT_BYTES = 16;
const HEADER_BYTES = 3 + ACTIVATION_SALT_BYTES + AEAD_NONCE_BYTES + SESSION_CERTIFICATE_BYTES;
export const ACTIVATION_CARD_BYTES = HEADER_BYTES + 32 + AEAD_TAG_BYTES;

/** The scrypt cost of an activation card; r and p are fixed by the format. */
export interface ActivationKdf {
  log2N: number;
}

/** 2^17 × 8 × 128 B = 128 MiB and about half a second on a stemcomputer, once per activation. */
export const ACTIVATION_KDF: ActivationKdf = { log2N: 17 };
/** Tests and the election-day simulation: the same format, a cost a laptop runs hundreds of times. */
export const TEST_ACTIVATION_KDF: ActivationKdf = { log2N: 10 };
/** A card is read before anything is authenticated: its cost is bounded so a forged card cannot exhaust the machine's memory. */
const LOG2N_RANGE = { min: 10, max: 17 } as const;

const scryptParams = (kdf: ActivationKdf): ScryptParams => ({ N: 2 ** kdf.log2N, r: 8, p: 1 });
const validKdf = (log2N: number): boolean => Number.isInteger(log2N) && log2N >= LOG2N_RANGE.min && log2N <= LOG2N_RANGE.max;

export interface ActivationCardInput {
  certificate: Uint8Array;
  sessionPrivateKey: Uint8Array;
  /** The 16 digits (canonicalActivationCode). */
  code: string;
  salt: Uint8Array;
  nonce: Uint8Array;
  kdf: ActivationKdf;
}

/** Writes a card; throws only on a programming error (wrong sizes, a code that is not 16 digits). */
export async function issueActivationCard(input: ActivationCardInput): Promise<Uint8Array> {
  const { certificate, sessionPrivateKey, salt, nonce, kdf } = input;
  const code = canonicalActivationCode(input.code);
  if (certificate.length !== SESSION_CERTIFICATE_BYTES || sessionPrivateKey.length !== 32 || salt.length !== ACTIVATION_SALT_BYTES || nonce.length !== AEAD_NONCE_BYTES) {
    throw new Error('issueActivationCard: bad sizes');
  }
  if (code === undefined) throw new Error('issueActivationCard: the code must be 16 digits');
  if (!validKdf(kdf.log2N)) throw new Error('issueActivationCard: scrypt cost out of range');
  const header = concatBytes(new Uint8Array([ACTIVATION_CARD_VERSION, CARD_TYPE_ACTIVATION, kdf.log2N]), salt, nonce, certificate);
  const key = await deriveKeyFromPassword(code, salt, scryptParams(kdf));
  return concatBytes(header, aeadSeal(key, nonce, sessionPrivateKey, withDomain('activation-card', header)));
}

export type ActivationError = 'bad-length' | 'bad-version' | 'not-an-activation-card' | 'bad-kdf' | CertificateError;

/** A card whose certificate checked out: what the stemcomputer holds while it asks for the code. */
export interface SealedActivationCard {
  certificate: Uint8Array;
  sessionPublicKey: Uint8Array;
  verifier: Verifier;
  kdf: ActivationKdf;
  salt: Uint8Array;
  nonce: Uint8Array;
  header: Uint8Array;
  sealed: Uint8Array;
}

export type ReadActivationResult = Result<SealedActivationCard, ActivationError>;

/** Checks everything that can be checked without the code. Never throws. */
export function readActivationCard(
  bytes: Uint8Array,
  expected: { hashPrefix: Uint8Array; station: number; stembureauPublicKey: Uint8Array },
): ReadActivationResult {
  if (bytes.length < 2) return err('bad-length');
  if (bytes[1] !== CARD_TYPE_ACTIVATION) return err('not-an-activation-card');
  if (bytes[0] !== ACTIVATION_CARD_VERSION) return err('bad-version');
  if (bytes.length !== ACTIVATION_CARD_BYTES) return err('bad-length');
  const log2N = bytes[2] as number;
  if (!validKdf(log2N)) return err('bad-kdf');
  const certificate = bytes.slice(3 + ACTIVATION_SALT_BYTES + AEAD_NONCE_BYTES, HEADER_BYTES);
  const checked = verifySessionCertificate(certificate, expected);
  if (!checked.ok) return checked;
  return ok({
    certificate,
    sessionPublicKey: checked.value.sessionPublicKey,
    verifier: checked.value.verifier,
    kdf: { log2N },
    salt: bytes.slice(3, 3 + ACTIVATION_SALT_BYTES),
    nonce: bytes.slice(3 + ACTIVATION_SALT_BYTES, 3 + ACTIVATION_SALT_BYTES + AEAD_NONCE_BYTES),
    header: bytes.slice(0, HEADER_BYTES),
    sealed: bytes.slice(HEADER_BYTES),
  });
}

export interface OpenedActivationCard {
  session: Signer;
  alarmKey: Uint8Array;
}

/** `key-mismatch`: the code opened the card but the key is not the certified one (never from a real console). */
export type OpenActivationResult = Result<OpenedActivationCard, 'wrong-code' | 'key-mismatch'>;

/** One scrypt (the card's cost) and one AEAD open. A code that is not 16 digits is a wrong code. */
export async function openActivationCard(card: SealedActivationCard, typed: string): Promise<OpenActivationResult> {
  const code = canonicalActivationCode(typed);
  if (code === undefined) return err('wrong-code');
  const key = await deriveKeyFromPassword(code, card.salt, scryptParams(card.kdf));
  const seed = aeadOpen(key, card.nonce, card.sealed, withDomain('activation-card', card.header));
  if (!seed || seed.length !== 32) return err('wrong-code');
  const session = new Signer(seed);
  if (!bytesEqual(session.publicKey, card.sessionPublicKey)) return err('key-mismatch');
  return ok({ session, alarmKey: alarmKeyOf(seed) });
}

/** Read and open in one step, for whoever holds the bytes and the code at once (tests, tools). */
export async function openActivationCardBytes(
  bytes: Uint8Array,
  code: string,
  expected: { hashPrefix: Uint8Array; station: number; stembureauPublicKey: Uint8Array },
): Promise<Result<OpenedActivationCard, 'wrong-code' | 'key-mismatch' | ActivationError>> {
  const read = readActivationCard(bytes, expected);
  return read.ok ? openActivationCard(read.value, code) : read;
}
