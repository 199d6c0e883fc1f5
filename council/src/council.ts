// The council server's core: the meeting, its ballots and rounds, and the votes, over one SQLite
// database, every change in one transaction with its audit line. No HTTP here (web/server.ts),
// no rule of the decree either (@ovs/council-rules): this wires the two. Every change tells its
// listeners (the live updates), and a timed round closes itself on the injected clock.
import type Database from 'better-sqlite3';
import { done, err, ok, type Result } from '@ovs/basics';
import {
  BALLOT_PROBLEM_TEXT,
  candidateMinutes,
  checkBallot,
  checkMembers,
  checkVote,
  decide,
  electorate,
  majorityBase,
  MEMBER_PROBLEM_TEXT,
  quorum,
  roundCandidates,
  standardMinutes,
  tally,
  VOTE_PROBLEM_TEXT,
  type Ballot,
  type Member,
  type RoundKind,
  type Tally,
  type Vote,
  type WeightedVote,
} from '@ovs/council-rules';
import { randomBytes, sha256, toHex, utf8 } from '@ovs/crypto';
import { systemClock, type Clock } from './clock.ts';
import { openDb } from './db/open-db.ts';
import { refusal, type CouncilError } from './errors.ts';
import { openRoundNow, readBallot, readItems, readMember, readMembers, readRound, readRounds, type Round, type RoundResult, type StoredBallot } from './meeting.ts';
import { can, ROLE_NAMES, type Action, type Actor } from './roles.ts';

export interface CouncilOptions {
  file: string;
  clock?: Clock;
  /** The server's log: events with ids and outcomes, never a vote or a key. */
  log?: (line: string) => void;
}

export type VoteOutcome = 'opgeslagen' | 'gewijzigd' | 'ongewijzigd';

export type ManualCounts =
  | { kind: 'standaard'; ja: number; nee: number; onthouding: number; blanco: number }
  | { kind: 'kandidaten'; votes: Record<string, number>; blanco: number; valid: number };

export interface Council {
  readonly sqlite: Database.Database;
  readonly clock: Clock;
  onChange(listener: () => void): () => void;
  setUpMeeting(m: { body: string; title: string; date: string }): void;
  addItem(actor: Actor, item: { title: string; description: string; thirdConvocation: boolean }): Result<{ id: number }, CouncilError>;
  setPointer(actor: Actor, itemId: number | null): Result<void, CouncilError>;
  setMembers(actor: Actor, members: Member[]): Result<void, CouncilError>;
  setPresence(actor: Actor, memberId: string, present: boolean): Result<void, CouncilError>;
  createBallot(actor: Actor, itemId: number, spec: Ballot): Result<{ id: number }, CouncilError>;
  updateBallot(actor: Actor, ballotId: number, spec: Ballot): Result<void, CouncilError>;
  deleteBallot(actor: Actor, ballotId: number): Result<void, CouncilError>;
  openRound(actor: Actor, ballotId: number, options?: { limitSeconds?: number }): Result<{ roundId: number }, CouncilError>;
  closeRound(actor: Actor, roundId: number): Result<void, CouncilError>;
  releaseRound(actor: Actor, roundId: number): Result<void, CouncilError>;
  resetRound(actor: Actor, roundId: number): Result<void, CouncilError>;
  enterManual(actor: Actor, ballotId: number, counts: ManualCounts): Result<{ roundId: number }, CouncilError>;
  vote(actor: Actor, roundId: number, vote: Vote, key?: string): Result<VoteOutcome, CouncilError>;
  /** An audit line for an action that changes nothing in the meeting (a login, an export). */
  audit(actor: Actor, action: string, detail: string): void;
  close(): void;
}

const forbidden = (actor: Actor): CouncilError => refusal('forbidden', `Als ${ROLE_NAMES[actor.role]} mag u dit niet doen.`);

export function openCouncil(options: CouncilOptions): Result<Council, string> {
  const opened = openDb(options.file);
  if (!opened.ok) return opened;
  const sqlite = opened.value;
  const clock = options.clock ?? systemClock;
  const log = options.log ?? (() => undefined);
  const listeners = new Set<() => void>();
  const timers = new Map<number, () => void>();

  const changed = (): void => {
    for (const l of listeners) l();
  };
  const auditLine = (actor: Actor, action: string, detail: string): void => {
    sqlite.prepare('INSERT INTO audit (at, username, role, action, detail) VALUES (?, ?, ?, ?, ?)').run(clock.now().toISOString(), actor.username, actor.role, action, detail);
  };
  /** One change: permission, the work and its audit line in one transaction, then the listeners. */
  const change = <T>(actor: Actor, action: Action | null, name: string, work: () => Result<T, CouncilError> & { detail?: string }): Result<T, CouncilError> => {
    if (action && !can(actor, action)) return err(forbidden(actor));
    const r = sqlite.transaction(() => {
      const out = work();
      if (out.ok) auditLine(actor, name, out.detail ?? '');
      return out;
    }).immediate();
    if (r.ok) {
      log(`${name}: ${r.detail ?? ''} (${actor.username})`);
      changed();
    }
    return r;
  };
  const withDetail = <T>(r: Result<T, CouncilError>, detail: string): Result<T, CouncilError> & { detail?: string } => Object.assign({}, r, { detail });

  const ballotOf = (id: number): StoredBallot | undefined => readBallot(sqlite, id);
  const roundsOf = (ballotId: number): Round[] => readRounds(sqlite).filter((r) => r.ballotId === ballotId);
  const locked = (ballotId: number): boolean => roundsOf(ballotId).some((r) => r.entry === 'digitaal' && r.openedAt !== null) || roundsOf(ballotId).some((r) => r.entry === 'manueel');

  const checkedBallot = (spec: Ballot): Result<Ballot, CouncilError> => {
    const c = checkBallot(spec);
    return c.ok ? ok(c.value) : err(refusal('ballot-invalid', c.error.map((p) => BALLOT_PROBLEM_TEXT[p]).join(' ')));
  };

  /** The kind of the next round of a ballot: a second round when the last released one asks for it. */
  const nextKind = (ballotId: number): RoundKind => {
    const last = roundsOf(ballotId)
      .filter((r) => r.state === 'released' || r.state === 'closed')
      .at(-1);
    const d = last?.result?.decision;
    return d && d.kind === 'kandidaten' && d.next ? { kind: 'herstemming', candidates: d.next.candidates, seats: d.next.seats } : { kind: 'eerste' };
  };

  const result = (ballot: Ballot, round: Round, t: Tally, votes: RoundResult['votes'], voted: number): RoundResult => {
    const decision = decide(ballot, t, round.kind);
    let minutes: string;
    if (t.kind === 'standaard' && decision.kind === 'standaard') {
      const who = votes && { ja: votes.filter((v) => v.vote === 'ja').map((v) => v.label), nee: votes.filter((v) => v.vote === 'nee').map((v) => v.label), onthouding: votes.filter((v) => v.vote === 'onthouding').map((v) => v.label) };
      minutes = standardMinutes(ballot, t, decision, who ?? undefined);
    } else if (t.kind === 'kandidaten' && decision.kind === 'kandidaten') minutes = candidateMinutes(ballot, t, decision, round.kind);
    else throw new Error('result: tally and decision differ in kind');
    return { tally: t, decision, minutes, base: majorityBase(ballot, round.kind), voted, eligible: round.electorate.length, votes };
  };

  const voteText = (ballot: Ballot, v: Vote): string => {
    if (v.kind === 'standaard') return v.choice;
    if (ballot.choices.kind !== 'kandidaten') return '';
    const names = new Map(ballot.choices.candidates.map((c) => [c.id, c.name]));
    return v.candidates.length === 0 ? 'blanco' : v.candidates.map((id) => names.get(id) ?? id).join(', ');
  };

  /** Counts a round from its stored votes (a secret round: the anonymous ballots, each weight 1). */
  const count = (round: Round, ballot: Ballot): RoundResult => {
    const ids = roundCandidates(ballot, round.kind).ids;
    if (ballot.secret) {
      const rows = sqlite.prepare('SELECT vote FROM secret_ballot WHERE round_id = ?').all(round.id) as Array<{ vote: string }>;
      const votes: WeightedVote[] = rows.map((r) => ({ vote: JSON.parse(r.vote) as Vote, weight: 1 }));
      return result(ballot, round, tally(ballot, ids, votes), null, votes.length);
    }
    const rows = sqlite.prepare('SELECT member_id, vote FROM public_vote WHERE round_id = ?').all(round.id) as Array<{ member_id: string; vote: string }>;
    const voters = new Map(round.electorate.map((v) => [v.memberId, v]));
    const order = new Map(round.electorate.map((v, i) => [v.memberId, i]));
    rows.sort((a, b) => (order.get(a.member_id) ?? 0) - (order.get(b.member_id) ?? 0));
    const votes = rows.map((r) => ({ vote: JSON.parse(r.vote) as Vote, weight: voters.get(r.member_id)?.weight ?? 0, label: voters.get(r.member_id)?.label ?? r.member_id }));
    return result(
      ballot,
      round,
      tally(ballot, ids, votes),
      votes.map((v) => ({ label: v.label, vote: voteText(ballot, v.vote) })),
      votes.length,
    );
  };

  const closeNow = (round: Round): void => {
    const ballot = ballotOf(round.ballotId);
    if (!ballot) return;
    const r = count(round, ballot.spec);
    sqlite.prepare("UPDATE round SET state = 'closed', closed_at = ?, result = ? WHERE id = ? AND state = 'open'").run(clock.now().toISOString(), JSON.stringify(r), round.id);
    timers.get(round.id)?.();
    timers.delete(round.id);
  };

  /** A secret round's file is rebuilt after closing: no page keeps the order the ballots came in. */
  const scrub = (round: Round): void => {
    const ballot = ballotOf(round.ballotId);
    if (ballot?.spec.secret) sqlite.exec('VACUUM');
  };

  const system: Actor = { username: 'systeem', name: 'systeem', role: 'voorzitter', memberId: null };
  const schedule = (round: Round): void => {
    if (!round.closesAt) return;
    timers.set(
      round.id,
      clock.at(new Date(round.closesAt), () => {
        const now = readRound(sqlite, round.id);
        if (!now || now.state !== 'open') return;
        const r = change(system, null, 'ronde gesloten (tijd verstreken)', () => {
          closeNow(now);
          return withDetail(done, `ronde ${round.id}`);
        });
        if (r.ok) scrub(now);
      }),
    );
  };
  const running = openRoundNow(sqlite);
  if (running) schedule(running);

  const council: Council = {
    sqlite,
    clock,
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    setUpMeeting(m) {
      sqlite
        .prepare('INSERT INTO meeting (id, body, title, date, pointer, projector_key) VALUES (1, ?, ?, ?, NULL, ?) ON CONFLICT (id) DO UPDATE SET body = excluded.body, title = excluded.title, date = excluded.date')
        .run(m.body, m.title, m.date, toHex(randomBytes(16)));
      changed();
    },
    addItem(actor, item) {
      return change(actor, 'meeting.prepare', 'agendapunt toegevoegd', () => {
        const title = item.title.trim();
        if (title === '' || title.length > 300) return err(refusal('bad-input', 'Geef het agendapunt een titel van ten hoogste 300 tekens.'));
        const position = ((sqlite.prepare('SELECT MAX(position) AS p FROM item').get() as { p: number | null }).p ?? 0) + 1;
        const r = sqlite.prepare('INSERT INTO item (position, title, description, third_convocation) VALUES (?, ?, ?, ?)').run(position, title, item.description, item.thirdConvocation ? 1 : 0);
        return withDetail(ok({ id: Number(r.lastInsertRowid) }), `agendapunt ${position}`);
      });
    },
    setPointer(actor, itemId) {
      return change(actor, 'round.control', 'aanwijzer verplaatst', () => {
        if (itemId !== null && !readItems(sqlite).some((i) => i.id === itemId)) return err(refusal('unknown-item', 'Dat agendapunt bestaat niet.'));
        sqlite.prepare('UPDATE meeting SET pointer = ? WHERE id = 1').run(itemId);
        return withDetail(done, itemId === null ? 'geen' : `agendapunt ${itemId}`);
      });
    },
    setMembers(actor, members) {
      return change(actor, 'meeting.prepare', 'raadsleden ingesteld', () => {
        if (openRoundNow(sqlite)) return err(refusal('round-running', 'Tijdens een stemronde kan de lijst van raadsleden niet veranderen: sluit eerst de ronde.'));
        const problems = checkMembers(members);
        if (problems.length > 0) return err(refusal('bad-input', problems.map((p) => MEMBER_PROBLEM_TEXT[p]).join(' ')));
        const upsert = sqlite.prepare(
          'INSERT INTO member (id, name, fraction, weight, present, leader, position) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET name = excluded.name, fraction = excluded.fraction, weight = excluded.weight, present = excluded.present, leader = excluded.leader, position = excluded.position',
        );
        members.forEach((m, i) => upsert.run(m.id, m.name.trim(), m.fraction.trim(), m.weight, m.present ? 1 : 0, m.leader ? 1 : 0, i));
        return withDetail(done, `${members.length} raadsleden`);
      });
    },
    setPresence(actor, memberId, present) {
      return change(actor, 'meeting.prepare', present ? 'aanwezig gemeld' : 'afwezig gemeld', () => {
        const r = sqlite.prepare('UPDATE member SET present = ? WHERE id = ?').run(present ? 1 : 0, memberId);
        return r.changes === 1 ? withDetail(done, `raadslid ${memberId}`) : err(refusal('unknown-member', 'Dat raadslid staat niet op de lijst.'));
      });
    },
    createBallot(actor, itemId, spec) {
      return change(actor, 'meeting.prepare', 'stembrief gemaakt', () => {
        if (!readItems(sqlite).some((i) => i.id === itemId)) return err(refusal('unknown-item', 'Dat agendapunt bestaat niet.'));
        const c = checkedBallot(spec);
        if (!c.ok) return c;
        const r = sqlite.prepare('INSERT INTO ballot (item_id, spec) VALUES (?, ?)').run(itemId, JSON.stringify(c.value));
        return withDetail(ok({ id: Number(r.lastInsertRowid) }), `stembrief ${r.lastInsertRowid} bij agendapunt ${itemId}`);
      });
    },
    updateBallot(actor, ballotId, spec) {
      return change(actor, 'meeting.prepare', 'stembrief gewijzigd', () => {
        if (!ballotOf(ballotId)) return err(refusal('unknown-ballot', 'Die stembrief bestaat niet (meer).'));
        if (locked(ballotId)) return err(refusal('ballot-locked', 'Deze stembrief kan niet meer gewijzigd worden: er werd al een stemronde over geopend. Maak een nieuwe stembrief.'));
        const c = checkedBallot(spec);
        if (!c.ok) return c;
        sqlite.prepare('UPDATE ballot SET spec = ? WHERE id = ?').run(JSON.stringify(c.value), ballotId);
        return withDetail(done, `stembrief ${ballotId}`);
      });
    },
    deleteBallot(actor, ballotId) {
      return change(actor, 'meeting.prepare', 'stembrief verwijderd', () => {
        if (!ballotOf(ballotId)) return err(refusal('unknown-ballot', 'Die stembrief bestaat niet (meer).'));
        if (locked(ballotId)) return err(refusal('ballot-locked', 'Deze stembrief kan niet meer verwijderd worden: er werd al een stemronde over geopend.'));
        sqlite.prepare('DELETE FROM round WHERE ballot_id = ?').run(ballotId);
        sqlite.prepare('DELETE FROM ballot WHERE id = ?').run(ballotId);
        return withDetail(done, `stembrief ${ballotId}`);
      });
    },
    openRound(actor, ballotId, o = {}) {
      const r = change(actor, 'round.control', 'stemronde geopend', () => {
        const ballot = ballotOf(ballotId);
        if (!ballot) return err(refusal('unknown-ballot', 'Die stembrief bestaat niet (meer).'));
        const busy = openRoundNow(sqlite);
        if (busy) return err(refusal('round-running', 'Er loopt al een stemronde: sluit die eerst.'));
        const pending = roundsOf(ballotId).find((x) => x.state === 'closed');
        if (pending) return err(refusal('round-running', 'De vorige ronde van deze stembrief is gesloten maar nog niet vrijgegeven: geef het resultaat vrij of initialiseer de ronde opnieuw.'));
        if (o.limitSeconds !== undefined && (!Number.isInteger(o.limitSeconds) || o.limitSeconds < 10 || o.limitSeconds > 3600)) {
          return err(refusal('bad-input', 'De tijdslimiet ligt tussen 10 seconden en een uur.'));
        }
        const members = readMembers(sqlite);
        const item = readItems(sqlite).find((i) => i.id === ballot.itemId);
        const q = quorum(members, item?.thirdConvocation ?? false);
        if (!q.met) return err(refusal('no-quorum', `De stemronde kan niet openen: ${q.text}`));
        const e = electorate(ballot.spec, members);
        if (e.voters.length === 0) return err(refusal('no-voters', 'Niemand kan stemmen: meld de aanwezige raadsleden (en hun fractievoorzitters) aan.'));
        const number = roundsOf(ballotId).filter((x) => x.state !== 'reset').length + 1;
        const now = clock.now();
        const closesAt = o.limitSeconds === undefined ? null : new Date(now.getTime() + o.limitSeconds * 1000).toISOString();
        const ins = sqlite
          .prepare("INSERT INTO round (ballot_id, number, kind, state, entry, opened_at, closes_at, electorate) VALUES (?, ?, ?, 'open', 'digitaal', ?, ?, ?)")
          .run(ballotId, number, JSON.stringify(nextKind(ballotId)), now.toISOString(), closesAt, JSON.stringify(e.voters));
        sqlite.prepare('UPDATE meeting SET pointer = ? WHERE id = 1').run(ballot.itemId);
        return withDetail(ok({ roundId: Number(ins.lastInsertRowid) }), `ronde ${ins.lastInsertRowid} van stembrief ${ballotId}`);
      });
      if (r.ok) {
        const round = readRound(sqlite, r.value.roundId);
        if (round) schedule(round);
      }
      return r;
    },
    closeRound(actor, roundId) {
      let closed: Round | undefined;
      const r = change(actor, 'round.control', 'stemronde gesloten', () => {
        const round = readRound(sqlite, roundId);
        if (!round) return err(refusal('unknown-round', 'Die stemronde bestaat niet.'));
        if (round.state !== 'open') return err(refusal('round-not-open', 'Deze stemronde is niet open.'));
        closeNow(round);
        closed = round;
        return withDetail(done, `ronde ${roundId}`);
      });
      if (r.ok && closed) scrub(closed);
      return r;
    },
    releaseRound(actor, roundId) {
      return change(actor, 'round.release', 'resultaat vrijgegeven', () => {
        const round = readRound(sqlite, roundId);
        if (!round) return err(refusal('unknown-round', 'Die stemronde bestaat niet.'));
        if (round.state !== 'closed') return err(refusal('round-not-closed', round.state === 'open' ? 'Sluit de stemronde eerst.' : 'Dit resultaat kan niet (meer) vrijgegeven worden.'));
        sqlite.prepare("UPDATE round SET state = 'released' WHERE id = ?").run(roundId);
        return withDetail(done, `ronde ${roundId}`);
      });
    },
    resetRound(actor, roundId) {
      return change(actor, 'round.control', 'stemronde opnieuw geïnitialiseerd', () => {
        const round = readRound(sqlite, roundId);
        if (!round) return err(refusal('unknown-round', 'Die stemronde bestaat niet.'));
        if (round.state !== 'open' && round.state !== 'closed') return err(refusal('round-not-open', 'Alleen een open of gesloten (nog niet vrijgegeven) ronde kan opnieuw geïnitialiseerd worden.'));
        for (const t of ['has_voted', 'public_vote', 'secret_ballot']) sqlite.prepare(`DELETE FROM ${t} WHERE round_id = ?`).run(roundId);
        sqlite.prepare("UPDATE round SET state = 'reset', result = NULL WHERE id = ?").run(roundId);
        timers.get(roundId)?.();
        timers.delete(roundId);
        return withDetail(done, `ronde ${roundId}`);
      });
    },
    enterManual(actor, ballotId, counts) {
      return change(actor, 'round.control', 'resultaat offline ronde ingevoerd', () => {
        const ballot = ballotOf(ballotId);
        if (!ballot) return err(refusal('unknown-ballot', 'Die stembrief bestaat niet (meer).'));
        if (openRoundNow(sqlite)) return err(refusal('round-running', 'Er loopt een digitale stemronde: sluit die eerst.'));
        const members = readMembers(sqlite);
        const e = electorate(ballot.spec, members).voters;
        const kind = nextKind(ballotId);
        const whole = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= 100000;
        const totalWeight = e.reduce((n, v) => n + v.weight, 0);
        let t: Tally;
        if (counts.kind === 'standaard' && ballot.spec.choices.kind === 'standaard') {
          const { ja, nee, onthouding, blanco } = counts;
          if (![ja, nee, onthouding, blanco].every(whole)) return err(refusal('manual-invalid', 'Vul voor ja, nee, onthouding en blanco een geheel getal van 0 of meer in.'));
          if (!ballot.spec.secret && blanco > 0) return err(refusal('manual-invalid', 'Blanco stemmen bestaan alleen bij een geheime stemming.'));
          if (ja + nee + onthouding + blanco > totalWeight) return err(refusal('manual-invalid', `Er zijn meer stemmen ingevuld (${ja + nee + onthouding + blanco}) dan er stemgerechtigden zijn (${totalWeight}).`));
          t = { kind: 'standaard', ja, nee, onthouding, blanco, ballots: ja + nee + onthouding + blanco };
        } else if (counts.kind === 'kandidaten' && ballot.spec.choices.kind === 'kandidaten') {
          const { ids, max } = roundCandidates(ballot.spec, kind);
          const given = Object.keys(counts.votes);
          if (given.some((id) => !ids.includes(id)) || !ids.every((id) => whole(counts.votes[id]))) return err(refusal('manual-invalid', 'Vul voor elke kandidaat van deze ronde een geheel getal van 0 of meer in.'));
          if (!whole(counts.blanco) || !whole(counts.valid)) return err(refusal('manual-invalid', 'Vul het aantal geldige en blanco stembrieven in.'));
          if (counts.valid + counts.blanco > totalWeight) return err(refusal('manual-invalid', `Er zijn meer stembrieven ingevuld (${counts.valid + counts.blanco}) dan er stemgerechtigden zijn (${totalWeight}).`));
          if (ids.some((id) => (counts.votes[id] ?? 0) > counts.valid) || ids.reduce((n, id) => n + (counts.votes[id] ?? 0), 0) > counts.valid * max) {
            return err(refusal('manual-invalid', 'Een kandidaat kan niet meer stemmen hebben dan er geldige stembrieven zijn, en samen niet meer dan het maximum aantal keuzes per stembrief toelaat.'));
          }
          t = { kind: 'kandidaten', votes: Object.fromEntries(ids.map((id) => [id, counts.votes[id] ?? 0])), blanco: counts.blanco, valid: counts.valid, ballots: counts.valid + counts.blanco };
        } else return err(refusal('manual-invalid', 'Deze telling past niet bij de stembrief.'));
        const number = roundsOf(ballotId).filter((x) => x.state !== 'reset').length + 1;
        const now = clock.now().toISOString();
        const ins = sqlite
          .prepare("INSERT INTO round (ballot_id, number, kind, state, entry, opened_at, closes_at, closed_at, electorate) VALUES (?, ?, ?, 'closed', 'manueel', NULL, NULL, ?, ?)")
          .run(ballotId, number, JSON.stringify(kind), now, JSON.stringify(e));
        const round = readRound(sqlite, Number(ins.lastInsertRowid));
        if (!round) throw new Error('enterManual: round not stored');
        sqlite.prepare('UPDATE round SET result = ? WHERE id = ?').run(JSON.stringify(result(ballot.spec, round, t, null, t.ballots)), round.id);
        sqlite.prepare('UPDATE meeting SET pointer = ? WHERE id = 1').run(ballot.itemId);
        return withDetail(ok({ roundId: round.id }), `ronde ${round.id} van stembrief ${ballotId}`);
      });
    },
    vote(actor, roundId, vote, key) {
      return change(actor, null, 'stem', () => {
        const memberId = actor.memberId;
        if (!memberId) return err(refusal('forbidden', 'Alleen raadsleden stemmen: dit account hoort bij geen raadslid.'));
        const round = readRound(sqlite, roundId);
        if (!round) return err(refusal('unknown-round', 'Die stemronde bestaat niet.'));
        if (round.state !== 'open' || (round.closesAt && clock.now().getTime() >= new Date(round.closesAt).getTime())) {
          return err(refusal('round-not-open', 'Deze stemronde is gesloten: uw stem werd niet opgeslagen.'));
        }
        const member = readMember(sqlite, memberId);
        if (!member?.present) return err(refusal('not-present', 'U bent niet als aanwezig gemeld: vraag het secretariaat u aanwezig te melden. Uw stem werd niet opgeslagen.'));
        if (!round.electorate.some((v) => v.memberId === memberId)) {
          return err(refusal('not-eligible', 'U bent niet stemgerechtigd in deze ronde: u was niet aanwezig toen ze opende, of uw fractie stemt via de fractievoorzitter.'));
        }
        const ballot = ballotOf(round.ballotId);
        if (!ballot) return err(refusal('unknown-ballot', 'Die stembrief bestaat niet (meer).'));
        const checked = checkVote(ballot.spec, round.kind, vote);
        if (!checked.ok) return err(refusal('vote-invalid', VOTE_PROBLEM_TEXT[checked.error]));
        const text = JSON.stringify(checked.value);
        const voted = sqlite.prepare('SELECT 1 FROM has_voted WHERE round_id = ? AND member_id = ?').get(roundId, memberId) !== undefined;
        if (!ballot.spec.secret) {
          const before = sqlite.prepare('SELECT vote FROM public_vote WHERE round_id = ? AND member_id = ?').get(roundId, memberId) as { vote: string } | undefined;
          sqlite.prepare('INSERT INTO public_vote (round_id, member_id, vote) VALUES (?, ?, ?) ON CONFLICT (round_id, member_id) DO UPDATE SET vote = excluded.vote').run(roundId, memberId, text);
          if (!voted) sqlite.prepare('INSERT INTO has_voted (round_id, member_id) VALUES (?, ?)').run(roundId, memberId);
          return withDetail(ok(before === undefined ? 'opgeslagen' : before.vote === text ? 'ongewijzigd' : 'gewijzigd'), `ronde ${roundId}`);
        }
        // Secret: the member's tablet holds a random key; only its hash is kept, with the ballot.
        if (typeof key !== 'string' || !/^[0-9a-f]{64}$/.test(key)) return err(refusal('bad-input', 'Bij een geheime stemming stuurt het toestel een sleutel mee: laad de pagina opnieuw en stem nog eens.'));
        const keyHash = Buffer.from(sha256(utf8(`ovs:council-ballot\0${key}`)));
        const mine = sqlite.prepare('SELECT vote FROM secret_ballot WHERE round_id = ? AND key_hash = ?').get(roundId, keyHash) as { vote: string } | undefined;
        if (voted) {
          if (!mine) return err(refusal('voted-elsewhere', 'Uw stem is al opgeslagen. Bij een geheime stemming kan ze alleen gewijzigd worden vanaf het toestel waarop u stemde.'));
          sqlite.prepare('UPDATE secret_ballot SET vote = ? WHERE round_id = ? AND key_hash = ?').run(text, roundId, keyHash);
          return withDetail(ok(mine.vote === text ? 'ongewijzigd' : 'gewijzigd'), `ronde ${roundId}`);
        }
        if (mine) return err(refusal('bad-input', 'Deze sleutel is al gebruikt: laad de pagina opnieuw en stem nog eens.'));
        sqlite.prepare('INSERT INTO has_voted (round_id, member_id) VALUES (?, ?)').run(roundId, memberId);
        sqlite.prepare('INSERT INTO secret_ballot (round_id, key_hash, vote) VALUES (?, ?, ?)').run(roundId, keyHash, text);
        return withDetail(ok('opgeslagen'), `ronde ${roundId}`);
      });
    },
    audit(actor, action, detail) {
      auditLine(actor, action, detail);
      log(`${action}: ${detail} (${actor.username})`);
    },
    close() {
      for (const cancel of timers.values()) cancel();
      timers.clear();
      listeners.clear();
      sqlite.close();
    },
  };
  return ok(council);
}
