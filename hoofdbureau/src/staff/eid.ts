// Login with the e-ID card: challenge and response. The server gives a random challenge bound to
// the workstation's session; the card's authentication key signs it (with the server's name, so
// a signature made for another server is useless here); the server verifies the signature under
// the key registered with the account. The card is behind an interface (EidCard): the real
// reader goes through the Belgian eID middleware on the workstation; the software token below
// stands in for it in the tests and the demo. Belgian e-ID cards since 2020 (applet 1.8) hold an
// ECDSA P-384 authentication key, older ones RSA 2048: both verify here.
import { createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { randomBytes, utf8, withDomain } from '@ovs/crypto';

/** What signs at the workstation: the card in its reader, or the software token. */
export interface EidCard {
  /** The authentication key's public part (SPKI, DER), as registered with the account. */
  publicKey(): Promise<Uint8Array>;
  /** The card signs (after its PIN, on a real card). */
  sign(message: Uint8Array): Promise<Uint8Array>;
}

/** The exact bytes the card signs: the challenge and the server's own name and port. */
export const eidMessage = (challenge: Uint8Array, host: string): Uint8Array => withDomain('hoofdbureau-eid-login', challenge, utf8(`\0${host}`));

const CHALLENGE_BYTES = 32;
const CHALLENGE_MS = 2 * 60 * 1000;
const MAX_OPEN = 10_000;

/** The challenges handed out, one per guard session, each used once within two minutes. */
export class EidChallenges {
  readonly #open = new Map<string, { challenge: Uint8Array; at: number }>();
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  issue(session: string): Uint8Array {
    const challenge = randomBytes(CHALLENGE_BYTES);
    const t = this.#now();
    for (const [k, v] of this.#open) if (t - v.at > CHALLENGE_MS) this.#open.delete(k);
    // A flood of made-up sessions cannot fill the memory: the oldest challenge gives way.
    if (this.#open.size >= MAX_OPEN) this.#open.delete(this.#open.keys().next().value!);
    this.#open.set(session, { challenge, at: t });
    return challenge;
  }

  /** The session's challenge, if it is still open; taken away in any case (one try per challenge). */
  take(session: string): Uint8Array | undefined {
    const open = this.#open.get(session);
    this.#open.delete(session);
    return open && this.#now() - open.at <= CHALLENGE_MS ? open.challenge : undefined;
  }
}

function keyOf(spki: Uint8Array): KeyObject | undefined {
  try {
    return createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' });
  } catch {
    return undefined;
  }
}

/** A key that can be an e-ID's authentication key (EC P-256/P-384 or RSA ≥ 2048), or why not. */
export function eidKeyProblem(spki: Uint8Array): string | undefined {
  const key = keyOf(spki);
  if (!key) return 'Dit is geen publieke sleutel (SPKI, DER of PEM).';
  const type = key.asymmetricKeyType;
  if (type === 'ec' && ['P-384', 'secp384r1', 'P-256', 'prime256v1'].includes(key.asymmetricKeyDetails?.namedCurve ?? '')) return undefined;
  if (type === 'rsa' && (key.asymmetricKeyDetails?.modulusLength ?? 0) >= 2048) return undefined;
  return 'Deze sleutel kan geen authenticatiesleutel van een e-ID zijn (verwacht: ECDSA P-384 of RSA 2048).';
}

export function verifyEidSignature(spki: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  const key = keyOf(spki);
  if (!key) return false;
  try {
    if (key.asymmetricKeyType === 'ec') {
      const curve = key.asymmetricKeyDetails?.namedCurve;
      return verify(curve === 'P-256' || curve === 'prime256v1' ? 'sha256' : 'sha384', message, { key, dsaEncoding: 'ieee-p1363' }, signature);
    }
    if (key.asymmetricKeyType === 'rsa') return verify('sha256', message, key, signature);
    return false;
  } catch {
    return false;
  }
}

/** The software token: an ECDSA P-384 key like the card's, in memory. For tests and the demo only. */
export function softwareEidToken(): EidCard & { readonly spki: Uint8Array } {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-384' });
  const spki = new Uint8Array(publicKey.export({ format: 'der', type: 'spki' }));
  return {
    spki,
    publicKey: () => Promise.resolve(spki),
    sign: (message) => Promise.resolve(new Uint8Array(sign('sha384', message, { key: privateKey, dsaEncoding: 'ieee-p1363' }))),
  };
}
