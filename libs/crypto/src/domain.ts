import { concatBytes, utf8 } from './encoding.ts';

/**
 * Domain separation: every signed or hashed structure starts with its own label, so a
 * signature made for a chip card can never be replayed as a ballot signature, and so on.
 */
export const withDomain = (label: string, ...parts: readonly Uint8Array[]): Uint8Array =>
  concatBytes(utf8(`ovs:${label}\0`), ...parts);
