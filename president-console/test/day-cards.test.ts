// The cards and the calendar of the day (issue 20), through the console core: a new card without
// an annulment (decree art. 17 §2), test cards during voting (seed 002 II.C.3.1 pt 5, II.C.4.1),
// the voting computers against one per 180 voters (art. 10), the election day and the voting
// hours (art. 9 §3, art. 15), and the annulment form's preselection from the box's refusal.
import t from 'tap';
import { readdir } from 'node:fs/promises';
import { SeededRandom } from '@ovs/crypto';
import { buildReport } from '../src/index.ts';
import type { ReportModel } from '../src/reports/model.ts';
import { TECHNICIAN_TEST_PASSWORD } from '../src/self-test/test-password.ts';
import { ballot, boxClient, demo, openForVoting, password, sessionFromActivation, signed, startRig } from './support.ts';

const text = (m: ReportModel | undefined): string =>
  (m?.blocks ?? []).map((b) => ('label' in b ? `${b.label}: ${'value' in b ? String(b.value) : ''}` : 'text' in b ? b.text : '')).join('\n');

const pv = (core: Parameters<typeof buildReport>[1] | undefined): string => (core ? text(buildReport('pv', core)) : '');

/** A clock the test sets: an hour of the demo's election day, Brussels time (summer time, UTC+2). */
function dayClock(hhmm: string): { now: () => Date; set: (hhmm: string) => void } {
  let at = Date.parse(`${demo().election.electionDate}T${hhmm}:00+02:00`);
  return { now: () => new Date(at), set: (v) => (at = Date.parse(`${demo().election.electionDate}T${v}:00+02:00`)) };
}

t.test('decree art. 17 §2: a new card without an annulment, with its reason, counted apart and in the PV', async (t) => {
  const rig = await startRig(t);
  const core = rig.handle.core;
  const { box, session } = await openForVoting(rig);
  t.match(await core.issueVoterCard('eu'), { ok: true });
  t.match(await core.issueReplacementCard('eu', 'lost' as never), { ok: false, error: 'bad-input', message: /Kies waarom/ }, 'no card without a reason');
  t.match(await core.issueReplacementCard('eu', 'damaged-card'), { ok: true, message: /^Vervangkaart klaar — EU-burger/ });
  t.match(await core.issueVoterCard('eu'), { ok: true });
  t.match(await core.annulBallot('voter-request', 'eu'), { ok: true }, 'annulled and its card at once');
  // One EU ballot: the voter whose card was damaged voted once; the annulled one voted again.
  const eu = ballot(new SeededRandom('eu'), { onlyFirst: true });
  t.match(await box.register(signed(session, eu)), { ok: true, value: { outcome: 'registered' } });
  t.match(await box.register(signed(session, ballot(new SeededRandom('eu2'), { onlyFirst: true }))), { ok: true, value: { outcome: 'registered' } });
  const c = core.snapshot().counters;
  t.equal(c?.replacementCards, 2, 'both replacement cards');
  t.equal(c?.replacementsByReason['damaged-card'], 1, 'the one without an annulment, apart');
  t.same(
    c?.cardBalance.map((b) => b.difference),
    [0, 0],
    'no difference: the new card is the same voter',
  );
  t.match(c?.cardBalance[0]?.line, /waarvan 1 vervangkaart en 1 nieuwe kaart zonder annulering/);
  const report = pv(core.reportData());
  t.match(report, /Nieuwe kaart zonder annulering \(\d\d u\): chipkaart beschadigd vóór het stemmen/, 'in the PV with the hour only');
});

t.test('seed 002 II.C.3.1 pt 5, II.C.4.1: a test card during voting only with a reason; its ballot is refused by the box', async (t) => {
  const rig = await startRig(t);
  const core = rig.handle.core;
  await core.unlock(password());
  t.match(await core.issueTestCard('belg'), { ok: true }, 'before opening as now');
  const { box, session } = await openForVotingAfterUnlock(rig);
  const refused = await core.issueTestCard('belg');
  t.match(refused, { ok: false, error: 'bad-input', message: /alleen een testkaart met een reden/ });
  t.match(await core.issueTestCard('belg', 'curious' as never), { ok: false, error: 'bad-input' });
  t.match(await core.issueTestCard('belg', 'visualisation-complaint'), { ok: true, message: /^Testkaart klaar/ });
  t.match(await core.issueTestCard('eu', 'expert-visit'), { ok: true });
  const c = core.snapshot().counters;
  t.equal(c?.testCards, 3);
  t.same(c?.testCardsDuringVoting, { 'expert-visit': 1, 'visualisation-complaint': 1 });
  t.same(await box.register(signed(session, ballot(new SeededRandom('t'), { test: true }))), { ok: true, value: { outcome: 'rejected', reason: 'test-ballot' } }, 'still refused by the box');
  const report = pv(core.reportData());
  t.match(report, /Testkaart tijdens de stemming \(\d\d u\): klacht van een kiezer over de visualisatie/);
  t.match(report, /Testkaart tijdens de stemming \(\d\d u\): bezoek van een deskundige/);
  t.equal(report.match(/Testkaart tijdens de stemming/g)?.length, 2, 'the test card before opening is not one of them');
});

/** After unlock and an activation card: the box paired and empty, voting opened. */
async function openForVotingAfterUnlock(rig: Awaited<ReturnType<typeof startRig>>) {
  const a = await rig.handle.core.issueActivationCard();
  const box = boxClient(rig);
  await box.event({ kind: 'box-empty' });
  const o = await rig.handle.core.openVoting(true);
  if (!o.ok) throw new Error(o.message);
  return { box, session: await sessionFromActivation(rig, a.ok ? a.activationCode : undefined) };
}

t.test('decree art. 10: the console warns while fewer voting computers are in use than one per 180 voters; the PV states the number', async (t) => {
  const rig = await startRig(t);
  const core = rig.handle.core;
  await core.unlock(password());
  const voters = demo().election.pollingStations.find((s) => s.number === 3)?.registeredVoters ?? 0;
  const needed = Math.ceil(voters / 180);
  t.ok(needed >= 3, `${voters} voters need ${needed}`);
  t.same(core.snapshot().counters?.votingComputers, { inUse: 0, needed, registeredVoters: voters });
  await core.issueActivationCard();
  t.match(pv(core.reportData()), new RegExp(`Stemcomputers in gebruik: 1 \\(nodig: ${needed} voor ${voters} kiezers, art\\. 10\\)\\nMinder stemcomputers dan één per 180`));
  for (let i = 1; i < needed; i++) await core.issueActivationCard();
  t.same(core.snapshot().counters?.votingComputers.inUse, needed);
  t.notMatch(pv(core.reportData()), /Minder stemcomputers/, 'enough: no warning');
});

t.test('decree art. 9 §3: the console does not open before the election day (no attempt spent)', async (t) => {
  const clock = dayClock('20:00');
  const before = new Date(clock.now().getTime() - 86_400_000);
  let now = before;
  const rig = await startRig(t, { now: () => now });
  const r = await rig.handle.core.unlock(password());
  t.match(r, { ok: false, error: 'not-now', message: /opent pas op de verkiezingsdag \(13 oktober 2024\)/ });
  t.same(rig.handle.core.snapshot().phase, { kind: 'locked', attemptsLeft: 5 }, 'no attempt spent');
  now = clock.now();
  t.match(await rig.handle.core.unlock(password()), { ok: true }, 'on the day itself');
});

t.test('decree art. 15: outside 8–15 h the console refuses until the president overrides, recorded in the PV', async (t) => {
  const clock = dayClock('07:30');
  const rig = await startRig(t, { now: clock.now });
  const core = rig.handle.core;
  t.match(await core.unlock(password()), { ok: true });
  t.same(core.snapshot().hours, { position: 'before-8', overridden: [] });
  t.match(await core.issueActivationCard(), { ok: true }, 'preparation goes on before 8 h');
  await boxClient(rig).event({ kind: 'box-empty' });
  t.match(await core.openVoting(true), { ok: false, error: 'hours', message: /nog geen 8 uur/ });
  t.match(await core.overrideHours('before-8', '  '), { ok: false, error: 'bad-input' }, 'a reason is needed');
  t.match(await core.overrideHours('after-15', 'x'), { ok: false, error: 'not-now' }, 'only the override that applies now');
  t.match(await core.overrideHours('before-8', 'Op vraag van het hoofdbureau om 7.30 u geopend.'), { ok: true });
  t.match(await core.openVoting(true), { ok: true });
  clock.set('14:59');
  t.match(await core.issueVoterCard('belg'), { ok: true });
  clock.set('15:00');
  t.match(await core.issueVoterCard('belg'), { ok: false, error: 'hours', message: /na 15 uur/ });
  t.match(await core.annulBallot('damaged', 'belg'), { ok: true }, 'a voter inside: the annulment and its card');
  t.match(await core.overrideHours('after-15', 'Om 15 uur stonden nog 4 kiezers in de rij.'), { ok: true });
  t.match(await core.issueVoterCard('belg'), { ok: true });
  t.same(core.snapshot().hours.overridden, ['before-8', 'after-15']);
  const report = pv(core.reportData());
  t.match(report, /Stemuren: stemming geopend vóór 8 uur: 07:30\nOp vraag van het hoofdbureau/);
  t.match(report, /Stemuren: kiezers na 15 uur toegelaten: 15:00\nOm 15 uur stonden nog 4 kiezers in de rij\./);
});

t.test('the annulment form preselects the category of the returned card (art. 17 §1–2)', async (t) => {
  const rig = await startRig(t);
  const core = rig.handle.core;
  await openForVoting(rig);
  const handBack = async (payloadCategory: string): Promise<void> => {
    t.match(await core.issueVoterCard(payloadCategory), { ok: true });
    const written = rig.devices.cards.at(-1)!;
    rig.devices.reader.terminal.insert(written.card);
    for (let i = 0; i < 200 && rig.devices.reader.status().kind !== 'card-present'; i++) await new Promise((r) => setTimeout(r, 5));
  };
  await handBack('belg');
  t.match(await core.readReturnedCard(), { ok: true, categories: ['belg'], message: /Kaart van een Belgische kiezer/ });
  t.match(await core.annulBallot('damaged', 'belg'), { ok: true }, 'the replacement is written on the card laid there');
  await handBack('eu');
  t.match(await core.readReturnedCard(), { ok: true, categories: ['eu', 'niet-eu'], message: /kies de juiste categorie op de oproepingsbrief/ }, 'the same elections: both named');
  rig.devices.reader.terminal.remove();
  t.match(await core.readReturnedCard(), { ok: false, error: 'card' }, 'no card: a clear message');
});

t.test('the annulment form preselects the reason the box gave (art. 17 §2, 5°)', async (t) => {
  const rig = await startRig(t);
  const core = rig.handle.core;
  const { box } = await openForVoting(rig);
  t.equal(core.snapshot().box.lastRefusal, undefined);
  await box.event({ kind: 'refused', reason: 'unreadable' });
  t.equal(core.snapshot().box.lastRefusal, 'unreadable');
  t.match(await core.annulBallot('unreadable-by-box', 'belg'), { ok: true });
  t.equal(core.snapshot().box.lastRefusal, undefined, 'dealt with');
});

t.test('HARDWARE.md fase 2 ("Do not type the envelope password in a test"): the technician\'s test password opens nothing', async (t) => {
  const rig = await startRig(t);
  const core = rig.handle.core;
  const r = await core.unlock(TECHNICIAN_TEST_PASSWORD.toLowerCase());
  t.match(r, { ok: false, error: 'test-password', message: /^Testpaswoord herkend.*De sticks werden niet aangeraakt/ });
  t.same(core.snapshot().phase, { kind: 'locked', attemptsLeft: 5 }, 'no attempt spent');
  t.notOk((await readdir(rig.dirs.A)).includes('session.json'), 'no session started on the sticks');
  t.equal(rig.devices.printer.tickets.length, 0, 'no koppelticket printed');
  t.match(await core.unlock(password()), { ok: true }, 'the real password still opens');
});
