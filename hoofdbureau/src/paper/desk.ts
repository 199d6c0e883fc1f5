// The paper-count desk: the telbureaus' tables typed in by several typists at once, each in a
// telbureau of their own (a claim with an owner, released on logout or time-out), checked, typed
// twice, compared, resolved and locked by the voorzitter. The logic of a table is
// @ovs/paper-count's; this module keeps the states in SQLite, checks who may act, and writes
// every entry, correction, resolution and lock in the audit log. The web routes and the
// simulation both call it with the operator of the request.
import { err, ok, type Result } from '@ovs/basics';
import { candidateDisplayName, type Election } from '@ovs/election';
import {
  applyEntryEvent,
  checkTable,
  parseTable,
  STATE_NAMES,
  type EntryEvent,
  type EntryRefusal,
  type EntryState,
  type EntryStateKind,
  type FieldKey,
  type Finding,
  type TelbureauTable,
} from '@ovs/paper-count';
import type { HoofdbureauDb } from '../db/open-db.ts';
import { shapeOfElection, totalsJson } from '../db/totals.ts';
import { recordAudit } from '../staff/audit.ts';
import { can, ROLE_NAMES, type Action, type Operator } from '../staff/permissions.ts';
import { configurePaper, electionsOfSeries, readPaperSetup, type PaperConfig, type PaperSetup, type TelbureauView } from './setup.ts';
import { readCountedTotals } from './totals.ts';

/** A claim lapses after this long without an action of its owner. */
export const CLAIM_MINUTES = 15;

export type PaperRefusal =
  | { code: 'forbidden'; message: string }
  | { code: 'unknown'; message: string }
  | { code: 'locked'; message: string }
  | { code: 'claimed'; message: string }
  | { code: 'not-claimed'; message: string }
  | { code: 'config'; message: string }
  | { code: 'bad-table'; message: string; field?: FieldKey }
  | { code: 'not-complete'; message: string }
  | { code: 'entry'; message: string; refusal: EntryRefusal };

/** The HTTP status of a refusal (the routes use it). */
export const REFUSAL_STATUS: Record<PaperRefusal['code'], number> = {
  forbidden: 403,
  unknown: 404,
  locked: 409,
  claimed: 409,
  'not-claimed': 409,
  config: 422,
  'bad-table': 422,
  'not-complete': 409,
  entry: 422,
};

export interface FormElection {
  id: string;
  title: string;
  lists: Array<{ number: number; name: string; candidates: Array<{ position: number; name: string }> }>;
  state: EntryStateKind;
  stateName: string;
  /** When a correction is asked: the fields to type again (never their values). */
  correct: FieldKey[] | null;
  /** This person typed an entry of this table (so cannot type the other one). */
  typedByYou: boolean;
}

/** What a typist sees of a telbureau: what to type, never what another typed. */
export interface TelbureauForm {
  telbureau: TelbureauView;
  claimedBy: string | null;
  elections: FormElection[];
}

export interface TelbureauSummary {
  telbureau: TelbureauView;
  claimedBy: string | null;
  claimExpiresAt: string | null;
  elections: Array<{ id: string; title: string; state: EntryStateKind; stateName: string; typists: string[]; codes: string[] }>;
  complete: boolean;
}

/** What the voorzitter sees: both entries side by side, with their findings. */
export interface TelbureauReview extends TelbureauSummary {
  states: Array<{ election: string; state: EntryState }>;
}

export interface SubmitFlags {
  acceptWarnings?: boolean;
  confirmErrors?: boolean;
}

export type EntryOutcome = { state: EntryStateKind; stateName: string; findings: readonly Finding[] };

export type Resolution = 'keep-first' | 'keep-second' | 'discard' | 'correct-first' | 'correct-second' | 'reopen';
export const RESOLUTIONS: readonly Resolution[] = ['keep-first', 'keep-second', 'discard', 'correct-first', 'correct-second', 'reopen'];

const RESOLUTION_WORDS: Record<Resolution, string> = {
  'keep-first': 'eerste invoer behouden',
  'keep-second': 'tweede invoer behouden',
  discard: 'invoer verworpen',
  'correct-first': 'verbetering van de eerste invoer gevraagd',
  'correct-second': 'verbetering van de tweede invoer gevraagd',
  reopen: 'heropend',
};

export interface PaperDesk {
  setup(): PaperSetup;
  configure(op: Operator, config: PaperConfig): Result<PaperSetup, PaperRefusal>;
  overview(op: Operator): Result<TelbureauSummary[], PaperRefusal>;
  claim(op: Operator, telbureau: string): Result<TelbureauForm, PaperRefusal>;
  release(op: Operator, telbureau: string): Result<void, PaperRefusal>;
  /** Every claim of a person, on logout. */
  releaseAll(username: string): void;
  form(op: Operator, telbureau: string): Result<TelbureauForm, PaperRefusal>;
  submit(op: Operator, telbureau: string, election: string, table: unknown, flags?: SubmitFlags): Result<EntryOutcome, PaperRefusal>;
  correct(op: Operator, telbureau: string, election: string, values: unknown, flags?: SubmitFlags): Result<EntryOutcome, PaperRefusal>;
  review(op: Operator, telbureau: string): Result<TelbureauReview, PaperRefusal>;
  resolve(op: Operator, telbureau: string, election: string, resolution: Resolution): Result<EntryOutcome, PaperRefusal>;
  lock(op: Operator, telbureau: string): Result<TelbureauSummary, PaperRefusal>;
}

const EMPTY: EntryState = { kind: 'empty' };

export function createPaperDesk(db: HoofdbureauDb, now: () => Date = () => new Date()): PaperDesk {
  const s = db.sqlite;
  const forbid = (op: Operator, action: Action): PaperRefusal | null =>
    can(op.role, action) ? null : { code: 'forbidden', message: `Als ${ROLE_NAMES[op.role]} mag u dit niet doen.` };

  const find = (id: string): TelbureauView | undefined => readPaperSetup(db).telbureaus.find((t) => t.id === id);
  const electionsOf = (t: TelbureauView): Election[] => electionsOfSeries(db, t.series, t.stations.map((x) => x.number));
  const stateOf = (telbureau: string, election: string): EntryState => {
    const row = s.prepare('SELECT state_json FROM paper_entry WHERE telbureau = ? AND election = ?').get(telbureau, election) as { state_json: string } | undefined;
    return row ? (JSON.parse(row.state_json) as EntryState) : EMPTY;
  };
  const claimOf = (telbureau: string): { username: string; expires_at: string } | undefined => {
    const row = s.prepare('SELECT username, expires_at FROM telbureau_claim WHERE telbureau = ?').get(telbureau) as { username: string; expires_at: string } | undefined;
    return row && row.expires_at > now().toISOString() ? row : undefined;
  };
  const expiry = (): string => new Date(now().getTime() + CLAIM_MINUTES * 60_000).toISOString();

  const typistsOf = (state: EntryState): string[] => {
    switch (state.kind) {
      case 'empty':
        return [];
      case 'first-entered':
      case 'first-has-errors':
        return [state.first.typist];
      case 'different':
      case 'correcting':
        return [state.first.typist, state.second.typist];
      case 'definitive':
        return [...state.typists];
      default:
        return state satisfies never;
    }
  };
  const findingsOf = (state: EntryState): readonly Finding[] => {
    switch (state.kind) {
      case 'empty':
        return [];
      case 'first-entered':
      case 'first-has-errors':
        return state.first.findings;
      case 'different':
      case 'correcting':
        return [...state.first.findings, ...state.second.findings];
      case 'definitive':
        return state.findings;
      default:
        return state satisfies never;
    }
  };

  const summary = (t: TelbureauView): TelbureauSummary => {
    const claim = claimOf(t.id);
    const elections = electionsOf(t).map((e) => {
      const st = stateOf(t.id, e.id);
      return { id: e.id, title: e.title, state: st.kind, stateName: STATE_NAMES[st.kind], typists: typistsOf(st), codes: [...new Set(findingsOf(st).map((f) => f.code))] };
    });
    return { telbureau: t, claimedBy: claim?.username ?? null, claimExpiresAt: claim?.expires_at ?? null, elections, complete: elections.every((e) => e.state === 'definitive') };
  };

  const formOf = (t: TelbureauView, op: Operator): TelbureauForm => ({
    telbureau: t,
    claimedBy: claimOf(t.id)?.username ?? null,
    elections: electionsOf(t).map((e) => {
      const st = stateOf(t.id, e.id);
      const other = st.kind === 'correcting' ? (st.which === 'first' ? st.second : st.first) : null;
      return {
        id: e.id,
        title: e.title,
        lists: e.lists.map((l) => ({ number: l.number, name: l.name, candidates: l.candidates.map((c) => ({ position: c.position, name: candidateDisplayName(c) })) })),
        state: st.kind,
        stateName: STATE_NAMES[st.kind],
        correct: st.kind === 'correcting' && other?.typist !== op.username ? [...st.fields] : null,
        typedByYou: typistsOf(st).includes(op.username),
      };
    }),
  });

  /** The telbureau, open for a change by this operator: known, not locked, and (for typists) claimed by them. */
  const open = (op: Operator, id: string, needClaim: boolean): Result<TelbureauView, PaperRefusal> => {
    const t = find(id);
    if (!t) return err({ code: 'unknown', message: `Telbureau ${id} bestaat niet.` });
    if (t.lockedAt) return err({ code: 'locked', message: `Telbureau ${id} is vergrendeld door de voorzitter: zijn tabellen kunnen niet meer wijzigen.` });
    if (needClaim) {
      const claim = claimOf(id);
      if (!claim || claim.username !== op.username) return err({ code: 'not-claimed', message: `Neem eerst telbureau ${id} op u (of opnieuw: uw beurt verliep na ${CLAIM_MINUTES} minuten zonder invoer).` });
      s.prepare('UPDATE telbureau_claim SET expires_at = ? WHERE telbureau = ?').run(expiry(), id);
    }
    return ok(t);
  };

  const electionIn = (t: TelbureauView, election: string): Election | undefined => electionsOf(t).find((e) => e.id === election);

  /** A typist's target: allowed to type, the telbureau open and claimed by them, an election it counts. */
  const entryTarget = (op: Operator, id: string, electionId: string): Result<{ telbureau: TelbureauView; election: Election }, PaperRefusal> => {
    const no = forbid(op, 'paper.entry');
    if (no) return err(no);
    const t = open(op, id, true);
    if (!t.ok) return t;
    const election = electionIn(t.value, electionId);
    if (!election) return err({ code: 'unknown', message: `Telbureau ${id} telt de verkiezing ${electionId} niet.` });
    return ok({ telbureau: t.value, election });
  };

  /** W.204 needs the other telbureaus' tables of the election; W.205 the registered voters. */
  const checker = (t: TelbureauView, election: string) => {
    const others = readPaperSetup(db)
      .telbureaus.filter((o) => o.id !== t.id && o.series === t.series)
      .flatMap((o) => {
        const st = stateOf(o.id, election);
        const table: TelbureauTable | null = st.kind === 'definitive' ? st.table : st.kind === 'empty' ? null : st.first.table;
        return table ? [{ telbureau: o.id, table }] : [];
      });
    const registeredVoters = t.stations.reduce((sum, x) => sum + x.registeredVoters, 0);
    return (table: TelbureauTable) => checkTable(table, { others, registeredVoters });
  };

  /** One event through the state machine, stored with its audit line in one transaction. */
  const apply = (op: Operator, t: TelbureauView, election: Election, event: EntryEvent, action: Action, words: string): Result<EntryOutcome, PaperRefusal> => {
    return s
      .transaction((): Result<EntryOutcome, PaperRefusal> => {
        const before = stateOf(t.id, election.id);
        const next = applyEntryEvent(before, event, { shape: shapeOfElection(election), check: checker(t, election.id) });
        if (!next.ok) return err({ code: 'entry', message: next.error.message, refusal: next.error });
        const state = next.value;
        const at = now();
        s.prepare('INSERT INTO paper_entry (telbureau, election, state_json, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (telbureau, election) DO UPDATE SET state_json = excluded.state_json, updated_at = excluded.updated_at').run(
          t.id,
          election.id,
          JSON.stringify(state),
          at.toISOString(),
        );
        const codes = findingsOf(state).map((f) => f.code);
        recordAudit(s, op, action, `telbureau ${t.id}, ${election.title}: ${words} → ${STATE_NAMES[state.kind]}${codes.length ? ` (${[...new Set(codes)].join(', ')})` : ''}`, at);
        if (state.kind === 'definitive' && summary(t).complete) {
          s.prepare('INSERT INTO paper_intermediate (telbureau, at, totals_json) VALUES (?, ?, ?)').run(t.id, at.toISOString(), totalsJson(readCountedTotals(db)));
        }
        const seen = new Set<string>();
        const findings = findingsOf(state).filter((f) => !seen.has(f.code + f.detail) && seen.add(f.code + f.detail));
        return ok({ state: state.kind, stateName: STATE_NAMES[state.kind], findings });
      })
      .immediate();
  };

  /**
   * Every attempt of a person whose role may take the action is in the audit log, refused ones
   * too (a claim of a telbureau in use, an entry the checks stopped, a lock too early): what the
   * room tried is part of the evening's record. A role that may not act leaves no trace.
   */
  const audited = <T>(op: Operator, action: Action, what: string, r: Result<T, PaperRefusal>): Result<T, PaperRefusal> => {
    if (!r.ok && r.error.code !== 'forbidden') {
      const codes = r.error.code === 'entry' && 'findings' in r.error.refusal ? ` (${[...new Set(r.error.refusal.findings.map((f) => f.code))].join(', ')})` : '';
      recordAudit(s, op, action, `${what}: geweigerd${codes} — ${r.error.message}`, now());
    }
    return r;
  };

  const desk: PaperDesk = {
    setup: () => readPaperSetup(db),

    configure(op, config) {
      const no = forbid(op, 'paper.configure');
      if (no) return err(no);
      const r = configurePaper(db, config);
      if (!r.ok) return err({ code: 'config', message: r.error });
      recordAudit(
        s,
        op,
        'paper.configure',
        `papieren stembureaus ${r.value.paperStations.join(', ') || 'geen'}; ${r.value.telbureaus.map((t) => `${t.id}: ${t.stations.map((x) => x.number).join(', ')}`).join('; ') || 'geen telbureaus'}`,
        now(),
      );
      return ok(r.value);
    },

    overview(op) {
      if (!can(op.role, 'paper.entry') && !can(op.role, 'paper.resolve')) return err({ code: 'forbidden', message: `Als ${ROLE_NAMES[op.role]} mag u dit niet doen.` });
      return ok(readPaperSetup(db).telbureaus.map(summary));
    },

    claim(op, id) {
      const no = forbid(op, 'paper.entry');
      if (no) return err(no);
      return s
        .transaction((): Result<TelbureauForm, PaperRefusal> => {
          const t = find(id);
          if (!t) return err({ code: 'unknown', message: `Telbureau ${id} bestaat niet.` });
          if (t.lockedAt) return err({ code: 'locked', message: `Telbureau ${id} is vergrendeld door de voorzitter.` });
          const claim = claimOf(id);
          if (claim && claim.username !== op.username) return err({ code: 'claimed', message: `In telbureau ${id} werkt nu ${claim.username}: twee personen kunnen niet in hetzelfde telbureau werken. Kies een ander telbureau.` });
          // One telbureau at a time per person: taking another lets go of the previous one.
          s.prepare('DELETE FROM telbureau_claim WHERE username = ? AND telbureau <> ?').run(op.username, id);
          s.prepare('INSERT INTO telbureau_claim (telbureau, username, expires_at) VALUES (?, ?, ?) ON CONFLICT (telbureau) DO UPDATE SET username = excluded.username, expires_at = excluded.expires_at').run(id, op.username, expiry());
          if (claim?.username !== op.username) recordAudit(s, op, 'paper.entry', `telbureau ${id} opgenomen om in te voeren`, now());
          return ok(formOf(t, op));
        })
        .immediate();
    },

    release(op, id) {
      const no = forbid(op, 'paper.entry');
      if (no) return err(no);
      s.prepare('DELETE FROM telbureau_claim WHERE telbureau = ? AND username = ?').run(id, op.username);
      return ok(undefined);
    },

    releaseAll(username) {
      s.prepare('DELETE FROM telbureau_claim WHERE username = ?').run(username);
    },

    form(op, id) {
      if (!can(op.role, 'paper.entry') && !can(op.role, 'paper.resolve')) return err({ code: 'forbidden', message: `Als ${ROLE_NAMES[op.role]} mag u dit niet doen.` });
      const t = find(id);
      if (!t) return err({ code: 'unknown', message: `Telbureau ${id} bestaat niet.` });
      return ok(formOf(t, op));
    },

    submit(op, id, electionId, input, flags = {}) {
      const target = entryTarget(op, id, electionId);
      if (!target.ok) return target;
      const { telbureau, election } = target.value;
      const table = parseTable(shapeOfElection(election), input);
      if (!table.ok) return err({ code: 'bad-table', message: table.error.message, ...(table.error.code === 'not-a-count' ? { field: table.error.field } : {}) });
      const before = stateOf(id, electionId).kind;
      return apply(
        op,
        telbureau,
        election,
        { kind: 'submit', typist: op.username, table: table.value, acceptWarnings: flags.acceptWarnings === true, confirmErrors: flags.confirmErrors === true },
        'paper.entry',
        before === 'empty' ? 'eerste invoer' : 'tweede invoer',
      );
    },

    correct(op, id, electionId, input, flags = {}) {
      const target = entryTarget(op, id, electionId);
      if (!target.ok) return target;
      const { telbureau, election } = target.value;
      if (typeof input !== 'object' || input === null || Array.isArray(input)) return err({ code: 'bad-table', message: 'Geen verbeterde velden ontvangen.' });
      const values: Record<FieldKey, number> = {};
      for (const [k, v] of Object.entries(input as Record<string, unknown>)) {
        if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 999_999) return err({ code: 'bad-table', message: `Veld ${k}: geef een geheel getal van 0 tot 999999.`, field: k });
        values[k] = v;
      }
      return apply(
        op,
        telbureau,
        election,
        { kind: 'correct', typist: op.username, values, acceptWarnings: flags.acceptWarnings === true, confirmErrors: flags.confirmErrors === true },
        'paper.entry',
        `verbetering van ${Object.keys(values).length} veld(en)`,
      );
    },

    review(op, id) {
      const no = forbid(op, 'paper.resolve');
      if (no) return err(no);
      const t = find(id);
      if (!t) return err({ code: 'unknown', message: `Telbureau ${id} bestaat niet.` });
      // Who looked at the two entries side by side is on record: they hold the figures.
      recordAudit(s, op, 'paper.resolve', `telbureau ${id}: invoeren bekeken`, now());
      return ok({ ...summary(t), states: electionsOf(t).map((e) => ({ election: e.id, state: stateOf(id, e.id) })) });
    },

    resolve(op, id, electionId, resolution) {
      const no = forbid(op, 'paper.resolve');
      if (no) return err(no);
      if (!RESOLUTIONS.includes(resolution)) return err({ code: 'unknown', message: `Onbekende beslissing ${String(resolution)}.` });
      const t = open(op, id, false);
      if (!t.ok) return t;
      const election = electionIn(t.value, electionId);
      if (!election) return err({ code: 'unknown', message: `Telbureau ${id} telt de verkiezing ${electionId} niet.` });
      const by = op.username;
      const event: EntryEvent = (() => {
        switch (resolution) {
          case 'keep-first':
            return { kind: 'keep', which: 'first', by };
          case 'keep-second':
            return { kind: 'keep', which: 'second', by };
          case 'discard':
            return { kind: 'discard', by };
          case 'correct-first':
            return { kind: 'order-correction', which: 'first', by };
          case 'correct-second':
            return { kind: 'order-correction', which: 'second', by };
          case 'reopen':
            return { kind: 'reopen', by };
          default:
            return resolution satisfies never;
        }
      })();
      return apply(op, t.value, election, event, 'paper.resolve', RESOLUTION_WORDS[resolution]);
    },

    lock(op, id) {
      const no = forbid(op, 'paper.lock');
      if (no) return err(no);
      const t = open(op, id, false);
      if (!t.ok) return t;
      const sum = summary(t.value);
      if (!sum.complete) return err({ code: 'not-complete', message: `Telbureau ${id} kan pas vergrendeld worden als al zijn tabellen definitief zijn.` });
      const at = now();
      s.transaction(() => {
        s.prepare('UPDATE telbureau SET locked_at = ?, locked_by = ? WHERE id = ?').run(at.toISOString(), op.username, id);
        s.prepare('DELETE FROM telbureau_claim WHERE telbureau = ?').run(id);
        recordAudit(s, op, 'paper.lock', `telbureau ${id} vergrendeld`, at);
      }).immediate();
      return ok(summary(find(id)!));
    },
  };
  return {
    ...desk,
    configure: (op, config) => audited(op, 'paper.configure', 'configuratie van de telbureaus', desk.configure(op, config)),
    claim: (op, id) => audited(op, 'paper.entry', `telbureau ${id} opnemen`, desk.claim(op, id)),
    submit: (op, id, election, table, f) => audited(op, 'paper.entry', `telbureau ${id}, ${election}: invoer`, desk.submit(op, id, election, table, f)),
    correct: (op, id, election, values, f) => audited(op, 'paper.entry', `telbureau ${id}, ${election}: verbetering`, desk.correct(op, id, election, values, f)),
    resolve: (op, id, election, r) => audited(op, 'paper.resolve', `telbureau ${id}, ${election}: beslissing ${r}`, desk.resolve(op, id, election, r)),
    lock: (op, id) => audited(op, 'paper.lock', `telbureau ${id} vergrendelen`, desk.lock(op, id)),
  };
}
