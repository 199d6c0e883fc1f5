// The council server (issue 18): 100 members, each with a live stream open like a tablet, vote
// within one second (one vote every 10 ms, over HTTP through the web guard, each with its own
// login). Measured: from the click (the request leaving) to "stored" (the answer), and from the
// last vote to the projector's stream showing the full count ("100 van 100 …"). A public and a
// secret round (the secret one with the tablet's key and the VACUUM at closing after it).
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Ballot, Member } from '@ovs/council-rules';
import { createAccount, openCouncil, readMeeting, startCouncil } from '@ovs/council';
import { councilClient, type CouncilClient } from '@ovs/council/testing';
import { median, p95, round } from './stats.ts';
import type { BenchFn } from './types.ts';

const MEMBERS = 100;
const now = (): number => Number(process.hrtime.bigint()) / 1e6;
const setup = { username: 'secretariaat', name: 'Secretariaat', role: 'secretariaat' as const, memberId: null };

/** Reads an event stream; calls `onData` with each event's JSON. */
async function listen(url: string, cookie: string, onData: (data: string) => void, signal: AbortSignal): Promise<void> {
  const r = await fetch(url, { headers: { cookie }, signal });
  const reader = r.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value);
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const line = block.split('\n').find((l) => l.startsWith('data: '));
          if (line) onData(line.slice(6));
        }
      }
    } catch {
      // aborted at the end of the bench
    }
  })();
}

export const bench: BenchFn = async () => {
  const dir = await mkdtemp(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'ovs-bench-council-'));
  const opened = openCouncil({ file: join(dir, 'council.db') });
  if (!opened.ok) throw new Error(opened.error);
  const council = opened.value;
  council.setUpMeeting({ body: 'gemeenteraad', title: 'Benchmark', date: '2026-12-16' });
  const members: Member[] = Array.from({ length: MEMBERS }, (_, i) => ({ id: `m${i}`, name: `Raadslid ${i + 1}`, fraction: `F${i % 5}`, weight: 1, present: true, leader: i < 5 }));
  if (!council.setMembers(setup, members).ok) throw new Error('members');
  const item = council.addItem(setup, { title: 'Punt', description: '', thirdConvocation: false });
  if (!item.ok) throw new Error('item');
  const spec = (secret: boolean): Ballot => ({ title: secret ? 'Geheim' : 'Publiek', description: '', choices: { kind: 'standaard' }, secret, majority: 'gewoon', counting: 'hoofdelijk', delegation: 'individueel' });
  const ballots = [council.createBallot(setup, item.value.id, spec(true)), council.createBallot(setup, item.value.id, spec(false)), council.createBallot(setup, item.value.id, spec(true))].map((b) => (b.ok ? b.value.id : 0));
  const cheap = { N: 1024, r: 8, p: 1 };
  await createAccount(council.sqlite, { username: 'voorzitter', name: 'Voorzitter', role: 'voorzitter', memberId: null, password: 'bench-voorzitter' }, cheap);
  for (let i = 0; i < MEMBERS; i++) await createAccount(council.sqlite, { username: `r${i}`, name: `Raadslid ${i + 1}`, role: 'raadslid', memberId: `m${i}`, password: `bench-r${i}` }, cheap);
  const running = await startCouncil({ file: join(dir, 'council.db'), council });
  const abort = new AbortController();
  const chair = councilClient(running.url);
  await chair.login('voorzitter', 'bench-voorzitter');
  const clients: CouncilClient[] = [];
  for (let i = 0; i < MEMBERS; i++) {
    const c = councilClient(running.url);
    await c.login(`r${i}`, `bench-r${i}`);
    await c.get('/session');
    await listen(new URL('/api/events', running.url).href, c.cookie(), () => undefined, abort.signal);
    clients.push(c);
  }
  let fullAt = 0;
  const full = `${MEMBERS} van ${MEMBERS} stemgerechtigden hebben gestemd`;
  await listen(new URL(`/api/projectie/${readMeeting(council.sqlite)!.projectorKey}/events`, running.url).href, '', (data) => {
    if (fullAt === 0 && data.includes(full)) fullAt = now();
  }, abort.signal);

  const results: Record<string, unknown> = { members: MEMBERS, spreadMs: 1000 };
  const table: Array<[string, string]> = [];
    // The first round after start runs on cold code (tsx, the JIT, SQLite's caches): measured
  // and kept apart; a server in a meeting has long been warm when the votes that matter come.
  for (const [label, ballotId] of [['coldFirstRound', ballots[0]!], ['public', ballots[1]!], ['secret', ballots[2]!]] as const) {
    const r = await chair.post(`/api/ballots/${ballotId}/open`, {});
    const roundId = ((await r.json()) as { value: { roundId: number } }).value.roundId;
    fullAt = 0;
    const latencies: number[] = [];
    let lastClick = 0;
    let lastStored = 0;
    const start = now();
    await Promise.all(
      clients.map(
        (c, i) =>
          new Promise<void>((resolve, reject) => {
            setTimeout(() => {
              const clicked = now();
              lastClick = Math.max(lastClick, clicked);
              const key = label !== 'public' ? { key: Buffer.from(Array.from({ length: 32 }, () => Math.floor(Math.random() * 256))).toString('hex') } : {};
              c.post(`/api/rounds/${roundId}/vote`, { vote: { kind: 'standaard', choice: i % 3 === 0 ? 'nee' : 'ja' }, ...key }).then(async (res) => {
                const body = (await res.json()) as { ok: boolean };
                if (!body.ok) return reject(new Error(`vote refused: ${JSON.stringify(body)}`));
                const stored = now();
                lastStored = Math.max(lastStored, stored);
                latencies.push(stored - clicked);
                resolve();
              }, reject);
            }, (i * 1000) / MEMBERS);
          }),
      ),
    );
    const spread = lastClick - start;
    while (fullAt === 0) await new Promise((res) => setTimeout(res, 1));
    const closeStart = now();
    await chair.post(`/api/rounds/${roundId}/close`, {});
    const closeMs = now() - closeStart;
    await chair.post(`/api/rounds/${roundId}/release`, {});
    results[label] = {
      clickToStoredP50Ms: round(median(latencies), 2),
      clickToStoredP95Ms: round(p95(latencies), 2),
      lastClickToProjectorFullMs: round(fullAt - lastClick, 2),
      lastStoredToProjectorFullMs: round(fullAt - lastStored, 2),
      clicksSpreadMs: round(spread, 1),
      closeMs: round(closeMs, 2),
    };
    table.push([`${label}: click→stored p50 / p95`, `${round(median(latencies), 1)} / ${round(p95(latencies), 1)} ms`]);
    table.push([`${label}: last vote→projector full count`, `${round(fullAt - lastClick, 1)} ms`]);
    table.push([`${label}: close (count${label === 'public' ? '' : ' + VACUUM'})`, `${round(closeMs, 1)} ms`]);
  }
  abort.abort();
  await running.stop();
  council.close();
  await rm(dir, { recursive: true, force: true });
  return { key: 'council', results, table };
};
