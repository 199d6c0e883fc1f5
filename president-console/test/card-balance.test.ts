// Cards against ballots at the console (issue 11, @ovs/stick card-balance.ts): before closing the
// president sees every difference between the voter cards issued and the ballots registered, and
// the PV states it; an annulment with its replacement card is no difference.
import t from 'tap';
import { SeededRandom } from '@ovs/crypto';
import { buildReport } from '../src/index.ts';
import type { ReportModel } from '../src/reports/model.ts';
import { ballot, openForVoting, signed, startRig } from './support.ts';

const text = (r: ReportModel | undefined): string =>
  (r?.blocks ?? []).map((b) => ('text' in b ? b.text : 'label' in b ? `${b.label} ${'value' in b ? String(b.value) : ''}` : '')).join('\n');

t.test('an annulment and its replacement card: no difference; two ballots without a card: stated before closing and in the PV', async (t) => {
  const rig = await startRig(t);
  const core = rig.handle.core;
  const { box, session } = await openForVoting(rig);
  const random = new SeededRandom('card-balance');
  for (let i = 0; i < 3; i++) t.match(await core.issueVoterCard('belg'), { ok: true });
  t.match(await core.annulBallot('damaged', 'belg'), { ok: true, message: /^Vervangkaart klaar/ });
  for (let i = 0; i < 3; i++) t.match(await box.register(signed(session, ballot(random))), { ok: true });
  t.same(core.snapshot().counters?.cardBalance.map((b) => b.difference), [0, 0], 'three voters, one of them again after the annulment');

  await box.register(signed(session, ballot(random)));
  await box.register(signed(session, ballot(random)));
  const balance = core.snapshot().counters?.cardBalance ?? [];
  t.same(
    balance.map((b) => b.line),
    [
      'Gemeenteraad Vlindermeer: 5 stembiljetten geregistreerd, 4 stemkaarten uitgereikt (waarvan 1 vervangkaart), 1 stembiljet geannuleerd, 3 verwacht (verschil +2).',
      'Provincieraad Vlinderland – district Vlindermeer: 5 stembiljetten geregistreerd, 4 stemkaarten uitgereikt (waarvan 1 vervangkaart), 1 stembiljet geannuleerd, 3 verwacht (verschil +2).',
    ],
    'what the closing dialog shows',
  );
  t.match(await core.close({ annulledBallots: 1, testBallots: 0 }), { ok: true });
  const data = core.reportData();
  if (!data) throw new Error('no report data');
  const pv = text(buildReport('pv', data));
  for (const b of balance) t.ok(pv.includes(b.line), `the PV: ${b.line}`);
  t.match(pv, /Verklaring van de voorzitter ______/, 'closed without the closing statement (a program): a line to write the explanation on');
});
