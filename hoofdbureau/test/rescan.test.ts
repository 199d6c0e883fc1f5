import t, { type Test } from 'tap';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SeededRandom, toBase64 } from '@ovs/crypto';
import { FILES } from '@ovs/stick';
import { bitmapToGray, encodeQr, grayToPng, renderQr } from '@ovs/barcode';
import { addNoise, rotate } from '@ovs/barcode/degrade';
import { decodeRescanFile, RESCAN_FORMAT } from '../src/index.ts';
import { main } from '../src/cli/main.ts';
import { nodeIo } from '../src/cli/io.ts';
import { barcodes, copyStick, day, demoElection, expectedCounts, fingerprint, openHb, sticks, tempDir } from './support.ts';

async function breakSlots(t: Test, dir: string): Promise<string> {
  const broken = await copyStick(t, dir);
  const bytes = await readFile(join(broken, FILES.slots));
  for (let i = 600; i < bytes.length; i += 997) bytes[i] = (bytes[i] ?? 0) ^ 0x40;
  await writeFile(join(broken, FILES.slots), bytes);
  return broken;
}



void t.test('decree art. 24: both sticks fail, every paper ballot is scanned again and imported, with a note for the PV', async (t) => {
  const election = await demoElection(t);
  const d = await day(election, 6, 45, { seed: 'rescan' });
  const { a, b } = await sticks(t, d);
  const scans = await barcodes(election, a);
  const other = await barcodes(election, (await sticks(t, await day(election, 7, 3, { seed: 'neighbour' }))).a);
  const brokenA = await breakSlots(t, a);
  const brokenB = await breakSlots(t, b);
  const hb = await openHb(t, election);
  t.equal((await hb.importStick(brokenA)).kind, 'refused');
  t.equal((await hb.importStick(brokenB)).kind, 'refused');

  const random = new SeededRandom('pile');
  const forged = new Uint8Array(scans[0]!);
  forged[forged.length - 1] = (forged[forged.length - 1] ?? 0) ^ 1;
  const pile = random.shuffle([...scans, scans[3]!, scans[9]!, other[0]!, forged]);
  const r = await hb.importRescan({ station: 6, scans: pile, sessionFrom: brokenB, expectedBallots: 45 });
  t.equal(r.kind, 'imported');
  if (r.kind !== 'imported') return;
  t.equal(r.source, 'herscan');
  t.equal(r.ballots, 45, 'every ballot once: the two rescanned ones count once');
  t.match(r.note, /opnieuw ingescand \(decreet art\. 24, derde lid\): 49 scans, 45 stembiljetten geteld, 2 dubbel gescand, geweerd: 1 stembiljet van een ander stembureau, 1 handtekening klopt niet; gelijk aan de 45 geregistreerde stemmen/);
  const expected = expectedCounts(d.ballots.map((x) => x.vote));
  for (const e of hb.results().elections) t.equal(e.ballots, expected[e.id]?.ballots ?? 0, `${e.id} counted as on the sticks`);
  const status = hb.results().stations.find((s) => s.number === 6)!;
  t.equal(status.imported?.source, 'herscan');

  const before = fingerprint(hb.db);
  const again = await hb.importRescan({ station: 6, scans, sessionFrom: brokenB });
  t.equal(again.kind, 'identical', 'the same paper ballots scanned again: the same vote ids, counted once');
  const fewer = await hb.importRescan({ station: 6, scans: scans.slice(1), sessionFrom: brokenB });
  t.equal(fewer.kind, 'mismatch', 'a re-scan with a ballot less is not merged');
  if (fewer.kind === 'mismatch') t.ok(fewer.differences.includes('G: 1 ingelezen stem(men) ontbreken op de herscan'), fewer.differences.join('; '));
  const stick = await hb.importStick(a);
  t.equal(stick.kind, 'mismatch', 'nor is a stick after a re-scan');
  if (stick.kind === 'mismatch') t.notOk(stick.differences.some((x) => /alleen op|ontbreken|andere inhoud/.test(x)), 'yet its votes are the re-scanned ones');
  t.equal(fingerprint(hb.db), before);
});

void t.test('re-scan refusals: no certificate, a certificate of another station, nothing valid', async (t) => {
  const election = await demoElection(t);
  const d = await day(election, 8, 5, { seed: 'r2' });
  const { a } = await sticks(t, d);
  const scans = await barcodes(election, a);
  const other = await sticks(t, await day(election, 9, 2, { seed: 'r3' }));
  const hb = await openHb(t, election);
  const before = fingerprint(hb.db);
  const none = await hb.importRescan({ station: 8, scans });
  t.ok(none.kind === 'refused' && none.problem.code === 'rescan-certificate');
  const wrong = await hb.importRescan({ station: 8, scans, sessionFrom: other.a });
  t.ok(wrong.kind === 'refused' && wrong.problem.code === 'rescan-certificate', 'session.json of station 9 is not signed by station 8');
  const empty = await hb.importRescan({ station: 8, scans: await barcodes(election, other.a), sessionFrom: a });
  t.ok(empty.kind === 'refused' && empty.problem.code === 'rescan-empty', 'only ballots of another station');
  const unknown = await hb.importRescan({ station: 99, scans, sessionFrom: a });
  t.equal(unknown.kind, 'refused');
  t.equal(fingerprint(hb.db), before);
});

void t.test('the re-scan file format and the CLI', async (t) => {
  const election = await demoElection(t);
  const d = await day(election, 10, 12, { seed: 'cli' });
  const { a } = await sticks(t, d);
  const scans = await barcodes(election, a);
  const session = JSON.parse(await readFile(join(a, FILES.sessionJson), 'utf8')) as { sessionCertificate: string };
  const dir = await tempDir(t, 'rescan');
  const file = join(dir, 'scans.json');
  await writeFile(file, JSON.stringify({ format: RESCAN_FORMAT, station: 10, scans: scans.map(toBase64), sessionCertificates: [session.sessionCertificate], expectedBallots: 12 }));
  t.ok(decodeRescanFile(await readFile(file, 'utf8')).ok);
  t.match(decodeRescanFile('{"format":"ovs-herscan/1","station":10,"scans":["@@"]}'), { ok: false, message: /scans\[0\]/ });
  t.match(decodeRescanFile('{"format":"x"}'), { ok: false });
  const db = join(dir, 'hb.db');
  let out = '';
  let err = '';
  const io = { ...nodeIo, stdout: (s: string) => void (out += s), stderr: (s: string) => void (err += s), env: {} };
  const code = await main(['rescan', file, '--db', db, '--package', election.packageDir, '--key', election.keyFile], io);
  t.equal(code, 0, err);
  t.match(out, /ingelezen, 12 stembiljetten \(herscanning\)/);
  const hb = await openHb(t, election, db);
  t.equal(hb.results().stations.find((s) => s.number === 10)?.imported?.source, 'herscan');
});

/**
 * A scanned A4 page of the kerncijferrapport as a flatbed scanner at 150 dpi gives it: white
 * paper, the QR code as the console prints it (version 8, ECC M, 4 dots per module on the
 * 203-dpi printer), turned a little, with some noise.
 */
function reportScan(bytes: Uint8Array): Uint8Array {
  const qr = encodeQr(bytes, { version: 8, ecc: 'M' });
  if (!qr.ok) throw new Error(qr.error);
  const code = bitmapToGray(renderQr(qr.value.matrix, { moduleDots: 4 }));
  const page = { width: 1240, height: 1754, data: new Uint8Array(1240 * 1754).fill(245) };
  for (let y = 0; y < code.height; y++) page.data.set(code.data.subarray(y * code.width, (y + 1) * code.width), (900 + y) * page.width + 420);
  return grayToPng(addNoise(rotate(page, 1.5, 245), 6, 7));
}

void t.test('decree art. 24: the session certificate from a scan of the kerncijferrapport', async (t) => {
  const election = await demoElection(t);
  const d = await day(election, 11, 9, { seed: 'report-qr' });
  const { a } = await sticks(t, d);
  const scans = await barcodes(election, a);
  const session = JSON.parse(await readFile(join(a, FILES.sessionJson), 'utf8')) as { sessionCertificate: string };
  const certificate = new Uint8Array(Buffer.from(session.sessionCertificate, 'base64'));
  t.equal(certificate.length, 107);
  const dir = await tempDir(t, 'rescan-report');
  const file = join(dir, 'scans.json');
  await writeFile(file, JSON.stringify({ format: RESCAN_FORMAT, station: 11, scans: scans.map(toBase64) }));
  const png = async (name: string, bytes: Uint8Array): Promise<string> => {
    const path = join(dir, name);
    await writeFile(path, bytes);
    return path;
  };
  const forgedCertificate = new Uint8Array(certificate);
  forgedCertificate[100] = (forgedCertificate[100] ?? 0) ^ 1;
  const otherStation = JSON.parse(await readFile(join((await sticks(t, await day(election, 12, 1, { seed: 'report-other' }))).a, FILES.sessionJson), 'utf8')) as { sessionCertificate: string };
  const refusals: Array<[string, string, RegExp]> = [
    ['no QR code', await png('blank.png', grayToPng({ width: 400, height: 300, data: new Uint8Array(400 * 300).fill(250) })), /geen QR-code gevonden/],
    ['not an image', await png('text.png', new TextEncoder().encode('kerncijferrapport')), /geen leesbaar PNG-beeld/],
    ['another QR code (the koppelticket)', await png('pairing.png', reportScan(new Uint8Array(114).fill(7))), /geen sessiecertificaat \(114 bytes/],
    ['a forged certificate', await png('forged.png', reportScan(forgedCertificate)), /sessiecertificaat is ongeldig/],
    ['the certificate of another station', await png('other.png', reportScan(new Uint8Array(Buffer.from(otherStation.sessionCertificate, 'base64')))), /sessiecertificaat is ongeldig/],
    ['a file that is not there', join(dir, 'missing.png'), /kan niet gelezen worden/],
  ];
  const db = join(dir, 'hb.db');
  const run = async (...extra: string[]) => {
    let out = '';
    let err = '';
    const io = { ...nodeIo, stdout: (s: string) => void (out += s), stderr: (s: string) => void (err += s), env: {} };
    const code = await main(['rescan', file, '--db', db, '--package', election.packageDir, '--key', election.keyFile, ...extra], io);
    return { code, out, err };
  };
  for (const [what, path, message] of refusals) {
    const r = await run('--session-from-report', path);
    t.equal(r.code, 4, `${what}: refused`);
    t.match(r.err, message, what);
  }
  const hbBefore = await openHb(t, election, db);
  t.equal(hbBefore.results().stations.find((s) => s.number === 11)?.imported, null, 'nothing imported by a refusal');
  await hbBefore.close();
  const ok = await run('--session-from-report', await png('kerncijferrapport.png', reportScan(certificate)));
  t.equal(ok.code, 0, ok.err);
  t.match(ok.out, /ingelezen, 9 stembiljetten \(herscanning\)/);
  const hb = await openHb(t, election, db);
  t.equal(hb.results().stations.find((s) => s.number === 11)?.imported?.source, 'herscan');
});
