import t from 'tap';
import fc from 'fast-check';
import { electionResult, initiatiefrecht, initiatiefrechtApplies } from '../src/index.ts';
import { decidableInput } from './arbitraries.ts';

void t.test('DLB art. 5 §3: the most preference votes of the largest list, then of the second largest, and so on', (t) => {
  const r = initiatiefrecht([
    { number: 1, votes: 500, elected: [3, 1] },
    { number: 2, votes: 900, elected: [7, 2, 4] },
    { number: 3, votes: 80, elected: [] },
    { number: 4, votes: 300, elected: [1] },
  ]);
  t.same(r, {
    ok: true,
    value: [
      { list: 2, position: 7 },
      { list: 1, position: 3 },
      { list: 4, position: 1 },
    ],
  });
  t.end();
});

void t.test('DLB art. 5 §3: list size is the stemcijfer, not the number of seats', (t) => {
  // List 1 has the highest stemcijfer but only one candidate (art. 168): 1 seat. List 2 has 3 seats.
  const r = electionResult({
    method: 'imperiali',
    seats: 4,
    lists: [
      { number: 1, votes: 1000, candidates: [{ position: 1, preferenceVotes: 400 }] },
      {
        number: 2,
        votes: 600,
        candidates: [
          { position: 1, preferenceVotes: 100 },
          { position: 2, preferenceVotes: 300 },
          { position: 3, preferenceVotes: 200 },
          { position: 4, preferenceVotes: 50 },
        ],
      },
    ],
  });
  t.ok(r.ok);
  if (!r.ok) return t.end();
  t.same(r.value.lists.map((l) => l.seats), [1, 3]);
  t.same(r.value.initiatiefrecht, { ok: true, value: [{ list: 1, position: 1 }, { list: 2, position: 2 }] });
  t.end();
});

void t.test('DLB art. 5 §3 + LPKD art. 169: equal preference votes among the elected → the earlier list position', (t) => {
  const r = electionResult({
    method: 'dhondt',
    seats: 2,
    lists: [
      {
        number: 1,
        votes: 100,
        candidates: [
          { position: 1, preferenceVotes: 20 },
          { position: 2, preferenceVotes: 45 },
          { position: 3, preferenceVotes: 45 },
        ],
      },
    ],
  });
  t.same(r.ok && r.value.initiatiefrecht, { ok: true, value: [{ list: 1, position: 2 }] });
  t.end();
});

void t.test('equal stemcijfers between lists with elected: no tie rule found in the law, so no guess', (t) => {
  const r = initiatiefrecht([
    { number: 1, votes: 500, elected: [1] },
    { number: 2, votes: 500, elected: [2] },
    { number: 3, votes: 700, elected: [1] },
  ]);
  t.same(r, { ok: false, error: { code: 'equal-stemcijfer', lists: [1, 2] } });
  t.end();
});

void t.test('applies to gemeenteraad (not in randgemeenten and Voeren) and districtsraad; not to provincieraad or OCMW-raad', (t) => {
  t.equal(initiatiefrechtApplies('gemeenteraad', false), true);
  t.equal(initiatiefrechtApplies('gemeenteraad', true), false);
  t.equal(initiatiefrechtApplies('districtsraad', false), true);
  t.equal(initiatiefrechtApplies('provincieraad', false), false);
  t.equal(initiatiefrechtApplies('ocmw-raad', true), false);
  t.end();
});

void t.test('property: holders are the first elected of each list with an elected, by descending stemcijfer', (t) => {
  fc.assert(
    fc.property(decidableInput, (input) => {
      const r = electionResult(input);
      if (!r.ok) return false;
      const order = r.value.initiatiefrecht;
      if (!order.ok) {
        // Only refused when two lists with an elected really have the same stemcijfer.
        const tied = r.value.lists.filter((l) => l.elected.length > 0 && order.error.lists.includes(l.number));
        return tied.length >= 2 && tied.every((l) => l.votes === tied[0]!.votes);
      }
      const holders = order.value;
      const withElected = r.value.lists.filter((l) => l.elected.length > 0);
      if (holders.length !== withElected.length) return false;
      return holders.every((h, i) => {
        const list = r.value.lists.find((l) => l.number === h.list)!;
        const next = holders[i + 1];
        const nextVotes = next ? r.value.lists.find((l) => l.number === next.list)!.votes : -1;
        return list.elected[0] === h.position && list.votes > nextVotes;
      });
    }),
    { numRuns: 300 },
  );
  t.pass('held');
  t.end();
});
