// What the four reports say (seed 002 II–III, decree art. 14 and 21): the pairing ticket for
// the ballot box, the opening report, the proces-verbaal and the kerncijferrapport.
import { fromHex, group, sha256, shortHash, toHex } from '@ovs/crypto';
import { ANNUL_REASON_NAMES, encodeClosingRecord, INCIDENT_KIND_NAMES, incidentsOf, INTERRUPTION_REASON_NAMES, type AnnulReason } from '@ovs/stick';
import { BOX_DEVICE_NAMES, BOX_DEVICES, BOX_REFUSAL_MESSAGES, BOX_REFUSALS, type BoxDevice, type BoxRefusal } from '@ovs/link';
import { checkSoftware, softwareLine } from '@ovs/release';
import type { ReportData, ReportKind } from '../core/report-data.ts';
import { dayLines } from './day-lines.ts';
import { date, time } from './format.ts';
import type { Block, ReportModel } from './model.ts';

/** A refusal the box reported, in the president's words (the log keeps the code). */
const refusalText = (code: string): string => ((BOX_REFUSALS as readonly string[]).includes(code) ? BOX_REFUSAL_MESSAGES[code as BoxRefusal] : code);

/** A box alert: the cover opened, or a device's fault. */
const alertText = (kind: string): string =>
  kind === 'cover-opened' ? 'deksel van de stembus geopend' : (BOX_DEVICES as readonly string[]).includes(kind) ? `storing: ${BOX_DEVICE_NAMES[kind as BoxDevice]}` : kind;

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

/** Cards issued against ballots registered (@ovs/stick card-balance.ts): every difference stated, for the president to explain. */
function cardBalance(d: ReportData): Block[] {
  const differences = d.counters.cardBalance.filter((b) => b.difference !== 0);
  if (differences.length === 0) return [{ kind: 'text', text: 'Stemkaarten en stembiljetten: geen verschil per verkiezing.' }];
  return [
    { kind: 'text', text: 'Verschil tussen stemkaarten en stembiljetten:' },
    ...differences.map((b) => ({ kind: 'text' as const, text: b.line })),
    // On paper too: the closing dialog asked for an incident, but the PV is what gets signed.
    { kind: 'text', text: 'De voorzitter moet dit verschil verklaren: als incident (rubriek 7) of hier.' },
    { kind: 'line', label: 'Verklaring', value: '______________________________' },
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

export function openingReport(d: ReportData): ReportModel {
  const opened = d.events.find((e) => e.type === 'voting-opened');
  const started = d.events.find((e) => e.type === 'session-started');
  return {
    kind: 'openingsrapport',
    title: 'Openingsrapport',
    blocks: [
      { kind: 'title', text: 'OPENINGSRAPPORT' },
      ...header(d),
      { kind: 'rule' },
      { kind: 'line', label: 'Sticks geopend om', value: time(started?.at) },
      { kind: 'line', label: 'Stemming geopend om', value: time(opened?.at ?? d.now) },
      { kind: 'line', label: 'Teller stembiljetten', value: String(d.counters.registered) },
      { kind: 'line', label: 'Stembus', value: d.events.some((e) => e.type === 'box-empty') ? 'leeg gemeld en nagekeken' : 'niet leeg gemeld' },
      { kind: 'line', label: 'Stemcomputers geactiveerd', value: String(d.counters.activationCards) },
      { kind: 'line', label: 'Testkaarten', value: String(d.counters.testCards) },
      { kind: 'line', label: 'Stick A en stick B', value: d.sticks.A.kind === 'ready' && d.sticks.B.kind === 'ready' ? 'in orde' : 'niet in orde' },
      { kind: 'rule' },
      ...codes(d),
      { kind: 'signatures', roles: ['Voorzitter'] },
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
  const blocks: Block[] = [
    { kind: 'title', text: 'PROCES-VERBAAL' },
    { kind: 'text', text: 'van de verkiezing in een stembureau met digitale stemming (Digitaal Kiesdecreet, art. 21)' },
    ...header(d),
    { kind: 'heading', text: '1. Verloop' },
    { kind: 'line', label: 'Sticks geopend om', value: time(events.find((e) => e.type === 'session-started')?.at) },
    { kind: 'line', label: 'Stemming geopend om', value: time(c?.openedAt ?? events.find((e) => e.type === 'voting-opened')?.at) },
    { kind: 'line', label: 'Stemming gesloten om', value: time(c?.closedAt) },
    { kind: 'heading', text: '2. Geregistreerde stemmen per verkiezing' },
    ...registered(d),
    { kind: 'heading', text: '3. Chipkaarten per kiezerscategorie' },
    ...cards(d),
    ...cardBalance(d),
    { kind: 'heading', text: '4. Geannuleerde stembiljetten' },
    { kind: 'line', label: 'Geteld in de omslag', value: c ? String(c.annulledBallots) : '—' },
    { kind: 'line', label: 'Geregistreerd op de computer', value: String(annulledRecorded) },
    ...(Object.entries(d.counters.annulledByReason) as Array<[AnnulReason, number]>).filter(([, n]) => n > 0).map(([r, n]) => ({ kind: 'line' as const, label: `  ${ANNUL_REASON_NAMES[r]}`, value: String(n) })),
    { kind: 'heading', text: '5. Teststemmen' },
    { kind: 'line', label: 'Teststembiljetten in de omslag', value: c ? String(c.testBallots) : '—' },
    { kind: 'heading', text: '6. Onderbrekingen' },
    ...(interruptions.length === 0
      ? [{ kind: 'text' as const, text: 'Geen.' }]
      : interruptions.map((e) => ({ kind: 'line' as const, label: `Stick ${e.stick} ${INTERRUPTION_REASON_NAMES[e.reason]}`, value: `${time(e.from)} – ${time(e.to)}` }))),
    { kind: 'heading', text: '7. Incidenten en opmerkingen' },
    ...(incidents.length === 0
      ? [{ kind: 'text' as const, text: 'Geen.' }]
      : incidents.flatMap((i) => [
          { kind: 'line' as const, label: INCIDENT_KIND_NAMES[i.kind], value: i.calledAt || i.repairedAt ? `oproep ${time(i.calledAt)}, hersteld ${time(i.repairedAt)}` : '' },
          { kind: 'text' as const, text: i.description },
        ])),
    { kind: 'heading', text: '8. Meldingen van de stembus' },
    ...(refusals.size === 0 && boxAlerts.length === 0
      ? [{ kind: 'text' as const, text: 'Geen.' }]
      : [
          ...[...refusals].map(([r, n]) => ({ kind: 'line' as const, label: `Geweigerd: ${refusalText(r)}`, value: String(n) })),
          ...boxAlerts.map((e) => ({ kind: 'line' as const, label: `${time(e.at)} ${alertText(e.kind)}`, value: e.detail })),
        ]),
    { kind: 'heading', text: '9. Koppeling van de stembus' },
    ...pairings(events, d.pkg.election.release),
    ...dayLines(d),
    { kind: 'heading', text: '10. Controlecodes' },
    ...(c ? [{ kind: 'line' as const, label: 'Stembiljetten', value: shortHash(c.store.sha256) }] : []),
    ...codes(d),
    { kind: 'signatures', roles: ['Voorzitter', 'Secretaris', 'Bijzitter', 'Bijzitter', 'Bijzitter', 'Bijzitter', 'Getuigen'] },
  ];
  return { kind: 'proces-verbaal', title: 'Proces-verbaal', blocks };
}

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
    ...shown.slice(0, MAX_LINES).map((e) => ({ kind: 'line' as const, label: `  ${time(e.at)}`, value: e.type === 'pairing-printed' ? 'koppelticket afgedrukt' : 'toestel gekoppeld' })),
    ...(shown.length > MAX_LINES ? [{ kind: 'text' as const, text: `… en nog ${shown.length - MAX_LINES} (zie de sticks).` }] : []),
    ...(paired > 1 ? [{ kind: 'text' as const, text: 'Meer dan één koppeling: normaal na een herstart van de stembus of de voorzitterscomputer. Anders verwittig het hoofdbureau.' }] : []),
    ...boxSoftware(events, release),
  ];
}

/** Each software the paired boxes reported, against the package's release (decree art. 4 §3). */
function boxSoftware(events: ReportData['events'], release: ReportData['pkg']['election']['release']): Block[] {
  const reported = [...new Set(events.flatMap((e) => (e.type === 'box-software' ? [e.sha256] : [])))];
  return reported.map((sha256) => ({ kind: 'line' as const, label: 'Software van de stembus', value: softwareLine(checkSoftware('stembus', fromHex(sha256) ?? new Uint8Array(0), release)) }));
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
  }
}
