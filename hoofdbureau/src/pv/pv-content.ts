// What the hoofdbureau's proces-verbaal says (decree art. 25; seed 000: "PV + initiatiefrecht"),
// as a plain document model — headings, paragraphs, tables — so that its content can be tested
// as text and rendered by pv-pdf.ts. After the PV, the document of form G86: the order in which
// the exclusive right of initiative to form a majority is granted (DLB art. 5 §3).
import type { Decision } from '@ovs/paper-count';
import type { SeatMethod } from '@ovs/results';
import type { ImportSource } from '../db/import-tx.ts';
import type { ElectionResultView, ResultsDoc } from '../results/compute.ts';
import { describeTime } from '../text/time.ts';
import type { StationIncident } from './incidents.ts';
import { auditSummary, compositionBlocks, type PvStaff } from './pv-staff.ts';

export interface Column {
  header: string;
  /** Relative width. */
  width: number;
  align?: 'left' | 'right';
}

export type Block =
  | { kind: 'title'; text: string }
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'table'; columns: Column[]; rows: string[][] }
  | { kind: 'signatures'; roles: string[] }
  | { kind: 'page-break' };

export interface PvDocument {
  /** Not every polling station is in: a draft, marked on every page. */
  draft: boolean;
  footer: string;
  blocks: Block[];
}

const SOURCE: Record<ImportSource, string> = { stick: 'gegevensdrager', kopie: 'kopie (art. 24, 2de lid)', herscan: 'herscanning (art. 24, 3de lid)' };
const METHOD: Record<SeatMethod, string> = { imperiali: 'Imperiali (delers 1, 1½, 2, 2½, …)', dhondt: "D'Hondt (delers 1, 2, 3, …)" };

function electionBlocks(e: ElectionResultView): Block[] {
  const blocks: Block[] = [];
  blocks.push({ kind: 'heading', text: e.allocatesSeats ? `${e.title}` : `${e.title} — algemene telling voor de gemeente` });
  blocks.push({
    kind: 'paragraph',
    text:
      `Stembureaus: ${e.stationsImported} van ${e.stationsExpected} ingelezen${e.paperStations > 0 ? ` (waarvan ${e.paperStations} op papier geteld door hun telbureau)` : ''}. ` +
      `Stembiljetten: ${e.ballots}, waarvan ${e.blank} blanco en ${e.ballots - e.blank} geldig voor een lijst.${e.paperStations > 0 ? ` Daarnaast ${e.invalid} ongeldige stembiljetten (papier).` : ''}`,
  });
  blocks.push({
    kind: 'table',
    columns: [
      { header: 'Lijst', width: 4 },
      { header: 'Naam', width: 14 },
      { header: 'Stemcijfer', width: 5, align: 'right' },
      { header: 'Alleen lijst', width: 5, align: 'right' },
      { header: 'Met naam', width: 5, align: 'right' },
      { header: 'Lijst + naam', width: 5, align: 'right' },
      { header: e.allocatesSeats ? 'Zetels' : 'Zetels (ind.)', width: 4, align: 'right' },
    ],
    rows: e.lists.map((l) => [String(l.number), l.name, String(l.stemcijfer), String(l.topBoxOnly), String(l.withCandidates), String(l.topBoxAndCandidates), l.seats === null ? '—' : String(l.seats)]),
  });
  if (e.seatAllocation.ok) {
    blocks.push({
      kind: 'paragraph',
      text: `Zetelverdeling volgens ${METHOD[e.method]} (LPKD art. 166–168), ${e.seats} zetels; volgorde van toekenning (lijstnummers): ${e.seatAllocation.awardOrder.join(', ')}.${e.seatAllocation.unfilledSeats > 0 ? ` ${e.seatAllocation.unfilledSeats} zetel(s) blijven onbezet: geen kandidaten meer (art. 168).` : ''}`,
    });
  } else {
    blocks.push({ kind: 'paragraph', text: `De zetelverdeling is niet beslist: ${e.seatAllocation.message}.` });
  }
  if (!e.allocatesSeats) {
    blocks.push({ kind: 'paragraph', text: 'De zetels van de provincieraad worden verdeeld door het provinciedistrictshoofdbureau over alle gemeenten van het district; de verdeling hierboven geldt alleen voor deze gemeente en is indicatief.' });
  }
  for (const l of e.lists) {
    blocks.push({ kind: 'paragraph', text: `Lijst ${l.number} — ${l.name}: naamstemmen${e.allocatesSeats && (l.seats ?? 0) > 0 ? ', verkozenen en opvolgers (LPKD art. 169)' : ''}` });
    blocks.push({
      kind: 'table',
      columns: [
        { header: 'Nr.', width: 2 },
        { header: 'Kandidaat', width: 14 },
        { header: 'Naamstemmen', width: 5, align: 'right' },
        { header: e.allocatesSeats ? 'Verkozen' : '', width: 4, align: 'right' },
        { header: e.allocatesSeats ? 'Opvolger' : '', width: 4, align: 'right' },
      ],
      rows: l.candidates.map((c) => [
        String(c.position),
        c.name,
        String(c.preferenceVotes),
        e.allocatesSeats && c.elected !== null ? `${c.elected}` : '',
        e.allocatesSeats && c.substitute !== null ? `${c.substitute}` : '',
      ]),
    });
  }
  return blocks;
}

const DECISION: Record<Decision, string> = {
  equal: 'twee gelijke invoeren',
  'kept-first': 'eerste invoer behouden door de voorzitter',
  'kept-second': 'tweede invoer behouden door de voorzitter',
  corrected: 'verschillende velden verbeterd en gelijk',
};

/** The telbureaus' tables (paper stations): how each became definitive, its figures and warnings. */
function paperBlocks(doc: ResultsDoc): Block[] {
  const title = (id: string): string => doc.elections.find((e) => e.id === id)?.title ?? id;
  return [
    { kind: 'heading', text: '1b. Tabellen van de telbureaus (stemming op papier)' },
    {
      kind: 'table',
      columns: [
        { header: 'Telbureau', width: 3 },
        { header: 'Stembureaus', width: 5 },
        { header: 'Verkiezing', width: 7 },
        { header: 'Toestand', width: 9 },
        { header: 'Geteld', width: 3, align: 'right' },
        { header: 'Geldig', width: 3, align: 'right' },
        { header: 'Blanco', width: 3, align: 'right' },
        { header: 'Ongeldig', width: 3, align: 'right' },
        { header: 'Meldingen', width: 4 },
      ],
      rows: doc.paper.flatMap((t) =>
        t.tables.map((x) => [
          `${t.id}${t.lockedAt ? ' (vergrendeld)' : ''}`,
          t.stations.map((s) => `${s.number} ${s.deelgebied}`).join(', '),
          title(x.election),
          x.decision ? `definitief: ${DECISION[x.decision]}${x.decidedBy ? ` (${x.decidedBy})` : ''}` : x.stateName.toUpperCase(),
          x.figures ? String(x.figures.ballots) : '—',
          x.figures ? String(x.figures.valid) : '—',
          x.figures ? String(x.figures.blank) : '—',
          x.figures ? String(x.figures.invalid) : '—',
          x.warnings.join(', ') || '—',
        ]),
      ),
    },
  ];
}

/** What the server adds: `staff`, the bureau's composition and the audit log (the CLI's PV has blanks to fill in); `software`, the hoofdbureau's own software line (softwareLine of @ovs/release). */
export interface PvExtras {
  staff?: PvStaff;
  software?: string;
}

export function pvDocument(doc: ResultsDoc, incidents: readonly StationIncident[], extras: PvExtras = {}): PvDocument {
  const { staff, software } = extras;
  const draft = !doc.complete;
  const municipality = doc.municipality.name;
  const blocks: Block[] = [];
  blocks.push({ kind: 'title', text: `Proces-verbaal van het gemeentelijk hoofdbureau ${municipality}` });
  blocks.push({
    kind: 'paragraph',
    text: `Verkiezingen van ${doc.electionDate}. Verkiezingspakket ${doc.packageShortHash}. Opgemaakt op ${describeTime(doc.generatedAt)} met de toepassing resultatenbeheer (decreet art. 24–25)${software ? `, software ${software}` : ''}.`,
  });
  if (draft) {
    blocks.push({
      kind: 'paragraph',
      text: `ONTWERP: ${doc.stationsImported} van de ${doc.stationsExpected} stembureaus zijn ingelezen. Het proces-verbaal wordt pas afgedrukt als de resultaten van alle stembureaus geregistreerd zijn (art. 25).`,
    });
  }
  blocks.push({ kind: 'heading', text: 'Samenstelling van het hoofdbureau' });
  blocks.push(...compositionBlocks(staff?.composition, doc));

  blocks.push({ kind: 'heading', text: '1. Inlezing van de gegevensdragers (decreet art. 24)' });
  blocks.push({
    kind: 'table',
    columns: [
      { header: 'Nr.', width: 2 },
      { header: 'Stembureau', width: 10 },
      { header: 'Ingelezen van', width: 7 },
      { header: 'Stembiljetten', width: 5, align: 'right' },
      { header: 'Controlecode', width: 9 },
      { header: 'Tijdstip', width: 6 },
    ],
    rows: doc.stations.map((s) =>
      s.route === 'papier'
        ? [String(s.number), s.name, `papier: telbureau ${s.telbureaus.join(', ') || '(niet gekoppeld)'}${s.state === 'geteld' ? '' : ' — NOG NIET GETELD'}`, '—', '—', '—']
        : s.imported
          ? [String(s.number), s.name, SOURCE[s.imported.source], String(s.imported.ballots), s.imported.storeShortHash ?? '—', describeTime(s.imported.at)]
          : [String(s.number), s.name, s.state === 'probleem' ? 'NIET INGELEZEN (probleem)' : 'NIET INGELEZEN', '—', '—', '—'],
    ),
  });
  if (doc.paper.length > 0) blocks.push(...paperBlocks(doc));
  const notes: string[] = [];
  for (const s of doc.stations) {
    if (s.imported?.note) notes.push(`Stembureau ${s.number}: ${s.imported.note}`);
    if (s.warning) notes.push(`Stembureau ${s.number}: ${s.warning}`);
    for (const a of s.attempts.filter((x) => x.outcome === 'geweigerd')) notes.push(`Stembureau ${s.number}: gegevensdrager geweigerd op ${describeTime(a.at)}: ${a.message}`);
  }
  for (const i of incidents) notes.push(`Stembureau ${i.station} (volgens zijn logboek): ${i.text}`);
  if (notes.length === 0) notes.push('Geen opmerkingen: elk stembureau werd ingelezen van zijn eerste gegevensdrager, zonder incidenten.');
  blocks.push({ kind: 'heading', text: 'Opmerkingen' });
  for (const n of notes) blocks.push({ kind: 'paragraph', text: n });

  blocks.push({ kind: 'heading', text: '2. Resultaten per verkiezing' });
  for (const e of doc.elections) blocks.push(...electionBlocks(e));

  blocks.push({ kind: 'heading', text: '3. Algemene telling per stembureau' });
  for (const e of doc.elections) {
    const rows = doc.stations
      .filter((s) => s.results.some((r) => r.election === e.id))
      .map((s) => {
        const r = s.results.find((x) => x.election === e.id)!;
        return [String(s.number), String(r.ballots), String(r.blank), ...e.lists.map((l) => String(r.lists.find((x) => x.number === l.number)?.stemcijfer ?? 0))];
      });
    blocks.push({ kind: 'paragraph', text: `${e.title}: stemcijfers per stembureau` });
    blocks.push({
      kind: 'table',
      columns: [{ header: 'Nr.', width: 2 }, { header: 'Stembilj.', width: 3, align: 'right' }, { header: 'Blanco', width: 3, align: 'right' }, ...e.lists.map((l) => ({ header: `L${l.number}`, width: 3, align: 'right' as const }))],
      rows,
    });
  }

  for (const e of doc.elections) {
    const rows = doc.paper.flatMap((t) =>
      t.tables
        .filter((x) => x.election === e.id && x.figures)
        .map((x) => [t.id, String(x.figures!.valid + x.figures!.blank), String(x.figures!.blank), ...e.lists.map((l) => String(x.figures!.lists.find((y) => y.number === l.number)?.stemcijfer ?? 0))]),
    );
    if (rows.length === 0) continue;
    blocks.push({ kind: 'paragraph', text: `${e.title}: stemcijfers per telbureau` });
    blocks.push({
      kind: 'table',
      columns: [{ header: 'Telb.', width: 2 }, { header: 'Stembilj.', width: 3, align: 'right' }, { header: 'Blanco', width: 3, align: 'right' }, ...e.lists.map((l) => ({ header: `L${l.number}`, width: 3, align: 'right' as const }))],
      rows,
    });
  }
  if (staff) blocks.push(...auditSummary(staff.audit));

  blocks.push({ kind: 'heading', text: 'Ondertekening (decreet art. 25)' });
  blocks.push({ kind: 'signatures', roles: ['De voorzitter', 'De bijzitters', 'De secretaris', 'De getuigen'] });

  for (const e of doc.elections) {
    if (!e.initiatiefrecht.applies) continue;
    blocks.push({ kind: 'page-break' });
    blocks.push({ kind: 'title', text: `Toekenning van het initiatiefrecht — ${e.title}` });
    blocks.push({
      kind: 'paragraph',
      text: 'Formulier G86. Decreet over het Lokaal Bestuur art. 5 §3: het exclusieve initiatiefrecht om een meerderheid te vormen komt achtereenvolgens toe aan de verkozene met de meeste naamstemmen van de lijst met het hoogste stemcijfer, vervolgens aan die van de lijst met het tweede hoogste stemcijfer, enzovoort.',
    });
    if (e.initiatiefrecht.ok) {
      blocks.push({
        kind: 'table',
        columns: [
          { header: 'Volgorde', width: 3 },
          { header: 'Verkozene', width: 12 },
          { header: 'Lijst', width: 10 },
          { header: 'Stemcijfer lijst', width: 5, align: 'right' },
          { header: 'Naamstemmen', width: 5, align: 'right' },
        ],
        rows: e.initiatiefrecht.holders.map((h) => [
          String(h.order),
          h.name,
          `${h.list} — ${h.listName}`,
          String(e.lists.find((l) => l.number === h.list)?.stemcijfer ?? ''),
          String(h.preferenceVotes),
        ]),
      });
    } else {
      blocks.push({ kind: 'paragraph', text: `De volgorde kan niet bepaald worden: ${e.initiatiefrecht.message}.` });
    }
    blocks.push({ kind: 'signatures', roles: ['De voorzitter van het hoofdbureau', 'De secretaris'] });
  }
  return { draft, footer: `${municipality} ${doc.electionDate} — pakket ${doc.packageShortHash}${draft ? ' — ONTWERP' : ''}`, blocks };
}

/** All text of the document, for tests and for a quick look without a PDF reader. */
export function pvText(pv: PvDocument): string {
  return pv.blocks
    .map((b) => {
      switch (b.kind) {
        case 'title':
        case 'heading':
        case 'paragraph':
          return b.text;
        case 'table':
          return [b.columns.map((c) => c.header).join(' | '), ...b.rows.map((r) => r.join(' | '))].join('\n');
        case 'signatures':
          return b.roles.join(' / ');
        case 'page-break':
          return '----';
        default: {
          const never: never = b;
          return String(never);
        }
      }
    })
    .join('\n');
}
