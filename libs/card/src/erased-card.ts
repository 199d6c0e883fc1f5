// What a stemcomputer writes over an activation card once it has read it: the sealed session
// key is gone (the terminal rewrites the whole payload area, the old bytes become 0xFF), so the
// card can never activate a machine again, at this stemcomputer or another.
//
// After a successful activation the card keeps one use: it is the president's key to stop an
// alarm (HARDWARE.md, "Reset"). For that it carries the alarm key, 16 bytes derived one-way from
// the session private key: every stemcomputer activated with this session knows it, and it signs
// nothing. After too many wrong codes it carries zeros: it is no key to anything.
//
//   byte 0        version (1)
//   byte 1        card type (3 = erased activation card)
//   byte 2        why: 1 = it activated a stemcomputer (alarm key follows),
//                      2 = refused after too many wrong codes (16 zero bytes follow)
//   bytes 3–10    package hash prefix
//   bytes 11–12   polling station, big-endian
//   bytes 13–28   alarm key, or zeros
import { err, ok, type Result } from '@ovs/basics';
import { bytesEqual, concatBytes, sha256, withDomain } from '@ovs/crypto';
import { CARD_HASH_PREFIX_BYTES } from './voter-card.ts';

export const CARD_TYPE_ERASED_ACTIVATION = 3;
export const ALARM_KEY_BYTES = 16;
export const ERASED_CARD_BYTES = 3 + CARD_HASH_PREFIX_BYTES + 2 + ALARM_KEY_BYTES;
const REASON_ACTIVATED = 1;
const REASON_REFUSED = 2;

/** SHA-256 of the session seed under its own domain, cut to 16 bytes: reveals nothing of the seed. */
export const alarmKeyOf = (sessionPrivateKey: Uint8Array): Uint8Array => sha256(withDomain('alarm-key', sessionPrivateKey)).slice(0, ALARM_KEY_BYTES);

/** The payload that replaces an activation card: with the alarm key after an activation, without after a refusal. */
export function erasedActivationCard(hashPrefix: Uint8Array, station: number, alarmKey: Uint8Array | undefined): Uint8Array {
  if (alarmKey !== undefined && alarmKey.length !== ALARM_KEY_BYTES) throw new Error('erasedActivationCard: the alarm key is 16 bytes');
  return concatBytes(
    new Uint8Array([1, CARD_TYPE_ERASED_ACTIVATION, alarmKey ? REASON_ACTIVATED : REASON_REFUSED]),
    hashPrefix.subarray(0, CARD_HASH_PREFIX_BYTES),
    new Uint8Array([station >> 8, station & 0xff]),
    alarmKey ?? new Uint8Array(ALARM_KEY_BYTES),
  );
}

export type ErasedCardError = 'bad-length' | 'bad-version' | 'not-an-erased-card' | 'bad-reason' | 'wrong-package' | 'wrong-station';

export type ErasedCard = { why: 'activated'; alarmKey: Uint8Array } | { why: 'refused' };

export type ErasedCardResult = Result<ErasedCard, ErasedCardError>;

/** Strict: every byte is checked. Never throws. */
export function readErasedActivationCard(bytes: Uint8Array, expected: { hashPrefix: Uint8Array; station: number }): ErasedCardResult {
  if (bytes.length < 2) return err('bad-length');
  if (bytes[1] !== CARD_TYPE_ERASED_ACTIVATION) return err('not-an-erased-card');
  if (bytes[0] !== 1) return err('bad-version');
  if (bytes.length !== ERASED_CARD_BYTES) return err('bad-length');
  const alarmKey = bytes.slice(13);
  const why = bytes[2];
  if (why !== REASON_ACTIVATED && why !== REASON_REFUSED) return err('bad-reason');
  if (why === REASON_REFUSED && !alarmKey.every((b) => b === 0)) return err('bad-reason');
  if (!bytesEqual(bytes.subarray(3, 11), expected.hashPrefix.subarray(0, CARD_HASH_PREFIX_BYTES))) return err('wrong-package');
  if ((((bytes[11] as number) << 8) | (bytes[12] as number)) !== expected.station) return err('wrong-station');
  return why === REASON_ACTIVATED ? ok({ why: 'activated', alarmKey }) : ok({ why: 'refused' });
}
