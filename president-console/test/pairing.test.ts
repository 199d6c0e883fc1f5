// Every copy of the koppelticket and every pairing is recorded on the sticks and printed in the
// PV (issue 11 §1): the ticket's QR code holds the link key, so a reprint is a copy of a key, and
// a second device on the cable shows up as a second pairing.
import t from 'tap';
import { buildReport } from '../src/index.ts';
import { boxClient, password, startRig } from './support.ts';

const text = (blocks: ReturnType<typeof buildReport>): string => JSON.stringify(blocks?.blocks ?? []);

t.test('koppeltickets printed and devices paired: on the sticks, in the console log, in the PV', async (t) => {
  const rig = await startRig(t, { ui: true });
  const core = rig.handle.core;
  t.match(await core.unlock(password()), { ok: true });
  t.match(await core.print('pairing'), { ok: true }, 'a second koppelticket on request');
  const box = boxClient(rig);
  t.match(await box.status(), { ok: true }, 'the box pairs');
  const other = boxClient(rig);
  t.match(await other.status(), { ok: true }, 'a second device with the same ticket pairs too …');
  const events = core.reportData()?.events ?? [];
  t.equal(events.filter((e) => e.type === 'pairing-printed').length, 2, 'two tickets on the sticks');
  t.equal(events.filter((e) => e.type === 'box-paired').length, 2, '… and both pairings on the sticks');
  t.equal(rig.log.filter((e) => e.event === 'box-paired').length, 2, 'and in the console log');
  const data = core.reportData();
  if (!data) throw new Error('no report data');
  const pv = text(buildReport('pv', data));
  t.match(pv, /Koppeling van de stembus/);
  t.match(pv, /"label":"Koppeltickets afgedrukt","value":"2"/);
  t.match(pv, /"label":"Koppelingen \(stembus of ander toestel\)","value":"2"/);
  t.match(pv, /Meer dan één koppeling/, 'with a word for the president on what it may mean');
  const pdf = await fetch(`${rig.handle.url}api/reports/pairing.pdf`);
  t.equal(pdf.status, 404, 'the koppelticket exists on paper only, never as a file');
  box.close();
  other.close();
});
