// "Controle van de inhoud van de sleutel" (seed 000): everything on one closed stick verified
// without importing anything — by the stick library's verifier (@ovs/stick verifyStickFiles,
// the single definition of what a valid stick is) — and turned into what the hoofdbureau shows,
// stores and counts: polling station, key figures, the hashes to compare with the paper
// kerncijferrapport, and, with the hoofdbureau key, the ballots and the result per election.
//
// Pure over the bytes of the files, so it runs the same inline or in a worker thread; the
// result holds only plain data and typed arrays (structured-clone friendly, and the ballots'
// arrays can be transferred). Per ballot nothing but typed arrays is allocated: the verifier
// returns the ballots packed, and stick-count.ts counts them and writes each election's rows
// from the decoded bits; the signed ballots and their ids stay here (they are on the sticks).
import { bytesEqual, fromHex } from '@ovs/crypto';
import { checkSoftware, type SoftwareCheck } from '@ovs/release';
import type { Tally } from '@ovs/results';
import { decodeLabel, FILES, incidentsOf, kindOf, readProblem, readStickDir, readStickDirSync, verifyStickFiles, type CardBalance, type ClosingRecord, type FileKind, type IoError, type StickFile, type StickFiles, type IncidentKind, type InterruptionReason, type StickWarning, type WitnessRemark } from '@ovs/stick';
import { lstatSync } from 'node:fs';
import { hoofdbureauProblem, stickProblem, type Problem } from './problems.ts';
import { stickFolderProblem } from './stick-folder.ts';
import { countPacked } from './stick-count.ts';
import type { ElectionVotes } from '../db/vote-rows.ts';

export interface CheckKeys {
  organiserPublicKey: Uint8Array;
  /** The package of this hoofdbureau: a stick of any other package is refused. */
  packageHash: Uint8Array;
  /** With it every ballot is opened, verified and counted; without it, figures and hashes only. */
  hoofdbureauPrivateKey?: Uint8Array;
}

export interface StationRef {
  number: number;
  name: string;
  deelgebied: string;
}

export interface Incident {
  kind: IncidentKind;
  description: string;
  calledAt: string | null;
  repairedAt: string | null;
}

export interface Interruption {
  stick: string;
  reason: InterruptionReason;
  from: string;
  to: string;
}

/** What a verified stick says, without its ballots. */
export interface StickSummary {
  station: StationRef;
  packageShortHash: string;
  /** The console software recorded at closing, against the release the package names (decree art. 4 §3). */
  software: SoftwareCheck;
  /** Each software a paired box reported (event log), against the same release. */
  boxSoftware: SoftwareCheck[];
  /** Each software an activated voting computer reported, per machine, against the same release. */
  votingComputerSoftware: Array<{ machine: string; software: SoftwareCheck }>;
  /** SHA-256 of closing.json: the closing record fixes the store, the log and the session. */
  closingHash: Uint8Array;
  closingShortHash: string;
  /** SHA-256 of ballots.slots: the hash the kerncijferrapport prints. */
  storeHash: Uint8Array;
  storeShortHash: string;
  sessionId: Uint8Array;
  sessionCertificate: Uint8Array;
  startedAt: string;
  closing: ClosingRecord;
  incidents: Incident[];
  interruptions: Interruption[];
  /** The witnesses' remarks after closing (seed 002 III.6), signed by the stembureau key on the stick. */
  remarks: WitnessRemark[];
  /** Per election: voter cards issued against ballots registered (each difference is also a warning). */
  cardBalance: CardBalance[];
  warnings: StickWarning[];
  /** The small files exactly as read, kept with the import for audits. */
  raw: { label: Uint8Array; sessionJson: Uint8Array; sessionSig: Uint8Array; closingJson: Uint8Array; closingSig: Uint8Array; events: Uint8Array };
}

export interface ElectionTally {
  election: string;
  tally: Tally;
}

/**
 * What the hoofdbureau keeps of a stick's ballots: per election its rows (db/vote-rows.ts), each
 * election's on their own and sorted by vote id — no ballot id, no signed ballot, nothing that
 * joins one ballot's elections — packed for transfer.
 */
export interface StickContent {
  /** Ballots on the stick. */
  count: number;
  /** One per election of the polling station, in package order. */
  votes: ElectionVotes[];
  /** One per election of the polling station, in package order. */
  tallies: ElectionTally[];
}

/** The buffers of a content, to transfer instead of copy between threads. */
export const contentBuffers = (c: StickContent): ArrayBuffer[] => c.votes.flatMap((v) => [v.ids, v.text, v.offsets]).filter(owns).map((a) => a.buffer as ArrayBuffer);

/** A typed array that is the whole of its buffer (so transferring it takes nothing else along). */
export const owns = (a: ArrayBufferView): boolean => a.byteOffset === 0 && a.byteLength === a.buffer.byteLength && a.buffer instanceof ArrayBuffer;

export type StickCheck =
  | { ok: true; summary: StickSummary; content?: StickContent }
  | {
      ok: false;
      problem: Problem;
      /** The polling station the stick's label names, unverified: only to file the problem under. */
      stationHint?: number;
    };

const labelStation = (files: StickFiles): number | undefined => {
  const bytes = files[FILES.label];
  if (!bytes) return undefined;
  const label = decodeLabel(bytes);
  return label.ok ? label.value.station : undefined;
};

/** The folder as a stick: undefined when it is one (a folder, not a link), or the refusal. */
export async function noStick(dir: string): Promise<StickCheck | undefined> {
  const problem = await stickFolderProblem(dir);
  return problem ? { ok: false, problem } : undefined;
}

/** A file of the stick that could not be read (or was refused unread). */
export const unreadable = (file: StickFile, error: IoError): StickCheck => ({ ok: false, problem: stickProblem(readProblem(file, error)) });

/** One stick on the calling thread; its files are read asynchronously, with the time-out. */
export async function checkStickDir(dir: string, keys: CheckKeys): Promise<StickCheck> {
  const absent = await noStick(dir);
  if (absent) return absent;
  const read = await readStickDir(dir);
  if (!read.ok) return unreadable(read.error.file, read.error.io);
  return checkStickFiles(read.value, keys);
}

/** checkStickDir without the event loop: for a worker thread (same rules, no time-out). */
export function checkStickDirSync(dir: string, keys: CheckKeys): StickCheck {
  let kind: FileKind;
  try {
    kind = kindOf(lstatSync(dir));
  } catch {
    return { ok: false, problem: hoofdbureauProblem('no-stick', `${dir} bestaat niet.`) };
  }
  if (kind === 'symlink') return { ok: false, problem: hoofdbureauProblem('stick-link', `${dir} is een symbolische koppeling, geen stick: geweigerd.`) };
  if (kind !== 'directory') return { ok: false, problem: hoofdbureauProblem('no-stick', `${dir} is geen map.`) };
  const read = readStickDirSync(dir);
  if (!read.ok) return unreadable(read.error.file, read.error.io);
  return checkStickFiles(read.value, keys);
}

export function checkStickFiles(files: StickFiles, keys: CheckKeys): StickCheck {
  const hint = labelStation(files);
  const failed = (problem: Problem): StickCheck => (hint === undefined ? { ok: false, problem } : { ok: false, problem, stationHint: hint });

  // The library checks the package first (another municipality's is "another package", not a
  // wrong key) and the label's exact bytes; every ballot comes back packed, none as an object.
  const verified = verifyStickFiles(files, {
    organiserPublicKey: keys.organiserPublicKey,
    package: { hash: keys.packageHash },
    ballots: 'packed',
    ...(keys.hoofdbureauPrivateKey ? { hoofdbureauPrivateKey: keys.hoofdbureauPrivateKey } : {}),
  });
  if (!verified.ok) return failed(stickProblem(verified.error));
  const stick = verified.value;
  if (!bytesEqual(stick.package.hash, keys.packageHash)) {
    return failed(hoofdbureauProblem('other-package', `${FILES.packageJson}: een ander verkiezingspakket dan dat van dit hoofdbureau.`, { file: FILES.packageJson }));
  }

  const summary: StickSummary = {
    station: { number: stick.station.number, name: stick.station.name, deelgebied: stick.station.deelgebied },
    packageShortHash: stick.package.shortHash,
    software: checkSoftware('voorzitterscomputer', stick.closing.software, stick.package.election.release),
    votingComputerSoftware: stick.events.flatMap((e) =>
      e.type === 'vc-software' ? [{ machine: e.machine, software: checkSoftware('stemcomputer', fromHex(e.sha256) ?? new Uint8Array(0), stick.package.election.release) }] : [],
    ),
    boxSoftware: [...new Set(stick.events.flatMap((e) => (e.type === 'box-software' ? [e.sha256] : [])))].map((h) =>
      checkSoftware('stembus', fromHex(h) ?? new Uint8Array(0), stick.package.election.release),
    ),
    closingHash: stick.closingHash,
    closingShortHash: stick.closingShortHash,
    storeHash: stick.storeHash,
    storeShortHash: stick.storeShortHash,
    sessionId: stick.session.sessionId,
    sessionCertificate: stick.session.sessionCertificate,
    startedAt: stick.session.startedAt,
    closing: stick.closing,
    incidents: incidentsOf(stick.events).map((e) => ({ kind: e.kind, description: e.description, calledAt: e.calledAt, repairedAt: e.repairedAt })),
    interruptions: stick.events.flatMap((e) => (e.type === 'interruption' ? [{ stick: e.stick, reason: e.reason, from: e.from, to: e.to }] : [])),
    remarks: stick.remarks,
    cardBalance: stick.cardBalance,
    warnings: stick.warnings,
    raw: {
      label: files[FILES.label]!,
      sessionJson: files[FILES.sessionJson]!,
      sessionSig: files[FILES.sessionSig]!,
      closingJson: files[FILES.closingJson]!,
      closingSig: files[FILES.closingSig]!,
      events: files[FILES.events] ?? new Uint8Array(0),
    },
  };
  const packed = stick.packed;
  if (!packed) return { ok: true, summary };

  const elections = stick.package.election.elections.filter((e) => e.id in stick.closing.registeredPerElection);
  const context = stick.context;
  const counted = countPacked(context, stick.station.number, elections, packed);
  // The ballots were decoded against the package, so a refusal here is a defect somewhere: never count it.
  if (!counted.ok) return failed(hoofdbureauProblem('count-mismatch', `${FILES.slots}: een stembiljet kan niet geteld worden (${counted.error}).`, { file: FILES.slots }));
  for (const { election, tally } of counted.counted.tallies) {
    if (tally.ballots !== stick.closing.registeredPerElection[election]) {
      return failed(
        hoofdbureauProblem('count-mismatch', `${FILES.closingJson}: ${stick.closing.registeredPerElection[election]} stembiljetten voor ${election} volgens de afsluiting, ${tally.ballots} geteld.`, {
          file: FILES.closingJson,
        }),
      );
    }
  }
  return {
    ok: true,
    summary,
    content: { count: packed.count, votes: counted.counted.votes, tallies: counted.counted.tallies },
  };
}
