// Starting a voting computer in-process: `npm start` runs several side by side, the
// election-day simulation drives them headless, the tests drive them both ways.
import type { Server } from 'node:http';
import { readPackageDir, type PackageError, type VerifiedPackage } from '@ovs/election';
import {
  createAlarm,
  createCardReader,
  createHandScanner,
  createPrinter,
  realTimers,
  SimulatedPrinter,
  type SimulatedAlarm,
  type SimulatedCardReader,
  type SimulatedHandScanner,
  type SimulatedPrinterOptions,
  type Timers,
} from '@ovs/devices';
import type { WebGuardOptions } from '@ovs/web-guard';
import { checkSoftware, refusal, softwareLine } from '@ovs/release';
import { deviceSoftware } from '@ovs/release/files';
import { createVotingClient, HeadlessVoter, type VotingClient } from './api/client.ts';
import { silentLog, type Logger } from './backend/log.ts';
import { createApp, listen } from './backend/server.ts';
import { VotingComputer, type TechnicianOptions, type VotingComputerDevices } from './backend/voting-computer.ts';
import { consoleAlarms } from './backend/console-alarms.ts';
import { packageCheck } from './technician/package-check.ts';
import { buildUi } from './ui/build.ts';
import { readerReady } from './simulated.ts';

export interface SimulatedDevices extends VotingComputerDevices {
  printer: SimulatedPrinter;
  cardReader: SimulatedCardReader;
  alarm: SimulatedAlarm;
  handScanner?: SimulatedHandScanner;
}

export interface SimulationOptions {
  /** Give this machine the polling station's hand scanner (barcode visualisation, art. 18). */
  handScanner?: boolean;
  printer?: SimulatedPrinterOptions;
}

interface CommonOptions {
  /** A package directory (election.json + election.sig), verified against `organiserPublicKey`. */
  packageDir?: string;
  organiserPublicKey?: Uint8Array;
  /** Or a package already verified by the caller. */
  verifiedPackage?: VerifiedPackage;
  station: number;
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** Clock of the inactivity timers; tests pass ManualTimers. */
  timers?: Timers;
  inactivity?: { warningMs: number; resetMs: number };
  log?: Logger;
  /** The web guard: further names, and the page that may embed the kiosk screen (the virtual polling station). */
  guard?: WebGuardOptions;
  /** SHA-256 of the software (tests); default: the stemcomputer's bundle, hashed at start-up. */
  software?: Uint8Array;
  /** Test mode timing (tests shorten the waits for the technician). */
  technician?: Pick<TechnicianOptions, 'scanWaitMs' | 'touchTimeoutMs' | 'now'>;
  /** The president console's link address and this machine's name there: its alarms show at the console too. */
  console?: { url: string; machine: string; now?: () => Date };
}

export type StartOptions = CommonOptions & ({ devices: VotingComputerDevices; simulate?: undefined } | { devices?: undefined; simulate?: SimulationOptions });

export interface VotingComputerHandle<D extends VotingComputerDevices> {
  /** The kiosk page. */
  url: string;
  station: number;
  devices: D;
  computer: VotingComputer;
  /** The HTTP API client (the UI's own path). */
  client: VotingClient;
  /** A headless voter on this machine, through the HTTP API. */
  voter(): HeadlessVoter;
  stop(): Promise<void>;
}

export type StartError =
  | { kind: 'package'; error: PackageError }
  | { kind: 'options'; message: string }
  | { kind: 'station'; message: string }
  /** Not the release the package was approved for (decree art. 4 §3): the machine does not start. */
  | { kind: 'software'; message: string };

export type StartResult<D extends VotingComputerDevices> = { ok: true; handle: VotingComputerHandle<D> } | { ok: false; error: StartError };

async function loadPackage(options: CommonOptions): Promise<{ ok: true; verified: VerifiedPackage } | { ok: false; error: StartError }> {
  if (options.verifiedPackage) return { ok: true, verified: options.verifiedPackage };
  if (!options.packageDir || !options.organiserPublicKey) {
    return { ok: false, error: { kind: 'options', message: 'packageDir with organiserPublicKey, or verifiedPackage, is required' } };
  }
  const r = await readPackageDir(options.packageDir, options.organiserPublicKey);
  return r.ok ? { ok: true, verified: r.value } : { ok: false, error: { kind: 'package', error: r.error } };
}

function simulatedDevices(o: SimulationOptions = {}): SimulatedDevices {
  const devices: SimulatedDevices = {
    printer: createPrinter({ kind: 'simulated', ...o.printer }),
    cardReader: createCardReader({ kind: 'simulated' }),
    alarm: createAlarm({ kind: 'simulated' }),
  };
  if (o.handScanner) devices.handScanner = createHandScanner({ kind: 'simulated' });
  return devices;
}

/** What the test mode can do on this machine beyond its devices' interfaces. */
function technicianOptions(options: CommonOptions, verified: VerifiedPackage, devices: VotingComputerDevices, software: string): TechnicianOptions {
  const { packageDir, organiserPublicKey } = options;
  const printer = devices.printer;
  return {
    ...options.technician,
    software,
    // From disk when the machine knows where its package is: a package changed since start-up shows.
    ...(packageDir && organiserPublicKey ? { verifyPackage: () => packageCheck(packageDir, organiserPublicKey, verified) } : {}),
    // The simulator's paper is a picture: the test ballot is read back from it, as a camera would.
    ...(printer instanceof SimulatedPrinter ? { lastPrintedPicture: () => printer.tickets.at(-1)?.png() } : {}),
  };
}

export function startVotingComputer(options: CommonOptions & { devices: VotingComputerDevices }): Promise<StartResult<VotingComputerDevices>>;
export function startVotingComputer(options: CommonOptions & { simulate?: SimulationOptions }): Promise<StartResult<SimulatedDevices>>;
export async function startVotingComputer(options: StartOptions): Promise<StartResult<VotingComputerDevices>> {
  const loaded = await loadPackage(options);
  if (!loaded.ok) return loaded;
  if (!loaded.verified.election.pollingStations.some((s) => s.number === options.station)) {
    return { ok: false, error: { kind: 'station', message: `polling station ${options.station} is not in the election package` } };
  }
  const softwareHash = options.software ?? (await deviceSoftware('stemcomputer'));
  const software = checkSoftware('stemcomputer', softwareHash, loaded.verified.election.release);
  const refused = refusal('stemcomputer', software);
  if (refused) return { ok: false, error: { kind: 'software', message: refused } };
  const ownDevices = options.devices === undefined;
  const devices = options.devices ?? simulatedDevices(options.simulate);
  const computer = new VotingComputer({
    verified: loaded.verified,
    station: options.station,
    devices,
    timers: options.timers ?? realTimers(),
    ...(options.inactivity ? { inactivity: options.inactivity } : {}),
    log: options.log ?? silentLog,
    technician: technicianOptions(options, loaded.verified, devices, softwareLine(software)),
    software: softwareHash,
    ...(options.console ? { console: { ...consoleAlarms(options.console.url, options.console.machine), ...(options.console.now ? { now: options.console.now } : {}) } } : {}),
  });
  const ui = await buildUi();
  let server: Server;
  let url: string;
  try {
    ({ server, url } = await listen(createApp(computer, ui, options.guard), options.port ?? 0, options.host ?? '127.0.0.1'));
  } catch (e) {
    await computer.stop();
    return { ok: false, error: { kind: 'options', message: `cannot listen: ${(e as Error).message}` } };
  }
  // A simulated reader answers after its link handshake: cards inserted before would be missed.
  if (ownDevices) await readerReady(devices.cardReader);
  const client = createVotingClient(url);
  let stopped = false;
  const handle: VotingComputerHandle<VotingComputerDevices> = {
    url,
    station: options.station,
    devices,
    computer,
    client,
    voter: () => new HeadlessVoter(client),
    async stop() {
      if (stopped) return;
      stopped = true;
      await computer.stop();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      if (ownDevices) {
        await Promise.all([devices.cardReader.close(), devices.printer.close(), devices.alarm.close(), devices.handScanner?.close()]);
      }
    },
  };
  return { ok: true, handle };
}
