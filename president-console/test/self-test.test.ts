// Test mode of the console (seed 001 §XIV.1, HARDWARE.md): before the envelope password only,
// the card writer, the report printer, both stick ports and the port for the ballot box's cable;
// the report printed, as JSON and as PDF; never a write on a stick that holds a session.
import t from 'tap';
import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SeededRandom, toBase64 } from '@ovs/crypto';
import { decodeWpc1252 } from '@ovs/devices';
import { createGuardedClient } from '@ovs/web-guard/client';
import { createSimulatedConsoleDevices } from '../src/index.ts';
import { checkLinkPort, type LinkPortProbes } from '../src/self-test/link-port.ts';
import { selfTestCli, type SelfTestCliIo } from '../src/self-test/cli.ts';
import { addKoffer, collectTestReport, emptyInventory } from '@ovs/inventory';
import { writeDeviceKey } from '@ovs/inventory/device';
import { ballot, demo, openForVoting, password, prepared, signed, startRig, tempDir } from './support.ts';

async function digest(dir: string): Promise<string> {
  const h = createHash('sha256');
  for (const f of (await readdir(dir)).sort()) h.update(f).update(await readFile(join(dir, f)));
  return h.digest('hex');
}

const outcomes = (checks: ReadonlyArray<{ id: string; outcome: string }>): Record<string, string> => Object.fromEntries(checks.map((c) => [c.id, c.outcome]));

t.test('fase 2 before the password: every device tested, the report printed, the blank sticks unchanged', async (t) => {
  const rig = await startRig(t);
  const before = { A: await digest(rig.dirs.A), B: await digest(rig.dirs.B) };
  t.same(rig.handle.core.snapshot().phase, { kind: 'locked', attemptsLeft: 5 });
  const outcome = await rig.handle.core.selfTest('fase-2');
  t.ok(outcome.ok, outcome.message);
  if (!outcome.ok) return;
  const r = outcome.report;
  t.equal(r.passed, true, 'passed');
  t.equal(r.implementation, 'simulated', 'a simulation never passes for hardware');
  t.same(r.station, { number: 3, name: 'Vlindermeer-003-Zonnebrug' });
  t.same(r.devices.map((d) => [d.device, d.passed]), [['card-reader', true], ['printer', true]]);
  t.same(outcomes(r.checks), {
    'card-read': 'pass',
    'stick-A-present': 'pass',
    'stick-A-read': 'pass',
    'stick-A-write': 'pass',
    'stick-A-room': 'pass',
    'stick-A-own': 'pass',
    'stick-B-present': 'pass',
    'stick-B-read': 'pass',
    'stick-B-write': 'pass',
    'stick-B-room': 'pass',
    'stick-B-own': 'pass',
    'link-listen': 'pass',
    'link-cable': 'pass',
  });
  t.ok(outcome.printed.ok);
  t.match(outcome.message, /geslaagd.*afgedrukt/);
  const tickets = rig.devices.printer.tickets;
  t.equal(tickets.length, 2, 'the printer test strip and the report');
  const paper = decodeWpc1252(tickets[1]!.bytes);
  t.match(paper, /TESTRAPPORT/);
  t.match(paper, /Voorzitterscomputer — fase 2 \(stemlokaal\)/);
  t.match(paper, /SIMULATIE/);
  t.match(paper, /OK {2}Schrijven en nalezen/);
  t.match(paper, /USB-poort B/);
  t.match(paper, /RESULTAAT: geslaagd/);
  t.notMatch(paper + JSON.stringify(r), /TECHNICIAN TEST CARD/, 'what is on the card never goes into the report');
  t.same({ A: await digest(rig.dirs.A), B: await digest(rig.dirs.B) }, before, 'the probe file is gone, nothing else written');
  t.same(rig.handle.core.snapshot().selfTest.last, r, 'the screen shows it');
  t.same(rig.handle.core.snapshot().phase, { kind: 'locked', attemptsLeft: 5 }, 'still waiting for the password');
  t.equal(rig.devices.cards.length, 0, 'no card handed on');
  t.match(await rig.handle.core.unlock(password()), { ok: true }, 'the day starts as usual after a test');
});

t.test('refused once the session is open, and on a restarted console whose sticks hold the running session', async (t) => {
  const dirs = { A: await prepared(t), B: await prepared(t) };
  const first = await startRig(t, { dirs });
  const { box, session } = await openForVoting(first);
  await box.register(signed(session, ballot(new SeededRandom('test-mode'))));
  const printed = first.devices.printer.tickets.length;
  const cards = first.devices.cards.length;
  t.match(await first.handle.core.selfTest('fase-2'), { ok: false, error: 'session-open', message: /vóór het paswoord/ });
  await first.handle.stop();
  t.equal(first.devices.printer.tickets.length, printed, 'nothing printed');
  t.equal(first.devices.cards.length, cards, 'no card written');

  const before = { A: await digest(dirs.A), B: await digest(dirs.B) };
  const second = await startRig(t, { dirs });
  t.same(second.handle.core.snapshot().phase, { kind: 'locked', attemptsLeft: 5 });
  t.match(await second.handle.core.selfTest('fase-1'), { ok: false, error: 'session-on-stick', message: /Stick A bevat de lopende sessie/ });
  t.equal(second.devices.printer.tickets.length, 0);
  t.same({ A: await digest(dirs.A), B: await digest(dirs.B) }, before);
});

t.test('sticks that hold a closed session are read, never written; a missing and a read-only stick fail with what to do', async (t) => {
  const dirs = { A: await prepared(t), B: await prepared(t) };
  const day = await startRig(t, { dirs });
  await openForVoting(day);
  t.match(await day.handle.core.close({ annulledBallots: 0, testBallots: 0 }), { ok: true });
  await day.handle.stop();
  const before = { A: await digest(dirs.A), B: await digest(dirs.B) };

  const rig = await startRig(t, { dirs });
  const closed = await rig.handle.core.selfTest('fase-1');
  t.ok(closed.ok);
  if (!closed.ok) return;
  const byId = new Map(closed.report.checks.map((c) => [c.id, c]));
  t.match(byId.get('stick-A-read'), { outcome: 'pass', detail: /stembureau Vlindermeer-003-Zonnebrug, afgesloten/ });
  t.match(byId.get('stick-A-write'), { outcome: 'fail', detail: /niet getest: deze stick bevat gegevens van een stembureau/ });
  t.match(byId.get('stick-B-room'), { outcome: 'pass' });
  t.notOk(byId.has('stick-A-own'), 'fase 1 does not ask for the station\'s sticks');
  t.equal(closed.report.passed, false);
  t.same({ A: await digest(dirs.A), B: await digest(dirs.B) }, before, 'not a byte written');

  rig.sticks.pull('B');
  rig.sticks.insert('A', await tempDir(t, 'plain'));
  rig.sticks.setReadOnly('A', true);
  await rig.handle.checkSticks();
  const faulty = await rig.handle.core.selfTest('fase-2');
  t.ok(faulty.ok);
  if (!faulty.ok) return;
  const f = new Map(faulty.report.checks.map((c) => [c.id, c]));
  t.match(f.get('stick-B-present'), { outcome: 'fail', detail: /steek een stick in de poort met label B/ });
  t.match(f.get('stick-A-read'), { outcome: 'pass', detail: /geen stemstick/ });
  t.match(f.get('stick-A-write'), { outcome: 'fail', detail: /alleen-lezen/ });
  t.match(f.get('stick-A-own'), { outcome: 'fail', detail: /twee lege sticks van dit stembureau/ });
});

t.test('without a test card in the writer the card test fails and says what to do; on paper in Dutch', async (t) => {
  // A card desk that does not feed cards: the writer is empty.
  const devices = createSimulatedConsoleDevices({ autoFeed: false });
  const bare = await startRig(t, { devices });
  for (let i = 0; i < 100 && devices.reader.status().kind === 'no-reader'; i++) await new Promise((r) => setTimeout(r, 10));
  const outcome = await bare.handle.core.selfTest('fase-1');
  t.ok(outcome.ok);
  if (!outcome.ok) return;
  t.equal(outcome.report.passed, false);
  t.notOk(outcome.report.checks.some((c) => c.id === 'card-read'), 'nothing to read back');
  const paper = decodeWpc1252(devices.printer.tickets.at(-1)!.bytes);
  t.match(paper, /FOUT {2}Testkaart in de lezer: steek een testkaart/);
  t.match(paper, /RESULTAAT: NIET geslaagd/);
  await devices.reader.close();
});

t.test('the screen\'s API: start a test, read the report as JSON and as PDF; a wrong phase is refused', async (t) => {
  const rig = await startRig(t);
  const http = createGuardedClient(rig.handle.url);
  const api = (path: string, body?: unknown) => (body === undefined ? http.get(`/api/${path}`) : http.post(`/api/${path}`, body));
  t.equal((await api('self-test')).status, 404, 'no test yet');
  t.equal((await api('reports/self-test.pdf')).status, 404);
  const bad = await api('self-test', { phase: 'fase-3' });
  t.equal(bad.status, 409);
  t.match(await bad.json(), { ok: false, message: 'Kies fase 1 of fase 2.' });
  const run = await api('self-test', { phase: 'fase-2' });
  t.equal(run.status, 200);
  const answer = (await run.json()) as { ok: boolean; report: { passed: boolean }; snapshot: { selfTest: { running: boolean; last: unknown } } };
  t.equal(answer.ok, true);
  t.equal(answer.snapshot.selfTest.running, false);
  t.same(answer.snapshot.selfTest.last, answer.report);
  t.same(await (await api('self-test')).json(), answer.report, 'the report as JSON');
  const pdf = await api('reports/self-test.pdf');
  t.equal(pdf.headers.get('content-type'), 'application/pdf');
  t.equal(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString(), '%PDF-');
});

t.test('the port for the ballot box: listening, and a cable with the box powered at the other end', async (t) => {
  const probes = (p: Partial<LinkPortProbes>): LinkPortProbes => ({ answer: async () => 503, interfaceOf: () => 'enp2s0', carrier: async () => 'up', ...p });
  const url = 'http://10.77.0.1:8471';
  t.same(outcomes(await checkLinkPort(url, probes({}))), { 'link-listen': 'pass', 'link-cable': 'pass' });
  t.match(await checkLinkPort(url, probes({ carrier: async () => 'down' })), [{}, { outcome: 'fail', detail: /geen verbinding op enp2s0: sluit de kabel aan/ }]);
  t.match(await checkLinkPort(url, probes({ carrier: async () => 'unknown' })), [{}, { outcome: 'operator', detail: /lampje van netwerkpoort enp2s0/ }]);
  t.match(await checkLinkPort(url, probes({ interfaceOf: () => undefined })), [{}, { outcome: 'fail', detail: /geen netwerkpoort heeft het adres 10\.77\.0\.1/ }]);
  t.match(await checkLinkPort(url, probes({ answer: async () => undefined })), [{ outcome: 'fail', detail: /geen antwoord op 10\.77\.0\.1/ }]);
  const real = await checkLinkPort('http://127.0.0.1:9');
  t.match(real, [{ id: 'link-listen', outcome: 'fail' }, { id: 'link-cable', outcome: 'pass', detail: /simulatie/ }], 'nothing listens on port 9');
});

t.test('president-console self-test: the same test from a configuration file, the report as JSON and PDF', async (t) => {
  const dir = await tempDir(t, 'cli');
  const config = join(dir, 'console.json');
  const A = await prepared(t);
  const B = await prepared(t);
  await writeFile(
    config,
    JSON.stringify({ station: 3, organiserPublicKey: toBase64(demo().organiser.publicKey), sticks: { kind: 'simulated', A, B }, cardWriter: { kind: 'simulated' }, printer: { kind: 'simulated' }, http: { port: 0 }, link: { port: 0 } }),
  );
  const out: string[] = [];
  const err: string[] = [];
  const files = new Map<string, Uint8Array>();
  const io: SelfTestCliIo = { stdout: (s) => void out.push(s), stderr: (s) => void err.push(s), readFile: (p) => readFile(p, 'utf8'), writeFile: async (p, b) => void files.set(p, b) };
  t.equal(await selfTestCli(['--phase', 'fase-3', config], io), 2, 'a wrong phase');
  t.equal(await selfTestCli(['--phase', 'fase-1', join(dir, 'missing.json')], io), 2);
  t.match(err.join(''), /kan niet gelezen worden/);
  const code = await selfTestCli(['--phase', 'fase-1', '--pdf', join(dir, 'r.pdf'), config], io);
  // The configured (simulated) card writer has no card in it: the report says so and the exit code is 1.
  t.equal(code, 1);
  const report = JSON.parse(out.join('')) as { phase: string; devices: Array<{ device: string; checks: Array<{ id: string; outcome: string }> }>; checks: Array<{ id: string; outcome: string }> };
  t.equal(report.phase, 'fase-1');
  t.match(report.devices[0]?.checks, [{ id: 'link', outcome: 'pass' }, { id: 'test-card', outcome: 'fail' }]);
  t.match(outcomes(report.checks), { 'stick-A-write': 'pass', 'stick-B-write': 'pass', 'link-listen': 'pass' });
  t.equal(Buffer.from(files.get(join(dir, 'r.pdf')) ?? []).subarray(0, 5).toString(), '%PDF-');
  t.match(err.join(''), /NIET geslaagd.*afgedrukt/);

  // Seed 001 §XIV.1: the same report signed by the console's device key, collected into its case.
  const keys = join(dir, 'keys');
  const made = await writeDeviceKey(keys);
  if (!made.ok) throw new Error(made.message);
  const signedFile = join(dir, 'signed.json');
  err.length = 0;
  t.equal(await selfTestCli(['--phase', 'fase-1', '--signed', signedFile, config], io), 2, '--signed without a device key');
  t.match(err.join(''), /--signed vraagt ook --device-key/);
  t.equal(await selfTestCli(['--phase', 'fase-1', '--signed', signedFile, '--device-key', join(keys, 'device.key'), '--serial', 'VC-0003', config], io), 1);
  const serials = { voorzitterscomputer: 'VC-0003', scherm: 'S-3', rapportprinter: 'RP-3', kaartschrijver: 'KS-3', voedingskabel: 'V-3', 'usb-kabel-printer': 'UP-3', 'usb-kabel-kaartlezer': 'UK-3', 'netwerkkabel-stembus': 'N-3', videokabel: 'VI-3' };
  const inv = addKoffer(emptyInventory({ nisCode: '99001', name: 'Vlindermeer' }), { id: 'K-0003', kind: 'voorzitterscomputer', serials, devicePublicKey: made.publicKey });
  if (!inv.ok) throw new Error(inv.error.message);
  const collected = collectTestReport(inv.value, new Uint8Array(await readFile(signedFile)));
  t.ok(collected.ok, 'the signed report is collected into the case');
  if (collected.ok) t.match(collected.value.inventory.koffers[0]!.reports, [{ phase: 'fase-1', passed: false, implementation: 'simulated', failures: [/^Kaartlezer — Testkaart in de lezer: steek een testkaart/] }]);
    if (collected.ok) t.notMatch(collected.value.inventory.koffers[0]!.reports[0]!.failures.join(), /insert a technician|Test card inserted/, 'in Dutch, as the report prints it');
});
