// Seed 002 III.6: the witnesses' remarks made while the PV is read out, after closing, are a
// signed addendum on both sticks (@ovs/stick addendum.ts). The hoofdbureau checks and imports
// such a stick as any other, shows the remarks next to the key figures, and refuses one whose
// remarks were changed.
import t from 'tap';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cli, day, demoElection, fingerprint, openHb, sticks, tempDir } from './support.ts';

const REMARKS = [
  { witness: 'Hilde Willems', list: 'lijst 1', text: 'De getuige vraagt te noteren dat de stembus om 15:02 nog een kiezer aannam.' },
  { witness: 'Ivo Dubois', list: 'lijst 4', text: 'Geen bezwaar tegen de telling.' },
];

t.test('seed 002 III.6: a stick with the witnesses\' addendum is checked, shown and imported; a changed remark is refused', { timeout: 120_000 }, async (t) => {
  const election = await demoElection(t);
  const env = { HOOFDBUREAU_KEY: election.keyFile };
  const { a, b } = await sticks(t, await day(election, 2, 12, { seed: 'addendum', remarks: REMARKS }));
  const check = await cli(['check', a, '--package', election.packageDir], env);
  t.equal(check.code, 0, check.stderr);
  t.match(check.stdout, /Opmerkingen van getuigen na de afsluiting \(ondertekend door het stembureau, op de stick\)\n {2}.* — Hilde Willems \(lijst 1\): De getuige vraagt te noteren dat de stembus om 15:02 nog een kiezer aannam\.\n {2}.* — Ivo Dubois \(lijst 4\): Geen bezwaar tegen de telling\./);
  const json = JSON.parse((await cli(['check', a, '--package', election.packageDir, '--json'], env)).stdout) as { summary: { remarks: Array<{ witness: string }> } };
  t.same(json.summary.remarks.map((r) => r.witness), ['Hilde Willems', 'Ivo Dubois']);

  // The same remark changed on stick B: the signature no longer holds.
  const forged = await tempDir(t, 'forged');
  for (const f of ['OVS-STICK.json', 'election.json', 'election.sig', 'ballots.slots', 'session.json', 'session.sig', 'events.log', 'closing.json', 'closing.sig', 'addendum.json', 'addendum.sig']) {
    await writeFile(join(forged, f), await readFile(join(b, f)));
  }
  await writeFile(join(forged, 'addendum.json'), (await readFile(join(forged, 'addendum.json'), 'utf8')).replace('Geen bezwaar', 'Wel bezwaar'));
  const db = join(await tempDir(t, 'db'), 'hb.db');
  const hb = await openHb(t, election, db);
  const empty = fingerprint(hb.db);
  const refused = await hb.importStick(forged);
  t.match(refused, { kind: 'refused', problem: { message: /addendum\.sig.*de opmerkingen van de getuigen werden gewijzigd/ } });
  t.equal(fingerprint(hb.db), empty, 'nothing counted');

  const imported = await hb.importStick(a);
  t.match(imported, { kind: 'imported', ballots: 12 });
  t.equal((await hb.importStick(b)).kind, 'identical', 'stick B is the identical copy, addendum and all');
});
