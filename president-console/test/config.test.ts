import t from 'tap';
import { parseConfig } from '../src/config.ts';

const good = {
  station: 3,
  organiserPublicKey: Buffer.alloc(32, 1).toString('base64'),
  sticks: { kind: 'mount-points', A: '/media/ovs-a', B: '/media/ovs-b' },
  cardWriter: { kind: 'simulated' },
  printer: { kind: 'simulated' },
  link: { host: '10.77.0.1', port: 8471 },
};

t.test('a good configuration starts the real devices it names', async (t) => {
  const r = parseConfig(JSON.stringify(good));
  t.ok(r.ok);
  if (!r.ok) return;
  t.equal(r.options.station, 3);
  t.equal(r.options.sticks.kind, 'mount-points');
  t.same(r.options.link, { host: '10.77.0.1', port: 8471 });
  t.equal(r.options.copies, undefined, 'two copies of each report unless configured');
  const three = parseConfig(JSON.stringify({ ...good, copies: { pv: 3, kerncijfers: 2 } }));
  t.same(three.ok && three.options.copies, { pv: 3, kerncijfers: 2 }, 'seed 002 II.A.1: the number of copies is configurable');
  if (three.ok) await three.options.devices.cardWriter.close();
  await r.options.devices.cardWriter.close();
});

t.test('every bad configuration says what is wrong', (t) => {
  const cases: Array<[unknown, RegExp]> = [
    ['{', /geen geldige JSON/],
    [[], /geen JSON-object/],
    [{ ...good, station: 0 }, /^station/],
    [{ ...good, organiserPublicKey: 'abc' }, /^organiserPublicKey/],
    [{ ...good, sticks: { kind: 'mount-points', A: '/x', B: '/x' } }, /^sticks/],
    [{ ...good, sticks: { kind: 'usb', A: '/x', B: '/y' } }, /^sticks/],
    [{ ...good, cardWriter: 'serial' }, /^cardWriter/],
    [{ ...good, printer: {} }, /^printer/],
    [{ ...good, copies: { pv: 0, kerncijfers: 2 } }, /^copies/],
    [{ ...good, copies: { pv: 2 } }, /^copies/],
  ];
  for (const [config, message] of cases) {
    const r = parseConfig(typeof config === 'string' ? config : JSON.stringify(config));
    t.match(r.ok ? 'ok' : r.message, message);
  }
  t.end();
});
