// The copy for the college of experts (decree art. 12; seed 002 II.C.4): what a snapshot of the
// sticks holds, and when. The experts check the use, the working and the integrity of the digital
// process on the day itself, so the console writes them a copy to a third medium, without the
// password and without halting voting.
//
// Secrecy: the ballots are in random slots, sealed to the hoofdbureau. Two copies of the slot
// file taken at two moments would show which slots filled in between — and so, to whoever later
// holds the hoofdbureau key, the votes cast in that interval. Hence the rule:
//   - before the closing record: everything but the slots and the session secrets — the package,
//     the label, the session record, the event log (voter events to the hour), and the count of
//     ballots registered with the store's size (the console's screen shows that count to the room);
//   - once closed: the slots too, with the closing record. They no longer change, so any number of
//     copies after closing are the same file, and a copy from during the day holds no slot to
//     compare with.
// secrets.bin (the session key, the link key) is never copied.
import { sha256, toHex } from '@ovs/crypto';
import { FILES, type StickFile } from './files.ts';
import { encodeJson } from './json.ts';

export const EXPERT_COPY_FORMAT = 'ovs-expert-copy/1';
export const EXPERT_MANIFEST = 'expert-copy.json';

/** The files of a stick copied during the day, and the ones added once the session is closed. */
export const EXPERT_FILES_DURING_DAY: readonly StickFile[] = [FILES.label, FILES.packageJson, FILES.packageSig, FILES.sessionJson, FILES.sessionSig, FILES.events];
export const EXPERT_FILES_AFTER_CLOSING: readonly StickFile[] = [...EXPERT_FILES_DURING_DAY, FILES.slots, FILES.closingJson, FILES.closingSig];

/** Files that never go to the expert: the session's secrets. */
export const NEVER_COPIED: readonly StickFile[] = [FILES.secrets];

export const expertFiles = (closed: boolean): readonly StickFile[] => (closed ? EXPERT_FILES_AFTER_CLOSING : EXPERT_FILES_DURING_DAY);

export interface ExpertManifest {
  format: typeof EXPERT_COPY_FORMAT;
  station: number;
  expert: string;
  takenAt: string;
  closed: boolean;
  /** Ballots registered when the copy was taken (shown on the console's screen all day). */
  registered: number;
  /** Records in the copied log; the last one's hash. */
  events: number;
  eventsHead: string;
  files: Array<{ name: StickFile; bytes: number; sha256: string }>;
}

export interface ExpertCopy {
  files: Array<{ name: string; bytes: Uint8Array }>;
  manifest: ExpertManifest;
}

/**
 * The copy from the files of a consistent moment (`read` gives each file's bytes as they are
 * then). Throws if asked for a file the rule excludes: a programmer error, never a day's event.
 */
export function buildExpertCopy(input: { station: number; expert: string; takenAt: string; closed: boolean; registered: number; events: number; eventsHead: string; read: ReadonlyMap<StickFile, Uint8Array> }): ExpertCopy {
  const names = expertFiles(input.closed);
  for (const name of input.read.keys()) if (!names.includes(name)) throw new Error(`buildExpertCopy: ${name} is not copied ${input.closed ? 'after closing' : 'during the day'}`);
  const files = names.map((name) => {
    const bytes = input.read.get(name);
    if (!bytes) throw new Error(`buildExpertCopy: ${name} missing`);
    return { name, bytes };
  });
  const manifest: ExpertManifest = {
    format: EXPERT_COPY_FORMAT,
    station: input.station,
    expert: input.expert,
    takenAt: input.takenAt,
    closed: input.closed,
    registered: input.registered,
    events: input.events,
    eventsHead: input.eventsHead,
    files: files.map((f) => ({ name: f.name, bytes: f.bytes.length, sha256: toHex(sha256(f.bytes)) })),
  };
  return { files: [...files, { name: EXPERT_MANIFEST, bytes: encodeJson(manifest) }], manifest };
}
