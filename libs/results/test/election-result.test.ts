import t from 'tap';
import fc from 'fast-check';
import { checkSeatInput, electionResult, isBirthDate, type SeatInput } from '../src/index.ts';
import { decidableInput } from './arbitraries.ts';

const cands = (...prefs: number[]) => prefs.map((preferenceVotes, i) => ({ position: i + 1, preferenceVotes }));

void t.test('seats, elected, substitutes and initiatiefrecht for a small gemeenteraad (hand-computed)', (t) => {
  // Imperiali, 7 seats: A 840 → 840, 560, 420, 336; B 432 → 432, 288; C 360 → 360; D 328 → 328.
  // Ranked: 840 A, 560 A, 432 B, 420 A, 360 C, 336 A, 328 D → A 4, B 1, C 1, D 1.
  const input: SeatInput = {
    method: 'imperiali',
    seats: 7,
    lists: [
      { number: 4, votes: 328, candidates: cands(100, 150) },
      { number: 1, votes: 840, candidates: cands(300, 20, 310, 90, 90, 5) },
      { number: 2, votes: 432, candidates: cands(200, 250, 10) },
      { number: 3, votes: 360, candidates: cands(120, 0) },
    ],
  };
  t.same(electionResult(input), {
    ok: true,
    value: {
      lists: [
        { number: 1, votes: 840, seats: 4, elected: [3, 1, 4, 5], substitutes: [2, 6] },
        { number: 2, votes: 432, seats: 1, elected: [2], substitutes: [1, 3] },
        { number: 3, votes: 360, seats: 1, elected: [1], substitutes: [2] },
        { number: 4, votes: 328, seats: 1, elected: [2], substitutes: [1] },
      ],
      awardOrder: [1, 1, 2, 1, 3, 1, 4],
      unfilledSeats: 0,
      initiatiefrecht: {
        ok: true,
        value: [
          { list: 1, position: 3 },
          { list: 2, position: 2 },
          { list: 3, position: 1 },
          { list: 4, position: 2 },
        ],
      },
    },
  });
  t.end();
});

void t.test('without candidates: seats only, and no initiatiefrecht order', (t) => {
  const r = electionResult({ method: 'dhondt', seats: 3, lists: [{ number: 1, votes: 100 }, { number: 2, votes: 60 }] });
  t.same(r.ok && r.value.lists, [
    { number: 1, votes: 100, seats: 2, elected: [], substitutes: [] },
    { number: 2, votes: 60, seats: 1, elected: [], substitutes: [] },
  ]);
  t.same(r.ok && r.value.initiatiefrecht, { ok: true, value: [] });
  t.end();
});

void t.test('a winning list without candidates leaves the initiatiefrecht order empty rather than incomplete', (t) => {
  const r = electionResult({
    method: 'dhondt',
    seats: 3,
    lists: [
      { number: 1, votes: 100 },
      { number: 2, votes: 60, candidates: cands(30, 20) },
    ],
  });
  t.same(r.ok && r.value.lists[1], { number: 2, votes: 60, seats: 1, elected: [1], substitutes: [2] });
  t.same(r.ok && r.value.initiatiefrecht, { ok: true, value: [] });
  t.end();
});

void t.test('ties the law cannot settle with the data given are answered, not guessed', (t) => {
  t.same(electionResult({ method: 'imperiali', seats: 1, lists: [{ number: 1, votes: 5 }, { number: 2, votes: 5 }] }), {
    ok: false,
    error: { code: 'tie-needs-candidates', seat: 1, lists: [1, 2] },
  });
  t.end();
});

void t.test('invalid input is reported with the field', (t) => {
  const base: SeatInput = { method: 'imperiali', seats: 3, lists: [{ number: 1, votes: 10, candidates: cands(4, 5) }] };
  const cases: Array<[SeatInput, string, string]> = [
    [{ ...base, seats: 0 }, 'bad-seats', 'seats'],
    [{ ...base, seats: 2.5 }, 'bad-seats', 'seats'],
    [{ ...base, method: 'sainte-lague' as 'dhondt' }, 'bad-method', 'method'],
    [{ ...base, lists: [{ number: 0, votes: 1 }] }, 'bad-list-number', 'lists[0].number'],
    [{ ...base, lists: [{ number: 1, votes: 1 }, { number: 1, votes: 2 }] }, 'duplicate-list-number', 'lists[1].number'],
    [{ ...base, lists: [{ number: 1, votes: -1 }] }, 'bad-votes', 'lists[0].votes'],
    [{ ...base, lists: [{ number: 1, votes: 10, candidates: [{ position: 1, preferenceVotes: 1 }, { position: 1, preferenceVotes: 2 }] }] }, 'duplicate-position', 'lists[0].candidates[1].position'],
    [{ ...base, lists: [{ number: 1, votes: 10, candidates: [{ position: 0, preferenceVotes: 1 }] }] }, 'bad-position', 'lists[0].candidates[0].position'],
    [{ ...base, lists: [{ number: 1, votes: 10, candidates: [{ position: 1, preferenceVotes: -2 }] }] }, 'bad-preference-votes', 'lists[0].candidates[0].preferenceVotes'],
    [{ ...base, lists: [{ number: 1, votes: 10, candidates: [{ position: 1, preferenceVotes: 11 }] }] }, 'preference-votes-exceed-votes', 'lists[0].candidates[0].preferenceVotes'],
    [{ ...base, lists: [{ number: 1, votes: 10, candidates: [{ position: 1, preferenceVotes: 1, birthDate: '1990-02-30' }] }] }, 'bad-birth-date', 'lists[0].candidates[0].birthDate'],
  ];
  for (const [input, error, path] of cases) {
    const r = electionResult(input);
    t.match(r, { ok: false, error: { code: error, path } }, `${error} at ${path}`);
  }
  t.same(checkSeatInput(base), { ok: true, value: undefined });
  t.end();
});

void t.test('birth dates: real calendar days only', (t) => {
  t.ok(isBirthDate('2000-02-29'));
  t.notOk(isBirthDate('1900-02-29'));
  t.notOk(isBirthDate('1999-13-01'));
  t.notOk(isBirthDate('1999-1-01'));
  t.end();
});

void t.test('property: per list |elected| = seats, and the seats add up', (t) => {
  fc.assert(
    fc.property(decidableInput, (input) => {
      const r = electionResult(input);
      if (!r.ok) return false;
      const total = r.value.lists.reduce((s, l) => s + l.seats, 0);
      return r.value.lists.every((l) => l.elected.length === l.seats) && total + r.value.unfilledSeats === input.seats;
    }),
    { numRuns: 300 },
  );
  t.pass('held');
  t.end();
});
