// A stick is hostile input: a FIFO, a link (to a device or to a regular file), a folder or a
// file larger than its format allows is refused unread — by the asynchronous reader (StickIo:
// the console, the hoofdbureau's main thread), the synchronous one (worker threads) and
// verifyStick — and a stick that stops answering gives a refusal, not a hang. Every test has a
// time-out, so that a regression fails instead of hanging the suite.
import t, { type Test } from 'tap';
import { execFileSync } from 'node:child_process';
import { cp, mkdir, rm, symlink, truncate, writeFile } from 'node:fs/promises';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import {
  createNodeStickIo,
  FILES,
  MAX_EVENTS_BYTES,
  readRegularFile,
  readRegularFileSync,
  readStickDir,
  readStickDirSync,
  slotFileBytes,
  verifyStick,
  type FileOps,
  type ReadFilesResult,
  type VerifyOptions,
} from '../src/index.ts';
import { castBallots, demo, openPair, preparedStick, tempDir } from './support.ts';

const FAST = { timeout: 20_000 };
const d = demo();
const withKey: VerifyOptions = { organiserPublicKey: d.organiser.publicKey, hoofdbureauPrivateKey: d.hoofdbureau.privateKey };

let closed: string | undefined;
/** A copy of one closed stick (made once, kept until the end of the file). */
async function closedStick(test: Test): Promise<string> {
  if (!closed) {
    const a = await preparedStick(t);
    const b = await preparedStick(t);
    const pair = await openPair(a, b);
    await pair.appendEvent({ type: 'voting-opened' });
    await castBallots(pair, 3);
    const r = await pair.close({ annulledBallots: 0, testBallots: 0 });
    if (!r.ok) throw new Error('close');
    await pair.release();
    closed = join(await tempDir(t, 'hostile-src'), 'stick');
    await cp(a, closed, { recursive: true });
  }
  const dir = join(await tempDir(test, 'hostile'), 'stick');
  await cp(closed, dir, { recursive: true });
  return dir;
}

const code = (r: ReadFilesResult): string => (r.ok ? 'ok' : `${r.error.file}: ${r.error.io.code}`);

/** Every reader refuses the stick for `file`, naming it, with `message`. */
async function allRefuse(t: Test, dir: string, file: string, ioCode: string, problemCode: string, message: RegExp): Promise<void> {
  const io = createNodeStickIo(dir);
  const viaIo = await io.readFile(file);
  await io.close();
  t.equal(viaIo.ok ? 'ok' : viaIo.error.code, ioCode, 'StickIo.readFile refuses it');
  t.equal(code(await readStickDir(dir)), `${file}: ${ioCode}`, 'readStickDir refuses it');
  t.equal(code(readStickDirSync(dir)), `${file}: ${ioCode}`, 'readStickDirSync refuses it');
  const verified = await verifyStick(dir, withKey);
  t.equal(verified.ok ? 'ok' : verified.error.code, problemCode, 'verifyStick refuses it');
  if (!verified.ok) {
    t.equal(verified.error.file, file, 'names the file');
    t.match(verified.error.message, message);
  }
}

t.test('a FIFO in place of election.json is refused at once, not waited on', FAST, async (t) => {
  const dir = await closedStick(t);
  await rm(join(dir, FILES.packageJson));
  execFileSync('mkfifo', [join(dir, FILES.packageJson)]);
  await allRefuse(t, dir, FILES.packageJson, 'not-regular', 'not-regular-file', /^election\.json is geen gewoon bestand \(een FIFO\)/);
});

t.test('ballots.slots as a link to /dev/zero is refused (a link is never followed)', FAST, async (t) => {
  const dir = await closedStick(t);
  await rm(join(dir, FILES.slots));
  await symlink('/dev/zero', join(dir, FILES.slots));
  await allRefuse(t, dir, FILES.slots, 'not-regular', 'not-regular-file', /^ballots\.slots is geen gewoon bestand \(een symbolische koppeling\)/);
});

t.test('a link to a regular file with the right content is refused too', FAST, async (t) => {
  const dir = await closedStick(t);
  const elsewhere = join(await tempDir(t, 'elsewhere'), FILES.closingJson);
  await fs.rename(join(dir, FILES.closingJson), elsewhere);
  await symlink(elsewhere, join(dir, FILES.closingJson));
  await allRefuse(t, dir, FILES.closingJson, 'not-regular', 'not-regular-file', /^closing\.json is geen gewoon bestand \(een symbolische koppeling\)/);
});

t.test('a folder in place of a file, and a device itself, are refused', FAST, async (t) => {
  const dir = await closedStick(t);
  await rm(join(dir, FILES.label));
  await mkdir(join(dir, FILES.label));
  await allRefuse(t, dir, FILES.label, 'not-regular', 'not-regular-file', /^OVS-STICK\.json is geen gewoon bestand \(een map\)/);
  // A device node cannot be made without root; /dev/zero itself is one.
  const async = await readRegularFile('/dev/zero', FILES.slots);
  t.equal(async.ok ? 'ok' : async.error.detail.replace(/:.*/, ''), 'ballots.slots is geen gewoon bestand (een apparaat)');
  const sync = readRegularFileSync('/dev/zero', FILES.slots);
  t.equal(sync.ok ? 'ok' : sync.error.code, 'not-regular', 'the synchronous reader too');
});

t.test('a file larger than its format allows is refused before it is read', FAST, async (t) => {
  const dir = await closedStick(t);
  // Sparse files: the size is what fstat says, nothing is written.
  await truncate(join(dir, FILES.events), MAX_EVENTS_BYTES + 1);
  await allRefuse(t, dir, FILES.events, 'too-large', 'file-too-large', /^events\.log is groter dan het formaat toelaat/);

  const slots = await closedStick(t);
  await truncate(join(slots, FILES.slots), slotFileBytes({ slotSize: 256, capacity: 64 }) + 4096);
  await allRefuse(t, slots, FILES.slots, 'too-large', 'file-too-large', /^ballots\.slots is groter dan de kop \(64 vakken van 256 bytes\) toelaat/);

  const huge = await closedStick(t);
  await truncate(join(huge, FILES.slots), 5 * 1024 ** 3);
  await allRefuse(t, huge, FILES.slots, 'too-large', 'file-too-large', /^ballots\.slots is groter dan het formaat toelaat \(5\.368\.709\.120 bytes/);

  const small = await closedStick(t);
  await writeFile(join(small, FILES.sessionSig), 'A'.repeat(4096));
  await allRefuse(t, small, FILES.sessionSig, 'too-large', 'file-too-large', /^session\.sig is groter dan het formaat toelaat/);
});

t.test('a slot file whose header does not decode is read no further than the header', FAST, async (t) => {
  const dir = await closedStick(t);
  const path = join(dir, FILES.slots);
  const h = await fs.open(path, 'r+');
  await h.write(new Uint8Array([0x58]), 0, 1, 0);
  await h.close();
  await truncate(path, 3 * 1024 ** 3);
  const read = readStickDirSync(dir);
  t.equal(read.ok ? read.value[FILES.slots]?.length : 'refused', 512, 'only the header');
  const verified = await verifyStick(dir, withKey);
  t.equal(verified.ok ? 'ok' : verified.error.message, 'ballots.slots, kop: dit is geen stembiljettenbestand (OVSSLOT1 ontbreekt).');
});

t.test('a stick that stops answering gives a refusal, not a hang', FAST, async (t) => {
  const dir = await closedStick(t);
  const never = new Promise<never>(() => undefined);
  const stalledOpen: FileOps = { open: () => never, lstat: (p) => fs.lstat(p) };
  const r = await readStickDir(dir, { timeoutMs: 30, fileOps: stalledOpen });
  t.equal(r.ok ? 'ok' : r.error.io.code, 'timeout');
  t.match(r.ok ? '' : r.error.io.detail, /^De stick antwoordt niet binnen 30 ms \(bij het lezen van /);

  // Opens, then stalls in the middle of a read (and its close waits for the read, as node's does).
  const stalledRead: FileOps = {
    open: async (p, flags) => {
      const h = await fs.open(p, flags);
      let reading = false;
      const read = (): Promise<never> => {
        reading = true;
        return never;
      };
      return { stat: () => h.stat(), read, close: () => (reading ? never : h.close()) };
    },
    lstat: (p) => fs.lstat(p),
  };
  const verified = await verifyStick(dir, { ...withKey, read: { timeoutMs: 30, fileOps: stalledRead } });
  t.equal(verified.ok ? 'ok' : verified.error.code, 'stick-timeout');

  const io = createNodeStickIo(dir, { timeoutMs: 30, fileOps: stalledRead });
  const viaIo = await io.readFile(FILES.slots);
  t.equal(viaIo.ok ? 'ok' : viaIo.error.code, 'timeout', 'the console reads its sticks the same way');
  await io.close();
});

t.test('normal files read as before', FAST, async (t) => {
  const dir = await closedStick(t);
  const a = await readStickDir(dir);
  const b = readStickDirSync(dir);
  t.ok(a.ok && b.ok, 'both readers');
  if (a.ok && b.ok) for (const name of Object.values(FILES)) t.same(a.value[name], b.value[name], `${name}: same bytes`);
  t.ok((await verifyStick(dir, withKey)).ok, 'verifies');
});
