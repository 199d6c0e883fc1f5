import t from 'tap';
import { randomBytes, Signer } from '@ovs/crypto';
import { findElection, generateDemoElection, titleIn } from '@ovs/election';
import { BALLOT_LABELS, prepareBallotPrint, renderBallotText, toLatin1, type Ballot } from '../src/index.ts';
import { demoContext, FAST_SCRYPT, sessionSigner } from './support.ts';

const ballot = (test = false): Ballot => ({
  test,
  pollingStation: 3,
  ballotId: randomBytes(16),
  vote: {
    elections: [
      { election: 'G', choice: { kind: 'list', list: 2, topBox: true, candidates: [3, 1] } },
      { election: 'P', choice: { kind: 'blank' } },
    ],
  },
});

t.test('the printed text says what the barcode says', (t) => {
  const { context, demo } = demoContext();
  const prepared = prepareBallotPrint(context, ballot(), sessionSigner(), 'nl');
  t.ok(prepared.ok);
  if (!prepared.ok) return t.end();
  const text = prepared.value.text.map((l) => l.text).join('\n');
  const g = findElection(demo.election, 'G')!;
  const list = g.lists.find((l) => l.number === 2)!;
  t.match(text, 'STEMBILJET');
  t.match(text, 'Vlindermeer-003-Zonnebrug');
  t.match(text, '13 oktober 2024');
  t.match(text, `Lijst 2: ${list.name}`);
  t.match(text, 'Stem bovenaan de lijst');
  const c1 = list.candidates[0]!;
  const c3 = list.candidates[2]!;
  t.match(text, `1. ${c1.lastName} ${c1.firstName}`);
  t.match(text, `3. ${c3.lastName} ${c3.firstName}`);
  t.ok(text.indexOf(`1. ${c1.lastName}`) < text.indexOf(`3. ${c3.lastName}`), 'candidates in list order whatever the click order');
  t.match(text, /Provincieraad[^\n]*\nBlanco/);
  t.end();
});

t.test('a test ballot says so in its title, in every language', (t) => {
  const { context } = demoContext();
  for (const lang of ['nl', 'fr', 'de'] as const) {
    const p = prepareBallotPrint(context, ballot(true), sessionSigner(), lang);
    t.ok(p.ok);
    if (p.ok) t.equal(p.value.text[0]!.text, toLatin1(BALLOT_LABELS[lang].testBallot));
  }
  t.end();
});

t.test('only Latin-1 reaches the printer', (t) => {
  t.equal(toLatin1('Provincieraad – district “Zuid” Ōmer'), 'Provincieraad - district "Zuid" Omer');
  const { demo, context } = demoContext();
  const lines = renderBallotText(demo.election, { ...ballot(), vote: { elections: [{ election: 'G', choice: { kind: 'blank' } }] } }, 'fr');
  for (const l of lines) t.ok(/^[\u0020-\u00ff]*$/.test(l.text), l.text);
  t.ok(context);
  t.end();
});

t.test('a facility municipality: the election titles in the voter\'s language, Dutch where the package has none', (t) => {
  const demo = generateDemoElection({ scrypt: FAST_SCRYPT, languages: ['nl', 'fr'] });
  const vote = { elections: [{ election: 'G', choice: { kind: 'blank' as const } }, { election: 'P', choice: { kind: 'blank' as const } }] };
  const headings = (language: 'nl' | 'fr') => renderBallotText(demo.election, { ...ballot(), vote }, language).filter((l) => l.style === 'heading').map((l) => l.text);
  t.same(headings('fr'), ['Conseil communal de Vlindermeer', 'Conseil provincial Vlinderland - district Vlindermeer']);
  t.same(headings('nl'), ['Gemeenteraad Vlindermeer', 'Provincieraad Vlinderland - district Vlindermeer']);
  t.equal(titleIn(demo.election.elections[0]!, 'de'), 'Gemeenteraad Vlindermeer', 'no German title in this package: the Dutch one');
  t.end();
});

t.test('prepareBallotPrint refuses a vote it cannot encode, and prints nothing', (t) => {
  const { context } = demoContext();
  const bad: Ballot = { ...ballot(), vote: { elections: [{ election: 'G', choice: { kind: 'list', list: 2, topBox: false, candidates: [] } }] } };
  const p = prepareBallotPrint(context, bad, new Signer(randomBytes(32)), 'nl');
  t.notOk(p.ok);
  t.end();
});
