import type { Result } from '@ovs/basics';

/**
 * Every way an election package can be wrong, as a value. `path` points at the field
 * (e.g. "elections[0].lists[3].candidates[12].position"); `message` is for the person at
 * the screen, in Dutch.
 */
export type PackageErrorCode =
  | 'unreadable'
  | 'bad-signature'
  | 'not-json'
  | 'schema'
  | 'unknown-method'
  | 'method-mismatch'
  | 'election-order'
  | 'duplicate-election-id'
  | 'duplicate-election-kind'
  | 'duplicate-list-number'
  | 'candidate-positions'
  | 'too-many-candidates'
  | 'name-too-long'
  | 'duplicate-polling-station'
  | 'polling-station-name'
  | 'unknown-polling-station'
  | 'station-without-election'
  | 'duplicate-key'
  | 'duplicate-category'
  | 'missing-dutch'
  | 'title-language';

export interface PackageError {
  code: PackageErrorCode;
  path: string;
  message: string;
}

export type PackageResult<T> = Result<T, PackageError>;

export const packageError = (code: PackageErrorCode, path: string, message: string): PackageError => ({ code, path, message });

/** Renders a zod-style path: ["elections", 0, "lists"] → "elections[0].lists". */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out === '' ? '(root)' : out;
}
