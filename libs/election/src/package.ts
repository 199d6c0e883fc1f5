// Parsing, signing and verifying the election package. The organiser signs the exact bytes
// of election.json, so no canonical JSON is needed: what was signed is what is read.
import { err, ok } from '@ovs/basics';
import type { Signer} from '@ovs/crypto';
import { sha256, shortHash, Verifier, withDomain } from '@ovs/crypto';
import { ElectionPackageSchema, type ElectionPackage } from './schema.ts';
import { checkRules } from './rules.ts';
import { formatPath, packageError, type PackageResult } from './errors.ts';

export const MAX_PACKAGE_BYTES = 8 * 1024 * 1024;

export interface VerifiedPackage {
  election: ElectionPackage;
  /** The exact bytes of election.json. */
  bytes: Uint8Array;
  /** SHA-256 of those bytes: ballots, cards and sticks carry a prefix of it. */
  hash: Uint8Array;
  /** Human-readable form of the hash for screens and reports ("7KQ2-M9XF-3BZP-W4HD"). */
  shortHash: string;
}

const signedMessage = (bytes: Uint8Array): Uint8Array => withDomain('election-package', sha256(bytes));

export function serialisePackage(election: ElectionPackage): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(election, null, 2) + '\n');
}

export function signPackage(election: ElectionPackage, organiser: Signer): { bytes: Uint8Array; signature: Uint8Array } {
  const bytes = serialisePackage(election);
  return { bytes, signature: organiser.sign(signedMessage(bytes)) };
}

/** Schema and rules, without the signature: for tools that build packages. */
export function parsePackage(bytes: Uint8Array): PackageResult<ElectionPackage> {
  if (bytes.length > MAX_PACKAGE_BYTES) {
    return err(packageError('unreadable', '(root)', `Het verkiezingspakket is groter dan ${MAX_PACKAGE_BYTES} bytes.`));
  }
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (e) {
    return err(packageError('not-json', '(root)', `Het verkiezingspakket is geen geldige JSON: ${(e as Error).message}`));
  }
  const parsed = ElectionPackageSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = formatPath(issue?.path ?? []);
    if (issue && issue.path.at(-1) === 'method' && issue.code === 'invalid_value') {
      return err(packageError('unknown-method', path, `Onbekende zetelverdeling op ${path}: alleen "imperiali" en "dhondt" bestaan.`));
    }
    return err(packageError('schema', path, `Ongeldig veld ${path}: ${issue?.message ?? 'onbekende fout'}.`));
  }
  const violation = checkRules(parsed.data);
  if (violation) return err(violation);
  return ok(parsed.data);
}

/** Signature first (never parse what the organiser did not sign), then schema and rules. */
export function verifyPackage(bytes: Uint8Array, signature: Uint8Array, organiserPublicKey: Uint8Array): PackageResult<VerifiedPackage> {
  const verifier = Verifier.from(organiserPublicKey);
  if (!verifier) return err(packageError('bad-signature', '(signature)', 'De ingestelde sleutel van de organisator is ongeldig.'));
  if (!verifier.verify(signedMessage(bytes), signature)) {
    return err(packageError('bad-signature', '(signature)', 'De handtekening van het verkiezingspakket klopt niet: het pakket is gewijzigd of niet door de organisator ondertekend.'));
  }
  const parsed = parsePackage(bytes);
  if (!parsed.ok) return parsed;
  const hash = sha256(bytes);
  return ok({ election: parsed.value, bytes, hash, shortHash: shortHash(hash) });
}
