// What the four reports say (seed 002 II–III, decree art. 14 and 21): the pairing ticket for
// the ballot box, the opening report, the proces-verbaal and the kerncijferrapport.
import { fromHex, group, sha256, shortHash, toHex } from '@ovs/crypto';
import { ANNUL_REASON_NAMES, encodeClosingRecord, INCIDENT_KIND_NAMES, incidentsOf, INTERRUPTION_REASON_NAMES, PRESENCE_NAMES, VOTER_EVENT_TYPES, type AnnulReason } from '@ovs/stick';
import { BOX_DEVICE_NAMES, BOX_DEVICES, BOX_REFUSAL_MESSAGES, BOX_REFUSALS, type BoxDevice, type BoxRefusal } from '@ovs/link';
import { checkSoftware, softwareLine } from '@ovs/release';
import type { ReportData, ReportKind } from '../core/report-data.ts';
import { dayLines } from './day-lines.ts';
import { date, time } from './format.ts';
import type { Block, ReportModel } from './model.ts';


/** A refusal code the console does not know (a newer box): said as such, never as the code. */
const refusalText = (code: string): string => ((BOX_REFUSALS as readonly string[]).includes(code) ? BOX_REFUSAL_MESSAGES[code as BoxRefusal] : 'een andere reden');

/** A box alert: the cover opened, or a device's fault. */
const alertText = (kind: string): string =>
  kind === 'cover-opened' ? 'deksel van de stembus geopend' : (BOX_DEVICES as readonly string[]).includes(kind) ? `storing aan de stembus: ${BOX_DEVICE_NAMES[kind as BoxDevice]}` : 'storing aan de stembus';

/** The scanner's fault codes, as the box passes them on; other details are the box's own Dutch words. */
const FAULT_CODES: Record<string, string> = {
  'unreadable-image': 'het beeld van de scanner is onleesbaar',
  'image-too-large': 'het beeld van de scanner is te groot',
  'decoder-failure': 'de barcodelezer faalde',
};
const faultDetail = (detail: string): string => FAULT_CODES[detail] ?? (/^[a-z0-9-]+$/.test(detail) ? 'technische fout' : detail);

function header(d: ReportData): Block[] {
  return [
    { kind: 'line', label: 'Stembureau', value: d.station.name },
    { kind: 'line', label: 'Gemeente', value: d.pkg.election.municipality.name },
    { kind: 'line', label: 'Verkiezingen van', value: date(d.pkg.election.electionDate) },
  ];
}

function codes(d: ReportData): Block[] {
  return [
    { kind: 'line', label: 'Verkiezingspakket', value: d.pkg.shortHash },
    { kind: 'line', label: 'Software', value: softwareLine(checkSoftware('voorzitterscomputer', d.software, d.pkg.election.release)) },
    { kind: 'line', label: 'Sleutel stemcomputers', value: shortHash(sha256(d.sessionCertificate)) },
  ];
}

function cards(d: ReportData): Block[] {
  const names = new Map(d.pkg.election.voterCategories.map((c) => [c.id, c.name.nl]));
  const c = d.counters;
  return [
    ...Object.entries(c.cardsPerCategory).map(([id, n]) => ({
      kind: 'line' as const,
      label: names.get(id) ?? id,
      value: c.proxyPerCategory[id] ? `${n} (waarvan ${c.proxyPerCategory[id]} volmacht)` : String(n),
    })),
    { kind: 'line', label: 'Vervangkaarten (inbegrepen)', value: String(c.replacementCards) },
    { kind: 'line', label: 'Testkaarten', value: String(c.testCards) },
    { kind: 'line', label: 'Activeringskaarten', value: String(c.activationCards) },
  ];
}

function registered(d: ReportData): Block[] {
  return [
    { kind: 'line', label: 'Geregistreerde stembiljetten', value: String(d.counters.registered) },
    ...d.counters.registeredPerElection.map((e) => ({ kind: 'line' as const, label: `  ${e.title}`, value: String(e.count) })),
  ];
}

export function pairingTicket(d: ReportData): ReportModel | undefined {
  if (!d.pairingCode) return undefined;
  return {
    kind: 'koppelticket',
    title: 'Koppelticket stembus',
    blocks: [
      { kind: 'title', text: 'KOPPELTICKET STEMBUS' },
      ...header(d),
      { kind: 'qr', label: 'Koppelcode', bytes: d.pairingCode },
      { kind: 'text', text: 'Leg dit ticket met de code naar onder op de scanner van de stembus. De stembus meldt daarna of haar bak leeg is.' },
      { kind: 'text', text: 'Bewaar het ticket bij het proces-verbaal.' },
      { kind: 'line', label: 'Afgedrukt om', value: time(d.now) },
    ],
  };
}

/**
 * Decree art. 14: what was established when voting opened — never the live figures, so that a
 * reprint later in the day says what it said at opening. The counter was zero (the console
 * refuses to open otherwise); the cards are counted from the log up to the opening.
 */
export function openingReport(d: ReportData): ReportModel {
  const at = d.events.findIndex((e) => e.type === 'voting-opened');
  const before = at < 0 ? d.events : d.events.slice(0, at);
  const opened = at < 0 ? undefined : d.events[at];
  const started = d.events.find((e) => e.type === 'session-started');
  const count = (type: 'activation-card' | 'test-card'): number => before.filter((e) => e.type === type).length;
  return {
    kind: 'openingsrapport',
    title: 'Openingsrapport',
    blocks: [
      { kind: 'title', text: 'OPENINGSRAPPORT' },
      ...header(d),
      { kind: 'rule' },
      { kind: 'line', label: 'Sticks geopend om', value: time(started?.at) },
      { kind: 'line', label: 'Stemming geopend om', value: time(opened?.at) },
      // The console opens only with the counter at zero (console-core.ts openVoting).
      { kind: 'line', label: 'Teller stembiljetten bij de opening', value: opened ? '0' : String(d.counters.registered) },
      { kind: 'line', label: 'Stembus', value: before.some((e) => e.type === 'box-empty') ? 'leeg gemeld en nagekeken' : 'niet leeg gemeld' },
      { kind: 'line', label: 'Stemcomputers geactiveerd', value: String(count('activation-card')) },
      { kind: 'line', label: 'Testkaarten', value: String(count('test-card')) },
      // Voting opens only with both sticks writable (console-core.ts #writable).
      { kind: 'line', label: 'Stick A en stick B', value: opened || (d.sticks.A.kind === 'ready' && d.sticks.B.kind === 'ready') ? 'in orde' : 'niet in orde' },
      { kind: 'rule' },
      ...codes(d),
      { kind: 'signatures', roles: ['Voorzitter'] },
    ],
  };
}

/**
 * Decree art. 22: the label of the envelope with the two sticks — the election's date, the
 * polling station and the recipient. Seed 002 III.5.3 (and Bijlage III): the kerncijferrapport
 * goes into this envelope, with the sticks, because the hoofdbureau needs it to read them in.
 * (Seed 001 §XIII.2 lists a separate envelope for the kerncijferrapport; the federal manual's
 * rule is followed and the second copy goes with the PV.)
 */
export function envelopeLabel(d: ReportData): ReportModel | undefined {
  if (!d.closing) return undefined;
  return {
    kind: 'etiket-omslag-sticks',
    title: 'Etiket omslag USB-sticks',
    blocks: [
      { kind: 'title', text: 'OMSLAG USB-STICKS' },
      { kind: 'line', label: 'Verkiezingen van', value: date(d.pkg.election.electionDate) },
      { kind: 'line', label: `Stembureau ${d.station.number}`, value: d.station.name },
      { kind: 'line', label: 'Gemeente', value: d.pkg.election.municipality.name },
      { kind: 'line', label: 'Bestemmeling', value: d.pkg.election.hoofdbureau.name },
      { kind: 'text', text: 'Ter attentie van de voorzitter van het hoofdbureau.' },
      { kind: 'rule' },
      { kind: 'text', text: 'Inhoud: stick A, stick B en exemplaar 1 van het kerncijferrapport.' },
      { kind: 'line', label: 'Controlecode stembiljetten', value: shortHash(d.closing.store.sha256) },
      { kind: 'text', text: 'Kleef dit etiket op de omslag en verzegel ze. Op de achterkant tekenen de voorzitter en de leden van het bureau; de getuigen als zij het vragen (decreet art. 22).' },
    ],
  };
}

export function procesVerbaal(d: ReportData): ReportModel {
  const c = d.closing;
  const events = d.events;
  const interruptions = events.filter((e) => e.type === 'interruption');
  const incidents = incidentsOf(events);
  const refusals = new Map<string, number>();
  for (const e of events) if (e.type === 'box-refusal') refusals.set(e.reason, (refusals.get(e.reason) ?? 0) + 1);
  const boxAlerts = events.filter((e) => e.type === 'box-alert');
  const annulledRecorded = Object.values(d.counters.annulledByReason).reduce((a, b) => a + b, 0);
  const bureau = events.findLast((e) => e.type === 'bureau');
  const none = (blocks: Block[]): Block[] => (blocks.length === 0 ? [{ kind: 'text', text: 'Geen.' }] : blocks);
  const blocks: Block[] = [
    { kind: 'title', text: 'PROCES-VERBAAL' },
    { kind: 'text', text: 'van de verkiezing in een stembureau met digitale stemming (Digitaal Kiesdecreet, art. 21)' },
    ...header(d),
    { kind: 'text', text: `Opgemaakt in ${d.copies.pv === 1 ? 'één exemplaar' : `${d.copies.pv} exemplaren`}, voor het hoofdbureau (omslag met het proces-verbaal).` },
    { kind: 'heading', text: '1. Samenstelling van het bureau' },
    ...composition(bureau?.type === 'bureau' ? bureau : undefined),
    { kind: 'heading', text: '2. Opening' },
    { kind: 'line', label: 'Verzegelde omslagen bij de opening', value: bureau?.type === 'bureau' ? (bureau.envelopes === '' ? 'ongeschonden, geen onregelmatigheid' : 'zie hieronder') : 'niet ingevuld' },
    ...(bureau?.type === 'bureau' && bureau.envelopes !== '' ? [{ kind: 'text' as const, text: `Onregelmatigheden aan de omslagen: ${bureau.envelopes}` }] : []),
    { kind: 'line', label: 'Sticks geopend om', value: time(events.find((e) => e.type === 'session-started')?.at) },
    { kind: 'line', label: 'Stembus leeg gemeld en nagekeken', value: events.some((e) => e.type === 'box-empty') ? 'ja' : 'nee' },
    { kind: 'line', label: 'Stemming geopend om', value: time(c?.openedAt ?? events.find((e) => e.type === 'voting-opened')?.at) },
    { kind: 'line', label: 'Stemming gesloten om', value: time(c?.closedAt) },
    { kind: 'heading', text: '3. Voorzitterscomputer: herstarts en paswoord' },
    ...restarts(events),
    { kind: 'heading', text: '4. Kiezers, stemkaarten en stembiljetten' },
    ...ticked(events),
    { kind: 'text', text: 'Stemkaarten per kiezerscategorie:' },
    ...cards(d),
    { kind: 'text', text: 'Geregistreerde stembiljetten (in de stembus):' },
    ...registered(d),
    { kind: 'line', label: 'Geannuleerde stembiljetten, geteld in de omslag', value: c ? String(c.annulledBallots) : '—' },
    { kind: 'line', label: 'Geannuleerde stembiljetten, op de voorzitterscomputer', value: String(annulledRecorded) },
    ...(Object.entries(d.counters.annulledByReason) as Array<[AnnulReason, number]>).filter(([, n]) => n > 0).map(([r, n]) => ({ kind: 'line' as const, label: `  ${ANNUL_REASON_NAMES[r]}`, value: String(n) })),
    { kind: 'line', label: 'Teststembiljetten, geteld in de omslag', value: c ? String(c.testBallots) : '—' },
    { kind: 'heading', text: '5. Verschillen en verklaring van de voorzitter' },
    ...differences(d),
    { kind: 'heading', text: '6. Bijstand aan kiezers (decreet art. 20)' },
    ...none(assisted(events)),
    { kind: 'heading', text: '7. Volmachten en kiezers die niet op de kiezerslijst stonden' },
    { kind: 'line', label: 'Stemkaarten bij volmacht uitgereikt', value: String(Object.values(d.counters.proxyPerCategory).reduce((a, b) => a + b, 0)) },
    ...kindIncidents(incidents, 'not-on-list'),
    { kind: 'heading', text: '8. Onderbrekingen' },
    ...none(interruptions.map((e) => ({ kind: 'line' as const, label: `Stick ${e.stick} ${INTERRUPTION_REASON_NAMES[e.reason]}`, value: `van ${time(e.from)} tot ${time(e.to)}` }))),
    { kind: 'heading', text: '9. Incidenten, opmerkingen en bezwaren' },
    ...none(incidents.filter((i) => i.kind !== 'not-on-list').flatMap(incidentBlocks)),
    { kind: 'heading', text: '10. Meldingen van de stembus' },
    ...none([
      ...[...refusals].map(([r, n]) => ({ kind: 'line' as const, label: `Stembiljet geweigerd: ${refusalText(r)}`, value: times(n) })),
      ...boxAlerts.map((e) => ({ kind: 'line' as const, label: `Om ${time(e.at)}: ${alertText(e.kind)}${e.detail ? ` (${faultDetail(e.detail)})` : ''}`, value: '' })),
    ]),
    { kind: 'heading', text: '11. Koppeling van de stembus' },
    ...pairings(events, d.pkg.election.release),
    ...dayLines(d),
    { kind: 'heading', text: '13. Controlecodes' },
    ...(c ? [{ kind: 'line' as const, label: 'Controlecode stembiljetten', value: shortHash(c.store.sha256) }] : []),
    ...codes(d),
    { kind: 'heading', text: '14. Opmerkingen van getuigen na de afsluiting' },
    ...(d.remarks.length === 0
      ? [{ kind: 'text' as const, text: 'Geen.' }]
      : [
          { kind: 'text' as const, text: 'Gemaakt bij de lezing van het proces-verbaal (handleiding III.6), ondertekend op beide sticks:' },
          ...d.remarks.map((r) => ({ kind: 'text' as const, text: `Om ${time(r.at)}, ${r.witness}${r.list ? ` (getuige van ${r.list})` : ''}: ${r.text}` })),
        ]),
    { kind: 'signatures', roles: signatureRoles(bureau?.type === 'bureau' ? bureau : undefined) },
  ];
  return { kind: 'proces-verbaal', title: 'Proces-verbaal', blocks };
}

type BureauEvent = Extract<ReportData['events'][number], { type: 'bureau' }>;
type Incident = ReturnType<typeof incidentsOf>[number];

/** Seed 002 II.B.1.c and III.2 b: who sat, who was absent, late or replaced; the witnesses and their list. */
function composition(b: BureauEvent | undefined): Block[] {
  if (!b) return [{ kind: 'text', text: 'Niet ingevuld op de voorzitterscomputer: vul de namen met de hand in.' }];
  const assessor = (a: BureauEvent['assessors'][number]): string => {
    switch (a.presence) {
      case 'present':
        return PRESENCE_NAMES.present;
      case 'absent':
        return PRESENCE_NAMES.absent;
      case 'late':
        return a.note ? `te laat, aangekomen om ${a.note}` : PRESENCE_NAMES.late;
      case 'replaced':
        return a.note ? `vervangen door ${a.note}` : PRESENCE_NAMES.replaced;
      default:
        return a.presence satisfies never;
    }
  };
  return [
    { kind: 'line', label: 'Voorzitter', value: b.president },
    { kind: 'line', label: 'Secretaris', value: b.secretary || 'niet ingevuld' },
    ...(b.assessors.length === 0 ? [{ kind: 'text' as const, text: 'Geen bijzitters ingevuld.' }] : b.assessors.map((a, i) => ({ kind: 'line' as const, label: `Bijzitter ${i + 1}: ${a.name}`, value: assessor(a) }))),
    ...(b.witnesses.length === 0 ? [{ kind: 'text' as const, text: 'Geen getuigen.' }] : b.witnesses.map((w) => ({ kind: 'line' as const, label: `Getuige: ${w.name}`, value: `aangewezen door ${w.list}` }))),
  ];
}

/** One line per member who signs, one per witness with their list (blank lines when the bureau was not entered). */
function signatureRoles(b: BureauEvent | undefined): string[] {
  if (!b) return ['Voorzitter', 'Secretaris', 'Bijzitter', 'Bijzitter', 'Bijzitter', 'Bijzitter', 'Bijzitter', 'Getuige (lijst ……)', 'Getuige (lijst ……)'];
  return [
    `Voorzitter (${b.president})`,
    ...(b.secretary ? [`Secretaris (${b.secretary})`] : ['Secretaris']),
    ...b.assessors.filter((a) => a.presence !== 'absent').map((a) => `Bijzitter (${a.presence === 'replaced' && a.note ? a.note : a.name})`),
    ...b.witnesses.map((w) => `Getuige (${w.name}, ${w.list})`),
  ];
}

/** Every start of the console after the first, with its time, and the wrong passwords typed before each opening. */
function restarts(events: ReportData['events']): Block[] {
  const unlocks = events.filter((e) => e.type === 'unlocked');
  const out: Block[] = [];
  for (const u of unlocks) {
    const wrong = u.failedAttempts === 0 ? 'geen foute paswoordpoging' : u.failedAttempts === 1 ? '1 foute paswoordpoging' : `${u.failedAttempts} foute paswoordpogingen`;
    out.push({ kind: 'line', label: u.resumed ? `Om ${time(u.at)}: herstart en opnieuw geopend` : `Om ${time(u.at)}: eerste opening met het paswoord`, value: wrong });
    // The console cannot know when it went down; the last exactly dated record before it bounds the outage.
    const before = u.resumed ? events.slice(0, events.indexOf(u)).findLast((e) => !VOTER_EVENT_TYPES.has(e.type)) : undefined;
    if (before) out.push({ kind: 'text', text: `  Onderbroken na ${time(before.at)} (de laatste gebeurtenis vóór de herstart).` });
  }
  if (!unlocks.some((u) => u.resumed)) out.push({ kind: 'text', text: 'De voorzitterscomputer werd niet herstart.' });
  return out;
}

/** Seed 002 III.3.1: the voters according to the aanstiplijsten, typed by the president at closing. */
function ticked(events: ReportData['events']): Block[] {
  const s = events.findLast((e) => e.type === 'closing-statement');
  if (s?.type !== 'closing-statement') return [{ kind: 'line', label: 'Kiezers volgens de aanstiplijsten', value: 'niet ingevuld bij de afsluiting' }];
  return [
    { kind: 'line', label: 'Kiezers afgestipt: persoonlijk gestemd', value: String(s.tickedInPerson) },
    { kind: 'line', label: 'Kiezers afgestipt: bij volmacht gestemd', value: String(s.tickedByProxy) },
    { kind: 'line', label: 'Kiezers volgens de aanstiplijsten, samen', value: String(s.tickedInPerson + s.tickedByProxy) },
  ];
}

/** Every difference with the president's explanation (typed at closing), or the console's own differences and a line to write on. */
function differences(d: ReportData): Block[] {
  const s = d.events.findLast((e) => e.type === 'closing-statement');
  if (s?.type === 'closing-statement') {
    if (s.explanations.length === 0) return [{ kind: 'text', text: 'Geen verschil: de aanstiplijsten, de stemkaarten, de stembiljetten en de omslagen kloppen.' }];
    return s.explanations.flatMap((x) => [
      { kind: 'text' as const, text: x.subject },
      { kind: 'text' as const, text: `Verklaring van de voorzitter: ${x.text}` },
    ]);
  }
  const found = d.counters.cardBalance.filter((b) => b.difference !== 0);
  if (found.length === 0) return [{ kind: 'text', text: 'Stemkaarten en stembiljetten: geen verschil per verkiezing.' }];
  return [...found.map((b) => ({ kind: 'text' as const, text: b.line })), { kind: 'line', label: 'Verklaring van de voorzitter', value: '______________________________' }];
}

/** Decree art. 20: both names; a disputed need with the bureau's reasoned decision. Dated to the hour, as every record about one voter. */
function assisted(events: ReportData['events']): Block[] {
  return events.flatMap((e) =>
    e.type === 'assisted-voter'
      ? [
          { kind: 'text' as const, text: `Tussen ${time(e.at)} en ${time(new Date(Date.parse(e.at) + 3_600_000).toISOString())}: ${e.voter}, bijgestaan door ${e.assistant}.` },
          ...(e.disputed ? [{ kind: 'text' as const, text: `De nood aan bijstand werd betwist. Gemotiveerde beslissing van het bureau: ${e.decision}` }] : []),
        ]
      : [],
  );
}

function kindIncidents(incidents: readonly Incident[], kind: Incident['kind']): Block[] {
  const found = incidents.filter((i) => i.kind === kind);
  return [{ kind: 'line', label: INCIDENT_KIND_NAMES[kind], value: String(found.length) }, ...found.flatMap(incidentBlocks)];
}

function incidentBlocks(i: Incident): Block[] {
  const when = [i.calledAt ? `oproep om ${time(i.calledAt)}` : '', i.repairedAt ? `hersteld om ${time(i.repairedAt)}` : ''].filter((x) => x !== '').join(', ');
  return [
    { kind: 'line', label: `Om ${time(i.at)}: ${INCIDENT_KIND_NAMES[i.kind]}`, value: when },
    { kind: 'text', text: i.description },
  ];
}

const times = (n: number): string => (n === 1 ? '1 keer' : `${n} keer`);

/** Every koppelticket printed and every device that paired with it (a second device, or a copy in use, shows here). */
function pairings(events: ReportData['events'], release: ReportData['pkg']['election']['release']): Block[] {
  const shown = events.filter((e) => e.type === 'pairing-printed' || e.type === 'box-paired');
  if (shown.length === 0) return [{ kind: 'text', text: 'Geen koppelticket afgedrukt, geen stembus gekoppeld.' }];
  const printed = shown.filter((e) => e.type === 'pairing-printed').length;
  const paired = shown.length - printed;
  const MAX_LINES = 20;
  return [
    { kind: 'line', label: 'Koppeltickets afgedrukt', value: String(printed) },
    { kind: 'line', label: 'Koppelingen (stembus of ander toestel)', value: String(paired) },
    ...shown.slice(0, MAX_LINES).map((e) => ({ kind: 'line' as const, label: `  Om ${time(e.at)}`, value: e.type === 'pairing-printed' ? 'koppelticket afgedrukt' : 'toestel gekoppeld' })),
    ...(shown.length > MAX_LINES ? [{ kind: 'text' as const, text: `… en nog ${shown.length - MAX_LINES} (zie de sticks).` }] : []),
    ...(paired > 1 ? [{ kind: 'text' as const, text: 'Meer dan één koppeling: normaal na een herstart van de stembus of de voorzitterscomputer. Anders verwittig het hoofdbureau.' }] : []),
    ...boxSoftware(events, release),
  ];
}

/** Each software the paired boxes and the activated voting computers reported, against the package's release (decree art. 4 §3). */
function boxSoftware(events: ReportData['events'], release: ReportData['pkg']['election']['release']): Block[] {
  const lines = new Map<string, string>();
  for (const e of events) {
    const label = e.type === 'box-software' ? 'Software van de stembus' : e.type === 'vc-software' ? `Software van ${e.machine}` : undefined;
    if (label === undefined || !('sha256' in e)) continue;
    const value = softwareLine(checkSoftware(e.type === 'box-software' ? 'stembus' : 'stemcomputer', fromHex(e.sha256) ?? new Uint8Array(0), release));
    lines.set(`${label}: ${value}`, label);
  }
  return [...lines].map(([both, label]) => ({ kind: 'line' as const, label, value: both.slice(label.length + 2) }));
}

export function kerncijferrapport(d: ReportData): ReportModel | undefined {
  const c = d.closing;
  if (!c) return undefined;
  return {
    kind: 'kerncijferrapport',
    title: 'Kerncijferrapport',
    blocks: [
      { kind: 'title', text: 'KERNCIJFERRAPPORT' },
      ...header(d),
      { kind: 'line', label: 'Stemming gesloten om', value: time(c.closedAt) },
      { kind: 'rule' },
      ...registered(d),
      { kind: 'line', label: 'Geannuleerde stembiljetten', value: String(c.annulledBallots) },
      { kind: 'line', label: 'Teststembiljetten', value: String(c.testBallots) },
      { kind: 'text', text: 'Stemkaarten per kiezerscategorie:' },
      ...cards(d),
      { kind: 'rule' },
      { kind: 'code', label: 'Controlecode stembiljetten', value: shortHash(c.store.sha256) },
      { kind: 'text', text: 'Deze code moet gelijk zijn aan de code op het scherm van het hoofdbureau bij het inlezen van de sticks.' },
      { kind: 'line', label: 'Controlecode afsluiting', value: shortHash(closingBytesHash(d)) },
      { kind: 'line', label: 'Sessie', value: group(toHex(c.sessionId).slice(0, 16).toUpperCase()) },
      ...codes(d),
      // Decree art. 24: when neither stick can be read, the hoofdbureau scans every paper ballot
      // again and needs the session key's certificate to check their signatures. It is public
      // (a public key, certified by the stembureau key) and travels with the sticks on paper.
      { kind: 'qr', label: 'Sessiecertificaat', bytes: d.sessionCertificate },
      { kind: 'text', text: 'Voor het hoofdbureau: als geen van beide sticks leesbaar is, scan deze code in bij het opnieuw inscannen van de stembiljetten (decreet art. 24).' },
      { kind: 'rule' },
      { kind: 'text', text: d.copies.kerncijfers > 1 ? `Exemplaar 1 gaat met de twee sticks in de omslag voor het hoofdbureau (nodig om de sticks in te lezen); de andere ${d.copies.kerncijfers === 2 ? 'gaat' : 'gaan'} met het proces-verbaal mee.` : 'Dit rapport gaat met de twee sticks in de omslag voor het hoofdbureau: het is nodig om de sticks in te lezen.' },
      { kind: 'signatures', roles: ['Voorzitter'] },
    ],
  };
}

const closingBytesHash = (d: ReportData): Uint8Array => (d.closing ? sha256(encodeClosingRecord(d.closing)) : new Uint8Array(32));

export function buildReport(kind: ReportKind, d: ReportData): ReportModel | undefined {
  switch (kind) {
    case 'pairing':
      return pairingTicket(d);
    case 'opening':
      return openingReport(d);
    case 'pv':
      return procesVerbaal(d);
    case 'kerncijfers':
      return kerncijferrapport(d);
    case 'envelope':
      return envelopeLabel(d);
    default:
      return kind satisfies never;
  }
}
