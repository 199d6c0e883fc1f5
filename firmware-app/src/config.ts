// The voting computer's configuration file on hardware (/etc/ovs/stemcomputer.json, written at
// installation): which polling station, the pinned organiser key, where the election package
// is, and which real device drivers to use. Every device kind of @ovs/devices is accepted.
import { readFile } from 'node:fs/promises';
import { fromBase64 } from '@ovs/crypto';
import { createAlarm, createCardReader, createHandScanner, createPrinter } from '@ovs/devices';
import type { AlarmConfig, CardReaderConfig, HandScannerConfig, PrinterConfig } from '@ovs/devices';
import type { VotingComputerDevices } from './backend/voting-computer.ts';

export interface StemcomputerConfig {
  station: number;
  organiserPublicKey: Uint8Array;
  packageDir: string;
  host: string;
  port: number;
  devices: { printer: PrinterConfig; cardReader: CardReaderConfig; alarm: AlarmConfig; handScanner?: HandScannerConfig };
  /** The president console's link address on the station's network and this machine's name ("stemcomputer 2"): alarms show there too. */
  console?: { url: string; machine: string };
}

export type ConfigResult = { ok: true; config: StemcomputerConfig } | { ok: false; message: string };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const KINDS: Record<string, readonly string[]> = {
  printer: ['simulated', 'serial', 'device-file'],
  cardReader: ['simulated', 'serial'],
  alarm: ['simulated', 'gpio-file', 'serial'],
  handScanner: ['simulated', 'serial'],
};

/** Checks the file's shape and names the first wrong field; never throws. */
export function parseConfig(text: string): ConfigResult {
  let c: unknown;
  try {
    c = JSON.parse(text);
  } catch (e) {
    return { ok: false, message: `De configuratie is geen geldige JSON: ${(e as Error).message}` };
  }
  if (!isObject(c)) return { ok: false, message: 'De configuratie is geen JSON-object.' };
  if (typeof c.station !== 'number' || !Number.isInteger(c.station) || c.station < 1 || c.station > 999) return { ok: false, message: 'station: een stembureaunummer 1–999.' };
  const key = typeof c.organiserPublicKey === 'string' ? fromBase64(c.organiserPublicKey) : undefined;
  if (!key || key.length !== 32) return { ok: false, message: 'organiserPublicKey: de publieke sleutel van de organisator (32 bytes, base64).' };
  if (typeof c.packageDir !== 'string' || c.packageDir === '') return { ok: false, message: 'packageDir: de map met election.json en election.sig.' };
  const port = c.port ?? 8080;
  if (typeof port !== 'number' || !Number.isInteger(port) || port < 0 || port > 65535) return { ok: false, message: 'port: een poortnummer.' };
  const host = c.host ?? '127.0.0.1';
  if (typeof host !== 'string') return { ok: false, message: 'host: een adres.' };
  if (!isObject(c.devices)) return { ok: false, message: 'devices: { printer, cardReader, alarm, handScanner? }.' };
  for (const [name, kinds] of Object.entries(KINDS)) {
    const d = c.devices[name];
    if (d === undefined && name === 'handScanner') continue;
    if (!isObject(d) || typeof d.kind !== 'string' || !kinds.includes(d.kind)) return { ok: false, message: `devices.${name}: { "kind": ${kinds.map((k) => `"${k}"`).join(' | ')}, … }.` };
  }
  const devices = c.devices as unknown as StemcomputerConfig['devices'];
  let console: StemcomputerConfig['console'];
  if (c.console !== undefined) {
    const k = c.console;
    const url = isObject(k) && typeof k.url === 'string' && URL.canParse(k.url) ? k.url : undefined;
    const machine = isObject(k) && typeof k.machine === 'string' && /^[\p{L}\p{N} .-]+$/u.test(k.machine) && new TextEncoder().encode(k.machine).length <= 40 ? k.machine : undefined;
    if (!url || !machine) return { ok: false, message: 'console: { "url": het adres van de voorzitterscomputer, "machine": de naam van deze stemcomputer (hoogstens 40 tekens) }.' };
    console = { url, machine };
  }
  return { ok: true, config: { station: c.station, organiserPublicKey: key, packageDir: c.packageDir, host, port, devices, ...(console ? { console } : {}) } };
}

/** Reads and checks the file; the message names the file or the first wrong field. */
export async function readConfigFile(path: string): Promise<ConfigResult> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return { ok: false, message: `${path} kan niet gelezen worden.` };
  }
  return parseConfig(text);
}

/** The real (or configured simulated) drivers of the configuration. */
export function openConfiguredDevices(devices: StemcomputerConfig['devices']): VotingComputerDevices {
  return {
    printer: createPrinter(devices.printer),
    cardReader: createCardReader(devices.cardReader),
    alarm: createAlarm(devices.alarm),
    ...(devices.handScanner ? { handScanner: createHandScanner(devices.handScanner) } : {}),
  };
}
