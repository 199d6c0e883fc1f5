// Decree art. 17 §1: "Noch op de stemcomputer noch op de chipkaart worden gegevens over de
// stem bewaard." After a voter has voted and taken the card, this test looks for the vote
// everywhere the voting computer could have left it: the backend's state, its log, the whole
// heap of its process, the page's DOM, storage, cookies, URL and heap, the browser profile on
// disk, and the files of the machine — and for the activation code the president typed. The same probes run while the vote is on screen, and
// must find it there: a probe that cannot find anything proves nothing.
import t from 'tap';
import { fork, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { toBase64, toHex } from '@ovs/crypto';
import { findElection, writePackageFiles } from '@ovs/election';
import { decodeQr } from '@ovs/barcode';
import { openSignedBallot } from '@ovs/ballot';
import { groupActivationCode } from '@ovs/card';
import { openKiosk, screenIs, touch } from './browser.ts';
import { analyseHeap } from './heap.ts';
import { stationKit } from './support.ts';

/** Shapes of the objects that carry a vote (libs/ballot vote.ts, flow/types.ts); small integers
 * are in the snapshots because numeric values are exposed. */
const VOTE_SHAPES = {
  electionVote: ['election', 'choice'],
  listChoice: ['list', 'topBox', 'candidates'],
  session: ['confirmed', 'elections', 'invalidActions'],
};

class Child {
  private next = 1;
  private readonly pending = new Map<number, (reply: { ok: boolean; result?: unknown; error?: string }) => void>();
  constructor(readonly process: ChildProcess) {
    process.on('message', (m: { id?: number; ok: boolean; result?: unknown; error?: string }) => {
      if (m.id !== undefined) this.pending.get(m.id)?.(m);
    });
  }
  async call<T>(command: Record<string, unknown>): Promise<T> {
    const id = this.next++;
    const reply = await new Promise<{ ok: boolean; result?: unknown; error?: string }>((resolve) => {
      this.pending.set(id, resolve);
      this.process.send({ id, command });
    });
    this.pending.delete(id);
    if (!reply.ok) throw new Error(reply.error);
    return reply.result as T;
  }
}

async function files(dir: string): Promise<Array<{ path: string; bytes: Buffer }>> {
  const out: Array<{ path: string; bytes: Buffer }> = [];
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    try {
      out.push({ path, bytes: await readFile(path) });
    } catch {
      // Chromium removes lock and temporary files while we walk.
    }
  }
  return out;
}

t.test('no trace of the vote after the voter (art. 17 §1)', async (t) => {
  const kit = await stationKit();
  const pkg = kit.demo.verified.election;
  const packageDir = await mkdtemp(join(tmpdir(), 'ovs-package-'));
  const machineDir = await mkdtemp(join(tmpdir(), 'ovs-machine-'));
  await writePackageFiles(packageDir, kit.demo.demo.bytes, kit.demo.demo.signature);
  const packageBefore = (await files(packageDir)).map((f) => `${f.path}:${createHash('sha256').update(f.bytes).digest('hex')}`).sort();

  const child = new Child(
    fork(fileURLToPath(new URL('./no-trace-child.ts', import.meta.url)), [], {
      cwd: machineDir,
      execArgv: ['--import', import.meta.resolve('tsx')],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    }),
  );
  await new Promise((resolve) => child.process.once('message', resolve));
  const { url } = await child.call<{ url: string }>({ cmd: 'start', packageDir, organiserPublicKey: toBase64(kit.demo.demo.organiser.publicKey) });
  const kiosk = await openKiosk(url);
  t.teardown(async () => {
    await child.call({ cmd: 'stop' }).catch(() => undefined);
    child.process.kill();
    await kiosk.close().catch(() => undefined);
    await rm(packageDir, { recursive: true, force: true });
    await rm(machineDir, { recursive: true, force: true });
  });
  const page = kiosk.page;
  const historyAtStart = await page.evaluate(() => history.length);
  // The web guard's session cookie, which the page gets when it loads (before any voter).
  let cookiesAtStart = await kiosk.context.cookies();
  for (let i = 0; i < 200 && cookiesAtStart.length === 0; i++) {
    await page.waitForTimeout(25);
    cookiesAtStart = await kiosk.context.cookies();
  }
  t.match(cookiesAtStart, [{ name: `ovs-session-${new URL(url).port}`, httpOnly: true, sameSite: 'Strict' }], 'one cookie: the machine’s session, from before the voter');
  t.equal(cookiesAtStart.length, 1);

  // The vote: what it looks like wherever it could leak.
  const G = findElection(pkg, 'G')!;
  const P = findElection(pkg, 'P')!;
  const gList = G.lists.find((l) => /^[ -~]+$/.test(l.name) && l.number !== 1)!;
  const pList = P.lists.find((l) => /^[ -~]+$/.test(l.name) && l.number !== 1)!;
  const markers = [`Lijst ${gList.number}: ${gList.name}`, `Lijst ${pList.number}: ${pList.name}`, '"candidates":[2,5]', `"list":${gList.number},"topBox":true`];

  const heapOfMachine = async (extra: string[] = []) => {
    const { path } = await child.call<{ path: string }>({ cmd: 'snapshot' });
    const json = await readFile(path, 'utf8');
    if (process.env.KEEP_HEAP) await writeFile(`${process.env.KEEP_HEAP}.${Date.now()}`, json);
    await rm(join(path, '..'), { recursive: true, force: true });
    return analyseHeap(json, VOTE_SHAPES, [...markers, ...extra]);
  };
  const heapOfPage = async () => {
    const cdp = await page.context().newCDPSession(page);
    const chunks: string[] = [];
    cdp.on('HeapProfiler.addHeapSnapshotChunk', (e) => chunks.push(e.chunk));
    await cdp.send('HeapProfiler.enable');
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false, captureNumericValue: true });
    await cdp.detach();
    return analyseHeap(chunks.join(''), VOTE_SHAPES, markers);
  };

  // The president activates the machine on its keypad; the code must leave no trace either.
  const activation = await kit.activationCard();
  const codeMarkers = [activation.code, groupActivationCode(activation.code)];
  await child.call({ cmd: 'insert', card: toBase64(activation.bytes) });
  await screenIs(page, 'activation-code');
  for (const digit of activation.code) await touch(page, `key-${digit}`);
  await touch(page, 'code-submit');
  await screenIs(page, 'activated');
  await child.call({ cmd: 'remove' });
  await screenIs(page, 'insert-card');
  /** A voter up to the confirmation screen of the last election. */
  const voteUntilLastConfirmation = async () => {
    await child.call({ cmd: 'insert', card: toBase64(kit.voterCard(['G', 'P'])) });
    await screenIs(page, 'election-intro');
    await touch(page, 'text-size-1');
    await touch(page, 'contrast');
    await touch(page, 'start-election');
    await touch(page, `list-${gList.number}`);
    await touch(page, 'top-box');
    await touch(page, 'candidate-2');
    await touch(page, 'candidate-5');
    await touch(page, 'review');
    await touch(page, 'confirm');
    await touch(page, 'start-election');
    await touch(page, `list-${pList.number}`);
    await touch(page, 'candidate-7');
    await touch(page, 'review');
    await screenIs(page, 'confirm');
  };
  await voteUntilLastConfirmation();
  await touch(page, 'confirm');
  await screenIs(page, 'printed');
  const { png } = await child.call<{ png: string[] }>({ cmd: 'ticket' });
  t.equal(png.length, 1);
  const scanned = await decodeQr(Buffer.from(png[0]!, 'base64'));
  if (!scanned.ok) throw new Error(scanned.error);
  const opened = openSignedBallot(kit.context, scanned.value, 1, [kit.sessionVerifier]);
  if (!opened.ok) throw new Error(opened.error);
  t.same(opened.value.ballot.vote.elections, [
    { election: 'G', choice: { kind: 'list', list: gList.number, topBox: true, candidates: [2, 5] } },
    { election: 'P', choice: { kind: 'list', list: pList.number, topBox: false, candidates: [7] } },
  ]);
  const ballotId = [toHex(opened.value.ballot.ballotId), toBase64(opened.value.ballot.ballotId)];
  const payload = [toHex(scanned.value), toBase64(scanned.value)];

  await child.call({ cmd: 'remove' });
  await screenIs(page, 'insert-card');
  await child.call({ cmd: 'settle' });

  // The backend's state and log.
  const { state, log } = await child.call<{ state: Record<string, unknown>; log: unknown[] }>({ cmd: 'inspect' });
  t.same(state.state, { phase: { kind: 'idle' }, settings: { contrast: 'normal', textSize: 0 } });
  t.equal(state.session, 'present', 'the session key stays (it signs the next ballot)');
  const logText = JSON.stringify(log);
  t.ok(log.length > 3, `the log has events (${log.length})`);
  for (const needle of [...markers, ...ballotId, ...payload, ...codeMarkers, 'choice', 'topBox', 'candidates', gList.name, pList.name]) t.notOk(logText.includes(needle), `log: no "${needle.slice(0, 30)}"`);

  // The whole heap of the machine's process.
  const machineAfter = await heapOfMachine([...ballotId, ...payload, ...codeMarkers]);
  t.same(machineAfter.properties, { electionVote: 0, listChoice: 0, session: 0 }, 'machine heap: no vote object left');
  t.same(machineAfter.strings, Object.fromEntries([...markers, ...ballotId, ...payload, ...codeMarkers].map((m) => [m, []])), 'machine heap: no rendered vote, ballot id, barcode or activation code left');

  // The page.
  const body = await page.locator('body').innerText();
  for (const m of [...markers, ...codeMarkers]) t.notOk(body.includes(m), `DOM: no "${m}"`);
  const storage = await page.evaluate(async () => ({
    local: localStorage.length,
    session: sessionStorage.length,
    cookie: document.cookie,
    databases: (await indexedDB.databases()).length,
    href: location.href,
    history: history.length,
    caches: 'caches' in window ? (await caches.keys()).length : 0,
  }));
  t.same(storage, { local: 0, session: 0, cookie: '', databases: 0, href: url, history: historyAtStart, caches: 0 }, 'no storage, no cookie, the URL never changed');
  t.same(await kiosk.context.cookies(), cookiesAtStart, 'the session cookie is the one from before the voter: nothing of the vote in it');
  const pageAfter = await heapOfPage();
  t.same(pageAfter.properties, { electionVote: 0, listChoice: 0, session: 0 }, 'page heap: no vote object left');
  t.same(pageAfter.strings, Object.fromEntries(markers.map((m) => [m, []])), 'page heap: no rendered vote left');
  t.equal(await page.locator('html').getAttribute('data-text'), '0', 'display settings reset');

  // The probes find the vote while it is on screen (a second voter, same choices); a probe
  // that cannot find anything proves nothing. (Last, because snapshotting the machine's heap
  // stalls its process for seconds: the card reader's link drops and the alarm goes off.)
  await voteUntilLastConfirmation();
  t.match(await page.locator('body').innerText(), `Lijst ${pList.number}: ${pList.name}`, 'probe: the DOM shows the vote');
  const pageDuring = await heapOfPage();
  t.ok(pageDuring.properties.listChoice! > 0, 'probe: the page heap holds the confirmation screen');
  const machineDuring = await heapOfMachine();
  t.ok(machineDuring.properties.electionVote! > 0 && machineDuring.properties.listChoice! > 0 && machineDuring.properties.session! > 0, `probe: the machine heap holds the vote while voting ${JSON.stringify(machineDuring.properties)}`);

  // Disk: the browser profile (closed, so everything is flushed), the machine's directory, the package.
  await kiosk.context.close();
  const profileFiles = await files(kiosk.profile);
  t.ok(profileFiles.length > 0, `the browser profile has files (${profileFiles.length})`);
  for (const needle of [...markers, ...ballotId, ...payload, ...codeMarkers]) {
    const hits = profileFiles.filter((f) => f.bytes.includes(Buffer.from(needle)));
    t.same(hits.map((h) => h.path), [], `browser profile: no "${needle.slice(0, 30)}"`);
  }
  t.same(await readdir(machineDir), [], 'the machine wrote no file in its directory');
  const packageAfter = (await files(packageDir)).map((f) => `${f.path}:${createHash('sha256').update(f.bytes).digest('hex')}`).sort();
  t.same(packageAfter, packageBefore, 'the package directory is unchanged');
  t.ok((await stat(packageDir)).isDirectory());
  t.end();
});
