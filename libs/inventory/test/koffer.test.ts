// Seed 001 §XIV.1 (fase 1): every case checked — the working equipment and every connection
// and power cable, by serial number — the devices' test reports signed by the device and
// collected, and a report per municipality that lists the defects.
import t from 'tap';
import { generateSigningKeyPair, Signer, toBase64, utf8 } from '@ovs/crypto';
import { addKoffer, checkOff, collectTestReport, defects, defectsCsv, emptyInventory, parseInventory, serialiseInventory, signTestReport, type Inventory } from '../src/index.ts';
import { renderDefectsPdf } from '../src/pdf.ts';

const device = generateSigningKeyPair();
const signer = new Signer(device.privateKey);
const SERIALS = {
  stemcomputer: 'SC-1001', aanraakscherm: 'TS-1001', stembiljetprinter: 'PR-1001', kaartlezer: 'KL-1001', alarm: 'AL-1001',
  voedingskabel: 'VK-1001', 'usb-kabel-printer': 'UP-1001', 'usb-kabel-kaartlezer': 'UK-1001', videokabel: 'VI-1001',
};

function inventory(): Inventory {
  const r = addKoffer(emptyInventory({ nisCode: '99001', name: 'Vlindermeer' }), { id: 'K-0001', kind: 'stemcomputer', station: 3, serials: SERIALS, devicePublicKey: toBase64(device.publicKey) });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

const report = (passed: boolean, implementation: 'real' | 'simulated' = 'real') => ({
  device: 'stemcomputer', phase: 'fase-1', implementation, at: '2024-06-20T09:00:00.000Z', passed,
  checks: [{ id: 'touch-calibration', title: 'Aanraakscherm gekalibreerd', outcome: passed ? 'pass' : 'fail', detail: passed ? 'grootste afwijking 0,4 mm' : 'afwijking 4,1 mm rechtsonder' }],
  devices: [{ device: 'printer', passed: true, checks: [] }],
});

t.test('XIV.1: a case is registered with the serial number of every device and cable', (t) => {
  const inv = inventory();
  t.equal(inv.koffers[0]!.items.length, 9, 'nine pieces, no hand scanner in this case');
  t.ok(inv.koffers[0]!.items.every((i) => i.state === 'unchecked'));
  const { videokabel: _, ...withoutCable } = SERIALS;
  t.match(addKoffer(emptyInventory({ nisCode: '99001', name: 'Vlindermeer' }), { id: 'K-0002', kind: 'stemcomputer', serials: withoutCable }), { ok: false, error: { code: 'missing-serial', message: /videokabel scherm ontbreekt/ } });
  t.match(addKoffer(inv, { id: 'K-0002', kind: 'stemcomputer', serials: SERIALS }), { ok: false, error: { code: 'duplicate-serial', message: /SC-1001 staat al in koffer K-0001/ } });
  t.match(addKoffer(inv, { id: 'K-0001', kind: 'stembus', serials: {} }), { ok: false, error: { code: 'duplicate-koffer' } });
  t.match(addKoffer(inv, { id: 'K-0003', kind: 'stembus', serials: { stemcomputer: 'X' } }), { ok: false, error: { code: 'not-in-koffer' } });
  t.end();
});

t.test('XIV.1: the technician checks off each piece by its serial; a swapped piece or a defect without a note is refused and changes nothing', (t) => {
  const inv = inventory();
  const swapped = checkOff(inv, { koffer: 'K-0001', kind: 'stembiljetprinter', serial: 'PR-9999', state: 'ok' });
  t.match(swapped, { ok: false, error: { code: 'serial-mismatch', message: /serienummer PR-9999, maar geregistreerd is PR-1001/ } });
  t.match(checkOff(inv, { koffer: 'K-0001', kind: 'kaartlezer', serial: 'KL-1001', state: 'defect' }), { ok: false, error: { code: 'note-required' } });
  t.match(checkOff(inv, { koffer: 'K-9', kind: 'kaartlezer', serial: 'KL-1001', state: 'ok' }), { ok: false, error: { code: 'unknown-koffer' } });
  t.ok(inv.koffers[0]!.items.every((i) => i.state === 'unchecked'), 'the inventory is unchanged');
  let r = checkOff(inv, { koffer: 'K-0001', kind: 'kaartlezer', serial: 'KL-1001', state: 'defect', note: 'leest geen kaart' });
  t.ok(r.ok);
  if (r.ok) r = checkOff(r.value, { koffer: 'K-0001', kind: 'voedingskabel', serial: '', state: 'missing', note: 'niet in de koffer' });
  t.ok(r.ok, 'a missing piece needs no serial read from it');
  if (r.ok) t.same(r.value.koffers[0]!.items.filter((i) => i.state !== 'unchecked').map((i) => [i.kind, i.state, i.note]), [['kaartlezer', 'defect', 'leest geen kaart'], ['voedingskabel', 'missing', 'niet in de koffer']]);
  t.end();
});

t.test('XIV.1: a test report signed by the device is collected; a changed one or one from another device is refused', (t) => {
  const inv = inventory();
  const signed = signTestReport(report(false), 'SC-1001', signer);
  const r = collectTestReport(inv, utf8(JSON.stringify(signed)));
  t.ok(r.ok);
  if (r.ok) t.same(r.value.inventory.koffers[0]!.reports, [{ phase: 'fase-1', at: '2024-06-20T09:00:00.000Z', passed: false, implementation: 'real', failures: ['Aanraakscherm gekalibreerd: afwijking 4,1 mm rechtsonder'] }]);
  const changed = { ...signed, report: signed.report.replace('"passed":false', '"passed":true') };
  t.match(collectTestReport(inv, utf8(JSON.stringify(changed))), { ok: false, error: { code: 'bad-signature' } });
  const other = signTestReport(report(true), 'SC-1001', new Signer(generateSigningKeyPair().privateKey));
  t.match(collectTestReport(inv, utf8(JSON.stringify(other))), { ok: false, error: { code: 'bad-signature' } }, 'signed by a key not registered with the case');
  t.match(collectTestReport(inv, utf8(JSON.stringify(signTestReport(report(true), 'SC-7777', signer)))), { ok: false, error: { code: 'unknown-device' } });
  t.match(collectTestReport(inv, utf8('{')), { ok: false, error: { code: 'unreadable' } });
  t.end();
});

t.test('XIV.1: the report per municipality lists every defect, missing piece, unchecked piece and failed or missing test, as CSV and PDF', async (t) => {
  let inv = inventory();
  const second = addKoffer(inv, { id: 'K-0002', kind: 'stembus', station: 3, serials: { stembus: 'SB-1', klepsturing: 'KS-1', stembusscanner: 'SS-1', stembusdisplay: 'SD-1', voedingskabel: 'VK-2', 'netwerkkabel-stembus': 'NK-1' } });
  if (!second.ok) throw new Error(second.error.message);
  inv = second.value;
  for (const i of inv.koffers[0]!.items) {
    const r = checkOff(inv, { koffer: 'K-0001', kind: i.kind, serial: i.serial, state: i.kind === 'kaartlezer' ? 'defect' : 'ok', ...(i.kind === 'kaartlezer' ? { note: '=leest; geen "kaart"' } : {}) });
    if (!r.ok) throw new Error(r.error.message);
    inv = r.value;
  }
  const collected = collectTestReport(inv, utf8(JSON.stringify(signTestReport(report(false), 'SC-1001', signer))));
  if (!collected.ok) throw new Error(collected.error.message);
  inv = collected.value.inventory;
  const summary = defects(inv);
  t.same([summary.koffers, summary.items, summary.checked, summary.inOrder], [2, 15, 9, 0]);
  const csv = defectsCsv(summary.rows);
  const lines = csv.split('\r\n');
  t.equal(lines[0], 'koffer;stembureau;onderdeel;serienummer;probleem;opmerking');
  t.equal(lines[1], `K-0001;3;Chipkaartlezer;KL-1001;defect;"'=leest; geen ""kaart"""`, 'quoted, and never a spreadsheet formula');
  t.equal(lines[2], 'K-0001;3;Stemcomputer;SC-1001;test fase 1 niet geslaagd;Aanraakscherm gekalibreerd: afwijking 4,1 mm rechtsonder');
  t.equal(lines.filter((l) => l.startsWith('K-0002;3;') && l.includes('niet afgevinkt')).length, 6, 'every piece of the unchecked case');
  t.ok(lines.includes('K-0002;3;Stembus (bak en klep);SB-1;geen testrapport fase 1;'));
  const pdf = await renderDefectsPdf(inv, summary, { compress: false, date: new Date('2024-06-21T12:00:00Z') });
  t.equal(pdf.subarray(0, 5).toString(), '%PDF-');
  t.match(pdf.subarray(-8).toString(), /%%EOF/);
  const empty = await renderDefectsPdf(inventory(), { koffers: 1, items: 9, checked: 9, inOrder: 1, rows: [] }, { compress: false, date: new Date('2024-06-21T12:00:00Z') });
  t.ok(pdf.length > empty.length, 'the rows are in it');
  t.end();
});

t.test('the inventory file reads back as written, and a hand-edited unknown state is refused', (t) => {
  const inv = inventory();
  const text = serialiseInventory(inv);
  t.same(parseInventory(text), { ok: true, value: inv });
  t.match(parseInventory(text.replace('"unchecked"', '"kapot"')), { ok: false, error: /onbekende toestand "kapot"/ });
  t.match(parseInventory('[]'), { ok: false });
  t.end();
});
