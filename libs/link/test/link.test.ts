import t from 'tap';
import fc from 'fast-check';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateSigningKeyPair, randomBytes, Signer, toBase64, toHex, utf8 } from '@ovs/crypto';
import {
  createHttpTransport,
  createLinkClient,
  createLinkServer,
  DATA_FRAME_BYTES,
  decodeFrame,
  decodePairingCode,
  decodeRequest,
  issuePairingCode,
  LINK_PATH,
  newEventId,
  type BoxEvent,
  type LinkClientOptions,
  type LinkCredentials,
  type LinkServerHandlers,
  type LinkStatus,
  type RegisterOutcome,
  type Transport,
} from '../src/index.ts';

const STATION = 3;
const status: LinkStatus = { phase: 'open', station: STATION, packageHash: toHex(new Uint8Array(32).fill(1)), sessionCertificate: 'AAAA', boxEmptyRecorded: true };

interface Opening {
  linkKey: Uint8Array;
  stembureau: Signer;
  stembureauKey: Uint8Array;
  hashPrefix: Uint8Array;
}

function newOpening(): Opening {
  const stembureauKey = generateSigningKeyPair().privateKey;
  return { linkKey: randomBytes(32), stembureau: new Signer(stembureauKey), stembureauKey, hashPrefix: randomBytes(8) };
}

interface Seen {
  ballots: Uint8Array[];
  events: BoxEvent[];
  attempts: string[];
  pairings: number;
}

const newSeen = (): Seen => ({ ballots: [], events: [], attempts: [], pairings: 0 });

function handlers(creds: LinkCredentials | undefined, seen: Seen): LinkServerHandlers {
  return {
    credentials: () => creds,
    station: STATION,
    register: async (ballot, attemptId) => {
      const first = seen.ballots.findIndex((b) => Buffer.compare(b, ballot) === 0);
      seen.ballots.push(ballot);
      const attempt = first >= 0 ? { attempt: seen.attempts[first] === attemptId ? ('same' as const) : ('other' as const) } : {};
      seen.attempts.push(attemptId);
      const r: RegisterOutcome = first >= 0 ? { outcome: 'duplicate', mostRecent: true, ...attempt } : ballot[0] === 0xee ? { outcome: 'rejected', reason: 'wrong-station' } : { outcome: 'registered' };
      return r;
    },
    status: () => status,
    event: async (e) => {
      seen.events.push(e);
    },
    onPaired: async () => {
      seen.pairings++;
    },
  };
}

type Tap = { teardown: (fn: () => Promise<void> | void) => void };

async function listen(t: Tap, listener: Parameters<typeof createServer>[1]): Promise<string> {
  const server: Server = createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.teardown(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function clientOf(t: Tap, url: string, o: Opening, extra: Partial<LinkClientOptions> = {}) {
  const c = createLinkClient({ baseUrl: url, linkKey: o.linkKey, binding: { station: STATION, hashPrefix: o.hashPrefix }, stembureauPublicKey: o.stembureau.publicKey, ...extra });
  t.teardown(() => c.close());
  return c;
}

/** A transport that lets a test see and change every frame on the cable. */
function tapped(t: Tap, change: (body: Uint8Array, direction: 'request' | 'response') => Uint8Array = (b) => b) {
  const http = createHttpTransport();
  t.teardown(() => http.close());
  const frames: Array<{ direction: 'request' | 'response'; bytes: Uint8Array }> = [];
  const transport: Transport = async (url, headers, body, timeoutMs) => {
    const sent = change(body, 'request');
    frames.push({ direction: 'request', bytes: sent });
    const r = await http(url, headers, sent, timeoutMs);
    if (!r.ok) return r;
    const back = change(r.reply.body, 'response');
    frames.push({ direction: 'response', bytes: back });
    return { ok: true, reply: { ...r.reply, body: back } };
  };
  return { transport, frames };
}

const contains = (haystack: Uint8Array, needle: Uint8Array): boolean => Buffer.from(haystack).includes(Buffer.from(needle));

/** Random ballot bytes, never starting with 0xee: the fake console above refuses those as another station's. */
const anyBallot = (): Uint8Array => {
  const b = randomBytes(98);
  b[0] = 0x01;
  return b;
};

t.test('register, status and events round-trip in one session, every registration with a receipt', async (t) => {
  const o = newOpening();
  const seen = newSeen();
  const url = await listen(t, createLinkServer(handlers(o, seen)).listener);
  const client = clientOf(t, url, o);
  const ballot = anyBallot();
  const attempt = newEventId();
  t.same(await client.register(ballot, attempt), { ok: true, value: { outcome: 'registered' } });
  t.same(await client.register(ballot), { ok: true, value: { outcome: 'duplicate', mostRecent: true, attempt: 'other' } }, 'idempotent: the second time a duplicate');
  t.same(await client.register(ballot, attempt), { ok: true, value: { outcome: 'duplicate', mostRecent: true, attempt: 'same' } }, 'the attempt id reaches the console and "same" comes back');
  t.same(await client.register(new Uint8Array([0xee, 1, 2])), { ok: true, value: { outcome: 'rejected', reason: 'wrong-station' } });
  t.same(await client.status(), { ok: true, value: status });
  t.same(await client.event({ kind: 'refused', reason: 'unreadable' }), { ok: true, value: true });
  t.same(await client.event({ kind: 'fault', device: 'flap', detail: 'klep blokkeert' }), { ok: true, value: true });
  t.same(seen.events, [{ kind: 'refused', reason: 'unreadable' }, { kind: 'fault', device: 'flap', detail: 'klep blokkeert' }]);
  t.equal(seen.pairings, 1, 'one handshake for all of it, reported to the console');
});

t.test('a tap on the cable sees no vote and cannot tell one message from another', async (t) => {
  const o = newOpening();
  const seen = newSeen();
  const url = await listen(t, createLinkServer(handlers(o, seen)).listener);
  const cable = tapped(t);
  const client = clientOf(t, url, o, { transport: cable.transport });
  const ballots = Array.from({ length: 5 }, () => randomBytes(120));
  for (const b of ballots) await client.register(b);
  await client.register(ballots[0] as Uint8Array);
  await client.status();
  await client.event({ kind: 'deposit-sensed' });
  await client.event({ kind: 'fault', device: 'scanner', detail: 'x'.repeat(500) });
  const all = cable.frames.map((f) => f.bytes);
  for (const b of ballots) {
    for (const encoding of [b, b.subarray(20, 36), utf8(toBase64(b)), utf8(toHex(b)), utf8(toBase64(b.subarray(0, 30)).slice(0, 32))]) {
      t.notOk(all.some((f) => contains(f, encoding)), 'no ballot byte sequence, hex or base64, on the cable');
    }
  }
  t.notOk(all.some((f) => contains(f, utf8('registered')) || contains(f, utf8('duplicate')) || contains(f, utf8('status'))), 'no message word either');
  const data = cable.frames.filter((f) => f.bytes.length > 120);
  t.equal(data.length, 2 * 9, 'nine requests and their answers after the handshake');
  t.same(new Set(data.map((f) => f.bytes.length)), new Set([DATA_FRAME_BYTES]), 'every request and every answer has one size');
  t.ok(all.every((f) => !contains(f, o.linkKey)), 'the link key never crosses the cable');
});

t.test('a device on the cable that holds the link key (a reprinted koppelticket) cannot pass for the console', async (t) => {
  const o = newOpening();
  const seen = newSeen();
  // The impostor runs the very same server code with the real link key, but it has no stembureau key.
  const impostor = createLinkServer(handlers({ ...o, stembureau: new Signer(generateSigningKeyPair().privateKey) }, seen));
  const url = await listen(t, impostor.listener);
  const client = clientOf(t, url, o);
  t.same(await client.register(anyBallot()), { ok: false, error: 'not-authentic' }, 'never "registered"');
  t.same(await client.status(), { ok: false, error: 'not-authentic' }, 'nor any status it would make up');
  t.same(await client.event({ kind: 'box-empty' }), { ok: false, error: 'not-authentic' }, 'nor does the box tell it anything');
  t.equal(seen.events.length, 0);
});

t.test('a device between box and console cannot change, swap or replay an answer into an open flap', async (t) => {
  const o = newOpening();
  const seen = newSeen();
  const url = await listen(t, createLinkServer(handlers(o, seen)).listener);
  let change: (b: Uint8Array, d: 'request' | 'response') => Uint8Array = (b) => b;
  const cable = tapped(t, (b, d) => change(b, d));
  const client = clientOf(t, url, o, { transport: cable.transport });
  t.same(await client.status(), { ok: true, value: status });
  change = (b, d) => {
    if (d !== 'response' || b.length !== DATA_FRAME_BYTES) return b;
    const flipped = new Uint8Array(b);
    flipped[100] = (flipped[100] as number) ^ 1;
    return flipped;
  };
  t.same(await client.register(new Uint8Array([0xee, 9])), { ok: false, error: 'bad-response' }, 'an altered answer is no answer');
  change = (b) => b;
  t.same(await client.register(Uint8Array.from([1, ...randomBytes(19)])), { ok: true, value: { outcome: 'registered' } });
  const registered = cable.frames.at(-1)?.bytes as Uint8Array;
  change = (b, d) => (d === 'response' ? registered : b);
  t.same(await client.register(Uint8Array.from([1, ...randomBytes(19)])), { ok: false, error: 'bad-response' }, 'an old "registered" answer replayed for a new request');
  change = (b) => b;
  const before = seen.ballots.length;
  const request = cable.frames.filter((f) => f.direction === 'request').at(-1)?.bytes as Uint8Array;
  const replayed = await createLinkServer(handlers(o, seen)).handle({ method: 'POST', path: LINK_PATH, body: request });
  t.same(decodeFrame(replayed.body), { ok: true, value: { type: 'error', error: 'unknown-session' } }, 'a recorded request means nothing to another console run');
  t.equal(seen.ballots.length, before, 'and registers nothing');
});

t.test('a registration whose receipt is not signed by the stembureau key is an alarm, never a registration', async (t) => {
  const o = newOpening();
  const seen = newSeen();
  // A console whose channel is genuine but whose receipts are not: the box must check them itself.
  class BadReceipts extends Signer {
    override sign(message: Uint8Array): Uint8Array {
      return Buffer.from(message).includes(Buffer.from('ovs:link-receipt\0')) ? randomBytes(64) : super.sign(message);
    }
  }
  const url = await listen(t, createLinkServer(handlers({ ...o, stembureau: new BadReceipts(o.stembureauKey) }, seen)).listener);
  const client = clientOf(t, url, o);
  t.same(await client.status(), { ok: true, value: status }, 'the channel itself is fine');
  t.same(await client.register(anyBallot()), { ok: false, error: 'bad-receipt' });
  t.same(await client.register(new Uint8Array([0xee, 1])), { ok: true, value: { outcome: 'rejected', reason: 'wrong-station' } }, 'a refusal needs no receipt: it opens nothing');
});

t.test('every way the link can be wrong gets its own error and changes nothing', async (t) => {
  const o = newOpening();
  const seen = newSeen();
  const url = await listen(t, createLinkServer(handlers(o, seen)).listener);
  const ballot = anyBallot();
  t.same(await clientOf(t, url, { ...o, linkKey: randomBytes(32) }).register(ballot), { ok: false, error: 'unauthenticated' }, 'another link key');
  t.same(
    await createLinkClient({ baseUrl: url, linkKey: o.linkKey, binding: { station: 4, hashPrefix: o.hashPrefix }, stembureauPublicKey: o.stembureau.publicKey }).register(ballot),
    { ok: false, error: 'unauthenticated' },
    'a box of another station',
  );
  t.same(await clientOf(t, url, { ...o, hashPrefix: randomBytes(8) }).register(ballot), { ok: false, error: 'unauthenticated' }, 'a box of another election');
  const notReady = await listen(t, createLinkServer(handlers(undefined, seen)).listener);
  t.same(await clientOf(t, notReady, o).register(ballot), { ok: false, error: 'not-ready' }, 'console not unlocked');
  t.same(await clientOf(t, 'http://127.0.0.1:1', o).register(ballot), { ok: false, error: 'unreachable' });
  const silent = await listen(t, () => undefined);
  t.same(await clientOf(t, silent, o, { timeoutMs: 200 }).register(ballot), { ok: false, error: 'timeout' });
  t.equal(seen.ballots.length, 0, 'nothing registered');
  t.equal(seen.pairings, 0, 'and no pairing');
});

t.test('after a console restart the box opens a new session by itself; each pairing is reported', async (t) => {
  const o = newOpening();
  const seen = newSeen();
  let server = createLinkServer(handlers(o, seen));
  const url = await listen(t, (req, res) => server.listener(req, res));
  const client = clientOf(t, url, o);
  t.same(await client.status(), { ok: true, value: status });
  server = createLinkServer(handlers(o, seen));
  t.same(await client.register(anyBallot()), { ok: true, value: { outcome: 'registered' } }, 'the new console does not know the session: a new handshake, then the request');
  t.equal(seen.ballots.length, 1, 'registered once');
  t.equal(seen.pairings, 2);
});

t.test('a flood of handshakes is refused as busy', async (t) => {
  const o = newOpening();
  const seen = newSeen();
  const url = await listen(t, createLinkServer(handlers(o, seen), { handshakesPerMinute: 2 }).listener);
  t.same(await clientOf(t, url, o).status(), { ok: true, value: status });
  t.same(await clientOf(t, url, o).status(), { ok: true, value: status });
  t.same(await clientOf(t, url, o).status(), { ok: false, error: 'not-ready' });
  t.equal(seen.pairings, 2);
});

t.test('a replayed request is refused and applied once', async (t) => {
  const o = newOpening();
  const seen = newSeen();
  const server = createLinkServer(handlers(o, seen));
  const url = await listen(t, server.listener);
  const cable = tapped(t);
  const client = clientOf(t, url, o, { transport: cable.transport });
  t.same(await client.event({ kind: 'box-empty' }), { ok: true, value: true });
  const request = cable.frames.filter((f) => f.direction === 'request').at(-1)?.bytes as Uint8Array;
  t.same(decodeFrame((await server.handle({ method: 'POST', path: LINK_PATH, body: request })).body), { ok: true, value: { type: 'error', error: 'replayed' } });
  t.equal(seen.events.length, 1);
});

t.test('a box event resent after a lost answer is applied once (same event id), each new event once more', async (t) => {
  const o = newOpening();
  const seen = newSeen();
  const url = await listen(t, createLinkServer(handlers(o, seen)).listener);
  const client = clientOf(t, url, o);
  const deposit: BoxEvent = { kind: 'deposit-sensed' };
  const id = newEventId();
  t.match(id, /^[0-9a-f]{32}$/);
  t.same(await client.event(deposit, id), { ok: true, value: true });
  t.same(await client.event(deposit, id), { ok: true, value: true }, 'the resend is answered like the first copy');
  t.same(await client.event(deposit, id), { ok: true, value: true });
  t.equal(seen.events.length, 1, 'and applied once');
  t.same(await client.event(deposit, newEventId()), { ok: true, value: true });
  t.same(await client.event(deposit), { ok: true, value: true }, 'without an id the client draws a fresh one');
  t.equal(seen.events.length, 3, 'two more deposits');
});

t.test('two copies of one event in flight at once: the second waits for the first and is not applied; a failed one may be tried again', async (t) => {
  const o = newOpening();
  const applied: BoxEvent[] = [];
  let release: () => void = () => undefined;
  let fail = true;
  const url = await listen(
    t,
    createLinkServer({
      credentials: () => o,
      station: STATION,
      register: async () => ({ outcome: 'registered' }),
      status: () => status,
      event: async (e) => {
        if (e.kind === 'cover-opened' && fail) {
          fail = false;
          throw new Error('stick write failed');
        }
        if (e.kind === 'deposit-sensed') await new Promise<void>((r) => (release = r));
        applied.push(e);
      },
    }).listener,
  );
  const client = clientOf(t, url, o);
  t.same(await client.status(), { ok: true, value: status });
  const id = newEventId();
  const first = client.event({ kind: 'deposit-sensed' }, id);
  const second = client.event({ kind: 'deposit-sensed' }, id);
  await new Promise((r) => setTimeout(r, 50));
  release();
  t.same([await first, await second], [{ ok: true, value: true }, { ok: true, value: true }]);
  t.equal(applied.length, 1, 'applied once');
  const cover = newEventId();
  t.same(await client.event({ kind: 'cover-opened' }, cover), { ok: false, error: 'bad-response' }, 'the console failed to apply it: no answer the box can use');
  t.same(await client.event({ kind: 'cover-opened' }, cover), { ok: true, value: true }, 'the resend is applied');
  t.same(applied.map((e) => e.kind), ['deposit-sensed', 'cover-opened']);
});

t.test('the event-id memory is bounded: the oldest ids are forgotten first', async (t) => {
  const o = newOpening();
  const seen = newSeen();
  const url = await listen(t, createLinkServer(handlers(o, seen), { eventWindow: 2 }).listener);
  const client = clientOf(t, url, o);
  const [a, b, c] = [newEventId(), newEventId(), newEventId()];
  for (const id of [a, b, a, c, c, b]) await client.event({ kind: 'deposit-timeout' }, id);
  t.equal(seen.events.length, 3, 'a, b, c once each while remembered');
  await client.event({ kind: 'deposit-timeout' }, a);
  t.equal(seen.events.length, 4, 'a was pushed out of a window of two');
});

t.test('any frame of garbage is refused with an error frame, without a crash, and changes nothing', async (t) => {
  const o = newOpening();
  const seen = newSeen();
  const server = createLinkServer(handlers(o, seen));
  await fc.assert(
    fc.asyncProperty(fc.oneof(fc.uint8Array({ maxLength: 3000 }), fc.uint8Array({ minLength: DATA_FRAME_BYTES, maxLength: DATA_FRAME_BYTES }).map((b) => Uint8Array.from([2, 3, ...b.subarray(2)]))), async (body) => {
      const r = await server.handle({ method: 'POST', path: LINK_PATH, body });
      const f = decodeFrame(r.body);
      return r.status === 200 && f.ok && f.value.type === 'error';
    }),
    { numRuns: 300 },
  );
  t.equal(seen.ballots.length + seen.events.length + seen.pairings, 0);
  t.equal((await server.handle({ method: 'GET', path: LINK_PATH, body: new Uint8Array() })).status, 404);
});

t.test('inside the channel every message is decoded strictly', (t) => {
  fc.assert(fc.property(fc.oneof(fc.uint8Array({ maxLength: 300 }), fc.json().map((j) => utf8(j))), (body) => !decodeRequest(body).ok));
  const id = () => toHex(randomBytes(16));
  const wrongShape: Array<[Record<string, unknown>, string]> = [
    [{ v: 2, id: id(), station: 3, kind: 'event', eventId: id(), event: { kind: 'refused', reason: 'because' } }, 'bad-event'],
    [{ v: 2, id: id(), station: 3, kind: 'event', eventId: id(), event: { kind: 'box-empty', extra: 1 } }, 'bad-keys'],
    [{ v: 2, id: id(), station: 3, kind: 'event', eventId: id(), event: { kind: 'confetti' } }, 'unknown-event'],
    [{ v: 2, id: id(), station: 3, kind: 'event', event: { kind: 'box-empty' } }, 'bad-keys'],
    [{ v: 2, id: id(), station: 3, kind: 'event', eventId: 'not hex', event: { kind: 'box-empty' } }, 'bad-event-id'],
    [{ v: 2, id: id(), station: 3, kind: 'event', eventId: toHex(randomBytes(15)), event: { kind: 'box-empty' } }, 'bad-event-id'],
    [{ v: 2, id: id(), station: 3, kind: 'event', eventId: id(), event: { kind: 'fault', device: 'flap', detail: 'x'.repeat(201) } }, 'bad-event'],
    [{ v: 2, id: id(), station: 3, kind: 'event', eventId: id(), event: { kind: 'software', sha256: 'AB'.repeat(32) } }, 'bad-event'],
    [{ v: 2, id: id(), station: 3, kind: 'event', eventId: id(), event: { kind: 'software', sha256: 'ab'.repeat(31) } }, 'bad-event'],
    [{ v: 2, id: id(), station: 3, kind: 'event', eventId: id(), event: { kind: 'software', sha256: 'ab'.repeat(32), version: '1' } }, 'bad-keys'],
    [{ v: 1, id: id(), station: 3, kind: 'status' }, 'bad-version'],
    [{ v: 2, id: 'short', station: 3, kind: 'status' }, 'bad-id'],
    [{ v: 2, id: id(), station: 0, kind: 'status' }, 'bad-station'],
    [{ v: 2, id: id(), station: 3, kind: 'vote' }, 'unknown-kind'],
    [{ v: 2, id: id(), station: 3, kind: 'register', attemptId: id(), ballot: 'not base64!' }, 'bad-ballot'],
    [{ v: 2, id: id(), station: 3, kind: 'register', attemptId: id(), ballot: toBase64(randomBytes(1025)) }, 'bad-ballot'],
    [{ v: 2, id: id(), station: 3, kind: 'register', ballot: 'AAAA' }, 'bad-keys'],
    [{ v: 2, id: id(), station: 3, kind: 'register', attemptId: 'short', ballot: 'AAAA' }, 'bad-attempt-id'],
  ];
  for (const [w, why] of wrongShape) t.same(decodeRequest(utf8(JSON.stringify(w))), { ok: false, error: why }, `${why}: ${JSON.stringify(w).slice(0, 100)}`);
  t.ok(decodeRequest(utf8(JSON.stringify({ v: 2, id: id(), station: 3, kind: 'status' }))).ok, 'and a good one passes');
  t.ok(decodeRequest(utf8(JSON.stringify({ v: 2, id: id(), station: 3, kind: 'event', eventId: id(), event: { kind: 'software', sha256: 'ab'.repeat(32) } }))).ok, 'the box software: 32 bytes in lower-case hex');
  t.end();
});

t.test('the pairing code carries the link key, signed by the stembureau key', (t) => {
  const stembureau = new Signer(generateSigningKeyPair().privateKey);
  const prefix = randomBytes(8);
  const key = randomBytes(32);
  const code = issuePairingCode(prefix, 3, key, stembureau);
  const expected = { hashPrefix: prefix, station: 3, stembureauPublicKey: stembureau.publicKey };
  t.same(decodePairingCode(code, expected), { ok: true, value: key });
  t.same(decodePairingCode(code, { ...expected, station: 4 }), { ok: false, error: 'wrong-station' });
  t.same(decodePairingCode(code, { ...expected, hashPrefix: randomBytes(8) }), { ok: false, error: 'wrong-package' });
  t.same(decodePairingCode(code, { ...expected, stembureauPublicKey: generateSigningKeyPair().publicKey }), { ok: false, error: 'bad-signature' });
  const flipped = new Uint8Array(code);
  flipped[30] = (flipped[30] as number) ^ 1;
  t.same(decodePairingCode(flipped, expected), { ok: false, error: 'bad-signature' }, 'a changed key byte');
  t.same(decodePairingCode(code.subarray(0, 100), expected), { ok: false, error: 'bad-length' });
  t.same(decodePairingCode(randomBytes(114), expected), { ok: false, error: 'not-a-pairing-code' });
  t.end();
});
