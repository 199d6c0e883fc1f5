// The election package on disk: election.json (the signed bytes) and election.sig (the
// organiser's Ed25519 signature in base64). Shared by every app that loads a package.
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { err } from '@ovs/basics';
import { fromBase64, toBase64 } from '@ovs/crypto';
import { verifyPackage, MAX_PACKAGE_BYTES, type VerifiedPackage } from './package.ts';
import { packageError, type PackageResult } from './errors.ts';

export const PACKAGE_FILE = 'election.json';
export const SIGNATURE_FILE = 'election.sig';

export async function writePackageFiles(dir: string, bytes: Uint8Array, signature: Uint8Array): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, PACKAGE_FILE), bytes);
  await writeFile(join(dir, SIGNATURE_FILE), toBase64(signature) + '\n');
}

async function readLimited(path: string): Promise<Uint8Array | string> {
  try {
    const bytes = await readFile(path);
    if (bytes.length > MAX_PACKAGE_BYTES) return `${path} is te groot`;
    return new Uint8Array(bytes);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? `${path} ontbreekt` : `${path} kan niet gelezen worden (${code ?? 'fout'})`;
  }
}

/** Reads and verifies the package in `dir` against the pinned organiser key. Never throws. */
export async function readPackageDir(dir: string, organiserPublicKey: Uint8Array): Promise<PackageResult<VerifiedPackage>> {
  const bytes = await readLimited(join(dir, PACKAGE_FILE));
  if (typeof bytes === 'string') return err(packageError('unreadable', PACKAGE_FILE, `Het verkiezingspakket kan niet gelezen worden: ${bytes}.`));
  const sigFile = await readLimited(join(dir, SIGNATURE_FILE));
  if (typeof sigFile === 'string') return err(packageError('unreadable', SIGNATURE_FILE, `De handtekening van het verkiezingspakket kan niet gelezen worden: ${sigFile}.`));
  const signature = fromBase64(new TextDecoder().decode(sigFile).trim());
  if (!signature) return err(packageError('bad-signature', SIGNATURE_FILE, 'De handtekening van het verkiezingspakket is beschadigd.'));
  return verifyPackage(bytes, signature, organiserPublicKey);
}

/** Reads a base64 key file (one line). */
export async function readKeyFile(path: string, bytes = 32): Promise<Uint8Array | undefined> {
  try {
    const key = fromBase64((await readFile(path, 'utf8')).trim());
    return key && key.length === bytes ? key : undefined;
  } catch {
    return undefined;
  }
}
