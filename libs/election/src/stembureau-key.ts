// The stembureau key: an Ed25519 key per polling station, inside the signed package but
// sealed under a key derived (scrypt) from the password in the sealed envelope.
import { err, ok, type Result } from '@ovs/basics';
import {
  aeadOpen,
  aeadSeal,
  canonicalEnvelopePassword,
  deriveKeyFromPassword,
  deriveKeyFromPasswordSync,
  ENVELOPE_SCRYPT,
  fromBase64,
  randomBytes,
  Signer,
  toBase64,
  utf8,
  validScryptParams,
  withDomain,
  type ScryptParams,
} from '@ovs/crypto';
import type { ElectionPackage, SealedKey } from './schema.ts';

const aad = (station: number, publicKey: string): Uint8Array => withDomain('stembureau-key', utf8(`${station}:${publicKey}`));

export function sealStembureauKey(
  privateKey: Uint8Array,
  station: number,
  password: string,
  options: { params?: ScryptParams; salt?: Uint8Array; nonce?: Uint8Array } = {},
): { publicKey: string; sealedPrivateKey: SealedKey } {
  const canonical = canonicalEnvelopePassword(password);
  if (!canonical) throw new Error('sealStembureauKey: not an envelope password');
  const params = options.params ?? ENVELOPE_SCRYPT;
  const salt = options.salt ?? randomBytes(16);
  const nonce = options.nonce ?? randomBytes(12);
  const publicKey = toBase64(new Signer(privateKey).publicKey);
  const key = deriveKeyFromPasswordSync(canonical, salt, params);
  const ciphertext = aeadSeal(key, nonce, privateKey, aad(station, publicKey));
  return {
    publicKey,
    sealedPrivateKey: { kdf: 'scrypt', ...params, salt: toBase64(salt), nonce: toBase64(nonce), ciphertext: toBase64(ciphertext) },
  };
}

export type UnsealError = 'malformed-password' | 'wrong-password' | 'unknown-station' | 'corrupt-key';

export type UnsealResult = Result<Signer, UnsealError>;

/** Opens the stembureau key with the typed password. Slow on purpose (scrypt); never throws. */
export async function unsealStembureauKey(pkg: ElectionPackage, station: number, typedPassword: string): Promise<UnsealResult> {
  const canonical = canonicalEnvelopePassword(typedPassword);
  if (!canonical) return err('malformed-password');
  const entry = pkg.pollingStations.find((s) => s.number === station);
  if (!entry) return err('unknown-station');
  const sealed = entry.stembureauKey.sealedPrivateKey;
  const params = { N: sealed.N, r: sealed.r, p: sealed.p };
  const salt = fromBase64(sealed.salt);
  const nonce = fromBase64(sealed.nonce);
  const ciphertext = fromBase64(sealed.ciphertext);
  if (!validScryptParams(params) || !salt || !nonce || !ciphertext) return err('corrupt-key');
  const key = await deriveKeyFromPassword(canonical, salt, params);
  const privateKey = aeadOpen(key, nonce, ciphertext, aad(station, entry.stembureauKey.publicKey));
  if (!privateKey) return err('wrong-password');
  if (privateKey.length !== 32) return err('corrupt-key');
  const signer = new Signer(privateKey);
  if (toBase64(signer.publicKey) !== entry.stembureauKey.publicKey) return err('corrupt-key');
  return ok(signer);
}

export const UNSEAL_MESSAGES: Record<UnsealError, string> = {
  'malformed-password': 'Dit is geen geldig paswoord: het paswoord uit de verzegelde enveloppe heeft 20 tekens (cijfers en hoofdletters), in groepen van vier.',
  'wrong-password': 'Het paswoord is niet juist voor dit stembureau. Controleer het paswoord in de verzegelde enveloppe.',
  'unknown-station': 'Dit stembureau staat niet in het verkiezingspakket.',
  'corrupt-key': 'De stembureausleutel in het verkiezingspakket is beschadigd. Verwittig de technische ondersteuning.',
};
