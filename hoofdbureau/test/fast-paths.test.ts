// The import's fast paths give exactly what the simple definitions give: the counts and vote
// texts written from the decoded bits (stick-count.ts) equal @ovs/results' countChoices and
// vote-text.ts's voteText; the intermediate result written after every import equals
// totalsJson(readTotals()).
import t from 'tap';
import { SeededRandom, sha256 } from '@ovs/crypto';
import { electionsForStation } from '@ovs/election';
import { createBallotContext, encodeBallot, SIGNATURE_BYTES, type Ballot } from '@ovs/ballot';
import { countChoices, type ElectionChoice } from '@ovs/results';
import type { PackedBallots } from '@ovs/stick';
import { countPacked } from '../src/stick/stick-count.ts';
import { packVoteTexts, voteText } from '../src/stick/vote-text.ts';
import { intermediateJson, readTotals, shapeOfElection, totalsJson } from '../src/db/totals.ts';
import { randomVote } from '../src/testing/index.ts';
import { day, demo, demoElection, openHb, sticks } from './support.ts';

t.test('counts and vote texts from the decoded bits equal countChoices and voteText', (t) => {
  const d = demo();
  const context = createBallotContext({ election: d.election, hash: sha256(d.bytes) });
  const random = new SeededRandom('fast count');
  for (const station of [1, 3, 7]) {
    const layouts = context.stations.get(station)!;
    const ballots: Ballot[] = Array.from({ length: 300 }, (_, i) => ({
      test: false,
      pollingStation: station,
      ballotId: random.bytes(16),
      vote: i % 50 === 0 ? { elections: layouts.map((l) => ({ election: l.id, choice: { kind: 'blank' as const } })) } : randomVote(layouts, random, i % 3 === 0),
    }));
    const payloads = ballots.map((b) => {
      const r = encodeBallot(context, b);
      if (!r.ok) throw new Error(r.error);
      return new Uint8Array([...r.payload, ...new Uint8Array(SIGNATURE_BYTES)]);
    });
    const offsets = new Uint32Array(payloads.length + 1);
    payloads.forEach((p, i) => (offsets[i + 1] = offsets[i]! + p.length));
    const signed = new Uint8Array(offsets[payloads.length]!);
    payloads.forEach((p, i) => signed.set(p, offsets[i]));
    const packed: PackedBallots = { count: ballots.length, ids: new Uint8Array(ballots.length * 16), signed, offsets };
    // In package order, as the check gives them.
    const elections = d.election.elections.filter((e) => electionsForStation(d.election, station).some((x) => x.id === e.id));
    const counted = countPacked(context, station, elections, packed);
    if (!counted.ok) throw new Error(counted.error);
    const expected = elections.map((e) => {
      const choices: ElectionChoice[] = [];
      for (const b of ballots) for (const ev of b.vote.elections) if (ev.election === e.id) choices.push(ev.choice);
      const r = countChoices(shapeOfElection(e), choices);
      if (!r.ok) throw new Error(r.error);
      return { election: e.id, tally: r.tally };
    });
    t.same(counted.counted.tallies, expected, `station ${station}: the tallies`);
    t.strictSame(JSON.parse(JSON.stringify(counted.counted.tallies)), JSON.parse(JSON.stringify(expected)), `station ${station}: the same JSON`);
    const texts = packVoteTexts(ballots.map((b) => voteText(b.vote)));
    t.same(counted.counted.voteOffsets, texts.voteOffsets, `station ${station}: the text offsets`);
    t.equal(Buffer.from(counted.counted.voteText).toString(), Buffer.from(texts.voteText).toString(), `station ${station}: the vote texts`);
  }
  t.end();
});

t.test('the intermediate result is totalsJson(readTotals())', async (t) => {
  const election = await demoElection(t);
  const hb = await openHb(t, election);
  t.equal(intermediateJson(hb.db), totalsJson(readTotals(hb.db)), 'with nothing imported');
  for (const station of [2, 9]) {
    const { a } = await sticks(t, await day(election, station, 30, { seed: `fast ${station}` }));
    const r = await hb.importStick(a);
    t.equal(r.kind, 'imported');
    t.equal(intermediateJson(hb.db), totalsJson(readTotals(hb.db)), `after station ${station}`);
    const stored = hb.db.sqlite.prepare('SELECT totals_json FROM intermediate ORDER BY seq DESC LIMIT 1').pluck().get() as string;
    t.equal(stored, totalsJson(readTotals(hb.db)), 'as stored with the import');
  }
});
