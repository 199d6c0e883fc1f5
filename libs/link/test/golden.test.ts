// The link's bytes are pinned by committed test vectors (test/golden.json): the pairing code,
// a whole handshake (hello, accept, the session keys both ends derive), a request and a response
// frame, a receipt and the messages inside. A change to both ends at once — which the round-trip
// tests cannot see — changes a vector. Regenerate deliberately, after a protocol change, with
// UPDATE_GOLDEN=1, and describe the change in README.md (and bump the version byte).
import t from 'tap';
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { agreementPublicKey, demoKeyMaterial, Signer, toHex, utf8 } from '@ovs/crypto';
import { decodeFrame, decodeRequest, decodeResponse, encodeRequest, encodeResponse, issuePairingCode } from '../src/index.ts';
import { sealData } from '../src/frames.ts';
import { answerHello, startHandshake } from '../src/handshake.ts';
import { signReceipt } from '../src/receipt.ts';

const file = fileURLToPath(new URL('./golden.json', import.meta.url));
const key = (label: string, n = 32): Uint8Array => demoKeyMaterial('ovs-link-golden', label, n);
const ephemeral = (label: string) => {
  const privateKey = key(label);
  return { privateKey, publicKey: agreementPublicKey(privateKey) };
};

function vectors(): Record<string, string> {
  const stembureau = new Signer(key('stembureau'));
  const binding = { station: 3, hashPrefix: key('package', 8) };
  const linkKey = key('link');
  const box = startHandshake(binding, linkKey, ephemeral('box'));
  const hello = decodeFrame(box.hello);
  if (!hello.ok || hello.value.type !== 'hello') throw new Error('hello');
  const answered = answerHello(hello.value, binding, linkKey, stembureau, key('session', 16), ephemeral('console'));
  if (!answered.ok) throw new Error(answered.error);
  const accept = decodeFrame(answered.value.accept);
  if (!accept.ok || accept.value.type !== 'accept') throw new Error('accept');
  const boxKeys = box.finish(accept.value, stembureau.publicKey);
  if (!boxKeys) throw new Error('finish');
  const ballot = key('ballot', 98);
  const id = toHex(key('request-id', 16));
  const request = encodeRequest({ id, station: 3, request: { kind: 'register', ballot, attemptId: toHex(key('attempt', 16)) } });
  const receipt = signReceipt(stembureau, binding, key('request-id', 16), ballot, { outcome: 'duplicate', mostRecent: true, attempt: 'same' });
  const response = encodeResponse(id, { kind: 'register', outcome: { outcome: 'registered' }, receipt: signReceipt(stembureau, binding, key('request-id', 16), ballot, { outcome: 'registered' }) });
  const event = encodeRequest({ id, station: 3, request: { kind: 'event', eventId: toHex(key('event', 16)), event: { kind: 'fault', device: 'link', detail: 'ontvangstbewijs klopt niet' } } });
  const hex = (b: Uint8Array | undefined): string => toHex(b ?? new Uint8Array());
  return {
    pairingCode: hex(issuePairingCode(binding.hashPrefix, 3, linkKey, stembureau)),
    hello: hex(box.hello),
    accept: hex(answered.value.accept),
    boxToConsole: hex(answered.value.keys.boxToConsole),
    consoleToBox: hex(answered.value.keys.consoleToBox),
    requestMessage: new TextDecoder().decode(request),
    requestFrame: hex(sealData('request', boxKeys.boxToConsole, boxKeys.sessionId, 7n, request)),
    responseMessage: new TextDecoder().decode(response),
    responseFrame: hex(sealData('response', boxKeys.consoleToBox, boxKeys.sessionId, 7n, response)),
    eventMessage: new TextDecoder().decode(event),
    receiptDuplicateSameMostRecent: hex(receipt),
  };
}

if (process.env.UPDATE_GOLDEN === '1') await writeFile(file, JSON.stringify(vectors(), null, 2) + '\n');

t.test('the link\'s bytes are exactly as committed', async (t) => {
  const committed = JSON.parse(await readFile(file, 'utf8')) as Record<string, string>;
  const now = vectors();
  for (const name of Object.keys(committed)) t.equal(now[name], committed[name], name);
  t.same(Object.keys(now).sort(), Object.keys(committed).sort(), 'no vector added or lost');
});

t.test('the committed messages decode as what they say', async (t) => {
  const committed = JSON.parse(await readFile(file, 'utf8')) as Record<string, string>;
  const request = decodeRequest(utf8(committed.requestMessage ?? ''));
  t.match(request, { ok: true, value: { station: 3, request: { kind: 'register' } } });
  const response = decodeResponse(utf8(committed.responseMessage ?? ''), 'register', request.ok ? request.value.id : '');
  t.match(response, { ok: true, value: { kind: 'register', outcome: { outcome: 'registered' } } });
  t.match(decodeRequest(utf8(committed.eventMessage ?? '')), { ok: true, value: { request: { kind: 'event', event: { kind: 'fault', device: 'link' } } } });
  t.equal((committed.requestFrame ?? '').length / 2, 2090, 'a data frame is 2090 bytes');
});
