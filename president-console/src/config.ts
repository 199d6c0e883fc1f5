// The console's configuration file on hardware (written at installation, fase 2): which
// polling station, the organiser's key, where the sticks are mounted, which devices.
import { fromBase64 } from '@ovs/crypto';
import { createCardReader, type CardReaderConfig } from '@ovs/devices/card';
import { createPrinter, type PrinterConfig } from '@ovs/devices/printer';
import type { StartConsoleOptions } from './start.ts';
import { folderExpertMedium } from './core/expert-medium.ts';
import { createMountPointSticks } from './sticks/mount-points.ts';
import { createSimulatedSticks } from './sticks/simulated-sticks.ts';

export interface ConsoleConfigFile {
  station: number;
  /** Ed25519 public key of the organiser, base64. */
  organiserPublicKey: string;
  sticks: { kind: 'mount-points' | 'simulated'; A: string; B: string };
  cardWriter: CardReaderConfig;
  printer: PrinterConfig;
  http?: { host?: string; port?: number };
  link?: { host?: string; port?: number };
  /** Copies of the PV and of the kerncijferrapport (default 2 each; seed 002 III.5.3). */
  copies?: { pv: number; kerncijfers: number };
}

export type ConfigResult = { ok: true; options: StartConsoleOptions } | { ok: false; message: string };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

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
  const s = c.sticks;
  if (!isObject(s) || (s.kind !== 'mount-points' && s.kind !== 'simulated') || typeof s.A !== 'string' || typeof s.B !== 'string' || s.A === s.B) {
    return { ok: false, message: 'sticks: { "kind": "mount-points" | "simulated", "A": pad, "B": ander pad }.' };
  }
  if (!isObject(c.cardWriter) || typeof c.cardWriter.kind !== 'string') return { ok: false, message: 'cardWriter: { "kind": "serial" | "simulated", … }.' };
  if (!isObject(c.printer) || typeof c.printer.kind !== 'string') return { ok: false, message: 'printer: { "kind": "serial" | "device-file" | "simulated", … }.' };
  const endpoint = (v: unknown): { host?: string; port?: number } | undefined => (isObject(v) ? { ...(typeof v.host === 'string' ? { host: v.host } : {}), ...(typeof v.port === 'number' ? { port: v.port } : {}) } : undefined);
  const copyCount = (v: unknown): boolean => typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 5;
  if (c.copies !== undefined && (!isObject(c.copies) || !copyCount(c.copies.pv) || !copyCount(c.copies.kerncijfers))) {
    return { ok: false, message: 'copies: { "pv": 1–5, "kerncijfers": 1–5 } exemplaren (standaard 2 en 2).' };
  }
  const copies = isObject(c.copies) ? { pv: c.copies.pv as number, kerncijfers: c.copies.kerncijfers as number } : undefined;
  const folders = { A: s.A, B: s.B };
  // The third USB port, for the college of experts' copy (decree art. 12): its mount point.
  if (c.expertMount !== undefined && (typeof c.expertMount !== 'string' || c.expertMount === '' || c.expertMount === s.A || c.expertMount === s.B)) {
    return { ok: false, message: 'expertMount: het koppelpunt van de derde USB-poort (kopie voor de deskundige), niet dat van stick A of B.' };
  }
  const http = endpoint(c.http);
  const link = endpoint(c.link);
  const alarms = endpoint(c.alarms);
  if (c.alarms !== undefined && (alarms?.host === undefined || alarms.port === undefined)) return { ok: false, message: 'alarms: { "host": het adres op het netwerk van de stemcomputers, "port": poort }.' };
  return {
    ok: true,
    options: {
      station: c.station,
      organiserPublicKey: key,
      sticks: s.kind === 'mount-points' ? createMountPointSticks(folders) : createSimulatedSticks(folders),
      devices: { cardWriter: createCardReader(c.cardWriter as CardReaderConfig), printer: createPrinter(c.printer as PrinterConfig) },
      ...(http?.host ? { host: http.host } : {}),
      ...(http?.port !== undefined ? { port: http.port } : {}),
      ...(link ? { link } : {}),
      ...(alarms?.host !== undefined && alarms.port !== undefined ? { alarms: { host: alarms.host, port: alarms.port } } : {}),
      ...(typeof c.expertMount === 'string' ? { expertMedium: folderExpertMedium(c.expertMount) } : {}),
      ...(copies ? { copies } : {}),
    },
  };
}
