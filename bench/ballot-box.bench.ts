// The ballot box: from a camera frame on the glass to the OPEN_FLAP command on the controller's
// serial line — decode (zxing-wasm), verify the signature chain, register at the president
// console over the authenticated loopback link (the console verifies again and writes the
// ballot on both sticks in tmpfs, fsync each), then the command. Also the same from the
// simulated printer's PNG (what `npm start` feeds the box), and the share of each stage.
// VxScan, the closest open peer, needs about 400 ms per QR ballot; the target here is a p95
// under 100 ms.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SeededRandom, sha256, utf8, type Signer } from '@ovs/crypto';
import { generateDemoElection, verifyPackage, type VerifiedPackage } from '@ovs/election';
import { createBallotContext, encodeSignedBallot, HASH_PREFIX_BYTES } from '@ovs/ballot';
import { bitmapToGray, bitmapToPng, encodeQr, renderQr } from '@ovs/barcode';
import { mockBallot, photographBallot } from '@ovs/barcode/degrade';
import { openActivationCardBytes } from '@ovs/card';
import { createBallotBox, createScanner, type BallotBox, type BallotBoxEvent } from '@ovs/devices';
import { createLinkClient, type LinkClient, type LinkClientOptions } from '@ovs/link';
import { prepareStick } from '@ovs/stick';
import { createSimulatedConsoleDevices, createSimulatedSticks, startConsole } from '@ovs/president-console';
import { startBallotBox } from '@ovs/ballot-box';
import { median, p95, quantile, round } from './stats.ts';
import { randomBallot } from '@ovs/ballot/testing';
import type { BenchFn } from './types.ts';

const STATION = 3;
const now = (): number => Number(process.hrtime.bigint()) / 1e6;


/** Timestamps of one ballot's way through the box. */
interface Marks {
  fed: number;
  registerSent?: number;
  registerAnswered?: number;
  openCommand?: number;
  openAcked?: number;
}

export const bench: BenchFn = async ({ quick }) => {
  const demo = generateDemoElection({ scrypt: { N: 1024, r: 8, p: 1 } });
  const checked = verifyPackage(demo.bytes, demo.signature, demo.organiser.publicKey);
  if (!checked.ok) throw new Error(checked.error.message);
  const pkg: VerifiedPackage = checked.value;
  const context = createBallotContext(pkg);
  const base = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
  const dirs: string[] = [];
  const stick = async (): Promise<string> => {
    const d = await mkdtemp(join(base, 'ovs-bench-box-'));
    dirs.push(d);
    const r = await prepareStick(d, { packageBytes: demo.bytes, packageSignature: demo.signature, organiserPublicKey: demo.organiser.publicKey, station: STATION, capacity: 2048 });
    if (!r.ok) throw new Error(r.error.message);
    return d;
  };

  const sticks = createSimulatedSticks({ A: await stick(), B: await stick() });
  const consoleDevices = createSimulatedConsoleDevices();
  const console_ = await startConsole({ station: STATION, organiserPublicKey: demo.organiser.publicKey, sticks, devices: consoleDevices, pollMs: 0, ui: false, software: sha256(utf8('bench')) });
  const unlocked = await console_.core.unlock(demo.passwords.get(STATION) ?? '');
  if (!unlocked.ok) throw new Error(unlocked.message);
  const issued = await console_.core.issueActivationCard();
  if (!issued.ok) throw new Error('activation card');
  const card = consoleDevices.cards.findLast((c) => c.payload[1] === 2);
  const stationKey = new Uint8Array(Buffer.from(demo.election.pollingStations.find((s) => s.number === STATION)?.stembureauKey.publicKey ?? '', 'base64'));
  const activation = await openActivationCardBytes(card?.payload ?? new Uint8Array(0), issued.activationCode ?? '', { hashPrefix: pkg.hash.subarray(0, HASH_PREFIX_BYTES), station: STATION, stembureauPublicKey: stationKey });
  if (!activation.ok) throw new Error(activation.error);
  const session: Signer = activation.value.session;

  // The devices of the box, instrumented: when OPEN_FLAP is handed to the serial line, and
  // when the registration request leaves and its answer comes back.
  let current: Marks | null = null;
  const scanner = createScanner({ kind: 'simulated' });
  const controllerBox = createBallotBox({ kind: 'simulated', flapTravelMs: 2 });
  const timedBox: BallotBox = {
    implementation: controllerBox.implementation,
    status: () => controllerBox.status(),
    onEvent: (l) => controllerBox.onEvent(l),
    openFlap: async (ms) => {
      const m = current;
      if (m) m.openCommand = now();
      const r = await controllerBox.openFlap(ms);
      if (m) m.openAcked = now();
      return r;
    },
    closeFlap: () => controllerBox.closeFlap(),
    setLeds: (l) => controllerBox.setLeds(l),
    selfTest: (o) => controllerBox.selfTest(o),
    close: () => controllerBox.close(),
  };
  // The registration's round trip, timed around the real client (handshake, encryption and receipt included).
  const client = (o: LinkClientOptions): LinkClient => {
    const inner = createLinkClient(o);
    return {
      ...inner,
      async register(signed, attemptId) {
        const m = current;
        if (m) m.registerSent = now();
        const r = await inner.register(signed, attemptId);
        if (m) m.registerAnswered = now();
        return r;
      },
    };
  };
  const box = await startBallotBox({
    package: pkg,
    station: STATION,
    console: { url: console_.linkUrl, pairingCode: console_.pairingCode()!, client },
    devices: { scanner, ballotBox: timedBox },
    flapOpenMs: 2000,
  });
  await box.until((b) => b.phase === 'preparation');
  box.confirmBoxEmpty();
  for (let i = 0; i < 400 && !console_.core.snapshot().box.emptyRecorded; i++) await new Promise((r) => setTimeout(r, 5));
  const opened = await console_.core.openVoting(true);
  if (!opened.ok) throw new Error(opened.message);
  await box.until((b) => b.phase === 'open');

  const flapEvent = (kind: BallotBoxEvent['kind']): Promise<void> =>
    new Promise((resolve) => {
      const off = controllerBox.onEvent((e) => {
        if (e.kind === kind) {
          off();
          resolve();
        }
      });
    });

  /** One voter: lay the ballot on the glass, wait for the flap, push the ballot in. */
  const cast = async (lay: () => void): Promise<Marks> => {
    const marks: Marks = { fed: now() };
    current = marks;
    const opening = flapEvent('flap-opened');
    lay();
    const s = await box.settled();
    if (s.state !== 'flap-open') throw new Error(`bench: the box answered ${s.state} ${s.reason ?? ''}`);
    await opening;
    const closed = flapEvent('flap-closed');
    controllerBox.controller.deposit();
    await closed;
    await box.until((b) => b.state === 'idle');
    current = null;
    return marks;
  };

  const random = new SeededRandom('bench-ballot-box');
  const ticket = (i: number): { gray: ReturnType<typeof bitmapToGray>; png: Uint8Array } => {
    const signed = encodeSignedBallot(context, randomBallot(context, STATION, random), session);
    if (!signed.ok) throw new Error(signed.error.code);
    const qr = encodeQr(signed.value);
    if (!qr.ok) throw new Error(qr.error);
    const bitmap = mockBallot(renderQr(qr.value.matrix), { seed: i });
    return { gray: bitmapToGray(bitmap), png: bitmapToPng(bitmap) };
  };

  const warm = quick ? 3 : 8;
  const n = quick ? 25 : 150;
  const camera: Marks[] = [];
  const printed: Marks[] = [];
  // Every picture is made before any timing: a camera frame of the box (1280 × 960, 8 px/mm,
  // tilted, blurred, noisy) and the printed ticket's PNG, each of a new ballot.
  const frames = Array.from({ length: warm + n }, (_, i) => {
    const raw = photographBallot(ticket(i).gray, { seed: i });
    return { width: raw.width, height: raw.height, data: new Uint8Array(raw.data) };
  });
  const pngs = Array.from({ length: warm + n }, (_, i) => ticket(10_000 + i).png);
  try {
    for (const [i, frame] of frames.entries()) {
      const m = await cast(() => scanner.feedImage(frame));
      if (i >= warm) camera.push(m);
    }
    for (const [i, png] of pngs.entries()) {
      const m = await cast(() => scanner.feedPng(png));
      if (i >= warm) printed.push(m);
    }
  } finally {
    await box.stop();
    await console_.stop();
    await consoleDevices.reader.close();
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  }

  const span = (ms: Marks[], from: keyof Marks, to: keyof Marks): number[] => ms.map((m) => (m[to] as number) - (m[from] as number));
  const figures = (xs: number[]): { p50: number; p95: number; max: number } => ({ p50: round(median(xs), 2), p95: round(p95(xs), 2), max: round(quantile(xs, 1), 2) });
  const cameraOpen = figures(span(camera, 'fed', 'openCommand'));
  const printedOpen = figures(span(printed, 'fed', 'openCommand'));
  const stages = {
    decodeAndVerify: round(median(span(camera, 'fed', 'registerSent')), 2),
    registerRoundTrip: round(median(span(camera, 'registerSent', 'registerAnswered')), 2),
    answerToOpenCommand: round(median(span(camera, 'registerAnswered', 'openCommand')), 2),
    openCommandToAck: round(median(span(camera, 'openCommand', 'openAcked')), 2),
  };
  const registered = console_.core.snapshot().counters?.registered;
  return {
    key: 'ballotBox',
    results: {
      setup: {
        ballots: n,
        warmup: warm,
        frame: '1280x960 camera frame, 8 px/mm, tilt <=5°, blur 1 px, noise 6 (photographBallot)',
        printed: 'PNG of the printed ticket (mock text + QR 11-Q), as the simulated printer gives it',
        console: 'startConsole on loopback, two simulated sticks on tmpfs (/dev/shm), fdatasync each',
        link: 'encrypted link on loopback (one handshake, padded ChaCha20-Poly1305 frames, a receipt signed by the stembureau key per registration), kept-alive connection',
        registeredOnSticks: registered ?? null,
      },
      frameToOpenCommandMs: cameraOpen,
      frameToOpenAckMs: figures(span(camera, 'fed', 'openAcked')),
      printedPngToOpenCommandMs: printedOpen,
      stagesMedianMs: stages,
      vxscanPerBallotMs: 400,
      targetP95Ms: 100,
    },
    table: [
      ['frame → OPEN_FLAP p50 / p95', `${cameraOpen.p50} / ${cameraOpen.p95} ms (target p95 < 100; VxScan ≈ 400)`],
      ['printed PNG → OPEN_FLAP p50 / p95', `${printedOpen.p50} / ${printedOpen.p95} ms`],
      ['decode+verify / register / command', `${stages.decodeAndVerify} / ${stages.registerRoundTrip} / ${stages.answerToOpenCommand} ms (medians)`],
    ],
  };
};
