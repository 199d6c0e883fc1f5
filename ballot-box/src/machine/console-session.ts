// What the box believes about the console, from its authenticated status answers. The box does
// not take the console's word for the session key: it checks the session certificate against
// the stembureau key in the organiser-signed package, exactly as the hoofdbureau will.
import { fromBase64, toHex, type Verifier } from '@ovs/crypto';
import { verifySessionCertificate, type BallotContext, type CertificateError } from '@ovs/ballot';
import type { ConsolePhase, LinkStatus } from '@ovs/link';

export interface StationKeys {
  station: number;
  /** The package's hash prefix as ballots carry it. */
  hashPrefix: Uint8Array;
  /** The full package hash, hex (the status names the package by it). */
  packageHash: string;
  stembureauPublicKey: Uint8Array;
}

export function stationKeys(context: BallotContext, packageHash: Uint8Array, station: number): StationKeys | undefined {
  const entry = context.pkg.pollingStations.find((s) => s.number === station);
  const key = entry ? fromBase64(entry.stembureauKey.publicKey) : undefined;
  if (!key || key.length !== 32) return undefined;
  return { station, hashPrefix: context.hashPrefix, packageHash: toHex(packageHash), stembureauPublicKey: key };
}

export type SessionView =
  | { ok: true; phase: ConsolePhase; verifier: Verifier; certificate: string; boxEmptyRecorded: boolean }
  | { ok: false; error: 'other-package' | 'other-station' | 'unreadable-certificate' | CertificateError };

/** Accepts a status only when it names our package and station and its certificate verifies. */
export function readStatus(status: LinkStatus, keys: StationKeys): SessionView {
  if (status.packageHash.toLowerCase() !== keys.packageHash) return { ok: false, error: 'other-package' };
  if (status.station !== keys.station) return { ok: false, error: 'other-station' };
  const certificate = fromBase64(status.sessionCertificate);
  if (!certificate) return { ok: false, error: 'unreadable-certificate' };
  const verified = verifySessionCertificate(certificate, { hashPrefix: keys.hashPrefix, station: keys.station, stembureauPublicKey: keys.stembureauPublicKey });
  if (!verified.ok) return { ok: false, error: verified.error };
  return { ok: true, phase: status.phase, verifier: verified.value.verifier, certificate: status.sessionCertificate, boxEmptyRecorded: status.boxEmptyRecorded };
}
