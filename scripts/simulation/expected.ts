// The tallies the simulation expects, kept from the voters' intentions (what they confirmed),
// in the same shape the hoofdbureau reports, so the two can be compared field by field.
import type { ElectionChoice } from '@ovs/ballot';
import type { Election } from '@ovs/election';

export interface ListTally {
  number: number;
  stemcijfer: number;
  preferenceVotes: number[];
}

export interface ElectionTallyView {
  election: string;
  ballots: number;
  blank: number;
  lists: ListTally[];
}

export class ExpectedTally {
  readonly #elections = new Map<string, ElectionTallyView>();

  constructor(elections: readonly Election[]) {
    for (const e of elections) {
      this.#elections.set(e.id, {
        election: e.id,
        ballots: 0,
        blank: 0,
        lists: e.lists.map((l) => ({ number: l.number, stemcijfer: 0, preferenceVotes: l.candidates.map(() => 0) })),
      });
    }
  }

  add(election: string, choice: ElectionChoice): void {
    const t = this.#elections.get(election);
    if (!t) throw new Error(`unknown election ${election}`);
    t.ballots++;
    if (choice.kind === 'blank') {
      t.blank++;
      return;
    }
    const list = t.lists.find((l) => l.number === choice.list);
    if (!list) throw new Error(`unknown list ${choice.list}`);
    list.stemcijfer++;
    for (const p of choice.candidates) list.preferenceVotes[p - 1] = (list.preferenceVotes[p - 1] ?? 0) + 1;
  }

  views(): ElectionTallyView[] {
    return [...this.#elections.values()].map((t) => structuredClone(t));
  }
}

/** Field-by-field comparison; the differences, or an empty list when they agree. */
export function compareTallies(expected: readonly ElectionTallyView[], counted: readonly ElectionTallyView[]): string[] {
  const diffs: string[] = [];
  for (const e of expected) {
    const c = counted.find((x) => x.election === e.election);
    if (!c) {
      if (e.ballots > 0) diffs.push(`${e.election}: missing from the count`);
      continue;
    }
    if (c.ballots !== e.ballots) diffs.push(`${e.election}: ballots ${c.ballots} ≠ ${e.ballots}`);
    if (c.blank !== e.blank) diffs.push(`${e.election}: blank ${c.blank} ≠ ${e.blank}`);
    for (const l of e.lists) {
      const cl = c.lists.find((x) => x.number === l.number);
      if (!cl) {
        diffs.push(`${e.election} list ${l.number}: missing`);
        continue;
      }
      if (cl.stemcijfer !== l.stemcijfer) diffs.push(`${e.election} list ${l.number}: stemcijfer ${cl.stemcijfer} ≠ ${l.stemcijfer}`);
      l.preferenceVotes.forEach((v, i) => {
        if ((cl.preferenceVotes[i] ?? 0) !== v) diffs.push(`${e.election} list ${l.number} candidate ${i + 1}: ${cl.preferenceVotes[i] ?? 0} ≠ ${v}`);
      });
    }
  }
  for (const c of counted) if (!expected.some((e) => e.election === c.election) && c.ballots > 0) diffs.push(`${c.election}: counted but not expected`);
  return diffs;
}
