import t from 'tap';
import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { toBase64 } from '@ovs/crypto';
import { generateDemoElection, writePackageFiles } from '@ovs/election';
import { parseConfig } from '../src/config.ts';
import { createVotingClient } from '../src/index.ts';

const demo = generateDemoElection({ scrypt: { N: 1024, r: 8, p: 1 } });
const valid = {
  station: 2,
  organiserPublicKey: toBase64(demo.organiser.publicKey),
  packageDir: '/media/ovs/package',
  port: 0,
  devices: { printer: { kind: 'simulated' }, cardReader: { kind: 'simulated' }, alarm: { kind: 'simulated' } },
};

t.test('the configuration file: valid, and every wrong field named', (t) => {
  const ok = parseConfig(JSON.stringify(valid));
  t.ok(ok.ok);
  if (ok.ok) t.equal(ok.config.host, '127.0.0.1', 'loopback by default');
  const bad = (patch: Record<string, unknown>) => {
    const r = parseConfig(JSON.stringify({ ...valid, ...patch }));
    return r.ok ? 'ok' : r.message.split(':')[0];
  };
  t.equal(bad({ station: 0 }), 'station');
  t.equal(bad({ organiserPublicKey: 'abc' }), 'organiserPublicKey');
  t.equal(bad({ packageDir: '' }), 'packageDir');
  t.equal(bad({ port: 70000 }), 'port');
  t.equal(bad({ devices: { ...valid.devices, printer: { kind: 'usb' } } }), 'devices.printer');
  t.equal(bad({ devices: { ...valid.devices, handScanner: {} } }), 'devices.handScanner');
  const notJson = parseConfig('{');
  t.notOk(notJson.ok);
  t.end();
});

t.test('bin/stemcomputer.js starts from a configuration file and stops cleanly on SIGTERM', async (t) => {
  const dir = t.testdir();
  await writePackageFiles(join(dir, 'package'), demo.bytes, demo.signature);
  const config = join(dir, 'stemcomputer.json');
  await writeFile(config, JSON.stringify({ ...valid, packageDir: join(dir, 'package') }));
  const child = spawn(process.execPath, [new URL('../bin/stemcomputer.js', import.meta.url).pathname, '--config', config], { stdio: ['ignore', 'pipe', 'pipe'] });
  const started = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('\n')) resolve(out);
    });
    child.once('exit', (code) => reject(new Error(`exited early with ${code}`)));
  });
  t.match(started, /"event":"started","url":"http:\/\/127\.0\.0\.1:\d+/);
  const page = await fetch(JSON.parse(started).url as string);
  t.equal(page.status, 200, 'the kiosk page is served');
  child.kill('SIGTERM');
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  t.equal(code, 0);
});

t.test('a missing or invalid configuration exits 2 with the reason', async (t) => {
  const dir = t.testdir({ 'bad.json': JSON.stringify({ ...valid, station: 'een' }) });
  const run = (args: string[]) =>
    new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [new URL('../bin/stemcomputer.js', import.meta.url).pathname, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.once('exit', (code) => resolve({ code, stderr }));
    });
  const a = await run([join(dir, 'bad.json')]);
  t.equal(a.code, 2);
  t.match(a.stderr, /station/);
  const b = await run([join(dir, 'missing.json')]);
  t.equal(b.code, 2);
  t.match(b.stderr, /kan niet gelezen worden/);
});

t.test('stemcomputer self-test: the test mode on the configured devices, started on the screen, the report as JSON', async (t) => {
  const dir = t.testdir();
  await writePackageFiles(join(dir, 'package'), demo.bytes, demo.signature);
  const config = join(dir, 'stemcomputer.json');
  await writeFile(config, JSON.stringify({ ...valid, packageDir: join(dir, 'package') }));
  const out = join(dir, 'rapport.json');
  const child = spawn(process.execPath, [new URL('../bin/stemcomputer.js', import.meta.url).pathname, 'self-test', '--phase', 'fase-1', '--config', config, '--out', out], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      const m = /Testmodus fase-1 staat op het scherm \((http:\/\/[^)]+)\)/.exec(stderr);
      if (m) resolve(m[1] as string);
    });
    child.once('exit', (code) => reject(new Error(`exited early with ${code}: ${stderr}`)));
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  // The technician at the kiosk: Start, then the five targets.
  const client = createVotingClient(url);
  let screen = await client.screen();
  t.match(screen.screen.body, { kind: 'technician', view: { step: 'menu', phases: ['fase-1'] } });
  screen = await client.technician(screen.seq, { type: 'start', phase: 'fase-1', viewport: { width: 1920, height: 1080, pixelRatio: 1 } });
  for (let i = 0; i < 5; i++) {
    const body = screen.screen.body;
    if (body.kind !== 'technician' || body.view.step !== 'touch') throw new Error('not the touch check');
    const target = body.view.targets[body.view.index]!;
    screen = await client.technician(screen.seq, { type: 'touch', x: target.x, y: target.y });
  }
  t.equal(await exited, 1, 'not passed: the configured card reader holds no test card');
  const report = JSON.parse(stdout) as { device: string; phase: string; passed: boolean; devices: Array<{ device: string; checks: Array<{ id: string; outcome: string }> }>; checks: Array<{ id: string; outcome: string }> };
  t.match(report, { device: 'stemcomputer', phase: 'fase-1', passed: false });
  t.match(report.devices.find((d) => d.device === 'card-reader')?.checks, [{ id: 'link', outcome: 'pass' }, { id: 'test-card', outcome: 'fail' }]);
  t.match(report.checks.find((c) => c.id === 'package'), { outcome: 'pass' }, 'the package read again from disk');
  t.match(report.checks.find((c) => c.id === 'test-ballot-read'), { outcome: 'pass' });
  t.same(JSON.parse(await readFile(out, 'utf8')), report, '--out');
  t.match(stderr, /TESTRAPPORT STEMCOMPUTER/);
  t.match(stderr, /FOUT {2}Testkaart in de lezer/);
});
