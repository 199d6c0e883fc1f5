// HARDWARE.md "Alarm" (seed 002 II.C.3.2): the alarm shows on the machine and at the console. The
// machine posts it to the console's link listener, signed with the session key of its activation
// card (before activation it has no key, and accepts no voter card either). Nothing of the voter is in it.
import t from 'tap';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { VC_ALARM_PATH, verifyVcAlarm } from '@ovs/link';
import { startMachine } from './support-machine.ts';

t.test('HARDWARE.md "Alarm": paper out reaches the console, signed by the session key', async (t) => {
  const received: Uint8Array[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.url === VC_ALARM_PATH && req.method === 'POST') received.push(new Uint8Array(Buffer.concat(chunks)));
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  t.teardown(() => new Promise<void>((r) => server.close(() => r())));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const m = await startMachine({ console: { url, machine: 'stemcomputer 1' } });
  t.teardown(() => m.stop());
  const voter = m.handle.voter();
  const printer = m.handle.devices.printer;

  await m.activate();
  printer.setPaperMm(0);
  m.insert(m.kit.voterCard(['G']));
  const s = await voter.waitFor('alarm');
  t.ok(s.screen.body.kind === 'alarm' && s.screen.body.reason === 'printer-paper-out' && s.screen.body.ballot === 'not-started', 'on the machine');
  for (let i = 0; i < 200 && received.length < 2; i++) await new Promise((r) => setTimeout(r, 10));
  t.equal(received.length, 2, 'its software report after the activation, then one alarm at the console');
  const verify = (bytes: Uint8Array) => verifyVcAlarm(bytes, { hashPrefix: m.kit.context.hashPrefix, station: 1, session: m.kit.sessionVerifier, now: new Date(), seen: new Set() });
  const software = verify(received[0]!);
  t.ok(software.ok && software.value.kind === 'software' && software.value.sha256.length === 32, 'decree art. 4 §3: what the machine runs, signed by the session key');
  const r = verify(received[1]!);
  t.same(r.ok ? { kind: r.value.kind, machine: r.value.machine } : r.error, { kind: 'paper-out', machine: 'stemcomputer 1' }, 'verified with the session certificate\'s key');
  for (let i = 0; i < 200 && !m.log.some((l) => l.event === 'alarm-to-console'); i++) await new Promise((r) => setTimeout(r, 10));
  t.ok(m.log.some((l) => l.event === 'alarm-to-console'), 'logged (kind and outcome only)');
});
