// The day of the opening (opening-date.ts): the election date is a local date in Belgium, and a
// stick whose session was started, or whose vote was opened or closed, on another day carries a
// warning — a console whose clock said the day before (a test opening) is seen, never silently
// counted. And the annulment record that now names the voter's category (event-log.ts), pinned
// byte for byte, next to the older record without it, which stays valid.
import t from 'tap';
import { dayPosition, localDate, momentsOffElectionDay, offDayMessage, verifyStick, decodeEventBody, encodeEventLine, genesisHash, type StickEvent, type VerifyOptions } from '../src/index.ts';
import { castBallots, demo, openPair, preparedStick } from './support.ts';

t.test('the local date in Brussels, around midnight and across summer time', async (t) => {
  t.equal(localDate('2024-10-12T21:59:59.000Z'), '2024-10-12', '23:59:59 CEST on the day before');
  t.equal(localDate('2024-10-12T22:00:00.000Z'), '2024-10-13', 'midnight CEST: election day');
  t.equal(localDate('2024-10-13T21:59:59.000Z'), '2024-10-13');
  t.equal(localDate('2024-10-13T22:00:00.000Z'), '2024-10-14');
  t.equal(localDate('2024-12-01T22:59:00.000Z'), '2024-12-01', 'winter time: UTC+1');
  t.equal(localDate('2024-12-01T23:00:00.000Z'), '2024-12-02');
});

t.test('which moments are off the election day, and what the check says', async (t) => {
  t.same(momentsOffElectionDay('2024-10-13', { startedAt: '2024-10-13T05:30:00.000Z', openedAt: '2024-10-13T06:00:00.000Z', closedAt: '2024-10-13T14:05:00.000Z' }), []);
  const off = momentsOffElectionDay('2024-10-13', { startedAt: '2024-10-12T16:00:00.000Z', openedAt: null, closedAt: '2024-10-13T06:10:00.000Z' });
  t.same(off, [{ moment: 'startedAt', at: '2024-10-12T16:00:00.000Z', date: '2024-10-12' }], 'a station never opened for voters has no openedAt');
  t.equal(
    offDayMessage('2024-10-13', off),
    'Niet op de verkiezingsdag (13 oktober 2024): de sticks werden geopend op 12 oktober 2024 om 18:00. Dit kan een testopening zijn of een verkeerd ingestelde klok van de voorzitterscomputer.',
  );
});

const d = demo();
const withKey: VerifyOptions = { organiserPublicKey: d.organiser.publicKey, hoofdbureauPrivateKey: d.hoofdbureau.privateKey };

async function stickWithClock(t: Parameters<typeof preparedStick>[0], start: string): Promise<string> {
  let clock = Date.parse(start);
  const a = await preparedStick(t);
  const b = await preparedStick(t);
  const pair = await openPair(a, b, { now: () => new Date((clock += 60_000)) });
  await pair.appendEvent({ type: 'voting-opened' });
  await castBallots(pair, 2);
  if (!(await pair.close({ annulledBallots: 0, testBallots: 0 })).ok) throw new Error('close');
  await pair.release();
  return a;
}

t.test('a stick made with the clock on the day before is flagged; one of election day is not', { timeout: 60_000 }, async (t) => {
  const before = await verifyStick(await stickWithClock(t, '2024-10-12T17:00:00.000Z'), withKey);
  if (!before.ok) throw new Error(before.error.message);
  const w = before.value.warnings.find((x) => x.code === 'opened-on-other-day');
  t.ok(w, 'flagged');
  t.match(w?.message, /^Niet op de verkiezingsdag \(13 oktober 2024\): de sticks werden geopend op 12 oktober 2024 om 19:01, de stemming werd geopend op 12 oktober 2024 om 19:0\d, de stemming werd gesloten op 12 oktober 2024 om 19:0\d\. Dit kan een testopening zijn/);

  const onTheDay = await verifyStick(await stickWithClock(t, '2024-10-13T05:50:00.000Z'), withKey);
  t.same(onTheDay.ok ? onTheDay.value.warnings.filter((x) => x.code === 'opened-on-other-day') : onTheDay.error, [], 'election day: no date warning');
});

t.test('the annulment record names the category; the older one without it stays valid', async (t) => {
  const key = new Uint8Array(32).fill(7);
  const event = { seq: 5, prev: genesisHash(new Uint8Array(16)), at: '2024-10-13T09:00:00.000Z', type: 'ballot-annulled', reason: 'shown', category: 'eu' } as StickEvent;
  const line = new TextDecoder().decode(encodeEventLine(event, key));
  t.equal(line.split('\t')[0], `{"seq":5,"prev":"${event.prev}","at":"2024-10-13T09:00:00.000Z","type":"ballot-annulled","reason":"shown","category":"eu"}`, 'the bytes of the record');
  const body = (o: object): Uint8Array => new TextEncoder().encode(JSON.stringify(o));
  t.ok(decodeEventBody(body(event)).ok, 'with the category');
  const { category: _category, ...older } = event as Extract<StickEvent, { type: 'ballot-annulled' }>;
  t.ok(decodeEventBody(body(older)).ok, 'without it, as earlier consoles wrote it');
  t.notOk(decodeEventBody(body({ ...event, category: 'EU!' })).ok, 'a category that is no code');
  t.notOk(decodeEventBody(body({ ...event, extra: 1 })).ok, 'an unknown field');
  t.notOk(decodeEventBody(body({ ...older, type: 'voter-card', proxy: false, replacement: false })).ok, 'only the annulment may lack its category: a voter card without one is refused');
});

t.test('decree art. 9 §3 and art. 15: before the day, before 8 h, the voting hours, after 15 h, a later day', async (t) => {
  const day = '2024-10-13';
  t.equal(dayPosition(day, '2024-10-12T18:00:00.000Z'), 'before-day', 'the envelope may come the day before; the station opens on the day');
  t.equal(dayPosition(day, '2024-10-13T05:30:00.000Z'), 'before-8', '07:30 in Brussels (summer time)');
  t.equal(dayPosition(day, '2024-10-13T06:00:00.000Z'), 'voting-hours', '08:00');
  t.equal(dayPosition(day, '2024-10-13T12:59:59.000Z'), 'voting-hours', '14:59');
  t.equal(dayPosition(day, '2024-10-13T13:00:00.000Z'), 'after-15', '15:00');
  t.equal(dayPosition(day, '2024-10-14T09:00:00.000Z'), 'after-day');
  t.equal(dayPosition('2024-12-01', '2024-12-01T07:00:00.000Z'), 'voting-hours', '08:00 in winter time');
});
