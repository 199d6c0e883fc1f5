// The canonical hash of a file list, the same on the release host, on every device at
// start-up and for an expert with coreutils: SHA-256 of the `sha256sum` listing of the files,
// sorted by path in byte order. Recompute it in a bundle folder with
//   find . -type f | sed 's|^\./||' | LC_ALL=C sort | xargs sha256sum | sha256sum
import { sha256, shortHash, toHex, utf8 } from '@ovs/crypto';

export interface FileHash {
  /** Relative to the repository root (on a device: to /opt/ovs), with "/" separators. */
  path: string;
  /** SHA-256 of the file's bytes, lower-case hex. */
  sha256: string;
  size: number;
}

export const fileHash = (path: string, bytes: Uint8Array): FileHash => ({ path, sha256: toHex(sha256(bytes)), size: bytes.length });

/** Byte order, as `LC_ALL=C sort` (paths are ASCII; see isCanonicalPath). */
export const byPath = (a: { path: string }, b: { path: string }): number => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);

/** ASCII, relative, no empty, "." or ".." segment, and nothing sha256sum would escape. */
export const isCanonicalPath = (path: string): boolean =>
  /^[A-Za-z0-9._@+-]+(\/[A-Za-z0-9._@+-]+)*$/.test(path) && !path.split('/').some((p) => p === '.' || p === '..');

/** The `sha256sum` output for the files, sorted by path. */
export function listing(files: readonly FileHash[]): string {
  return [...files].sort(byPath).map((f) => `${f.sha256}  ${f.path}\n`).join('');
}

export const bundleHash = (files: readonly FileHash[]): Uint8Array => sha256(utf8(listing(files)));

/** "7KQ2-M9XF-3BZP-W4HD": the form on screens and reports (the first 80 bits). */
export const softwareShortHash = (hash: Uint8Array): string => shortHash(hash);
