// Ballot secrecy at the box: after a day of scans, re-scans, refusals and faults, neither the box
// log (in memory and on disk), nor anything its display showed, nor its HTTP answers, nor any file
// it wrote holds a ballot id, the signed bytes or a word of a vote.
import t from 'tap';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Ballot } from '@ovs/ballot';
import { ballot, ballotPng, b64, context, hex, SeededRandom, sign } from './support/election.ts';
import { openDay, tempDir } from './support/rig.ts';
import { damagedPng, presentAndRun } from './support/scans.ts';

t.test('no ballot id, no signed bytes, no vote in anything the box keeps or shows', async (t) => {
  const dir = await tempDir(t, 'log');
  const logFile = join(dir, 'stembus.log');
  const day = await openDay(t, { box: { logFile, port: 0 } });
  const shown: string[] = [];
  day.box.onDisplay((v) => shown.push(JSON.stringify(v)));
  const random = new SeededRandom('secret');
  const ballots: Array<{ ballot: Ballot; signed: Uint8Array }> = [];
  const cast = async (): Promise<Uint8Array> => {
    const b = ballot(random);
    const signed = sign(day.session, b);
    ballots.push({ ballot: b, signed });
    return ballotPng(signed);
  };
  for (let i = 0; i < 4; i++) {
    t.equal((await presentAndRun(day, await cast())).state, 'flap-open');
    await day.deposit();
  }
  const slow = await cast();
  await presentAndRun(day, slow);
  await day.run(5500);
  await presentAndRun(day, slow); // the re-scan
  await day.deposit();
  await presentAndRun(day, slow); // a duplicate
  await presentAndRun(day, damagedPng(sign(day.session, ballot(random))));
  day.link.plan.register.push('drop-answer');
  await presentAndRun(day, await cast());
  await day.deposit();
  const http = await (await fetch(new URL('/api/display', day.box.url!))).text();

  const stored = await readFile(logFile, 'utf8');
  const haystacks = [JSON.stringify(day.box.log()), stored, shown.join('\n'), http];
  const names = (b: Ballot): string[] =>
    b.vote.elections.flatMap((ev) => {
      if (ev.choice.kind === 'blank') return [];
      const list = context().pkg.elections.find((e) => e.id === ev.election)?.lists.find((l) => l.number === (ev.choice as { list: number }).list);
      return [list?.name ?? '', ...ev.choice.candidates.map((p) => list?.candidates[p - 1]?.lastName ?? '')].filter((n) => n.length > 3);
    });
  let needles = 0;
  for (const { ballot: b, signed } of ballots) {
    for (const needle of [hex(b.ballotId), hex(b.ballotId).toUpperCase(), b64(b.ballotId), b64(signed), hex(signed), b64(signed.subarray(0, 40)), ...names(b)]) {
      needles++;
      for (const h of haystacks) if (h.includes(needle)) t.fail(`found ${needle.slice(0, 12)}… in the box's output`);
    }
  }
  t.ok(needles > 40, `${needles} needles looked for in ${haystacks.length} haystacks`);
  t.ok(stored.includes('"refused"') && stored.includes('"reopened"'), 'the log does say what happened');
  t.same(await readdir(dir), ['stembus.log'], 'the box wrote no other file');

  // Issue 11: no deposit, scan or refusal dated more finely than the hour, in memory or on disk.
  const HOUR = 3_600_000;
  const perVoter = new Set(['refused', 'registered', 'reopened', 'flap-open', 'deposit', 'flap-closed', 'retry', 'unresolved', 'controller', 'notice']);
  const onDisk = stored.split('\n').filter((l) => l.length > 0).map((l) => JSON.parse(l) as { at: number; entry: { kind: string } });
  for (const [where, records] of [['memory', day.box.log()], ['file', onDisk]] as const) {
    const voter = records.filter((r) => perVoter.has(r.entry.kind));
    t.ok(voter.length > 20, `${where}: ${voter.length} entries about a voter's ballot`);
    t.equal(voter.filter((r) => r.at % HOUR !== 0).length, 0, `${where}: each of them dated to the hour only`);
  }
});
