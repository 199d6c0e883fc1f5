// Test mode (seed 001 §XIV.1): fase 1 at the depot months before the election, fase 2 after
// installation in the polling station. The box runs its devices' own self-tests (flap cycle,
// sensors, LEDs, scanner), checks that its decoder reads a QR code it renders itself, waits for
// the technician's test ballot on the glass, and in fase 2 checks the link with this station's
// console. Only outside voting: the flap cycle opens the flap without a registration, so the
// box refuses test mode while the console says voting is open or interrupted.
//
// A report carries sizes and verdicts only: never the content of a scanned code.
import { bitmapToGray, encodeQr, renderQr, type QrDecoder } from '@ovs/barcode';
import type { BallotContext } from '@ovs/ballot';
import { bytesEqual, utf8 } from '@ovs/crypto';
import type { BallotBox, Scanner, ScanInput, SelfTestCheck, SelfTestPhase, SelfTestReport, Timers } from '@ovs/devices';
import type { LinkClient } from '@ovs/link';
import { checkBallot } from '../machine/check-ballot.ts';
import { readStatus, type StationKeys } from '../machine/console-session.ts';
import { linkErrorText } from '../machine/display.ts';
import { REFUSALS } from '../machine/refusals.ts';
import { sightingOf } from './scan-gate.ts';

export interface BoxTestReport {
  device: 'stembus';
  phase: SelfTestPhase;
  /** 'simulated' when any device answered from a simulator: such a report never passes for hardware. */
  implementation: 'simulated' | 'real';
  station: { number: number; name: string };
  packageShortHash: string;
  /** The software hash and whether it is the package's release. */
  software: string;
  /** The box's own checks (decoder, test ballot, link). */
  checks: readonly SelfTestCheck[];
  /** The devices' reports, unchanged. */
  devices: readonly SelfTestReport[];
  passed: boolean;
}

export type SelfTestOutcome = { ok: true; report: BoxTestReport } | { ok: false; error: 'voting-open' | 'console-unknown' | 'busy' };

export interface SelfTestDeps {
  phase: SelfTestPhase;
  ballotBox: BallotBox;
  scanner: Scanner;
  decoder: QrDecoder;
  timers: Timers;
  context: BallotContext;
  keys: StationKeys;
  stationName: string;
  packageShortHash: string;
  software: string;
  /** The console link, once paired (fase 2). */
  link: LinkClient | null;
  /** Routes every scan to the test while it runs (and back to the box after). */
  tapScans(tap: ((scan: ScanInput) => void) | null): void;
  /** How long the technician has to lay the test ballot on the glass. */
  scanWaitMs?: number;
}

const check = (id: string, title: string, outcome: SelfTestCheck['outcome'], detail: string): SelfTestCheck => ({ id, title, outcome, detail });

/** A fixed code the box renders and reads back: proves the decoder, not the camera. */
const PROBE = utf8('OVS-STEMBUS-ZELFTEST-0001');

function decoderCheck(decoder: QrDecoder): SelfTestCheck {
  const title = 'Decoder leest een QR-code';
  const encoded = encodeQr(PROBE);
  if (!encoded.ok) return check('decoder', title, 'fail', encoded.error);
  const r = decoder.decode(bitmapToGray(renderQr(encoded.value.matrix)));
  if (r.ok && bytesEqual(r.value, PROBE)) return check('decoder', title, 'pass', 'zxing-wasm leest de proefcode');
  return check('decoder', title, 'fail', r.ok ? 'verkeerde inhoud gelezen' : r.error);
}

/** Waits for the first scan that holds a code, and says what it is without saying what is in it. */
function testBallotCheck(deps: SelfTestDeps, ms: number): Promise<SelfTestCheck> {
  const title = 'Leest een testbiljet op de glasplaat';
  return new Promise((resolve) => {
    const done = (c: SelfTestCheck): void => {
      deps.timers.clearTimeout(timer);
      deps.tapScans(null);
      resolve(c);
    };
    const timer = deps.timers.setTimeout(() => done(check('test-ballot', title, 'fail', `binnen ${Math.round(ms / 1000)} s niets gelezen: leg het testbiljet met de barcode naar onder op de glasplaat`)), ms);
    deps.tapScans((scan) => {
      const s = sightingOf(scan, deps.decoder);
      if (s.kind !== 'code') return;
      const verdict = checkBallot(deps.context, s.bytes, deps.keys.station, []);
      const what = verdict.ok
        ? 'een stembiljet van dit stembureau'
        : verdict.fault === 'bad-signature'
          ? 'een stembiljet van dit stembureau (handtekening niet nagekeken zonder sessiesleutel)'
          : `geen stembiljet van dit stembureau (${REFUSALS[verdict.fault].title.toLowerCase()})`;
      done(check('test-ballot', title, 'pass', `QR-code gelezen, ${s.bytes.length} bytes: ${what}`));
    });
  });
}

async function linkChecks(deps: SelfTestDeps): Promise<SelfTestCheck[]> {
  if (!deps.link) return [check('link', 'Verbinding met de voorzitterscomputer', 'fail', 'niet gekoppeld: leg de koppelcode van het openingsticket op de scanner')];
  const r = await deps.link.status();
  if (!r.ok) return [check('link', 'Verbinding met de voorzitterscomputer', 'fail', linkErrorText(r.error))];
  const out = [check('link', 'Verbinding met de voorzitterscomputer', 'pass', 'versleuteld antwoord, ondertekend met de stembureausleutel')];
  const view = readStatus(r.value, deps.keys);
  out.push(check('session', 'Sessiesleutel van dit stembureau', view.ok ? 'pass' : 'fail', view.ok ? 'certificaat klopt met de stembureausleutel in het pakket' : `het certificaat klopt niet (${view.error === 'other-station' ? 'ander stembureau' : view.error === 'other-package' ? 'andere verkiezing' : 'ongeldig'})`));
  out.push(check('box-empty', 'Stembus leeg getoond', 'operator', 'toon de lege stembus aan de leden van het stembureau en bevestig "stembus leeg" (decreet art. 14)'));
  return out;
}

export async function runSelfTest(deps: SelfTestDeps): Promise<BoxTestReport> {
  const checks: SelfTestCheck[] = [];
  checks.push(check('package', 'Verkiezingspakket geladen', 'pass', `${deps.stationName}, pakket ${deps.packageShortHash}`));
  checks.push(decoderCheck(deps.decoder));
  const controller = await deps.ballotBox.selfTest({ phase: deps.phase });
  // The scanner's own test and the box's reading of the test ballot watch the same scan.
  const [scanner, ballot] = await Promise.all([deps.scanner.selfTest({ phase: deps.phase }), testBallotCheck(deps, deps.scanWaitMs ?? 15_000)]);
  checks.push(ballot);
  if (deps.phase === 'fase-2') checks.push(...(await linkChecks(deps)));
  const devices = [controller, scanner];
  return {
    device: 'stembus',
    phase: deps.phase,
    implementation: devices.some((d) => d.implementation === 'simulated') ? 'simulated' : 'real',
    station: { number: deps.keys.station, name: deps.stationName },
    packageShortHash: deps.packageShortHash,
    software: deps.software,
    checks,
    devices,
    passed: checks.every((c) => c.outcome !== 'fail') && devices.every((d) => d.passed),
  };
}

const DUTCH_TITLES: Record<string, string> = {
  link: 'Antwoordt op de seriële lijn',
  sensors: 'Zelftest van de sturing',
  'deposit-sensor': 'Depotsensor (lichtsluis) ziet zijn zender',
  'flap-closed-switch': 'Eindschakelaar "klep dicht"',
  'flap-open-switch': 'Eindschakelaar "klep open"',
  'cover-switch': 'Dekselschakelaar',
  'red-led': 'Rode led',
  'green-led': 'Groene led',
  cover: 'Deksel dicht',
  flap: 'Klep opent en sluit',
  leds: 'Beide leds zichtbaar',
  deposit: 'Depotsensor telt een blad',
  status: 'Scanner klaar',
  scan: 'Scanner levert een beeld of code',
  frames: 'Camera levert beelden',
  contrast: 'Beeld heeft contrast',
  focus: 'Scherpte en beeldveld',
};

const OUTCOME: Record<SelfTestCheck['outcome'], string> = { pass: 'OK     ', fail: 'FOUT   ', operator: 'NAZIEN ' };

const DEVICE_NAMES: Record<string, string> = { 'ballot-box': 'Klepsturing', scanner: 'Scanner' };

/** The printed test report (Dutch), for the technician's file. */
export function formatTestReport(r: BoxTestReport): string {
  const lines = [
    `TESTRAPPORT STEMBUS — ${r.phase === 'fase-1' ? 'fase 1 (depot)' : 'fase 2 (stemlokaal)'}`,
    `Stembureau ${r.station.number}: ${r.station.name}`,
    `Verkiezingspakket ${r.packageShortHash}`,
    `Software ${r.software}`,
    r.implementation === 'simulated' ? 'SIMULATIE — geldt niet als test van echte apparatuur' : 'Echte apparatuur',
    '',
    'Stembus',
    ...r.checks.map((c) => `  ${OUTCOME[c.outcome]}${c.title}: ${c.detail}`),
  ];
  for (const d of r.devices) {
    const id = d.identity ? ` (${d.identity.model}, firmware ${d.identity.firmware}, serienummer ${d.identity.serial})` : '';
    lines.push('', `${DEVICE_NAMES[d.device] ?? d.device}${id}`);
    for (const c of d.checks) lines.push(`  ${OUTCOME[c.outcome]}${DUTCH_TITLES[c.id] ?? c.title}: ${c.detail}`);
  }
  lines.push('', r.passed ? 'RESULTAAT: geslaagd (controleer de punten NAZIEN en teken)' : 'RESULTAAT: NIET geslaagd');
  return lines.join('\n') + '\n';
}
