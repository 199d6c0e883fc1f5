// `--paper-stations N`: the last N stations of the municipality vote on paper (a mixed
// municipality, seed 001 §XII). Their voters' ballots are drawn at random, sorted per telbureau
// (three stations each; two when the number does not divide by three, seed 001 §V.3.2) into the
// table the telbureau draws up, and two simulated typists type every table through the
// hoofdbureau's HTTP entry API (its web server on the same database, each person logged in with
// an account of their own), with a few typing slips: the checks or the double entry must catch
// every one, and the voorzitter resolves the differences against the paper.
import type { SeededRandom } from '@ovs/crypto';
import type { ElectionPackage } from '@ovs/election';
import { electionsForStation } from '@ovs/election';
import { startHoofdbureau, type Hoofdbureau } from '@ovs/hoofdbureau';
import { randomPaperBallots, staffClient, TEST_KDF, type StaffClient } from '@ovs/hoofdbureau/testing';
import { candidateKey, fieldValue, tableFields, tableFromBallots, withFields, type EntryRefusal, type EntryState, type PaperBallot, type TelbureauTable } from '@ovs/paper-count';
import type { ExpectedTally } from './expected.ts';

type Role = 'voorzitter' | 'invoerder';
interface Person {
  username: string;
  role: Role;
}
const VOORZITTER: Person = { username: 'voorzitter', role: 'voorzitter' };
const TYPISTS: readonly [Person, Person] = [
  { username: 'invoerder-1', role: 'invoerder' },
  { username: 'invoerder-2', role: 'invoerder' },
];

/** An answer of the entry API, as its routes give it (hoofdbureau/src/web/paper-routes.ts). */
type Answer<T> = { ok: true; value: T } | { ok: false; error: { code: string; error: string; refusal?: EntryRefusal } };
interface Outcome {
  state: EntryState['kind'];
}
interface TelbureauInfo {
  id: string;
  series: 'G' | 'P';
  stations: Array<{ number: number }>;
}

/**
 * The entry desk over HTTP: the hoofdbureau's web server on this process's hoofdbureau, each
 * person logged in with an account of their own (session cookie and CSRF token, as a workstation).
 */
async function httpDesk(hb: Hoofdbureau) {
  const running = await startHoofdbureau({ db: hb.db.file, hoofdbureau: hb, port: 0, workers: 0, staff: { kdf: TEST_KDF } });
  const clients = new Map<string, StaffClient>();
  for (const p of [VOORZITTER, ...TYPISTS]) clients.set(p.username, await staffClient(running, p.role, { username: p.username, name: `${p.username} (simulatie)` }));
  const call = async <T>(who: Person, method: 'GET' | 'POST', path: string, body: unknown = {}): Promise<Answer<T>> => {
    const client = clients.get(who.username)!;
    const res = method === 'GET' ? await client.get(path) : await client.post(path, body);
    const data = (await res.json()) as T & { code: string; error: string; refusal?: EntryRefusal };
    return res.ok ? { ok: true, value: data } : { ok: false, error: data };
  };
  const tb = (id: string, election?: string): string => `/api/paper/${id}${election ? `/${election}` : ''}`;
  return {
    stop: () => running.stop(),
    configure: (who: Person, config: unknown) => call<unknown>(who, 'POST', '/api/paper/config', config),
    telbureaus: async (who: Person): Promise<TelbureauInfo[]> => {
      const r = await call<{ telbureaus: Array<{ telbureau: TelbureauInfo }> }>(who, 'GET', '/api/paper');
      if (!r.ok) throw new Error(`telbureaus: ${r.error.error}`);
      return r.value.telbureaus.map((x) => x.telbureau);
    },
    claim: (who: Person, id: string) => call<unknown>(who, 'POST', `${tb(id)}/claim`),
    release: (who: Person, id: string) => call<unknown>(who, 'POST', `${tb(id)}/release`),
    submit: (who: Person, id: string, election: string, table: TelbureauTable, flags: { acceptWarnings: boolean }) => call<Outcome>(who, 'POST', `${tb(id, election)}/entry`, { table, ...flags }),
    correct: (who: Person, id: string, election: string, values: Record<string, number>, flags: { acceptWarnings: boolean }) =>
      call<Outcome>(who, 'POST', `${tb(id, election)}/correct`, { values, ...flags }),
    review: (who: Person, id: string) => call<{ states: Array<{ election: string; state: EntryState }> }>(who, 'GET', `${tb(id)}/review`),
    resolve: (who: Person, id: string, election: string, resolution: string) => call<Outcome>(who, 'POST', `${tb(id, election)}/resolve`, { resolution }),
    lock: (who: Person, id: string) => call<unknown>(who, 'POST', `${tb(id)}/lock`),
  };
}

export interface PaperSummary {
  stations: number[];
  telbureaus: Array<{ id: string; stations: number[] }>;
  tables: number;
  /** Slips typed on purpose, and who caught them. */
  slips: number;
  caughtByChecks: number;
  caughtByDoubleEntry: number;
  /** Invalid ballots: drawn, and counted by the hoofdbureau. */
  invalidExpected: Record<string, number>;
  /** Entry requests (claim, submit, correct, resolve, lock) and their mean time in ms. */
  requests: number;
  meanRequestMs: number;
}

/** 3 per telbureau; the last one or two get 2 when the count does not divide by 3. */
export function groupInThrees(stations: readonly number[]): number[][] {
  const n = stations.length;
  const twos = n % 3 === 0 ? 0 : n === 1 ? 0 : 3 - (n % 3);
  const threes = (n - 2 * twos) / 3;
  const out: number[][] = [];
  let i = 0;
  for (let k = 0; k < Math.floor(threes); k++, i += 3) out.push(stations.slice(i, i + 3));
  for (let k = 0; k < twos; k++, i += 2) out.push(stations.slice(i, i + 2));
  if (i < n) out.push(stations.slice(i));
  return out;
}

/** One digit typed wrong: a different digit in a random place. */
function slip(value: number, random: SeededRandom): number {
  const s = String(value);
  const at = random.int(s.length);
  const digit = (Number(s[at]) + 1 + random.int(9)) % 10;
  return Number(s.slice(0, at) + digit + s.slice(at + 1));
}

/** A candidate whose count can take one more in its last digit without any check noticing. */
function invisibleSlip(table: TelbureauTable): { key: string; value: number } | undefined {
  for (const l of table.lists) {
    const withNames = l.stemcijfer - l.listOnly;
    const p = l.preferenceVotes.findIndex((v) => v < withNames && v % 10 !== 9);
    if (p >= 0) return { key: candidateKey(l.number, p + 1), value: l.preferenceVotes[p]! + 1 };
  }
  return undefined;
}

export async function runPaperCount(options: {
  hb: Hoofdbureau;
  pkg: ElectionPackage;
  stations: number[];
  voters: number;
  random: SeededRandom;
  expected: ExpectedTally;
  log: (line: string) => void;
}): Promise<PaperSummary> {
  const desk = await httpDesk(options.hb);
  try {
    return await typeAll(desk, options);
  } finally {
    await desk.stop();
  }
}

async function typeAll(
  desk: Awaited<ReturnType<typeof httpDesk>>,
  options: { pkg: ElectionPackage; stations: number[]; voters: number; random: SeededRandom; expected: ExpectedTally; log: (line: string) => void },
): Promise<PaperSummary> {
  const { pkg, random, expected } = options;
  let requests = 0;
  let requestMs = 0;
  const timed = async <T>(fn: () => Promise<T>): Promise<T> => {
    const t = performance.now();
    try {
      return await fn();
    } finally {
      requests++;
      requestMs += performance.now() - t;
    }
  };
  const must = <T>(r: { ok: true; value: T } | { ok: false; error: unknown }, what: string): T => {
    if (!r.ok) throw new Error(`${what}: ${JSON.stringify(r.error)}`);
    return r.value;
  };

  const groups = groupInThrees(options.stations);
  must(
    await desk.configure(VOORZITTER, {
      paperStations: options.stations,
      telbureaus: (['G', 'P'] as const).flatMap((series) => groups.map((stations, i) => ({ series, number: i + 1, stations }))),
    }),
    'configure',
  );

  // The ballots of each paper station, per election; a telbureau's table is drawn up from its stations'.
  const ballots = new Map<string, PaperBallot[]>(); // `${station}/${election}`
  const invalidExpected: Record<string, number> = {};
  for (const station of options.stations) {
    for (const e of electionsForStation(pkg, station)) {
      // Non-Belgian voters vote for the municipal councils only: a few fewer provincieraad ballots.
      const count = e.kind === 'provincieraad' ? options.voters - Math.floor(options.voters / 40) : options.voters;
      const drawn = randomPaperBallots(e, count, random.fork(`paper-${station}-${e.id}`));
      ballots.set(`${station}/${e.id}`, drawn);
      for (const b of drawn) {
        if (b.kind === 'invalid') invalidExpected[e.id] = (invalidExpected[e.id] ?? 0) + 1;
        else expected.add(e.id, b);
      }
    }
  }

  let slips = 0;
  let caughtByChecks = 0;
  let caughtByDoubleEntry = 0;
  let tables = 0;
  const telbureaus = await desk.telbureaus(VOORZITTER);
  for (const telbureau of telbureaus) {
    const elections = pkg.elections.filter((e) => (telbureau.series === 'P') === (e.kind === 'provincieraad'));
    const paper = new Map<string, TelbureauTable>();
    for (const e of elections) {
      const held = telbureau.stations.filter((s) => electionsForStation(pkg, s.number).some((x) => x.id === e.id));
      if (held.length === 0) continue;
      const all = held.flatMap((s) => ballots.get(`${s.number}/${e.id}`) ?? []);
      const lists = pkg.elections.find((x) => x.id === e.id)!.lists.map((l) => ({ number: l.number, candidates: l.candidates.length }));
      paper.set(e.id, tableFromBallots({ lists }, all, all.length));
    }
    // A slip in about a third of the tables, in the first or the second entry (never both). The
    // first table gets one no check can see (a candidate's last digit one higher, still possible),
    // the second one in the valid ballots (a sum that no longer adds up): both ways are exercised.
    const slipPlan = new Map<string, { round: number; key: string; value: number }>();
    for (const [electionId, truth] of paper) {
      const index = tables + slipPlan.size;
      const hidden = index === 0 ? invisibleSlip(truth) : undefined;
      if (hidden) slipPlan.set(electionId, { round: 1, ...hidden });
      else if (index === 1) slipPlan.set(electionId, { round: 0, key: 'valid', value: slip(truth.valid, random) });
      else if (random.chance(0.35)) {
        const fields = tableFields(truth);
        const [key, value] = fields[random.int(fields.length)]!;
        slipPlan.set(electionId, { round: random.int(2), key, value: slip(value, random) });
      }
    }
    // Two typists, each once per table; which one goes first alternates per telbureau.
    const order = tables % 2 === 0 ? TYPISTS : ([TYPISTS[1], TYPISTS[0]] as const);
    for (const [round, typist] of order.entries()) {
      must(await timed(() => desk.claim(typist, telbureau.id)), `claim ${telbureau.id}`);
      for (const [electionId, truth] of paper) {
        const planned = slipPlan.get(electionId);
        let slipped = planned?.round === round ? planned : undefined;
        if (slipped) slips++;
        const typed = (): TelbureauTable => (slipped ? withFields(truth, { [slipped.key]: slipped.value }) : truth);
        let r = await timed(() => desk.submit(typist, telbureau.id, electionId, typed(), { acceptWarnings: false }));
        // The typist reads what the checks say and looks at the paper again: a slip the checks
        // point at is corrected; a warning the paper confirms is accepted.
        while (!r.ok) {
          const e = r.error;
          const refusal = e.refusal;
          if (e.code !== 'entry' || !refusal || (refusal.code !== 'has-errors' && refusal.code !== 'warnings-not-accepted')) throw new Error(`entry ${telbureau.id}/${electionId}: ${JSON.stringify(e)}`);
          const pointsAtSlip = slipped !== undefined && (refusal.code === 'has-errors' || refusal.findings.some((f) => f.fields.includes(slipped!.key)));
          if (pointsAtSlip) {
            caughtByChecks++;
            slipped = undefined;
          } else if (refusal.code === 'has-errors') throw new Error(`an error without a slip in ${telbureau.id}/${electionId}: ${JSON.stringify(e)}`);
          r = await timed(() => desk.submit(typist, telbureau.id, electionId, typed(), { acceptWarnings: !pointsAtSlip }));
        }
        if (round === 0) {
          tables++;
          continue;
        }
        if (r.value.state === 'definitive') continue;
        if (r.value.state !== 'different') throw new Error(`${telbureau.id}/${electionId} after the second entry: ${r.value.state}`);
        caughtByDoubleEntry++;
        // The voorzitter lays both entries beside the paper and has the wrong one corrected, by its typist.
        const review = must(await timed(() => desk.review(VOORZITTER, telbureau.id)), 'review');
        const st = review.states.find((x) => x.election === electionId)!.state;
        if (st.kind !== 'different') throw new Error('expected a difference');
        const firstWrong = st.fields.some((f) => fieldValue(st.first.table, f) !== fieldValue(truth, f));
        must(await timed(() => desk.resolve(VOORZITTER, telbureau.id, electionId, firstWrong ? 'correct-first' : 'correct-second')), 'resolve');
        const corrector = firstWrong ? order[0] : typist;
        if (corrector !== typist) {
          must(await timed(() => desk.release(typist, telbureau.id)), 'release for the correction');
          must(await timed(() => desk.claim(corrector, telbureau.id)), 'claim for the correction');
        }
        const values = Object.fromEntries(st.fields.map((f) => [f, fieldValue(truth, f)!]));
        const fixed = await timed(() => desk.correct(corrector, telbureau.id, electionId, values, { acceptWarnings: true }));
        if (!fixed.ok || fixed.value.state !== 'definitive') throw new Error(`correction ${telbureau.id}/${electionId}: ${JSON.stringify(fixed)}`);
        if (corrector !== typist) {
          must(await timed(() => desk.release(corrector, telbureau.id)), 'release after the correction');
          must(await timed(() => desk.claim(typist, telbureau.id)), 'claim back');
        }
      }
      must(await timed(() => desk.release(typist, telbureau.id)), 'release');
    }
    must(await timed(() => desk.lock(VOORZITTER, telbureau.id)), `lock ${telbureau.id}`);
    options.log(`telbureau ${telbureau.id} (stembureaus ${telbureau.stations.map((s) => s.number).join(', ')}): ingevoerd, gecontroleerd en vergrendeld`);
  }
  return {
    stations: options.stations,
    telbureaus: telbureaus.map((t) => ({ id: t.id, stations: t.stations.map((s) => s.number) })),
    tables,
    slips,
    caughtByChecks,
    caughtByDoubleEntry,
    invalidExpected,
    requests,
    meanRequestMs: Math.round((requestMs / Math.max(1, requests)) * 100) / 100,
  };
}
