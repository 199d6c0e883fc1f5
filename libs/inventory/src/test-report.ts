// A device's test report, signed by the device (its Ed25519 key, registered with its case)
// and collected into the inventory: a report cannot be typed in by hand or moved to another
// device, and a changed report is refused.
import { err, ok, type Result } from '@ovs/basics';
import { fromBase64, sha256, toBase64, utf8, Verifier, withDomain, type Signer } from '@ovs/crypto';
import { DEVICE_NAMES, deviceDetail, deviceTitle } from '@ovs/devices/self-test-text';
import { ITEM_NAMES, MAIN_DEVICE, type CollectedReport, type Inventory } from './koffer.ts';

export const SIGNED_REPORT_FORMAT = 'ovs-signed-test-report/1';

export interface SignedTestReport {
  format: typeof SIGNED_REPORT_FORMAT;
  /** The serial number of the device that ran the test. */
  serial: string;
  /** The report as JSON text: these exact characters are signed. */
  report: string;
  signature: string;
}

/** The shape every app's test report shares (ConsoleTestReport, StemcomputerTestReport, BoxTestReport). */
interface ReportBody {
  phase: 'fase-1' | 'fase-2';
  passed: boolean;
  implementation: 'simulated' | 'real';
  at?: string;
  checks: Array<{ id?: string; title: string; outcome: string; detail: string }>;
  devices?: Array<{ device: string; passed: boolean; checks: Array<{ id?: string; title: string; outcome: string; detail: string }> }>;
}

const message = (serial: string, report: string): Uint8Array => withDomain('device-test-report', sha256(utf8(`${serial}\0${report}`)));

export function signTestReport(report: object, serial: string, device: Signer): SignedTestReport {
  const text = JSON.stringify(report);
  return { format: SIGNED_REPORT_FORMAT, serial, report: text, signature: toBase64(device.sign(message(serial, text))) };
}

export type CollectError = { code: 'unreadable' | 'unknown-device' | 'no-device-key' | 'bad-signature' | 'not-a-report'; message: string };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCheck = (c: unknown): c is { id?: string; title: string; outcome: string; detail: string } =>
  isObject(c) && (c.id === undefined || typeof c.id === 'string') && typeof c.title === 'string' && typeof c.outcome === 'string' && typeof c.detail === 'string';

function parseBody(text: string): ReportBody | undefined {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isObject(v) || (v.phase !== 'fase-1' && v.phase !== 'fase-2') || typeof v.passed !== 'boolean' || (v.implementation !== 'simulated' && v.implementation !== 'real')) return undefined;
  if (!Array.isArray(v.checks) || !v.checks.every(isCheck)) return undefined;
  if (v.at !== undefined && typeof v.at !== 'string') return undefined;
  if (v.devices !== undefined && !(Array.isArray(v.devices) && v.devices.every((d) => isObject(d) && typeof d.device === 'string' && typeof d.passed === 'boolean' && Array.isArray(d.checks) && d.checks.every(isCheck)))) return undefined;
  return v as unknown as ReportBody;
}

/** Signature first, against the key registered with the device's case; then the report. */
export function collectTestReport(inv: Inventory, bytes: Uint8Array): Result<{ inventory: Inventory; koffer: string }, CollectError> {
  let signed: unknown;
  try {
    signed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return err({ code: 'unreadable', message: 'Het testrapport is geen geldig ondertekend testrapport (geen JSON).' });
  }
  if (!isObject(signed) || signed.format !== SIGNED_REPORT_FORMAT || typeof signed.serial !== 'string' || typeof signed.report !== 'string' || typeof signed.signature !== 'string') {
    return err({ code: 'unreadable', message: `Het bestand is geen ondertekend testrapport (${SIGNED_REPORT_FORMAT}).` });
  }
  const { serial, report } = signed;
  const koffer = inv.koffers.find((k) => k.items.some((i) => i.kind === MAIN_DEVICE[k.kind] && i.serial === serial));
  if (!koffer) return err({ code: 'unknown-device', message: `Toestel ${serial} staat in geen enkele koffer van ${inv.municipality.name}: registreer eerst de koffer.` });
  const item = koffer.items.find((i) => i.kind === MAIN_DEVICE[koffer.kind])!;
  const key = item.devicePublicKey ? fromBase64(item.devicePublicKey) : undefined;
  const verifier = key ? Verifier.from(key) : undefined;
  if (!verifier) return err({ code: 'no-device-key', message: `Voor ${ITEM_NAMES[item.kind].toLowerCase()} ${serial} (koffer ${koffer.id}) is geen sleutel geregistreerd: het testrapport kan niet nagekeken worden.` });
  const signature = fromBase64(signed.signature);
  if (!signature || !verifier.verify(message(serial, report), signature)) {
    return err({ code: 'bad-signature', message: `De handtekening van het testrapport van ${serial} klopt niet: het rapport is gewijzigd of niet door dit toestel gemaakt.` });
  }
  const body = parseBody(report);
  if (!body) return err({ code: 'not-a-report', message: `Het ondertekende rapport van ${serial} is geen testrapport.` });
  const failures = [
    ...body.checks.filter((c) => c.outcome === 'fail').map((c) => `${c.title}: ${c.detail}`),
    // The devices' own checks in Dutch, as the apps print them (libs/devices self-test-text).
    ...(body.devices ?? []).flatMap((d) =>
      d.passed ? [] : d.checks.filter((c) => c.outcome === 'fail').map((c) => `${DEVICE_NAMES[d.device as keyof typeof DEVICE_NAMES] ?? d.device} — ${deviceTitle({ id: c.id ?? '', title: c.title, outcome: 'fail', detail: c.detail })}: ${deviceDetail(c.detail)}`),
    ),
  ];
  const collected: CollectedReport = { phase: body.phase, at: body.at ?? '', passed: body.passed, implementation: body.implementation, failures };
  return ok({ inventory: { ...inv, koffers: inv.koffers.map((k) => (k === koffer ? { ...k, reports: [...k.reports, collected] } : k)) }, koffer: koffer.id });
}
