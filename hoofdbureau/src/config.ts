// Where the hoofdbureau finds its keys and its election package. Nothing is built in: the
// organiser's public key (to trust packages and sticks), the election package (election.json +
// election.sig, as the organiser hands it out) and the hoofdbureau's X25519 private key (to open
// the ballots) are files the operator points at:
//   --package DIR         election.json, election.sig and, unless --organiser-key says otherwise, organiser.pub
//   --organiser-key FILE  the organiser's Ed25519 public key (base64, one line)
//   --key FILE            the hoofdbureau's private key (base64, one line; e.g. DIR/secret/hoofdbureau.key)
// or the environment variables HOOFDBUREAU_PACKAGE, HOOFDBUREAU_ORGANISER_KEY, HOOFDBUREAU_KEY.
// Once a database holds the package, --package is no longer needed with --db.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { agreementPublicKey, fromBase64 } from '@ovs/crypto';
import { PACKAGE_FILE, SIGNATURE_FILE } from '@ovs/election';
import type { PackageInput } from './db/open-db.ts';

export interface ConfigPaths {
  packageDir?: string;
  organiserKeyFile?: string;
  keyFile?: string;
}

export type Loaded<T> = { ok: true; value: T } | { ok: false; message: string };

export function configFromEnv(paths: ConfigPaths, env: NodeJS.ProcessEnv = process.env): ConfigPaths {
  const pick = (given: string | undefined, name: string): string | undefined => given ?? (env[name] && env[name] !== '' ? env[name] : undefined);
  const packageDir = pick(paths.packageDir, 'HOOFDBUREAU_PACKAGE');
  const organiserKeyFile = pick(paths.organiserKeyFile, 'HOOFDBUREAU_ORGANISER_KEY');
  const keyFile = pick(paths.keyFile, 'HOOFDBUREAU_KEY');
  return { ...(packageDir ? { packageDir } : {}), ...(organiserKeyFile ? { organiserKeyFile } : {}), ...(keyFile ? { keyFile } : {}) };
}

async function readBytes(path: string, what: string): Promise<Loaded<Uint8Array>> {
  try {
    return { ok: true, value: new Uint8Array(await readFile(path)) };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { ok: false, message: `${what} ${path} ${code === 'ENOENT' ? 'bestaat niet' : `kan niet gelezen worden (${code ?? (e as Error).message})`}.` };
  }
}

async function readBase64Key(path: string, what: string): Promise<Loaded<Uint8Array>> {
  const bytes = await readBytes(path, what);
  if (!bytes.ok) return bytes;
  const key = fromBase64(new TextDecoder().decode(bytes.value).trim());
  if (!key || key.length !== 32) return { ok: false, message: `${what} ${path} bevat geen sleutel (32 bytes in base64 op één regel).` };
  return { ok: true, value: key };
}

/** election.json, election.sig and the organiser's key; the signature is checked when the database opens. */
export async function loadPackage(paths: ConfigPaths): Promise<Loaded<PackageInput>> {
  if (!paths.packageDir) return { ok: false, message: 'Geen verkiezingspakket: geef --package MAP (of HOOFDBUREAU_PACKAGE).' };
  const bytes = await readBytes(join(paths.packageDir, PACKAGE_FILE), 'Het verkiezingspakket');
  if (!bytes.ok) return bytes;
  const sigFile = await readBytes(join(paths.packageDir, SIGNATURE_FILE), 'De handtekening van het verkiezingspakket');
  if (!sigFile.ok) return sigFile;
  const signature = fromBase64(new TextDecoder().decode(sigFile.value).trim());
  if (!signature || signature.length !== 64) return { ok: false, message: `${join(paths.packageDir, SIGNATURE_FILE)} bevat geen handtekening.` };
  const organiser = await readBase64Key(paths.organiserKeyFile ?? join(paths.packageDir, 'organiser.pub'), 'De publieke sleutel van de organisator');
  if (!organiser.ok) return organiser;
  return { ok: true, value: { bytes: bytes.value, signature, organiserPublicKey: organiser.value } };
}

export async function loadHoofdbureauKey(paths: ConfigPaths): Promise<Loaded<Uint8Array>> {
  if (!paths.keyFile) return { ok: false, message: 'Geen sleutel van het hoofdbureau: geef --key BESTAND (of HOOFDBUREAU_KEY), bv. secret/hoofdbureau.key.' };
  const key = await readBase64Key(paths.keyFile, 'De sleutel van het hoofdbureau');
  if (!key.ok) return key;
  try {
    agreementPublicKey(key.value);
  } catch {
    return { ok: false, message: `${paths.keyFile} bevat geen bruikbare X25519-sleutel.` };
  }
  return key;
}
