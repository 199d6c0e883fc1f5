// The secret vote stays secret: after a secret round, the whole database (every table, every
// row, the raw file), the audit and the server's log hold no link between a member and a vote —
// no shared column but the round, no row number, no timestamp, no order of arrival.
import t from 'tap';
import { existsSync, readFileSync } from 'node:fs';
import { sha256, toHex, utf8 } from '@ovs/crypto';
import type { Vote } from '@ovs/council-rules';
import { BALLOT, demoCouncil, key } from './support.ts';

const CHOICES = ['ja', 'nee', 'onthouding', 'blanco'] as const;

void t.test('after a secret round nothing links a member to a ballot: not in the database, not in the file, not in a log', async (t) => {
  const f = await demoCouncil(t);
  const { roundId } = f.council.openRound(f.chair, BALLOT.directeur).ok ? { roundId: 1 } : { roundId: 0 };
  t.equal(roundId, 1);
  // Members vote in an order unrelated to their ids, and some change their vote.
  const order = Array.from({ length: 31 }, (_, i) => ((i * 17) % 31) + 1);
  const cast = new Map<number, Vote>();
  for (const n of order) {
    const vote: Vote = { kind: 'standaard', choice: CHOICES[(n * 5) % 4]! };
    const r = f.council.vote(f.member(n), roundId, vote, key(n));
    t.ok(r.ok, `member ${n} voted`);
    cast.set(n, vote);
  }
  for (const n of [3, 11, 29]) {
    const vote: Vote = { kind: 'standaard', choice: 'nee' };
    t.ok(f.council.vote(f.member(n), roundId, vote, key(n)).ok);
    cast.set(n, vote);
  }
  t.ok(f.council.closeRound(f.chair, roundId).ok);
  t.ok(f.council.releaseRound(f.chair, roundId).ok);
  const sqlite = f.council.sqlite;

  // The two tables of a secret vote share nothing but the round.
  const columns = (table: string): string[] => (sqlite.prepare(`PRAGMA table_info(${table})`).all() as Array<{ name: string }>).map((c) => c.name);
  t.same(columns('secret_ballot'), ['round_id', 'key_hash', 'vote']);
  t.same(columns('has_voted'), ['round_id', 'member_id']);
  t.throws(() => sqlite.prepare('SELECT rowid FROM secret_ballot').all(), 'no row numbers: WITHOUT ROWID');
  t.throws(() => sqlite.prepare('SELECT rowid FROM has_voted').all(), 'no row numbers: WITHOUT ROWID');
  t.equal((sqlite.prepare('SELECT COUNT(*) AS n FROM public_vote').get() as { n: number }).n, 0, 'no per-member vote row');

  // Every value of every row of every table: where a member appears, no vote of this round does.
  const memberIds = f.accounts.filter((a) => a.memberId).map((a) => a.memberId!);
  const usernames = f.accounts.map((a) => a.username);
  const keys = [...cast.keys()].map((n) => key(n));
  const keyHashes = keys.map((k) => toHex(sha256(utf8(`ovs:council-ballot\0${k}`))));
  const tables = (sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>).map((r) => r.name);
  for (const table of tables) {
    for (const row of sqlite.prepare(`SELECT * FROM ${table}`).all() as Array<Record<string, unknown>>) {
      const text = JSON.stringify(row, (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString('hex') : v));
      const namesMember = memberIds.some((id) => text.includes(`"${id}"`)) || usernames.some((u) => text.includes(`"${u}"`));
      const namesVote = text.includes('"choice"') || keyHashes.some((h) => text.includes(h));
      t.notOk(keys.some((k) => text.includes(k)), `${table}: no member's key is stored`);
      if (namesMember && namesVote) t.fail(`${table} links a member to a ballot: ${text}`);
    }
  }
  const audit = sqlite.prepare("SELECT at, username, action, detail FROM audit WHERE action = 'stem'").all() as Array<{ at: string; username: string; action: string; detail: string }>;
  t.equal(audit.length, 34, 'every vote is audited (31 + 3 changes) ...');
  t.ok(
    audit.every((a) => a.detail === `ronde ${roundId}`),
    '... with the same words whatever was voted, or whether it was changed',
  );

  // The log: events with ids, never a choice, a key or its hash.
  const log = f.log.join('\n');
  t.notOk([...keys, ...keyHashes].some((k) => log.includes(k)), 'the log holds no key and no key hash');
  t.notOk(/\b(ja|nee|onthouding|blanco|choice|gewijzigd|ongewijzigd)\b/.test(log), 'the log names no choice and no change of a vote');

  // The file: no journal left behind, and the ballots lie in key order, not in the order they came.
  t.notOk(existsSync(`${f.file}-journal`) || existsSync(`${f.file}-wal`), 'no journal or WAL file keeps the history');
  const bytes = readFileSync(f.file);
  const offsets = (sqlite.prepare('SELECT key_hash FROM secret_ballot WHERE round_id = ? ORDER BY key_hash').all(roundId) as Array<{ key_hash: Buffer }>).map((r) => bytes.indexOf(r.key_hash));
  t.ok(offsets.every((o) => o >= 0), 'every ballot found in the file');
  const increasing = offsets.every((o, i) => i === 0 || o > offsets[i - 1]!);
  const decreasing = offsets.every((o, i) => i === 0 || o < offsets[i - 1]!);
  t.ok(increasing || decreasing, 'the ballots lie in the file in the order of their random keys: the order of voting is gone');

  // The count is right all the same.
  const stage = sqlite.prepare('SELECT result FROM round WHERE id = ?').get(roundId) as { result: string };
  const tally = (JSON.parse(stage.result) as { tally: Record<string, number> }).tally;
  const expected = { ja: 0, nee: 0, onthouding: 0, blanco: 0 };
  for (const v of cast.values()) if (v.kind === 'standaard') expected[v.choice]++;
  t.same([tally.ja, tally.nee, tally.onthouding, tally.blanco], [expected.ja, expected.nee, expected.onthouding, expected.blanco]);
  t.end();
});
