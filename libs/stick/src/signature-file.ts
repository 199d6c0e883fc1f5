// Detached signatures (election.sig, session.sig, closing.sig): the 64-byte Ed25519
// signature in base64 followed by one newline, nothing else.
import { fromBase64, sha256, toBase64, withDomain, type Signer, type Verifier } from '@ovs/crypto';

export const encodeSignatureFile = (signature: Uint8Array): Uint8Array => new TextEncoder().encode(`${toBase64(signature)}\n`);

export function decodeSignatureFile(bytes: Uint8Array): Uint8Array | undefined {
  const text = new TextDecoder().decode(bytes);
  if (!text.endsWith('\n')) return undefined;
  const sig = fromBase64(text.slice(0, -1));
  return sig && sig.length === 64 ? sig : undefined;
}

/** Stick records are signed over a domain label and the SHA-256 of their exact bytes. */
export const recordMessage = (domain: string, bytes: Uint8Array): Uint8Array => withDomain(domain, sha256(bytes));

export const signRecord = (domain: string, bytes: Uint8Array, signer: Signer): Uint8Array => signer.sign(recordMessage(domain, bytes));

export const verifyRecord = (domain: string, bytes: Uint8Array, signature: Uint8Array, verifier: Verifier): boolean =>
  verifier.verify(recordMessage(domain, bytes), signature);
