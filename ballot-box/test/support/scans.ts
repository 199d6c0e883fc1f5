// What a test lays on the glass besides good ballots, and how it watches the box decide.
import type { Test } from 'tap';
import { bitmapToGray, bitmapToPng, encodeQr, grayToBitmap, renderQr } from '@ovs/barcode';
import { eraseRect, mockBallot } from '@ovs/barcode/degrade';
import { BOX_REFUSAL_MESSAGES, type BoxRefusal } from '@ovs/link';
import { REFUSALS, type BoxSnapshot, type RefusalReason } from '../../src/index.ts';
import { waitFor, type DayRig } from './rig.ts';

/** A printed ballot whose code lost a band across its middle: finder patterns intact, data beyond repair. */
export function damagedPng(payload: Uint8Array, seed = 1): Uint8Array {
  const qr = encodeQr(payload);
  if (!qr.ok) throw new Error(qr.error);
  const gray = bitmapToGray(renderQr(qr.value.matrix));
  const band = Math.round(gray.height * 0.36);
  const erased = eraseRect(gray, 0, Math.round((gray.height - band) / 2), gray.width, band);
  return bitmapToPng(mockBallot(grayToBitmap(erased), { seed }));
}

/** Any bytes as a QR code on a ticket. */
export function qrPng(bytes: Uint8Array, seed = 1): Uint8Array {
  const qr = encodeQr(bytes);
  if (!qr.ok) throw new Error(qr.error);
  return bitmapToPng(mockBallot(renderQr(qr.value.matrix), { seed }));
}

/** Lifts what lay on the glass, lays `png` there, and moves the clock until the box has decided (retries run on it). */
export async function presentAndRun(day: DayRig, png: Uint8Array): Promise<BoxSnapshot> {
  const r = await day.present(png);
  if (!r.ok) throw new Error(r.error);
  return r.box;
}

export interface RefusalExpectation {
  reason: RefusalReason;
  /** The console hears of it (false when the link itself is what failed and stays down). */
  alerted?: BoxRefusal | false;
}


/** The box refused for `reason`, said so on its display with the red LED blinking, opened nothing, registered nothing. */
export async function expectRefused(t: Test, day: DayRig, snap: BoxSnapshot, e: RefusalExpectation, before: Counts): Promise<void> {
  t.equal(snap.state, 'refused', `refused (${e.reason})`);
  t.equal(snap.reason, e.reason, 'the reason');
  t.equal(snap.display.title, REFUSALS[e.reason].title, 'the reason in large text on the box');
  t.equal(snap.display.light, 'red-blink', 'red LED blinks');
  t.equal(day.box.simulated!.ballotBox.controller.openCommands, before.opens, 'the flap never opened');
  t.equal(day.registered(), before.registered, 'nothing registered');
  const alert = e.alerted === undefined ? e.reason : e.alerted;
  if (alert !== false) {
    const message = `Stembus weigerde een stembiljet: ${BOX_REFUSAL_MESSAGES[alert as BoxRefusal]}`;
    const seen = (list: string[]): number => list.filter((m) => m === message).length;
    await waitFor(() => seen(day.alerts()) > seen(before.alerts));
    t.ok(seen(day.alerts()) > seen(before.alerts), `the president is alerted: ${alert}`);
  }
}

export interface Counts {
  registered: number;
  opens: number;
  alerts: string[];
}

export const counts = (day: DayRig): Counts => ({ registered: day.registered(), opens: day.box.simulated!.ballotBox.controller.openCommands, alerts: day.alerts() });
