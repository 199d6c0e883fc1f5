// The cable between box and console, attacked (issue 11 §1): a tap sees no vote; a device that
// holds the link key — anyone who reads a reprinted koppelticket — cannot make the flap open for
// a ballot that never reached the sticks, whether it answers in the console's place or sits
// between the two.
import t from 'tap';
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateSigningKeyPair, Signer, toBase64, toHex, utf8 } from '@ovs/crypto';
import { ManualTimers } from '@ovs/devices/testing';
import { createLinkServer, DATA_FRAME_BYTES, decodeFrame, decodePairingCode, type LinkStatus } from '@ovs/link';
import { decodeBallot, SIGNATURE_BYTES } from '@ovs/ballot';
import { startBallotBox } from '../src/index.ts';
import { ballot, ballotPng, context, hashPrefix, SeededRandom, sign, STATION, stembureauPublicKey, verified } from './support/election.ts';
import { openDay, startConsoleRig, unlockConsole, type Teardown } from './support/rig.ts';

async function serve(t: Teardown, handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<string> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.teardown(() => new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  }));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const body = (req: IncomingMessage): Promise<Buffer> =>
  new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
  });

function forward(url: string, path: string, bytes: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/octet-stream', 'content-length': bytes.length } }, (res) => void body(res).then(resolve));
    req.on('error', reject);
    req.end(bytes);
  });
}

t.test('a tap on the cable sees no vote, and every message has one size', async (t) => {
  const day = await openDay(t);
  const random = new SeededRandom('tap');
  const cast: Uint8Array[] = [];
  for (let i = 0; i < 6; i++) {
    const signed = sign(day.session, ballot(random));
    cast.push(signed);
    t.ok((await day.present(ballotPng(signed))).ok);
    t.equal(await day.deposit(), 'deposited');
  }
  t.equal(day.registered(), 6);
  const frames = day.link.frames;
  for (const signed of cast) {
    const decoded = decodeBallot(context(), signed.subarray(0, signed.length - SIGNATURE_BYTES));
    if (!decoded.ok) throw new Error(decoded.error);
    const id = decoded.value.ballotId;
    for (const needle of [signed, signed.subarray(30, 50), id, utf8(toBase64(signed).slice(8, 40)), utf8(toHex(signed).slice(16, 64))]) {
      t.notOk(frames.some((f) => Buffer.from(f).includes(Buffer.from(needle))), 'no piece of a ballot, raw, hex or base64, crosses the cable');
    }
  }
  const typeOf = (f: Uint8Array): string | undefined => {
    const d = decodeFrame(f);
    return d.ok ? d.value.type : undefined;
  };
  const data = frames.filter((f) => typeOf(f) === 'request' || typeOf(f) === 'response');
  t.ok(data.length >= 2 * 6 * 2, 'registrations, deposits and status polls went over it');
  t.same([...new Set(data.map((f) => f.length))], [DATA_FRAME_BYTES], 'a registration, a status poll and a deposit look alike');
});

t.test('a device on the cable with the link key that answers "registered" itself never opens the flap', async (t) => {
  const rig = await startConsoleRig(t);
  const session = await unlockConsole(rig);
  const code = rig.handle.pairingCode() as Uint8Array;
  const paired = decodePairingCode(code, { hashPrefix: hashPrefix(), station: STATION, stembureauPublicKey: stembureauPublicKey() });
  if (!paired.ok) throw new Error(paired.error);
  const real = rig.handle.core.linkStatus() as LinkStatus;
  let claimed = 0;
  // The attacker's device runs the real protocol code with the real link key; it lacks only the stembureau key.
  const impostor = createLinkServer({
    credentials: () => ({ linkKey: paired.value, stembureau: new Signer(generateSigningKeyPair().privateKey), hashPrefix: hashPrefix() }),
    station: STATION,
    register: async () => {
      claimed++;
      return { outcome: 'registered' };
    },
    status: () => ({ ...real, phase: 'open', boxEmptyRecorded: true }),
    event: async () => undefined,
  });
  const url = await serve(t, impostor.listener);
  const timers = new ManualTimers();
  const box = await startBallotBox({ package: verified(), station: STATION, console: { url, pairingCode: code }, timers, flapOpenMs: 5000, scan: { unreadableGraceMs: 0 } });
  t.teardown(() => box.stop());
  await box.until((b) => b.phase !== 'unknown');
  t.equal(box.snapshot().phase, 'failed', 'the box does not believe it');
  t.match(box.display().title, /Alarm/, 'and says so on its screen');
  const signed = sign(session, ballot(new SeededRandom('impostor')));
  const r = await box.present(ballotPng(signed));
  t.ok(r.ok);
  t.equal(box.snapshot().reason, 'link-alarm', 'refused with the alarm');
  t.equal(box.simulated?.ballotBox.controller.openCommands, 0, 'the flap never opened');
  t.equal(claimed, 0, 'the impostor never even heard the ballot');
  t.equal(rig.handle.core.snapshot().counters?.registered, 0);
});

t.test('a device between box and console cannot answer for the console: the flap opens only for what the sticks hold', async (t) => {
  let mode: 'relay' | 'swallow' = 'relay';
  let lastAnswer: Buffer | undefined;
  let swallowed = 0;
  const day = await openDay(t, {
    cable: async (consoleUrl) =>
      serve(t, (req, res) => {
        void body(req).then(async (bytes) => {
          const frame = decodeFrame(bytes);
          const isData = frame.ok && frame.value.type === 'request';
          if (mode === 'swallow' && isData) {
            // Keeps the box's request from the console and answers with a genuine answer it saw before.
            swallowed++;
            res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(lastAnswer ?? Buffer.alloc(0));
            return;
          }
          const answer = await forward(consoleUrl, req.url ?? '', bytes);
          if (isData) lastAnswer = answer;
          res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(answer);
        });
      }),
  });
  const random = new SeededRandom('mitm');
  t.ok((await day.present(ballotPng(sign(day.session, ballot(random))))).ok);
  t.equal(await day.deposit(), 'deposited', 'relayed faithfully, a ballot goes in');
  mode = 'swallow';
  const opens = day.box.simulated!.ballotBox.controller.openCommands;
  for (let i = 0; i < 5; i++) {
    const r = await day.present(ballotPng(sign(day.session, ballot(random))));
    t.ok(r.ok);
    t.not(day.box.snapshot().state, 'flap-open', `ballot ${i + 2}: the flap stays shut`);
  }
  t.ok(swallowed >= 5, 'every registration was kept from the console');
  t.equal(day.box.simulated!.ballotBox.controller.openCommands, opens, 'not one flap opening');
  t.equal(day.registered(), 1, 'the sticks hold exactly the ballot that went in');
});
