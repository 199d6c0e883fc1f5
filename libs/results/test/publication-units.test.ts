import t from 'tap';
import fc from 'fast-check';
import { publicationUnits, PUBLICATION_THRESHOLD, type StationTurnout } from '../src/index.ts';
import { permute } from './arbitraries.ts';

const S = (number: number, deelgebied: string, voted: number): StationTurnout => ({ number, deelgebied, voted });

void t.test('the 500 rule on the fictitious municipality Vlindermeer of the ABB information session (turnout made up)', (t) => {
  const stations = [
    S(1, 'Zonnebrug', 620),
    S(2, 'Zonnebrug', 480),
    S(3, 'Zonnebrug', 350),
    S(4, 'Bergzicht', 700),
    S(5, 'Bergzicht', 510),
    S(6, 'Bergzicht', 900),
    S(7, 'Bergzicht', 505),
    S(8, 'Bloemenveld', 200),
    S(9, 'Bloemenveld', 250),
    S(10, 'Lentebeek', 499),
    S(11, 'Lentebeek', 499),
    S(12, 'Lentebeek', 1200),
  ];
  const r = publicationUnits(stations);
  t.same(r.ok && r.value.units, [
    { deelgebied: 'Zonnebrug', stations: [1], voted: 620, belowThreshold: false },
    // 350 (station 3) is the smallest below 500; the smallest other unit is station 2.
    { deelgebied: 'Zonnebrug', stations: [2, 3], voted: 830, belowThreshold: false },
    { deelgebied: 'Bergzicht', stations: [4], voted: 700, belowThreshold: false },
    { deelgebied: 'Bergzicht', stations: [5], voted: 510, belowThreshold: false },
    { deelgebied: 'Bergzicht', stations: [6], voted: 900, belowThreshold: false },
    { deelgebied: 'Bergzicht', stations: [7], voted: 505, belowThreshold: false },
    // Together still below 500: the deelgebied is one unit, marked.
    { deelgebied: 'Bloemenveld', stations: [8, 9], voted: 450, belowThreshold: true },
    // 499 = 499: the lower station number first; station 12 stays on its own.
    { deelgebied: 'Lentebeek', stations: [10, 11], voted: 998, belowThreshold: false },
    { deelgebied: 'Lentebeek', stations: [12], voted: 1200, belowThreshold: false },
  ]);
  t.same(r.ok && r.value.deelgebieden, [
    { deelgebied: 'Zonnebrug', stations: [1, 2, 3], voted: 1450 },
    { deelgebied: 'Bergzicht', stations: [4, 5, 6, 7], voted: 2615 },
    { deelgebied: 'Bloemenveld', stations: [8, 9], voted: 450 },
    { deelgebied: 'Lentebeek', stations: [10, 11, 12], voted: 2198 },
  ]);
  t.end();
});

void t.test('merging repeats until every unit reaches 500', (t) => {
  const r = publicationUnits([S(1, 'A', 100), S(2, 'A', 150), S(3, 'A', 200), S(4, 'A', 600), S(5, 'A', 700)]);
  // 100+150 = 250; 200+250 = 450; 450+600 = 1050; station 5 stays alone.
  t.same(r.ok && r.value.units.map((u) => u.stations), [[1, 2, 3, 4], [5]]);
  t.end();
});

void t.test('exactly 500 voters is enough', (t) => {
  const r = publicationUnits([S(1, 'A', 500), S(2, 'A', 500)]);
  t.same(r.ok && r.value.units.map((u) => u.stations), [[1], [2]]);
  t.end();
});

void t.test('stations of different deelgebieden are never merged', (t) => {
  const r = publicationUnits([S(1, 'A', 100), S(2, 'B', 100)]);
  t.same(r.ok && r.value.units.map((u) => [u.deelgebied, u.stations, u.belowThreshold]), [
    ['A', [1], true],
    ['B', [2], true],
  ]);
  t.end();
});

void t.test('malformed station lists are refused', (t) => {
  t.same(publicationUnits([S(1, 'A', 10), S(1, 'B', 10)]), { ok: false, error: { code: 'duplicate-station', station: 1 } });
  t.same(publicationUnits([S(0, 'A', 10)]), { ok: false, error: { code: 'bad-station-number', station: 0 } });
  t.same(publicationUnits([S(2, '', 10)]), { ok: false, error: { code: 'bad-deelgebied', station: 2 } });
  t.same(publicationUnits([S(3, 'A', -1)]), { ok: false, error: { code: 'bad-voted', station: 3 } });
  t.end();
});

const stationsArb = fc
  .uniqueArray(fc.integer({ min: 1, max: 200 }), { maxLength: 30 })
  .chain((numbers) =>
    fc.tuple(...numbers.map((n) => fc.record({ number: fc.constant(n), deelgebied: fc.constantFrom('A', 'B', 'C'), voted: fc.integer({ min: 0, max: 1200 }) }))),
  );

void t.test('property: every station in exactly one unit of its own deelgebied; units below 500 only when alone in the deelgebied', (t) => {
  fc.assert(
    fc.property(stationsArb, (stations) => {
      const r = publicationUnits(stations);
      if (!r.ok) return false;
      const deelgebiedOf = new Map(stations.map((s) => [s.number, s.deelgebied]));
      const covered = r.value.units.flatMap((u) => u.stations);
      const unitsPer = new Map<string, number>();
      for (const u of r.value.units) unitsPer.set(u.deelgebied, (unitsPer.get(u.deelgebied) ?? 0) + 1);
      return (
        covered.length === stations.length &&
        new Set(covered).size === stations.length &&
        r.value.units.every(
          (u) =>
            u.stations.every((s) => deelgebiedOf.get(s) === u.deelgebied) &&
            u.voted === u.stations.reduce((sum, s) => sum + stations.find((x) => x.number === s)!.voted, 0) &&
            (u.voted >= PUBLICATION_THRESHOLD || unitsPer.get(u.deelgebied) === 1) &&
            u.belowThreshold === u.voted < PUBLICATION_THRESHOLD,
        )
      );
    }),
  );
  t.pass('held');
  t.end();
});

void t.test('property: the plan does not depend on the order of the input', (t) => {
  fc.assert(
    fc.property(stationsArb, fc.array(fc.double({ noNaN: true }), { minLength: 30, maxLength: 30 }), (stations, keys) => {
      return JSON.stringify(publicationUnits(stations)) === JSON.stringify(publicationUnits(permute(stations, keys)));
    }),
  );
  t.pass('held');
  t.end();
});
