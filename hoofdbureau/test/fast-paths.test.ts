// The import's fast paths give exactly what the simple definitions give: the counts and vote
// rows written from the decoded bits (stick-count.ts) equal @ovs/results' countChoices and
// vote-rows.ts's votesOfBallots (each election's choiceText under its voteId, sorted); the
// intermediate result written after every import equals totalsJson(readTotals()).
import t from 'tap';
import { SeededRandom, sha256 } from '@ovs/crypto';
import { electionsForStation } from '@ovs/election';
import { createBallotContext, encodeBallot, SIGNATURE_BYTES, type Ballot } from '@ovs/ballot';
import { countChoices, type ElectionChoice } from '@ovs/results';
import type { PackedBallots } from '@ovs/stick';
import { countPacked } from '../src/stick/stick-count.ts';
import { choiceText, parseChoiceText } from '../src/stick/vote-text.ts';
import { voteId, voteIdHex, votesOfBallots, voteTextAt } from '../src/db/vote-rows.ts';
import { intermediateJson, readTotals, shapeOfElection, totalsJson } from '../src/db/totals.ts';
import { randomVote } from '../src/testing/index.ts';
import { day, demo, demoElection, openHb, sticks } from './support.ts';

t.test('counts and vote rows from the decoded bits equal countChoices and votesOfBallots', (t) => {
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
      if (!r.ok) throw new Error(r.error.code);
      return new Uint8Array([...r.value, ...new Uint8Array(SIGNATURE_BYTES)]);
    });
    const offsets = new Uint32Array(payloads.length + 1);
    payloads.forEach((p, i) => (offsets[i + 1] = offsets[i]! + p.length));
    const signed = new Uint8Array(offsets[payloads.length]!);
    payloads.forEach((p, i) => signed.set(p, offsets[i]));
    const ids = new Uint8Array(ballots.length * 16);
    ballots.forEach((b, i) => ids.set(b.ballotId, i * 16));
    const packed: PackedBallots = { count: ballots.length, ids, signed, offsets };
    // In package order, as the check gives them.
    const elections = d.election.elections.filter((e) => electionsForStation(d.election, station).some((x) => x.id === e.id));
    const counted = countPacked(context, station, elections, packed);
    if (!counted.ok) throw new Error(counted.error);
    const expected = elections.map((e) => {
      const choices: ElectionChoice[] = [];
      for (const b of ballots) for (const ev of b.vote.elections) if (ev.election === e.id) choices.push(ev.choice);
      const r = countChoices(shapeOfElection(e), choices);
      if (!r.ok) throw new Error(r.error.code);
      return { election: e.id, tally: r.value };
    });
    t.same(counted.counted.tallies, expected, `station ${station}: the tallies`);
    t.strictSame(JSON.parse(JSON.stringify(counted.counted.tallies)), JSON.parse(JSON.stringify(expected)), `station ${station}: the same JSON`);
    const rows = votesOfBallots(
      elections.map((e) => e.id),
      ballots,
    );
    t.same(counted.counted.votes, rows, `station ${station}: the vote rows`);
    for (const [i, e] of elections.entries()) {
      const v = counted.counted.votes[i]!;
      t.equal(v.count, ballots.filter((b) => b.vote.elections.some((x) => x.election === e.id)).length, `${e.id}: one row per ballot that holds it`);
      const byId = new Map(ballots.map((b) => [Buffer.from(voteId(e.id, b.ballotId)).toString('hex'), b]));
      let sorted = true;
      for (let k = 0; k < v.count; k++) {
        if (k > 0 && voteIdHex(v, k - 1) >= voteIdHex(v, k)) sorted = false;
        const b = byId.get(voteIdHex(v, k));
        const choice = b?.vote.elections.find((x) => x.election === e.id)?.choice;
        if (!choice || voteTextAt(v, k) !== choiceText(choice) || JSON.stringify(parseChoiceText(voteTextAt(v, k))) !== JSON.stringify(choice)) t.fail(`${e.id}: row ${k} is not its ballot's choice`);
      }
      t.ok(sorted, `${e.id}: sorted by vote id`);
    }
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
