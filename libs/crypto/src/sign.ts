// Ed25519 through node:crypto (≈100× faster than tweetnacl on this hardware). Keys travel as
// raw 32-byte values; KeyObjects are built once and cached because building them costs as
// much as a verification.
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';

const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export interface SigningKeyPair {
  publicKey: Uint8Array;
  /** The 32-byte Ed25519 seed. */
  privateKey: Uint8Array;
}

export function generateSigningKeyPair(): SigningKeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return {
    publicKey: new Uint8Array(publicKey.export({ format: 'der', type: 'spki' }).subarray(12)),
    privateKey: new Uint8Array(privateKey.export({ format: 'der', type: 'pkcs8' }).subarray(16)),
  };
}

/** A private key ready to sign. */
export class Signer {
  readonly publicKey: Uint8Array;
  readonly #key: KeyObject;

  constructor(privateKey: Uint8Array) {
    if (privateKey.length !== 32) throw new Error('Signer: an Ed25519 private key is 32 bytes');
    this.#key = createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, privateKey]), format: 'der', type: 'pkcs8' });
    this.publicKey = new Uint8Array(createPublicKey(this.#key).export({ format: 'der', type: 'spki' }).subarray(12));
  }

  sign(message: Uint8Array): Uint8Array {
    return new Uint8Array(sign(null, message, this.#key));
  }
}

/** A public key ready to verify. Returns false (never throws) for a malformed signature. */
export class Verifier {
  readonly publicKey: Uint8Array;
  readonly #key: KeyObject;

  private constructor(publicKey: Uint8Array, key: KeyObject) {
    this.publicKey = publicKey;
    this.#key = key;
  }

  /** undefined when the bytes are not a valid Ed25519 public key. */
  static from(publicKey: Uint8Array): Verifier | undefined {
    if (publicKey.length !== 32) return undefined;
    try {
      const key = createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, publicKey]), format: 'der', type: 'spki' });
      return new Verifier(new Uint8Array(publicKey), key);
    } catch {
      return undefined;
    }
  }

  verify(message: Uint8Array, signature: Uint8Array): boolean {
    if (signature.length !== 64) return false;
    try {
      return verify(null, message, this.#key, signature);
    } catch {
      return false;
    }
  }
}
