// The chip cards the console writes (decree art. 16 §1): a voter card valid for exactly the
// elections of the voter's category, a test card (counted apart), and the activation card that
// hands the opening's session key to a voting computer, sealed under a one-time code. The nonce
// is random and forgotten: nothing records which card went to which voter.
import { AEAD_NONCE_BYTES, randomBytes, type Signer } from '@ovs/crypto';
import { electionsForCategory, type VerifiedPackage } from '@ovs/election';
import { HASH_PREFIX_BYTES } from '@ovs/ballot';
import { ACTIVATION_SALT_BYTES, CARD_NONCE_BYTES, issueActivationCard, issueVoterCard, newActivationCode, type ActivationKdf } from '@ovs/card';
import type { CardReader, CardWriteResult } from '@ovs/devices/card';

export type CardWriteError = Extract<CardWriteResult, { ok: false }>['error'];

export const CARD_WRITE_MESSAGES: Record<CardWriteError, string> = {
  'no-reader': 'De kaartschrijver is niet aangesloten of antwoordt niet.',
  'no-card': 'Steek een kaart in de kaartschrijver.',
  'card-removed': 'De kaart werd te vroeg uitgenomen. Steek ze opnieuw in.',
  'card-error': 'De kaart is onleesbaar. Neem een andere kaart.',
  timeout: 'De kaartschrijver antwoordt niet op tijd. Probeer opnieuw.',
  'too-large': 'De kaartgegevens zijn te groot voor de kaart.',
  'card-too-small': 'Deze kaart is te klein. Neem een andere kaart.',
  'write-protected': 'De kaart is tegen schrijven beveiligd. Neem een andere kaart.',
  'write-failed': 'Schrijven op de kaart mislukte. Probeer opnieuw of neem een andere kaart.',
  'verify-failed': 'De kaart werd niet correct geschreven. Neem een andere kaart.',
};

export function voterCardBytes(pkg: VerifiedPackage, station: number, categoryId: string, test: boolean, stembureau: Signer): { bytes: Uint8Array; elections: string[] } | undefined {
  const elections = electionsForCategory(pkg.election, station, categoryId).map((e) => e.id);
  if (elections.length === 0) return undefined;
  const bytes = issueVoterCard(pkg.election, pkg.hash.subarray(0, HASH_PREFIX_BYTES), { test, pollingStation: station, elections, nonce: randomBytes(CARD_NONCE_BYTES) }, stembureau);
  return { bytes, elections };
}

/**
 * A fresh code and the card sealed under it. The code goes to the president's screen and
 * nowhere else: the caller returns it once and keeps no copy.
 */
export async function activationCard(certificate: Uint8Array, sessionPrivateKey: Uint8Array, kdf: ActivationKdf): Promise<{ bytes: Uint8Array; code: string }> {
  const code = newActivationCode(randomBytes);
  const bytes = await issueActivationCard({ certificate, sessionPrivateKey, code, salt: randomBytes(ACTIVATION_SALT_BYTES), nonce: randomBytes(AEAD_NONCE_BYTES), kdf });
  return { bytes, code };
}

export async function writeCard(writer: CardReader, bytes: Uint8Array): Promise<{ ok: true } | { ok: false; message: string }> {
  let r: CardWriteResult;
  try {
    r = await writer.write(bytes);
  } catch {
    return { ok: false, message: CARD_WRITE_MESSAGES['no-reader'] };
  }
  return r.ok ? { ok: true } : { ok: false, message: CARD_WRITE_MESSAGES[r.error] };
}
