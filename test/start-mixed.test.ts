// `npm start -- --mixed` (issue 12): the virtual polling station as a mixed municipality. The
// digital day stays as it is; the hoofdbureau also has telbureaus G1 and P1 for the paper
// stations 10–12, two typists, and the page shows the telbureaus' paper tables — which pass the
// checks and, typed in twice, count for those three stations.
import t from 'tap';
import { fileURLToPath } from 'node:url';
import { startPollingStation } from '../scripts/demo/station.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

t.test('the mixed demo: telbureaus G1 and P1 beside the digital station, their tables typed in twice', async (t) => {
  const station = await startPollingStation({ packageDir: `${root}out/demo/election`, runDir: t.testdir(), port: 0, mixed: true });
  t.teardown(() => station.stop());
  const state = station.room.state({ console: '', box: '', hoofdbureau: station.hoofdbureau.url });
  const paper = state.hoofdbureau.paper!;
  t.same(paper.telbureaus, ['G1', 'P1']);
  t.same(paper.stations, [10, 11, 12]);
  t.equal(paper.typists.length, 2);
  t.same(paper.tables.map((x) => x.telbureau), ['G1', 'P1']);
  t.match(paper.tables[0]!.fields.find(([k]) => k === 'list.1.candidate.1')?.[1], /^lijst 1: kandidaat 1 \(.+\)$/, 'candidate names beside the positions');

  const hb = station.hoofdbureau.hoofdbureau;
  const results = hb.results();
  t.same(results.stations.filter((s) => s.route === 'papier').map((s) => s.number), [10, 11, 12]);
  t.same(results.stations.find((s) => s.number === 1)?.route, 'digitaal', 'station 1 still votes on its sticks');

  // What the page shows is what the telbureaus' paper says: two typists type it, it counts.
  const [one, two] = paper.typists.map((x) => ({ username: x.username, name: x.username, role: 'invoerder' as const }));
  for (const table of paper.tables) {
    const values = Object.fromEntries(table.fields.map(([k, , v]) => [k, v]));
    const lists = hb.db.pkg.election.elections.find((e) => e.id === table.election)!.lists;
    const typed = {
      handedOut: values.handedOut,
      ballots: values.ballots,
      valid: values.valid,
      blank: values.blank,
      invalid: values.invalid,
      lists: lists.map((l) => ({
        number: l.number,
        stemcijfer: values[`list.${l.number}.stemcijfer`],
        listOnly: values[`list.${l.number}.listOnly`],
        preferenceVotes: l.candidates.map((c) => values[`list.${l.number}.candidate.${c.position}`]),
      })),
    };
    for (const typist of [one!, two!]) {
      t.ok(hb.paper.claim(typist, table.telbureau).ok);
      const r = hb.paper.submit(typist, table.telbureau, table.election, typed, { acceptWarnings: true });
      t.ok(r.ok, `${typist.username} ${table.telbureau}: ${r.ok ? r.value.stateName : JSON.stringify(r.error)}`);
      hb.paper.release(typist, table.telbureau);
    }
  }
  const after = hb.results();
  t.same(after.stations.filter((s) => s.route === 'papier').map((s) => s.state), ['geteld', 'geteld', 'geteld']);
  t.equal(after.elections.find((e) => e.kind === 'gemeenteraad')!.paperStations, 3);
});
