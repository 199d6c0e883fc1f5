import t from 'tap';
import fc from 'fast-check';
import {
  applyEntryEvent,
  checkTable,
  differences,
  fieldValue,
  tableFields,
  withFields,
  type EntryContext,
  type EntryEvent,
  type EntryState,
  type TelbureauTable,
} from '../src/index.ts';
import { countedTableArb } from './arbitraries.ts';

const shape = { lists: [{ number: 1, candidates: 2 }, { number: 2, candidates: 1 }] };
const ctx: EntryContext = { shape, check: (table) => checkTable(table) };
const table: TelbureauTable = {
  handedOut: 50,
  ballots: 50,
  valid: 49,
  blank: 1,
  invalid: 0,
  lists: [
    { number: 1, stemcijfer: 30, listOnly: 10, preferenceVotes: [15, 8] },
    { number: 2, stemcijfer: 19, listOnly: 4, preferenceVotes: [15] },
  ],
};
const submit = (typist: string, tbl: TelbureauTable, more: Partial<{ acceptWarnings: boolean; confirmErrors: boolean }> = {}): EntryEvent => ({
  kind: 'submit',
  typist,
  table: tbl,
  acceptWarnings: more.acceptWarnings ?? false,
  confirmErrors: more.confirmErrors ?? false,
});

function run(events: EntryEvent[], context: EntryContext = ctx): EntryState {
  let state: EntryState = { kind: 'empty' };
  for (const e of events) {
    const r = applyEntryEvent(state, e, context);
    if (!r.ok) throw new Error(`${e.kind}: ${r.error.code}`);
    state = r.value;
  }
  return state;
}

t.test('two equal entries by two typists: definitive', (t) => {
  const s = run([submit('an', table), submit('bo', table)]);
  t.equal(s.kind, 'definitive');
  if (s.kind === 'definitive') t.same([s.decision, s.typists, s.decidedBy], ['equal', ['an', 'bo'], null]);
  t.end();
});

t.test('the second entry by the first typist is refused', (t) => {
  const s = run([submit('an', table)]);
  const r = applyEntryEvent(s, submit('an', table), ctx);
  t.equal(!r.ok && r.error.code, 'same-typist');
  t.end();
});

t.test('an error must be confirmed, and then resolved by the voorzitter before the second entry', (t) => {
  const wrong = withFields(table, { valid: 48, blank: 2 });
  const r = applyEntryEvent({ kind: 'empty' }, submit('an', wrong), ctx);
  t.equal(!r.ok && r.error.code, 'has-errors');
  const s = run([submit('an', wrong, { confirmErrors: true, acceptWarnings: true })]);
  t.equal(s.kind, 'first-has-errors');
  const second = applyEntryEvent(s, submit('bo', table), ctx);
  t.equal(!second.ok && second.error.code, 'wrong-state');
  t.same(run([submit('an', wrong, { confirmErrors: true, acceptWarnings: true }), { kind: 'discard', by: 'vz' }]), { kind: 'empty' });
  t.end();
});

t.test('warnings must be accepted', (t) => {
  const high = withFields(table, { handedOut: 51 });
  const r = applyEntryEvent({ kind: 'empty' }, submit('an', high), ctx);
  t.equal(!r.ok && r.error.code, 'warnings-not-accepted');
  if (!r.ok && r.error.code === 'warnings-not-accepted') t.same(r.error.findings.map((f) => f.code), ['W.203']);
  t.equal(run([submit('an', high, { acceptWarnings: true })]).kind, 'first-entered');
  t.end();
});

t.test('different entries: the voorzitter keeps the first, keeps the second, or discards both', (t) => {
  const typo = withFields(table, { 'list.1.candidate.1': 51 - 36, 'list.1.candidate.2': 9 });
  const diff = run([submit('an', table), submit('bo', typo)]);
  t.equal(diff.kind, 'different');
  if (diff.kind === 'different') t.same(diff.fields, ['list.1.candidate.2']);
  const keptFirst = run([submit('an', table), submit('bo', typo), { kind: 'keep', which: 'first', by: 'vz' }]);
  t.match(keptFirst, { kind: 'definitive', decision: 'kept-first', decidedBy: 'vz', table });
  t.match(run([submit('an', table), submit('bo', typo), { kind: 'keep', which: 'second', by: 'vz' }]), { kind: 'definitive', table: typo });
  t.same(run([submit('an', table), submit('bo', typo), { kind: 'discard', by: 'vz' }]), { kind: 'empty' });
  t.end();
});

t.test('an entry with errors cannot be kept', (t) => {
  const wrong = withFields(table, { 'list.2.candidate.1': 16 });
  const diff = run([submit('an', table), submit('bo', wrong, { confirmErrors: true })]);
  const r = applyEntryEvent(diff, { kind: 'keep', which: 'second', by: 'vz' }, ctx);
  t.equal(!r.ok && r.error.code, 'kept-entry-has-errors');
  t.end();
});

t.test('a correction: only the differing fields, by anyone but the other entry’s typist', (t) => {
  const typo = withFields(table, { 'list.1.candidate.2': 9 });
  const ordered = run([submit('an', table), submit('bo', typo), { kind: 'order-correction', which: 'second', by: 'vz' }]);
  t.equal(ordered.kind, 'correcting');
  const tooMuch = applyEntryEvent(ordered, { kind: 'correct', typist: 'bo', values: { 'list.1.candidate.2': 8, ballots: 50 }, acceptWarnings: false, confirmErrors: false }, ctx);
  t.equal(!tooMuch.ok && tooMuch.error.code, 'not-the-differing-fields');
  const byOther = applyEntryEvent(ordered, { kind: 'correct', typist: 'an', values: { 'list.1.candidate.2': 8 }, acceptWarnings: false, confirmErrors: false }, ctx);
  t.equal(!byOther.ok && byOther.error.code, 'same-typist');
  const fixed = applyEntryEvent(ordered, { kind: 'correct', typist: 'bo', values: { 'list.1.candidate.2': 8 }, acceptWarnings: false, confirmErrors: false }, ctx);
  t.match(fixed.ok && fixed.value, { kind: 'definitive', decision: 'corrected', table });
  const stillWrong = applyEntryEvent(ordered, { kind: 'correct', typist: 'cy', values: { 'list.1.candidate.2': 7 }, acceptWarnings: false, confirmErrors: false }, ctx);
  t.match(stillWrong.ok && stillWrong.value, { kind: 'different', fields: ['list.1.candidate.2'] });
  t.end();
});

t.test('reopen a definitive table; nothing else after definitive', (t) => {
  const s = run([submit('an', table), submit('bo', table)]);
  t.equal(!applyEntryEvent(s, submit('cy', table), ctx).ok, true);
  t.same(run([submit('an', table), submit('bo', table), { kind: 'reopen', by: 'vz' }]), { kind: 'empty' });
  t.end();
});

/** Every one-digit typing slip of a number: a digit changed, dropped, doubled or two swapped. */
function slips(n: number): number[] {
  const s = String(n);
  const out = new Set<number>();
  for (let i = 0; i < s.length; i++) {
    for (let d = 0; d <= 9; d++) out.add(Number(s.slice(0, i) + d + s.slice(i + 1)));
    if (s.length > 1) out.add(Number(s.slice(0, i) + s.slice(i + 1)));
    out.add(Number(s.slice(0, i) + s[i] + s.slice(i)));
    if (i + 1 < s.length) out.add(Number(s.slice(0, i) + s[i + 1] + s[i] + s.slice(i + 2)));
  }
  for (let d = 0; d <= 9; d++) out.add(Number(s + d));
  out.delete(n);
  return [...out].filter((v) => Number.isInteger(v) && v >= 0);
}

t.test('property: double entry never lets a single mistyped digit through', (t) => {
  const slipArb = countedTableArb.chain(({ shape: s, table: tbl }) => {
    const fields = tableFields(tbl);
    return fc.integer({ min: 0, max: fields.length - 1 }).chain((i) => {
      const [key, value] = fields[i]!;
      return fc.tuple(fc.constantFrom(...slips(value)), fc.boolean()).map(([wrongValue, firstIsWrong]) => ({ s, tbl, key, wrongValue, firstIsWrong }));
    });
  });
  fc.assert(
    fc.property(slipArb, ({ s, tbl, key, wrongValue, firstIsWrong }) => {
      const context: EntryContext = { shape: s, check: (x) => checkTable(x) };
      const slipped = withFields(tbl, { [key]: wrongValue });
      // The typists insist on what they typed: every warning accepted, every error confirmed.
      const insist = { acceptWarnings: true, confirmErrors: true };
      const [a, b] = firstIsWrong ? [slipped, tbl] : [tbl, slipped];
      const first = applyEntryEvent({ kind: 'empty' }, submit('an', a, insist), context);
      if (!first.ok) return false;
      if (first.value.kind === 'first-has-errors') return true; // caught by the checks
      const second = applyEntryEvent(first.value, submit('bo', b, insist), context);
      if (!second.ok) return false;
      // Caught by the comparison, on exactly the slipped field.
      return second.value.kind === 'different' && second.value.fields.length === 1 && second.value.fields[0] === key && fieldValue(slipped, key) === wrongValue;
    }),
    { seed: 56, numRuns: 1000 },
  );
  t.end();
});

t.test('property: random event sequences — a definitive table is always one a typist entered and either both agreed on or the voorzitter chose', (t) => {
  const seqArb = countedTableArb.chain(({ shape: s, table: tbl }) => {
    const key = tableFields(tbl)[0]![0];
    const variants = [tbl, withFields(tbl, { [key]: fieldValue(tbl, key)! + 1 }), withFields(tbl, { ballots: tbl.ballots + 5 })];
    const event: fc.Arbitrary<EntryEvent> = fc.oneof(
      fc.record({ kind: fc.constant('submit' as const), typist: fc.constantFrom('an', 'bo', 'cy'), table: fc.constantFrom(...variants), acceptWarnings: fc.boolean(), confirmErrors: fc.boolean() }),
      fc.record({ kind: fc.constant('keep' as const), which: fc.constantFrom('first' as const, 'second' as const), by: fc.constant('vz') }),
      fc.record({ kind: fc.constant('discard' as const), by: fc.constant('vz') }),
      fc.record({ kind: fc.constant('order-correction' as const), which: fc.constantFrom('first' as const, 'second' as const), by: fc.constant('vz') }),
      fc.record({ kind: fc.constant('reopen' as const), by: fc.constant('vz') }),
    );
    return fc.tuple(fc.constant({ s, variants }), fc.array(event, { maxLength: 12 }));
  });
  fc.assert(
    fc.property(seqArb, ([{ s }, events]) => {
      const context: EntryContext = { shape: s, check: (x) => checkTable(x) };
      let state: EntryState = { kind: 'empty' };
      const submitted: Array<{ typist: string; table: TelbureauTable }> = [];
      for (const e of events) {
        const r = applyEntryEvent(state, e, context);
        if (!r.ok) continue; // refused: nothing changes
        if (e.kind === 'submit') submitted.push(e);
        state = r.value;
        if (state.kind === 'definitive') {
          const d = state;
          if (d.findings.some((f) => f.code.startsWith('F'))) return false;
          const by = submitted.filter((x) => differences(x.table, d.table).length === 0);
          if (by.length === 0) return false;
          if (d.decision === 'equal' && new Set(by.map((x) => x.typist)).size < 2) return false;
          if ((d.decision === 'kept-first' || d.decision === 'kept-second') && d.decidedBy === null) return false;
        }
      }
      return true;
    }),
    { seed: 78, numRuns: 1000 },
  );
  t.end();
});
