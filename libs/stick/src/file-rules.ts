// A stick is hostile input: what a file on it may be before a byte of it is read. Only regular
// files (never a symbolic link, a device, a FIFO, a socket or a folder: a FIFO would block the
// reader forever, a link to /dev/zero would fill its memory), each no larger than its format
// allows, and every read of removable media within a time-out (a stalled USB stick gives a
// refusal, not a hang). One set of rules for the asynchronous reader (the console, the
// hoofdbureau's main thread) and the synchronous one (worker threads): regular-file.ts applies them.
import { err, ok, type Result } from '@ovs/basics';
import { FILES, type StickFile } from './files.ts';
import type { IoError } from './io.ts';
import { SECRETS_BYTES } from './secrets.ts';
import { decodeHeaderFields, MAX_CAPACITY, MAX_SLOT_BYTES, SLOT_HEADER_BYTES, slotFileBytes } from './slot-file.ts';

export type FileKind = 'file' | 'directory' | 'symlink' | 'fifo' | 'socket' | 'device' | 'unknown';

export interface StatsLike {
  isFile(): boolean;
  isDirectory(): boolean;
  isSymbolicLink(): boolean;
  isFIFO(): boolean;
  isSocket(): boolean;
  isBlockDevice(): boolean;
  isCharacterDevice(): boolean;
}

export function kindOf(s: StatsLike): FileKind {
  if (s.isSymbolicLink()) return 'symlink';
  if (s.isFile()) return 'file';
  if (s.isDirectory()) return 'directory';
  if (s.isFIFO()) return 'fifo';
  if (s.isSocket()) return 'socket';
  if (s.isBlockDevice() || s.isCharacterDevice()) return 'device';
  return 'unknown';
}

export const KIND_TEXT: Record<Exclude<FileKind, 'file'>, string> = {
  directory: 'een map',
  symlink: 'een symbolische koppeling',
  fifo: 'een FIFO',
  socket: 'een socket',
  device: 'een apparaat',
  unknown: 'van een onbekende soort',
};

const KIB = 1024;
const MIB = 1024 * KIB;

/** Every event of a long day many times over: a card every second for 24 hours, each with an annulment and a replacement, at 256 bytes a line. */
export const MAX_EVENTS_BYTES = 86_400 * 3 * 256;

/**
 * The largest each file may be. The small records get a few times their real size (so that a
 * malformed one still gets the decoder's specific message); ballots.slots is limited first by the
 * format (512 + 2²⁰ × 4096), then by its own header before it is read (slotReadPlan).
 */
export const MAX_FILE_BYTES: Readonly<Record<StickFile, number>> = {
  [FILES.label]: 4 * KIB,
  // A municipality's package: every station, list and candidate (the largest is a few megabytes).
  [FILES.packageJson]: 64 * MIB,
  [FILES.packageSig]: KIB,
  [FILES.slots]: SLOT_HEADER_BYTES + MAX_CAPACITY * MAX_SLOT_BYTES,
  [FILES.sessionJson]: 4 * KIB,
  [FILES.sessionSig]: KIB,
  [FILES.secrets]: 4 * SECRETS_BYTES,
  [FILES.events]: MAX_EVENTS_BYTES,
  [FILES.closingJson]: 64 * KIB,
  [FILES.closingSig]: KIB,
  // MAX_REMARKS remarks of MAX_TEXT characters (UTF-8: up to 4 bytes each), with their names.
  [FILES.addendumJson]: 1 * MIB,
  [FILES.addendumSig]: KIB,
};

/** For a file that is not one of the stick's own (StickIo reads by name). */
const OTHER_FILE_BYTES = 64 * MIB;

export const maxBytesOf = (name: string): number => (Object.hasOwn(MAX_FILE_BYTES, name) ? MAX_FILE_BYTES[name as StickFile] : OTHER_FILE_BYTES);

const bytes = (n: number): string => `${n.toLocaleString('nl-BE')} bytes`;

export const notRegular = (name: string, kind: Exclude<FileKind, 'file'>): IoError => ({
  code: 'not-regular',
  detail: `${name} is geen gewoon bestand (${KIND_TEXT[kind]}): een stick bevat alleen gewone bestanden, er werd niets van gelezen.`,
});

export const tooLarge = (name: string, size: number, limit: number, why = 'het formaat'): IoError => ({
  code: 'too-large',
  detail: `${name} is groter dan ${why} toelaat (${bytes(size)}, hoogstens ${bytes(limit)}): er werd niets van gelezen.`,
});

export const timedOut = (name: string, ms: number): IoError => ({
  code: 'timeout',
  detail: `De stick antwoordt niet binnen ${ms >= 1000 ? `${Math.round(ms / 1000)} s` : `${ms} ms`} (bij het lezen van ${name}).`,
});

/** What to read of a file of `size` bytes, from its fstat: refuse it, all of it, or (the slot file) its header first. */
export type ReadPlan = Result<{ read: number; headerFirst: boolean }, IoError>;

export function readPlan(name: string, kind: FileKind, size: number): ReadPlan {
  if (kind !== 'file') return err(notRegular(name, kind));
  const limit = maxBytesOf(name);
  if (size > limit) return err(tooLarge(name, size, limit));
  return ok({ read: size, headerFirst: name === FILES.slots && size >= SLOT_HEADER_BYTES });
}

/**
 * After the slot file's header: its whole length when the header allows it, a refusal when the
 * file is longer than the header says. A header that does not decode is all the verifier needs
 * to refuse the file, so nothing after it is read (a forged file cannot make the reader load
 * gigabytes to find that out).
 */
export function slotReadPlan(header: Uint8Array, size: number): ReadPlan {
  const fields = decodeHeaderFields(header);
  if (!fields.ok) return ok({ read: SLOT_HEADER_BYTES, headerFirst: false });
  const declared = slotFileBytes(fields.value);
  if (size > declared) return err(tooLarge(FILES.slots, size, declared, `de kop (${fields.value.capacity} vakken van ${fields.value.slotSize} bytes)`));
  return ok({ read: size, headerFirst: false });
}
