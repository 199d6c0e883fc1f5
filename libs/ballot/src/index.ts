export * from './vote.ts';
export * from './context.ts';
export * from './codec.ts';
export * from './signed.ts';
export * from './session-certificate.ts';
export * from './text.ts';
export * from './validity.ts';
export * from './print.ts';
export { BitReader, BitWriter, bitsFor } from './bits.ts';
