// `council setup`: a municipality's meeting from one JSON file, stored whole or not at all.
import t from 'tap';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { login } from '../src/accounts.ts';
import { main } from '../src/cli/main.ts';
import { openCouncil } from '../src/council.ts';
import { readBallots, readMembers } from '../src/meeting.ts';
import { tempDir } from './support.ts';

const meeting = (secretThroughFraction: boolean) => ({
  meeting: { body: 'OCMW-raad', title: 'Raad voor maatschappelijk welzijn Vlindermeer', date: '2027-01-20' },
  members: [
    { id: 'a', name: 'An Claes', fraction: 'Groen Dorp', leader: true },
    { id: 'b', name: 'Bart Peeters', fraction: 'Samen Verder', leader: true, weight: 2 },
    { id: 'c', name: 'Chris Maes', fraction: 'Samen Verder' },
  ],
  items: [
    { title: 'Goedkeuring notulen', ballots: [{ title: 'Notulen', description: '', choices: { kind: 'standaard' }, secret: false, majority: 'gewoon', counting: 'hoofdelijk', delegation: 'individueel' }] },
    { title: 'Benoeming', ballots: [{ title: 'Benoeming', description: '', choices: { kind: 'standaard' }, secret: true, majority: 'gewoon', counting: 'hoofdelijk', delegation: secretThroughFraction ? 'fractie' : 'individueel' }] },
  ],
  accounts: [
    { username: 'voorzitter', name: 'Voorzitter', role: 'voorzitter', password: 'een-goed-wachtwoord' },
    { username: 'an', name: 'An Claes', role: 'raadslid', memberId: 'a', password: 'nog-een-wachtwoord' },
  ],
});

void t.test('council setup stores the meeting, its members, ballots and accounts — or, with one mistake, nothing', async (t) => {
  const dir = await tempDir(t);
  const out: string[] = [];
  const io = { stdout: (s: string) => void out.push(s), stderr: (s: string) => void out.push(s), stopped: () => Promise.resolve() };
  const bad = join(dir, 'bad.json');
  writeFileSync(bad, JSON.stringify(meeting(true)));
  t.equal(await main(['setup', '--db', join(dir, 'bad.db'), '--meeting', bad], io), 2);
  t.match(out.at(-1), /items\[1\]\.ballots\[0\]: Een geheime stemming kan niet via de fractievoorzitter.*Er werd niets opgeslagen\./);
  const badDb = openCouncil({ file: join(dir, 'bad.db') });
  if (!badDb.ok) throw new Error(badDb.error);
  t.same([badDb.value.sqlite.prepare('SELECT COUNT(*) AS n FROM meeting').get(), readMembers(badDb.value.sqlite).length, readBallots(badDb.value.sqlite).length], [{ n: 0 }, 0, 0], 'nothing stored');
  badDb.value.close();

  const good = join(dir, 'good.json');
  writeFileSync(good, JSON.stringify(meeting(false)));
  t.equal(await main(['setup', '--db', join(dir, 'good.db'), '--meeting', good], io), 0);
  t.match(out.at(-1), /3 raadsleden, 2 agendapunten, 2 accounts/);
  const db = openCouncil({ file: join(dir, 'good.db') });
  if (!db.ok) throw new Error(db.error);
  t.teardown(() => db.value.close());
  t.equal(readMembers(db.value.sqlite)[1]!.weight, 2);
  const r = await login(db.value.sqlite, 'an', 'nog-een-wachtwoord', new Date());
  t.ok(r.ok && r.value.actor.memberId === 'a', 'the member logs in with the first password');
  t.end();
});
