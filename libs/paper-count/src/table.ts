import { err, ok, type Result } from '@ovs/basics';
import type { Tally, TallyShape } from '@ovs/results';

/**
 * The result table of one telbureau for one election: the figures its paper PV and table hold
 * (forms G61/G62 for a telbureau G, P61/P62 for a telbureau P; seed 001 §XIII.4.2, LPKD art. 122).
 *
 * - `handedOut`: ballots handed out to voters according to the PVs of the stembureaus the
 *   telbureau counts (what should be in the boxes);
 * - `ballots`: ballots found in the boxes and counted;
 * - `valid`, `blank`, `invalid`: how they were classified (valid excludes blank);
 * - per list: the stemcijfer (valid ballots for the list), the ballots with only a list vote
 *   (the box at the top and no candidate), and the preference votes (naamstemmen) per candidate.
 *   A ballot with the top box and candidates counts as a ballot with name votes: the list vote is
 *   then deemed not to exist (LPKD art. 165), so the paper table does not split it out.
 */
export interface ListRow {
  readonly number: number;
  readonly stemcijfer: number;
  readonly listOnly: number;
  /** Index `position - 1`. */
  readonly preferenceVotes: readonly number[];
}

export interface TelbureauTable {
  readonly handedOut: number;
  readonly ballots: number;
  readonly valid: number;
  readonly blank: number;
  readonly invalid: number;
  readonly lists: readonly ListRow[];
}

/** No telbureau counts a million ballots; a longer number is a typing error. */
export const MAX_COUNT = 999_999;

/** A field of the table: `ballots`, `list.3.stemcijfer`, `list.3.listOnly`, `list.3.candidate.7`. */
export type FieldKey = string;

export const TOTAL_FIELDS = ['handedOut', 'ballots', 'valid', 'blank', 'invalid'] as const;
export type TotalField = (typeof TOTAL_FIELDS)[number];

export const TOTAL_LABELS: Record<TotalField, string> = {
  handedOut: 'Uitgereikte stembiljetten (volgens de PV’s van de stembureaus)',
  ballots: 'Stembiljetten in de stembussen (geteld)',
  valid: 'Geldige stembiljetten',
  blank: 'Blanco stembiljetten',
  invalid: 'Ongeldige stembiljetten',
};

export const stemcijferKey = (list: number): FieldKey => `list.${list}.stemcijfer`;
export const listOnlyKey = (list: number): FieldKey => `list.${list}.listOnly`;
export const candidateKey = (list: number, position: number): FieldKey => `list.${list}.candidate.${position}`;

/** Every field with its value, in the order of the paper table (and of the entry screen). */
export function tableFields(table: TelbureauTable): Array<[FieldKey, number]> {
  const out: Array<[FieldKey, number]> = TOTAL_FIELDS.map((f) => [f, table[f]]);
  for (const l of table.lists) {
    out.push([stemcijferKey(l.number), l.stemcijfer], [listOnlyKey(l.number), l.listOnly]);
    l.preferenceVotes.forEach((v, i) => out.push([candidateKey(l.number, i + 1), v]));
  }
  return out;
}

/** The field keys of a table of this shape, in entry order. */
export function fieldKeys(shape: TallyShape): FieldKey[] {
  return tableFields(emptyTable(shape)).map(([k]) => k);
}

export function fieldValue(table: TelbureauTable, key: FieldKey): number | undefined {
  return tableFields(table).find(([k]) => k === key)?.[1];
}

/** The table with some fields replaced (unknown keys are ignored: callers check them first). */
export function withFields(table: TelbureauTable, values: Readonly<Record<FieldKey, number>>): TelbureauTable {
  const pick = (key: FieldKey, old: number): number => (Object.hasOwn(values, key) ? values[key]! : old);
  return {
    handedOut: pick('handedOut', table.handedOut),
    ballots: pick('ballots', table.ballots),
    valid: pick('valid', table.valid),
    blank: pick('blank', table.blank),
    invalid: pick('invalid', table.invalid),
    lists: table.lists.map((l) => ({
      number: l.number,
      stemcijfer: pick(stemcijferKey(l.number), l.stemcijfer),
      listOnly: pick(listOnlyKey(l.number), l.listOnly),
      preferenceVotes: l.preferenceVotes.map((v, i) => pick(candidateKey(l.number, i + 1), v)),
    })),
  };
}

export function emptyTable(shape: TallyShape): TelbureauTable {
  return {
    handedOut: 0,
    ballots: 0,
    valid: 0,
    blank: 0,
    invalid: 0,
    lists: shape.lists.map((l) => ({ number: l.number, stemcijfer: 0, listOnly: 0, preferenceVotes: new Array<number>(l.candidates).fill(0) })),
  };
}

/** A field's name for a person: "lijst 3, kandidaat 7" (the app adds the names it knows). */
export function fieldLabel(key: FieldKey): string {
  if ((TOTAL_FIELDS as readonly string[]).includes(key)) return TOTAL_LABELS[key as TotalField];
  const m = /^list\.(\d+)\.(stemcijfer|listOnly|candidate)(?:\.(\d+))?$/.exec(key);
  if (!m) return key;
  if (m[2] === 'stemcijfer') return `lijst ${m[1]}: stemcijfer`;
  if (m[2] === 'listOnly') return `lijst ${m[1]}: stembiljetten met alleen een lijststem`;
  return `lijst ${m[1]}: kandidaat ${m[3]}`;
}

export type TableProblem =
  | { readonly code: 'not-a-count'; readonly field: FieldKey; readonly message: string }
  | { readonly code: 'wrong-shape'; readonly message: string };

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= MAX_COUNT;

/**
 * A table as it arrives from a screen or a request, checked strictly against the election's
 * lists: every number a whole count from 0 to MAX_COUNT, every list and candidate present, nothing
 * else. The screen makes a bad number impossible to type; this is the server's own check.
 */
export function parseTable(shape: TallyShape, input: unknown): Result<TelbureauTable, TableProblem> {
  if (typeof input !== 'object' || input === null) return err({ code: 'wrong-shape', message: 'Geen tabel ontvangen.' });
  const o = input as Record<string, unknown>;
  for (const f of TOTAL_FIELDS) {
    if (!isCount(o[f])) return err({ code: 'not-a-count', field: f, message: `${TOTAL_LABELS[f]}: geef een geheel getal van 0 tot ${MAX_COUNT}.` });
  }
  const lists = o.lists;
  if (!Array.isArray(lists) || lists.length !== shape.lists.length) return err({ code: 'wrong-shape', message: `De tabel moet ${shape.lists.length} lijsten bevatten, in de volgorde van het verkiezingspakket.` });
  const rows: ListRow[] = [];
  for (const [i, s] of shape.lists.entries()) {
    const l = lists[i] as Record<string, unknown> | null;
    if (typeof l !== 'object' || l === null || l.number !== s.number) return err({ code: 'wrong-shape', message: `Op plaats ${i + 1} hoort lijst ${s.number}.` });
    for (const [key, value] of [
      [stemcijferKey(s.number), l.stemcijfer],
      [listOnlyKey(s.number), l.listOnly],
    ] as const) {
      if (!isCount(value)) return err({ code: 'not-a-count', field: key, message: `${fieldLabel(key)}: geef een geheel getal van 0 tot ${MAX_COUNT}.` });
    }
    const prefs = l.preferenceVotes;
    if (!Array.isArray(prefs) || prefs.length !== s.candidates) return err({ code: 'wrong-shape', message: `Lijst ${s.number} heeft ${s.candidates} kandidaten.` });
    for (const [p, v] of prefs.entries()) {
      if (!isCount(v)) return err({ code: 'not-a-count', field: candidateKey(s.number, p + 1), message: `${fieldLabel(candidateKey(s.number, p + 1))}: geef een geheel getal van 0 tot ${MAX_COUNT}.` });
    }
    rows.push({ number: s.number, stemcijfer: l.stemcijfer as number, listOnly: l.listOnly as number, preferenceVotes: [...(prefs as number[])] });
  }
  return ok({ handedOut: o.handedOut as number, ballots: o.ballots as number, valid: o.valid as number, blank: o.blank as number, invalid: o.invalid as number, lists: rows });
}

/**
 * The table as a tally of @ovs/results, to be added to the digital stations' counts. A tally's
 * ballots are the blank ones plus the stemcijfers (the valid and blank ballots); the invalid ones,
 * which a digital count never has, are carried beside it by the caller.
 */
export function tableToTally(table: TelbureauTable): Tally {
  return {
    ballots: table.valid + table.blank,
    blank: table.blank,
    lists: table.lists.map((l) => ({
      number: l.number,
      stemcijfer: l.stemcijfer,
      topBoxOnly: l.listOnly,
      withCandidates: l.stemcijfer - l.listOnly,
      topBoxAndCandidates: 0,
      preferenceVotes: [...l.preferenceVotes],
    })),
  };
}

export function tablesEqual(a: TelbureauTable, b: TelbureauTable): boolean {
  return differences(a, b).length === 0;
}

/** The fields whose values differ between two tables of one shape (the double-entry comparison). */
export function differences(a: TelbureauTable, b: TelbureauTable): FieldKey[] {
  const fa = tableFields(a);
  const fb = new Map(tableFields(b));
  if (fa.length !== fb.size) throw new Error('differences: tables of different shapes');
  return fa.filter(([k, v]) => fb.get(k) !== v).map(([k]) => k);
}
