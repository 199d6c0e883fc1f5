import t from 'tap';
import { bytesEqual } from '@ovs/crypto';
import { electionsForCategory, electionsForStation, generateDemoElection, parsePackage, verifyPackage } from '../src/index.ts';
import { demo, FAST_SCRYPT } from './support.ts';

t.test('Vlindermeer as in seed 000: 12 stations in 4 deelgebieden', (t) => {
  const pkg = demo().election;
  t.equal(pkg.pollingStations.length, 12);
  t.same([...new Set(pkg.pollingStations.map((s) => s.deelgebied))].sort(), ['Bergzicht', 'Bloemenveld', 'Lentebeek', 'Zonnebrug']);
  t.equal(pkg.pollingStations[0]!.name, 'Vlindermeer-001-Zonnebrug');
  t.equal(pkg.pollingStations[11]!.name, 'Vlindermeer-012-Lentebeek');
  t.end();
});

t.test('gemeenteraad: 27 seats, Imperiali, 7 lists; provincieraad: D\'Hondt, at least 8 lists', (t) => {
  const [g, p] = demo().election.elections;
  t.equal(g!.kind, 'gemeenteraad');
  t.equal(g!.seats, 27);
  t.equal(g!.method, 'imperiali');
  t.equal(g!.lists.length, 7);
  t.ok(g!.lists.filter((l) => l.candidates.length === 27).length >= 5, 'mostly full lists');
  t.ok(g!.lists.some((l) => l.candidates.length < 27), 'and a list with fewer candidates than seats');
  t.ok(g!.lists.some((l) => l.candidates.every((c) => c.fraction)), 'a cartel list with fractions');
  t.equal(p!.kind, 'provincieraad');
  t.equal(p!.method, 'dhondt');
  t.ok(p!.lists.length >= 8);
  t.end();
});

t.test('voter categories follow seed 001 §IV.3', (t) => {
  const pkg = demo().election;
  t.same(electionsForCategory(pkg, 1, 'belg').map((e) => e.id), ['G', 'P']);
  t.same(electionsForCategory(pkg, 1, 'eu').map((e) => e.id), ['G']);
  t.same(electionsForCategory(pkg, 1, 'niet-eu').map((e) => e.id), ['G']);
  t.same(electionsForCategory(pkg, 1, 'unknown'), []);
  t.end();
});

t.test('deterministic from the seed; a different seed differs', (t) => {
  const a = generateDemoElection({ scrypt: FAST_SCRYPT });
  t.ok(bytesEqual(a.bytes, demo().bytes), 'same bytes');
  const b = generateDemoElection({ seed: 'other', scrypt: FAST_SCRYPT });
  t.notOk(bytesEqual(b.bytes, a.bytes));
  t.ok(verifyPackage(b.bytes, b.signature, b.organiser.publicKey).ok);
  t.end();
});

t.test('variants: districts (Antwerp) and a facility municipality with OCMW-raad and French', (t) => {
  const districts = generateDemoElection({ districts: true, scrypt: FAST_SCRYPT });
  t.ok(parsePackage(districts.bytes).ok);
  t.same(electionsForStation(districts.election, 1).map((e) => e.id), ['G', 'D-NOORD', 'P']);
  t.same(electionsForStation(districts.election, 12).map((e) => e.id), ['G', 'D-ZUID', 'P']);
  t.same(electionsForCategory(districts.election, 12, 'eu').map((e) => e.id), ['G', 'D-ZUID'], 'EU citizens vote for the districtsraad');
  const facility = generateDemoElection({ ocmw: true, languages: ['nl', 'fr'], scrypt: FAST_SCRYPT });
  t.ok(parsePackage(facility.bytes).ok);
  t.same(electionsForStation(facility.election, 1).map((e) => e.kind), ['gemeenteraad', 'ocmw-raad', 'provincieraad']);
  t.same(facility.election.languages, ['nl', 'fr']);
  t.end();
});
