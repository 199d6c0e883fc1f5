// The day's new records (issue 20): a new card without an annulment with its reason (decree art.
// 17 §2), a test card during voting with its reason (seed 002 II.C.3.1 pt 5, II.C.4.1), the
// president's override of the voting hours (art. 15), the copy for the college of experts
// (art. 12) and a voting computer's alarm. Each is strictly decoded, and the alarm, which falls
// in one voter's session, carries the hour only.
import t from 'tap';
import { countEvents, decodeEventBody, type StickEvent } from '../src/index.ts';

const enc = (o: Record<string, unknown>): Uint8Array => new TextEncoder().encode(JSON.stringify({ seq: 1, prev: '0'.repeat(64), at: '2024-10-13T09:00:00.000Z', ...o }));

t.test('decree art. 17 §2 and art. 15, art. 12: the new records decode strictly', async (t) => {
  const good: Array<Record<string, unknown>> = [
    { type: 'voter-card', category: 'belg', proxy: false, replacement: true, reason: 'damaged-card' },
    { type: 'voter-card', category: 'belg', proxy: false, replacement: false },
    { type: 'test-card', category: 'eu', reason: 'visualisation-complaint' },
    { type: 'test-card', category: 'eu' },
    { type: 'hours-override', moment: 'after-15', note: 'Kiezers in de rij om 15 uur.' },
    { type: 'expert-copy', expert: 'Dr. A. Peeters', note: 'Logboek nagekeken.', files: 6, ballots: false },
    { type: 'vc-alarm', kind: 'paper-out', machine: 'stemcomputer 2' },
  ];
  for (const g of good) t.ok(decodeEventBody(enc(g)).ok, String(g.type));
  const bad: Array<[Record<string, unknown>, string]> = [
    [{ type: 'voter-card', category: 'belg', proxy: false, replacement: true, reason: 'lost' }, 'reason'],
    [{ type: 'test-card', category: 'eu', reason: 'curious' }, 'reason'],
    [{ type: 'hours-override', moment: 'at-noon', note: '' }, 'moment'],
    [{ type: 'expert-copy', expert: 'x'.repeat(101), note: '', files: 6, ballots: false }, 'expert'],
    [{ type: 'vc-alarm', kind: 'paper-out', machine: 'stemcomputer 2', extra: 1 }, 'extra'],
  ];
  for (const [b, field] of bad) {
    const r = decodeEventBody(enc(b));
    t.equal(r.ok ? undefined : r.error.field, field, `${String(b.type)}: ${field} refused`);
  }
  const timed = decodeEventBody(enc({ type: 'vc-alarm', kind: 'card', machine: 'stemcomputer 1', at: '2024-10-13T09:12:31.000Z' }));
  t.equal(timed.ok ? undefined : timed.error.field, 'at', 'an alarm during one voter\'s session carries the hour only');
});

t.test('decree art. 17 §2: new cards without an annulment and test cards during voting are counted apart', async (t) => {
  const events = [
    { type: 'voter-card', category: 'belg', proxy: false, replacement: false },
    { type: 'voter-card', category: 'belg', proxy: false, replacement: true, reason: 'not-printed' },
    { type: 'voter-card', category: 'belg', proxy: false, replacement: true },
    { type: 'test-card', category: 'belg' },
    { type: 'test-card', category: 'belg', reason: 'expert-visit' },
  ].map((e, i) => ({ ...e, seq: i + 1, prev: '', at: '' }) as StickEvent);
  const c = countEvents(events, ['belg']);
  t.equal(c.replacementCards, 2);
  t.equal(c.replacementsByReason['not-printed'], 1);
  t.equal(c.testCards, 2);
  t.same(c.testCardsDuringVoting, { 'expert-visit': 1, 'visualisation-complaint': 0 });
});
