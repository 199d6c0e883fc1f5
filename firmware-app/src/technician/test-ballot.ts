// The test ballot of the test mode: printed as a voter's ballot is printed (same layout, same
// encoder, same QR size), marked as a test ballot and signed by a key made for this test alone
// and then forgotten — no ballot box can ever count it (test flag, and no session certificate
// vouches for that key). Its barcode is then read back from the paper: by the hand scanner on
// the machine that has it, from the simulated printer's picture in simulation; a machine
// without either asks the technician to have it read on the machine with the hand scanner.
import { generateSigningKeyPair, randomBytes, Signer, bytesEqual } from '@ovs/crypto';
import type { BallotContext, ElectionVote } from '@ovs/ballot';
import type { QrDecoder } from '@ovs/barcode';
import type { Language } from '@ovs/election';
import type { DecodedScan, SelfTestCheck, ThermalPrinter } from '@ovs/devices';
import { ballotJob } from '../backend/ballot-job.ts';
import { check } from './report.ts';

/** A list vote (top box) for the first list of every election of the station: a barcode of ordinary size. */
export function testVote(context: BallotContext, station: number): ElectionVote[] {
  return (context.stations.get(station) ?? []).map((layout) => ({ election: layout.id, choice: { kind: 'list', list: layout.listNumbers[0] as number, topBox: true, candidates: [] } }));
}

export type PrintedTestBallot = { ok: true; barcode: Uint8Array; check: SelfTestCheck } | { ok: false; check: SelfTestCheck };

export async function printTestBallot(printer: ThermalPrinter, context: BallotContext, station: number, language: Language): Promise<PrintedTestBallot> {
  const title = 'Testbiljet afgedrukt';
  const throwaway = new Signer(generateSigningKeyPair().privateKey);
  const job = ballotJob(context, { test: true, vote: { elections: testVote(context, station) }, language }, station, throwaway, randomBytes(16));
  if (!job.ok) return { ok: false, check: check('test-ballot-print', title, 'fail', `kon niet opgemaakt worden (${job.error})`) };
  const r = await printer.print(job.job);
  if (!r.ok) return { ok: false, check: check('test-ballot-print', title, 'fail', `${r.error.code} (${r.error.stage === 'before' ? 'niets afgedrukt' : 'deels afgedrukt'})`) };
  return { ok: true, barcode: job.barcode, check: check('test-ballot-print', title, 'pass', `testbiljet met QR-code van ${job.barcode.length} bytes, "TESTSTEMBILJET - NIET IN DE STEMBUS"`) };
}

const TITLE = 'Barcode van het testbiljet teruggelezen';

/** What was read, compared with what was printed — as sizes and a verdict, never the bytes. */
export function compareReadBack(printed: Uint8Array, read: Uint8Array, how: string): SelfTestCheck {
  return bytesEqual(printed, read)
    ? check('test-ballot-read', TITLE, 'pass', `${how}: ${read.length} bytes, gelijk aan wat gedrukt werd`)
    : check('test-ballot-read', TITLE, 'fail', `${how}: ${read.length} bytes, NIET gelijk aan het gedrukte testbiljet (een ander biljet gescand, of de printer drukt de code fout)`);
}

/** The simulated printer's ticket, as a camera would see it: decoded with the ballot box's decoder. */
export function readBackFromPicture(printed: Uint8Array, png: Uint8Array | undefined, decoder: QrDecoder): SelfTestCheck {
  if (!png) return check('test-ballot-read', TITLE, 'fail', 'geen afdruk gevonden');
  const r = decoder.decode(png);
  return r.ok ? compareReadBack(printed, r.value, 'gelezen uit de afdruk (simulatie)') : check('test-ballot-read', TITLE, 'fail', `de afdruk is onleesbaar (${r.error})`);
}

/** The first QR code the hand scanner delivers within `ms` (the technician holds the test ballot under it). */
export function readBackWithHandScanner(printed: Uint8Array, scanner: { onScan(l: (scan: DecodedScan) => void): () => void }, wait: (ms: number) => Promise<void>, ms: number): Promise<SelfTestCheck> {
  return new Promise((resolve) => {
    let done = false;
    const off = scanner.onScan((scan) => {
      if (done) return;
      done = true;
      off();
      resolve(compareReadBack(printed, scan.bytes, 'gelezen met de handscanner'));
    });
    void wait(ms).then(() => {
      if (done) return;
      done = true;
      off();
      resolve(check('test-ballot-read', TITLE, 'fail', `binnen ${Math.round(ms / 1000)} s niets gelezen: houd het testbiljet onder de handscanner`));
    });
  });
}

export const noReaderCheck: SelfTestCheck = check(
  'test-ballot-read',
  TITLE,
  'operator',
  'deze stemcomputer heeft geen handscanner: laat het testbiljet lezen op de stemcomputer met de handscanner en kijk of de QR-code scherp en volledig is',
);
