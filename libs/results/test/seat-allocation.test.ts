import t from 'tap';
import fc from 'fast-check';
import { allocateSeats, type ListInput, type SeatAllocation } from '../src/index.ts';
import { decidableInput, lists, permute } from './arbitraries.ts';

const L = (number: number, votes: number, candidates?: ListInput['candidates']): ListInput =>
  candidates ? { number, votes, candidates } : { number, votes };
const C = (position: number, preferenceVotes: number, birthDate?: string) =>
  birthDate ? { position, preferenceVotes, birthDate } : { position, preferenceVotes };

function seatsOf(result: SeatAllocation): Record<number, number> {
  if (!result.ok) throw new Error(`allocation failed: ${JSON.stringify(result)}`);
  return Object.fromEntries(result.value.lists.map((l) => [l.number, l.seats]));
}

// ---- Worked examples from official and explanatory sources ----

void t.test('Imperiali, vlaanderen.be "Zetelverdeling" (and vlaanderenkiest.be FAQ 300): 840/432/360/328, 9 seats → 5/2/1/1', (t) => {
  const r = allocateSeats('imperiali', 9, [L(1, 840), L(2, 432), L(3, 360), L(4, 328)]);
  t.same(seatsOf(r), { 1: 5, 2: 2, 3: 1, 4: 1 });
  // Quotients 840, 560, 432, 420, 360, 336, 328, 288, 280: the 9th (last ranked) is list 1's 280.
  t.same(r.ok && r.value.awardOrder, [1, 1, 2, 1, 3, 1, 4, 2, 1]);
  t.end();
});

void t.test('Imperiali, VRT explainer 2012: 600/400/200, 5 seats → 3/2/0; the equal quotients for seats 2 and 3 both count', (t) => {
  const r = allocateSeats('imperiali', 5, [L(1, 600), L(2, 400), L(3, 200)]);
  t.same(seatsOf(r), { 1: 3, 2: 2, 3: 0 });
  // "Bij een ex aequo gaat de zetel naar de lijst met het grootste stemcijfer en dus Lijst A."
  t.same(r.ok && r.value.awardOrder, [1, 1, 2, 1, 2]);
  t.end();
});

void t.test("D'Hondt, Vlaams Parlement \"Het aantal zetels per partij berekenen\": Venus 48,000 / Mars 132,000 / Uranus 90,000, 6 seats", (t) => {
  const r = allocateSeats('dhondt', 6, [L(1, 48_000), L(2, 132_000), L(3, 90_000)]);
  // The page ranks 132,000 (I), 90,000 (II), 66,000 (III), 48,000 (IV); then 45,000 and 44,000.
  t.same(r.ok && r.value.awardOrder.slice(0, 4), [2, 3, 2, 1]);
  t.same(seatsOf(r), { 1: 1, 2: 3, 3: 2 });
  t.end();
});

void t.test("Imperiali and D'Hondt differ (hand-computed): 50/30/20, 4 seats", (t) => {
  // Imperiali: 50, 33.3 (A), 30 (B), 25 (A). D'Hondt: 50, 30, 25 (A), 20 (C).
  t.same(seatsOf(allocateSeats('imperiali', 4, [L(1, 50), L(2, 30), L(3, 20)])), { 1: 3, 2: 1, 3: 0 });
  t.same(seatsOf(allocateSeats('dhondt', 4, [L(1, 50), L(2, 30), L(3, 20)])), { 1: 2, 2: 1, 3: 1 });
  t.end();
});

// ---- LPKD art. 166: every tie rule, hand-computed ----

void t.test('art. 166 rule 1: an equal quotient for the last seat goes to the higher stemcijfer', (t) => {
  // Imperiali: A 300 → 300, 200; B 200 → 200. The 2nd seat: 200 against 200.
  t.same(seatsOf(allocateSeats('imperiali', 2, [L(1, 300), L(2, 200)])), { 1: 2, 2: 0 });
  t.same(seatsOf(allocateSeats('imperiali', 2, [L(2, 200), L(1, 300)])), { 1: 2, 2: 0 }, 'whatever the input order');
  // D'Hondt has no tie here (300, 200, 150): one seat each.
  t.same(seatsOf(allocateSeats('dhondt', 2, [L(1, 300), L(2, 200)])), { 1: 1, 2: 1 });
  t.end();
});

void t.test('art. 166: equal quotients that all fit need no tie rule, even without candidates', (t) => {
  const r = allocateSeats('dhondt', 2, [L(1, 100), L(2, 100)]);
  t.same(seatsOf(r), { 1: 1, 2: 1 });
  t.end();
});

void t.test('art. 166 rule 2: equal stemcijfers → the candidate whose election is at stake with the most preference votes', (t) => {
  // Imperiali, 3 seats: A 200 → 200, 133⅓; B 200 → 200, 133⅓. Seats 1 and 2 go to A and B; the
  // 3rd seat is at stake between A's and B's second candidates (art. 169 order).
  const a = L(1, 200, [C(1, 190), C(2, 40), C(3, 30)]); // at stake: position 2 (40)
  const b = L(2, 200, [C(1, 150), C(2, 35), C(3, 60)]); // at stake: position 3 (60)
  t.same(seatsOf(allocateSeats('imperiali', 3, [a, b])), { 1: 1, 2: 2 }, 'not the lists\' top candidates (190 > 150) but those at stake (60 > 40)');
  t.end();
});

void t.test('art. 166 rule 2 needs candidates: without them the allocation asks for them', (t) => {
  t.same(allocateSeats('imperiali', 1, [L(1, 100), L(2, 100)]), { ok: false, error: { code: 'tie-needs-candidates', seat: 1, lists: [1, 2] } });
  t.end();
});

void t.test('art. 166 rule 3: equal preference votes → the oldest of the candidates at stake', (t) => {
  const a = L(1, 100, [C(1, 60, '1980-05-01')]);
  const b = L(2, 100, [C(1, 60, '1975-09-30')]);
  t.same(seatsOf(allocateSeats('dhondt', 1, [a, b])), { 1: 0, 2: 1 }, 'born 1975 is older');
  const c = L(2, 100, [C(1, 60, '1980-05-02')]);
  t.same(seatsOf(allocateSeats('dhondt', 1, [a, c])), { 1: 1, 2: 0 }, 'one day older is enough');
  t.end();
});

void t.test('art. 166 rule 3 needs birth dates: asked for only when reached', (t) => {
  const a = L(1, 100, [C(1, 60, '1980-05-01')]);
  const b = L(2, 100, [C(1, 60)]);
  t.same(allocateSeats('dhondt', 1, [a, b]), { ok: false, error: { code: 'tie-needs-birth-date', seat: 1, lists: [1, 2] } });
  const c = L(3, 100, [C(1, 70)]);
  t.same(seatsOf(allocateSeats('dhondt', 1, [a, b, c])), { 1: 0, 2: 0, 3: 1 }, 'rule 2 settles it: no birth date needed');
  t.end();
});

void t.test('art. 166: the rules run out → unbreakable-tie, never a silent pick', (t) => {
  const a = L(1, 100, [C(1, 60, '1980-05-01')]);
  const b = L(2, 100, [C(1, 60, '1980-05-01')]);
  t.same(allocateSeats('dhondt', 1, [a, b]), { ok: false, error: { code: 'unbreakable-tie', seat: 1, lists: [1, 2] } });
  t.end();
});

void t.test('art. 166: a three-way tie for two seats consults rule 2 only for the contenders it must separate', (t) => {
  // A, B, C all 100 votes, 2 seats. At stake: A 50, B 50, C 40 → A and B, no birth date needed.
  const a = L(1, 100, [C(1, 50)]);
  const b = L(2, 100, [C(1, 50)]);
  const c = L(3, 100, [C(1, 40)]);
  t.same(seatsOf(allocateSeats('dhondt', 2, [a, b, c])), { 1: 1, 2: 1, 3: 0 });
  // One seat: C is out on rule 2, A and B need rule 3.
  t.same(allocateSeats('dhondt', 1, [a, b, c]), { ok: false, error: { code: 'tie-needs-birth-date', seat: 1, lists: [1, 2] } });
  t.end();
});

void t.test('art. 166: a tie for a later seat reports that seat number', (t) => {
  // D'Hondt, 3 seats: A 200 → 200, 100; B 100 → 100; C 100 → 100. Seat 1 A; seats 2–3: three 100s.
  const r = allocateSeats('dhondt', 3, [L(1, 200), L(2, 100), L(3, 100)]);
  // Rule 1 gives seat 2 to A (stemcijfer 200); B and C tie for seat 3 and have no candidates.
  t.same(r, { ok: false, error: { code: 'tie-needs-candidates', seat: 3, lists: [2, 3] } });
  t.end();
});

// ---- LPKD art. 168: lists that run out of candidates ----

void t.test('art. 168: a list with fewer candidates than seats elects them all; the calculation continues without it', (t) => {
  const cands = (n: number) => Array.from({ length: n }, (_, i) => C(i + 1, 0));
  // Imperiali: A would take every seat; with 2 candidates it takes 2. Then B 300, and B 200 / C 200 for seats 4–5.
  const r = allocateSeats('imperiali', 5, [L(1, 1000, cands(2)), L(2, 300, cands(5)), L(3, 200, cands(5))]);
  t.same(seatsOf(r), { 1: 2, 2: 2, 3: 1 });
  t.same(r.ok && r.value.awardOrder, [1, 1, 2, 2, 3]);
  t.same(r.ok && r.value.unfilledSeats, 0);
  t.end();
});

void t.test('art. 168: when every list runs out, the remaining seats stay unfilled', (t) => {
  const r = allocateSeats('dhondt', 5, [L(1, 100, [C(1, 10), C(2, 5)]), L(2, 50, [C(1, 3)]), L(3, 10, [])]);
  t.same(seatsOf(r), { 1: 2, 2: 1, 3: 0 });
  t.same(r.ok && r.value.unfilledSeats, 2);
  t.end();
});

void t.test('a list without votes still takes a seat its quotient 0 ranks for, once the others are exhausted', (t) => {
  const r = allocateSeats('imperiali', 2, [L(1, 100, [C(1, 1)]), L(2, 0, [C(1, 0)])]);
  t.same(seatsOf(r), { 1: 1, 2: 1 });
  t.end();
});

// ---- Properties ----

void t.test('property: seats sum to N, or to the number of candidates when lists run out', (t) => {
  fc.assert(
    fc.property(decidableInput, (input) => {
      const r = allocateSeats(input.method, input.seats, input.lists);
      if (!r.ok) return false;
      const capacity = input.lists.reduce((s, l) => s + (l.candidates?.length ?? 0), 0);
      const total = r.value.lists.reduce((s, l) => s + l.seats, 0);
      return total === Math.min(input.seats, capacity) && total + r.value.unfilledSeats === input.seats && r.value.awardOrder.length === total;
    }),
    { numRuns: 300 },
  );
  t.pass('held');
  t.end();
});

void t.test('property: no list gets more seats than candidates', (t) => {
  fc.assert(
    fc.property(decidableInput, (input) => {
      const r = allocateSeats(input.method, input.seats, input.lists);
      return r.ok && r.value.lists.every((l, i) => l.seats <= (input.lists[i]!.candidates?.length ?? Infinity));
    }),
    { numRuns: 300 },
  );
  t.pass('held');
  t.end();
});

void t.test('property: without candidates, the seats sum to N whenever the stemcijfers are distinct', (t) => {
  fc.assert(
    fc.property(fc.constantFrom('imperiali' as const, 'dhondt' as const), fc.integer({ min: 1, max: 55 }), lists({ withCandidates: false, distinctVotes: true }), (m, n, ls) => {
      const r = allocateSeats(m, n, ls);
      return r.ok && r.value.lists.reduce((s, l) => s + l.seats, 0) === n;
    }),
    { numRuns: 300 },
  );
  t.pass('held');
  t.end();
});

void t.test('property: monotonicity — more votes for a list never costs it a seat, all else equal', (t) => {
  fc.assert(
    fc.property(decidableInput, fc.nat(), fc.integer({ min: 1, max: 3000 }), (input, pick, extra) => {
      const i = pick % input.lists.length;
      const before = allocateSeats(input.method, input.seats, input.lists);
      const more = input.lists.map((l, j) => (j === i ? { ...l, votes: l.votes + extra } : l));
      const after = allocateSeats(input.method, input.seats, more);
      return before.ok && after.ok && after.value.lists[i]!.seats >= before.value.lists[i]!.seats;
    }),
    { numRuns: 300 },
  );
  t.pass('held');
  t.end();
});

void t.test('property: the order of the lists in the input does not change the result', (t) => {
  fc.assert(
    fc.property(decidableInput, fc.array(fc.double({ noNaN: true }), { minLength: 20, maxLength: 20 }), (input, keys) => {
      const a = allocateSeats(input.method, input.seats, input.lists);
      const b = allocateSeats(input.method, input.seats, permute(input.lists, keys));
      if (!a.ok || !b.ok) return false;
      const byNumber = (r: typeof a) => Object.fromEntries(r.value.lists.map((l) => [l.number, l.seats]));
      return JSON.stringify(byNumber(a)) === JSON.stringify(byNumber(b)) && JSON.stringify(a.value.awardOrder) === JSON.stringify(b.value.awardOrder);
    }),
    { numRuns: 300 },
  );
  t.pass('held');
  t.end();
});

void t.test("property: Imperiali favours the largest list and D'Hondt the smallest (distinct stemcijfers, no candidate limit)", (t) => {
  let differed = 0;
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 55 }), lists({ withCandidates: false, distinctVotes: true, maxLists: 8 }), (n, ls) => {
      const imp = allocateSeats('imperiali', n, ls);
      const dh = allocateSeats('dhondt', n, ls);
      if (!imp.ok || !dh.ok) return false;
      const sorted = [...ls.keys()].sort((a, b) => ls[b]!.votes - ls[a]!.votes);
      const largest = sorted[0]!;
      const smallest = sorted[sorted.length - 1]!;
      if (imp.value.lists[largest]!.seats !== dh.value.lists[largest]!.seats) differed++;
      return imp.value.lists[largest]!.seats >= dh.value.lists[largest]!.seats && imp.value.lists[smallest]!.seats <= dh.value.lists[smallest]!.seats;
    }),
    { numRuns: 500 },
  );
  t.ok(differed > 0, `the methods differed for the largest list in ${differed} of 500 runs`);
  t.end();
});
