// The PV (content and PDF) and the EML 510 export.
import t from 'tap';
import { eml510, pvDocument, pvText, readIncidents, renderPvPdf } from '../src/index.ts';
import { day, demoElection, openHb, sticks } from './support.ts';

/** A minimal well-formedness check: every tag closed in order, attributes quoted, entities known. */
function wellFormed(xml: string): string[] {
  const stack: string[] = [];
  const problems: string[] = [];
  const body = xml.replace(/^<\?xml[^?]*\?>\s*/, '');
  for (const m of body.matchAll(/<(\/?)([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>|&(?!amp;|lt;|gt;|quot;|apos;)|<(?![A-Za-z/])/g)) {
    if (m[0].startsWith('&') || m[0] === '<') {
      problems.push(`bare ${m[0]} at ${m.index}`);
      continue;
    }
    const [, close, name, , selfClose] = m;
    if (selfClose) continue;
    if (close) {
      const open = stack.pop();
      if (open !== name) problems.push(`</${name}> closes <${open}>`);
    } else stack.push(name!);
  }
  if (stack.length) problems.push(`unclosed ${stack.join(', ')}`);
  return problems;
}

void t.test('PV and G86: what the hoofdbureau declares, in words', async (t) => {
  const election = await demoElection(t);
  const hb = await openHb(t, election);
  const d = await day(election, 4, 30, { seed: 'pv', annulled: 2, incidents: [{ kind: 'defect', description: 'stemcomputer 3 herstart' }] });
  t.equal((await hb.importStick((await sticks(t, d)).a)).kind, 'imported');
  const doc = hb.results();
  const pv = pvDocument(doc, readIncidents(hb.db));
  const text = pvText(pv);
  t.equal(pv.draft, true, 'a draft while stations are missing');
  t.match(text, /Proces-verbaal van het gemeentelijk hoofdbureau Vlindermeer/);
  t.match(text, /ONTWERP: 1 van de 12 stembureaus zijn ingelezen/);
  t.match(text, /4 \| Vlindermeer-004-Bergzicht \| gegevensdrager \| 30 \| [0-9A-Z-]{19}/);
  t.match(text, /Stembureau 4 \(volgens zijn logboek\): Defect: stemcomputer 3 herstart/);
  t.match(text, /Gemeenteraad Vlindermeer\nStembureaus: 1 van 12 ingelezen/);
  t.match(text, /Provincieraad .* — algemene telling voor de gemeente/);
  t.match(text, /Zetelverdeling volgens Imperiali/);
  t.match(text, /Toekenning van het initiatiefrecht — Gemeenteraad Vlindermeer\nFormulier G86/);
  t.notMatch(text, /Toekenning van het initiatiefrecht — Provincieraad/, 'no initiatiefrecht for the provincieraad');
  const g = doc.elections.find((e) => e.id === 'G')!;
  if (g.initiatiefrecht.applies && g.initiatiefrecht.ok) {
    const first = g.initiatiefrecht.holders[0]!;
    t.match(text, `1 | ${first.name} | ${first.list} — ${first.listName}`);
  }
  const pdf = await renderPvPdf(pv, { compress: false, date: new Date('2024-10-13T20:00:00Z') });
  t.equal(pdf.subarray(0, 5).toString(), '%PDF-');
  t.match(pdf.subarray(-8).toString(), /%%EOF/);
  const pages = pdf.toString('latin1').match(/\/Type \/Page\b/g)?.length ?? 0;
  t.ok(pages >= 3, `several pages (${pages}), the G86 on its own`);
});

void t.test('EML 510: well formed, the count per list and candidate, only publishable units', async (t) => {
  const election = await demoElection(t);
  const hb = await openHb(t, election);
  for (const [station, n] of [
    [8, 520],
    [9, 40],
  ] as const) {
    t.equal((await hb.importStick((await sticks(t, await day(election, station, n, { seed: `eml-${station}` }))).a)).kind, 'imported');
  }
  const doc = hb.results();
  const xml = eml510(doc);
  t.same(wellFormed(xml), []);
  t.match(xml, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<EML xmlns="urn:oasis:names:tc:evs:schema:eml" Id="510" SchemaVersion="5">/);
  const g = doc.elections.find((e) => e.id === 'G')!;
  const list = g.lists[0]!;
  t.match(xml, `<AffiliationIdentifier Id="${list.number}"><RegisteredName>${list.name.replace(/&/g, '&amp;')}</RegisteredName></AffiliationIdentifier>\n              <ValidVotes>${list.stemcijfer}</ValidVotes>`);
  t.match(xml, `<Cast>${g.ballots}</Cast>`);
  t.match(xml, `<RejectedVotes ReasonCode="blanco">${g.blank}</RejectedVotes>`);
  t.match(xml, /&amp;/, 'the "Buurt & Natuur" list name is escaped');
  // Station 9 (40 voters) is published only together with station 8, never alone.
  t.match(xml, /<ReportingUnitIdentifier Id="99001::SB008\+009">Bloemenveld: stembureau 8\+9<\/ReportingUnitIdentifier>/);
  t.notMatch(xml, /SB009"/);
});
