// Rounds from opening to release through the council core: each vote kind of the demo meeting,
// the time limit, a vote sent twice, a restart mid-round, the quorum, and every bad input refused
// with a Dutch message and nothing changed.
import t from 'tap';
import type { Vote } from '@ovs/council-rules';
import { projectorView, memberView, controlView } from '../src/views.ts';
import { BALLOT, demoCouncil, fingerprint, key } from './support.ts';

const ja: Vote = { kind: 'standaard', choice: 'ja' };
const nee: Vote = { kind: 'standaard', choice: 'nee' };
const onth: Vote = { kind: 'standaard', choice: 'onthouding' };
const pick = (...candidates: string[]): Vote => ({ kind: 'kandidaten', candidates });

const must = <T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

void t.test('a public vote: 21 for, 8 against, 2 abstentions, released with names and the minutes text', async (t) => {
  const f = await demoCouncil(t);
  const { roundId } = must(f.council.openRound(f.chair, BALLOT.notulen));
  for (let n = 1; n <= 31; n++) must(f.council.vote(f.member(n), roundId, n <= 21 ? ja : n <= 29 ? nee : onth));
  const progress = projectorView(f.council.sqlite, f.clock.now()).stage;
  t.equal(progress.kind === 'round' ? progress.round.progress : '', '31 van 31 stemgerechtigden hebben gestemd');
  must(f.council.closeRound(f.secretariat, roundId));
  t.equal(projectorView(f.council.sqlite, f.clock.now()).stage.kind, 'idle', 'closed but not released: the room sees nothing yet');
  const refused = f.council.releaseRound(f.secretariat, roundId);
  t.same(refused.ok ? '' : refused.error.message, 'Als secretariaatsmedewerker mag u dit niet doen.', 'only the chair releases');
  must(f.council.releaseRound(f.chair, roundId));
  const stage = projectorView(f.council.sqlite, f.clock.now()).stage;
  if (stage.kind !== 'result' || !stage.round.result) throw new Error('result on stage');
  const r = stage.round.result;
  t.equal(r.minutes.split('. Stemden')[0], 'Het voorstel wordt aangenomen met 21 stemmen voor, 8 tegen en 2 onthoudingen');
  t.equal(r.outcome, 'Het voorstel is aangenomen.');
  t.same(
    r.counts.map((c) => [c.label, c.count, c.names?.length]),
    [
      ['Ja', 21, 21],
      ['Nee', 8, 8],
      ['Onthouding', 2, 2],
    ],
  );
  t.equal(r.counts[2]!.names![0], f.accounts.find((a) => a.memberId === 'm30')!.name);
  t.end();
});

void t.test('a weighted vote through the fraction leaders: each leader votes with the present members of the fraction', async (t) => {
  const f = await demoCouncil(t);
  must(f.council.setPresence(f.secretariat, 'm02', false));
  must(f.council.setPresence(f.secretariat, 'm03', false));
  const { roundId } = must(f.council.openRound(f.chair, BALLOT.meerjarenplan));
  const member2 = f.council.vote(f.member(2), roundId, ja);
  t.match(member2.ok ? '' : member2.error.message, /niet als aanwezig gemeld/);
  const member5 = f.council.vote(f.member(5), roundId, ja);
  t.match(member5.ok ? '' : member5.error.message, /fractie stemt via de fractievoorzitter/);
  // Leaders: m01 (Groen Dorp, 12 − 2 absent), m13 (Samen Verder, 9), m22 (Open Gemeente, 6), m28 (Nieuw Links, 4).
  must(f.council.vote(f.member(1), roundId, ja));
  must(f.council.vote(f.member(13), roundId, nee));
  must(f.council.vote(f.member(22), roundId, ja));
  must(f.council.vote(f.member(28), roundId, onth));
  must(f.council.closeRound(f.chair, roundId));
  must(f.council.releaseRound(f.chair, roundId));
  const stage = projectorView(f.council.sqlite, f.clock.now()).stage;
  if (stage.kind !== 'result' || !stage.round.result) throw new Error('result');
  t.equal(
    stage.round.result.minutes,
    'Het voorstel wordt aangenomen met 16 gewogen stemmen voor, 9 tegen en 4 onthoudingen. Stemden voor (fracties): Groen Dorp en Open Gemeente. Stemden tegen (fracties): Samen Verder. Onthielden zich (fracties): Nieuw Links.',
  );
  t.equal(stage.round.progress, '4 van 4 stemgerechtigden hebben gestemd');
  t.end();
});

void t.test('an appointment: no majority in the first round, a second round between the two best, a tie there to the older', async (t) => {
  const f = await demoCouncil(t);
  const first = must(f.council.openRound(f.chair, BALLOT.vertegenwoordiger)).roundId;
  for (let n = 1; n <= 31; n++) must(f.council.vote(f.member(n), first, n <= 14 ? pick('k1') : n <= 26 ? pick('k2') : pick('k3'), key(n)));
  must(f.council.closeRound(f.chair, first));
  must(f.council.releaseRound(f.chair, first));
  let stage = projectorView(f.council.sqlite, f.clock.now()).stage;
  if (stage.kind !== 'result' || !stage.round.result) throw new Error('result');
  t.equal(stage.round.result.outcome, 'Geen volstrekte meerderheid: er volgt een herstemming.');
  t.equal(
    stage.round.result.minutes,
    'Stemming: Sofie Jacobs 14 stemmen, Koen Mertens 12 stemmen en Lotte Willems 5 stemmen (31 geldige stemmen). Geen enkele kandidaat behaalt de volstrekte meerderheid van 16 stemmen: er volgt een herstemming tussen Sofie Jacobs en Koen Mertens (art. 35 DLB).',
  );
  const second = must(f.council.openRound(f.chair, BALLOT.vertegenwoordiger)).roundId;
  const view = memberView(f.council.sqlite, 'm01', f.clock.now());
  t.same(view.stage.kind === 'round' && view.stage.ballot.choices.kind === 'kandidaten' ? view.stage.ballot.choices.candidates.map((c) => c.name) : [], ['Sofie Jacobs', 'Koen Mertens'], 'the second round offers the two');
  const wrong = f.council.vote(f.member(1), second, pick('k3'), key(101));
  t.match(wrong.ok ? '' : wrong.error.message, /staat niet op de stembrief van deze ronde/);
  for (let n = 1; n <= 30; n++) must(f.council.vote(f.member(n), second, n <= 15 ? pick('k1') : pick('k2'), key(100 + n)));
  must(f.council.vote(f.member(31), second, pick(), key(131)));
  must(f.council.closeRound(f.chair, second));
  must(f.council.releaseRound(f.chair, second));
  stage = projectorView(f.council.sqlite, f.clock.now()).stage;
  if (stage.kind !== 'result' || !stage.round.result) throw new Error('result');
  t.equal(stage.round.label, 'Herstemming 2');
  t.equal(stage.round.result.outcome, 'Verkozen: Koen Mertens.', 'Koen Mertens (1968) is older than Sofie Jacobs (1979)');
  t.same(
    stage.round.result.counts.map((c) => [c.label, c.count, c.elected ?? false]),
    [
      ['Sofie Jacobs', 15, false],
      ['Koen Mertens', 15, true],
      ['Blanco', 1, false],
    ],
  );
  t.end();
});

void t.test('a timed round closes itself when its time runs out, and a vote after that is refused', async (t) => {
  const f = await demoCouncil(t);
  const { roundId } = must(f.council.openRound(f.chair, BALLOT.reglement, { limitSeconds: 60 }));
  let changes = 0;
  f.council.onChange(() => changes++);
  for (let n = 1; n <= 25; n++) must(f.council.vote(f.member(n), roundId, n <= 20 ? ja : nee));
  f.clock.advance(59_000);
  t.equal(controlView(f.council.sqlite, f.clock.now()).openRound?.id, roundId, 'still open at 59 s');
  f.clock.advance(1_000);
  t.equal(controlView(f.council.sqlite, f.clock.now()).openRound, null, 'closed at 60 s');
  t.ok(changes > 25, 'the close was announced to the screens');
  const late = f.council.vote(f.member(26), roundId, nee);
  t.same(late.ok ? '' : late.error.code, 'round-not-open');
  must(f.council.releaseRound(f.chair, roundId));
  const stage = projectorView(f.council.sqlite, f.clock.now()).stage;
  t.equal(
    stage.kind === 'result' ? stage.round.result?.minutes.split(' Stemden')[0] : '',
    'Het voorstel wordt aangenomen met 20 stemmen voor en 5 tegen. Vereist: 17 van de 25 uitgebrachte stemmen (2/3, onthoudingen niet meegeteld).',
  );
  t.match(f.log.join('\n'), /ronde gesloten \(tijd verstreken\)/);
  t.end();
});

void t.test('a vote sent twice is stored once; a changed vote replaces the first; a secret vote changes only with its key', async (t) => {
  const f = await demoCouncil(t);
  const { roundId } = must(f.council.openRound(f.chair, BALLOT.notulen));
  t.equal(must(f.council.vote(f.member(1), roundId, ja)), 'opgeslagen');
  t.equal(must(f.council.vote(f.member(1), roundId, ja)), 'ongewijzigd');
  t.equal(must(f.council.vote(f.member(1), roundId, nee)), 'gewijzigd');
  t.equal((f.council.sqlite.prepare('SELECT COUNT(*) AS n FROM public_vote').get() as { n: number }).n, 1);
  must(f.council.closeRound(f.chair, roundId));
  must(f.council.releaseRound(f.chair, roundId));
  const secret = must(f.council.openRound(f.chair, BALLOT.directeur)).roundId;
  t.equal(must(f.council.vote(f.member(1), secret, ja, key(1))), 'opgeslagen');
  t.equal(must(f.council.vote(f.member(1), secret, ja, key(1))), 'ongewijzigd', 'the same request again');
  t.equal(must(f.council.vote(f.member(1), secret, nee, key(1))), 'gewijzigd');
  const other = f.council.vote(f.member(1), secret, ja, key(2));
  t.same(other.ok ? '' : other.error.code, 'voted-elsewhere', 'another key (another tablet) cannot add a second ballot');
  t.equal((f.council.sqlite.prepare('SELECT COUNT(*) AS n FROM secret_ballot').get() as { n: number }).n, 1);
  t.equal(memberView(f.council.sqlite, 'm01', f.clock.now()).mine?.voted, true, 'the member sees the vote is stored');
  t.equal(memberView(f.council.sqlite, 'm01', f.clock.now()).mine?.vote, null, 'but the server does not tell a secret vote back');
  t.end();
});

void t.test('a restart mid-round loses no stored vote, and the time limit still holds', async (t) => {
  const f = await demoCouncil(t);
  const { roundId } = must(f.council.openRound(f.chair, BALLOT.directeur, { limitSeconds: 120 }));
  for (let n = 1; n <= 10; n++) must(f.council.vote(f.member(n), roundId, n <= 7 ? ja : nee, key(n)));
  const again = f.reopen();
  t.equal(memberView(again.sqlite, 'm03', f.clock.now()).mine?.voted, true);
  for (let n = 11; n <= 16; n++) must(again.vote(f.member(n), roundId, ja, key(n)));
  f.clock.advance(120_000);
  must(again.releaseRound(f.chair, roundId));
  const stage = projectorView(again.sqlite, f.clock.now()).stage;
  t.equal(stage.kind === 'result' ? stage.round.result?.minutes : '', 'Het voorstel wordt aangenomen met 13 stemmen voor en 3 tegen.');
  t.end();
});

void t.test('no quorum, no round: 15 of 31 present', async (t) => {
  const f = await demoCouncil(t);
  for (let n = 16; n <= 31; n++) must(f.council.setPresence(f.secretariat, `m${String(n).padStart(2, '0')}`, false));
  const r = f.council.openRound(f.chair, BALLOT.notulen);
  t.same(r.ok ? '' : r.error.message, 'De stemronde kan niet openen: 15 van 31 raadsleden aanwezig; quorum 16 (meerderheid van de zittinghebbende leden, art. 26, §1 DLB): de raad kan niet beslissen.');
  t.equal(controlView(f.council.sqlite, f.clock.now()).quorum.text, '15 van 31 raadsleden aanwezig; quorum 16 (meerderheid van de zittinghebbende leden, art. 26, §1 DLB): de raad kan niet beslissen.');
  t.end();
});

void t.test('bad input is refused with a Dutch message and changes nothing', async (t) => {
  const f = await demoCouncil(t);
  const { roundId } = must(f.council.openRound(f.chair, BALLOT.vertegenwoordiger));
  must(f.council.vote(f.member(1), roundId, pick('k1'), key(1)));
  const before = fingerprint(f.council);
  const cases: Array<[string, ReturnType<typeof f.council.vote>, RegExp]> = [
    ['a candidate not on the ballot', f.council.vote(f.member(2), roundId, pick('k9'), key(2)), /staat niet op de stembrief/],
    ['more choices than allowed', f.council.vote(f.member(2), roundId, pick('k1', 'k2'), key(2)), /meer kandidaten dan toegelaten/],
    ['a standard vote on a candidate ballot', f.council.vote(f.member(2), roundId, ja, key(2)), /past niet bij de stembrief/],
    ['no key in a secret round', f.council.vote(f.member(2), roundId, pick('k1')), /sleutel/],
    ['a chair without a member', f.council.vote(f.chair, roundId, pick('k1'), key(3)), /Alleen raadsleden stemmen/],
    ['an unknown round', f.council.vote(f.member(2), 999, pick('k1'), key(2)), /bestaat niet/],
  ];
  must(f.council.setPresence(f.secretariat, 'm05', false));
  const absentBefore = fingerprint(f.council);
  const absent = f.council.vote(f.member(5), roundId, pick('k1'), key(5));
  t.match(absent.ok ? '' : absent.error.message, /niet als aanwezig gemeld/, 'a member not present');
  t.equal(fingerprint(f.council), absentBefore);
  for (const [label, r, message] of cases) t.match(r.ok ? '' : r.error.message, message, label);
  must(f.council.setPresence(f.secretariat, 'm05', true));
  t.equal(fingerprint(f.council), before, 'nothing changed');
  must(f.council.closeRound(f.chair, roundId));
  const closed = f.council.vote(f.member(2), roundId, pick('k1'), key(2));
  t.match(closed.ok ? '' : closed.error.message, /gesloten: uw stem werd niet opgeslagen/, 'a vote for a closed round');
  const member = f.council.openRound(f.member(3), BALLOT.notulen);
  t.same(member.ok ? '' : member.error.message, 'Als raadslid mag u dit niet doen.');
  t.end();
});

void t.test('a ballot can be edited and deleted until its first round opens, and never after', async (t) => {
  const f = await demoCouncil(t);
  const spec = { title: 'Notulen (aangepast)', description: '', choices: { kind: 'standaard' as const }, secret: false, majority: 'gewoon' as const, counting: 'hoofdelijk' as const, delegation: 'individueel' as const };
  must(f.council.updateBallot(f.secretariat, BALLOT.notulen, spec));
  const bad = f.council.updateBallot(f.secretariat, BALLOT.notulen, { ...spec, secret: true, delegation: 'fractie' });
  t.match(bad.ok ? '' : bad.error.message, /geheime stemming kan niet via de fractievoorzitter/);
  must(f.council.deleteBallot(f.secretariat, BALLOT.reglement));
  const { roundId } = must(f.council.openRound(f.chair, BALLOT.notulen));
  const edit = f.council.updateBallot(f.secretariat, BALLOT.notulen, spec);
  t.same(edit.ok ? '' : edit.error.code, 'ballot-locked');
  must(f.council.resetRound(f.chair, roundId));
  const del = f.council.deleteBallot(f.secretariat, BALLOT.notulen);
  t.same(del.ok ? '' : del.error.code, 'ballot-locked', 'a round was opened: the ballot stays for the record');
  t.end();
});

void t.test('re-initialising a round discards its votes; the next round starts from zero', async (t) => {
  const f = await demoCouncil(t);
  const first = must(f.council.openRound(f.chair, BALLOT.notulen)).roundId;
  must(f.council.vote(f.member(1), first, ja));
  must(f.council.resetRound(f.secretariat, first));
  const second = must(f.council.openRound(f.chair, BALLOT.notulen)).roundId;
  const stage = projectorView(f.council.sqlite, f.clock.now()).stage;
  t.equal(stage.kind === 'round' ? stage.round.progress : '', '0 van 31 stemgerechtigden hebben gestemd');
  t.equal(stage.kind === 'round' ? stage.round.label : '', 'Stemronde 1');
  t.not(second, first);
  t.end();
});

void t.test('an offline round: its counts entered by hand, checked, and counted by the same rules', async (t) => {
  const f = await demoCouncil(t);
  const tooMany = f.council.enterManual(f.secretariat, BALLOT.notulen, { kind: 'standaard', ja: 30, nee: 5, onthouding: 0, blanco: 0 });
  t.match(tooMany.ok ? '' : tooMany.error.message, /meer stemmen ingevuld \(35\) dan er stemgerechtigden zijn \(31\)/);
  const { roundId } = must(f.council.enterManual(f.secretariat, BALLOT.notulen, { kind: 'standaard', ja: 21, nee: 8, onthouding: 2, blanco: 0 }));
  must(f.council.releaseRound(f.chair, roundId));
  const stage = projectorView(f.council.sqlite, f.clock.now()).stage;
  t.equal(stage.kind === 'result' ? stage.round.result?.minutes : '', 'Het voorstel wordt aangenomen met 21 stemmen voor, 8 tegen en 2 onthoudingen.');
  t.equal(stage.kind === 'result' ? stage.round.label : '', 'Stemronde 1 (offline, manueel ingevoerd)');
  t.end();
});
