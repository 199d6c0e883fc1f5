// @ovs/link: the authenticated registration link between the ballot box and the president
// console (protocol in ../README.md).
export * from './messages.ts';
export { LINK_KEY_BYTES, LINK_PATH_PREFIX, MAC_HEADER, requestMac, responseMac } from './auth.ts';
export * from './pairing.ts';
export { decodeRequest, decodeResponse, encodeRequest, encodeResponse, MAX_BALLOT_BYTES, MAX_BODY_BYTES, WIRE_VERSION, type LinkServerError, type RequestEnvelope } from './wire.ts';
export * from './server.ts';
export * from './client.ts';
export { createHttpTransport, type PostError, type PostReply, type Transport } from './transport.ts';
