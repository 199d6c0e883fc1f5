import t from 'tap';
import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../src/cli/main.ts';
import type { CliIo } from '../src/cli/io.ts';

/** Runs `hoofdbureau …` in-process against virtual files. */
async function run(args: readonly string[], files: Record<string, string> = {}) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (s) => void (stdout += s),
    stderr: (s) => void (stderr += s),
    readFile: async (path) => (path in files ? { ok: true, text: files[path]! } : { ok: false, reason: 'no such file' }),
  };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

const seats = (input: unknown) => run(['seats', 'in.json'], { 'in.json': typeof input === 'string' ? input : JSON.stringify(input) });

const cands = (...prefs: number[]) => prefs.map((preferenceVotes, i) => ({ position: i + 1, name: `Kandidaat ${i + 1}`, preferenceVotes }));

const valid = {
  method: 'imperiali',
  seats: 7,
  lists: [
    { number: 1, name: 'Stem', votes: 840, candidates: cands(300, 20, 310, 90, 90, 5) },
    { number: 2, name: 'Kies', votes: 432, candidates: cands(200, 250, 10) },
    { number: 3, name: 'Lijst', votes: 360, candidates: cands(120, 0) },
    { number: 4, name: 'Zon', votes: 328, candidates: cands(100, 150) },
  ],
};

void t.test('valid input → exact JSON on stdout, nothing on stderr, exit 0', async (t) => {
  const r = await seats(valid);
  t.equal(r.code, 0);
  t.equal(r.stderr, '');
  t.equal(
    r.stdout,
    '{"lists":[' +
      '{"number":1,"seats":4,"elected":[3,1,4,5],"substitutes":[2,6]},' +
      '{"number":2,"seats":1,"elected":[2],"substitutes":[1,3]},' +
      '{"number":3,"seats":1,"elected":[1],"substitutes":[2]},' +
      '{"number":4,"seats":1,"elected":[2],"substitutes":[1]}],' +
      '"initiatiefrecht":[{"list":1,"position":3},{"list":2,"position":2},{"list":3,"position":1},{"list":4,"position":2}]}\n',
  );
});

void t.test('vlaanderen.be Imperiali example without candidates: seats only, empty elected/substitutes/initiatiefrecht', async (t) => {
  const r = await seats({
    method: 'imperiali',
    seats: 9,
    lists: [
      { number: 1, votes: 840 },
      { number: 2, votes: 432 },
      { number: 3, votes: 360 },
      { number: 4, votes: 328 },
    ],
  });
  t.equal(r.code, 0);
  t.same(JSON.parse(r.stdout), {
    lists: [
      { number: 1, seats: 5, elected: [], substitutes: [] },
      { number: 2, seats: 2, elected: [], substitutes: [] },
      { number: 3, seats: 1, elected: [], substitutes: [] },
      { number: 4, seats: 1, elected: [], substitutes: [] },
    ],
    initiatiefrecht: [],
  });
});

void t.test("D'Hondt, and lists in any input order come out by number", async (t) => {
  const r = await seats({ method: 'dhondt', seats: 6, lists: [{ number: 3, votes: 90_000 }, { number: 1, votes: 48_000 }, { number: 2, votes: 132_000 }] });
  t.equal(r.code, 0);
  t.same(
    JSON.parse(r.stdout).lists.map((l: { number: number; seats: number }) => [l.number, l.seats]),
    [
      [1, 1],
      [2, 3],
      [3, 2],
    ],
  );
});

void t.test('a tie decided by age uses birthDate', async (t) => {
  const r = await seats({
    method: 'dhondt',
    seats: 1,
    lists: [
      { number: 1, votes: 100, candidates: [{ position: 1, preferenceVotes: 60, birthDate: '1980-05-01' }] },
      { number: 2, votes: 100, candidates: [{ position: 1, preferenceVotes: 60, birthDate: '1975-09-30' }] },
    ],
  });
  t.equal(r.code, 0);
  // List 1 has no elected, hence no substitutes either.
  t.equal(r.stdout, '{"lists":[{"number":1,"seats":0,"elected":[],"substitutes":[]},{"number":2,"seats":1,"elected":[1],"substitutes":[]}],"initiatiefrecht":[{"list":2,"position":1}]}\n');
});

void t.test('lists that run out of candidates: unfilledSeats and a warning', async (t) => {
  const r = await seats({ method: 'dhondt', seats: 3, lists: [{ number: 1, votes: 10, candidates: cands(4) }] });
  t.equal(r.code, 0);
  t.same(JSON.parse(r.stdout), { lists: [{ number: 1, seats: 1, elected: [1], substitutes: [] }], initiatiefrecht: [{ list: 1, position: 1 }], unfilledSeats: 2 });
  t.match(r.stderr, /warning: 2 seat\(s\) stay unfilled.*art\. 168/);
});

void t.test('the law needs data the input lacks → exit 3, a reason, nothing on stdout', async (t) => {
  const noCandidates = await seats({ method: 'imperiali', seats: 1, lists: [{ number: 1, votes: 5 }, { number: 2, votes: 5 }] });
  t.equal(noCandidates.code, 3);
  t.equal(noCandidates.stdout, '');
  t.equal(
    noCandidates.stderr,
    'hoofdbureau seats: seat 1: lists 1 and 2 have equal quotients and equal stemcijfers; LPKD art. 166 then compares the preference votes of the candidates at stake: give "candidates" for these lists\n',
  );
  const noBirthDate = await seats({ method: 'imperiali', seats: 1, lists: [{ number: 1, votes: 5, candidates: cands(3) }, { number: 2, votes: 5, candidates: cands(3) }] });
  t.equal(noBirthDate.code, 3);
  t.match(noBirthDate.stderr, /seat 1: lists 1 and 2 .* oldest: give "birthDate"/);
  const sameDay = [{ position: 1, preferenceVotes: 3, birthDate: '1990-01-01' }];
  const unbreakable = await seats({ method: 'imperiali', seats: 1, lists: [{ number: 1, votes: 5, candidates: sameDay }, { number: 2, votes: 5, candidates: sameDay }] });
  t.equal(unbreakable.code, 3);
  t.match(unbreakable.stderr, /remain tied after every rule of LPKD art\. 166/);
  const initiatief = await seats({ method: 'dhondt', seats: 2, lists: [{ number: 1, votes: 5, candidates: cands(3) }, { number: 2, votes: 5, candidates: cands(2) }] });
  t.equal(initiatief.code, 3);
  t.equal(initiatief.stdout, '');
  t.match(initiatief.stderr, /initiatiefrecht: lists 1 and 2 have equal stemcijfers/);
});

void t.test('malformed input → exit 2 and one line on stderr naming the field', async (t) => {
  const list = (extra: Record<string, unknown>) => ({ method: 'imperiali', seats: 3, lists: [{ number: 1, votes: 10, ...extra }] });
  const cases: Array<[string, unknown, RegExp]> = [
    ['not JSON', '{"method": "imperiali",', /^in\.json: not valid JSON \(/],
    ['empty file', '', /^in\.json: not valid JSON/],
    ['top level not an object', [], /^in\.json: \(top level\): must be an object, got an array$/],
    ['unknown top-level field', { ...valid, seat: 3 }, /^in\.json: seat: unknown field \(allowed: method, seats, lists\)$/],
    ['missing method', { seats: 3, lists: valid.lists }, /^in\.json: method: missing$/],
    ['unknown method', { ...valid, method: 'sainte-lague' }, /^in\.json: method: must be "imperiali" or "dhondt", got "sainte-lague"$/],
    ['seats < 1', { ...valid, seats: 0 }, /^in\.json: seats: must be an integer from 1 to 1000, got 0$/],
    ['seats not an integer', { ...valid, seats: 2.5 }, /^in\.json: seats: must be an integer from 1 to 1000, got 2\.5$/],
    ['seats a string', { ...valid, seats: '7' }, /^in\.json: seats: must be an integer from 1 to 1000, got "7"$/],
    ['lists not an array', { ...valid, lists: {} }, /^in\.json: lists: must be an array, got an object$/],
    ['no lists', { ...valid, lists: [] }, /^in\.json: lists: must hold at least one list$/],
    ['list not an object', { ...valid, lists: [3] }, /^in\.json: lists\[0\]: must be an object, got 3$/],
    ['list number missing', { ...valid, lists: [{ votes: 3 }] }, /^in\.json: lists\[0\]\.number: missing$/],
    ['list number 0', { ...valid, lists: [{ number: 0, votes: 3 }] }, /^in\.json: lists\[0\]\.number: must be an integer of at least 1, got 0$/],
    ['duplicate list number', { ...valid, lists: [{ number: 2, votes: 3 }, { number: 2, votes: 4 }] }, /^in\.json: lists\[1\]\.number: list number 2 appears more than once$/],
    ['negative votes', list({ votes: -5 }), /^in\.json: lists\[0\]\.votes: must be a non-negative integer, got -5$/],
    ['votes null', list({ votes: null }), /^in\.json: lists\[0\]\.votes: must be a non-negative integer, got null$/],
    ['votes beyond safe integers', list({ votes: 1e20 }), /^in\.json: lists\[0\]\.votes: must be a non-negative integer, got 100000000000000000000$/],
    ['name not a string', list({ name: 7 }), /^in\.json: lists\[0\]\.name: must be a string, got 7$/],
    ['candidates not an array', list({ candidates: 'x' }), /^in\.json: lists\[0\]\.candidates: must be an array, got "x"$/],
    ['candidate position missing', list({ candidates: [{ preferenceVotes: 1 }] }), /^in\.json: lists\[0\]\.candidates\[0\]\.position: missing$/],
    ['duplicate position', list({ candidates: [{ position: 1, preferenceVotes: 1 }, { position: 1, preferenceVotes: 2 }] }), /^in\.json: lists\[0\]\.candidates\[1\]\.position: position 1 appears more than once on list 1$/],
    ['negative preference votes', list({ candidates: [{ position: 1, preferenceVotes: -1 }] }), /^in\.json: lists\[0\]\.candidates\[0\]\.preferenceVotes: must be a non-negative integer, got -1$/],
    ['preference votes above the stemcijfer', list({ candidates: [{ position: 1, preferenceVotes: 11 }] }), /^in\.json: lists\[0\]\.candidates\[0\]\.preferenceVotes: 11 preference votes exceed the list's 10 votes$/],
    ['misspelt field', list({ candidates: [{ position: 1, preferencevotes: 3 }] }), /^in\.json: lists\[0\]\.candidates\[0\]\.preferencevotes: unknown field/],
    ['bad birth date', list({ candidates: [{ position: 1, preferenceVotes: 1, birthDate: '01/02/1990' }] }), /^in\.json: lists\[0\]\.candidates\[0\]\.birthDate: must be a date written YYYY-MM-DD, got "01\/02\/1990"$/],
  ];
  for (const [name, input, message] of cases) {
    const r = await seats(input);
    t.equal(r.code, 2, `${name}: exit 2`);
    t.equal(r.stdout, '', `${name}: nothing on stdout`);
    t.ok(r.stderr.startsWith('hoofdbureau seats: '), `${name}: prefixed`);
    t.equal(r.stderr.split('\n').length, 2, `${name}: one line`);
    t.match(r.stderr.slice('hoofdbureau seats: '.length).trimEnd(), message, name);
  }
});

void t.test('a byte-order mark before the JSON is accepted', async (t) => {
  const r = await seats(`\uFEFF${JSON.stringify(valid)}`);
  t.equal(r.code, 0);
});

void t.test('usage errors → exit 2', async (t) => {
  const missingFile = await run(['seats', 'nope.json']);
  t.equal(missingFile.code, 2);
  t.equal(missingFile.stderr, 'hoofdbureau seats: cannot read nope.json: no such file\n');
  const noArgument = await run(['seats']);
  t.equal(noArgument.code, 2);
  t.match(noArgument.stderr, /expected exactly one argument/);
  const twoArguments = await run(['seats', 'a.json', 'b.json']);
  t.equal(twoArguments.code, 2);
  const unknown = await run(['tally']);
  t.equal(unknown.code, 2);
  // Every command is listed (check, import, rescan, results, pv, export, recount, serve and account joined seats).
  t.equal(unknown.stderr, 'hoofdbureau: unknown command "tally" (commands: check, import, rescan, results, pv, export, recount, receipt, receipts, serve, account, seats)\n');
  const nothing = await run([]);
  t.equal(nothing.code, 2);
  t.match(nothing.stderr, /^usage: hoofdbureau <command>/);
  const help = await run(['--help']);
  t.equal(help.code, 0);
  t.match(help.stdout, /hoofdbureau seats <input\.json>/);
  const seatsHelp = await run(['seats', '--help']);
  t.equal(seatsHelp.code, 0);
  t.equal(seatsHelp.stdout, 'usage: hoofdbureau seats <input.json>\n');
});

// End to end through the real bin file, tsx registration and file system.
const bin = fileURLToPath(new URL('../bin/hoofdbureau.js', import.meta.url));

function spawnBin(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

void t.test('bin/hoofdbureau.js: real file in, JSON out; malformed file → exit 2', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'hoofdbureau-seats-'));
  const good = join(dir, 'good.json');
  const bad = join(dir, 'bad.json');
  await writeFile(good, JSON.stringify(valid));
  await writeFile(bad, JSON.stringify({ ...valid, seats: -1 }));
  const ok = await spawnBin(['seats', good]);
  t.equal(ok.code, 0, ok.stderr);
  t.equal(JSON.parse(ok.stdout).initiatiefrecht[0].position, 3);
  const refused = await spawnBin(['seats', bad]);
  t.equal(refused.code, 2);
  t.equal(refused.stdout, '');
  t.equal(refused.stderr, `hoofdbureau seats: ${bad}: seats: must be an integer from 1 to 1000, got -1\n`);
  const directory = await spawnBin(['seats', dir]);
  t.equal(directory.code, 2);
  t.equal(directory.stderr, `hoofdbureau seats: cannot read ${dir}: is a directory\n`);
});
