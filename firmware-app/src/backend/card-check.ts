// What a card in the reader means for the flow. Pure: the backend reads the card and the
// printer, this turns the bytes into a flow event. A card's bytes never reach a log.
import { bytesEqual } from '@ovs/crypto';
import type { Verifier } from '@ovs/crypto';
import {
  CARD_TYPE_ACTIVATION,
  CARD_TYPE_ERASED_ACTIVATION,
  readActivationCard,
  readErasedActivationCard,
  verifyVoterCard,
  type ActivationError,
  type ErasedCardError,
  type SealedActivationCard,
  type VoterCardError,
} from '@ovs/card';
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

/** The session key an activation card carries, once its code opened it. */
export interface SessionKey {
  certificate: Uint8Array;
  signer: Signer;
  verifier: Verifier;
  /** What the erased activation cards of this session carry: the president's key to stop an alarm. */
  alarmKey: Uint8Array;
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

export function activationRefusal(error: ActivationError | ErasedCardError): ActivationRefusal {
  switch (error) {
    case 'wrong-station':
      return 'wrong-station';
    case 'wrong-package':
      return 'wrong-package';
    case 'bad-signature':
    case 'bad-key':
      return 'forged';
    case 'bad-length':
    case 'bad-version':
    case 'bad-kdf':
    case 'bad-reason':
    case 'not-an-activation-card':
    case 'not-an-erased-card':
      return 'invalid';
    default:
      return error satisfies never;
  }
}

/** An activation card waiting for its code: what the backend keeps between the card and the code. */
export interface OfferedCard {
  card: SealedActivationCard;
  /** The payload as read, to be sure the card erased later is this very card. */
  payload: Uint8Array;
}

export type CardCheck = { event: CardEvent; offered?: OfferedCard };

/**
 * Classifies what the reader returned. `current` is the session key in use, if any;
 * `attemptsLeft` says how many codes this machine still allows for an activation card.
 */
export function checkCard(
  read: CardReadResult,
  keys: StationKeys,
  current: SessionKey | undefined,
  printer: PrinterReadiness,
  attemptsLeft: (payload: Uint8Array) => number,
): CardCheck {
  if (!read.ok) return { event: { type: 'voter-card', result: { ok: false, refusal: 'unreadable' }, printer } };
  const bytes = read.value.payload;
  const activation = (card: Extract<CardEvent, { type: 'activation-card' }>['card']): CardEvent => ({ type: 'activation-card', card, printer });
  if (bytes[1] === CARD_TYPE_ACTIVATION) {
    const r = readActivationCard(bytes, { hashPrefix: keys.hashPrefix, station: keys.station, stembureauPublicKey: keys.stembureauPublicKey });
    if (!r.ok) return { event: activation({ kind: 'refused', refusal: activationRefusal(r.error) }) };
    const left = attemptsLeft(bytes);
    if (left <= 0) return { event: activation({ kind: 'refused', refusal: 'too-many-codes-kept' }) };
    return { event: activation({ kind: 'sealed', attemptsLeft: left }), offered: { card: r.value, payload: bytes } };
  }
  if (bytes[1] === CARD_TYPE_ERASED_ACTIVATION) {
    const r = readErasedActivationCard(bytes, { hashPrefix: keys.hashPrefix, station: keys.station });
    if (!r.ok) return { event: activation({ kind: 'refused', refusal: activationRefusal(r.error) }) };
    if (r.value.why === 'refused') return { event: activation({ kind: 'refused', refusal: 'void' }) };
    const ours = current !== undefined && bytesEqual(r.value.alarmKey, current.alarmKey);
    return { event: activation(ours ? { kind: 'alarm-key' } : { kind: 'refused', refusal: 'erased' }) };
  }
  const r = verifyVoterCard(bytes, { pkg: keys.pkg, hashPrefix: keys.hashPrefix, station: keys.station, stembureau: keys.stembureau });
  if (!r.ok) return { event: { type: 'voter-card', result: { ok: false, refusal: voterRefusal(r.error) }, printer } };
  // A torn mark ('damaged') counts as used: a card must never vote twice.
  if (read.value.used.kind !== 'unused') return { event: { type: 'voter-card', result: { ok: false, refusal: 'used' }, printer } };
  return { event: { type: 'voter-card', result: { ok: true, test: r.value.test, elections: r.value.elections }, printer } };
}
