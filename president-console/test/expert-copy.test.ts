// Decree art. 12, seed 002 II.C.4: the college of experts' copy from the console — on the third
// medium, without the password, without halting voting, in the PV with the expert's name, the
// hour and what was done; no ballot slots before closing, never the secrets.
import t from 'tap';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { SeededRandom } from '@ovs/crypto';
import { buildReport, folderExpertMedium } from '../src/index.ts';
import { ballot, openForVoting, signed, startRig, tempDir } from './support.ts';

t.test('decree art. 12: a copy for the expert during voting and after closing', async (t) => {
  const medium = await tempDir(t, 'expert');
  const rig = await startRig(t, { expertMedium: folderExpertMedium(medium) });
  const core = rig.handle.core;
  const { box, session } = await openForVoting(rig);
  const random = new SeededRandom('expert');
  t.match(await box.register(signed(session, ballot(random))), { ok: true, value: { outcome: 'registered' } });

  t.match(await core.expertCopy('  ', 'x'), { ok: false, error: 'bad-input', message: /naam van de deskundige/ });
  t.match(await core.expertCopy('Dr. A. Peeters', ''), { ok: false, error: 'bad-input', message: /wat de deskundige deed/ });
  const copy = await core.expertCopy('Dr. A. Peeters', 'Logboek en pakket nagekeken.');
  t.match(copy, { ok: true, message: /zonder de stembiljetten.*De stemming liep door/ });
  t.equal(core.snapshot().phase.kind, 'open', 'voting was not halted');
  t.equal(core.snapshot().halt, undefined);
  t.match(await box.register(signed(session, ballot(random))), { ok: true, value: { outcome: 'registered' } }, 'and the next ballot is registered');
  const [folder] = await readdir(medium);
  const files = (await readdir(join(medium, folder!))).sort();
  t.same(files, ['OVS-STICK.json', 'election.json', 'election.sig', 'events.log', 'expert-copy.json', 'session.json', 'session.sig'], 'no ballots.slots, no secrets.bin');
  const pv = buildReport('pv', core.reportData()!)!.blocks.map((b) => ('label' in b ? `${b.label}: ${'value' in b ? String(b.value) : ''}` : 'text' in b ? b.text : '')).join('\n');
  t.match(pv, /Kopie voor de deskundige \(\d\d:\d\d\): Dr\. A\. Peeters\n7 bestanden, zonder de stembiljetten \(tijdens de dag\)\. Logboek en pakket nagekeken\./, 'name, hour and what was done');

  t.match(await core.close({ annulledBallots: 0, testBallots: 0 }), { ok: true });
  const after = await core.expertCopy('Dr. B. Claes', 'Kopie na de afsluiting.');
  t.match(after, { ok: true, message: /met de stembiljetten/ });
  const folders = (await readdir(medium)).sort();
  t.equal(folders.length, 2);
  const last = (await readdir(join(medium, folders.find((f) => f !== folder)!))).sort();
  t.ok(last.includes('ballots.slots') && last.includes('closing.json') && !last.includes('secrets.bin'), 'after closing: the final slots, never the secrets');
  t.ok(rig.log.some((e) => e.event === 'expert-copy' && e.detail === '10 files with ballots'), 'the copy after closing is in the console log');
});

t.test('decree art. 12: without a medium the console says so', async (t) => {
  const rig = await startRig(t);
  await openForVoting(rig);
  t.match(await rig.handle.core.expertCopy('Dr. A. Peeters', 'x'), { ok: false, message: /geen poort voor een kopiestick/ });
});
