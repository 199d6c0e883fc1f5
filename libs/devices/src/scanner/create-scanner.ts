// The one way to get the ballot box's scanner, and the voting computer's hand scanner.

import { openSerialChannel, type SerialBinding } from '../serial/channel.ts';
import { realTimers, type Timers } from '../timers.ts';
import { CameraScanner, type CameraConfig } from './camera-scanner.ts';
import type { HandScanner, Scanner } from './scanner.ts';
import { SerialImager } from './serial-imager.ts';
import { SimulatedHandScanner, SimulatedScanner } from './simulated-scanner.ts';

type SerialImagerConfig = { readonly kind: 'serial'; readonly path: string; readonly baudRate: number; readonly binding?: SerialBinding; readonly scanWaitMs?: number };

export type ScannerConfig =
  | { readonly kind: 'simulated'; readonly scanWaitMs?: number }
  | SerialImagerConfig
  | ({ readonly kind: 'camera' } & CameraConfig);

export type HandScannerConfig = { readonly kind: 'simulated'; readonly scanWaitMs?: number } | SerialImagerConfig;

export function createScanner(config: { kind: 'simulated'; scanWaitMs?: number }, timers?: Timers): SimulatedScanner;
export function createScanner(config: ScannerConfig, timers?: Timers): Scanner;
export function createScanner(config: ScannerConfig, timers: Timers = realTimers()): Scanner {
  switch (config.kind) {
    case 'simulated':
      return new SimulatedScanner(timers, { scanWaitMs: config.scanWaitMs });
    case 'serial':
      return imager(config, timers, 'scanner');
    case 'camera':
      return new CameraScanner(config, timers);
    default:
      return config satisfies never;
  }
}

export function createHandScanner(config: { kind: 'simulated'; scanWaitMs?: number }, timers?: Timers): SimulatedHandScanner;
export function createHandScanner(config: HandScannerConfig, timers?: Timers): HandScanner;
export function createHandScanner(config: HandScannerConfig, timers: Timers = realTimers()): HandScanner {
  switch (config.kind) {
    case 'simulated':
      return new SimulatedHandScanner(timers, { scanWaitMs: config.scanWaitMs });
    case 'serial':
      return imager(config, timers, 'hand-scanner');
    default:
      return config satisfies never;
  }
}

function imager(config: SerialImagerConfig, timers: Timers, role: 'scanner' | 'hand-scanner'): SerialImager {
  return new SerialImager(openSerialChannel({ path: config.path, baudRate: config.baudRate, binding: config.binding }, timers), timers, {
    scanWaitMs: config.scanWaitMs,
    role,
  });
}
