// What each screen gets: the projector (read-only, for the room), a member's tablet, and the
// control screen (regietool). Computed on the server from the database, the same for the first
// load and every live update; the texts a person reads are made here, in Dutch, so every screen
// and the tests read the same words.
import type Database from 'better-sqlite3';
import { electorate, majorityBase, quorum, type Ballot, type Member, type Quorum, type RoundKind, type Vote } from '@ovs/council-rules';
import { openRoundNow, readBallots, readItems, readMeeting, readMembers, readRounds, votedMembers, type Item, type Round, type RoundResult, type RoundState, type StoredBallot } from './meeting.ts';

export interface BallotView {
  id: number;
  itemId: number;
  title: string;
  description: string;
  secret: boolean;
  choices: { kind: 'standaard'; options: Array<{ id: string; label: string }> } | { kind: 'kandidaten'; candidates: Array<{ id: string; name: string }>; max: number };
  /** "geheim · gewone meerderheid · hoofdelijk · individueel" */
  parameters: string;
  base: string;
  spec: Ballot;
}

export interface ResultDisplay {
  roundLabel: string;
  outcome: string;
  counts: Array<{ label: string; count: number; elected?: boolean; names?: string[] }>;
  minutes: string;
  base: string;
  turnout: string;
}

export interface RoundView {
  id: number;
  ballotId: number;
  number: number;
  kind: RoundKind;
  label: string;
  state: RoundState;
  entry: 'digitaal' | 'manueel';
  closesAt: string | null;
  voted: number;
  eligible: number;
  progress: string;
  result: ResultDisplay | null;
}

const STANDARD_LABELS = { ja: 'Ja', nee: 'Nee', onthouding: 'Onthouding', blanco: 'Blanco' } as const;

export function parametersText(b: Ballot): string {
  return [
    b.secret ? 'geheim' : 'publiek',
    b.majority === 'tweederde' ? 'tweederdemeerderheid' : 'gewone meerderheid',
    b.counting === 'gewogen' ? 'gewogen' : 'hoofdelijk',
    b.delegation === 'fractie' ? 'via de fractievoorzitter' : 'individueel',
  ].join(' · ');
}

export function ballotView(b: StoredBallot, kind: RoundKind = { kind: 'eerste' }): BallotView {
  const s = b.spec;
  const choices: BallotView['choices'] =
    s.choices.kind === 'standaard'
      ? { kind: 'standaard', options: (s.secret ? (['ja', 'nee', 'onthouding', 'blanco'] as const) : (['ja', 'nee', 'onthouding'] as const)).map((id) => ({ id, label: STANDARD_LABELS[id] })) }
      : {
          kind: 'kandidaten',
          candidates: s.choices.candidates.filter((c) => kind.kind === 'eerste' || kind.candidates.includes(c.id)).map((c) => ({ id: c.id, name: c.name })),
          max: kind.kind === 'herstemming' ? kind.seats : s.choices.maxChoices,
        };
  return { id: b.id, itemId: b.itemId, title: s.title, description: s.description, secret: s.secret, choices, parameters: parametersText(s), base: majorityBase(s, kind), spec: s };
}

const roundLabel = (r: Round): string => `${r.kind.kind === 'herstemming' ? 'Herstemming' : 'Stemronde'} ${r.number}${r.entry === 'manueel' ? ' (offline, manueel ingevoerd)' : ''}`;

export const progressText = (voted: number, eligible: number): string => `${voted} van ${eligible} stemgerechtigden ${voted === 1 ? 'heeft' : 'hebben'} gestemd`;

export function resultDisplay(b: Ballot, r: Round, res: RoundResult): ResultDisplay {
  const t = res.tally;
  const d = res.decision;
  const names = (vote: string): string[] | undefined => (res.votes ? res.votes.filter((v) => v.vote === vote).map((v) => v.label) : undefined);
  let outcome: string;
  let counts: ResultDisplay['counts'];
  if (t.kind === 'standaard' && d.kind === 'standaard') {
    outcome = d.adopted ? 'Het voorstel is aangenomen.' : d.reason === 'staking' ? 'Het voorstel is verworpen bij staking van stemmen.' : 'Het voorstel is verworpen.';
    const ids = b.secret ? (['ja', 'nee', 'onthouding', 'blanco'] as const) : (['ja', 'nee', 'onthouding'] as const);
    counts = ids.map((id) => {
      const n = names(id);
      return { label: STANDARD_LABELS[id], count: t[id], ...(n ? { names: n } : {}) };
    });
  } else if (t.kind === 'kandidaten' && d.kind === 'kandidaten' && b.choices.kind === 'kandidaten') {
    const cand = new Map(b.choices.candidates.map((c) => [c.id, c.name]));
    const elected = d.elected.map((id) => cand.get(id) ?? id);
    outcome = elected.length > 0 ? `Verkozen: ${elected.join(', ')}.` : d.next ? 'Geen volstrekte meerderheid: er volgt een herstemming.' : 'Geen kandidaat verkozen.';
    if (d.next && elected.length > 0) outcome += ' Voor de overige zetels volgt een herstemming.';
    counts = Object.keys(t.votes)
      .sort((x, y) => (t.votes[y] ?? 0) - (t.votes[x] ?? 0))
      .map((id) => ({ label: cand.get(id) ?? id, count: t.votes[id] ?? 0, elected: d.elected.includes(id) }));
    counts.push({ label: 'Blanco', count: t.blanco });
  } else throw new Error('resultDisplay: kinds differ');
  return { roundLabel: roundLabel(r), outcome, counts, minutes: res.minutes, base: res.base, turnout: `${res.voted} van ${res.eligible} stemgerechtigden stemden` };
}

function roundView(sqlite: Database.Database, ballots: Map<number, StoredBallot>, r: Round, withResult: boolean): RoundView {
  const voted = r.state === 'open' ? votedMembers(sqlite, r.id).size : (r.result?.voted ?? 0);
  const b = ballots.get(r.ballotId);
  return {
    id: r.id,
    ballotId: r.ballotId,
    number: r.number,
    kind: r.kind,
    label: roundLabel(r),
    state: r.state,
    entry: r.entry,
    closesAt: r.closesAt,
    voted,
    eligible: r.electorate.length,
    progress: progressText(voted, r.electorate.length),
    result: withResult && b && r.result ? resultDisplay(b.spec, r, r.result) : null,
  };
}

export interface AgendaLine {
  id: number;
  position: number;
  title: string;
  current: boolean;
}

export type Stage =
  | { kind: 'idle' }
  | { kind: 'round'; ballot: BallotView; round: RoundView }
  | { kind: 'result'; ballot: BallotView; round: RoundView };

export interface ProjectorView {
  title: string;
  date: string;
  agenda: AgendaLine[];
  stage: Stage;
  serverNow: string;
}

function agenda(items: Item[], pointer: number | null): AgendaLine[] {
  return items.map((i) => ({ id: i.id, position: i.position, title: i.title, current: i.id === pointer }));
}

/** The round on stage: the open one, else the last released result of the current item. */
function stage(sqlite: Database.Database, pointer: number | null, rounds?: Round[]): Stage {
  const ballots = new Map(readBallots(sqlite).map((b) => [b.id, b]));
  const open = openRoundNow(sqlite);
  if (open) {
    const b = ballots.get(open.ballotId);
    if (b) return { kind: 'round', ballot: ballotView(b, open.kind), round: roundView(sqlite, ballots, open, false) };
  }
  const released = (rounds ?? readRounds(sqlite)).filter((r) => r.state === 'released' && ballots.get(r.ballotId)?.itemId === pointer).at(-1);
  if (released) {
    const b = ballots.get(released.ballotId);
    if (b) return { kind: 'result', ballot: ballotView(b, released.kind), round: roundView(sqlite, ballots, released, true) };
  }
  return { kind: 'idle' };
}

export function projectorView(sqlite: Database.Database, now: Date): ProjectorView {
  const m = readMeeting(sqlite);
  return { title: m?.title ?? '', date: m?.date ?? '', agenda: agenda(readItems(sqlite), m?.pointer ?? null), stage: stage(sqlite, m?.pointer ?? null), serverNow: now.toISOString() };
}

export interface MemberView extends ProjectorView {
  me: { id: string; name: string; fraction: string; present: boolean } | null;
  /** In the open round: may I vote, have I, and (public rounds) what I voted. */
  mine: { eligible: boolean; voted: boolean; vote: Vote | null; reason: string | null } | null;
}

/** What every member's view of one moment shares: read once per live update, not once per member. */
export interface MemberContext {
  base: ProjectorView;
  members: Map<string, Member>;
  round: Round | undefined;
  voted: Set<string>;
  publicVotes: Map<string, string>;
}

export function memberContext(sqlite: Database.Database, now: Date, shared?: ProjectorView): MemberContext {
  const base = shared ?? projectorView(sqlite, now);
  const round = base.stage.kind === 'round' ? openRoundNow(sqlite) : undefined;
  const publicVotes = new Map<string, string>();
  if (round && base.stage.kind === 'round' && !base.stage.ballot.secret) {
    for (const r of sqlite.prepare('SELECT member_id, vote FROM public_vote WHERE round_id = ?').all(round.id) as Array<{ member_id: string; vote: string }>) publicVotes.set(r.member_id, r.vote);
  }
  return { base, members: new Map(readMembers(sqlite).map((m) => [m.id, m])), round, voted: round ? votedMembers(sqlite, round.id) : new Set(), publicVotes };
}

export function memberViewIn(ctx: MemberContext, memberId: string | null): MemberView {
  const { base, round } = ctx;
  const member = memberId ? ctx.members.get(memberId) : undefined;
  const me = member ? { id: member.id, name: member.name, fraction: member.fraction, present: member.present } : null;
  let mine: MemberView['mine'] = null;
  if (base.stage.kind === 'round' && memberId && round) {
    const inElectorate = round.electorate.some((v) => v.memberId === memberId);
    const vote = ctx.publicVotes.get(memberId);
    const reason = !member?.present
      ? 'U bent niet als aanwezig gemeld: u kunt niet stemmen.'
      : !inElectorate
        ? base.stage.ballot.spec.delegation === 'fractie'
          ? 'Uw fractie stemt via de fractievoorzitter.'
          : 'U was niet aanwezig toen deze ronde opende: u kunt niet stemmen.'
        : null;
    mine = { eligible: inElectorate && (member?.present ?? false), voted: ctx.voted.has(memberId), vote: vote ? (JSON.parse(vote) as Vote) : null, reason };
  }
  return { ...base, me, mine };
}

export const memberView = (sqlite: Database.Database, memberId: string | null, now: Date, shared?: ProjectorView): MemberView => memberViewIn(memberContext(sqlite, now, shared), memberId);

export interface ControlView extends ProjectorView {
  body: string;
  quorum: Quorum;
  members: Array<{ id: string; name: string; fraction: string; weight: number; present: boolean; leader: boolean; voted: boolean }>;
  items: Array<Item & { ballots: Array<{ ballot: BallotView; locked: boolean; rounds: RoundView[]; fractionsWithoutLeader: string[] }> }>;
  openRound: RoundView | null;
  projectorPath: string;
}

export function controlView(sqlite: Database.Database, now: Date): ControlView {
  const m = readMeeting(sqlite);
  const items = readItems(sqlite);
  const members = readMembers(sqlite);
  const ballots = readBallots(sqlite);
  const byId = new Map(ballots.map((b) => [b.id, b]));
  const rounds = readRounds(sqlite);
  const open = openRoundNow(sqlite);
  const voted = open ? votedMembers(sqlite, open.id) : new Set<string>();
  const pointerItem = items.find((i) => i.id === m?.pointer);
  return {
    title: m?.title ?? '',
    date: m?.date ?? '',
    body: m?.body ?? '',
    agenda: agenda(items, m?.pointer ?? null),
    stage: stage(sqlite, m?.pointer ?? null, rounds),
    serverNow: now.toISOString(),
    quorum: quorum(members, pointerItem?.thirdConvocation ?? false),
    members: members.map((x) => ({ ...x, voted: voted.has(x.id) })),
    items: items.map((i) => ({
      ...i,
      ballots: ballots
        .filter((b) => b.itemId === i.id)
        .map((b) => {
          const rs = rounds.filter((r) => r.ballotId === b.id);
          return {
            ballot: ballotView(b),
            locked: rs.some((r) => r.openedAt !== null || r.entry === 'manueel'),
            rounds: rs.filter((r) => r.state !== 'reset').map((r) => roundView(sqlite, byId, r, true)),
            fractionsWithoutLeader: b.spec.delegation === 'fractie' ? electorate(b.spec, members).fractionsWithoutLeader : [],
          };
        }),
    })),
    openRound: open ? roundView(sqlite, byId, open, false) : null,
    projectorPath: m ? `/projectie/${m.projectorKey}` : '',
  };
}
