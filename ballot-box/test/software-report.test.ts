// Decree art. 4 §3 (issue 19): the sticks record what software ran in the box. The box reports
// the hash of its bundle at every pairing; the console writes it on both sticks, prints it in the
// PV, and the hoofdbureau's check shows it next to the release.
import t from 'tap';
import { shortHash } from '@ovs/crypto';
import { buildReport } from '@ovs/president-console';
import { openDay } from './support/rig.ts';

const SOFTWARE = new Uint8Array(32).fill(0x5a);

t.test('decree art. 4 §3: the box reports its software at pairing; it is on the sticks and in the PV', async (t) => {
  const day = await openDay(t, { box: { software: SOFTWARE } });
  const core = day.console.handle.core;
  const reported = (): string[] => (core.reportData()?.events ?? []).flatMap((e) => (e.type === 'box-software' ? [e.sha256] : []));
  for (let i = 0; i < 20 && reported().length === 0; i++) await day.run(1000);
  t.same(reported(), ['5a'.repeat(32)], 'once, with the hash the box runs');
  const pv = buildReport('pv', core.reportData()!)!.blocks.map((b) => ('label' in b ? `${b.label}: ${'value' in b ? String(b.value) : ''}` : '')).join('\n');
  t.ok(pv.includes(`Software van de stembus: ${shortHash(SOFTWARE)} — ONTWIKKELVERSIE`), 'in the PV, against the package (a development package here)');
  t.notMatch(pv, /Software van de stembus:.*\n.*Software van de stembus:/, 'one line per software, not per pairing');
});
