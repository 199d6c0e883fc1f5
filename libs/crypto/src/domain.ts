import { utf8 } from './encoding.ts';

const prefixes = new Map<string, Uint8Array>();

/**
 * Domain separation: every signed or hashed structure starts with its own label, so a
 * signature made for a chip card can never be replayed as a ballot signature, and so on.
 * (The label bytes are cached: this runs once per ballot at the hoofdbureau.)
 */
export function withDomain(label: string, ...parts: readonly Uint8Array[]): Uint8Array {
  let prefix = prefixes.get(label);
  if (!prefix) {
    prefix = utf8(`ovs:${label}\0`);
    prefixes.set(label, prefix);
  }
  let length = prefix.length;
  for (const p of parts) length += p.length;
  const out = new Uint8Array(length);
  out.set(prefix, 0);
  let offset = prefix.length;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}
