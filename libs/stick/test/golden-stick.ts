// A deterministic closed stick: seeded randomness and a fixed clock, so the same code writes
// the same bytes. The committed copy in test/golden/stick/ pins the format.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SeededRandom, toBase64 } from '@ovs/crypto';
import { createNodeStickIo, openStickPair, prepareStick } from '../src/index.ts';
import { demo, randomBallot, signBallot, SOFTWARE, stembureau, STATION } from './support.ts';

export async function writeGoldenStick(dirA: string, dirB: string): Promise<void> {
  const d = demo();
  for (const dir of [dirA, dirB]) {
    await mkdir(dir, { recursive: true });
    const r = await prepareStick(dir, { packageBytes: d.bytes, packageSignature: d.signature, organiserPublicKey: d.organiser.publicKey, station: STATION, capacity: 16 });
    if (!r.ok) throw new Error(r.error.message);
  }
  const random = new SeededRandom('golden-stick');
  let clock = Date.parse('2024-10-13T06:45:00.000Z');
  const now = (): Date => new Date((clock += 61_000));
  const opened = await openStickPair({
    a: createNodeStickIo(dirA),
    b: createNodeStickIo(dirB),
    organiserPublicKey: d.organiser.publicKey,
    station: STATION,
    stembureau: await stembureau(),
    software: SOFTWARE,
    now,
    random: (n) => random.bytes(n),
  });
  if (!opened.ok) throw new Error(opened.error.message);
  const pair = opened.value.pair;
  await pair.appendEvent({ type: 'activation-card' });
  await pair.appendEvent({ type: 'test-card', category: 'belg' });
  await pair.appendEvent({ type: 'box-empty' });
  await pair.appendEvent({ type: 'voting-opened' });
  const votes = random.fork('votes');
  for (let i = 0; i < 5; i++) {
    await pair.appendEvent({ type: 'voter-card', category: i === 4 ? 'eu' : 'belg', proxy: i === 2, replacement: false });
    const ballot = randomBallot(votes, STATION, { onlyFirst: i === 4 });
    await pair.registerBallot(signBallot(pair, ballot), ballot);
  }
  await pair.appendEvent({ type: 'incident', id: 1, kind: 'defect', description: 'Printer stemcomputer 2 zonder papier.', calledAt: '2024-10-13T09:00:00.000Z', repairedAt: '2024-10-13T09:20:00.000Z' });
  const closed = await pair.close({ annulledBallots: 0, testBallots: 1 });
  if (!closed.ok) throw new Error('close');
  await pair.release();
}

export async function writeGoldenKeys(dir: string): Promise<void> {
  const d = demo();
  await writeFile(join(dir, 'keys.json'), JSON.stringify({ organiserPublicKey: toBase64(d.organiser.publicKey), hoofdbureauPrivateKey: toBase64(d.hoofdbureau.privateKey) }, null, 2) + '\n');
}
