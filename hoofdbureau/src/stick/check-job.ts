// "Controle van de inhoud van de sleutel" (seed 000): everything on one closed stick verified
// without importing anything — by the stick library's verifier (@ovs/stick verifyStickFiles,
// the single definition of what a valid stick is) — and turned into what the hoofdbureau shows,
// stores and counts: polling station, key figures, the hashes to compare with the paper
// kerncijferrapport, and, with the hoofdbureau key, the ballots and the result per election.
//
// Pure over the bytes of the files, so it runs the same inline or in a worker thread; the
// result holds only plain data and typed arrays (structured-clone friendly).
import { bytesEqual, sha256 } from '@ovs/crypto';
import { verifyPackage } from '@ovs/election';
import { countChoices, type ElectionChoice, type Tally, type TallyShape } from '@ovs/results';
import { BALLOT_ID_BYTES } from '@ovs/ballot';
import { decodeLabel, decodeSignatureFile, encodeLabel, FILES, incidentsOf, verifyStickFiles, type ClosingRecord, type StickFiles, type StickWarning } from '@ovs/stick';
import { stat } from 'node:fs/promises';
import { hoofdbureauProblem, stickProblem, type Problem } from './problems.ts';
import { voteText } from './vote-text.ts';
import { readStickFilesSync } from './read-stick.ts';

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
  kind: string;
  description: string;
  calledAt: string | null;
  repairedAt: string | null;
}

export interface Interruption {
  stick: string;
  reason: string;
  from: string;
  to: string;
}

/** What a verified stick says, without its ballots. */
export interface StickSummary {
  station: StationRef;
  packageShortHash: string;
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
  warnings: StickWarning[];
  /** The small files exactly as read, kept with the import for audits. */
  raw: { label: Uint8Array; sessionJson: Uint8Array; sessionSig: Uint8Array; closingJson: Uint8Array; closingSig: Uint8Array; events: Uint8Array };
}

export interface ElectionTally {
  election: string;
  tally: Tally;
}

/** The ballots of a stick, sorted by ballot id (never in slot order), packed for transfer. */
export interface StickContent {
  count: number;
  /** count × 16 bytes. */
  ids: Uint8Array;
  /** The signed ballots concatenated; ballot i is signed[offsets[i] … offsets[i + 1]). */
  signed: Uint8Array;
  offsets: Uint32Array;
  /** vote-text.ts form, one per ballot. */
  votes: string[];
  /** One per election of the polling station, in legal order. */
  tallies: ElectionTally[];
}

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

export async function checkStickDir(dir: string, keys: CheckKeys): Promise<StickCheck> {
  try {
    const s = await stat(dir);
    if (!s.isDirectory()) return { ok: false, problem: hoofdbureauProblem('no-stick', `${dir} is geen map.`) };
  } catch {
    return { ok: false, problem: hoofdbureauProblem('no-stick', `${dir} bestaat niet.`) };
  }
  const read = readStickFilesSync(dir);
  if (!read.ok) return { ok: false, problem: stickProblem({ code: 'unreadable', file: read.file, message: `${read.file}: kan niet gelezen worden (${read.detail}).` }) };
  return checkStickFiles(read.files, keys);
}

export function checkStickFiles(files: StickFiles, keys: CheckKeys): StickCheck {
  const hint = labelStation(files);
  const failed = (problem: Problem): StickCheck => (hint === undefined ? { ok: false, problem } : { ok: false, problem, stationHint: hint });

  // Another election package than ours is refused with that reason, not with whatever the
  // ballots would say under our key. A changed copy of our package is the library's to name.
  const pkgBytes = files[FILES.packageJson];
  if (pkgBytes && !bytesEqual(sha256(pkgBytes), keys.packageHash)) {
    const sig = files[FILES.packageSig];
    const foreign = sig ? foreignPackage(pkgBytes, sig, keys.organiserPublicKey) : undefined;
    if (foreign) return failed(hoofdbureauProblem('other-package', `${FILES.packageJson}: ${foreign}`, { file: FILES.packageJson }));
  }

  // The label is the one file no signature or hash covers; the library reads it leniently (any
  // JSON with the right fields). Only the exact bytes the console writes are accepted here, so
  // a changed label is refused like any other changed file.
  const labelBytes = files[FILES.label];
  const label = labelBytes ? decodeLabel(labelBytes) : undefined;
  if (labelBytes && label?.ok && !bytesEqual(encodeLabel(label.value), labelBytes)) {
    return failed(stickProblem({ code: 'malformed', file: FILES.label, message: `${FILES.label}: niet exact zoals de voorzitterscomputer het schrijft (gewijzigd).` }));
  }

  const verified = verifyStickFiles(files, {
    organiserPublicKey: keys.organiserPublicKey,
    ...(keys.hoofdbureauPrivateKey ? { hoofdbureauPrivateKey: keys.hoofdbureauPrivateKey } : {}),
  });
  if (!verified.ok) return failed(stickProblem(verified.problem));
  const stick = verified.stick;
  if (!bytesEqual(stick.package.hash, keys.packageHash)) {
    return failed(hoofdbureauProblem('other-package', `${FILES.packageJson}: een ander verkiezingspakket dan dat van dit hoofdbureau.`, { file: FILES.packageJson }));
  }

  const summary: StickSummary = {
    station: { number: stick.station.number, name: stick.station.name, deelgebied: stick.station.deelgebied },
    packageShortHash: stick.package.shortHash,
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
  if (!stick.ballots) return { ok: true, summary };

  const ballots = stick.ballots;
  const elections = stick.package.election.elections.filter((e) => e.id in stick.closing.registeredPerElection);
  // One pass over the ballots gathers every election's choices.
  const choicesOf = new Map<string, ElectionChoice[]>(elections.map((e) => [e.id, []]));
  for (const b of ballots) for (const ev of b.ballot.vote.elections) choicesOf.get(ev.election)?.push(ev.choice);
  const tallies: ElectionTally[] = [];
  for (const election of elections) {
    const shape: TallyShape = { lists: election.lists.map((l) => ({ number: l.number, candidates: l.candidates.length })) };
    const counted = countChoices(shape, choicesOf.get(election.id)!);
    // The ballots were decoded against the package, so a refusal here is a defect somewhere: never count it.
    if (!counted.ok) return failed(hoofdbureauProblem('count-mismatch', `${FILES.slots}: een stem voor ${election.id} kan niet geteld worden (${counted.error}).`, { file: FILES.slots }));
    if (counted.tally.ballots !== stick.closing.registeredPerElection[election.id]) {
      return failed(
        hoofdbureauProblem('count-mismatch', `${FILES.closingJson}: ${stick.closing.registeredPerElection[election.id]} stembiljetten voor ${election.id} volgens de afsluiting, ${counted.tally.ballots} geteld.`, {
          file: FILES.closingJson,
        }),
      );
    }
    tallies.push({ election: election.id, tally: counted.tally });
  }

  let signedBytes = 0;
  for (const b of ballots) signedBytes += b.signedBallot.length;
  const ids = new Uint8Array(ballots.length * BALLOT_ID_BYTES);
  const signed = new Uint8Array(signedBytes);
  const offsets = new Uint32Array(ballots.length + 1);
  const votes: string[] = new Array<string>(ballots.length);
  let at = 0;
  ballots.forEach((b, i) => {
    ids.set(b.ballotId, i * BALLOT_ID_BYTES);
    signed.set(b.signedBallot, at);
    offsets[i] = at;
    at += b.signedBallot.length;
    votes[i] = voteText(b.ballot.vote);
  });
  offsets[ballots.length] = at;
  return { ok: true, summary, content: { count: ballots.length, ids, signed, offsets, votes, tallies } };
}

function foreignPackage(bytes: Uint8Array, signatureFile: Uint8Array, organiserPublicKey: Uint8Array): string | undefined {
  const signature = decodeSignatureFile(signatureFile);
  if (!signature) return undefined;
  const verified = verifyPackage(bytes, signature, organiserPublicKey);
  if (!verified.ok) return undefined;
  const e = verified.value.election;
  return `de stick hoort bij het verkiezingspakket van ${e.municipality.name} (${e.electionDate}, ${verified.value.shortHash}), niet bij dat van dit hoofdbureau.`;
}

