// A voting computer's alarm for the president's console (HARDWARE.md "Alarm": shown "on screen
// and at the console"; issue 20). The voting computers hold the opening's session key (their
// activation card), so each alarm is signed with it: the console checks it against the session
// certificate, and a device that was never activated — anything else on the station's network —
// cannot raise one. Nothing of a voter or a vote is in it, and no time finer than the hour.
//
//   byte 0        version (1)
//   byte 1        kind (0 paper out, 1 card problem, 2 printer fault)
//   bytes 2–9     package hash prefix
//   bytes 10–11   polling station, big-endian
//   bytes 12–15   the hour it was raised (hours since 1970, big-endian): a replay is refused once
//                 the hour has passed
//   bytes 16–31   alarm id, random: the same alarm resent is recorded once
//   byte 32       length n of the machine's name (1–40), then n bytes of UTF-8
//   (kind 3 only) 32 bytes: the SHA-256 of the voting computer's software (its software report,
//                 sent once after activation so that the sticks record what ran; decree art. 4 §3)
//   last 64       Ed25519 signature by the session key over everything before it ("vc-alarm")
import { err, ok, type Result } from '@ovs/basics';
import { bytesEqual, concatBytes, toHex, withDomain, type Signer, type Verifier } from '@ovs/crypto';

export const VC_ALARM_VERSION = 1;
export const VC_ALARMS = ['paper-out', 'card', 'printer'] as const;
export type VcAlarm = (typeof VC_ALARMS)[number];
export const VC_ALARM_ID_BYTES = 16;
export const MAX_MACHINE_NAME_BYTES = 40;
/** The kind byte of a software report (not an alarm: nothing sounds). */
const SOFTWARE_KIND = VC_ALARMS.length;
const SOFTWARE_BYTES = 32;
/** The most bytes an alarm or a software report can have (the console reads no more). */
export const MAX_VC_ALARM_BYTES = 33 + MAX_MACHINE_NAME_BYTES + SOFTWARE_BYTES + 64;
const HOUR_MS = 3_600_000;

export interface VcAlarmBinding {
  hashPrefix: Uint8Array;
  station: number;
}

export interface VcAlarmMessage {
  kind: VcAlarm;
  machine: string;
  /** Random, 16 bytes. */
  id: Uint8Array;
  /** When it was raised (only its hour is sent). */
  at: Date;
}

export function encodeVcAlarm(m: VcAlarmMessage, binding: VcAlarmBinding, session: Signer): Uint8Array {
  return encodeMessage(VC_ALARMS.indexOf(m.kind), m, new Uint8Array(0), binding, session);
}

/** The voting computer's software report: the hash of what it runs, signed like an alarm. */
export function encodeVcSoftware(m: Omit<VcAlarmMessage, 'kind'> & { sha256: Uint8Array }, binding: VcAlarmBinding, session: Signer): Uint8Array {
  if (m.sha256.length !== SOFTWARE_BYTES) throw new Error('encodeVcSoftware: a SHA-256 of 32 bytes');
  return encodeMessage(SOFTWARE_KIND, m, m.sha256, binding, session);
}

function encodeMessage(kind: number, m: Omit<VcAlarmMessage, 'kind'>, tail: Uint8Array, binding: VcAlarmBinding, session: Signer): Uint8Array {
  const name = new TextEncoder().encode(m.machine);
  if (name.length < 1 || name.length > MAX_MACHINE_NAME_BYTES) throw new Error('encodeVcAlarm: machine name of 1 to 40 bytes');
  if (m.id.length !== VC_ALARM_ID_BYTES) throw new Error('encodeVcAlarm: id of 16 bytes');
  const hour = Math.floor(m.at.getTime() / HOUR_MS);
  const head = new Uint8Array(16);
  head[0] = VC_ALARM_VERSION;
  head[1] = kind;
  head.set(binding.hashPrefix.subarray(0, 8), 2);
  new DataView(head.buffer).setUint16(10, binding.station);
  new DataView(head.buffer).setUint32(12, hour);
  const body = concatBytes(head, m.id, new Uint8Array([name.length]), name, tail);
  return concatBytes(body, session.sign(withDomain('vc-alarm', body)));
}

export type VcAlarmError = 'malformed' | 'wrong-package' | 'wrong-station' | 'bad-signature' | 'stale' | 'replayed';

export interface VcAlarmCheck extends VcAlarmBinding {
  /** The session key of this opening (from its certificate). */
  session: Verifier;
  now: Date;
  /** Ids (hex) of the alarms already recorded: a resent alarm is `replayed`. */
  seen: ReadonlySet<string>;
}

export type VerifiedVcAlarm =
  | {
      kind: VcAlarm;
      machine: string;
      /** Hex, for the caller's `seen`. */
      id: string;
    }
  | { kind: 'software'; machine: string; id: string; sha256: Uint8Array };

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Strict: every byte checked, then the signature, then freshness and replay. */
export function verifyVcAlarm(bytes: Uint8Array, check: VcAlarmCheck): Result<VerifiedVcAlarm, VcAlarmError> {
  if (bytes.length < 33 + 1 + 64 || bytes.length > MAX_VC_ALARM_BYTES) return err('malformed');
  const n = bytes[32] as number;
  const kind = bytes[1] as number;
  const tail = kind === SOFTWARE_KIND ? SOFTWARE_BYTES : 0;
  if (n < 1 || n > MAX_MACHINE_NAME_BYTES || bytes.length !== 33 + n + tail + 64) return err('malformed');
  if (bytes[0] !== VC_ALARM_VERSION || kind > SOFTWARE_KIND) return err('malformed');
  let machine: string;
  try {
    machine = utf8.decode(bytes.subarray(33, 33 + n));
  } catch {
    return err('malformed');
  }
  // A name a person reads on the screen and in the PV: letters, digits, spaces and a few signs.
  if (!/^[\p{L}\p{N} .-]+$/u.test(machine)) return err('malformed');
  if (!bytesEqual(bytes.subarray(2, 10), check.hashPrefix.subarray(0, 8))) return err('wrong-package');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint16(10) !== check.station) return err('wrong-station');
  const body = bytes.subarray(0, 33 + n + tail);
  if (!check.session.verify(withDomain('vc-alarm', body), bytes.subarray(33 + n + tail))) return err('bad-signature');
  const hour = view.getUint32(12);
  const now = Math.floor(check.now.getTime() / HOUR_MS);
  // This hour or the one before (an alarm raised at 9:59:59 arrives at 10:00).
  if (hour !== now && hour !== now - 1) return err('stale');
  const id = toHex(bytes.subarray(16, 32));
  if (check.seen.has(id)) return err('replayed');
  if (kind === SOFTWARE_KIND) return ok({ kind: 'software', machine, id, sha256: bytes.slice(33 + n, 33 + n + tail) });
  return ok({ kind: VC_ALARMS[kind] as VcAlarm, machine, id });
}

/** The path on the console's link listener where the voting computers post their alarms. */
export const VC_ALARM_PATH = '/vc-alarm';
