// The polling station on loopback: the real president console (startConsole, simulated sticks
// in /dev/shm, simulated card writer and printer) and the ballot box (startBallotBox, simulated
// scanner and flap controller) on a clock the test moves by hand. The link between them is
// real HTTP; a fault-injecting fetch lets a test cut it at any step.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sha256, utf8, type Signer } from '@ovs/crypto';
import { openActivationCardBytes, TEST_ACTIVATION_KDF } from '@ovs/card';
import { ManualTimers } from '@ovs/devices/testing';
import { createHttpTransport, createLinkClient, DATA_FRAME_BYTES, type BoxEvent, type LinkCall, type LinkClient, type LinkClientOptions, type Transport } from '@ovs/link';
import { prepareStick } from '@ovs/stick';
import { createSimulatedConsoleDevices, createSimulatedSticks, startConsole, type ConsoleHandle, type SimulatedConsoleDevices, type SimulatedSticks } from '@ovs/president-console';
import { startBallotBox, type BallotBoxHandle, type BallotBoxOptions, type PresentResult } from '../../src/index.ts';
import { demo, hashPrefix, STATION, stembureauPublicKey, verified } from './election.ts';

export type Teardown = { teardown: (fn: () => Promise<void> | void) => void };

const base = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();

export async function tempDir(t: Teardown, label: string): Promise<string> {
  const dir = await mkdtemp(join(base, `ovs-box-${label}-`));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

async function preparedStick(t: Teardown, capacity: number): Promise<string> {
  const dir = await tempDir(t, 'stick');
  const d = demo();
  const r = await prepareStick(dir, { packageBytes: d.bytes, packageSignature: d.signature, organiserPublicKey: d.organiser.publicKey, station: STATION, capacity });
  if (!r.ok) throw new Error(r.error.message);
  return dir;
}

export interface ConsoleRig {
  handle: ConsoleHandle;
  sticks: SimulatedSticks;
  devices: SimulatedConsoleDevices;
}

export async function startConsoleRig(t: Teardown, options: { capacity?: number } = {}): Promise<ConsoleRig> {
  const capacity = options.capacity ?? 64;
  const sticks = createSimulatedSticks({ A: await preparedStick(t, capacity), B: await preparedStick(t, capacity) });
  const devices = createSimulatedConsoleDevices();
  const handle = await startConsole({
    station: STATION,
    organiserPublicKey: demo().organiser.publicKey,
    sticks,
    devices,
    pollMs: 0,
    ui: false,
    software: sha256(utf8('ballot-box test')),
    activationKdf: TEST_ACTIVATION_KDF,
  });
  t.teardown(async () => {
    await handle.stop();
    await devices.reader.close();
  });
  return { handle, sticks, devices };
}

/** Unlock with the envelope password and write one activation card: returns the voting computers' session key. */
export async function unlockConsole(rig: ConsoleRig): Promise<Signer> {
  const d = demo();
  const u = await rig.handle.core.unlock(d.passwords.get(STATION) ?? '');
  if (!u.ok) throw new Error(u.message);
  const a = await rig.handle.core.issueActivationCard();
  if (!a.ok) throw new Error(a.message);
  const card = rig.devices.cards.findLast((c) => c.payload[1] === 2);
  if (!card) throw new Error('no activation card');
  const r = await openActivationCardBytes(card.payload, a.activationCode ?? '', { hashPrefix: hashPrefix(), station: STATION, stembureauPublicKey: stembureauPublicKey() });
  if (!r.ok) throw new Error(r.error);
  return r.value.session;
}

export type Fault = 'drop-request' | 'drop-answer' | 'timeout-after' | 'corrupt-answer';
type Kind = 'register' | 'status' | 'event';

/**
 * The box's link, failing on purpose: before the request leaves (nothing reached the console),
 * or after the console answered (it acted; the box never hears it), or with an answer altered on
 * the cable. The frames are encrypted and of one size, so the faults are planned per call of the
 * real client, and a corrupted answer is a byte flipped in the real response frame.
 */
export class FaultyLink {
  /** Faults to apply to the next calls of each kind, in order. */
  readonly plan: Record<Kind, Fault[]> = { register: [], status: [], event: [] };
  /** Calls that reached the console, per kind. */
  readonly reached: Record<Kind, number> = { register: 0, status: 0, event: 0 };
  /** While down, every call fails before it leaves (cable pulled). */
  down = false;
  /** Box events the console acknowledged, in order. */
  readonly events: BoxEvent[] = [];
  /** Runs when a registration answer is about to reach the box (a test pulls a cable here). */
  onRegisterAnswer: (() => void) | null = null;
  /** Every body that crossed the cable, both ways: what a tap on it sees. */
  readonly frames: Uint8Array[] = [];
  private readonly http = createHttpTransport();
  private readonly transport: Transport = async (url, headers, body, timeoutMs) => {
    this.frames.push(body);
    const sent = await this.http(url, headers, body, timeoutMs);
    if (sent.ok) this.frames.push(sent.reply.body);
    return sent;
  };
  /** The same cable, but the answer to every data frame has a byte flipped (for one call's own client). */
  private readonly corrupting: Transport = async (url, headers, body, timeoutMs) => {
    const sent = await this.transport(url, headers, body, timeoutMs);
    if (!sent.ok || sent.reply.body.length !== DATA_FRAME_BYTES) return sent;
    const flipped = new Uint8Array(sent.reply.body);
    flipped[40] = (flipped[40] as number) ^ 0x01;
    return { ok: true, reply: { ...sent.reply, body: flipped } };
  };

  /** The client factory for the box (ConsoleLinkOptions.client). */
  readonly client = (options: LinkClientOptions): LinkClient => {
    const inner = createLinkClient({ ...options, transport: this.transport });
    const faulty = async <T>(kind: Kind, call: (client: LinkClient) => Promise<LinkCall<T>>, after?: (r: LinkCall<T>) => void): Promise<LinkCall<T>> => {
      if (this.down) return { ok: false, error: 'unreachable' };
      const fault = this.plan[kind].shift();
      if (fault === 'drop-request') return { ok: false, error: 'unreachable' };
      // A corrupted answer goes through a client of its own, so that no other call in flight gets it.
      const client = fault === 'corrupt-answer' ? createLinkClient({ ...options, transport: this.corrupting }) : inner;
      const r = await call(client);
      if (client !== inner) client.close();
      if (r.ok || (r.error !== 'unreachable' && r.error !== 'timeout')) this.reached[kind]++;
      after?.(r);
      switch (fault) {
        case 'drop-answer':
          return { ok: false, error: 'unreachable' };
        case 'timeout-after':
          return { ok: false, error: 'timeout' };
        case 'corrupt-answer':
        case undefined:
          return r;
        default:
          return fault satisfies 'drop-request';
      }
    };
    return {
      register: (signed, attemptId) => faulty('register', (c) => c.register(signed, attemptId), () => this.onRegisterAnswer?.()),
      status: () => faulty('status', (c) => c.status()),
      event: (event, eventId) =>
        faulty('event', (c) => c.event(event, eventId), (r) => {
          if (r.ok) this.events.push(event);
        }),
      close: () => inner.close(),
    };
  };

  close(): void {
    this.http.close();
  }
}

export interface DayRig {
  console: ConsoleRig;
  box: BallotBoxHandle;
  timers: ManualTimers;
  session: Signer;
  link: FaultyLink;
  /** Ballots stored on the sticks. */
  registered(): number;
  /** The console's alerts for the president, newest last. */
  alerts(): string[];
  /** Moves the box's clock and lets its console calls finish. */
  run(ms: number): Promise<void>;
  /** The voter pushes the ballot in once the flap has finished opening. */
  deposit(): Promise<'deposited' | 'flap-closed'>;
  /** box.present, with the box's clock moving while it waits (retries and flap travel run on it). */
  present(input: Parameters<BallotBoxHandle['present']>[0]): Promise<PresentResult>;
  /** Waits for `p`, moving the box's clock in small steps whenever real I/O alone does not finish it. */
  withClock<T>(p: Promise<T>): Promise<T>;
}

export interface DayOptions {
  /** Stop after pairing, before voting opens. */
  phase?: 'preparation' | 'open';
  box?: Partial<Omit<BallotBoxOptions, 'package' | 'station' | 'console' | 'timers'>>;
  capacity?: number;
  /** Something between box and console: given the console's link address, the address the box dials instead. */
  cable?: (consoleUrl: string) => Promise<string>;
}

/** A console opened with its envelope password, a paired box that reported itself empty, voting open. */
export async function openDay(t: Teardown, options: DayOptions = {}): Promise<DayRig> {
  const rig = await startConsoleRig(t, options.capacity === undefined ? {} : { capacity: options.capacity });
  const session = await unlockConsole(rig);
  const timers = new ManualTimers();
  const link = new FaultyLink();
  t.teardown(() => link.close());
  const code = rig.handle.pairingCode();
  if (!code) throw new Error('no pairing code');
  const box = await startBallotBox({
    package: verified(),
    station: STATION,
    // A generous request timeout: a loaded test machine must not turn into a "lost answer".
    console: { url: options.cable ? await options.cable(rig.handle.linkUrl) : rig.handle.linkUrl, pairingCode: code, client: link.client, timeoutMs: 30_000 },
    timers,
    flapOpenMs: 5000,
    scan: { unreadableGraceMs: 0 },
    ...options.box,
  });
  t.teardown(() => box.stop());
  const day: DayRig = {
    console: rig,
    box,
    timers,
    session,
    link,
    registered: () => rig.handle.core.snapshot().counters?.registered ?? 0,
    alerts: () => rig.handle.core.snapshot().alerts.map((a) => a.message),
    async run(ms) {
      await timers.run(ms);
      await day.withClock(box.settled());
    },
    async deposit() {
      await timers.run(200);
      const r = await day.withClock(box.deposit());
      await timers.run(200);
      return r;
    },
    present: (input) => day.withClock(box.present(input)),
    async withClock(p) {
      let done = false;
      const watched = p.finally(() => {
        done = true;
      });
      for (let i = 0; i < 4000 && !done; i++) {
        await Promise.race([watched, new Promise((r) => setTimeout(r, 5))]);
        if (!done) await timers.run(250);
      }
      return watched;
    },
  };
  await box.until((b) => b.phase === 'preparation');
  if (options.phase === 'preparation') return day;
  await openVoting(day);
  return day;
}

/** The box reports itself empty, the president opens voting, the box hears it. */
export async function openVoting(day: DayRig): Promise<void> {
  day.box.confirmBoxEmpty();
  await waitFor(() => day.console.handle.core.snapshot().box.emptyRecorded);
  const o = await day.console.handle.core.openVoting(true);
  if (!o.ok) throw new Error(o.message);
  await pollUntil(day, (phase) => phase === 'open');
}

/** Lets the box poll the console (on its own clock) until `done` holds for the phase it sees. */
export async function pollUntil(day: DayRig, done: (phase: string) => boolean): Promise<void> {
  for (let i = 0; i < 50 && !done(day.box.snapshot().phase); i++) {
    await day.timers.run(1000);
    await new Promise((r) => setTimeout(r, 5));
  }
  if (!done(day.box.snapshot().phase)) throw new Error(`box phase stays ${day.box.snapshot().phase}`);
}

/** Waits for something real I/O will make true (a console event write). */
export async function waitFor(done: () => boolean, tries = 400): Promise<void> {
  for (let i = 0; i < tries && !done(); i++) await new Promise((r) => setTimeout(r, 5));
  if (!done()) throw new Error('waitFor: condition never held');
}
