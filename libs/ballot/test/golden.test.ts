import t from 'tap';
import { readFileSync } from 'node:fs';
import { toHex, fromHex } from '@ovs/crypto';
import { encodeSignedBallot, openSignedBallot, sameVote } from '../src/index.ts';
import { sessionSigner, sessionVerifier, syntheticContext } from './support.ts';
import { GOLDEN_BALLOTS, GOLDEN_LAYOUTS } from './golden/cases.ts';

const golden = JSON.parse(readFileSync(new URL('./golden/ballots.json', import.meta.url), 'utf8')) as Array<{ name: string; signed: string }>;
const context = syntheticContext(GOLDEN_LAYOUTS);

t.test('the committed golden ballots are all there', (t) => {
  t.same(golden.map((g) => g.name), GOLDEN_BALLOTS.map((g) => g.name));
  t.end();
});

for (const { name, ballot } of GOLDEN_BALLOTS) {
  t.test(`golden: ${name} — encoding unchanged and still decodes`, (t) => {
    const stored = golden.find((g) => g.name === name);
    if (!stored) return t.fail('missing from ballots.json');
    const r = encodeSignedBallot(context, ballot, sessionSigner());
    t.ok(r.ok);
    if (r.ok) t.equal(toHex(r.value), stored.signed, 'byte-identical to the committed payload (format drift?)');
    const opened = openSignedBallot(context, fromHex(stored.signed)!, 7, [sessionVerifier()]);
    t.ok(opened.ok);
    if (opened.ok) {
      t.ok(sameVote(opened.value.ballot.vote, ballot.vote));
      t.equal(opened.value.ballot.test, ballot.test);
      t.equal(toHex(opened.value.ballot.ballotId), toHex(ballot.ballotId));
    }
    t.end();
  });
}
