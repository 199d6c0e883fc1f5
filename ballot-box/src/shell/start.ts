// `startBallotBox`: the whole box in this process — devices (simulated unless given), the
// decoder, the console link, the state machine and, when a port is given, the display's HTTP
// server. The virtual polling station and the election-day simulation run it in-process; the
// CLI (cli.ts) runs it on the real box.
import type { Server } from 'node:http';
import { checkSoftware, refusal, softwareLine } from '@ovs/release';
import { deviceSoftware } from '@ovs/release/files';
import { createQrDecoder } from '@ovs/barcode';
import { createBallotContext } from '@ovs/ballot';
import type { VerifiedPackage } from '@ovs/election';
import type { WebGuardOptions } from '@ovs/web-guard';
import {
  createBallotBox,
  createScanner,
  realTimers,
  type BallotBox,
  type FeedResult,
  type GrayImage,
  type Scanner,
  type SelfTestPhase,
  type SimulatedBallotBox,
  type SimulatedScanner,
  type Timers,
} from '@ovs/devices';
import { BoxLog, type LogRecord } from './box-log.ts';
import { BoxRuntime, type BoxSnapshot, type ConsoleLinkOptions } from './box.ts';
import { stationKeys } from '../machine/console-session.ts';
import type { DisplayView } from '../machine/display.ts';
import { DEFAULT_TIMING, type MachineConfig } from '../machine/machine.ts';
import { runSelfTest, type SelfTestOutcome } from './self-test.ts';
import { createDisplayApp, listen } from './server.ts';
import { buildDisplayUi } from '../ui/build.ts';

export interface BoxDevices {
  scanner: Scanner;
  ballotBox: BallotBox;
}

export interface BallotBoxOptions {
  /** The election package, verified against the pinned organiser key (readPackageDir). */
  package: VerifiedPackage;
  station: number;
  console: ConsoleLinkOptions;
  /** Real drivers, or 'simulated' (the default): the flap controller emulator and the PNG-fed scanner. */
  devices?: BoxDevices | 'simulated';
  /** Simulated flap: how long it takes to move (default 150 ms; a fast headless simulation may use 1). */
  simulatedFlapTravelMs?: number;
  /** The display's HTTP port (0: any free port). Without it, no HTTP server (headless). */
  port?: number;
  host?: string;
  /** The display server's guard: further names, and the page that may embed the display (the virtual polling station). */
  guard?: WebGuardOptions;
  /** How long the flap stays open for the voter; 500..30000 ms (the controller's limits). */
  flapOpenMs?: number;
  timers?: Timers;
  /** The rest of the timing (machine.ts DEFAULT_TIMING). */
  timing?: Partial<Omit<MachineConfig, 'context' | 'keys' | 'flapOpenMs'>>;
  scan?: {
    /** Sightings of one code closer together than this are one presentation. Default 1000 ms. */
    samePresentationMs?: number;
    /** A damaged code is reported after this long without a good read. Default 800 ms. */
    unreadableGraceMs?: number;
    /** Tell "not a QR code" from "nothing" (a second decoder pass on empty frames). Default true. */
    identifyOtherBarcodes?: boolean;
  };
  /** How often the box asks the console for its status. Default 1000 ms. */
  statusPollMs?: number;
  /** Also append the box log to this file (it holds no ballot id and no vote). */
  logFile?: string;
  /** SHA-256 of the software (tests); default: the stembus bundle, hashed at start-up. */
  software?: Uint8Array;
}

export type PresentResult = { ok: true; box: BoxSnapshot } | { ok: false; error: Exclude<FeedResult, { ok: true }>['error'] };

export interface BallotBoxHandle {
  /** The display page, when a port was given. */
  readonly url: string | null;
  /** The simulated devices (null with real drivers): feed PNGs, deposit, open the cover, pull the cable. */
  readonly simulated: { scanner: SimulatedScanner; ballotBox: SimulatedBallotBox } | null;
  display(): DisplayView;
  onDisplay(listener: (view: DisplayView) => void): () => void;
  snapshot(): BoxSnapshot;
  /** Resolves when the box has finished with the current scan (flap open, refused or idle). */
  settled(): Promise<BoxSnapshot>;
  until(done: (box: BoxSnapshot) => boolean): Promise<BoxSnapshot>;
  /**
   * Simulation: lift whatever lies on the glass, lay this ballot there (PNG bytes, a camera
   * frame, or the bytes a decoding imager would deliver), and wait until the box has decided.
   */
  present(input: Uint8Array | GrayImage | { bytes: Uint8Array }): Promise<PresentResult>;
  /** Simulation: the voter pushes the ballot through the slot (only goes in while the flap is open). */
  deposit(): Promise<'deposited' | 'flap-closed'>;
  /** The assessor confirms before opening that the box is empty (decree art. 14). */
  confirmBoxEmpty(): void;
  /** The console's pairing code, handed over directly (the same check as the koppelticket on the glass); resolves with the box's view after its first status answer. */
  pair(code: Uint8Array): Promise<BoxSnapshot>;
  /** Test mode, fase 1 or fase 2; refused while voting is open. */
  selfTest(phase: SelfTestPhase, options?: { scanWaitMs?: number }): Promise<SelfTestOutcome>;
  log(): readonly LogRecord[];
  stop(): Promise<void>;
}

function flapSettles(box: SimulatedBallotBox): Promise<void> {
  return new Promise((resolve) => {
    const off = box.onEvent((e) => {
      if (e.kind === 'flap-opened' || e.kind === 'flap-closed' || e.kind === 'flap-jammed' || e.kind === 'connection-lost') {
        off();
        resolve();
      }
    });
  });
}

export async function startBallotBox(options: BallotBoxOptions): Promise<BallotBoxHandle> {
  const pkg = options.package;
  const context = createBallotContext(pkg);
  const station = pkg.election.pollingStations.find((s) => s.number === options.station);
  const keys = stationKeys(context, pkg.hash, options.station);
  if (!station || !keys) throw new Error(`Stembureau ${options.station} staat niet in het verkiezingspakket.`);
  // Decree art. 4 §3: only the release the package was approved for registers ballots.
  const softwareHash = options.software ?? (await deviceSoftware('stembus'));
  const software = checkSoftware('stembus', softwareHash, pkg.election.release);
  const refused = refusal('stembus', software);
  if (refused) throw new Error(refused);
  const flapOpenMs = options.flapOpenMs ?? DEFAULT_TIMING.flapOpenMs;
  if (!Number.isInteger(flapOpenMs) || flapOpenMs < 500 || flapOpenMs > 30_000) throw new Error('flapOpenMs: 500..30000 ms');
  const timers = options.timers ?? realTimers();

  let simulated: { scanner: SimulatedScanner; ballotBox: SimulatedBallotBox } | null = null;
  let devices: BoxDevices;
  if (options.devices === undefined || options.devices === 'simulated') {
    const flapTravelMs = options.simulatedFlapTravelMs;
    simulated = {
      scanner: createScanner({ kind: 'simulated' }, timers),
      ballotBox: createBallotBox(flapTravelMs === undefined ? { kind: 'simulated' } : { kind: 'simulated', flapTravelMs }, timers),
    };
    devices = simulated;
  } else {
    devices = options.devices;
  }

  const decoder = await createQrDecoder({ identifyOtherBarcodes: options.scan?.identifyOtherBarcodes ?? true });
  const machine: MachineConfig = { ...DEFAULT_TIMING, ...options.timing, flapOpenMs, context, keys };
  const runtime = new BoxRuntime({
    machine,
    software: softwareHash,
    scanner: devices.scanner,
    ballotBox: devices.ballotBox,
    decoder,
    console: options.console,
    timers,
    gate: { samePresentationMs: options.scan?.samePresentationMs ?? 1000, unreadableGraceMs: options.scan?.unreadableGraceMs ?? 800 },
    statusPollMs: options.statusPollMs ?? 1000,
    log: new BoxLog(options.logFile ? { file: options.logFile } : {}),
  });
  runtime.start();

  let testing = false;
  const selfTest = async (phase: SelfTestPhase, extra: { scanWaitMs?: number } = {}): Promise<SelfTestOutcome> => {
    // The flap cycle opens the flap without a registration: only before voting (or unpaired, at
    // the depot) and after closing — never while the box cannot tell whether voting is open.
    const p = runtime.consolePhase;
    if (p === 'open' || p === 'halted') return { ok: false, error: 'voting-open' };
    if (runtime.snapshot().paired && p !== 'preparation' && p !== 'closed') return { ok: false, error: 'console-unknown' };
    if (runtime.busy || testing) return { ok: false, error: 'busy' };
    testing = true;
    try {
      const report = await runSelfTest({
        phase,
        ballotBox: devices.ballotBox,
        scanner: devices.scanner,
        decoder,
        timers,
        context,
        keys,
        stationName: station.name,
        packageShortHash: pkg.shortHash,
        software: softwareLine(software),
        link: runtime.consoleLink,
        tapScans: (tap) => runtime.tapScans(tap),
        ...(extra.scanWaitMs !== undefined ? { scanWaitMs: extra.scanWaitMs } : {}),
      });
      return { ok: true, report };
    } finally {
      runtime.tapScans(null);
      testing = false;
    }
  };

  const needSim = (): { scanner: SimulatedScanner; ballotBox: SimulatedBallotBox } => {
    if (!simulated) throw new Error('Alleen met gesimuleerde apparaten.');
    return simulated;
  };

  const present = async (input: Uint8Array | GrayImage | { bytes: Uint8Array }): Promise<PresentResult> => {
    const sim = needSim();
    runtime.glassCleared();
    const fed = input instanceof Uint8Array ? sim.scanner.feedPng(input) : 'bytes' in input ? sim.scanner.feedBytes(input.bytes) : sim.scanner.feedImage(input);
    if (!fed.ok) return { ok: false, error: fed.error };
    return { ok: true, box: await runtime.settled() };
  };

  const deposit = async (): Promise<'deposited' | 'flap-closed'> => {
    const sim = needSim();
    // A hand waits for a flap that is still moving (it opens in ~150 ms after the command).
    if (sim.ballotBox.controller.state.flap === 'opening') await flapSettles(sim.ballotBox);
    const r = sim.ballotBox.controller.deposit();
    if (r === 'deposited') await runtime.until((b) => b.state !== 'flap-open');
    return r;
  };

  let server: Server | null = null;
  let url: string | null = null;
  let closeApp: (() => void) | null = null;
  if (options.port !== undefined) {
    const created = createDisplayApp({
      js: await buildDisplayUi(),
      display: () => runtime.display(),
      onDisplay: (l) => runtime.onDisplay(l),
      canConfirmEmpty: () => runtime.consolePhase === 'preparation',
      confirmBoxEmpty: () => runtime.confirmBoxEmpty(),
      selfTest: (phase) => selfTest(phase),
      sim: simulated ? { present: (png) => present(png), deposit: async () => ({ result: await deposit(), box: runtime.snapshot() }) } : null,
      ...(options.guard ? { guard: options.guard } : {}),
    });
    closeApp = created.close;
    const listening = await listen(created.app, options.port, options.host ?? '127.0.0.1');
    server = listening.server;
    url = listening.url;
  }

  let stopped = false;
  return {
    url,
    simulated,
    display: () => runtime.display(),
    onDisplay: (l) => runtime.onDisplay(l),
    snapshot: () => runtime.snapshot(),
    settled: () => runtime.settled(),
    until: (done) => runtime.until(done),
    present,
    deposit,
    confirmBoxEmpty: () => runtime.confirmBoxEmpty(),
    pair: async (code) => {
      runtime.pair(code);
      const s = runtime.snapshot();
      if (!s.paired) return s;
      return runtime.until((b) => b.phase !== 'unknown');
    },
    selfTest,
    log: () => runtime.log(),
    async stop() {
      if (stopped) return;
      stopped = true;
      await runtime.stop();
      closeApp?.();
      if (server) {
        const s = server;
        s.closeAllConnections();
        await new Promise<void>((resolve) => s.close(() => resolve()));
      }
      // A simulated cable left pulled would make the last CLOSE_FLAP wait for its retries.
      simulated?.ballotBox.plugCable();
      await devices.ballotBox.close();
      await devices.scanner.close();
      simulated?.ballotBox.controller.stop();
    },
  };
}
