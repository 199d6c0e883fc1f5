// Sticks as folders, the way the hoofdbureau finds them: the reader's folder (--sticks) or a
// folder of sticks holds one subfolder per stick. A stick is hostile input: a stick is a plain
// folder, never a symbolic link (a link could point anywhere on the hoofdbureau's own disk), it
// holds only regular files (@ovs/stick file-rules.ts), and every look at removable media has a
// time-out, so that a stalled stick or a FIFO gives a message instead of a hang.
import { lstat, readdir } from 'node:fs/promises';
import type { Dirent } from 'node:fs';
import { basename, join } from 'node:path';
import { decodeLabel, FILES, kindOf, notRegular, readRegularFile, READ_TIMEOUT_MS, timedOut, withDeadline, type FileKind } from '@ovs/stick';
import { hoofdbureauProblem, type Problem } from './problems.ts';

const STICK_NAMES: ReadonlySet<string> = new Set(Object.values(FILES));

export interface FolderOptions {
  timeoutMs?: number;
}

/** Why `dir` cannot be read as a stick (before any of its files is opened), or undefined. */
export async function stickFolderProblem(dir: string, options: FolderOptions = {}): Promise<Problem | undefined> {
  const ms = options.timeoutMs ?? READ_TIMEOUT_MS;
  let kind: FileKind;
  try {
    const seen = await withDeadline(lstat(dir), ms);
    if (!seen.done) return hoofdbureauProblem('reader-timeout', timedOut(dir, ms).detail);
    kind = kindOf(seen.value);
  } catch {
    return hoofdbureauProblem('no-stick', `${dir} bestaat niet.`);
  }
  if (kind === 'symlink') return hoofdbureauProblem('stick-link', linkMessage(dir));
  return kind === 'directory' ? undefined : hoofdbureauProblem('no-stick', `${dir} is geen map.`);
}

const linkMessage = (dir: string): string => `${basename(dir)} is een symbolische koppeling, geen stick: geweigerd (een stick wordt alleen gelezen uit een gewone map in de lezer).`;

async function entries(dir: string, ms: number): Promise<Dirent[] | undefined> {
  try {
    const r = await withDeadline(readdir(dir, { withFileTypes: true }), ms);
    return r.done ? r.value : undefined;
  } catch {
    return undefined;
  }
}

/** The station a stick's label names, read without trusting it (only to file or group it); undefined when unreadable. */
export async function labelHint(dir: string, options: FolderOptions = {}): Promise<number | undefined> {
  const read = await readRegularFile(join(dir, FILES.label), FILES.label, options);
  if (!read.ok) return undefined;
  const label = decodeLabel(read.value);
  return label.ok ? label.value.station : undefined;
}

export interface StickEntry {
  name: string;
  /** The station its label names (unverified), when readable. */
  station: number | null;
  /** Why this entry is no stick that can be read (a symbolic link, a file that is no regular file, a stall). */
  problem?: string;
}

/** The sticks in the reader's folder, sorted by name; what cannot be a stick is listed with its problem. */
export async function listSticks(dir: string, options: FolderOptions = {}): Promise<StickEntry[]> {
  const ms = options.timeoutMs ?? READ_TIMEOUT_MS;
  const found = (await entries(dir, ms)) ?? [];
  const listed = await Promise.all(
    found
      .filter((e) => e.isDirectory() || e.isSymbolicLink())
      .sort((a, b) => a.name.localeCompare(b.name, 'nl', { numeric: true }))
      .map(async (e): Promise<StickEntry> => {
        if (e.isSymbolicLink()) return { name: e.name, station: null, problem: linkMessage(e.name) };
        const path = join(dir, e.name);
        const inner = await entries(path, ms);
        if (!inner) return { name: e.name, station: null, problem: timedOut(e.name, ms).detail };
        const odd = inner.find((f) => STICK_NAMES.has(f.name) && kindOf(f) !== 'file');
        if (odd) return { name: e.name, station: null, problem: notRegular(odd.name, kindOf(odd) as Exclude<FileKind, 'file'>).detail };
        const read = await readRegularFile(join(path, FILES.label), FILES.label, { timeoutMs: ms });
        if (!read.ok) return read.error.code === 'not-found' || read.error.code === 'io' ? { name: e.name, station: null } : { name: e.name, station: null, problem: read.error.detail };
        const label = decodeLabel(read.value);
        return { name: e.name, station: label.ok ? label.value.station : null };
      }),
  );
  return listed;
}

/**
 * A stick, or a folder of sticks (its subfolders holding stick files), sorted by name. A
 * symbolic link among them is kept, so that the import refuses it by name instead of skipping it.
 */
export async function expandSticks(path: string, options: FolderOptions = {}): Promise<string[]> {
  const ms = options.timeoutMs ?? READ_TIMEOUT_MS;
  if ((await stickFolderProblem(path, options)) !== undefined) return [path];
  const found = await entries(path, ms);
  if (!found || found.some((e) => STICK_NAMES.has(e.name))) return [path];
  const sticks: string[] = [];
  for (const e of found.filter((x) => x.isDirectory() || x.isSymbolicLink()).sort((a, b) => a.name.localeCompare(b.name, 'nl', { numeric: true }))) {
    if (e.isSymbolicLink()) {
      sticks.push(join(path, e.name));
      continue;
    }
    const inner = await entries(join(path, e.name), ms);
    if (inner?.some((f) => STICK_NAMES.has(f.name))) sticks.push(join(path, e.name));
  }
  return sticks.length > 0 ? sticks : [path];
}
