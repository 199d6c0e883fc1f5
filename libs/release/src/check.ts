// What a device does with its own software hash at start-up: compare it with the release the
// election package was approved for. A package that names no release is a development
// package (the demo, the tests): the device runs, but every screen and report says so.
import { fromHex, bytesEqual } from '@ovs/crypto';
import { softwareShortHash } from './hash.ts';
import { ROLE_NAME, type Role } from './roles.ts';

/** The shape of the election package's `release` field (libs/election's schema). */
export interface ApprovedRelease {
  version: string;
  commit: string;
  /** SHA-256 of the release manifest's bytes. */
  manifest: string;
  /** The canonical hash of each role's bundle (hex). */
  software: Readonly<Record<Role, string>>;
}

export type SoftwareCheck =
  | { kind: 'release'; version: string; shortHash: string }
  | { kind: 'development'; shortHash: string }
  | { kind: 'mismatch'; version: string; shortHash: string; expectedShortHash: string };

export function checkSoftware(role: Role, hash: Uint8Array, release: ApprovedRelease | undefined): SoftwareCheck {
  const shortHash = softwareShortHash(hash);
  if (!release) return { kind: 'development', shortHash };
  const expected = fromHex(release.software[role]);
  if (expected && bytesEqual(expected, hash)) return { kind: 'release', version: release.version, shortHash };
  return { kind: 'mismatch', version: release.version, shortHash, expectedShortHash: expected ? softwareShortHash(expected) : '(ongeldig)' };
}

/** One line for a screen or a report. */
export function softwareLine(c: SoftwareCheck): string {
  switch (c.kind) {
    case 'release':
      return `${c.shortHash} (release ${c.version})`;
    case 'development':
      return `${c.shortHash} — ONTWIKKELVERSIE, niet vrijgegeven voor een verkiezing`;
    case 'mismatch':
      return `${c.shortHash} — NIET de vrijgegeven release ${c.version} (${c.expectedShortHash})`;
    default:
      return c satisfies never;
  }
}

/** Why the device refuses to open, or undefined when it may. */
export function refusal(role: Role, c: SoftwareCheck): string | undefined {
  if (c.kind !== 'mismatch') return undefined;
  return (
    `De software van deze ${ROLE_NAME[role]} (${c.shortHash}) is niet de release ${c.version} waarvoor het verkiezingspakket is goedgekeurd (${c.expectedShortHash}). ` +
    'Het stembureau kan hiermee niet geopend worden: laat de technicus de vrijgegeven software installeren.'
  );
}
