// The device key: an Ed25519 key made on the device at installation (`koffer toestelsleutel`),
// its private part only in /etc/ovs/device.key on that device, its public part registered with
// the device's case. The apps' self-test commands sign their report with it (--signed).
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { fromBase64, generateSigningKeyPair, Signer, toBase64 } from '@ovs/crypto';
import { signTestReport } from './test-report.ts';

export async function readDeviceKey(path: string): Promise<Signer | string> {
  try {
    const key = fromBase64((await fs.readFile(path, 'utf8')).trim());
    if (key && key.length === 32) return new Signer(key);
  } catch {
    // told below
  }
  return `${path} is geen toestelsleutel (32 bytes in base64; maak er een met "koffer toestelsleutel").`;
}

/** Writes device.key (0600, never overwritten) and device.pub into dir; the public key, or why not. */
export async function writeDeviceKey(dir: string): Promise<{ ok: true; publicKey: string } | { ok: false; message: string }> {
  const keys = generateSigningKeyPair();
  await fs.mkdir(dir, { recursive: true });
  try {
    await fs.writeFile(join(dir, 'device.key'), toBase64(keys.privateKey) + '\n', { mode: 0o600, flag: 'wx' });
  } catch {
    return { ok: false, message: `${join(dir, 'device.key')} bestaat al: een toestelsleutel wordt nooit overschreven.` };
  }
  const publicKey = toBase64(keys.publicKey);
  await fs.writeFile(join(dir, 'device.pub'), publicKey + '\n');
  return { ok: true, publicKey };
}

/** For the apps' self-test commands: `--signed FILE --device-key FILE --serial S`. Undefined when done, else what is wrong. */
export async function writeSignedReport(report: object, o: { signed: string; deviceKey: string | undefined; serial: string | undefined }): Promise<string | undefined> {
  if (!o.deviceKey || !o.serial?.trim()) return '--signed vraagt ook --device-key (de toestelsleutel, /etc/ovs/device.key) en --serial (het serienummer van dit toestel).';
  const signer = await readDeviceKey(o.deviceKey);
  if (typeof signer === 'string') return signer;
  await fs.writeFile(o.signed, JSON.stringify(signTestReport(report, o.serial.trim(), signer), null, 2) + '\n');
  return undefined;
}
