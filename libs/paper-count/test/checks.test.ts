import t from 'tap';
import fc from 'fast-check';
import { CHECKS, checkTable, isError, withFields, emptyTable, tableFromBallots, type TelbureauTable, type CheckCode } from '../src/index.ts';
import { countedTableArb, shapeArb } from './arbitraries.ts';

const shape = { lists: [{ number: 1, candidates: 3 }, { number: 2, candidates: 2 }] };
// 100 ballots: 61 for list 1 (21 only the list vote), 36 for list 2 (6 only the list vote), 2 blank, 1 invalid.
const good: TelbureauTable = {
  handedOut: 100,
  ballots: 100,
  valid: 97,
  blank: 2,
  invalid: 1,
  lists: [
    { number: 1, stemcijfer: 61, listOnly: 21, preferenceVotes: [30, 15, 10] },
    { number: 2, stemcijfer: 36, listOnly: 6, preferenceVotes: [25, 9] },
  ],
};
const codes = (table: TelbureauTable, context = {}): CheckCode[] => checkTable(table, context).map((f) => f.code);

t.test('a table that adds up has no error and no warning', (t) => {
  t.same(codes(good), []);
  t.end();
});

t.test('F.101 valid + blank + invalid ≠ ballots counted', (t) => {
  t.same(codes(withFields(good, { invalid: 2 })), ['F.101']);
  t.end();
});

t.test('F.102 the sum of the stemcijfers ≠ valid', (t) => {
  t.same(codes(withFields(good, { valid: 96, blank: 3 })), ['F.102', 'W.201']);
  t.end();
});

t.test('F.103 more ballots with only a list vote than the stemcijfer', (t) => {
  t.same(codes(withFields(good, { 'list.2.listOnly': 37 })), ['F.103']);
  t.end();
});

t.test('F.104 a candidate with more preference votes than the list has ballots with name votes', (t) => {
  // List 2 has 30 ballots with name votes; candidate 1 is typed with 52 votes.
  const found = checkTable(withFields(good, { 'list.2.candidate.1': 52 }));
  t.same(found.map((f) => f.code), ['F.104']);
  t.match(found[0]!.detail, 'lijst 2, kandidaat 1: 52 naamstemmen, 30 stembiljetten met naamstemmen');
  t.end();
});

t.test('F.105 fewer preference votes than ballots with name votes', (t) => {
  t.same(codes(withFields(good, { 'list.1.candidate.1': 3, 'list.1.candidate.2': 2, 'list.1.candidate.3': 1 })), ['F.105']);
  t.end();
});

t.test('W.201 and W.202: blank or invalid 3 % or more (3 of 100 is; 2 of 100 is not)', (t) => {
  t.same(codes(withFields(good, { valid: 96, invalid: 2, 'list.1.stemcijfer': 60, 'list.1.listOnly': 20 })), []);
  t.same(codes(withFields(good, { valid: 94, blank: 3, invalid: 3, 'list.1.stemcijfer': 58, 'list.1.listOnly': 18 })), ['W.201', 'W.202']);
  t.end();
});

t.test('W.203 ballots counted ≠ ballots handed out', (t) => {
  const found = checkTable(withFields(good, { handedOut: 102 }));
  t.same(found.map((f) => f.code), ['W.203']);
  t.match(found[0]!.detail, 'verschil -2');
  t.end();
});

t.test('W.204 two telbureaus with identical tables: "dubbele ingave van eenzelfde telbureau?"', (t) => {
  const found = checkTable(good, { others: [{ telbureau: 'G2', table: withFields(good, {}) }, { telbureau: 'G3', table: withFields(good, { handedOut: 99 }) }] });
  t.same(found.map((f) => f.code), ['W.204']);
  t.match(found[0]!.detail, 'G2');
  t.equal(CHECKS['W.204'].title, 'dubbele ingave van eenzelfde telbureau?');
  t.end();
});

t.test('W.205 more ballots than registered voters', (t) => {
  t.same(codes(good, { registeredVoters: 99 }), ['W.205']);
  t.same(codes(good, { registeredVoters: 100 }), []);
  t.end();
});

t.test('every code has a title, a text for the typist and one for the voorzitter; F is an error, W a warning', (t) => {
  for (const [code, text] of Object.entries(CHECKS)) {
    t.ok(text.title && text.typist && text.voorzitter, code);
    t.equal(text.severity, code.startsWith('F') ? 'fout' : 'waarschuwing', code);
  }
  t.end();
});

t.test('property: a telbureau’s table drawn up from its ballots has no error', (t) => {
  fc.assert(
    fc.property(countedTableArb, ({ table }) => checkTable(table).filter(isError).length === 0),
    { seed: 12, numRuns: 300 },
  );
  t.end();
});

// Tables near consistency: counted ones with one to three fields changed by a little, so that
// both tables that pass and tables that fail are frequent.
const nearTableArb = countedTableArb.chain(({ shape: s, table }) => {
  const keys = Object.keys(flat(table));
  return fc
    .array(fc.tuple(fc.constantFrom(...keys), fc.integer({ min: -3, max: 3 })), { minLength: 0, maxLength: 3 })
    .map((changes) => {
      const values: Record<string, number> = {};
      const f = flat(table);
      for (const [k, d] of changes) values[k] = Math.max(0, (values[k] ?? f[k]!) + d);
      return { shape: s, table: withFields(table, values) };
    });
});

function flat(table: TelbureauTable): Record<string, number> {
  const out: Record<string, number> = { handedOut: table.handedOut, ballots: table.ballots, valid: table.valid, blank: table.blank, invalid: table.invalid };
  for (const l of table.lists) {
    out[`list.${l.number}.stemcijfer`] = l.stemcijfer;
    out[`list.${l.number}.listOnly`] = l.listOnly;
    l.preferenceVotes.forEach((v, i) => (out[`list.${l.number}.candidate.${i + 1}`] = v));
  }
  return out;
}

t.test('property: any table that passes the checks adds up', (t) => {
  let passed = 0;
  let failed = 0;
  fc.assert(
    fc.property(nearTableArb, ({ table }) => {
      if (checkTable(table).some(isError)) {
        failed++;
        return true;
      }
      passed++;
      const sumLists = table.lists.reduce((s, l) => s + l.stemcijfer, 0);
      return (
        table.valid + table.blank + table.invalid === table.ballots &&
        sumLists === table.valid &&
        table.lists.every((l) => {
          const withNames = l.stemcijfer - l.listOnly;
          const names = l.preferenceVotes.reduce((s, v) => s + v, 0);
          return withNames >= 0 && l.preferenceVotes.every((v) => v <= withNames) && names >= withNames && names <= withNames * l.preferenceVotes.length;
        })
      );
    }),
    { seed: 34, numRuns: 1000 },
  );
  // Not vacuous: both kinds occur often.
  t.ok(passed > 100, `${passed} tables passed`);
  t.ok(failed > 100, `${failed} tables failed`);
  t.end();
});

t.test('property: an empty table of any shape passes without warnings but W.203 never fires on 0 = 0', (t) => {
  fc.assert(fc.property(shapeArb, (s) => checkTable(emptyTable(s)).length === 0), { seed: 5, numRuns: 50 });
  t.same(codes(tableFromBallots(shape, [{ kind: 'blank' }], 1)), ['W.201']);
  t.end();
});
