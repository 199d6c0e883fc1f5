// `npx koffer`: a municipality's inventory from the command line, each step atomic — a refused
// step leaves the file as it was — ending in the CSV and PDF report of the defects.
import t from 'tap';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../src/cli.ts';
import { readDeviceKey } from '../src/device-key.ts';
import { signTestReport } from '../src/test-report.ts';

t.test('nieuw, toestelsleutel, registreer, afvinken, verzamel, rapport', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'ovs-koffer-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'vlindermeer.json');
  t.equal(await main(['nieuw', file, '--gemeente', '99001', '--naam', 'Vlindermeer']), 0);
  t.equal(await main(['nieuw', file, '--gemeente', '99001', '--naam', 'Vlindermeer']), 2, 'never overwritten');
  t.equal(await main(['toestelsleutel', join(dir, 'box')]), 0);
  const pub = readFileSync(join(dir, 'box', 'device.pub'), 'utf8').trim();
  const serials = ['stembus=SB-1', 'klepsturing=KS-1', 'stembusscanner=SS-1', 'stembusdisplay=SD-1', 'voedingskabel=VK-1', 'netwerkkabel-stembus=NK-1'];
  t.equal(await main(['registreer', file, '--koffer', 'K-1', '--soort', 'stembus', '--stembureau', '3', '--sleutel', pub, ...serials]), 0);
  t.equal(await main(['registreer', file, '--koffer', 'K-2', '--soort', 'stembus', 'printer=X']), 2, 'an unknown piece');
  const before = readFileSync(file);
  t.equal(await main(['afvinken', file, '--koffer', 'K-1', '--onderdeel', 'stembusscanner', '--serienummer', 'SS-9', '--toestand', 'in-orde']), 1, 'another serial');
  t.same(readFileSync(file), before, 'the file is unchanged');
  t.equal(await main(['afvinken', file, '--koffer', 'K-1', '--onderdeel', 'stembusscanner', '--serienummer', 'SS-1', '--toestand', 'defect', '--opmerking', 'glasplaat gebarsten']), 0);
  const signer = await readDeviceKey(join(dir, 'box', 'device.key'));
  if (typeof signer === 'string') throw new Error(signer);
  const report = join(dir, 'rapport.json');
  writeFileSync(report, JSON.stringify(signTestReport({ device: 'stembus', phase: 'fase-1', implementation: 'real', passed: true, checks: [], devices: [] }, 'SB-1', signer)));
  const forged = join(dir, 'vals.json');
  writeFileSync(forged, readFileSync(report, 'utf8').replace('\\"passed\\":true', '\\"passed\\":false'));
  t.equal(await main(['verzamel', file, report, forged]), 1, 'the forged one refused');
  t.equal(await main(['rapport', file, '--csv', join(dir, 'r.csv'), '--pdf', join(dir, 'r.pdf')]), 0);
  const csv = readFileSync(join(dir, 'r.csv'), 'utf8');
  t.match(csv, /^K-1;3;Scanner van de stembus;SS-1;defect;glasplaat gebarsten\r$/m);
  t.notMatch(csv, /geen testrapport fase 1/, 'the true report was collected');
  t.equal(csv.split('\r\n').filter((l) => l.includes('niet afgevinkt')).length, 5);
  t.equal(readFileSync(join(dir, 'r.pdf')).subarray(0, 5).toString(), '%PDF-');
});
