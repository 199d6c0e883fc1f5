// A pretend ESC/POS printer at the far end of a MockLine: answers DLE EOT n from its state
// and answers GS r 1 at the end of a job (or not, when its paper runs out part-way).

import type { MockLine } from '../../src/testing/mock-serial.ts';

export interface FakePrinterState {
  online: boolean;
  coverOpen: boolean;
  paper: 'ok' | 'near-end' | 'out';
  cutterError: boolean;
  /** Silent: answers nothing (powered off, or wrong cable). */
  dead: boolean;
  /** The paper runs out during the next job: GS r is never answered and paper reads 'out'. */
  runOutDuringNextJob: boolean;
  /** Processes jobs but never answers GS r (a firmware that ignores it). */
  ignoreGsR: boolean;
}

export function fakePrinter(line: MockLine) {
  const state: FakePrinterState = { online: true, coverOpen: false, paper: 'ok', cutterError: false, dead: false, runOutDuringNextJob: false, ignoreGsR: false };
  const jobs: Uint8Array[] = [];
  const statusRequests: number[] = [];
  line.onHostWrite((bytes) => {
    if (state.dead) return;
    if (bytes.length === 3 && bytes[0] === 0x10 && bytes[1] === 0x04) {
      const n = bytes[2] ?? 0;
      statusRequests.push(n);
      line.toHost(Uint8Array.of(dleEot(state, n)));
      return;
    }
    jobs.push(bytes);
    const endsWithGsR = bytes.length >= 3 && bytes[bytes.length - 3] === 0x1d && bytes[bytes.length - 2] === 0x72 && bytes[bytes.length - 1] === 0x01;
    if (state.runOutDuringNextJob) {
      state.runOutDuringNextJob = false;
      state.paper = 'out';
      state.online = false;
      return;
    }
    if (endsWithGsR && !state.ignoreGsR) line.toHost(Uint8Array.of(state.paper === 'near-end' ? 0x03 : 0x00));
  });
  return { state, jobs, statusRequests };
}

function dleEot(s: FakePrinterState, n: number): number {
  const fixed = 0x12;
  switch (n) {
    case 1:
      return fixed | (s.online && !s.coverOpen && s.paper !== 'out' && !s.cutterError ? 0 : 0x08);
    case 2:
      return fixed | (s.coverOpen ? 0x04 : 0) | (s.paper === 'out' ? 0x20 : 0) | (s.cutterError ? 0x40 : 0);
    case 3:
      return fixed | (s.cutterError ? 0x08 : 0);
    case 4:
      return fixed | (s.paper === 'near-end' ? 0x0c : 0) | (s.paper === 'out' ? 0x6c : 0);
    default:
      return fixed;
  }
}
