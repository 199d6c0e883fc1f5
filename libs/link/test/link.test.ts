import t from 'tap';
import fc from 'fast-check';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateSigningKeyPair, randomBytes, Signer, toHex } from '@ovs/crypto';
import {
  createLinkClient,
  createLinkServer,
  decodePairingCode,
  issuePairingCode,
  LINK_PATH_PREFIX,
  MAC_HEADER,
  newEventId,
  requestMac,
  type BoxEvent,
  type LinkServerHandlers,
  type LinkStatus,
  type RegisterOutcome,
} from '../src/index.ts';

const status: LinkStatus = { phase: 'open', station: 3, packageHash: toHex(new Uint8Array(32).fill(1)), sessionCertificate: 'AAAA', boxEmptyRecorded: true };

function handlers(key: Uint8Array | undefined, seen: { ballots: Uint8Array[]; events: BoxEvent[]; attempts?: string[] }): LinkServerHandlers {
  return {
    linkKey: () => key,
    station: 3,
    register: async (ballot, attemptId) => {
      const first = seen.ballots.findIndex((b) => Buffer.compare(b, ballot) === 0);
      seen.ballots.push(ballot);
      const attempt = seen.attempts ? { attempt: seen.attempts[first] === attemptId ? ('same' as const) : ('other' as const) } : {};
      seen.attempts?.push(attemptId);
      const r: RegisterOutcome = first >= 0 ? { outcome: 'duplicate', mostRecent: true, ...attempt } : ballot[0] === 0xee ? { outcome: 'rejected', reason: 'wrong-station' } : { outcome: 'registered' };
      return r;
    },
    status: () => status,
    event: async (e) => {
      seen.events.push(e);
    },
  };
}

async function listen(t: Tap, listener: Parameters<typeof createServer>[1]): Promise<string> {
  const server: Server = createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.teardown(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
type Tap = { teardown: (fn: () => Promise<void>) => void };

t.test('register, status and events round-trip, authenticated', async (t) => {
  const key = randomBytes(32);
  const seen = { ballots: [] as Uint8Array[], events: [] as BoxEvent[], attempts: [] as string[] };
  const url = await listen(t, createLinkServer(handlers(key, seen)).listener);
  const client = createLinkClient({ baseUrl: url, linkKey: key, station: 3 });
  const ballot = randomBytes(98);
  const attempt = newEventId();
  t.same(await client.register(ballot, attempt), { ok: true, value: { outcome: 'registered' } });
  t.same(await client.register(ballot), { ok: true, value: { outcome: 'duplicate', mostRecent: true, attempt: 'other' } }, 'idempotent: the second time a duplicate');
  t.same(await client.register(ballot, attempt), { ok: true, value: { outcome: 'duplicate', mostRecent: true, attempt: 'same' } }, 'the attempt id reaches the console and "same" comes back');
  t.same(await client.register(new Uint8Array([0xee, 1, 2])), { ok: true, value: { outcome: 'rejected', reason: 'wrong-station' } });
  t.same(await client.status(), { ok: true, value: status });
  t.same(await client.event({ kind: 'refused', reason: 'unreadable' }), { ok: true, value: true });
  t.same(await client.event({ kind: 'fault', device: 'flap', detail: 'klep blokkeert' }), { ok: true, value: true });
  t.same(seen.events, [{ kind: 'refused', reason: 'unreadable' }, { kind: 'fault', device: 'flap', detail: 'klep blokkeert' }]);
});

t.test('every way the link can be wrong gets its own error and changes nothing', async (t) => {
  const key = randomBytes(32);
  const seen = { ballots: [] as Uint8Array[], events: [] as BoxEvent[] };
  const url = await listen(t, createLinkServer(handlers(key, seen)).listener);
  const ballot = randomBytes(98);
  t.same(await createLinkClient({ baseUrl: url, linkKey: randomBytes(32), station: 3 }).register(ballot), { ok: false, error: 'unauthenticated' }, 'another key');
  t.same(await createLinkClient({ baseUrl: url, linkKey: key, station: 4 }).register(ballot), { ok: false, error: 'wrong-station' }, 'box of another station');
  const notReady = await listen(t, createLinkServer(handlers(undefined, seen)).listener);
  t.same(await createLinkClient({ baseUrl: notReady, linkKey: key, station: 3 }).register(ballot), { ok: false, error: 'not-ready' }, 'console not unlocked');
  t.same(await createLinkClient({ baseUrl: 'http://127.0.0.1:1', linkKey: key, station: 3 }).register(ballot), { ok: false, error: 'unreachable' });
  const silent = await listen(t, () => undefined);
  t.same(await createLinkClient({ baseUrl: silent, linkKey: key, station: 3, timeoutMs: 200 }).register(ballot), { ok: false, error: 'timeout' });
  t.equal(seen.ballots.length, 0, 'nothing registered');
});

t.test('a forged, altered or replayed answer never reads as registered', async (t) => {
  const key = randomBytes(32);
  const seen = { ballots: [] as Uint8Array[], events: [] as BoxEvent[] };
  const server = createLinkServer(handlers(key, seen));
  let tamper: (body: Uint8Array, headers: Record<string, string>) => { body: Uint8Array; headers: Record<string, string> } = (b, h) => ({ body: b, headers: h });
  let recorded: { status: number; headers: Record<string, string>; body: Uint8Array } | undefined;
  let replay = false;
  const url = await listen(t, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const mac = req.headers[MAC_HEADER];
      void server.handle({ method: req.method ?? '', path: req.url ?? '', mac: typeof mac === 'string' ? mac : undefined, body: new Uint8Array(Buffer.concat(chunks)) }).then((r) => {
        if (replay && recorded) r = recorded;
        else recorded = r;
        const out = tamper(r.body, r.headers);
        res.writeHead(r.status, out.headers).end(Buffer.from(out.body));
      });
    });
  });
  const client = createLinkClient({ baseUrl: url, linkKey: key, station: 3 });
  tamper = (b, h) => ({ body: new TextEncoder().encode(new TextDecoder().decode(b).replace('"rejected","reason":"wrong-station"', '"registered"')), headers: h });
  t.same(await client.register(new Uint8Array([0xee, 9])), { ok: false, error: 'bad-response' }, 'rejected rewritten as registered');
  tamper = (b, h) => ({ body: b, headers: { ...h, [MAC_HEADER]: '' } });
  t.same(await client.register(Uint8Array.from([1, ...randomBytes(19)])), { ok: false, error: 'bad-response' }, 'MAC stripped');
  tamper = (b, h) => ({ body: b, headers: h });
  t.same(await client.register(Uint8Array.from([1, ...randomBytes(19)])), { ok: true, value: { outcome: 'registered' } });
  replay = true;
  t.same(await client.register(new Uint8Array([0xee, 7])), { ok: false, error: 'bad-response' }, 'an old registered answer replayed for a new request');
});

t.test('a replayed request is refused', async (t) => {
  const key = randomBytes(32);
  const seen = { ballots: [] as Uint8Array[], events: [] as BoxEvent[] };
  const server = createLinkServer(handlers(key, seen));
  const path = `${LINK_PATH_PREFIX}event`;
  const body = new TextEncoder().encode(JSON.stringify({ v: 1, id: toHex(randomBytes(16)), station: 3, kind: 'event', eventId: toHex(randomBytes(16)), event: { kind: 'box-empty' } }));
  const mac = Buffer.from(requestMac(key, path, body)).toString('base64');
  t.equal((await server.handle({ method: 'POST', path, mac, body })).status, 200);
  t.equal((await server.handle({ method: 'POST', path, mac, body })).status, 409);
  t.equal(seen.events.length, 1);
});

t.test('a box event resent after a lost answer is applied once (same event id), each new event once more', async (t) => {
  const key = randomBytes(32);
  const seen = { ballots: [] as Uint8Array[], events: [] as BoxEvent[] };
  const url = await listen(t, createLinkServer(handlers(key, seen)).listener);
  const client = createLinkClient({ baseUrl: url, linkKey: key, station: 3 });
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
  const key = randomBytes(32);
  const applied: BoxEvent[] = [];
  let release: () => void = () => undefined;
  let fail = true;
  const server = createLinkServer({
    linkKey: () => key,
    station: 3,
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
  });
  const send = (eventId: string, event: BoxEvent) => {
    const path = `${LINK_PATH_PREFIX}event`;
    const body = new TextEncoder().encode(JSON.stringify({ v: 1, id: toHex(randomBytes(16)), station: 3, kind: 'event', eventId, event }));
    return server.handle({ method: 'POST', path, mac: Buffer.from(requestMac(key, path, body)).toString('base64'), body });
  };
  const id = newEventId();
  const first = send(id, { kind: 'deposit-sensed' });
  const second = send(id, { kind: 'deposit-sensed' });
  await new Promise((r) => setImmediate(r));
  release();
  t.same([(await first).status, (await second).status], [200, 200]);
  t.equal(applied.length, 1, 'applied once');
  const cover = newEventId();
  await t.rejects(send(cover, { kind: 'cover-opened' }), 'the console failed to apply it: no answer (the HTTP layer answers 500)');
  t.equal((await send(cover, { kind: 'cover-opened' })).status, 200, 'the resend is applied');
  t.same(applied.map((e) => e.kind), ['deposit-sensed', 'cover-opened']);
});

t.test('the event-id memory is bounded: the oldest ids are forgotten first', async (t) => {
  const key = randomBytes(32);
  const seen = { ballots: [] as Uint8Array[], events: [] as BoxEvent[] };
  const server = createLinkServer(handlers(key, seen), { eventWindow: 2 });
  const send = (eventId: string) => {
    const path = `${LINK_PATH_PREFIX}event`;
    const body = new TextEncoder().encode(JSON.stringify({ v: 1, id: toHex(randomBytes(16)), station: 3, kind: 'event', eventId, event: { kind: 'deposit-timeout' } }));
    return server.handle({ method: 'POST', path, mac: Buffer.from(requestMac(key, path, body)).toString('base64'), body });
  };
  const [a, b, c] = [newEventId(), newEventId(), newEventId()];
  for (const id of [a, b, a, c, c, b]) await send(id);
  t.equal(seen.events.length, 3, 'a, b, c once each while remembered');
  await send(a);
  t.equal(seen.events.length, 4, 'a was pushed out of a window of two');
});

t.test('any authenticated garbage is refused as malformed, without a crash', async (t) => {
  const key = randomBytes(32);
  const seen = { ballots: [] as Uint8Array[], events: [] as BoxEvent[] };
  const server = createLinkServer(handlers(key, seen));
  await fc.assert(
    fc.asyncProperty(fc.constantFrom('register', 'status', 'event', 'other'), fc.oneof(fc.uint8Array({ maxLength: 300 }), fc.json().map((j) => new TextEncoder().encode(j))), async (kind, body) => {
      const path = `${LINK_PATH_PREFIX}${kind}`;
      const r = await server.handle({ method: 'POST', path, mac: Buffer.from(requestMac(key, path, body)).toString('base64'), body });
      return r.status === 400;
    }),
    { numRuns: 300 },
  );
  t.equal(seen.ballots.length + seen.events.length, 0);
  const wrongShape = [
    { v: 1, id: toHex(randomBytes(16)), station: 3, kind: 'event', eventId: toHex(randomBytes(16)), event: { kind: 'refused', reason: 'because' } },
    { v: 1, id: toHex(randomBytes(16)), station: 3, kind: 'event', eventId: toHex(randomBytes(16)), event: { kind: 'box-empty', extra: 1 } },
    { v: 1, id: toHex(randomBytes(16)), station: 3, kind: 'event', event: { kind: 'box-empty' } },
    { v: 1, id: toHex(randomBytes(16)), station: 3, kind: 'event', eventId: 'not hex', event: { kind: 'box-empty' } },
    { v: 1, id: toHex(randomBytes(16)), station: 3, kind: 'event', eventId: toHex(randomBytes(15)), event: { kind: 'box-empty' } },
    { v: 2, id: toHex(randomBytes(16)), station: 3, kind: 'status' },
    { v: 1, id: 'short', station: 3, kind: 'status' },
    { v: 1, id: toHex(randomBytes(16)), station: 3, kind: 'register', attemptId: toHex(randomBytes(16)), ballot: 'not base64!' },
    { v: 1, id: toHex(randomBytes(16)), station: 3, kind: 'register', ballot: 'AAAA' },
    { v: 1, id: toHex(randomBytes(16)), station: 3, kind: 'register', attemptId: 'short', ballot: 'AAAA' },
  ];
  for (const w of wrongShape) {
    const path = `${LINK_PATH_PREFIX}${w.kind}`;
    const body = new TextEncoder().encode(JSON.stringify(w));
    t.equal((await server.handle({ method: 'POST', path, mac: Buffer.from(requestMac(key, path, body)).toString('base64'), body })).status, 400, JSON.stringify(w));
  }
});

t.test('the pairing code carries the link key, signed by the stembureau key', (t) => {
  const stembureau = new Signer(generateSigningKeyPair().privateKey);
  const prefix = randomBytes(8);
  const key = randomBytes(32);
  const code = issuePairingCode(prefix, 3, key, stembureau);
  const expected = { hashPrefix: prefix, station: 3, stembureauPublicKey: stembureau.publicKey };
  t.same(decodePairingCode(code, expected), { ok: true, linkKey: key });
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
