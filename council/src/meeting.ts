// The meeting as stored: its agenda, its members, its ballots and rounds, read into plain values.
import type Database from 'better-sqlite3';
import type { Ballot, Decision, Member, RoundKind, Tally, Voter } from '@ovs/council-rules';

export interface MeetingInfo {
  body: string;
  title: string;
  date: string;
  pointer: number | null;
  projectorKey: string;
}

export interface Item {
  id: number;
  position: number;
  title: string;
  description: string;
  thirdConvocation: boolean;
}

export type RoundState = 'open' | 'closed' | 'released' | 'reset';

/** What closing a round computed; shown on release and kept for the minutes. */
export interface RoundResult {
  tally: Tally;
  decision: Decision;
  minutes: string;
  base: string;
  /** Ballots received and the electorate's size. */
  voted: number;
  eligible: number;
  /** Public rounds only: each voter's label (name or fraction) with the vote. */
  votes: Array<{ label: string; vote: string }> | null;
}

export interface Round {
  id: number;
  ballotId: number;
  number: number;
  kind: RoundKind;
  state: RoundState;
  entry: 'digitaal' | 'manueel';
  openedAt: string | null;
  closesAt: string | null;
  closedAt: string | null;
  electorate: Voter[];
  result: RoundResult | null;
}

export interface StoredBallot {
  id: number;
  itemId: number;
  spec: Ballot;
}

export function readMeeting(sqlite: Database.Database): MeetingInfo | undefined {
  const r = sqlite.prepare('SELECT body, title, date, pointer, projector_key FROM meeting WHERE id = 1').get() as
    | { body: string; title: string; date: string; pointer: number | null; projector_key: string }
    | undefined;
  return r && { body: r.body, title: r.title, date: r.date, pointer: r.pointer, projectorKey: r.projector_key };
}

export function readItems(sqlite: Database.Database): Item[] {
  return (sqlite.prepare('SELECT id, position, title, description, third_convocation FROM item ORDER BY position, id').all() as Array<{ id: number; position: number; title: string; description: string; third_convocation: number }>).map(
    (r) => ({ id: r.id, position: r.position, title: r.title, description: r.description, thirdConvocation: r.third_convocation === 1 }),
  );
}

export function readMembers(sqlite: Database.Database): Member[] {
  return (sqlite.prepare('SELECT id, name, fraction, weight, present, leader FROM member ORDER BY position, id').all() as Array<{ id: string; name: string; fraction: string; weight: number; present: number; leader: number }>).map(
    (r) => ({ id: r.id, name: r.name, fraction: r.fraction, weight: r.weight, present: r.present === 1, leader: r.leader === 1 }),
  );
}

export function readMember(sqlite: Database.Database, id: string): Member | undefined {
  const r = sqlite.prepare('SELECT id, name, fraction, weight, present, leader FROM member WHERE id = ?').get(id) as { id: string; name: string; fraction: string; weight: number; present: number; leader: number } | undefined;
  return r && { id: r.id, name: r.name, fraction: r.fraction, weight: r.weight, present: r.present === 1, leader: r.leader === 1 };
}

export function readBallot(sqlite: Database.Database, id: number): StoredBallot | undefined {
  const r = sqlite.prepare('SELECT id, item_id, spec FROM ballot WHERE id = ?').get(id) as { id: number; item_id: number; spec: string } | undefined;
  return r && { id: r.id, itemId: r.item_id, spec: JSON.parse(r.spec) as Ballot };
}

export function readBallots(sqlite: Database.Database): StoredBallot[] {
  return (sqlite.prepare('SELECT id, item_id, spec FROM ballot ORDER BY id').all() as Array<{ id: number; item_id: number; spec: string }>).map((r) => ({ id: r.id, itemId: r.item_id, spec: JSON.parse(r.spec) as Ballot }));
}

interface RoundRow {
  id: number;
  ballot_id: number;
  number: number;
  kind: string;
  state: RoundState;
  entry: 'digitaal' | 'manueel';
  opened_at: string | null;
  closes_at: string | null;
  closed_at: string | null;
  electorate: string;
  result: string | null;
}

const roundOf = (r: RoundRow): Round => ({
  id: r.id,
  ballotId: r.ballot_id,
  number: r.number,
  kind: JSON.parse(r.kind) as RoundKind,
  state: r.state,
  entry: r.entry,
  openedAt: r.opened_at,
  closesAt: r.closes_at,
  closedAt: r.closed_at,
  electorate: JSON.parse(r.electorate) as Voter[],
  result: r.result === null ? null : (JSON.parse(r.result) as RoundResult),
});

const ROUND_COLUMNS = 'id, ballot_id, number, kind, state, entry, opened_at, closes_at, closed_at, electorate, result';

export function readRounds(sqlite: Database.Database): Round[] {
  return (sqlite.prepare(`SELECT ${ROUND_COLUMNS} FROM round ORDER BY id`).all() as RoundRow[]).map(roundOf);
}

export function readRound(sqlite: Database.Database, id: number): Round | undefined {
  const r = sqlite.prepare(`SELECT ${ROUND_COLUMNS} FROM round WHERE id = ?`).get(id) as RoundRow | undefined;
  return r && roundOf(r);
}

export function openRoundNow(sqlite: Database.Database): Round | undefined {
  const r = sqlite.prepare(`SELECT ${ROUND_COLUMNS} FROM round WHERE state = 'open'`).get() as RoundRow | undefined;
  return r && roundOf(r);
}

export function votedMembers(sqlite: Database.Database, roundId: number): Set<string> {
  return new Set((sqlite.prepare('SELECT member_id FROM has_voted WHERE round_id = ?').all(roundId) as Array<{ member_id: string }>).map((r) => r.member_id));
}
