// Fixtures for the console tests: the demo election (cheap scrypt), two prepared sticks in
// /dev/shm, simulated devices, and a started console with a paired ballot-box client.
import { mkdtemp, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SeededRandom, Signer} from '@ovs/crypto';
import { sha256, utf8 } from '@ovs/crypto';
import { generateDemoElection, type DemoElection } from '@ovs/election';
import { createBallotContext, encodeSignedBallot, HASH_PREFIX_BYTES, type Ballot, type BallotContext } from '@ovs/ballot';
import { randomBallot } from '@ovs/ballot/testing';
import { openActivationCardBytes, TEST_ACTIVATION_KDF } from '@ovs/card';
import { createLinkClient, decodePairingCode, type LinkClient } from '@ovs/link';
import { prepareStick } from '@ovs/stick';
import { createSimulatedConsoleDevices, createSimulatedSticks, startConsole, type ConsoleHandle, type ConsoleLogEntry, type SimulatedConsoleDevices, type SimulatedSticks, type StartConsoleOptions } from '../src/index.ts';

export const FAST_SCRYPT = { N: 1024, r: 8, p: 1 };
export const STATION = 3;
export const SOFTWARE = sha256(utf8('console test software'));

let cached: DemoElection | undefined;
export const demo = (): DemoElection => (cached ??= generateDemoElection({ scrypt: FAST_SCRYPT }));
let ctx: BallotContext | undefined;
export const context = (): BallotContext => (ctx ??= createBallotContext({ election: demo().election, hash: sha256(demo().bytes) }));
export const password = (station = STATION): string => demo().passwords.get(station) ?? '';

type Teardown = { teardown: (fn: () => Promise<void> | void) => void };
const base = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();

export async function tempDir(t: Teardown, label = 'console'): Promise<string> {
  const dir = await mkdtemp(join(base, `ovs-${label}-`));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

export async function prepared(t: Teardown, options: { station?: number; capacity?: number } = {}): Promise<string> {
  const dir = await tempDir(t, 'stick');
  const d = demo();
  const r = await prepareStick(dir, { packageBytes: d.bytes, packageSignature: d.signature, organiserPublicKey: d.organiser.publicKey, station: options.station ?? STATION, capacity: options.capacity ?? 64 });
  if (!r.ok) throw new Error(r.error.message);
  return dir;
}

export interface Rig {
  handle: ConsoleHandle;
  sticks: SimulatedSticks;
  devices: SimulatedConsoleDevices;
  dirs: { A: string; B: string };
  log: ConsoleLogEntry[];
}

export async function startRig(t: Teardown, options: Partial<StartConsoleOptions> & { dirs?: { A: string; B: string }; capacity?: number } = {}): Promise<Rig> {
  const dirs = options.dirs ?? { A: await prepared(t, { capacity: options.capacity ?? 64 }), B: await prepared(t, { capacity: options.capacity ?? 64 }) };
  const sticks = createSimulatedSticks(dirs);
  const devices = createSimulatedConsoleDevices();
  const log: ConsoleLogEntry[] = [];
  const handle = await startConsole({
    station: STATION,
    organiserPublicKey: demo().organiser.publicKey,
    sticks,
    devices,
    pollMs: 0,
    ui: false,
    software: SOFTWARE,
    log: (e) => log.push(e),
    activationKdf: TEST_ACTIVATION_KDF,
    ...options,
  });
  t.teardown(async () => {
    await handle.stop();
    await devices.reader.close();
  });
  return { handle, sticks, devices, dirs, log };
}

/** The ballot box's client, paired with the pairing code the console would print. */
export function boxClient(rig: Rig): LinkClient {
  const code = rig.handle.pairingCode();
  if (!code) throw new Error('no pairing code');
  const d = demo();
  const station = d.election.pollingStations.find((s) => s.number === STATION);
  const hashPrefix = sha256(d.bytes).subarray(0, HASH_PREFIX_BYTES);
  const stembureauPublicKey = new Uint8Array(Buffer.from(station?.stembureauKey.publicKey ?? '', 'base64'));
  const paired = decodePairingCode(code, { hashPrefix, station: STATION, stembureauPublicKey });
  if (!paired.ok) throw new Error(paired.error);
  return createLinkClient({ baseUrl: rig.handle.linkUrl, linkKey: paired.value, binding: { station: STATION, hashPrefix }, stembureauPublicKey });
}

/** The card check a voting computer of this station makes (package hash prefix, station, stembureau key). */
export function stationExpectation(): { hashPrefix: Uint8Array; station: number; stembureauPublicKey: Uint8Array } {
  const d = demo();
  const station = d.election.pollingStations.find((s) => s.number === STATION);
  return { hashPrefix: sha256(d.bytes).subarray(0, HASH_PREFIX_BYTES), station: STATION, stembureauPublicKey: Buffer.from(station?.stembureauKey.publicKey ?? '', 'base64') };
}

/** The session key a voting computer gets from the last activation card the console wrote, with the code its screen showed. */
export async function sessionFromActivation(rig: Rig, code: string | undefined): Promise<Signer> {
  const card = rig.devices.cards.findLast((c) => c.payload[1] === 2);
  if (!card) throw new Error('no activation card');
  const r = await openActivationCardBytes(card.payload, code ?? '', stationExpectation());
  if (!r.ok) throw new Error(r.error);
  return r.value.session;
}

export function ballot(random: SeededRandom, options: { test?: boolean; onlyFirst?: boolean; station?: number } = {}): Ballot {
  return randomBallot(context(), options.station ?? STATION, random, options);
}

export function signed(session: Signer, b: Ballot): Uint8Array {
  const r = encodeSignedBallot(context(), b, session);
  if (!r.ok) throw new Error(r.error.code);
  return r.value;
}

/** Unlock, activate one voting computer, pair the box, report the box empty, open voting. */
export async function openForVoting(rig: Rig): Promise<{ box: LinkClient; session: Signer }> {
  const u = await rig.handle.core.unlock(password());
  if (!u.ok) throw new Error(u.message);
  const a = await rig.handle.core.issueActivationCard();
  if (!a.ok) throw new Error(a.message);
  const box = boxClient(rig);
  const e = await box.event({ kind: 'box-empty' });
  if (!e.ok) throw new Error(e.error);
  const o = await rig.handle.core.openVoting(true);
  if (!o.ok) throw new Error(o.message);
  return { box, session: await sessionFromActivation(rig, a.activationCode) };
}

/** The president answering every print prompt (each copy of the PV and the kerncijferrapport, the envelope label). */
export async function printAll(core: ConsoleHandle['core']): Promise<void> {
  for (let i = 0; i < 20 && core.snapshot().prints; i++) {
    const r = await core.printNext();
    if (!r.ok) throw new Error(r.message);
  }
}

/** The text of an uncompressed pdfkit PDF: each TJ array's hex strings, decoded. */
export function pdfText(pdf: Buffer): string {
  const out: string[] = [];
  for (const m of pdf.toString('latin1').matchAll(/\[([^\]]*)\] TJ/g)) {
    const hex = [...(m[1] ?? '').matchAll(/<([0-9a-f]*)>/g)].map((x) => x[1]).join('');
    out.push(Buffer.from(hex, 'hex').toString('latin1'));
  }
  return out.join('\n');
}
