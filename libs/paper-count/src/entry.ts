import { err, ok, type Result } from '@ovs/basics';
import { isError, type Finding } from './checks.ts';
import { differences, fieldLabel, fieldKeys, withFields, type FieldKey, type TelbureauTable } from './table.ts';
import type { TallyShape } from '@ovs/results';

/**
 * The double entry of one telbureau's table for one election (README.md draws it):
 *
 *   empty ──submit──▶ first-entered ──submit (other typist)──▶ equal: definitive
 *     │                                                         different: different
 *     └─submit, errors confirmed─▶ first-has-errors ──discard (voorzitter)──▶ empty
 *   different ──keep first | keep second (voorzitter)──▶ definitive
 *             ──discard (voorzitter)──▶ empty
 *             ──order-correction first|second (voorzitter)──▶ correcting
 *   correcting ──correct (only the differing fields)──▶ equal: definitive | different: different
 *   definitive ──reopen (voorzitter, while not locked)──▶ empty
 *
 * Nothing counts until the state is definitive. The two entries are typed by two different
 * people; a correction is typed by anyone but the typist of the entry it is compared with. The
 * lock is the telbureau's (the app keeps it): a locked telbureau takes no event at all.
 */
export interface Entry {
  readonly typist: string;
  readonly table: TelbureauTable;
  readonly findings: readonly Finding[];
}

export type Decision = 'equal' | 'kept-first' | 'kept-second' | 'corrected';

export type EntryState =
  | { readonly kind: 'empty' }
  | { readonly kind: 'first-entered'; readonly first: Entry }
  | { readonly kind: 'first-has-errors'; readonly first: Entry }
  | { readonly kind: 'different'; readonly first: Entry; readonly second: Entry; readonly fields: readonly FieldKey[] }
  | { readonly kind: 'correcting'; readonly first: Entry; readonly second: Entry; readonly fields: readonly FieldKey[]; readonly which: 'first' | 'second' }
  | { readonly kind: 'definitive'; readonly table: TelbureauTable; readonly findings: readonly Finding[]; readonly decision: Decision; readonly typists: readonly string[]; readonly decidedBy: string | null };

export type EntryStateKind = EntryState['kind'];

export const STATE_NAMES: Record<EntryStateKind, string> = {
  empty: 'wacht op de eerste invoer',
  'first-entered': 'wacht op de tweede invoer',
  'first-has-errors': 'eerste invoer met fouten: de voorzitter beslist',
  different: 'de twee invoeren verschillen: de voorzitter beslist',
  correcting: 'verbetering van de verschillende velden gevraagd',
  definitive: 'definitief',
};

export type EntryEvent =
  /** A whole table typed in. Warnings must be accepted, errors confirmed ("het staat zo op papier"). */
  | { readonly kind: 'submit'; readonly typist: string; readonly table: TelbureauTable; readonly acceptWarnings: boolean; readonly confirmErrors: boolean }
  /** The differing fields typed again, and only those. */
  | { readonly kind: 'correct'; readonly typist: string; readonly values: Readonly<Record<FieldKey, number>>; readonly acceptWarnings: boolean; readonly confirmErrors: boolean }
  | { readonly kind: 'keep'; readonly which: 'first' | 'second'; readonly by: string }
  | { readonly kind: 'discard'; readonly by: string }
  | { readonly kind: 'order-correction'; readonly which: 'first' | 'second'; readonly by: string }
  | { readonly kind: 'reopen'; readonly by: string };

export type EntryRefusal =
  | { readonly code: 'wrong-state'; readonly message: string }
  | { readonly code: 'same-typist'; readonly message: string }
  | { readonly code: 'has-errors'; readonly message: string; readonly findings: readonly Finding[] }
  | { readonly code: 'warnings-not-accepted'; readonly message: string; readonly findings: readonly Finding[] }
  | { readonly code: 'not-the-differing-fields'; readonly message: string }
  | { readonly code: 'kept-entry-has-errors'; readonly message: string };

/** What the machine needs besides the state: the checks in their context (other telbureaus…). */
export interface EntryContext {
  readonly shape: TallyShape;
  readonly check: (table: TelbureauTable) => Finding[];
}

const wrong = (state: EntryState, what: string): Result<EntryState, EntryRefusal> =>
  err({ code: 'wrong-state', message: `${what} kan niet: deze tabel ${STATE_NAMES[state.kind]}.` });

/** The checks of a submission: errors block unless confirmed, warnings unless accepted. */
function admit(findings: Finding[], acceptWarnings: boolean, confirmErrors: boolean): EntryRefusal | null {
  const errors = findings.filter(isError);
  if (errors.length > 0 && !confirmErrors) {
    return { code: 'has-errors', message: `De tabel bevat ${errors.length === 1 ? 'een fout' : `${errors.length} fouten`} (${errors.map((f) => f.code).join(', ')}). Verbeter wat u verkeerd overnam; staat het zo op papier, bevestig dat dan.`, findings };
  }
  const warnings = findings.filter((f) => !isError(f));
  if (warnings.length > 0 && !acceptWarnings) {
    return { code: 'warnings-not-accepted', message: `Bevestig de ${warnings.length === 1 ? 'waarschuwing' : 'waarschuwingen'} (${warnings.map((f) => f.code).join(', ')}): het staat zo op papier.`, findings };
  }
  return null;
}

/** The second entry (or a correction) against the other one: equal and without errors is definitive. */
function compare(first: Entry, second: Entry, decision: 'equal' | 'corrected'): EntryState {
  const fields = differences(first.table, second.table);
  if (fields.length > 0) return { kind: 'different', first, second, fields };
  // Equal but wrong (both typed the same error from the paper): the voorzitter must discard.
  if (second.findings.some(isError)) return { kind: 'first-has-errors', first: second };
  return { kind: 'definitive', table: second.table, findings: second.findings, decision, typists: [first.typist, second.typist], decidedBy: null };
}

export function applyEntryEvent(state: EntryState, event: EntryEvent, context: EntryContext): Result<EntryState, EntryRefusal> {
  switch (event.kind) {
    case 'submit': {
      if (state.kind !== 'empty' && state.kind !== 'first-entered') return wrong(state, 'Een nieuwe invoer');
      if (state.kind === 'first-entered' && state.first.typist === event.typist) {
        return err({ code: 'same-typist', message: 'U gaf de eerste invoer van deze tabel in: de tweede invoer moet iemand anders doen.' });
      }
      const findings = context.check(event.table);
      const refusal = admit(findings, event.acceptWarnings, event.confirmErrors);
      if (refusal) return err(refusal);
      const entry: Entry = { typist: event.typist, table: event.table, findings };
      if (state.kind === 'empty') return ok(findings.some(isError) ? { kind: 'first-has-errors', first: entry } : { kind: 'first-entered', first: entry });
      return ok(compare(state.first, entry, 'equal'));
    }
    case 'correct': {
      if (state.kind !== 'correcting') return wrong(state, 'Een verbetering');
      const other = state.which === 'first' ? state.second : state.first;
      if (other.typist === event.typist) {
        return err({ code: 'same-typist', message: 'U gaf de andere invoer van deze tabel in: de verbetering moet iemand anders doen.' });
      }
      const given = Object.keys(event.values).sort();
      const asked = [...state.fields].sort();
      if (given.length !== asked.length || given.some((k, i) => k !== asked[i])) {
        return err({ code: 'not-the-differing-fields', message: `Geef alleen de velden in die verschillen: ${state.fields.map(fieldLabel).join('; ')}.` });
      }
      const known = new Set(fieldKeys(context.shape));
      if (given.some((k) => !known.has(k))) return err({ code: 'not-the-differing-fields', message: 'Onbekend veld in de verbetering.' });
      const mine = state.which === 'first' ? state.first : state.second;
      const table = withFields(mine.table, event.values);
      const findings = context.check(table);
      const refusal = admit(findings, event.acceptWarnings, event.confirmErrors);
      if (refusal) return err(refusal);
      const corrected: Entry = { typist: event.typist, table, findings };
      return ok(state.which === 'first' ? compare(corrected, other, 'corrected') : compare(other, corrected, 'corrected'));
    }
    case 'keep': {
      if (state.kind !== 'different') return wrong(state, 'Een invoer behouden');
      const kept = event.which === 'first' ? state.first : state.second;
      if (kept.findings.some(isError)) {
        return err({ code: 'kept-entry-has-errors', message: `De ${event.which === 'first' ? 'eerste' : 'tweede'} invoer bevat fouten (${kept.findings.filter(isError).map((f) => f.code).join(', ')}) en kan niet definitief worden.` });
      }
      return ok({
        kind: 'definitive',
        table: kept.table,
        findings: kept.findings,
        decision: event.which === 'first' ? 'kept-first' : 'kept-second',
        typists: [state.first.typist, state.second.typist],
        decidedBy: event.by,
      });
    }
    case 'discard': {
      if (state.kind !== 'different' && state.kind !== 'first-has-errors' && state.kind !== 'correcting') return wrong(state, 'De invoer verwerpen');
      return ok({ kind: 'empty' });
    }
    case 'order-correction': {
      if (state.kind !== 'different') return wrong(state, 'Een verbetering vragen');
      return ok({ kind: 'correcting', first: state.first, second: state.second, fields: state.fields, which: event.which });
    }
    case 'reopen': {
      if (state.kind !== 'definitive') return wrong(state, 'Heropenen');
      return ok({ kind: 'empty' });
    }
    default:
      return event satisfies never;
  }
}

/** The table that counts, or null while the double entry is not finished. */
export const definitiveTable = (state: EntryState): TelbureauTable | null => (state.kind === 'definitive' ? state.table : null);
