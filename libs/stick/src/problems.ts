// Everything that can be wrong with a stick, as a value naming the file, the record in it and
// what is wrong — in Dutch for the tired person at the hoofdbureau or the console.
import type { Result } from '@ovs/basics';
import type { StickFile } from './files.ts';

export type StickProblemCode =
  /** The file could not be read from the stick. */
  | 'unreadable'
  /** A symbolic link, device, FIFO, socket or folder where a file should be: refused unread. */
  | 'not-regular-file'
  /** Larger than its format allows: refused unread. */
  | 'file-too-large'
  /** The stick did not answer within the time-out. */
  | 'stick-timeout'
  | 'missing-file'
  /** No closing record: the polling station was not closed with these sticks. */
  | 'not-closed'
  /** A record does not follow its format (field named in `record`). */
  | 'malformed'
  /** The election package does not verify under the organiser's key, or breaks its rules. */
  | 'package-invalid'
  /** A valid election package, signed by the organiser, but not the one the reader expects (another municipality). */
  | 'other-package'
  | 'unknown-station'
  /** Two files of the stick disagree (record names the field). */
  | 'mismatch'
  | 'bad-signature'
  | 'bad-certificate'
  | 'bad-slot'
  /** A sealed ballot does not open with the hoofdbureau key: altered, moved or damaged. */
  | 'slot-unopenable'
  | 'bad-ballot'
  | 'duplicate-ballot'
  | 'test-ballot'
  | 'event-log'
  /** A figure of the closing record differs from what the stick itself holds. */
  | 'figures-mismatch'
  | 'store-hash-mismatch'
  | 'wrong-hoofdbureau-key';

export interface StickProblem {
  code: StickProblemCode;
  file: StickFile;
  /** Which record: "kop", "vak 17", "regel 12", "veld cards.perCategory.belg". */
  record?: string;
  message: string;
}

export function problem(code: StickProblemCode, file: StickFile, record: string | undefined, what: string): StickProblem {
  const where = record ? `${file}, ${record}` : file;
  return record === undefined ? { code, file, message: `${where}: ${what}` } : { code, file, record, message: `${where}: ${what}` };
}

export type StickResult<T> = Result<T, StickProblem>;
