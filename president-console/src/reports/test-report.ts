// The console's test report as a report model: printed on the report printer as a ticket and
// rendered as a PDF, like every other report of the console (reports/ticket.ts, pdf.ts).
import type { SelfTestCheck } from '@ovs/devices';
import type { ConsoleTestReport } from '../self-test/report.ts';
import { DEVICE_NAMES, deviceDetail, deviceTitle } from '@ovs/devices/self-test-text';
import type { Block, ReportModel } from './model.ts';

const OUTCOME: Record<SelfTestCheck['outcome'], string> = { pass: 'OK', fail: 'FOUT', operator: 'NAZIEN' };

const WHEN = new Intl.DateTimeFormat('nl-BE', { timeZone: 'Europe/Brussels', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' });

/** The console's own checks, by the part they test (their id's prefix). */
export const SECTIONS: Array<{ prefix: string; title: string }> = [
  { prefix: 'card-', title: 'Kaartschrijver: testkaart teruggelezen' },
  { prefix: 'stick-A-', title: 'USB-poort A' },
  { prefix: 'stick-B-', title: 'USB-poort B' },
  { prefix: 'link-', title: 'Verbinding met de stembus' },
];

const line = (c: SelfTestCheck, title: string, detail: string): Block => ({ kind: 'text', text: `${OUTCOME[c.outcome]}  ${title}: ${detail}` });

export function selfTestReportModel(r: ConsoleTestReport): ReportModel {
  const blocks: Block[] = [
    { kind: 'title', text: 'TESTRAPPORT' },
    { kind: 'text', text: `Voorzitterscomputer — ${r.phase === 'fase-1' ? 'fase 1 (depot)' : 'fase 2 (stemlokaal)'}` },
    { kind: 'line', label: 'Stembureau', value: r.station.name ? `${r.station.number}: ${r.station.name}` : String(r.station.number) },
    { kind: 'line', label: 'Verkiezingspakket', value: r.packageShortHash ?? 'onbekend (geen stemstick)' },
    { kind: 'line', label: 'Software', value: r.softwareShortHash },
    { kind: 'line', label: 'Getest op', value: WHEN.format(new Date(r.at)) },
    { kind: 'text', text: r.implementation === 'simulated' ? 'SIMULATIE — geldt niet als test van echte apparatuur' : 'Echte apparatuur' },
  ];
  for (const d of r.devices) {
    const name = d.device === 'card-reader' ? 'Kaartschrijver' : d.device === 'printer' ? 'Rapportprinter' : DEVICE_NAMES[d.device];
    blocks.push({ kind: 'heading', text: d.identity ? `${name} (${d.identity.model}, firmware ${d.identity.firmware}, serienummer ${d.identity.serial})` : name });
    for (const c of d.checks) blocks.push(line(c, deviceTitle(c), deviceDetail(c.detail)));
  }
  for (const s of SECTIONS) {
    const checks = r.checks.filter((c) => c.id.startsWith(s.prefix));
    if (checks.length === 0) continue;
    blocks.push({ kind: 'heading', text: s.title });
    for (const c of checks) blocks.push(line(c, c.title, c.detail));
  }
  blocks.push(
    { kind: 'rule' },
    { kind: 'text', text: r.passed ? 'RESULTAAT: geslaagd. Controleer de punten NAZIEN en teken.' : 'RESULTAAT: NIET geslaagd. Herstel de punten FOUT en test opnieuw.' },
    { kind: 'signatures', roles: ['Technicus'] },
  );
  return { kind: 'testrapport', title: `Testrapport voorzitterscomputer ${r.phase}`, blocks };
}
