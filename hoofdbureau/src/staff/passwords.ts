// Staff passwords: kept only as a scrypt key (memory-hard; @ovs/crypto's KDF), with the salt and
// the parameters in the row so that they can be raised later without breaking old accounts.
// Temporary passwords are 100 random bits in the envelope's readable form.
import { timingSafeEqual } from 'node:crypto';
import { deriveKeyFromPassword, generateEnvelopePassword, randomBytes, validScryptParams, type ScryptParams } from '@ovs/crypto';

/**
 * N = 2^15, r = 8: 32 MiB per attempt. Several workstations log in at once on election night, so
 * one login may not cost the server half a second (the envelope's 2^17); the rate limit does the
 * rest against guessing. bench/staff.bench.ts: ≈ 110 ms of CPU per login here (220 ms wall on the shared machine).
 */
export const STAFF_SCRYPT: ScryptParams = { N: 2 ** 15, r: 8, p: 1 };

export const MIN_PASSWORD_LENGTH = 12;

export interface PasswordRecord {
  key: Uint8Array;
  salt: Uint8Array;
  params: ScryptParams;
}

export async function hashPassword(password: string, params: ScryptParams = STAFF_SCRYPT): Promise<PasswordRecord> {
  const salt = randomBytes(16);
  return { key: await deriveKeyFromPassword(password, salt, params), salt, params };
}

export async function passwordMatches(password: string, record: PasswordRecord): Promise<boolean> {
  const key = await deriveKeyFromPassword(password, record.salt, record.params);
  return key.length === record.key.length && timingSafeEqual(key, record.key);
}

/** A login for an unknown name costs the same scrypt, so the answer's time does not tell which names exist. */
export async function wastePasswordCheck(password: string, params: ScryptParams = STAFF_SCRYPT): Promise<void> {
  await deriveKeyFromPassword(password, new Uint8Array(16), params);
}

export const temporaryPassword = (): string => generateEnvelopePassword();

export function parseParams(json: string): ScryptParams | undefined {
  try {
    const p = JSON.parse(json) as ScryptParams;
    return validScryptParams(p) ? { N: p.N, r: p.r, p: p.p } : undefined;
  } catch {
    return undefined;
  }
}

/** What is wrong with a new password, in words, or undefined when it will do. */
export function newPasswordProblem(password: string, o: { username: string; previous?: string }): string | undefined {
  if (password.normalize('NFKC').length < MIN_PASSWORD_LENGTH) return `Het nieuwe wachtwoord is te kort: kies er een van minstens ${MIN_PASSWORD_LENGTH} tekens (een zin van enkele woorden is goed).`;
  if (password.length > 200) return 'Het nieuwe wachtwoord is te lang: hoogstens 200 tekens.';
  if (password.toLowerCase().includes(o.username.toLowerCase())) return 'Het nieuwe wachtwoord mag uw gebruikersnaam niet bevatten.';
  if (o.previous !== undefined && password === o.previous) return 'Het nieuwe wachtwoord moet verschillen van het tijdelijke of vorige wachtwoord.';
  if (new Set(password).size < 5) return 'Het nieuwe wachtwoord is te eenvoudig: gebruik meer verschillende tekens.';
  return undefined;
}
