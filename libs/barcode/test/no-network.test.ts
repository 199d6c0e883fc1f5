// Polling stations have no internet. zxing-wasm, left to itself, fetches its .wasm from a CDN;
// our loader must hand it the file from node_modules. Every way out is watched: fetch,
// streaming instantiation and raw TCP sockets (which http, https and undici all use).
import t from 'tap';
import net from 'node:net';
import { purgeZXingModule, readBarcodes } from 'zxing-wasm/reader';
import { createQrDecoder, decodeQr } from '../src/index.ts';
import { ballotImage, payloadFromSeed, sameBytes, toRgba } from './support.ts';

const attempts: string[] = [];
globalThis.fetch = ((input: unknown) => {
  attempts.push(`fetch ${String(input)}`);
  return Promise.reject(new Error('no network in this test'));
}) as typeof fetch;
const streaming = WebAssembly.instantiateStreaming.bind(WebAssembly);
WebAssembly.instantiateStreaming = ((source: unknown, imports?: WebAssembly.Imports) => {
  attempts.push('instantiateStreaming');
  return streaming(source as Response, imports);
}) as typeof WebAssembly.instantiateStreaming;
net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
  attempts.push(`socket ${JSON.stringify(args[0])}`);
  this.destroy(new Error('no network in this test'));
  return this;
} as typeof net.Socket.prototype.connect;

t.test('loading zxing and decoding touch no network', async (t) => {
  const payload = payloadFromSeed(42);
  const decoder = await createQrDecoder();
  const r = decoder.decode(ballotImage(payload));
  t.ok(r.ok && sameBytes(r.value, payload), 'decodes');
  const shared = await decodeQr(toRgba(ballotImage(payload)));
  t.ok(shared.ok && sameBytes(shared.value, payload), 'the shared decoder too');
  t.same(attempts, [], 'no fetch, no streaming compile, no socket');
});

t.test('control: zxing-wasm with its default settings does reach for the CDN', async (t) => {
  // Forget the module configuration (ours lives on in the decoder above, not in this cache).
  purgeZXingModule();
  const quiet = console.error;
  console.error = () => {};
  try {
    const image = { ...toRgba(ballotImage(payloadFromSeed(1))), colorSpace: 'srgb' } as ImageData;
    await t.rejects(readBarcodes(image, { formats: ['QRCode'] }));
  } finally {
    console.error = quiet;
  }
  t.ok(
    attempts.some((a) => a.startsWith('fetch https://') && a.includes('zxing_reader.wasm')),
    `the watch sees it: ${attempts.join(', ')}`,
  );
});
