// A polling station's whole day on two sticks, through the real stick writer of the president
// console (@ovs/stick: prepare, openStickPair, registerBallot, close): what tests and the import
// bench feed to the hoofdbureau. Deterministic for a given seed (random bytes and clock are
// injected), so a cached stick can be regenerated exactly.
import { SeededRandom, sha256, Signer, toHex, utf8 } from '@ovs/crypto';
import { findStation, unsealStembureauKey, type ElectionPackage } from '@ovs/election';
import { createBallotContext, encodeSignedBallot, type Ballot, type BallotContext, type Vote } from '@ovs/ballot';
import { openStickPair, prepareStick, type ClosingRecord, type IncidentKind } from '@ovs/stick';
import { createMemoryStickIo, type MemoryStickIo } from './memory-stick-io.ts';
import { randomVote } from './random-vote.ts';

export interface PackageFiles {
  election: ElectionPackage;
  bytes: Uint8Array;
  signature: Uint8Array;
  organiserPublicKey: Uint8Array;
}

export interface StationDayOptions {
  pkg: PackageFiles;
  station: number;
  /** The stembureau key (unsealed) or the envelope password to unseal it with. */
  stembureau: Signer | { password: string };
  /** Votes to cast, or a number of random votes. */
  votes: readonly Vote[] | number;
  seed?: string;
  /** Share of random voters who are EU or non-EU citizens (municipal ballot only). */
  foreignShare?: number;
  annulled?: number;
  testBallots?: number;
  /** The software hash a paired box reports (a `box-software` event), when given. */
  boxSoftware?: Uint8Array;
  incidents?: ReadonlyArray<{ kind: IncidentKind; description: string }>;
  /** Slots on the stick; by default what the console would preallocate. */
  capacity?: number;
  context?: BallotContext;
  /** When the console's clock starts (default 2024-10-13T06:00:00Z, 08:00 on election day). */
  clock?: string;
  /** No voter card is recorded (a stick whose cards and ballots do not match). */
  withoutVoterCards?: boolean;
  /** Witnesses' remarks after closing (seed 002 III.6): the signed addendum on both sticks. */
  remarks?: ReadonlyArray<{ witness: string; list: string; text: string }>;
}

export interface StationDay {
  /** The files of stick A; stick B holds the same bytes. */
  sticks: { a: MemoryStickIo; b: MemoryStickIo };
  ballots: Ballot[];
  closing: ClosingRecord;
}

export const TEST_SOFTWARE = sha256(utf8('ovs hoofdbureau test console'));

export async function stembureauSigner(pkg: ElectionPackage, station: number, key: Signer | { password: string }): Promise<Signer> {
  if (key instanceof Signer) return key;
  const r = await unsealStembureauKey(pkg, station, key.password);
  if (!r.ok) throw new Error(`stembureau ${station}: ${r.error}`);
  return r.value;
}

export async function runStationDay(options: StationDayOptions): Promise<StationDay> {
  const { pkg, station } = options;
  const seed = options.seed ?? `station-${station}`;
  const random = new SeededRandom(`${seed}/bytes`);
  const voters = new SeededRandom(`${seed}/voters`);
  let clock = Date.parse(options.clock ?? '2024-10-13T06:00:00.000Z');
  const now = (): Date => new Date((clock += 1000));
  const context = options.context ?? createBallotContext({ election: pkg.election, hash: sha256(pkg.bytes) });
  const layouts = context.stations.get(station);
  if (!layouts || !findStation(pkg.election, station)) throw new Error(`runStationDay: no polling station ${station}`);
  const stembureau = await stembureauSigner(pkg.election, station, options.stembureau);

  const a = createMemoryStickIo('A');
  const b = createMemoryStickIo('B');
  for (const io of [a, b]) {
    const prepared = await prepareStick(io, {
      packageBytes: pkg.bytes,
      packageSignature: pkg.signature,
      organiserPublicKey: pkg.organiserPublicKey,
      station,
      ...(options.capacity ? { capacity: options.capacity } : {}),
    });
    if (!prepared.ok) throw new Error(`prepareStick: ${prepared.error.message}`);
  }
  const opened = await openStickPair({
    a,
    b,
    organiserPublicKey: pkg.organiserPublicKey,
    station,
    stembureau,
    software: TEST_SOFTWARE,
    now,
    random: (n) => random.bytes(n),
  });
  if (!opened.ok) throw new Error(`openStickPair: ${opened.error.message}`);
  const pair = opened.value.pair;
  const append = async (body: Parameters<typeof pair.appendEvent>[0]): Promise<void> => {
    const r = await pair.appendEvent(body);
    if (!r.ok) throw new Error(`appendEvent ${body.type}: ${r.error.failure.error.detail}`);
  };
  await append({ type: 'activation-card' });
  for (let i = 0; i < (options.testBallots ?? 0); i++) await append({ type: 'test-card', category: 'belg' });
  if (options.boxSoftware) await append({ type: 'box-software', sha256: toHex(options.boxSoftware) });
  await append({ type: 'box-empty' });
  await append({ type: 'voting-opened' });
  for (const [i, incident] of (options.incidents ?? []).entries()) {
    await append({ type: 'incident', id: i + 1, kind: incident.kind, description: incident.description, calledAt: null, repairedAt: null });
  }

  const secrets = pair.secrets;
  if (!secrets) throw new Error('runStationDay: no session secrets');
  const session = new Signer(secrets.sessionPrivateKey);
  const count = typeof options.votes === 'number' ? options.votes : options.votes.length;
  const ballots: Ballot[] = [];
  for (let i = 0; i < count; i++) {
    const foreign = typeof options.votes === 'number' && voters.chance(options.foreignShare ?? 0.05);
    const vote = typeof options.votes === 'number' ? randomVote(layouts, voters, foreign) : options.votes[i]!;
    const onlyMunicipal = vote.elections.length < layouts.length;
    const card = { type: 'voter-card', category: onlyMunicipal ? (voters.chance(0.8) ? 'eu' : 'niet-eu') : 'belg', proxy: voters.chance(0.02), replacement: false } as const;
    if (!options.withoutVoterCards) await append(card);
    const ballot: Ballot = { test: false, pollingStation: station, ballotId: voters.bytes(16), vote };
    const signed = encodeSignedBallot(context, ballot, session);
    if (!signed.ok) throw new Error(`encodeSignedBallot: ${signed.error.code} ${signed.error.detail}`);
    const stored = await pair.registerBallot(signed.value, ballot);
    if (stored.outcome !== 'stored') throw new Error(`registerBallot: ${stored.outcome}`);
    ballots.push(ballot);
  }
  for (let i = 0; i < (options.annulled ?? 0); i++) {
    await append({ type: 'ballot-annulled', reason: 'voter-request', category: 'belg' });
    await append({ type: 'voter-card', category: 'belg', proxy: false, replacement: true });
  }
  const closed = await pair.close({ annulledBallots: options.annulled ?? 0, testBallots: options.testBallots ?? 0 });
  if (!closed.ok) throw new Error(`close: ${closed.error.kind === 'problem' ? closed.error.problem.message : closed.error.failure.error.detail}`);
  for (const r of options.remarks ?? []) {
    const added = await pair.addRemark({ at: closed.value.closedAt, ...r });
    if (!added.ok) throw new Error(`addRemark: ${added.error.error.detail}`);
  }
  await pair.release();
  return { sticks: { a, b }, ballots, closing: closed.value };
}

/** Writes both sticks of a day to `dirA` and `dirB`. */
export async function writeStationDay(day: StationDay, dirA: string, dirB?: string): Promise<void> {
  await day.sticks.a.dumpTo(dirA);
  if (dirB) await day.sticks.b.dumpTo(dirB);
}
