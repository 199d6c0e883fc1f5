// The two sticks: registration latency (p50/p95) and throughput with the sticks on tmpfs and
// on disk — the write alone (A, fdatasync, B, fdatasync) and end to end through the console's
// link over loopback (verify + write + authenticated answer) — and verify() of a closed stick
// of 900 and of 10,000 ballots, next to the crypto limit measured in the same run.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { aeadOpen, aeadSeal, randomBytes, SeededRandom, sha256, Signer, utf8, Verifier, withDomain } from '@ovs/crypto';
import { generateDemoElection, unsealStembureauKey, verifyPackage } from '@ovs/election';
import { createBallotContext, encodeSignedBallot, HASH_PREFIX_BYTES, type Ballot, type BallotContext } from '@ovs/ballot';
import { createNodeStickIo, openStickPair, prepareStick, verifyStick, type StickPair } from '@ovs/stick';
import { createLinkClient, decodePairingCode } from '@ovs/link';
import { openActivationCardBytes } from '@ovs/card';
import { createSimulatedConsoleDevices, createSimulatedSticks, startConsole } from '@ovs/president-console';
import { median, opsPerSecond, p95, round } from './stats.ts';
import { randomBallot } from '@ovs/ballot/testing';
import type { BenchFn } from './types.ts';

const STATION = 3;
const SOFTWARE = sha256(utf8('bench'));

export const bench: BenchFn = async ({ quick }) => {
  const demo = generateDemoElection({ scrypt: { N: 1024, r: 8, p: 1 } });
  const verified = verifyPackage(demo.bytes, demo.signature, demo.organiser.publicKey);
  if (!verified.ok) throw new Error(verified.error.message);
  const context = createBallotContext(verified.value);
  const unsealed = await unsealStembureauKey(demo.election, STATION, demo.passwords.get(STATION) ?? '');
  if (!unsealed.ok) throw new Error(unsealed.error);
  const stembureau = unsealed.value;
  const cleanup: string[] = [];
  const dir = async (base: string): Promise<string> => {
    const d = await mkdtemp(join(base, 'ovs-bench-stick-'));
    cleanup.push(d);
    return d;
  };
  const prepared = async (base: string, capacity: number): Promise<string> => {
    const d = await dir(base);
    const r = await prepareStick(d, { packageBytes: demo.bytes, packageSignature: demo.signature, organiserPublicKey: demo.organiser.publicKey, station: STATION, capacity });
    if (!r.ok) throw new Error(r.error.message);
    return d;
  };
  const random = new SeededRandom('bench-stick');
  const bases: Array<[string, string]> = [
    ['tmpfs', existsSync('/dev/shm') ? '/dev/shm' : tmpdir()],
    ['disk', join(process.cwd(), 'tmp')],
  ];
  await mkdir(join(process.cwd(), 'tmp'), { recursive: true });

  const results: Record<string, unknown> = {};
  const table: Array<[string, string]> = [];
  try {
    const n = quick ? 150 : 600;
    for (const [medium, base] of bases) {
      // The write alone.
      const pair = await openPair(await prepared(base, 4096), await prepared(base, 4096));
      await pair.appendEvent({ type: 'voting-opened' });
      const session = new Signer(pair.secrets?.sessionPrivateKey as Uint8Array);
      const ballots = Array.from({ length: n }, () => randomBallot(context, STATION, random, { preferenceRate: 0.1 }));
      const signed = ballots.map((b) => sign(context, b, session));
      const times: number[] = [];
      const start = process.hrtime.bigint();
      for (let i = 0; i < n; i++) {
        const t0 = process.hrtime.bigint();
        const r = await pair.registerBallot(signed[i] as Uint8Array, ballots[i] as Ballot);
        times.push(Number(process.hrtime.bigint() - t0) / 1e6);
        if (r.outcome !== 'stored') throw new Error(r.outcome);
      }
      const total = Number(process.hrtime.bigint() - start) / 1e9;
      await pair.release();
      results[`write_${medium}`] = { ballots: n, p50Ms: round(median(times)), p95Ms: round(p95(times)), perSecond: round(n / total, 1) };
      table.push([`write ${medium} p50/p95`, `${round(median(times))} / ${round(p95(times))} ms, ${round(n / total, 0)}/s`]);

      // End to end: box client → link → console (verify, write A+B) → authenticated answer.
      const link = await viaConsole(await prepared(base, 4096), await prepared(base, 4096), n);
      results[`link_${medium}`] = link;
      table.push([`link ${medium} p50/p95`, `${link.p50Ms} / ${link.p95Ms} ms, ${link.perSecond}/s`]);
    }

    // verify() of closed sticks.
    const base = bases[0]?.[1] as string;
    const sizes = quick ? [900, 2000] : [900, 10000];
    for (const size of sizes) {
      const a = await prepared(base, Math.max(1024, size * 2));
      const b = await prepared(base, Math.max(1024, size * 2));
      const pair = await openPair(a, b);
      await pair.appendEvent({ type: 'voting-opened' });
      const session = new Signer(pair.secrets?.sessionPrivateKey as Uint8Array);
      for (let i = 0; i < size; i++) {
        const ballot = randomBallot(context, STATION, random, { preferenceRate: 0.1 });
        await pair.appendEvent({ type: 'voter-card', category: 'belg', proxy: false, replacement: false });
        const r = await pair.registerBallot(sign(context, ballot, session), ballot);
        if (r.outcome !== 'stored') throw new Error(r.outcome);
      }
      const closed = await pair.close({ annulledBallots: 0, testBallots: 0 });
      if (!closed.ok) throw new Error('close');
      await pair.release();
      const runs: number[] = [];
      for (let i = 0; i < (quick ? 2 : 5); i++) {
        const t0 = process.hrtime.bigint();
        const v = await verifyStick(a, { organiserPublicKey: demo.organiser.publicKey, hoofdbureauPrivateKey: demo.hoofdbureau.privateKey });
        runs.push(Number(process.hrtime.bigint() - t0) / 1e6);
        if (!v.ok || v.value.ballots?.length !== size) throw new Error(v.ok ? 'count' : v.error.message);
      }
      const ms = median(runs);
      results[`verify_${size}`] = { ballots: size, medianMs: round(ms, 1), ballotsPerSecond: round((size / ms) * 1000, 0) };
      table.push([`verify ${size} ballots`, `${round(ms, 1)} ms (${round((size / ms) * 1000, 0)} ballots/s)`]);
    }

    // The crypto limit on this machine, now: one AEAD open of a slot + one Ed25519 verify.
    const key = randomBytes(32);
    const nonce = randomBytes(12);
    const sealed = aeadSeal(key, nonce, randomBytes(227));
    const s = new Signer(randomBytes(32));
    const v = Verifier.from(s.publicKey) as Verifier;
    const msg = randomBytes(34);
    const sig = s.sign(withDomain('ballot', msg));
    const aead = opsPerSecond(() => aeadOpen(key, nonce, sealed), quick ? 200 : 800);
    const ed = opsPerSecond(() => v.verify(withDomain('ballot', msg), sig), quick ? 200 : 800);
    const limit = 1 / (1 / aead + 1 / ed);
    results.cryptoLimitBallotsPerSecond = round(limit, 0);
    table.push(['crypto limit (AEAD + Ed25519)', `${round(limit, 0)} ballots/s per core`]);
  } finally {
    for (const d of cleanup) await rm(d, { recursive: true, force: true });
  }
  return { key: 'stick', results, table };

  async function openPair(a: string, b: string): Promise<StickPair> {
    const r = await openStickPair({ a: createNodeStickIo(a), b: createNodeStickIo(b), organiserPublicKey: demo.organiser.publicKey, station: STATION, stembureau, software: SOFTWARE });
    if (!r.ok) throw new Error(r.error.message);
    return r.value.pair;
  }

  async function viaConsole(a: string, b: string, n: number): Promise<{ ballots: number; p50Ms: number; p95Ms: number; perSecond: number }> {
    const devices = createSimulatedConsoleDevices();
    const handle = await startConsole({
      station: STATION,
      organiserPublicKey: demo.organiser.publicKey,
      sticks: createSimulatedSticks({ A: a, B: b }),
      devices,
      pollMs: 0,
      ui: false,
      software: SOFTWARE,
    });
    try {
      const core = handle.core;
      const u = await core.unlock(demo.passwords.get(STATION) ?? '');
      if (!u.ok) throw new Error(u.message);
      const station = demo.election.pollingStations.find((x) => x.number === STATION);
      const binding = { station: STATION, hashPrefix: verifiedHash().subarray(0, HASH_PREFIX_BYTES) };
      const stembureauPublicKey = new Uint8Array(Buffer.from(station?.stembureauKey.publicKey ?? '', 'base64'));
      const paired = decodePairingCode(handle.pairingCode() as Uint8Array, { ...binding, stembureauPublicKey });
      if (!paired.ok) throw new Error(paired.error);
      const box = createLinkClient({ baseUrl: handle.linkUrl, linkKey: paired.value, binding, stembureauPublicKey });
      await box.event({ kind: 'box-empty' });
      const o = await core.openVoting(true);
      if (!o.ok) throw new Error(o.message);
      const issued = await core.issueActivationCard();
      const card = devices.cards.at(-1);
      const opened = await openActivationCardBytes(card?.payload ?? new Uint8Array(0), issued.ok ? (issued.activationCode ?? '') : '', {
        hashPrefix: verifiedHash().subarray(0, HASH_PREFIX_BYTES),
        station: STATION,
        stembureauPublicKey: Buffer.from(station?.stembureauKey.publicKey ?? '', 'base64'),
      });
      if (!opened.ok) throw new Error(opened.error);
      const session = opened.value.session;
      const signed = Array.from({ length: n }, () => sign(context, randomBallot(context, STATION, random, { preferenceRate: 0.1 }), session));
      const times: number[] = [];
      const start = process.hrtime.bigint();
      for (const bytes of signed) {
        const t0 = process.hrtime.bigint();
        const r = await box.register(bytes);
        times.push(Number(process.hrtime.bigint() - t0) / 1e6);
        if (!r.ok || r.value.outcome !== 'registered') throw new Error(JSON.stringify(r));
      }
      const total = Number(process.hrtime.bigint() - start) / 1e9;
      return { ballots: n, p50Ms: round(median(times)), p95Ms: round(p95(times)), perSecond: round(n / total, 1) };
    } finally {
      await handle.stop();
      await devices.reader.close();
    }
  }

  function verifiedHash(): Uint8Array {
    return (verified as { ok: true; value: { hash: Uint8Array } }).value.hash;
  }
};


function sign(context: BallotContext, ballot: Ballot, session: Signer): Uint8Array {
  const r = encodeSignedBallot(context, ballot, session);
  if (!r.ok) throw new Error(r.error.code);
  return r.value;
}
