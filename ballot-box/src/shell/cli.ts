// `npx ballot-box run|self-test|rescan`: the box on its own hardware (or simulated), its test
// mode for the technician, and the hoofdbureau's re-scan of a station's paper ballots.
import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { fromBase64, toBase64 } from '@ovs/crypto';
import { readKeyFile, readPackageDir, type VerifiedPackage } from '@ovs/election';
import { createBallotBox, createScanner, type ScannerConfig } from '@ovs/devices';
import { rescanBallots } from '../rescan.ts';
import { formatTestReport } from './self-test.ts';
import { startBallotBox, type BoxDevices } from './start.ts';
import { writeSignedReport } from '@ovs/inventory/device';

const USAGE = `gebruik:
  ballot-box run       --package DIR --organiser-key FILE --station N --console URL [apparaten] [--port 8080] [--flap-open-ms 8000] [--log FILE]
  ballot-box self-test --phase fase-1|fase-2 --package DIR --organiser-key FILE --station N [--console URL] [apparaten]
                       [--signed RAPPORT.json --device-key /etc/ovs/device.key --serial S]   het rapport ondertekend door de stembus
  ballot-box rescan    --package DIR --organiser-key FILE --station N --certificate FILE [--out FILE] BEELD.png...

apparaten (zonder: gesimuleerd):
  --controller /dev/ttyACM0 [--baud 115200]              klepsturing (HARDWARE.md)
  --camera /dev/video0 [--width 1280 --height 960]       camera onder de glasplaat
  --imager /dev/ttyACM1 [--baud 115200]                  of een decoderende imager`;

function fail(message: string, code = 2): never {
  console.error(message);
  process.exit(code);
}

const common = {
  package: { type: 'string' },
  signed: { type: 'string' },
  'device-key': { type: 'string' },
  serial: { type: 'string' },
  'organiser-key': { type: 'string' },
  station: { type: 'string' },
  console: { type: 'string' },
  controller: { type: 'string' },
  camera: { type: 'string' },
  imager: { type: 'string' },
  width: { type: 'string', default: '1280' },
  height: { type: 'string', default: '960' },
  baud: { type: 'string', default: '115200' },
  port: { type: 'string' },
  host: { type: 'string' },
  'flap-open-ms': { type: 'string' },
  log: { type: 'string' },
  phase: { type: 'string' },
  certificate: { type: 'string' },
  out: { type: 'string' },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof common; allowPositionals: true }>>['values'];

const int = (v: string | undefined, name: string): number => {
  const n = Number(v);
  if (!Number.isInteger(n)) fail(`--${name}: een geheel getal verwacht (kreeg "${v ?? ''}")`);
  return n;
};

async function loadPackage(v: Values): Promise<{ pkg: VerifiedPackage; station: number }> {
  if (!v.package || !v['organiser-key'] || !v.station) fail(`--package, --organiser-key en --station zijn nodig\n${USAGE}`);
  const key = await readKeyFile(v['organiser-key']);
  if (!key) fail(`${v['organiser-key']}: geen geldige sleutel van de organisator`);
  const pkg = await readPackageDir(v.package, key);
  if (!pkg.ok) fail(pkg.error.message);
  return { pkg: pkg.value, station: int(v.station, 'station') };
}

function devices(v: Values): BoxDevices | 'simulated' {
  if (!v.controller && !v.camera && !v.imager) return 'simulated';
  if (!v.controller || (!v.camera && !v.imager)) fail('geef --controller en --camera of --imager (of geen van drie: gesimuleerd)');
  const baudRate = int(v.baud, 'baud');
  const scanner: ScannerConfig = v.camera
    ? { kind: 'camera', device: v.camera, width: int(v.width, 'width'), height: int(v.height, 'height') }
    : { kind: 'serial', path: v.imager as string, baudRate };
  return { ballotBox: createBallotBox({ kind: 'serial', path: v.controller, baudRate }), scanner: createScanner(scanner) };
}

/** A box that may not start (another release, a station not in the package) says why in one line, without a stack. */
async function start(options: Parameters<typeof startBallotBox>[0]): Promise<Awaited<ReturnType<typeof startBallotBox>>> {
  try {
    return await startBallotBox(options);
  } catch (e) {
    return fail((e as Error).message);
  }
}

async function run(v: Values): Promise<void> {
  const { pkg, station } = await loadPackage(v);
  if (!v.console) fail(`--console URL ontbreekt (bv. http://10.77.0.1:8471)\n${USAGE}`);
  const box = await start({
    package: pkg,
    station,
    console: { url: v.console },
    devices: devices(v),
    port: v.port === undefined ? 8080 : int(v.port, 'port'),
    ...(v.host ? { host: v.host } : {}),
    ...(v['flap-open-ms'] ? { flapOpenMs: int(v['flap-open-ms'], 'flap-open-ms') } : {}),
    ...(v.log ? { logFile: v.log } : {}),
  });
  console.log(`Stembus voor stembureau ${station}: scherm op ${box.url ?? '(geen)'}`);
  console.log('Leg de koppelcode van het openingsticket op de scanner.');
  const stop = (): void => {
    void box.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

async function selfTest(v: Values): Promise<void> {
  const { pkg, station } = await loadPackage(v);
  if (v.phase !== 'fase-1' && v.phase !== 'fase-2') fail(`--phase fase-1 of fase-2\n${USAGE}`);
  const box = await start({ package: pkg, station, console: { url: v.console ?? 'http://127.0.0.1:9' }, devices: devices(v) });
  console.log('Leg binnen 15 seconden na de klepproef een testbiljet op de glasplaat.');
  const outcome = await box.selfTest(v.phase);
  await box.stop();
  if (!outcome.ok) {
    const why = { 'voting-open': 'Testmodus kan niet terwijl de stemming open is.', 'console-unknown': 'De stembus weet niet of de stemming open is (geen antwoord van de voorzitterscomputer).', busy: 'De stembus is bezig.' };
    fail(why[outcome.error], 1);
  }
  process.stdout.write(formatTestReport(outcome.report));
  // Seed 001 §XIV.1: the report signed by this device's key, for the case inventory (npx koffer verzamel).
  if (v.signed) {
    const problem = await writeSignedReport(outcome.report, { signed: v.signed, deviceKey: v['device-key'], serial: v.serial });
    if (problem) fail(problem);
  }
  process.exit(outcome.report.passed ? 0 : 1);
}

async function rescan(v: Values, files: string[]): Promise<void> {
  const { pkg, station } = await loadPackage(v);
  if (!v.certificate) fail('--certificate FILE ontbreekt: session.json van een stick, of het sessiecertificaat in base64');
  const text = (await readFile(v.certificate, 'utf8')).trim();
  let b64 = text;
  try {
    b64 = (JSON.parse(text) as { sessionCertificate?: string }).sessionCertificate ?? text;
  } catch {
    // not JSON: the certificate itself
  }
  const certificate = fromBase64(b64);
  if (!certificate) fail(`${v.certificate}: geen sessiecertificaat`);
  const images = await Promise.all(files.map(async (f) => new Uint8Array(await readFile(f))));
  const r = await rescanBallots({ package: pkg, station, sessionCertificates: [certificate] }, images);
  if (!r.ok) fail(`kan niet herscannen: ${r.error}`, 1);
  const summary = { station, scanned: r.scanned, ballots: r.ballots.length, duplicates: r.duplicates, refused: r.refused };
  if (v.out) await writeFile(v.out, JSON.stringify({ ...summary, signedBallots: r.ballots.map((b) => toBase64(b.signed)) }, null, 2) + '\n');
  console.log(JSON.stringify(summary));
}

const [command, ...rest] = process.argv.slice(2);
let parsed: { values: Values; positionals: string[] };
try {
  parsed = parseArgs({ args: rest, options: common, allowPositionals: true, strict: true });
} catch (e) {
  fail(`${(e as Error).message}\n${USAGE}`);
}
switch (command) {
  case 'run':
    await run(parsed.values);
    break;
  case 'self-test':
    await selfTest(parsed.values);
    break;
  case 'rescan':
    await rescan(parsed.values, parsed.positionals);
    break;
  case undefined:
  default:
    fail(USAGE);
}
