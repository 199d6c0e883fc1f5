// Ballot secrecy (DESIGN, "Non-negotiable properties" 2): no ballot id and no vote anywhere
// outside the sealed ballot store — not in the console's log, not in any other file on the
// sticks, not on the printer, not in the PDFs, not on the screen — and nothing on the sticks
// grows with the registrations except the store itself.
import t from 'tap';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SeededRandom, toBase32, toBase64, toHex } from '@ovs/crypto';
import { FILES, verifyStick } from '@ovs/stick';
import { buildReport, reportPdf } from '../src/index.ts';
import { ballot, demo, openForVoting, signed, startRig } from './support.ts';

function forms(bytes: Uint8Array): Buffer[] {
  return [Buffer.from(bytes), Buffer.from(toHex(bytes)), Buffer.from(toHex(bytes).toUpperCase()), Buffer.from(toBase64(bytes)), Buffer.from(toBase32(bytes, 26))];
}

t.test('no ballot id or vote outside the store', async (t) => {
  const rig = await startRig(t);
  const { box, session } = await openForVoting(rig);
  const eventsBefore = (await readFile(join(rig.dirs.A, FILES.events))).length;
  const random = new SeededRandom('secrecy');
  const secrets: Array<{ id: Uint8Array; signed: Uint8Array }> = [];
  for (let i = 0; i < 30; i++) {
    const b = ballot(random);
    const bytes = signed(session, b);
    t.same(await box.register(bytes), { ok: true, value: { outcome: 'registered' } });
    secrets.push({ id: b.ballotId, signed: bytes });
  }
  await box.register(secrets[29]?.signed as Uint8Array);
  await box.register(secrets[3]?.signed as Uint8Array);
  t.equal((await readFile(join(rig.dirs.A, FILES.events))).length, eventsBefore, 'registrations leave no trace in the event log');
  const snapshotDuring = JSON.stringify(rig.handle.core.snapshot());
  t.match(await rig.handle.core.close({ annulledBallots: 0, testBallots: 0 }), { ok: true });

  const haystacks: Array<[string, Buffer]> = [
    ['console log', Buffer.from(JSON.stringify(rig.log))],
    ['screen during voting', Buffer.from(snapshotDuring)],
    ['screen after closing', Buffer.from(JSON.stringify(rig.handle.core.snapshot()))],
    ['printer', Buffer.from(rig.devices.printer.bytes())],
  ];
  const data = rig.handle.core.reportData();
  for (const kind of ['pairing', 'opening', 'pv', 'kerncijfers'] as const) {
    const model = data ? buildReport(kind, data) : undefined;
    if (model) haystacks.push([`${kind} PDF`, await reportPdf(model, { compress: false })]);
  }
  for (const dir of [rig.dirs.A, rig.dirs.B]) {
    for (const f of await readdir(dir)) haystacks.push([`${dir === rig.dirs.A ? 'A' : 'B'}/${f}`, await readFile(join(dir, f))]);
  }
  t.ok(haystacks.length > 15, 'every place is searched');
  let found = 0;
  for (const { id, signed: s } of secrets) {
    const needles = [...forms(id), ...forms(s)];
    for (const [where, hay] of haystacks) {
      for (const needle of needles) {
        if (hay.includes(needle)) {
          found++;
          t.fail(`a ballot id or vote in ${where}`);
        }
      }
    }
  }
  t.equal(found, 0, 'no ballot id or vote in plain form anywhere, the slot file included');

  // Positive controls: the same search finds every ballot where it really is — in the store
  // opened with the hoofdbureau's key — and in a log line that would leak it, so that the
  // zero above means absence and not a search that cannot find.
  const d = demo();
  const opened = await verifyStick(rig.dirs.A, { organiserPublicKey: d.organiser.publicKey, hoofdbureauPrivateKey: d.hoofdbureau.privateKey });
  if (!opened.ok) throw new Error(opened.error.message);
  const store = Buffer.concat((opened.value.ballots ?? []).map((b) => Buffer.from(b.signedBallot)));
  const leakyLog = Buffer.from(JSON.stringify(secrets.map(({ id, signed: s }) => ({ at: '2024-10-13T09:00:00.000Z', event: 'registered', detail: `${toHex(id)} ${toBase64(s)}` }))));
  let inStore = 0;
  let inLeak = 0;
  for (const { id, signed: s } of secrets) {
    if (store.includes(Buffer.from(id)) && store.includes(Buffer.from(s))) inStore++;
    if (leakyLog.includes(forms(id)[1] as Buffer) && leakyLog.includes(forms(s)[3] as Buffer)) inLeak++;
  }
  t.equal(inStore, secrets.length, 'every ballot id and signed ballot is found in the opened store');
  t.equal(inLeak, secrets.length, 'and in a log line that would carry them');
});

// Issue 11: a card, an annulment or a refused ballot dated to the second could be laid next to the
// aanstiplijst. On the sticks and in the console's own log they carry the hour only; the screen
// shows which card was written, never when.
t.test('no time finer than the hour for any card or annulment, on the sticks or in the console log', async (t) => {
  let clock = Date.parse('2024-10-13T07:58:01.001Z');
  const rig = await startRig(t, { now: () => new Date((clock += 12_345)) });
  const { box, session } = await openForVoting(rig);
  const core = rig.handle.core;
  const random = new SeededRandom('card times');
  t.match(await core.issueTestCard('belg', 'expert-visit'), { ok: true });
  t.match(await core.issueVoterCard('belg'), { ok: true });
  t.match(await core.issueVoterCard('eu', { proxy: true }), { ok: true });
  t.match(await core.annulBallot('shown', 'belg'), { ok: true });
  const b = ballot(random);
  t.same(await box.register(signed(session, b)), { ok: true, value: { outcome: 'registered' } });
  t.match(await box.register(signed(session, ballot(random, { station: 4 }))), { ok: true, value: { outcome: 'rejected' } });
  t.notOk('at' in (core.snapshot().lastCard ?? {}), 'the screen shows no time for the last card');
  t.match(await core.close({ annulledBallots: 1, testBallots: 1 }), { ok: true });

  const HOUR = 3_600_000;
  const voterEntries = rig.log.filter((e) => e.event === 'card-written' && e.detail !== 'activation').concat(rig.log.filter((e) => e.event === 'ballot-annulled' || e.event === 'registration-refused'));
  t.equal(voterEntries.length, 6, 'test card, two voter cards, the replacement card, the annulment and the refusal');
  for (const e of voterEntries) t.equal(Date.parse(e.at) % HOUR, 0, `console log ${e.event} ${e.detail ?? ''}: ${e.at}`);
  t.ok(rig.log.some((e) => e.event === 'voting-opened' && Date.parse(e.at) % 1000 !== 0), 'other entries keep their exact time');

  for (const dir of [rig.dirs.A, rig.dirs.B]) {
    const lines = (await readFile(join(dir, FILES.events), 'utf8')).split('\n').filter((l) => l.length > 0);
    const voter = lines.filter((l) => /"type":"(voter-card|test-card|ballot-annulled|box-refusal)"/.test(l));
    t.equal(voter.length, 5, 'test card, two voter cards, the annulment and the replacement card');
    for (const l of voter) t.match(l, /"at":"\d{4}-\d\d-\d\dT\d\d:00:00\.000Z"/, 'a whole hour');
  }
});
