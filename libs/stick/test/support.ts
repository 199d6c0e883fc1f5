// Fixtures for the stick tests: the demo election with cheap scrypt, prepared sticks in
// /dev/shm, unsealed stembureau keys, and signed ballots with random votes.
import { mkdtemp, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes, SeededRandom, sha256, Signer, utf8 } from '@ovs/crypto';
import { generateDemoElection, unsealStembureauKey, type DemoElection } from '@ovs/election';
import { createBallotContext, encodeSignedBallot, type Ballot, type BallotContext } from '@ovs/ballot';
import { randomBallot as randomVoterBallot } from '@ovs/ballot/testing';
import { createNodeStickIo, openStickPair, prepareStick, type OpenPairOptions, type StickIo, type StickPair } from '../src/index.ts';

export const FAST_SCRYPT = { N: 1024, r: 8, p: 1 };
export const STATION = 3;
export const SOFTWARE = sha256(utf8('test software'));

let cached: DemoElection | undefined;
export const demo = (): DemoElection => (cached ??= generateDemoElection({ scrypt: FAST_SCRYPT }));

let context: BallotContext | undefined;
export const demoContext = (): BallotContext => {
  const d = demo();
  return (context ??= createBallotContext({ election: d.election, hash: sha256(d.bytes) }));
};

const signers = new Map<number, Signer>();
export async function stembureau(station = STATION): Promise<Signer> {
  const known = signers.get(station);
  if (known) return known;
  const d = demo();
  const r = await unsealStembureauKey(d.election, station, d.passwords.get(station) ?? '');
  if (!r.ok) throw new Error(`unseal: ${r.error}`);
  signers.set(station, r.value);
  return r.value;
}

const base = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();

export async function tempDir(t: { teardown: (fn: () => Promise<void>) => void }, label = 'stick'): Promise<string> {
  const dir = await mkdtemp(join(base, `ovs-${label}-`));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

export async function preparedStick(t: { teardown: (fn: () => Promise<void>) => void }, options: { station?: number; capacity?: number } = {}): Promise<string> {
  const dir = await tempDir(t);
  const d = demo();
  const r = await prepareStick(dir, {
    packageBytes: d.bytes,
    packageSignature: d.signature,
    organiserPublicKey: d.organiser.publicKey,
    station: options.station ?? STATION,
    capacity: options.capacity ?? 64,
  });
  if (!r.ok) throw new Error(`prepare: ${r.error.message}`);
  return dir;
}

export async function pairOptions(a: StickIo | string, b: StickIo | string, extra: Partial<OpenPairOptions> = {}): Promise<OpenPairOptions> {
  const d = demo();
  return {
    a: typeof a === 'string' ? createNodeStickIo(a) : a,
    b: typeof b === 'string' ? createNodeStickIo(b) : b,
    organiserPublicKey: d.organiser.publicKey,
    station: STATION,
    stembureau: await stembureau(),
    software: SOFTWARE,
    ...extra,
  };
}

export async function openPair(a: StickIo | string, b: StickIo | string, extra: Partial<OpenPairOptions> = {}): Promise<StickPair> {
  const r = await openStickPair(await pairOptions(a, b, extra));
  if (!r.ok) throw new Error(`openStickPair: ${r.error.message}`);
  return r.value.pair;
}

/** A random valid vote for the station, as a voter of category belg (or eu: first election only). */
export function randomBallot(random: SeededRandom | undefined, station = STATION, options: { test?: boolean; onlyFirst?: boolean } = {}): Ballot {
  const r = random ?? new SeededRandom(Buffer.from(randomBytes(8)).toString('hex'));
  return randomVoterBallot(demoContext(), station, r, { ...options, preferenceRate: 0.1 });
}

export function signBallot(pair: StickPair, ballot: Ballot): Uint8Array {
  const secrets = pair.secrets;
  if (!secrets) throw new Error('no secrets');
  const r = encodeSignedBallot(demoContext(), ballot, new Signer(secrets.sessionPrivateKey));
  if (!r.ok) throw new Error(`encode: ${r.error}`);
  return r.value;
}

export async function castBallots(pair: StickPair, n: number, random = new SeededRandom('cast')): Promise<Ballot[]> {
  const out: Ballot[] = [];
  for (let i = 0; i < n; i++) {
    const ballot = randomBallot(random);
    const r = await pair.registerBallot(signBallot(pair, ballot), ballot);
    if (r.outcome !== 'stored') throw new Error(`register: ${r.outcome}`);
    out.push(ballot);
  }
  return out;
}

export const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
