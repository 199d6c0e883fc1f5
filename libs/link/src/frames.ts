// The bytes on the cable (protocol 2). Every HTTP body between the box and the console is one
// frame; all integers big-endian.
//
//   hello     box → console     2 ‖ 1 ‖ station (2) ‖ package hash prefix (8) ‖ box ephemeral X25519 (32)
//                               ‖ HMAC-SHA256(link key, "ovs:link-hello\0" ‖ bytes 0–43) (32)          = 76 bytes
//   accept    console → box     2 ‖ 2 ‖ session id (16) ‖ console ephemeral X25519 (32)
//                               ‖ Ed25519 by the stembureau key of "ovs:link-accept\0" ‖ hello ‖ bytes 2–49 (64) = 114 bytes
//   request   box → console     2 ‖ 3 ‖ session id (16) ‖ counter (8) ‖ ChaCha20-Poly1305(box→console key) of the padded message ‖ tag
//   response  console → box     2 ‖ 4 ‖ session id (16) ‖ the request's counter (8) ‖ ChaCha20-Poly1305(console→box key) … ‖ tag
//   error     console → box     2 ‖ 5 ‖ code (1)                                     unauthenticated: believed for nothing that opens
//
// A data frame's plaintext is always PADDED_BYTES: the message's length (2) ‖ the message (JSON,
// wire.ts) ‖ zeros. So every request and every response has the same size, DATA_FRAME_BYTES,
// whatever it says: a tap on the cable cannot tell a registration from a status poll by size,
// and sees no byte of a vote. The AEAD nonce is 4 zero bytes ‖ counter; each direction has its
// own key, and the console answers each counter at most once (a replay gets an error frame), so
// no key ever meets a nonce twice.
import { err, ok, type Result } from '@ovs/basics';
import { aeadOpen, aeadSeal, AEAD_TAG_BYTES } from '@ovs/crypto';

export const LINK_VERSION = 2;
export const LINK_PATH = '/link/v2';

export const FRAME_TYPES = { hello: 1, accept: 2, request: 3, response: 4, error: 5 } as const;
export type FrameType = keyof typeof FRAME_TYPES;

export const SESSION_ID_BYTES = 16;
export const EPHEMERAL_BYTES = 32;
export const HELLO_BYTES = 2 + 2 + 8 + EPHEMERAL_BYTES + 32;
export const ACCEPT_BYTES = 2 + SESSION_ID_BYTES + EPHEMERAL_BYTES + 64;
/** Room for the largest message (a registration with a 1 KiB ballot, base64, in JSON). */
export const PADDED_BYTES = 2048;
const DATA_HEADER_BYTES = 2 + SESSION_ID_BYTES + 8;
export const DATA_FRAME_BYTES = DATA_HEADER_BYTES + PADDED_BYTES + AEAD_TAG_BYTES;
export const ERROR_FRAME_BYTES = 3;
/** No frame is larger: what the console reads of a request body at most. */
export const MAX_FRAME_BYTES = DATA_FRAME_BYTES;

/** Why the console answered with an (unauthenticated) error frame. */
export const FRAME_ERRORS = ['malformed', 'not-ready', 'bad-hello', 'unknown-session', 'replayed', 'busy'] as const;
export type FrameError = (typeof FRAME_ERRORS)[number];

export type Frame =
  | { type: 'hello'; station: number; hashPrefix: Uint8Array; ephemeral: Uint8Array; mac: Uint8Array; bytes: Uint8Array }
  | { type: 'accept'; sessionId: Uint8Array; ephemeral: Uint8Array; signature: Uint8Array }
  | { type: 'request' | 'response'; sessionId: Uint8Array; counter: bigint; header: Uint8Array; sealed: Uint8Array }
  | { type: 'error'; error: FrameError };

const SIZES: Record<FrameType, number> = { hello: HELLO_BYTES, accept: ACCEPT_BYTES, request: DATA_FRAME_BYTES, response: DATA_FRAME_BYTES, error: ERROR_FRAME_BYTES };
const TYPE_OF = new Map<number, FrameType>(Object.entries(FRAME_TYPES).map(([name, code]) => [code, name as FrameType]));

export type FrameDecodeError = 'bad-version' | 'unknown-type' | 'bad-length' | 'unknown-error-code';

/** Strict: the version, the type, the exact size of that type, every field's range. */
export function decodeFrame(bytes: Uint8Array): Result<Frame, FrameDecodeError> {
  if (bytes.length < 2 || bytes[0] !== LINK_VERSION) return err('bad-version');
  const type = TYPE_OF.get(bytes[1] as number);
  if (!type) return err('unknown-type');
  if (bytes.length !== SIZES[type]) return err('bad-length');
  switch (type) {
    case 'hello':
      return ok({
        type,
        station: ((bytes[2] as number) << 8) | (bytes[3] as number),
        hashPrefix: bytes.slice(4, 12),
        ephemeral: bytes.slice(12, 44),
        mac: bytes.slice(44, 76),
        bytes: bytes.slice(),
      });
    case 'accept':
      return ok({ type, sessionId: bytes.slice(2, 18), ephemeral: bytes.slice(18, 50), signature: bytes.slice(50, 114) });
    case 'request':
    case 'response':
      return ok({
        type,
        sessionId: bytes.slice(2, 18),
        counter: new DataView(bytes.buffer, bytes.byteOffset + 18, 8).getBigUint64(0),
        header: bytes.slice(0, DATA_HEADER_BYTES),
        sealed: bytes.slice(DATA_HEADER_BYTES),
      });
    case 'error': {
      const error = FRAME_ERRORS[(bytes[2] as number) - 1];
      return error ? ok({ type, error }) : err('unknown-error-code');
    }
    default:
      return type satisfies never;
  }
}

export function encodeHello(station: number, hashPrefix: Uint8Array, ephemeral: Uint8Array, mac: (unsigned: Uint8Array) => Uint8Array): Uint8Array {
  const out = new Uint8Array(HELLO_BYTES);
  out.set([LINK_VERSION, FRAME_TYPES.hello, station >> 8, station & 0xff]);
  out.set(hashPrefix.subarray(0, 8), 4);
  out.set(ephemeral, 12);
  out.set(mac(out.subarray(0, 44)), 44);
  return out;
}

/** The part of the accept frame the console signs (after the hello it answers). */
export function acceptBody(sessionId: Uint8Array, ephemeral: Uint8Array): Uint8Array {
  const out = new Uint8Array(SESSION_ID_BYTES + EPHEMERAL_BYTES);
  out.set(sessionId);
  out.set(ephemeral, SESSION_ID_BYTES);
  return out;
}

export function encodeAccept(sessionId: Uint8Array, ephemeral: Uint8Array, signature: Uint8Array): Uint8Array {
  const out = new Uint8Array(ACCEPT_BYTES);
  out.set([LINK_VERSION, FRAME_TYPES.accept]);
  out.set(acceptBody(sessionId, ephemeral), 2);
  out.set(signature, 50);
  return out;
}

export const encodeError = (error: FrameError): Uint8Array => new Uint8Array([LINK_VERSION, FRAME_TYPES.error, FRAME_ERRORS.indexOf(error) + 1]);

const nonceOf = (counter: bigint): Uint8Array => {
  const nonce = new Uint8Array(12);
  new DataView(nonce.buffer).setBigUint64(4, counter);
  return nonce;
};

/** A request or response frame carrying `message`, padded; undefined when the message does not fit (a programmer error upstream). */
export function sealData(type: 'request' | 'response', key: Uint8Array, sessionId: Uint8Array, counter: bigint, message: Uint8Array): Uint8Array | undefined {
  if (message.length > PADDED_BYTES - 2) return undefined;
  const header = new Uint8Array(DATA_HEADER_BYTES);
  header.set([LINK_VERSION, FRAME_TYPES[type]]);
  header.set(sessionId, 2);
  new DataView(header.buffer).setBigUint64(18, counter);
  const plain = new Uint8Array(PADDED_BYTES);
  plain.set([message.length >> 8, message.length & 0xff]);
  plain.set(message, 2);
  const sealed = aeadSeal(key, nonceOf(counter), plain, header);
  const out = new Uint8Array(DATA_FRAME_BYTES);
  out.set(header);
  out.set(sealed, DATA_HEADER_BYTES);
  return out;
}

/** The message inside a data frame, or undefined when it was altered, is under another key, or its padding is not zeros. */
export function openData(key: Uint8Array, frame: Extract<Frame, { type: 'request' | 'response' }>): Uint8Array | undefined {
  const plain = aeadOpen(key, nonceOf(frame.counter), frame.sealed, frame.header);
  if (!plain || plain.length !== PADDED_BYTES) return undefined;
  const length = ((plain[0] as number) << 8) | (plain[1] as number);
  if (length > PADDED_BYTES - 2) return undefined;
  for (let i = 2 + length; i < PADDED_BYTES; i++) if (plain[i] !== 0) return undefined;
  return plain.subarray(2, 2 + length);
}
