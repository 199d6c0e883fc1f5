// The printed reports say what the sticks say: the pairing ticket's QR code scans back to a
// valid pairing code, the kerncijferrapport carries the store's code and the key figures on
// paper and in the PDF, the PV lists incidents and interruptions.
import t from 'tap';
import { SeededRandom, sha256 } from '@ovs/crypto';
import { decodeQr, type GrayImage } from '@ovs/barcode';
import { HASH_PREFIX_BYTES } from '@ovs/ballot';
import { decodePairingCode } from '@ovs/link';
import { verifyStick } from '@ovs/stick';
import { buildReport, reportPdf } from '../src/index.ts';
import { ballot, demo, openForVoting, password, pdfText, printAll, signed, startRig } from './support.ts';

const decodeWpc1252Latin = (bytes: Uint8Array): string => Buffer.from(bytes).toString('latin1');

/**
 * The QR code of an uncompressed pdfkit PDF, as a scanner would see the printed page: pdfkit
 * draws each dark module as a 3 × 3 pt rectangle ("x y w h re"); paint them at 4 px per pt.
 */
function pdfQrImage(pdf: Buffer): GrayImage {
  const cells = [...pdf.toString('latin1').matchAll(/([\d.]+) ([\d.]+) 3 3 re/g)].map((m) => ({ x: Number(m[1]), y: Number(m[2]) }));
  const scale = 4;
  const minX = Math.min(...cells.map((c) => c.x)) - 12;
  const minY = Math.min(...cells.map((c) => c.y)) - 12;
  const width = Math.ceil((Math.max(...cells.map((c) => c.x)) - minX + 15) * scale);
  const height = Math.ceil((Math.max(...cells.map((c) => c.y)) - minY + 15) * scale);
  const data = new Uint8Array(width * height).fill(255);
  for (const c of cells) {
    for (let dy = 0; dy < 3 * scale; dy++) for (let dx = 0; dx < 3 * scale; dx++) data[(Math.round((c.y - minY) * scale) + dy) * width + Math.round((c.x - minX) * scale) + dx] = 0;
  }
  return { width, height, data };
}

t.test('the pairing ticket scans back to the pairing code', async (t) => {
  const rig = await startRig(t);
  t.match(await rig.handle.core.unlock(password()), { ok: true });
  const ticket = rig.devices.printer.tickets[0];
  t.ok(ticket, 'printed at unlock');
  const scanned = await decodeQr(new Uint8Array((ticket as { png(): Buffer }).png()));
  t.ok(scanned.ok, 'the QR code on the paper reads');
  if (!scanned.ok) return;
  t.same(scanned.value, rig.handle.pairingCode());
  const d = demo();
  const station = d.election.pollingStations.find((s) => s.number === 3);
  const paired = decodePairingCode(scanned.value, { hashPrefix: sha256(d.bytes).subarray(0, HASH_PREFIX_BYTES), station: 3, stembureauPublicKey: Buffer.from(station?.stembureauKey.publicKey ?? '', 'base64') });
  t.ok(paired.ok, 'a box with the package accepts it');
});

t.test('kerncijferrapport and PV: paper and PDF carry the figures and the code', async (t) => {
  const rig = await startRig(t);
  const core = rig.handle.core;
  const { box, session } = await openForVoting(rig);
  const random = new SeededRandom('reports');
  for (let i = 0; i < 7; i++) {
    await core.issueVoterCard(i === 0 ? 'eu' : 'belg');
    await box.register(signed(session, ballot(random, { onlyFirst: i === 0 })));
  }
  await core.recordIncident({ kind: 'expert-visit', description: 'Bezoek deskundige mevrouw Claes, 11:05.', calledAt: null, repairedAt: null });
  rig.sticks.pull('A');
  await rig.handle.checkSticks();
  rig.sticks.insert('A');
  await rig.handle.checkSticks();
  t.match(await core.close({ annulledBallots: 0, testBallots: 2 }), { ok: true });
  await printAll(core);
  const d = demo();
  const v = await verifyStick(rig.dirs.A, { organiserPublicKey: d.organiser.publicKey });
  if (!v.ok) throw new Error(v.error.message);
  const code = v.value.storeShortHash;

  const paper = Buffer.from(rig.devices.printer.bytes()).toString('latin1');
  t.ok(paper.includes('KERNCIJFERRAPPORT') && paper.includes('PROCES-VERBAAL'), 'both printed at closing');
  t.ok(paper.includes(code), 'the code the hoofdbureau computes is on the paper');

  const data = core.reportData();
  if (!data) throw new Error('no data');
  const kern = pdfText(await reportPdf(buildReport('kerncijfers', data) as NonNullable<ReturnType<typeof buildReport>>, { compress: false }));
  t.ok(kern.includes(code), 'and in the PDF');
  t.match(kern, /Geregistreerde stembiljetten/);
  // Label and value are text runs of their own: the count must follow its own label.
  t.match(kern, /Geregistreerde stembiljetten\n7\n {2}Gemeenteraad Vlindermeer\n7\n {2}Provincieraad [^\n]+\n6\n/, 'registered count, 7, of which 6 for the provincieraad (one EU voter)');
  t.match(kern, /Teststembiljetten/);
  const pv = pdfText(await reportPdf(buildReport('pv', data) as NonNullable<ReturnType<typeof buildReport>>, { compress: false }));
  t.match(kern, /Sessiecertificaat/);
  const certificate = data.sessionCertificate;
  t.equal(certificate.length, 107);
  const fromPdf = await decodeQr(pdfQrImage(await reportPdf(buildReport('kerncijfers', data) as NonNullable<ReturnType<typeof buildReport>>, { compress: false })));
  t.ok(fromPdf.ok && Buffer.compare(fromPdf.value, certificate) === 0, 'decree art. 24: the QR code in the PDF is the session certificate');
  const kernTicket = rig.devices.printer.tickets.find((x) => decodeWpc1252Latin(x.bytes).includes('KERNCIJFERRAPPORT'));
  t.ok(kernTicket, 'the kerncijferrapport came out of the printer');
  const fromPaper = await decodeQr(new Uint8Array((kernTicket as { png(): Buffer }).png()));
  t.ok(fromPaper.ok && Buffer.compare(fromPaper.value, certificate) === 0, 'and so is the one on paper');
  t.match(pv, /Bezoek deskundige mevrouw Claes/, 'the incident');
  t.match(pv, /Stick A verwijderd/, 'the interruption');
  t.match(pv, /Gemeenteraad Vlindermeer/);
  t.match(pv, /Handtekeningen/);
});
