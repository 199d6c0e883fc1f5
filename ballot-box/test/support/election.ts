// Fixtures: the demo election with cheap scrypt, its verified package, and printed ballots —
// signed with a session key, rendered as the ballot printer renders the code (QR 11-Q, 4 dots
// per module) inside a mock ticket, as PNG bytes or as a camera frame of the box.
import { generateSigningKeyPair, SeededRandom, sha256, Signer } from '@ovs/crypto';
import { generateDemoElection, unsealStembureauKey, verifyPackage, type DemoElection, type VerifiedPackage } from '@ovs/election';
import { createBallotContext, encodeSignedBallot, HASH_PREFIX_BYTES, issueSessionCertificate, type Ballot, type BallotContext } from '@ovs/ballot';
import { randomBallot } from '@ovs/ballot/testing';
import { bitmapToGray, bitmapToPng, encodeQr, renderQr, type GrayImage } from '@ovs/barcode';
import { mockBallot, photographBallot } from '@ovs/barcode/degrade';

export const FAST_SCRYPT = { N: 1024, r: 8, p: 1 };
export const STATION = 3;

let cached: DemoElection | undefined;
export const demo = (): DemoElection => (cached ??= generateDemoElection({ scrypt: FAST_SCRYPT }));

let otherCached: DemoElection | undefined;
/** Another election (another seed): its ballots are of another package. */
export const otherDemo = (): DemoElection => (otherCached ??= generateDemoElection({ seed: 'elders-2024', scrypt: FAST_SCRYPT }));

export function verified(d: DemoElection = demo()): VerifiedPackage {
  const r = verifyPackage(d.bytes, d.signature, d.organiser.publicKey);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

let ctx: BallotContext | undefined;
export const context = (): BallotContext => (ctx ??= createBallotContext({ election: demo().election, hash: sha256(demo().bytes) }));
let otherCtx: BallotContext | undefined;
export const otherContext = (): BallotContext => (otherCtx ??= createBallotContext({ election: otherDemo().election, hash: sha256(otherDemo().bytes) }));

export const hashPrefix = (d: DemoElection = demo()): Uint8Array => sha256(d.bytes).subarray(0, HASH_PREFIX_BYTES);

export function stembureauPublicKey(station = STATION, d: DemoElection = demo()): Uint8Array {
  const s = d.election.pollingStations.find((x) => x.number === station);
  return new Uint8Array(Buffer.from(s?.stembureauKey.publicKey ?? '', 'base64'));
}

export async function stembureau(station = STATION, d: DemoElection = demo()): Promise<Signer> {
  const r = await unsealStembureauKey(d.election, station, d.passwords.get(station) ?? '');
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

/** A session key and its certificate, as the console makes them at opening (without a console). */
export async function session(station = STATION, d: DemoElection = demo()): Promise<{ signer: Signer; certificate: Uint8Array }> {
  const keys = generateSigningKeyPair();
  const signer = new Signer(keys.privateKey);
  return { signer, certificate: issueSessionCertificate(hashPrefix(d), station, signer.publicKey, await stembureau(station, d)) };
}

/** A random valid vote for `station` (a voter of category belg, or only the first election). */
export function ballot(random: SeededRandom, options: { test?: boolean; onlyFirst?: boolean; station?: number; context?: BallotContext } = {}): Ballot {
  return randomBallot(options.context ?? context(), options.station ?? STATION, random, options);
}

export function sign(signer: Signer, b: Ballot, c: BallotContext = context()): Uint8Array {
  const r = encodeSignedBallot(c, b, signer);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.detail}`);
  return r.value;
}

function ticket(payload: Uint8Array, seed: number): ReturnType<typeof mockBallot> {
  const qr = encodeQr(payload);
  if (!qr.ok) throw new Error(qr.error);
  return mockBallot(renderQr(qr.value.matrix), { seed });
}

/** The printed ticket as the simulated printer's PNG: what the demo feeds the box. */
export const ballotPng = (payload: Uint8Array, seed = 1): Uint8Array => bitmapToPng(ticket(payload, seed));

/** The printed ticket as gray pixels at printer resolution. */
export const ballotGray = (payload: Uint8Array, seed = 1): GrayImage => bitmapToGray(ticket(payload, seed));

/** The ticket as the box's camera sees it (1280 × 960, tilted, blurred, noisy). */
export const ballotPhoto = (payload: Uint8Array, seed = 1): { width: number; height: number; data: Uint8Array } => asFrame(photographBallot(ballotGray(payload, seed), { seed }));

/** A gray image as a camera frame (the devices take Uint8Array pixels). */
export const asFrame = (img: GrayImage): { width: number; height: number; data: Uint8Array } => ({ width: img.width, height: img.height, data: new Uint8Array(img.data) });

export const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
export const b64 = (b: Uint8Array): string => Buffer.from(b).toString('base64');

export { SeededRandom };
