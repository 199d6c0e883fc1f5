// What a card in the reader means for the flow. Pure: the backend reads the card and the
// printer, this turns the bytes into a flow event. A card's bytes never reach a log.
import { bytesEqual } from '@ovs/crypto';
import type { Verifier } from '@ovs/crypto';
import { CARD_TYPE_ACTIVATION, verifyActivationCard, verifyVoterCard, type ActivationError, type VoterCardError } from '@ovs/card';
import type { ElectionPackage } from '@ovs/election';
import type { CardReadResult } from '@ovs/devices';
import type { ActivationRefusal, CardEvent, PrinterReadiness, VoterCardRefusal } from '../flow/index.ts';
import type { Signer } from '@ovs/crypto';

export interface StationKeys {
  pkg: ElectionPackage;
  station: number;
  hashPrefix: Uint8Array;
  stembureauPublicKey: Uint8Array;
  stembureau: Verifier;
}

/** The session key an activation card carries, until the flow says to adopt it. */
export interface SessionKey {
  certificate: Uint8Array;
  signer: Signer;
  verifier: Verifier;
}

export function voterRefusal(error: VoterCardError): VoterCardRefusal {
  switch (error) {
    case 'bad-length':
    case 'bad-version':
    case 'bad-flags':
      return 'unreadable';
    case 'not-a-voter-card':
      return 'not-a-voter-card';
    case 'wrong-package':
      return 'wrong-package';
    case 'wrong-station':
      return 'wrong-station';
    case 'bad-elections':
      return 'invalid';
    case 'bad-signature':
      return 'forged';
    default:
      return error satisfies never;
  }
}

export function activationRefusal(error: ActivationError): ActivationRefusal {
  switch (error) {
    case 'wrong-station':
      return 'wrong-station';
    case 'wrong-package':
      return 'wrong-package';
    case 'bad-signature':
    case 'bad-key':
    case 'key-mismatch':
      return 'forged';
    case 'bad-length':
    case 'bad-version':
    case 'not-an-activation-card':
      return 'invalid';
    default:
      return error satisfies never;
  }
}

export type CardCheck = { event: CardEvent; session?: SessionKey };

/** Classifies what the reader returned. `current` is the session key in use, if any. */
export function checkCard(read: CardReadResult, keys: StationKeys, current: SessionKey | undefined, printer: PrinterReadiness): CardCheck {
  if (!read.ok) return { event: { type: 'voter-card', result: { ok: false, refusal: 'unreadable' }, printer } };
  const bytes = read.payload;
  if (bytes[1] === CARD_TYPE_ACTIVATION) {
    const r = verifyActivationCard(bytes, { hashPrefix: keys.hashPrefix, station: keys.station, stembureauPublicKey: keys.stembureauPublicKey });
    if (!r.ok) return { event: { type: 'activation-card', result: activationRefusal(r.error), printer } };
    const same = current !== undefined && bytesEqual(current.certificate, r.certificate);
    return { event: { type: 'activation-card', result: same ? 'same-session' : 'new-session', printer }, session: { certificate: r.certificate, signer: r.session, verifier: r.verifier } };
  }
  const r = verifyVoterCard(bytes, { pkg: keys.pkg, hashPrefix: keys.hashPrefix, station: keys.station, stembureau: keys.stembureau });
  if (!r.ok) return { event: { type: 'voter-card', result: { ok: false, refusal: voterRefusal(r.error) }, printer } };
  // A torn mark ('damaged') counts as used: a card must never vote twice.
  if (read.used.kind !== 'unused') return { event: { type: 'voter-card', result: { ok: false, refusal: 'used' }, printer } };
  return { event: { type: 'voter-card', result: { ok: true, test: r.card.test, elections: r.card.elections }, printer } };
}
