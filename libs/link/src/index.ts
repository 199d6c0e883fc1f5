// @ovs/link: the encrypted, authenticated registration link between the ballot box and the
// president console (protocol in ../README.md).
export * from './messages.ts';
export * from './pairing.ts';
export { DATA_FRAME_BYTES, decodeFrame, LINK_PATH, LINK_VERSION, PADDED_BYTES, type Frame, type FrameError } from './frames.ts';
export type { LinkBinding } from './handshake.ts';
export { RECEIPT_BYTES } from './receipt.ts';
export { decodeRequest, decodeResponse, encodeRequest, encodeResponse, MAX_BALLOT_BYTES, MAX_DETAIL_CHARS, WIRE_VERSION, type LinkServerError, type RequestEnvelope } from './wire.ts';
export * from './server.ts';
export * from './client.ts';
export { createHttpTransport, type PostError, type PostReply, type Transport } from './transport.ts';
export * from './vc-alarm.ts';
