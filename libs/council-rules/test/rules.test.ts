// Worked examples of the council-vote rules, each naming the article of the Decreet over het
// Lokaal Bestuur (DLB) it follows.
import t from 'tap';
import {
  BALLOT_PROBLEM_TEXT,
  candidateMinutes,
  checkBallot,
  checkVote,
  decideCandidates,
  decideStandard,
  electorate,
  majorityBase,
  quorum,
  standardMinutes,
  tally,
  type CandidateTally,
  type StandardTally,
} from '../src/index.ts';
import { appointment, CANDIDATES, council, pick, proposal, std, times } from './fixtures.ts';

const standard = (ja: number, nee: number, onthouding: number, blanco = 0): StandardTally => {
  const r = tally(proposal(), [], [...times(ja, std('ja')), ...times(nee, std('nee')), ...times(onthouding, std('onthouding')), ...times(blanco, std('blanco'))]);
  if (r.kind !== 'standaard') throw new Error('standard tally');
  return r;
};

void t.test('art. 33 DLB: 21 for, 8 against, 2 abstentions — adopted; abstentions are not counted', (t) => {
  const ballot = proposal();
  const tl = standard(21, 8, 2);
  const d = decideStandard(ballot, tl);
  t.same(d, { kind: 'standaard', adopted: true, reason: 'meerderheid', cast: 29, needed: 15 });
  t.equal(standardMinutes(ballot, tl, d), 'Het voorstel wordt aangenomen met 21 stemmen voor, 8 tegen en 2 onthoudingen.');
  t.end();
});

void t.test('art. 33 DLB: 10 for, 9 against, 12 abstentions — adopted (the majority is of ja + nee only)', (t) => {
  const d = decideStandard(proposal(), standard(10, 9, 12));
  t.ok(d.adopted);
  t.equal(d.needed, 10);
  t.end();
});

void t.test('art. 33 DLB: a tie rejects the proposal — 15 for, 15 against, 1 abstention', (t) => {
  const ballot = proposal();
  const tl = standard(15, 15, 1);
  const d = decideStandard(ballot, tl);
  t.same([d.adopted, d.reason], [false, 'staking']);
  t.equal(standardMinutes(ballot, tl, d), 'Het voorstel wordt verworpen bij staking van stemmen: 15 stemmen voor, 15 tegen en 1 onthouding (art. 33 DLB).');
  t.end();
});

void t.test('art. 33 DLB: blank votes (secret vote) count no more than abstentions — 12 for, 11 against, 8 blank', (t) => {
  const ballot = proposal({ secret: true });
  const tl = standard(12, 11, 0, 8);
  const d = decideStandard(ballot, tl);
  t.same([d.adopted, d.cast, d.needed], [true, 23, 12]);
  t.equal(standardMinutes(ballot, tl, d), 'Het voorstel wordt aangenomen met 12 stemmen voor, 11 tegen en 8 blanco.');
  t.end();
});

void t.test('art. 33 DLB: only abstentions — rejected, nobody voted for', (t) => {
  const ballot = proposal();
  const tl = standard(0, 0, 5);
  const d = decideStandard(ballot, tl);
  t.same([d.adopted, d.reason], [false, 'geen-stemmen']);
  t.equal(standardMinutes(ballot, tl, d), 'Het voorstel wordt verworpen: er werden geen stemmen voor of tegen uitgebracht (5 onthoudingen).');
  t.end();
});

void t.test('unanimous: "eenparig", and one vote in the singular', (t) => {
  const ballot = proposal();
  t.equal(standardMinutes(ballot, standard(31, 0, 0), decideStandard(ballot, standard(31, 0, 0))), 'Het voorstel wordt eenparig aangenomen met 31 stemmen voor.');
  const one = standard(1, 0, 1);
  t.equal(standardMinutes(ballot, one, decideStandard(ballot, one)), 'Het voorstel wordt aangenomen met 1 stem voor, 0 tegen en 1 onthouding.');
  t.end();
});

void t.test('two-thirds of the votes cast, abstentions not counted: 20 of 30 adopts, 19 of 29 does not', (t) => {
  const ballot = proposal({ majority: 'tweederde' });
  const yes = decideStandard(ballot, standard(20, 10, 1));
  t.same([yes.adopted, yes.needed, yes.cast], [true, 20, 30]);
  const no = standard(19, 10, 2);
  const d = decideStandard(ballot, no);
  t.same([d.adopted, d.needed, d.reason], [false, 20, 'geen-meerderheid']);
  t.equal(standardMinutes(ballot, no, d), 'Het voorstel wordt verworpen met 19 stemmen voor, 10 tegen en 2 onthoudingen. Vereist: 20 van de 29 uitgebrachte stemmen (2/3, onthoudingen niet meegeteld).');
  t.equal(majorityBase(ballot), '2/3 van de uitgebrachte stemmen, onthoudingen en blanco stemmen niet meegeteld (art. 33 DLB)');
  t.end();
});

void t.test('the base of every majority in words', (t) => {
  t.equal(majorityBase(proposal()), 'volstrekte meerderheid van de uitgebrachte stemmen, onthoudingen en blanco stemmen niet meegeteld; bij staking van stemmen is het voorstel verworpen (art. 33 DLB)');
  t.match(majorityBase(proposal({ counting: 'gewogen' })), /\(gewogen stemmen\)/);
  t.equal(majorityBase(appointment()), 'volstrekte meerderheid van de geldig uitgebrachte stemmen, blanco stemmen niet meegeteld (art. 35 DLB)');
  t.match(majorityBase(appointment(), { kind: 'herstemming', candidates: ['a', 'b'], seats: 1 }), /oudste kandidaat/);
  t.end();
});

void t.test('art. 26 DLB: the quorum is the majority of the seated members; a third convocation decides regardless', (t) => {
  const members = council();
  members.forEach((m, i) => (m.present = i < 16));
  t.same([quorum(members).met, quorum(members).needed], [true, 16]);
  t.equal(quorum(members).text, '16 van 31 raadsleden aanwezig; quorum 16 (meerderheid van de zittinghebbende leden, art. 26, §1 DLB).');
  members[15]!.present = false;
  t.notOk(quorum(members).met);
  t.match(quorum(members).text, /de raad kan niet beslissen/);
  t.ok(quorum(members, true).met, 'art. 26, §2: third convocation');
  const even = council().slice(0, 30);
  even.forEach((m, i) => (m.present = i < 15));
  t.notOk(quorum(even).met, 'half of an even council is no majority');
  t.end();
});

void t.test('no proxy in the DLB: the fraction leader votes for the present members of the fraction only, never in secret', (t) => {
  const members = council();
  members[1]!.present = false; // one of Groen Dorp away
  members[21]!.present = false; // the leader of Open Gemeente away
  const e = electorate(proposal({ delegation: 'fractie' }), members);
  t.same(
    e.voters.map((v) => [v.label, v.weight]),
    [
      ['Groen Dorp', 11],
      ['Nieuw Links', 4],
      ['Samen Verder', 9],
    ],
  );
  t.same(e.fractionsWithoutLeader, ['Open Gemeente']);
  const weighted = electorate(proposal({ delegation: 'fractie', counting: 'gewogen' }), members);
  const groen = members.filter((m) => m.fraction === 'Groen Dorp' && m.present).reduce((n, m) => n + m.weight, 0);
  t.equal(weighted.voters[0]!.weight, groen, 'weighted: the sum of the present members’ weights');
  const secret = checkBallot(proposal({ secret: true, delegation: 'fractie' }));
  t.same(secret.ok ? [] : secret.error, ['secret-through-fraction']);
  t.match(BALLOT_PROBLEM_TEXT['secret-through-fraction'], /geheime stemming kan niet via de fractievoorzitter/);
  t.end();
});

void t.test('individual votes: absent members do not vote; weighted ballots use each member’s weight', (t) => {
  const members = council();
  members[0]!.present = false;
  t.equal(electorate(proposal(), members).voters.length, 30);
  t.ok(electorate(proposal(), members).voters.every((v) => v.weight === 1));
  t.same(
    electorate(proposal({ counting: 'gewogen' }), members).voters.slice(0, 3).map((v) => v.weight),
    [2, 3, 1],
  );
  t.end();
});

void t.test('ballot checks: every problem at once, in Dutch', (t) => {
  const r = checkBallot({ ...appointment(5, [CANDIDATES[0]!, { id: 'a', name: 'An Claes', birthDate: '1970-02-30' }]), title: ' ', secret: true, counting: 'gewogen', majority: 'tweederde' });
  t.notOk(r.ok);
  t.same(r.ok ? [] : [...r.error].sort(), ['bad-birth-date', 'bad-max-choices', 'duplicate-candidate', 'no-title', 'secret-weighted', 'two-thirds-for-candidates']);
  t.ok(checkBallot(proposal()).ok);
  t.ok(checkBallot(appointment(2)).ok);
  t.end();
});

void t.test('votes: refused when they do not fit the ballot or the round', (t) => {
  const ballot = appointment(2);
  const first = { kind: 'eerste' } as const;
  t.same(checkVote(ballot, first, pick('a', 'z')), { ok: false, error: 'unknown-candidate' });
  t.same(checkVote(ballot, first, pick('a', 'b', 'c')), { ok: false, error: 'too-many-choices' });
  t.same(checkVote(ballot, first, pick('a', 'a')), { ok: false, error: 'duplicate-candidate' });
  t.same(checkVote(ballot, first, std('ja')), { ok: false, error: 'wrong-kind' });
  t.same(checkVote(ballot, first, pick('b', 'a')), { ok: true, value: pick('a', 'b') }, 'stored in ballot order, not click order');
  t.same(checkVote(ballot, { kind: 'herstemming', candidates: ['a', 'b'], seats: 1 }, pick('c')), { ok: false, error: 'unknown-candidate' }, 'second round: only its two');
  t.same(checkVote(proposal(), first, std('blanco')), { ok: false, error: 'blank-in-public' });
  t.ok(checkVote(proposal({ secret: true }), first, std('blanco')).ok);
  t.same(checkVote(proposal(), first, { kind: 'standaard', choice: 'misschien' as 'ja' }), { ok: false, error: 'unknown-choice' });
  t.end();
});

const candidateTally = (ballot = appointment(), votes: Parameters<typeof tally>[2], ids = ['a', 'b', 'c']): CandidateTally => {
  const r = tally(ballot, ids, votes);
  if (r.kind !== 'kandidaten') throw new Error('candidate tally');
  return r;
};

void t.test('art. 35 DLB: an appointment with the absolute majority of the valid votes, blank ones not counted', (t) => {
  const ballot = appointment();
  const tl = candidateTally(ballot, [...times(15, pick('a')), ...times(10, pick('b')), ...times(2, pick('c')), ...times(4, pick())]);
  t.same([tl.valid, tl.blanco], [27, 4]);
  const d = decideCandidates(ballot, tl, { kind: 'eerste' });
  t.same(d, { kind: 'kandidaten', elected: ['a'], byAge: [], needed: 14, next: null });
  t.equal(
    candidateMinutes(ballot, tl, d, { kind: 'eerste' }),
    'Stemming: An Claes 15 stemmen, Bart Peeters 10 stemmen en Chris Maes 2 stemmen; 4 blanco (27 geldige stemmen). An Claes wordt verkozen met de volstrekte meerderheid (ten minste 14 stemmen).',
  );
  t.end();
});

void t.test('art. 35 DLB: no absolute majority — a second round between the two best; there the most votes win', (t) => {
  const ballot = appointment();
  const tl = candidateTally(ballot, [...times(13, pick('a')), ...times(11, pick('b')), ...times(7, pick('c'))]);
  const d = decideCandidates(ballot, tl, { kind: 'eerste' });
  t.same(d.elected, []);
  t.same(d.next, { candidates: ['a', 'b'], seats: 1 });
  t.equal(
    candidateMinutes(ballot, tl, d, { kind: 'eerste' }),
    'Stemming: An Claes 13 stemmen, Bart Peeters 11 stemmen en Chris Maes 7 stemmen (31 geldige stemmen). Geen enkele kandidaat behaalt de volstrekte meerderheid van 16 stemmen: er volgt een herstemming tussen An Claes en Bart Peeters (art. 35 DLB).',
  );
  const round = { kind: 'herstemming', candidates: ['a', 'b'], seats: 1 } as const;
  const second = candidateTally(ballot, [...times(14, pick('b')), ...times(13, pick('a')), ...times(4, pick())], ['a', 'b']);
  const d2 = decideCandidates(ballot, second, round);
  t.same([d2.elected, d2.byAge], [['b'], []]);
  t.equal(candidateMinutes(ballot, second, d2, round), 'Herstemming: Bart Peeters 14 stemmen en An Claes 13 stemmen; 4 blanco (27 geldige stemmen). Bart Peeters wordt verkozen bij de herstemming.');
  t.end();
});

void t.test('art. 35 DLB: a tie in the second round goes to the older candidate', (t) => {
  const ballot = appointment();
  const round = { kind: 'herstemming', candidates: ['a', 'b'], seats: 1 } as const;
  const tl = candidateTally(ballot, [...times(15, pick('b')), ...times(15, pick('a')), ...times(1, pick())], ['a', 'b']);
  const d = decideCandidates(ballot, tl, round);
  t.same([d.elected, d.byAge], [['a'], ['a']], 'An Claes (1970) is older than Bart Peeters (1982)');
  t.match(candidateMinutes(ballot, tl, d, round), /Bij staking van stemmen is de oudste kandidaat verkozen \(art\. 35 DLB\): An Claes\./);
  t.end();
});

void t.test('art. 35 DLB: a tie for second place — the older goes to the second round', (t) => {
  const ballot = appointment();
  const d = decideCandidates(ballot, candidateTally(ballot, [...times(14, pick('a')), ...times(8, pick('b')), ...times(8, pick('c'))]), { kind: 'eerste' });
  t.same(d.next, { candidates: ['a', 'c'], seats: 1 }, 'Chris Maes (1965) before Bart Peeters (1982)');
  t.end();
});

void t.test('several seats: each elected needs the majority of the ballots; open seats go to a second round of twice as many', (t) => {
  const four = [...CANDIDATES, { id: 'd', name: 'Dirk Wouters', birthDate: '1990-01-01' }];
  const ballot = appointment(2, four);
  const tl = candidateTally(ballot, [...times(20, pick('a', 'b')), ...times(6, pick('c', 'd')), ...times(5, pick('a', 'c'))], ['a', 'b', 'c', 'd']);
  const d = decideCandidates(ballot, tl, { kind: 'eerste' });
  t.same(d.elected, ['a', 'b'], 'a 25 and b 20 of 31 ballots, needed 16');
  t.same(d.next, null);
  const split = candidateTally(ballot, [...times(16, pick('a', 'b')), ...times(15, pick('c', 'd'))], ['a', 'b', 'c', 'd']);
  const none = decideCandidates(ballot, split, { kind: 'eerste' });
  t.same([none.elected, none.next], [['a', 'b'], null]);
  const open = candidateTally(ballot, [...times(16, pick('a')), ...times(8, pick('b', 'c')), ...times(7, pick('d'))], ['a', 'b', 'c', 'd']);
  const o = decideCandidates(ballot, open, { kind: 'eerste' });
  t.same([o.elected, o.next], [['a'], { candidates: ['c', 'b'], seats: 1 }], 'b and c tie at 8: the older first');
  t.end();
});

void t.test('art. 35 DLB, blank votes not counted: a single candidate is appointed by 3 votes against 4 blank; all blank appoints nobody', (t) => {
  const ballot = appointment(1, [CANDIDATES[0]!]);
  const three = decideCandidates(ballot, candidateTally(ballot, [...times(3, pick('a')), ...times(4, pick())], ['a']), { kind: 'eerste' });
  t.same(three.elected, ['a']);
  const tl = candidateTally(ballot, times(7, pick()), ['a']);
  const d = decideCandidates(ballot, tl, { kind: 'eerste' });
  t.same([d.elected, d.next], [[], null]);
  t.equal(candidateMinutes(ballot, tl, d, { kind: 'eerste' }), 'Stemming: An Claes 0 stemmen; 7 blanco (0 geldige stemmen). Er is geen kandidaat verkozen.');
  t.end();
});

void t.test('public minutes name who voted how: members, or fractions through their leaders; weighted counts say so', (t) => {
  const ballot = proposal({ delegation: 'fractie', counting: 'gewogen' });
  const tl = tally(ballot, [], [...times(1, std('ja'), 12), ...times(1, std('ja'), 9), ...times(1, std('nee'), 6), ...times(1, std('onthouding'), 4)]);
  if (tl.kind !== 'standaard') throw new Error('standard');
  const d = decideStandard(ballot, tl);
  t.equal(
    standardMinutes(ballot, tl, d, { ja: ['Groen Dorp', 'Samen Verder'], nee: ['Open Gemeente'], onthouding: ['Nieuw Links'] }),
    'Het voorstel wordt aangenomen met 21 gewogen stemmen voor, 6 tegen en 4 onthoudingen. Stemden voor (fracties): Groen Dorp en Samen Verder. Stemden tegen (fracties): Open Gemeente. Onthielden zich (fracties): Nieuw Links.',
  );
  const secret = proposal({ secret: true });
  const st = standard(2, 1, 0);
  t.equal(standardMinutes(secret, st, decideStandard(secret, st), { ja: ['X'], nee: ['Y'], onthouding: [] }), 'Het voorstel wordt aangenomen met 2 stemmen voor en 1 tegen.', 'a secret vote never names anyone');
  t.end();
});
