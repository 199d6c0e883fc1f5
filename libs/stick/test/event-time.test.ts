// Secrecy of the event log (issue 11): an event about one voter — a card, an annulment, a refusal
// by the box — carries only the hour it fell in, so events.log cannot be laid next to the
// aanstiplijst or a witness's notes; opening, closing, incidents and interruptions keep their
// exact time for the PV. The strict decoder refuses a voter event dated more finely.
import t from 'tap';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeEventBody, FILES, openStickPair, parseEventLog, VOTER_EVENT_GRANULARITY_MS, VOTER_EVENT_TYPES, type EventBody, type StickEvent } from '../src/index.ts';
import { fromHex } from '@ovs/crypto';
import { castBallots, pairOptions, preparedStick } from './support.ts';

const HOUR = 3_600_000;

/** Every record of a log file, read with the chain (no MAC key: as the hoofdbureau reads it). */
async function events(dir: string): Promise<StickEvent[]> {
  const session = JSON.parse(await readFile(join(dir, FILES.sessionJson), 'utf8')) as { sessionId: string };
  const parsed = parseEventLog(new Uint8Array(await readFile(join(dir, FILES.events))), fromHex(session.sessionId)!, undefined);
  if (!parsed.ok) throw new Error(parsed.error.why);
  return parsed.value.events;
}

t.test('events about one voter are dated to the hour, on both sticks; the others exactly', async (t) => {
  t.equal(VOTER_EVENT_GRANULARITY_MS, HOUR, 'the granularity README.md names');
  const a = await preparedStick(t);
  const b = await preparedStick(t);
  // A clock that moves by odd amounts: every exact time has seconds and milliseconds.
  let clock = Date.parse('2024-10-13T06:59:58.123Z');
  const opened = await openStickPair(await pairOptions(a, b, { now: () => new Date((clock += 37_311)) }));
  t.ok(opened.ok);
  if (!opened.ok) return;
  const pair = opened.value.pair;
  const bodies: EventBody[] = [
    { type: 'activation-card' },
    { type: 'box-empty' },
    { type: 'test-card', category: 'niet-eu' },
    { type: 'voting-opened' },
    { type: 'voter-card', category: 'eu', proxy: true, replacement: false },
    { type: 'box-refusal', reason: 'unreadable' },
    { type: 'voter-card', category: 'belg', proxy: false, replacement: false },
    { type: 'ballot-annulled', reason: 'voter-request' },
    { type: 'voter-card', category: 'belg', proxy: false, replacement: true },
    { type: 'incident', id: 1, kind: 'assistance', description: 'bijstand', calledAt: null, repairedAt: null },
  ];
  for (const body of bodies) t.ok((await pair.appendEvent(body)).ok, body.type);
  await castBallots(pair, 3);
  t.ok((await pair.close({ annulledBallots: 1, testBallots: 1 })).ok);
  await pair.release();

  for (const dir of [a, b]) {
    const log = await events(dir);
    const voter = log.filter((e) => VOTER_EVENT_TYPES.has(e.type));
    t.same(
      voter.map((e) => e.type),
      ['test-card', 'voter-card', 'box-refusal', 'voter-card', 'ballot-annulled', 'voter-card'],
      'every voter event is in the log',
    );
    for (const e of voter) t.equal(Date.parse(e.at) % HOUR, 0, `${e.type} (record ${e.seq}): ${e.at} is a whole hour`);
    t.ok(
      voter.some((e) => e.at === '2024-10-13T07:00:00.000Z'),
      'the hour is the one the event fell in',
    );
    const exact = log.filter((e) => !VOTER_EVENT_TYPES.has(e.type));
    t.ok(
      exact.every((e) => Date.parse(e.at) % 1000 !== 0),
      'opening, incidents and closing keep their exact time (to the millisecond here)',
    );
    // The raw bytes too: no time on a voter event's line but a whole hour.
    const lines = (await readFile(join(dir, FILES.events), 'utf8')).split('\n').filter((l) => /"type":"(voter-card|test-card|ballot-annulled|box-refusal)"/.test(l));
    t.equal(lines.length, 6);
    for (const l of lines) t.match(l, /"at":"\d{4}-\d\d-\d\dT\d\d:00:00\.000Z"/);
  }
});

t.test('the strict decoder refuses a voter event with a time finer than the hour', async (t) => {
  const record = (at: string, type: string, extra: Record<string, unknown>): Uint8Array =>
    new TextEncoder().encode(JSON.stringify({ seq: 5, prev: '0'.repeat(64), at, type, ...extra }));
  const cases: Array<[string, Record<string, unknown>]> = [
    ['voter-card', { category: 'belg', proxy: false, replacement: false }],
    ['test-card', { category: 'belg' }],
    ['ballot-annulled', { reason: 'shown' }],
    ['box-refusal', { reason: 'unreadable' }],
  ];
  for (const [type, extra] of cases) {
    t.ok(decodeEventBody(record('2024-10-13T09:00:00.000Z', type, extra)).ok, `${type} on the hour`);
    for (const at of ['2024-10-13T09:13:00.000Z', '2024-10-13T09:00:05.000Z', '2024-10-13T09:00:00.001Z']) {
      const r = decodeEventBody(record(at, type, extra));
      t.ok(!r.ok && r.error.field === 'at', `${type} at ${at} is refused`);
      if (!r.ok) t.match(r.error.why, /enkel het uur/);
    }
  }
  t.ok(decodeEventBody(record('2024-10-13T09:13:05.123Z', 'incident', { id: 1, kind: 'defect', description: 'x', calledAt: null, repairedAt: null })).ok, 'an incident keeps its exact time');
});

t.test('the committed golden stick dates no card finer than the hour', async (t) => {
  const dir = fileURLToPath(new URL('./golden/stick/', import.meta.url));
  const log = await events(dir);
  const voter = log.filter((e) => VOTER_EVENT_TYPES.has(e.type));
  t.ok(voter.length >= 6, 'it has voter events');
  for (const e of voter) t.equal(Date.parse(e.at) % HOUR, 0, `${e.type} at ${e.at}`);
});
