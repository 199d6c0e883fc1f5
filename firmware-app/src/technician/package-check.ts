// "The election package verifies": read again from disk and checked against the organiser's key,
// and the same package as the one the machine runs with (a change since start-up shows here).
import { bytesEqual } from '@ovs/crypto';
import { readPackageDir, type VerifiedPackage } from '@ovs/election';
import type { SelfTestCheck } from '@ovs/devices';
import { check } from './report.ts';

export async function packageCheck(dir: string, organiserPublicKey: Uint8Array, running: VerifiedPackage): Promise<SelfTestCheck> {
  const title = 'Verkiezingspakket';
  const r = await readPackageDir(dir, organiserPublicKey);
  if (!r.ok) return check('package', title, 'fail', `${dir}: ${r.error.message}`);
  if (!bytesEqual(r.value.hash, running.hash)) return check('package', title, 'fail', `het pakket op schijf (${r.value.shortHash}) is niet het pakket waarmee de stemcomputer draait (${running.shortHash}): herstart de stemcomputer`);
  return check('package', title, 'pass', `pakket ${r.value.shortHash} opnieuw gelezen en nagekeken: ondertekend door de organisator`);
}
