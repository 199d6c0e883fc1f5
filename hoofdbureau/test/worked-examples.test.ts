// Seat allocation, designation and initiatiefrecht end to end: ballots cast through the real
// stick writer, imported, counted, allocated. Hand-computed examples built on those of
// libs/results (whose property tests cover the rules themselves).
import t from 'tap';
import { join } from 'node:path';
import { SeededRandom } from '@ovs/crypto';
import type { ElectionPackage, List } from '@ovs/election';
import type { ElectionChoice, Vote } from '@ovs/ballot';
import { resultsCsv } from '../src/results/csv.ts';
import { day, demo, openHb, sticks, tempDir, writePackageDir } from './support.ts';

const candidates = (n: number, prefix: string): List['candidates'] =>
  Array.from({ length: n }, (_, i) => ({ position: i + 1, lastName: `${prefix}${String.fromCharCode(65 + i)}`, firstName: 'Kandidaat', birthDate: `19${60 + i}-01-01` }));

/** The demo municipality with a gemeenteraad of 11 seats over four lists and a provincieraad of 4 seats over three. */
function workedElection(): ElectionPackage {
  const d = demo().election;
  const g = d.elections.find((e) => e.id === 'G')!;
  const p = d.elections.find((e) => e.id === 'P')!;
  return {
    ...d,
    elections: [
      { ...g, seats: 11, lists: [1, 2, 3, 4].map((number) => ({ number, name: `Lijst ${number}`, candidates: candidates(number === 1 ? 11 : 3, `G${number}`) })) },
      { ...p, seats: 4, lists: [1, 2, 3].map((number) => ({ number, name: `Provincielijst ${number}`, candidates: candidates(4, `P${number}`) })) },
    ],
  };
}

/** `n` ballots for `list` whose candidates get exactly `prefs` preference votes. */
function listBallots(list: number, n: number, prefs: readonly number[]): ElectionChoice[] {
  return Array.from({ length: n }, (_, i) => {
    const chosen = prefs.flatMap((v, p) => (v > i ? [p + 1] : []));
    return { kind: 'list', list, topBox: chosen.length === 0 || i % 2 === 0, candidates: chosen };
  });
}

void t.test('Imperiali 11 seats over 1000/800/600/400, vlaanderen.be designation example, D\'Hondt 4 seats over 50/30/20 — through import', async (t) => {
  const election = await writePackageDir(join(await tempDir(t, 'pkg'), 'p'), demo(), workedElection());
  const g: ElectionChoice[] = [
    // vlaanderen.be "Verkozenen en opvolgers": 11 candidates, 5 seats, 208 = 208 → list position 5 before 9.
    ...listBallots(1, 1000, [395, 13, 290, 166, 208, 23, 88, 45, 208, 35, 502]),
    ...listBallots(2, 800, [100, 300, 50]),
    ...listBallots(3, 600, [10, 20, 5]),
    ...listBallots(4, 400, [7, 7, 1]),
    ...Array.from({ length: 30 }, (): ElectionChoice => ({ kind: 'blank' })),
  ];
  const p: ElectionChoice[] = [...listBallots(1, 50, []), ...listBallots(2, 30, []), ...listBallots(3, 20, [])];
  const random = new SeededRandom('worked');
  const order = random.shuffle(g.map((_, i) => i));
  const votes: Vote[] = order.map((gi, k) => ({
    elections: k < p.length ? [{ election: 'G', choice: g[gi]! }, { election: 'P', choice: p[k]! }] : [{ election: 'G', choice: g[gi]! }],
  }));
  const split = [1230, 300, votes.length - 1530];
  const hb = await openHb(t, election);
  let from = 0;
  for (const [i, size] of split.entries()) {
    const station = i + 1;
    const d = await day(election, station, votes.slice(from, from + size), { seed: `worked-${station}` });
    from += size;
    const r = await hb.importStick((await sticks(t, d)).a);
    t.equal(r.kind, 'imported', `station ${station} imported`);
  }
  const results = hb.results();
  const G = results.elections.find((e) => e.id === 'G')!;
  const P = results.elections.find((e) => e.id === 'P')!;
  t.same(
    G.lists.map((l) => l.stemcijfer),
    [1000, 800, 600, 400],
  );
  t.equal(G.blank, 30);
  // Quotients 1000, 800, 666.7, 600, 533.3, 500, then four times 400 (lists 1–4, all fit), then 333.3.
  t.same(
    G.lists.map((l) => l.seats),
    [5, 3, 2, 1],
    'Imperiali: 5/3/2/1',
  );
  t.ok(G.seatAllocation.ok && G.seatAllocation.unfilledSeats === 0);
  const elected = (list: number) =>
    G.lists
      .find((l) => l.number === list)!
      .candidates.filter((c) => c.elected !== null)
      .sort((a, b) => a.elected! - b.elected!)
      .map((c) => c.position);
  const substitutes = (list: number) =>
    G.lists
      .find((l) => l.number === list)!
      .candidates.filter((c) => c.substitute !== null)
      .sort((a, b) => a.substitute! - b.substitute!)
      .map((c) => c.position);
  t.same(elected(1), [11, 1, 3, 5, 9], 'vlaanderen.be: K, A, C, E, I');
  t.same(substitutes(1), [4, 7, 8, 10, 6, 2], 'substitutes by preference votes');
  t.same(elected(2), [2, 1, 3]);
  t.same(elected(4), [1], 'equal preference votes: the list position decides (art. 169)');
  t.same(substitutes(4), [2, 3]);
  t.ok(G.initiatiefrecht.applies && G.initiatiefrecht.ok);
  if (G.initiatiefrecht.applies && G.initiatiefrecht.ok) {
    t.same(
      G.initiatiefrecht.holders.map((h) => [h.list, h.position]),
      [
        [1, 11],
        [2, 2],
        [3, 2],
        [4, 1],
      ],
      'DLB art. 5 §3: the most preference votes of the largest list, then the second, …',
    );
  }
  t.same(
    P.lists.map((l) => l.seats),
    [2, 1, 1],
    "D'Hondt: 2/1/1 where Imperiali would give 3/1/0",
  );
  t.equal(P.allocatesSeats, false, 'the provincieraad seats are the provinciedistrictshoofdbureau\'s');
  t.same(P.initiatiefrecht, { applies: false, reason: 'geen initiatiefrecht voor de provincieraad' });

  // 500-voter rule: station 2 (300 voters) is published only together with station 1 (same deelgebied).
  t.same(
    results.publication.units.map((u) => [u.stations, u.published]),
    [
      [[1, 2], true],
      [[3], true],
    ],
  );
  const csv = resultsCsv(results);
  t.match(csv, /^niveau,eenheid,verkiezing,lijst,lijstnaam,positie,kandidaat,grootheid,waarde\r\n/);
  t.match(csv, /gemeente,Vlindermeer,G,1,Lijst 1,11,G1K Kandidaat,verkozen-rang,1\r\n/);
  t.match(csv, /gemeente,Vlindermeer,G,1,Lijst 1,11,G1K Kandidaat,initiatiefrecht-rang,1\r\n/);
  t.match(csv, /publicatie-eenheid,Zonnebrug: stembureau 1\+2,,,,,,kiezers,1530\r\n/);
  t.notMatch(csv, /stembureau 2,/, 'station 2 is never published alone');
});

void t.test('a tie only the law\'s age rule settles: decided by the birth dates in the package', async (t) => {
  // Two lists of 300 and one seat: equal quotients and equal stemcijfers (LPKD art. 166 rule 2
  // then compares the candidates at stake: 40 = 40 preference votes; rule 3: the oldest).
  const base = workedElection();
  const g = base.elections[0]!;
  const elections = [
    {
      ...g,
      seats: 1,
      lists: [
        { number: 1, name: 'Jong', candidates: [{ position: 1, lastName: 'Jong', firstName: 'Jan', birthDate: '1990-05-05' }] },
        { number: 2, name: 'Oud', candidates: [{ position: 1, lastName: 'Oud', firstName: 'Olga', birthDate: '1950-05-05' }] },
      ],
    },
    base.elections[1]!,
  ];
  const election = await writePackageDir(join(await tempDir(t, 'pkg'), 'p'), demo(), { ...base, elections });
  const votes: Vote[] = [...listBallots(1, 300, [40]), ...listBallots(2, 300, [40])].map((choice) => ({ elections: [{ election: 'G', choice }] }));
  const hb = await openHb(t, election);
  t.equal((await hb.importStick((await sticks(t, await day(election, 6, votes))).a)).kind, 'imported');
  const G = hb.results().elections.find((e) => e.id === 'G')!;
  t.same(
    G.lists.map((l) => l.seats),
    [0, 1],
    'the oldest candidate at stake wins the seat',
  );
});
