// The bureau on its PV and the first accounts from the command line (issue 12): the composition
// the voorzitter records (bijzitters, secretaris, witnesses per list) is printed on the PV, the PV
// summarises the audit log per person and action, and `hoofdbureau account create` bootstraps
// the voorzitter whose temporary password then logs in over HTTP.
import t from 'tap';
import { join } from 'node:path';
import { createGuardedClient } from '@ovs/web-guard/client';
import { pvDocument, pvText, readIncidents, startHoofdbureau } from '../src/index.ts';
import { pvStaff } from '../src/pv/pv-staff.ts';
import { staffClient, tableContents, TEST_KDF } from '../src/testing/index.ts';
import { cli, day, demoElection, tempDir } from './support.ts';

t.test('the composition and the audit summary on the PV', async (t) => {
  const election = await demoElection(t);
  const sticksDir = await tempDir(t, 'reader');
  const one = await day(election, 1, 6, { seed: 'pv-staff-1' });
  await one.sticks.a.dumpTo(join(sticksDir, 'stick-1a'));
  const hb = await startHoofdbureau({ db: join(await tempDir(t, 'db'), 'hb.db'), packageDir: election.packageDir, key: election.keyFile, port: 0, sticksDir, workers: 0, staff: { kdf: TEST_KDF } });
  t.teardown(() => hb.stop());
  const sqlite = hb.hoofdbureau.db.sqlite;
  const before = pvText(pvDocument(hb.hoofdbureau.results(), readIncidents(hb.hoofdbureau.db), { staff: pvStaff(sqlite) }));
  t.match(before, /Voorzitter: _{10,}/, 'nothing recorded: blanks to fill in by hand');
  t.match(before, /Het auditlog bevat geen handelingen/);

  const voorzitter = await staffClient(hb, 'voorzitter', { username: 'vera' });
  const bijzitter = await staffClient(hb, 'bijzitter', { username: 'bert' });
  const g = election.demo.election.elections.find((e) => e.id === 'G')!;
  const p = election.demo.election.elections.find((e) => e.id === 'P')!;
  const unchanged = tableContents(sqlite);
  for (const [bad, why] of [
    [{ voorzitter: 'Vera', witnesses: [{ election: 'G', list: 99, name: 'X' }] }, /heeft geen lijst 99/],
    [{ voorzitter: 'Vera', witnesses: [{ election: 'Q', list: 1, name: 'X' }] }, /onbekende verkiezing/],
    [{ voorzitter: 'Vera', bijzitters: ['  '] }, /Bijzitter 1: Vul de naam/],
    [{ voorzitter: 42 }, /namen \(tekst\)/],
  ] as const) {
    const r = await voorzitter.post('/api/composition', bad);
    t.equal(r.status, 400);
    t.match(await r.json(), { error: why });
  }
  t.same(tableContents(sqlite), unchanged, 'a refused composition changes nothing');

  const composition = {
    voorzitter: 'Vera Vandamme',
    secretaris: 'Sofie Sels',
    bijzitters: ['Bert Baert', 'Bea Boone', 'Bram Bauwens', 'Babette Buys'],
    witnesses: [
      { election: 'G', list: g.lists[0]!.number, name: 'Gilles Gysels' },
      { election: 'P', list: p.lists[1]!.number, name: 'Petra Peeters' },
    ],
  };
  t.equal((await voorzitter.post('/api/composition', composition)).status, 200);
  t.equal((await bijzitter.post('/api/sticks/stick-1a/check')).status, 200);
  t.equal((await bijzitter.post('/api/sticks/stick-1a/import', { copy: false })).status, 200);
  t.same(((await (await bijzitter.get('/api/composition')).json()) as { composition: unknown }).composition, composition, 'everyone of the count reads it back');
  const pdf = await voorzitter.get('/pv.pdf');
  t.equal(pdf.headers.get('content-type'), 'application/pdf');
  t.equal(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString(), '%PDF-');

  const text = pvText(pvDocument(hb.hoofdbureau.results(), readIncidents(hb.hoofdbureau.db), { staff: pvStaff(sqlite) }));
  t.match(text, /Voorzitter: Vera Vandamme/);
  t.match(text, /Secretaris: Sofie Sels/);
  t.match(text, /Bijzitters: Bert Baert, Bea Boone, Bram Bauwens, Babette Buys/);
  t.match(text, new RegExp(`${g.title} \\| ${g.lists[0]!.number} — ${g.lists[0]!.name} \\| Gilles Gysels`), 'the witness of a gemeenteraad list');
  t.match(text, new RegExp(`${p.title} \\| ${p.lists[1]!.number} — ${p.lists[1]!.name} \\| Petra Peeters`), 'the witness of a provincieraad list');
  t.match(text, /4\. Handelingen volgens het auditlog/);
  for (const row of [
    'bert | bijzitter | stick gecontroleerd | 1',
    'bert | bijzitter | stick ingelezen | 1',
    'bert | bijzitter | accounts beheerd | 1',
    'vera | voorzitter | samenstelling vastgelegd | 1',
    'vera | voorzitter | proces-verbaal gemaakt | 1',
  ]) {
    t.ok(text.split('\n').includes(row), `summary row: ${row}`);
  }
  t.notMatch(text, /proces-verbaal gemaakt \| 2/, 'one PV made so far');
});

t.test('hoofdbureau account: the first voorzitter from the command line, then the login', async (t) => {
  const election = await demoElection(t);
  const db = join(await tempDir(t, 'db'), 'hb.db');
  const typist = await cli(['account', 'create', '--role', 'invoerder', '--username', 'ines', '--name', 'Ines', '--db', db, '--package', election.packageDir]);
  t.equal(typist.code, 2, 'a typist is the voorzitter’s to make, in the app');
  t.match(typist.stderr, /de andere accounts maakt de voorzitter of de gemachtigde/);
  const made = await cli(['account', 'create', '--role', 'voorzitter', '--username', 'vera', '--name', 'Vera Vandamme', '--db', db, '--package', election.packageDir]);
  t.equal(made.code, 0, made.stderr);
  const password = /Tijdelijk wachtwoord: (\S+)/.exec(made.stdout)?.[1] ?? '';
  t.match(password, /^[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$/);
  t.equal((await cli(['account', 'create', '--role', 'voorzitter', '--username', 'vera', '--name', 'Nog eens', '--db', db])).code, 2, 'a name taken');
  t.match((await cli(['account', 'list', '--db', db])).stdout, /^vera\tvoorzitter\tVera Vandamme\ttijdelijk wachtwoord\n$/);

  const hb = await startHoofdbureau({ db, port: 0, workers: 0 });
  t.teardown(() => hb.stop());
  const c = createGuardedClient(hb.url);
  t.equal((await c.post('/api/login', { username: 'vera', password })).status, 200, 'the printed temporary password logs in');
  t.match(await (await c.get('/api/me')).json(), { mustChange: true });
  const audit = ((await (await (await staffClient(hb, 'secretaris')).get('/api/audit')).json()) as { entries: Array<{ username: string; role: string; detail: string }> }).entries;
  t.match(audit[0], { username: 'opdrachtregel', role: 'beheerder', detail: 'account vera (voorzitter, Vera Vandamme) aangemaakt op de opdrachtregel' });
});
