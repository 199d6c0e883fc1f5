// A package directory, as the organiser hands it out and as it lies on every stick:
// election.json (the exact signed bytes) and election.sig (the organiser's Ed25519
// signature, base64, one newline).
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { err, ok, type Result } from '@ovs/basics';
import { FILES } from './files.ts';
import { decodeSignatureFile, encodeSignatureFile } from './signature-file.ts';

export interface PackageDir {
  bytes: Uint8Array;
  signature: Uint8Array;
}

export interface PackageDirError {
  code: 'missing-package' | 'missing-signature' | 'bad-signature-file';
  message: string;
}

export type ReadPackageDirResult = Result<PackageDir, PackageDirError>;

export async function readPackageDir(dir: string): Promise<ReadPackageDirResult> {
  let bytes: Uint8Array;
  let sig: Uint8Array;
  try {
    bytes = new Uint8Array(await fs.readFile(join(dir, FILES.packageJson)));
  } catch {
    return err({ code: 'missing-package', message: `${join(dir, FILES.packageJson)} ontbreekt of is onleesbaar.` });
  }
  try {
    sig = new Uint8Array(await fs.readFile(join(dir, FILES.packageSig)));
  } catch {
    return err({ code: 'missing-signature', message: `${join(dir, FILES.packageSig)} ontbreekt of is onleesbaar.` });
  }
  const signature = decodeSignatureFile(sig);
  if (!signature) return err({ code: 'bad-signature-file', message: `${join(dir, FILES.packageSig)} bevat geen handtekening (64 bytes in base64 en een regeleinde).` });
  return ok({ bytes, signature });
}

export async function writePackageDir(dir: string, bytes: Uint8Array, signature: Uint8Array): Promise<void> {
  await fs.mkdir(dir, { recursive: true });
  await fs.writeFile(join(dir, FILES.packageJson), bytes);
  await fs.writeFile(join(dir, FILES.packageSig), encodeSignatureFile(signature));
}
