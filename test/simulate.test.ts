// The election day through the real code paths (issue 7): what the hoofdbureau counts must be
// exactly what the voters confirmed — with several seeds and all three kinds of municipality.
import t from 'tap';
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { runElectionDay } from '../scripts/simulation/day.ts';
import { compareTallies, ExpectedTally } from '../scripts/simulation/expected.ts';
import { groupInThrees } from '../scripts/simulation/paper.ts';
import { generateDemoElection } from '@ovs/election';

const runs: Array<{ voters: number; machines: number; seed: string; variant: 'standard' | 'districts' | 'facility'; station: number }> = [
  { voters: 300, machines: 5, seed: '1', variant: 'standard', station: 1 },
  { voters: 60, machines: 2, seed: 'antwerpen', variant: 'districts', station: 9 },
  { voters: 60, machines: 3, seed: 'faciliteiten', variant: 'facility', station: 4 },
];

for (const run of runs) {
  t.test(`${run.voters} voters, ${run.machines} machines, seed ${run.seed}, ${run.variant} municipality`, async (t) => {
    const out = t.testdir();
    const summary = await runElectionDay({ ...run, out });
    t.same(summary.differences, [], 'counted = expected, field by field');
    t.equal(summary.match, true);
    t.equal(summary.ballotsRegistered, run.voters, 'one registered ballot per voter');
    const ballots = Object.values(summary.counted).map((e) => e.ballots);
    t.equal(Math.max(...ballots), run.voters, 'every voter voted for the first election');
    // The behaviours the issue names all happened (the seeds are chosen so they do).
    for (const what of ['blank', 'list vote', 'preference votes', 'top box + candidates', 'test ballot refused by the box']) {
      t.ok((summary.events[what] ?? 0) > 0, `${what}: ${summary.events[what] ?? 0}`);
    }
    if (run.voters >= 300) {
      for (const what of ['change of list', 'restart of an election', 'eu voters', 'niet-eu voters', 'proxy voters', 're-scan of the last ballot', 'duplicate scan refused', 'unreadable ballot']) {
        t.ok((summary.events[what] ?? 0) > 0, `${what}: ${summary.events[what] ?? 0}`);
      }
    }
    if (run.variant === 'facility') t.ok((summary.events['voted in fr'] ?? 0) > 0, 'some voters chose French');
    t.match(summary.kerncijferrapportHash, /^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    // The console's own PDFs of the PV and the kerncijferrapport, as it prints them at closing.
    for (const [file, title] of [['pv.pdf', 'Proces-verbaal'], ['kerncijferrapport.pdf', 'Kerncijferrapport']] as const) {
      const pdf = await readFile(join(out, file));
      t.equal(pdf.subarray(0, 5).toString(), '%PDF-', `${file} is a PDF`);
      t.ok(pdf.includes(`(${title})`), `${file}: the console's ${title}`);
    }
  });
}

t.test('--paper-stations 6: a mixed municipality — the sticks of station 1 and four telbureaus typed twice, every slip caught', async (t) => {
  const summary = await runElectionDay({ voters: 40, machines: 2, seed: 'papier', variant: 'standard', station: 1, paperStations: 6, out: t.testdir() });
  t.same(summary.differences, [], 'the municipality counted = the digital station + the paper ballots, field by field, invalid ballots included');
  t.equal(summary.match, true);
  const paper = summary.paper!;
  t.same(paper.stations, [7, 8, 9, 10, 11, 12]);
  t.same(paper.telbureaus.map((x) => `${x.id}:${x.stations.join(',')}`), ['G1:7,8,9', 'G2:10,11,12', 'P1:7,8,9', 'P2:10,11,12']);
  t.equal(paper.tables, 4);
  t.ok(paper.caughtByDoubleEntry >= 1, `${paper.caughtByDoubleEntry} slip(s) caught by the double entry`);
  t.ok(paper.caughtByChecks >= 1, `${paper.caughtByChecks} slip(s) caught by the checks`);
  t.equal(paper.caughtByChecks + paper.caughtByDoubleEntry, paper.slips, 'every slip caught');
  // G counts the digital station's voters and six paper stations of 40 voters each.
  t.equal(summary.counted.G!.ballots + paper.invalidExpected.G!, 40 + 6 * 40);
});

t.test('the paper stations are grouped by three, or by two where three does not divide (seed 001 §V.3.2)', (t) => {
  t.same(groupInThrees([1, 2, 3, 4, 5, 6]), [[1, 2, 3], [4, 5, 6]]);
  t.same(groupInThrees([1, 2, 3, 4]), [[1, 2], [3, 4]]);
  t.same(groupInThrees([1, 2, 3, 4, 5]), [[1, 2, 3], [4, 5]]);
  t.same(groupInThrees([1, 2, 3, 4, 5, 6, 7]), [[1, 2, 3], [4, 5], [6, 7]]);
  t.same(groupInThrees([1]), [[1]]);
  t.same(groupInThrees([1, 2]), [[1, 2]]);
  t.end();
});

t.test('the comparison catches a single changed preference vote or a missing ballot', (t) => {
  const pkg = generateDemoElection({ scrypt: { N: 1024, r: 8, p: 1 } }).election;
  const a = new ExpectedTally(pkg.elections);
  a.add('G', { kind: 'list', list: 2, topBox: false, candidates: [3] });
  a.add('P', { kind: 'blank' });
  const b = new ExpectedTally(pkg.elections);
  b.add('G', { kind: 'list', list: 2, topBox: false, candidates: [4] });
  t.same(compareTallies(a.views(), a.views()), []);
  const diffs = compareTallies(a.views(), b.views());
  t.ok(diffs.some((d) => d.includes('candidate 3')));
  t.ok(diffs.some((d) => d.includes('candidate 4')));
  t.ok(diffs.some((d) => d.startsWith('P: ballots')));
  t.end();
});

t.test('npm run simulate refuses bad arguments with exit code 2', async (t) => {
  const run = promisify(execFile);
  const script = new URL('../scripts/simulate.ts', import.meta.url).pathname;
  const err = (await run(process.execPath, ['--import', 'tsx', script, '--voters', 'many']).catch((e: unknown) => e)) as { code: number; stderr: string };
  t.equal(err.code, 2);
  t.match(err.stderr, /--voters/);
  const paper = (await run(process.execPath, ['--import', 'tsx', script, '--paper-stations', '3', '--station', '11']).catch((e: unknown) => e)) as { code: number; stderr: string };
  t.equal(paper.code, 2);
  t.match(paper.stderr, /op papier/);
});
