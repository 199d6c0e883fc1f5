// The HELLO reply: protocol version, device class and three short ASCII strings.
//   0  1  protocol version (1)
//   1  1  device class (DeviceClass)
//   2  .. model, firmware, serial: each 1 length byte (0..64) + that many ASCII bytes

import type { DeviceIdentity } from '../self-test.ts';

export interface HelloReply {
  readonly protocolVersion: number;
  readonly deviceClass: number;
  readonly identity: DeviceIdentity;
}

const MAX_FIELD = 64;

export function encodeHelloReply(reply: HelloReply): Uint8Array {
  const fields = [reply.identity.model, reply.identity.firmware, reply.identity.serial].map((s) => {
    const bytes = Buffer.from(s, 'latin1');
    if (bytes.length > MAX_FIELD || !/^[\x20-\x7e]*$/.test(s)) throw new RangeError('identity fields are ASCII, at most 64 bytes');
    return bytes;
  });
  const out: number[] = [reply.protocolVersion, reply.deviceClass];
  for (const f of fields) out.push(f.length, ...f);
  return Uint8Array.from(out);
}

export function decodeHelloReply(bytes: Uint8Array): HelloReply | null {
  if (bytes.length < 5) return null;
  const fields: string[] = [];
  let pos = 2;
  for (let i = 0; i < 3; i++) {
    const len = bytes[pos];
    if (len === undefined || len > MAX_FIELD || pos + 1 + len > bytes.length) return null;
    const s = Buffer.from(bytes.subarray(pos + 1, pos + 1 + len)).toString('latin1');
    if (!/^[\x20-\x7e]*$/.test(s)) return null;
    fields.push(s);
    pos += 1 + len;
  }
  if (pos !== bytes.length) return null;
  const [model = '', firmware = '', serial = ''] = fields;
  return { protocolVersion: bytes[0] ?? 0, deviceClass: bytes[1] ?? 0, identity: { model, firmware, serial } };
}
